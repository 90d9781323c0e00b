"""ballerina/io's CSV functions: `fileReadCsv`, `fileReadCsvAsStream`, `fileWriteCsv`,
`fileWriteCsvFromStream`. Files are read and written through io.py's permission-checked paths; the
format is Python's `csv` module (RFC 4180 quoting: a field holding a comma, quote or line break is
quoted, a quote inside is doubled), with `\\n` line ends as Ballerina writes them.

Rows are `string[]` by default. When the expected type is a record (`Employee[] rows = check
io:fileReadCsv(p)`) the first row is the header: each column is matched to the field of that name and its
text converted to the field's type (int, float, decimal, boolean, string, or nil for an empty cell of an
optional type), with the module's error texts for cells that do not fit; `map<anydata>` rows take every
column as a string. Writing records writes their field names as a header first, unless appending to a
file that already has one, whose column order is then followed.
"""

from __future__ import annotations

import csv
import decimal
import io as _io
from collections.abc import Callable, Iterator
from typing import Any

from balmail.runtime import types as T
from balmail.runtime.values import BError, BList, BMap, BStream, BTypedesc, to_string

STRINGS = T.TArray(T.STRING)
ReadText = Callable[[Any], "str | BError"]
WriteText = Callable[[Any, str, Any], "BError | None"]
MakeError = Callable[[str], BError]


def _row_type(td: Any) -> T.Type:
    """The row type a `returnType` typedesc asks for: the element of `T[]` or `stream<T>` as the
    contextual type is the whole result, or `T` itself; `string[]` when nothing was asked."""
    if not isinstance(td, BTypedesc):
        return STRINGS
    t = T.resolve(td.type)
    if isinstance(t, T.TArray) and not isinstance(T.resolve(t.element), T.TString):
        t = T.resolve(t.element)
    elif isinstance(t, T.TStream) and t.element is not None:
        t = T.resolve(t.element)
    if isinstance(t, T.TUnion):  # `Row[]|io:Error` was stripped of the error; `Row?` and friends
        members = [T.resolve(m) for m in t.members if not isinstance(T.resolve(m), T.TError | T.TNil)]
        t = members[0] if len(members) == 1 else t
    if isinstance(t, T.TIntersection):
        t = T.resolve(t.non_readonly())
    return t


def _rows(text: str) -> list[list[str]]:
    """The records of a CSV text; blank lines are not records."""
    return [row for row in csv.reader(_io.StringIO(text, newline="")) if row]


_INTEGER_TEXT = frozenset("+-0123456789")


def _convert(text: str, field: T.Field, error: MakeError) -> Any:
    """A cell's text as the value of a record field, or the module's error."""
    t = T.resolve(field.type)
    if text == "":
        if isinstance(t, T.TUnion) and any(isinstance(T.resolve(m), T.TNil) for m in t.members):
            return None
        return error(f"Field '{field.name}' does not support nil value.")
    if isinstance(t, T.TUnion):
        rest = [T.resolve(m) for m in t.members if not isinstance(T.resolve(m), T.TNil)]
        if len(rest) != 1:
            return error(f"Unsupported nillable field : {field.name} for value: {text}")
        t = rest[0]
    value = text.strip()
    try:
        if isinstance(t, T.TInt):
            if not value or not set(value) <= _INTEGER_TEXT:
                raise ValueError(value)
            return int(value)
        if isinstance(t, T.TFloat):
            return float(value)
        if isinstance(t, T.TDecimal):
            return decimal.Decimal(value)
        if isinstance(t, T.TBoolean):
            return value.lower() == "true"
        if isinstance(t, T.TString | T.TAnydata | T.TJson | T.TAny):
            return value
    except (ValueError, decimal.InvalidOperation):
        return error(f"Invalid value: {value} for the field: '{field.name}'")
    return error(
        "Data mapping support only for int, float, Decimal, boolean and string. "
        f"Unsupported value for the struct field: {field.name}"
    )


