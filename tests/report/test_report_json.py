"""Golden tests for the JSON report: fixed key order, report order, registry names, unescaped UTF-8."""

from __future__ import annotations

import json

from balmail.diagnostics import error, info, warning
from balmail.report.json import record, render_json
from balmail.source import SourceFile

SOURCE = SourceFile("src/app.bal", 'import ballerina/io;\nstring s = "héllo" + ñ;\n')


def test_render_json_golden() -> None:
    text = SOURCE.text
    diagnostics = [
        warning("BALMAIL_950", "nombre ñ sin declarar", SOURCE.span(text.index("ñ"), text.index("ñ") + 1)),
        error(
            "BAL_NAME_007",
            "unused module prefix 'io'",
            SOURCE.span(7, 19),
            help="remove the import",
        ),
    ]
    assert render_json(diagnostics) == (
        "[\n"
        "  {\n"
        '    "code": "BAL_NAME_007",\n'
        '    "name": "unused-import",\n'
        '    "severity": "error",\n'
        '    "message": "unused module prefix \'io\'",\n'
        '    "file": "src/app.bal",\n'
        '    "line": 1,\n'
        '    "column": 8,\n'
        '    "endLine": 1,\n'
        '    "endColumn": 20,\n'
        '    "help": "remove the import"\n'
        "  },\n"
        "  {\n"
        '    "code": "BALMAIL_950",\n'
        '    "name": null,\n'
        '    "severity": "warning",\n'
        '    "message": "nombre ñ sin declarar",\n'
        '    "file": "src/app.bal",\n'
        '    "line": 2,\n'
        '    "column": 22,\n'
        '    "endLine": 2,\n'
        '    "endColumn": 23,\n'
        '    "help": null\n'
        "  }\n"
        "]\n"
    )


def test_key_order_is_fixed() -> None:
    diagnostic = info("EMAIL_102", "Service must contain `onMessage` function.", SOURCE.span(0, 6))
    assert list(record(diagnostic)) == [
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "endLine",
        "endColumn",
        "help",
    ]
    assert record(diagnostic)["name"] == "missing-on-message"
    assert record(diagnostic)["severity"] == "info"


def test_empty_is_an_empty_array() -> None:
    assert render_json([]) == "[]\n"


def test_output_round_trips_as_utf8() -> None:
    diagnostic = error("BAL_NAME_001", "undefined symbol 'ñ'", SOURCE.span(0, 1))
    encoded = render_json([diagnostic]).encode("utf-8")
    assert "ñ".encode() in encoded
    assert json.loads(encoded.decode("utf-8"))[0]["message"] == "undefined symbol 'ñ'"
