"""Issue 9, syntax-error recovery: realistic typos in a real-looking email handler (typos/order_handler.bal)
give one error per mistake, at the mistake, never 'unexpected end of file' mid-file. Each case is one
edit of the valid handler: (text, replacement, [(line, column, message), ...])."""

from __future__ import annotations

from pathlib import Path

import pytest

from balmail.syntax.parser import parse_text

HANDLER = (Path(__file__).parent / "typos" / "order_handler.bal").read_text(encoding="utf-8")

ON_ERROR_END = "'error = err);\n    }\n}"
LOG_ORDER = 'log:printInfo("order", id = o.id, total = o.price * <decimal>o.quantity);'
PARSE_QTY = "    int qty = check int:fromString(parts[1]);"
PARSE_PRICE = "    decimal price = check decimal:fromString(parts[2]);"
TEMPLATE = "string `item ${i} of ${o.id}`"
MISSING_SEMI = "missing semicolon token"

TYPOS: dict[str, tuple[str, str, list[tuple[int, int, str]]]] = {
    "semicolon after an import": ("import ballerina/log;", "import ballerina/log", [(2, 21, MISSING_SEMI)]),
    "semicolon after a configurable": (
        'string host = "imap.example.com";',
        'string host = "imap.example.com"',
        [(5, 46, MISSING_SEMI)],
    ),
    "semicolon after a record field": ("    int quantity;", "    int quantity", [(11, 17, MISSING_SEMI)]),
    "semicolon after the listener": (
        "    pollingInterval: 30\n});",
        "    pollingInterval: 30\n})",
        [(20, 3, MISSING_SEMI)],
    ),
    "semicolon after check": (PARSE_QTY, PARSE_QTY[:-1], [(27, 45, MISSING_SEMI)]),
    "semicolon after return": (
        "quantity: qty, price: price};",
        "quantity: qty, price: price}",
        [(29, 55, MISSING_SEMI)],
    ),
    "semicolon after a bare return": (
        "            return;\n",
        "            return\n",
        [(38, 19, MISSING_SEMI)],
    ),
    "semicolon after a declaration": (
        'string body = message.body ?: "";',
        'string body = message.body ?: ""',
        [(34, 41, MISSING_SEMI)],
    ),
    "semicolon before a closing brace": (ON_ERROR_END, "'error = err)\n    }\n}", [(48, 54, MISSING_SEMI)]),
    "two semicolons": (
        f"{PARSE_QTY}\n{PARSE_PRICE}",
        f"{PARSE_QTY[:-1]}\n{PARSE_PRICE[:-1]}",
        [(27, 45, MISSING_SEMI), (28, 55, MISSING_SEMI)],
    ),
    "comma between listener fields": (
        "    host: host,\n",
        "    host: host\n",
        [(16, 15, "missing comma token")],
    ),
    "doubled comma": (
        "    pollingInterval: 30\n",
        "    pollingInterval: 30,,\n",
        [(19, 25, "invalid token ','")],
    ),
    "close parenthesis of a call": (
        "if parts.length() != 3 {",
        "if parts.length( != 3 {",
        [(24, 21, "missing close parenthesis token")],
    ),
    "close parenthesis of a condition": (
        "if o is error {",
        "if (o is error {",
        [(36, 23, "missing close parenthesis token")],
    ),
    "extra close parenthesis": (LOG_ORDER, LOG_ORDER[:-1] + ");", [(44, 81, "invalid token ')'")]),
    "close brace of an if": (
        "body);\n    }\n    int qty",
        "body);\n    int qty",
        [(29, 2, "missing close brace token")],
    ),
    "close brace of the service": (ON_ERROR_END, "'error = err);\n}", [(49, 2, "missing close brace token")]),
    "open brace of the service": (
        'service "orders" on inbox {',
        'service "orders" on inbox',
        [(32, 26, "missing open brace token")],
    ),
    "record closed with a brace": (
        "    decimal price;\n|};",
        "    decimal price;\n};",
        [(13, 1, "unexpected '}': expected '|}'")],
    ),
    "colon for a semicolon": (
        "    decimal price;\n",
        "    decimal price:\n",
        [(12, 18, "unexpected ':': expected ';'")],
    ),
    "map type not closed": ("map<string> headers", "map<string headers", [(43, 19, "missing gt token")]),
    "foreach without in": ("foreach int i in 0", "foreach int i 0", [(40, 22, "missing in keyword")]),
    "misspelt function": (
        "remote function onError",
        "remote fucntion onError",
        [(47, 41, "unexpected identifier 'err': expected one of ')', '->>', ';', '{', end of file")],
    ),
    "misspelt returns": (
        "returns Order|error {",
        "retruns Order|error {",
        [(22, 34, "unexpected identifier 'retruns': expected one of ';', '=', '=>', 'returns', '{'")],
    ),
    "string not closed": (
        'return error("bad order line: " + body);',
        'return error("bad order line: + body);',
        [(25, 22, "unterminated string literal: missing closing '\"'")],
    ),
    "template not closed": (
        TEMPLATE,
        TEMPLATE[:-1],
        [(41, 31, "unterminated template: missing closing '`'")],
    ),
    "interpolation not closed": (
        TEMPLATE,
        "string `item ${i of ${o.id}`",
        [(41, 31, "unterminated template: missing closing '`'")],
    ),
    "assignment for equality": (
        "if parts.length() != 3 {",
        "if parts.length() = 3 {",
        [(24, 23, "unexpected '=': expected one of ')', ',', '->>', ':', ';', '=>', ...")],
    ),
    "range with two dots": ("0 ..< o.quantity", "0 .. o.quantity", [(40, 29, "invalid token '.'")]),
    "keyword as a variable name": (
        PARSE_QTY,
        "    int limit = check int:fromString(parts[1]);",
        [(27, 9, "invalid token 'limit': it is a keyword (write 'limit to use it as a name)")],
    ),
    "keyword as a function name": (
        "function parseOrder(string body)",
        "function handle(string body)",
        [(22, 10, "invalid token 'handle': it is a keyword (write 'handle to use it as a name)")],
    ),
    "missing right-hand side": (
        PARSE_QTY,
        "    int qty = ;",
        [(27, 15, "unexpected ';': expected an expression")],
    ),
}


