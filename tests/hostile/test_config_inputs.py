"""Hostile configuration (issue 16): binary or deeply nested Config.toml, -C and BAL_CONFIG_DATA values,
integers past 64 bits and keys no variable takes are clear errors (Ballerina's wording where it has one),
never a traceback; a relative working directory finds its Config.toml once."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.app import run_program
from balmail.cli import main
from balmail.config import load_documents

PROGRAM = """import ballerina/io;

configurable int port = 1;
configurable json data = {};

public function main() {
    io:println(port, " ", data);
}
"""
DEEP = "[" * 5_000 + "]" * 5_000


def run(tmp_path: Path, *, toml: bytes | None = None, environ: dict[str, str] | None = None,
        overrides: dict[str, str] | None = None) -> tuple[int, str, str]:
    program = tmp_path / "app.bal"
    program.write_text(PROGRAM)
    if toml is not None:
        (tmp_path / "Config.toml").write_bytes(toml)
    out, err = io.StringIO(), io.StringIO()
    result = run_program(
        program, [], out=out, err=err, cwd=tmp_path, environ=environ or {}, overrides=overrides
    )
    return result.exit_code, out.getvalue(), result.error_text or ""


def test_binary_config_toml_is_an_error(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, toml=b"port = 3\n\xff\xfe\x00\x01")
    assert code == 1
    assert err.endswith("Config.toml] is not a TOML file: byte 0xff on line 2 is not UTF-8 text")


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("cli", "[-Cdata=...] arrays or inline tables are nested more than 128 levels deep"),
        ("data", "[BAL_CONFIG_DATA] arrays or inline tables are nested more than 128 levels deep"),
        ("file", "Config.toml] arrays or inline tables are nested more than 128 levels deep"),
        ("dotted", "[BAL_CONFIG_DATA] tables or arrays are nested more than 128 levels deep"),
    ],
)
def test_deep_values_are_an_error(tmp_path: Path, where: str, words: str) -> None:
    if where == "cli":
        code, _, err = run(tmp_path, overrides={"data": DEEP})
    elif where == "data":
        code, _, err = run(tmp_path, environ={"BAL_CONFIG_DATA": f"data = {DEEP}"})
    elif where == "file":
        code, _, err = run(tmp_path, toml=f"data = {DEEP}\n".encode())
    else:  # dotted table names nest without a single bracket pair per level
        code, _, err = run(tmp_path, environ={"BAL_CONFIG_DATA": "[" + ".".join(["a"] * 5_000) + "]\n"})
    assert code == 1
    assert words in err


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, toml=("data = " + "[" * 100 + "1" + "]" * 100 + "\n").encode())
    assert (code, err) == (0, "")
    assert out == "1 " + "[" * 100 + "1" + "]" * 100 + "\n"


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "99999999999999999999"])
def test_integers_outside_int64_are_refused(tmp_path: Path, value: str) -> None:
    code, _, err = run(tmp_path, toml=f"port = {value}\n".encode())
    assert code == 1
    assert f"integer {value} is out of the range of 'int'" in err
    (tmp_path / "Config.toml").unlink()
    code, _, err = run(tmp_path, overrides={"port": value})
    assert code == 1
    assert err.startswith(f"error: [-Cport={value}] ")
    code, _, err = run(tmp_path, overrides={"data": f"[{value}]"})
    assert code == 1 and f"integer {value} is out of the range of 'int'" in err


def test_int64_bounds_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "Config.toml").unlink(missing_ok=True)
    assert run(tmp_path, overrides={"port": "9223372036854775807"})[:2] == (0, "9223372036854775807 {}\n")
    assert run(tmp_path, toml=b"port = -9223372036854775808\n")[:2] == (0, "-9223372036854775808 {}\n")


def test_cli_int_is_ascii_digits(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, overrides={"port": "\u0661\u0662"})  # Arabic-Indic digits: int() takes them
    assert code == 1 and "is not of type 'int'" in err


def test_unknown_keys_are_reported_as_ballerina_does(tmp_path: Path) -> None:
    toml = b'port = 3\nbogus = "x"\n\n[x.y]\na = 2\nb = "bb"\n\n[balmail.listeners.inbox]\nhost = "h"\n'
    code, _, err = run(tmp_path, toml=toml)
    assert code == 1
    assert err.splitlines() == [
        "error: [Config.toml:(2:1,2:12)] unused configuration value 'bogus'",
        "error: [Config.toml:(4:1,6:9)] unused configuration value 'x'",
        "error: [Config.toml:(4:1,6:9)] unused configuration value 'x.y'",
        "error: [Config.toml:(5:1,5:6)] unused configuration value 'x.y.a'",
        "error: [Config.toml:(6:1,6:9)] unused configuration value 'x.y.b'",
    ]


def test_shadowed_and_module_values_are_not_unused(tmp_path: Path) -> None:
    code, out, err = run(
        tmp_path,
        toml=b"[acme.app]\nport = 4\n",
        environ={"BAL_CONFIG_DATA": "port = 5\n"},
        overrides={"port": "6"},
    )
    assert (code, err, out) == (0, "", "6 {}\n")


def test_unknown_key_in_bal_config_data(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, environ={"BAL_CONFIG_DATA": "port = 5\nprot = 6\n"})
    assert code == 1
    assert err == "error: [BAL_CONFIG_DATA:(2:1,2:9)] unused configuration value 'prot'"


def test_relative_working_directory_finds_config_toml_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Config.toml").write_text("port = 7\n")
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert load_documents(Path("sub"), {}) == [(str(Path("sub") / "Config.toml"), {"port": 7})]
    finally:
        os.chdir(before)


def test_cli_never_shows_a_traceback(tmp_path: Path) -> None:
    program = tmp_path / "app.bal"
    program.write_text(PROGRAM)
    (tmp_path / "Config.toml").write_bytes(b"\x00\x01\xff" * 100)
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["run", "app.bal", f"-Cdata={DEEP}"])
    finally:
        os.chdir(before)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nested more than 128 levels deep" in result.output or "is not a TOML file" in result.output
