"""ballerina/io: console output and the file functions, the latter behind the sandbox's file permissions."""

from __future__ import annotations

from typing import Any

from balmail.lang import types as T
from balmail.lang.values import BError, BList, to_json_string, to_string
from balmail.lib.registry import LibModule

IO_ERROR = T.TError(None, frozenset({-100}))
IO_ERROR.name = "io:Error"


def io_error(message: str) -> BError:
    return BError(message, None, None, IO_ERROR)


def module(ctx: Any) -> LibModule:
    sb = ctx.sandbox

    def write(text: str) -> None:
        ctx.output_size += len(text)
        if ctx.output_size > sb.max_size * 4:
            sb.check_size(ctx.output_size)
        ctx.out.write(text)

    def println(*values: Any) -> None:
        write("".join(v if type(v) is str else to_string(v) for v in values) + "\n")

    def print_(*values: Any) -> None:
        write("".join(v if type(v) is str else to_string(v) for v in values))

    def file_read_string(path: str) -> Any:
        denied = sb.allow_read(path)
        if denied is not None:
            return io_error(denied.message)
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as e:
            return io_error(f"{e.strerror or e}: {path}")
        sb.check_size(len(text))
        return text

    def file_read_lines(path: str) -> Any:
        text = file_read_string(path)
        if isinstance(text, BError):
            return text
        return BList(text.splitlines(), T.TArray(T.STRING))

    def file_write_string(path: str, content: str, option: str = "OVERWRITE") -> Any:
        denied = sb.allow_write(path)
        if denied is not None:
            return io_error(denied.message)
        try:
            with open(path, "a" if option == "APPEND" else "w", encoding="utf-8") as fh:
                fh.write(content)
        except OSError as e:
            return io_error(f"{e.strerror or e}: {path}")
        return None

    def file_write_lines(path: str, lines: Any, option: str = "OVERWRITE") -> Any:
        return file_write_string(path, "".join(s + "\n" for s in lines), option)

    def file_read_json(path: str) -> Any:
        text = file_read_string(path)
        if isinstance(text, BError):
            return text
        from balmail.lib.langlib import from_json_string

        return from_json_string(text)

    def file_write_json(path: str, content: Any) -> Any:
        return file_write_string(path, to_json_string(content))

    return LibModule(
        "ballerina/io",
        functions={
            "println": println,
            "print": print_,
            "fileReadString": file_read_string,
            "fileReadLines": file_read_lines,
            "fileWriteString": file_write_string,
            "fileWriteLines": file_write_lines,
            "fileReadJson": file_read_json,
            "fileWriteJson": file_write_json,
        },
        constants={"OVERWRITE": "OVERWRITE", "APPEND": "APPEND"},
        types={"Error": IO_ERROR, "FileWriteOption": T.STRING},
    )