def test_the_handler_itself_parses_clean() -> None:
    assert parse_text(HANDLER).diagnostics == ()


@pytest.mark.parametrize("name", sorted(TYPOS))
def test_one_error_per_typo_at_the_mistake(name: str) -> None:
    old, new, expected = TYPOS[name]
    assert HANDLER.count(old) == 1, old
    result = parse_text(HANDLER.replace(old, new))
    got = [(d.span.line, d.span.column, d.message) for d in result.diagnostics]
    assert got == expected
    assert not any(message.startswith("unexpected end of file") for _, _, message in got)


REPLY = (Path(__file__).parent / "typos" / "reply_handler.bal").read_text(encoding="utf-8")

REPLY_TYPOS: dict[str, tuple[str, str, list[tuple[int, int, str]]]] = {
    "comma between enum members": ("    HIGH,\n", "    HIGH\n", [(17, 9, "missing comma token")]),
    "semicolon after the last enum member": ("    LOW\n}", "    LOW;\n}", [(18, 8, "invalid token ';'")]),
    "comma between mapping fields": (
        '                to: m.\'from ?: "",\n',
        '                to: m.\'from ?: ""\n',
        [(39, 34, "missing comma token")],
    ),
    "semicolon after a mapping constructor": (
        '"We got it."\n            };',
        '"We got it."\n            }',
        [(42, 14, MISSING_SEMI)],
    ),
    "close brace of a match clause": (
        "            return LOW;\n        }\n",
        "            return LOW;\n",
        [(30, 2, "missing close brace token")],
    ),
    "close bracket of a list": ("[1, 2, 3];", "[1, 2, 3;", [(47, 32, "missing close bracket token")]),
    "close parenthesis of the listener": (
        "    password: pass\n});",
        "    password: pass\n};",
        [(14, 2, "missing close parenthesis token")],
    ),
    "close parenthesis of a parameter list": (
        "onClose(email:Error? err) {",
        "onClose(email:Error? err {",
        [(52, 45, "missing close parenthesis token")],
    ),
    "close parenthesis of a remote call": (
        "check smtp->sendMessage(reply);",
        "check smtp->sendMessage(reply;",
        [(43, 42, "missing close parenthesis token")],
    ),
    "close angle of a cast": ("<string[]>m.to", "<string[]m.to", [(36, 59, "missing gt token")]),
    "open brace of else": (
        "} else {\n            log",
        "} else \n            log",
        [(44, 15, "missing open brace token")],
    ),
    "extra parenthesis in a condition": (
        "if err is email:Error {",
        "if err is email:Error) {",
        [(53, 30, "invalid token ')'")],
    ),
    "doubled semicolon": (
        "Priority p = priorityOf(m);",
        "Priority p = priorityOf(m);;",
        [(35, 36, "invalid token ';'")],
    ),
    "semicolon after a module variable": (
        "check new (smtpHost, user, pass);",
        "check new (smtpHost, user, pass)",
        [(8, 63, MISSING_SEMI)],
    ),
    "colon for a named argument": (
        'log:printDebug("total", total = total);',
        'log:printDebug("total", total: total);',
        [(49, 38, "unexpected ':': expected ','")],
    ),
    "single-quoted string": ('"Re: " + m.subject', "'Re: ' + m.subject", [(40, 31, "invalid character '''")]),
}


