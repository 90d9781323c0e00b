"""ballerina/io: console output and the file functions, the latter behind the sandbox's file permissions.

File functions open the path the sandbox checked after resolving it (`..` and symlinks), so what is
opened is what was allowed.
"""

from __future__ import annotations

import os
from typing import Any

from balmail.lib.io_csv import csv_functions
from balmail.lib.io_xml import DOCTYPE, ENTITY_TYPE, WRITE_OPTIONS, xml_functions
from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.rawtemplate import is_raw_template, render
from balmail.runtime.strands import blocking
from balmail.runtime.values import BError, BList, to_json_string, to_string

IO_ERROR = T.TError(None, frozenset({-100}))
IO_ERROR.name = "io:Error"


OVERWRITE = "OVERWRITE"
APPEND = "APPEND"
BYTES = T.TArray(T.BYTE)
FILE_OUTPUT_STREAM = T.TUnion([T.TSingleton(1), T.TSingleton(2)])
FILE_OUTPUT_STREAM.name = "io:FileOutputStream"


def io_error(message: str, cause: BError | None = None) -> BError:
    """An `io:Error`; a refused permission keeps the sandbox's error (naming the flag) as its cause."""
    return BError(message, cause, None, IO_ERROR)


def os_error(error: OSError, path: Any) -> BError:
    """An operating system failure as a sentence naming the path (no Python exception text)."""
    reason = error.strerror or type(error).__name__
    return io_error(f"{reason.lower()}: {path}")


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox

    def write(text: str, flush: bool = False) -> None:
        ctx.output_size += len(text)
        if ctx.output_size > sb.max_size * 4:
            sb.check_size(ctx.output_size)
        try:
            ctx.out.write(text)
            if flush:
                ctx.out.flush()
        except BrokenPipeError:
            # Ballerina writes through Java's System.out, which swallows write errors: a reader that went
            # away (`bal run | head -1`) does not stop the program, its output just goes nowhere
            pass

    def printable(v: Any) -> str:
        """An `io:Printable`'s text: a raw template (`PrintableRawTemplate`) is its pieces and insertions."""
        if type(v) is str:
            return v
        return render(v, sb) if is_raw_template(v) else to_string(v, sb)

    def println(*values: Any) -> None:
        write("".join(v if type(v) is str else printable(v) for v in values) + "\n", ctx.flush_lines)

    def print_(*values: Any) -> None:
        write("".join(v if type(v) is str else printable(v) for v in values))

    def resolved(kind: str, path: Any) -> str | BError:
        """The real path to open after the sandbox allowed it: `..` and symlinks were resolved for
        the check, and the same resolved path is what gets opened."""
        if type(path) is not str or not path:
            return io_error("a file path must be a non-empty string")
        denied = sb.allow_read(path) if kind == "read" else sb.allow_write(path)
        if denied is not None:
            return io_error(denied.message, denied)
        return os.path.realpath(path)

    def read_bytes(path: Any) -> bytes | BError:
        real = resolved("read", path)
        if isinstance(real, BError):
            return real
        limit = sb.max_size * 4
        try:
            if os.path.getsize(real) > limit:
                sb.check_size(os.path.getsize(real))
            with blocking(ctx):  # a named pipe or a slow disk waits: other handlers run meanwhile
                with open(real, "rb") as fh:
                    data = fh.read(limit + 1)  # a pipe has no size up front
        except OSError as e:
            return os_error(e, path)
        if len(data) > limit:
            sb.check_size(len(data))
        return data

    def write_bytes(path: Any, data: bytes, option: Any) -> Any:
        if option not in (OVERWRITE, APPEND):
            return io_error(f"unknown file write option '{option}'; use io:OVERWRITE or io:APPEND")
        real = resolved("write", path)
        if isinstance(real, BError):
            return real
        try:
            with blocking(ctx), open(real, "ab" if option == APPEND else "wb") as fh:
                fh.write(data)
        except OSError as e:
            return os_error(e, path)
        return None

    def file_read_bytes(path: Any) -> Any:
        data = read_bytes(path)
        if isinstance(data, BError):
            return data
        return BList(list(data), BYTES, ro=True)

    def file_write_bytes(path: Any, content: Any, option: Any = OVERWRITE) -> Any:
        return write_bytes(path, bytes(content), option)

    def file_read_string(path: Any) -> Any:
        data = read_bytes(path)
        if isinstance(data, BError):
            return data
        text = data.decode("utf-8", errors="replace")
        sb.check_size(len(text))
        return text

    def file_read_lines(path: Any) -> Any:
        text = file_read_string(path)
        if isinstance(text, BError):
            return text
        return BList(text.splitlines(), T.TArray(T.STRING))

    def file_write_string(path: Any, content: str, option: Any = OVERWRITE) -> Any:
        return write_bytes(path, content.encode("utf-8"), option)

    def file_write_lines(path: Any, lines: Any, option: Any = OVERWRITE) -> Any:
        return file_write_string(path, "".join(s + "\n" for s in lines), option)

    def file_read_json(path: Any) -> Any:
        text = file_read_string(path)
        if isinstance(text, BError):
            return text
        from balmail.lib.langlib import from_json_string

        value = from_json_string(text)
        if isinstance(value, BError):
            return io_error(f"{value.message}: {path}")
        return value

    def file_write_json(path: Any, content: Any) -> Any:
        return file_write_string(path, to_json_string(content, sb))

    return LibModule(
        "ballerina/io",
        functions={
            **csv_functions(file_read_string, file_write_string, io_error),
            **xml_functions(file_read_string, file_write_string, io_error),
            "println": println,
            "print": print_,
            "fileReadString": file_read_string,
            "fileReadLines": file_read_lines,
            "fileWriteString": file_write_string,
            "fileWriteLines": file_write_lines,
            "fileReadJson": file_read_json,
            "fileWriteJson": file_write_json,
            "fileReadBytes": file_read_bytes,
            "fileWriteBytes": file_write_bytes,
        },
        constants={
            "OVERWRITE": OVERWRITE,
            "APPEND": APPEND,
            "DOCUMENT_ENTITY": "DOCUMENT_ENTITY",
            "EXTERNAL_PARSED_ENTITY": "EXTERNAL_PARSED_ENTITY",
            "stdout": 1,
            "stderr": 2,
        },
        types={
            "Error": IO_ERROR,
            "FileWriteOption": T.STRING,
            "XmlEntityType": ENTITY_TYPE,
            "XmlDoctype": DOCTYPE,
            "XmlWriteOptions": WRITE_OPTIONS,
            "FileOutputStream": FILE_OUTPUT_STREAM,
        },
    )
