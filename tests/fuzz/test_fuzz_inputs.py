"""Config.toml documents, command lines and MIME messages drawn by Hypothesis: each gives values, a
clear error or a parsed message, never a Python exception or traceback."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from balmail.cli import main
from balmail.config import ConfigError, resolve_configurables
from balmail.mail.errors import MessageParseError
from balmail.mail.message import ReceivedMessage, parse_message
from balmail.runtime import types as T

from .conftest import FUZZ

# -- Config.toml --------------------------------------------------------------------------------

KEYS = st.sampled_from(["port", "name", "ratio", "tags", "server", "x", "balmail", "ballerina", "a.b", '"q"'])
SCALARS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True).map(
        lambda f: {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(f), repr(f))
    ),
    st.text(max_size=8).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(["true", "false", "1979-05-27", "'lit'", '"""m\nl"""', "0x10", "1_000"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(KEYS, inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k} = {v}" for k, v in kv) + "}"
        ),
        st.integers(100, 3_000).map(lambda n: "[" * n + "]" * n),
    ),
    max_leaves=8,
)
LINES = st.one_of(
    st.tuples(KEYS, VALUES).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    KEYS.map(lambda k: f"[{k}]"),
    KEYS.map(lambda k: f"[[{k}]]"),
    st.integers(1, 500).map(lambda n: "[" + ".".join(["t"] * n) + "]"),
    st.text(max_size=10),
)
DOCUMENTS = st.one_of(
    st.lists(LINES, max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
    st.binary(max_size=64),
)
RECORD = T.TRecord(
    {"host": T.Field("host", T.STRING, False, None), "port": T.Field("port", T.INT, True, None)}, rest=None
)
CONFIGURABLES = [
    ("port", 0, T.INT, False),
    ("name", 1, T.STRING, False),
    ("ratio", 2, T.FLOAT, False),
    ("tags", 3, T.TArray(T.STRING), False),
    ("server", 4, RECORD, False),
    ("x", 5, T.JSON, False),
]


@FUZZ
@given(
    DOCUMENTS,
    st.one_of(st.none(), st.lists(LINES, max_size=3).map("\n".join)),
    st.dictionaries(st.sampled_from(["port", "name", "x", "tags"]), st.one_of(SCALARS, VALUES), max_size=2),
)
def test_config_documents_give_values_or_a_config_error(
    tmp_path_factory: object, document: bytes, data: str | None, overrides: dict[str, str]
) -> None:
    folder: Path = tmp_path_factory.mktemp("config")  # type: ignore[attr-defined]
    (folder / "Config.toml").write_bytes(document)
    environ = {} if data is None else {"BAL_CONFIG_DATA": data}
    try:
        values = resolve_configurables(CONFIGURABLES, cwd=folder, environ=environ, overrides=overrides)
    except ConfigError as e:
        assert str(e)
        return
    for name, value in values.items():
        if name == "port":
            assert -(2**63) <= value < 2**63


# -- command lines ------------------------------------------------------------------------------

HELLO = (
    "import ballerina/io;\n\nconfigurable int n = 1;\n\n"
    "public function main(string... args) {\n    io:println(n, args);\n}\n"
)
FLAG_VALUES = st.one_of(
    st.sampled_from(["", "0", "-5", "nan", "inf", "1e309", "2G", "1x", "=", "5", "0.001", "-", "é", "\x00"]),
    st.integers().map(str),
    st.text(max_size=6),
)
FLAGS = st.sampled_from(
    [
        "--max-time",
        "--max-steps",
        "--max-depth",
        "--max-size",
        "--max-memory",
        "--allow-read",
        "--allow-net",
        "--allow-env",
        "--allow-write",
        "--format",
        "-C",
        "-Cn",
        "--listener",
        "--client",
        "--once",
        "--strict",
        "--select",
        "--ignore",
        "--max-retries",
        "--grace-period",
    ]
)
ARGUMENT = st.one_of(
    st.tuples(FLAGS, FLAG_VALUES).map(lambda t: f"{t[0]}={t[1]}"),
    st.tuples(FLAGS, FLAG_VALUES).map(list),
    FLAGS.map(lambda f: [f]),
    FLAG_VALUES,
)


def flatten(args: list[str | list[str]]) -> list[str]:
    out: list[str] = []
    for a in args:
        out.extend(a if isinstance(a, list) else [a])
    return out


@FUZZ
@given(st.sampled_from(["run", "check", "lint"]), st.lists(ARGUMENT, max_size=5), st.booleans())
def test_command_lines_end_with_an_exit_code(
    tmp_path_factory: object, command: str, args: list[str | list[str]], program_first: bool
) -> None:
    folder: Path = tmp_path_factory.mktemp("cli")  # type: ignore[attr-defined]
    (folder / "hello.bal").write_text(HELLO)
    argv = flatten(args)
    argv = ["hello.bal", *argv] if program_first else [*argv, "hello.bal"]
    before = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, [command, *argv])
    finally:
        os.chdir(before)
    assert result.exception is None or isinstance(result.exception, SystemExit), (argv, result.output)
    assert result.exit_code in (0, 1, 2), (argv, result.output)
    assert "Traceback" not in result.output


# -- MIME messages ------------------------------------------------------------------------------

HEADER_VALUES = st.one_of(
    st.sampled_from(
        [
            "text/plain; charset=utf-8",
            "text/html; charset=bogus",
            "multipart/mixed; boundary=B",
            'multipart/alternative; boundary="C"',
            "message/rfc822",
            'application/pdf; name="a.pdf"',
            "=?utf-8?b?w6k=?=",
            "=?x?q?=ZZ?=",
            "attachment; filename*=utf-8''%E2%82%AC.txt",
            "base64",
            "quoted-printable",
            "<a@b>",
            '"Ann" <ann@example.com>, bob@',
            "",
        ]
    ),
    st.text(max_size=20).map(lambda t: t.replace("\r", " ").replace("\n", " ")),
)
HEADERS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "Content-Type",
                "Content-Transfer-Encoding",
                "Content-Disposition",
                "Subject",
                "From",
                "To",
                "Cc",
                "Message-ID",
                "X-Any",
            ]
        ),
        HEADER_VALUES,
    ),
    max_size=5,
).map(lambda hs: "".join(f"{k}: {v}\r\n" for k, v in hs))
BODIES = st.one_of(st.text(max_size=40), st.sampled_from(["w6k=\r\n", "=E9=\r\n", "--B\r\n", "--B--\r\n"]))


def mime(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return st.tuples(HEADERS, BODIES).map(lambda t: t[0] + "\r\n" + t[1])
    return st.one_of(
        mime(0),
        st.tuples(st.sampled_from(["B", "C", "B"]), st.lists(mime(depth - 1), max_size=3), st.booleans()).map(
            lambda t: (
                f"Content-Type: multipart/mixed; boundary={t[0]}\r\n\r\n"
                + "".join(f"--{t[0]}\r\n{part}\r\n" for part in t[1])
                + (f"--{t[0]}--\r\n" if t[2] else "")
            )
        ),
        mime(depth - 1).map(lambda inner: "Content-Type: message/rfc822\r\n\r\n" + inner),
    )


MESSAGES = st.one_of(
    mime(3).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(mime(2), st.binary(max_size=30), st.integers(0, 500)).map(
        lambda t: t[0].encode("utf-8", "surrogatepass")[: t[2]] + t[1]
    ),
    st.integers(30, 3_000).map(
        lambda n: b"".join(
            b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(n)
        )
    ),
)


@FUZZ
@given(MESSAGES)
def test_mime_messages_parse_or_fail_with_a_reason(raw: bytes) -> None:
    try:
        message = parse_message(raw)
    except MessageParseError as e:
        assert str(e)
        return
    assert isinstance(message, ReceivedMessage)
    assert isinstance(message.subject, str)
    for part in message.attachments:
        assert isinstance(part.payload, bytes)