def test_the_reply_handler_itself_parses_clean() -> None:
    assert parse_text(REPLY).diagnostics == ()


@pytest.mark.parametrize("name", sorted(REPLY_TYPOS))
def test_one_error_per_typo_in_the_reply_handler(name: str) -> None:
    old, new, expected = REPLY_TYPOS[name]
    assert REPLY.count(old) == 1, old
    got = [(d.span.line, d.span.column, d.message) for d in parse_text(REPLY.replace(old, new)).diagnostics]
    assert got == expected


def test_three_mistakes_in_one_function_are_three_errors_where_they_are() -> None:
    """A statement ending in an operator (`"a" +;`) is blanked up to its own `;` when the token repairs
    cannot mend it: the `if` block below it, left unclosed, is then still parsed, and its missing `}` is
    reported at the end of the file (it used to be blanked with the rest of the file, and the missing
    brace reported at the statement before)."""
    text = (
        "import ballerina/io;\n\npublic function main() {\n    int x = 1\n    io:println(x);\n"
        '    string s = "a" +;\n    if x > 0 {\n        io:println("p");\n\n    io:println("end");\n}\n'
    )
    got = [(d.span.line, d.span.column, d.message) for d in parse_text(text).diagnostics]
    assert got == [
        (4, 14, MISSING_SEMI),
        (6, 21, "unexpected ';': expected an expression"),
        (11, 2, "missing close brace token"),
    ]


def test_a_stray_close_brace_at_the_end_of_the_file_is_an_invalid_token() -> None:
    """The last token of the file, when the file could end without it, is dropped as `invalid token`
    (not replaced by a `;`, which module level also takes)."""
    text = "public function main() {\n    if true {\n    }\n    }\n}\n"
    got = [(d.span.line, d.span.column, d.message) for d in parse_text(text).diagnostics]
    assert got == [(5, 1, "invalid token '}'")]


def test_a_mapping_constructor_left_open_before_the_next_statement() -> None:
    """Of the insertions that fit the next two tokens, the one the rest of the line parses after: a `,`
    would read `io:` as a field name, so the constructor's `}` and the statement's `;` are what is
    missing."""
    text = 'import ballerina/io;\n\npublic function main() {\n    map<string> m = {a: "1", b: "2"\n'
    text += "    io:println(m);\n}\n"
    got = [(d.span.line, d.span.column, d.message) for d in parse_text(text).diagnostics]
    assert got == [(4, 36, "missing close brace token"), (4, 36, MISSING_SEMI)]