def _record(header: list[str], row: list[str], rt: T.Type, error: MakeError) -> Any:
    """One data row as a value of the record (or map) type `rt`."""
    if isinstance(rt, T.TMap):
        return BMap({name: cell.strip() for name, cell in zip(header, row, strict=False)}, rt)
    assert isinstance(rt, T.TRecord)
    cells = dict(zip(header, row, strict=False))
    values: dict[str, Any] = {}
    # built as Ballerina builds a record value: the fields with defaults first, then the others
    ordered = sorted(rt.fields.items(), key=lambda item: item[1].default is None)
    for name, field in ordered:
        if name in cells:
            value = _convert(cells[name], field, error)
            if isinstance(value, BError):
                return value
            values[name] = value
        elif field.default is not None:
            values[name] = field.default()
        elif not field.optional:
            return error("Record type and CSV file does not match.")
    for name, cell in cells.items():
        if name not in rt.fields:
            if rt.rest is None:
                return error("Record type and CSV file does not match.")
            values[name] = cell.strip()
    return BMap(values, rt)


def _typed_rows(rows: list[list[str]], rt: T.Type, error: MakeError) -> Iterator[Any]:
    """The rows as `string[]`s, or as records after the header row."""
    if not isinstance(rt, T.TRecord | T.TMap):
        for row in rows:
            yield BList(row, STRINGS)
        return
    if not rows:
        return
    header = [name.strip() for name in rows[0]]
    for row in rows[1:]:
        yield _record(header, row, rt, error)


def _cells(row: Any, header: list[str] | None) -> list[str] | BError:
    if isinstance(row, BMap):
        keys = header if header is not None else list(row)
        return ["" if row.get(k) is None else to_string(row.get(k)) for k in keys]
    return [to_string(v) for v in row]


def _text(rows: list[list[str]]) -> str:
    out = _io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def csv_functions(read_text: ReadText, write_text: WriteText, error: MakeError) -> dict[str, Any]:
    """The CSV functions over io.py's checked file access."""

    def read_rows(path: Any) -> list[list[str]] | BError:
        text = read_text(path)
        return text if isinstance(text, BError) else _rows(text)

    def file_read_csv(path: Any, skip_headers: Any = 0, return_type: Any = None) -> Any:
        if isinstance(skip_headers, BTypedesc):  # the inferred type arrived in the second place
            skip_headers, return_type = 0, skip_headers
        rows = read_rows(path)
        if isinstance(rows, BError):
            return rows
        rt = _row_type(return_type)
        out = []
        for value in _typed_rows(rows[max(0, skip_headers) :], rt, error):
            if isinstance(value, BError):
                return value
            out.append(value)
        return BList(out, T.TArray(rt))

    def file_read_csv_as_stream(path: Any, return_type: Any = None) -> Any:
        rows = read_rows(path)
        if isinstance(rows, BError):
            return rows
        rt = _row_type(return_type)
        return BStream(_typed_rows(rows, rt, error), T.TStream(rt))

    def write_rows(path: Any, items: Any, option: Any) -> Any:
        header: list[str] | None = None
        rows: list[list[str]] = []
        for item in items:
            if isinstance(item, BError):
                return item
            if isinstance(item, BMap) and header is None:
                existing = _existing_header(path, option)
                header = existing or list(item)
                if existing is None:
                    rows.append(header)
            cells = _cells(item, header)
            if isinstance(cells, BError):
                return cells
            rows.append(cells)
        return write_text(path, _text(rows), option)

    def _existing_header(path: Any, option: Any) -> list[str] | None:
        if option != "APPEND":
            return None
        text = read_text(path)
        if isinstance(text, BError):
            return None
        rows = _rows(text)
        return [name.strip() for name in rows[0]] if rows else None

    def file_write_csv(path: Any, content: Any, option: Any = "OVERWRITE") -> Any:
        return write_rows(path, content, option)

    def file_write_csv_from_stream(path: Any, content: Any, option: Any = "OVERWRITE") -> Any:
        items = content.iterator if isinstance(content, BStream) else content
        return write_rows(path, items, option)

    file_read_csv.wants_expected_type = 3  # type: ignore[attr-defined]  # `returnType = <>`
    file_read_csv_as_stream.wants_expected_type = 2  # type: ignore[attr-defined]
    return {
        "fileReadCsv": file_read_csv,
        "fileReadCsvAsStream": file_read_csv_as_stream,
        "fileWriteCsv": file_write_csv,
        "fileWriteCsvFromStream": file_write_csv_from_stream,
    }
