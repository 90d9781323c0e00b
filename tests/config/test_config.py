"""Configurable values: Config.toml, BAL_CONFIG_FILES, BAL_CONFIG_DATA and -C, typed, with errors naming the
variable and the source."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from balmail.app import run_program

PROGRAM = """import ballerina/io;

type Server record {|
    string host;
    int port = 993;
|};

configurable string user = ?;
configurable int retries = 3;
configurable decimal interval = 10;
configurable boolean verbose = false;
configurable string[] folders = ["INBOX"];
configurable Server server = {host: "localhost"};

public function main() {
    io:println(user, " ", retries, " ", interval, " ", verbose, " ", folders, " ", server);
}
"""


def run(
    tmp_path: Path,
    *,
    environ: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
    toml: str | None = None,
) -> tuple[int, str, str]:
    path = tmp_path / "app.bal"
    path.write_text(PROGRAM)
    if toml is not None:
        (tmp_path / "Config.toml").write_text(toml)
    out, err = io.StringIO(), io.StringIO()
    result = run_program(path, [], out=out, err=err, cwd=tmp_path, environ=environ or {}, overrides=overrides)
    return result.exit_code, out.getvalue(), result.error_text or ""


def test_defaults_and_required_from_config_toml(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, toml='user = "ann"\n')
    assert (code, err) == (0, "")
    assert out == 'ann 3 10 false ["INBOX"] {"host":"localhost","port":993}\n'


def test_all_kinds_from_config_toml(tmp_path: Path) -> None:
    toml = """user = "bob"
retries = 5
interval = 2.5
verbose = true
folders = ["INBOX", "Sent"]

[server]
host = "imap.example.com"
"""
    code, out, _ = run(tmp_path, toml=toml)
    assert code == 0
    assert out == 'bob 5 2.5 true ["INBOX","Sent"] {"host":"imap.example.com","port":993}\n'


def test_module_table_in_config_toml(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, toml='[myorg.app]\nuser = "cy"\n')
    assert code == 0 and out.startswith("cy ")


def test_missing_required_value(tmp_path: Path) -> None:
    code, out, err = run(tmp_path)
    assert (code, out) == (1, "")
    assert "required configurable variable 'user'" in err


def test_wrong_type_names_variable_and_source(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, toml='user = "ann"\nretries = "many"\n')
    assert code == 1
    assert "'retries'" in err and "Config.toml" in err and "'int'" in err and "found string" in err


def test_record_with_unknown_field(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, toml='user = "ann"\n[server]\nhost = "x"\nbogus = 1\n')
    assert code == 1 and "'server'" in err and "bogus" in err


def test_bal_config_data(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, environ={"BAL_CONFIG_DATA": 'user = "dee"\nretries = 1\n'})
    assert code == 0 and out.startswith("dee 1 ")


def test_bal_config_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('user = "eve"\n')
    code, out, _ = run(tmp_path, environ={"BAL_CONFIG_FILES": str(extra)}, toml='user = "ignored"\n')
    assert code == 0 and out.startswith("eve ")


def test_bal_config_files_missing_file(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, environ={"BAL_CONFIG_FILES": str(tmp_path / "nope.toml")})
    assert code == 1 and "BAL_CONFIG_FILES" in err


def test_precedence_cli_over_data_over_file(tmp_path: Path) -> None:
    code, out, _ = run(
        tmp_path,
        toml='user = "file"\nretries = 7\n',
        environ={"BAL_CONFIG_DATA": 'user = "data"\n'},
        overrides={"user": "cli"},
    )
    assert code == 0 and out.startswith("cli 7 ")


def test_cli_value_types(tmp_path: Path) -> None:
    code, out, _ = run(
        tmp_path, overrides={"user": "x", "retries": "9", "verbose": "true", "interval": "0.5"}
    )
    assert code == 0 and out.startswith("x 9 0.5 true ")


def test_cli_unknown_variable(tmp_path: Path) -> None:
    """Ballerina's runtime refuses a `-C` key no configurable takes, naming the argument."""
    code, _, err = run(tmp_path, overrides={"user": "x", "nosuch": "1"})
    assert (code, err) == (1, "error: [nosuch=1] unused command line argument")


def test_cli_module_qualified_keys_of_a_lone_file_are_unused(tmp_path: Path) -> None:
    """A lone file has no module name to qualify a key with: only the bare name sets a variable, so
    `-Cx.user` (once matched by its last part) is an unused argument."""
    code, _, err = run(tmp_path, overrides={"user": "x", "app.retries": "4"})
    assert (code, err) == (1, "error: [app.retries=4] unused command line argument")


def test_invalid_toml(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, toml="user = \n")
    assert code == 1 and "invalid TOML" in err


@pytest.mark.parametrize("value", ["1.5", "abc"])
def test_cli_wrong_int(tmp_path: Path, value: str) -> None:
    code, _, err = run(tmp_path, overrides={"user": "x", "retries": value})
    assert code == 1 and "'retries'" in err


def test_cli_sets_the_log_modules_configurables(tmp_path: Path) -> None:
    """`-Cballerina.log.level=DEBUG` sets the log module's configurable, as `bal run` takes it; a key the
    module does not have is an unused argument."""
    path = tmp_path / "app.bal"
    path.write_text(
        'import ballerina/log;\n\npublic function main() {\n    log:printDebug("detail");\n'
        '    log:printInfo("summary");\n}\n'
    )

    def run_with(overrides: dict[str, str]) -> tuple[int, list[str], str]:
        out, err = io.StringIO(), io.StringIO()
        result = run_program(path, [], out=out, err=err, cwd=tmp_path, environ={}, overrides=overrides)
        lines = [line.split(" ", 1)[1] for line in err.getvalue().splitlines()]
        return result.exit_code, lines, result.error_text or ""

    assert run_with({"ballerina.log.level": "DEBUG"}) == (
        0, ['level=DEBUG module="" message="detail"', 'level=INFO module="" message="summary"'], "",
    )  # fmt: skip
    assert run_with({})[:2] == (0, ['level=INFO module="" message="summary"'])
    assert run_with({"ballerina.log.colour": "red"}) == (
        1, [], "error: [ballerina.log.colour=red] unused command line argument",
    )  # fmt: skip
