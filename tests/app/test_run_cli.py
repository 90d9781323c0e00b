"""`balmail run`: exact stdout, stderr and exit codes; sandbox permissions and budgets, each refused with a
clear error naming its flag and granted by it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from balmail.cli import main


def run(tmp_path: Path, source: str, *args: str, name: str = "app.bal") -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    runner = (
        CliRunner(mix_stderr=False)
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames
        else CliRunner()
    )
    result = runner.invoke(main, ["run", str(path), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


HELLO = """import ballerina/io;

public function main() {
    io:println("Hello, World!");
}
"""


def test_hello_world(tmp_path: Path) -> None:
    assert run(tmp_path, HELLO) == (0, "Hello, World!\n", "")


def test_uncaught_panic_prints_error_and_stack(tmp_path: Path) -> None:
    source = """import ballerina/io;

function divide(int m, int n) returns int {
    return m / n;
}

public function main() {
    io:println("before");
    io:println(divide(1, 0));
}
"""
    code, out, err = run(tmp_path, source)
    assert code == 1
    assert out == "before\n"
    assert err == (
        'error: {ballerina}DivisionByZero {"message":" / by zero"}\n'
        "        at app:divide(app.bal:4)\n"
        "           app:main(app.bal:9)\n"
    )


def test_panic_with_user_error(tmp_path: Path) -> None:
    source = """public function main() {
    panic error("division by 0");
}
"""
    code, out, err = run(tmp_path, source)
    assert (code, out) == (1, "")
    assert err == "error: division by 0\n        at app:main(app.bal:2)\n"


def test_error_returned_from_main(tmp_path: Path) -> None:
    source = """public function main() returns error? {
    return error("config missing", key = "host");
}
"""
    assert run(tmp_path, source) == (1, "", 'error: config missing {"key":"host"}\n')


def test_compile_error_refuses_to_run(tmp_path: Path) -> None:
    source = """import ballerina/io;

public function main() {
    int x = "a";
    io:println("never");
}
"""
    code, out, err = run(tmp_path, source)
    assert code == 1
    assert out == ""
    assert "ERROR [" in err and "incompatible types: expected 'int', found 'string'" in err
    assert "[BAL_TYPE_001]" in err


def test_main_arguments_are_converted(tmp_path: Path) -> None:
    source = """import ballerina/io;

public function main(string name, int times = 1, string... tags) {
    io:println(name, " ", times, " ", tags);
}
"""
    assert run(tmp_path, source, "--", "ann", "3", "x", "y") == (0, 'ann 3 ["x","y"]\n', "")
    assert run(tmp_path, source, "--", "bob") == (0, "bob 1 []\n", "")


def test_bad_main_argument(tmp_path: Path) -> None:
    source = """public function main(int count) {
}
"""
    code, out, err = run(tmp_path, source, "--", "many")
    assert (code, out) == (1, "")
    assert err.startswith("error: invalid command-line arguments")


def test_a_program_with_neither_main_nor_service(tmp_path: Path) -> None:
    """Nothing to run: jBallerina's launcher message, and its module-level code never runs."""
    source = """import ballerina/io;

final int answer = report();

function report() returns int {
    io:println("initialised");
    return 42;
}
"""
    code, out, err = run(tmp_path, source, name="library.bal")
    assert (code, out) == (1, "")
    assert err.strip().endswith("error: 'library.bal' does not contain a main function or a service")


def test_missing_file_is_usage_error(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["run", str(tmp_path / "nope.bal")])
    assert result.exit_code == 2


# ---------------------------------------------------------------- configurables


CONFIG = """import ballerina/io;

configurable string host = "localhost";
configurable int port = ?;

public function main() {
    io:println(host, ":", port);
}
"""


def test_configurable_from_cli(tmp_path: Path) -> None:
    assert run(tmp_path, CONFIG, "-Cport=993") == (0, "localhost:993\n", "")
    assert run(tmp_path, CONFIG, "-Cport=993", "-Chost=imap.example.com") == (0, "imap.example.com:993\n", "")


def test_missing_required_configurable(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, CONFIG)
    assert (code, out) == (1, "")
    assert "required configurable variable 'port'" in err


def test_configurable_wrong_type_from_cli(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, CONFIG, "-Cport=abc")
    assert code == 1
    assert "'port'" in err and "-Cport=abc" in err and "'int'" in err


# ---------------------------------------------------------------- sandbox permissions


READ = """import ballerina/io;

public function main() returns error? {
    string text = check io:fileReadString("{path}");
    io:println(text);
}
"""


def test_file_read_denied_by_default(tmp_path: Path) -> None:
    data = tmp_path / "data.txt"
    data.write_text("secret")
    code, out, err = run(tmp_path, READ.replace("{path}", str(data)))
    assert (code, out) == (1, "")
    assert "permission denied" in err and "--allow-read" in err


def test_file_read_granted(tmp_path: Path) -> None:
    data = tmp_path / "data.txt"
    data.write_text("secret")
    assert run(tmp_path, READ.replace("{path}", str(data)), f"--allow-read={tmp_path}") == (0, "secret\n", "")


def test_file_read_grant_is_scoped(tmp_path: Path) -> None:
    inside = tmp_path / "in"
    inside.mkdir()
    data = tmp_path / "data.txt"
    data.write_text("secret")
    code, _, err = run(tmp_path, READ.replace("{path}", str(data)), f"--allow-read={inside}")
    assert code == 1 and "--allow-read" in err


def test_file_write_denied_and_granted(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    source = f"""import ballerina/io;

public function main() returns error? {{
    check io:fileWriteString("{target}", "written");
    io:println("ok");
}}
"""
    code, _, err = run(tmp_path, source)
    assert code == 1 and "--allow-write" in err
    assert not target.exists()
    assert run(tmp_path, source, "--allow-write") == (0, "ok\n", "")
    assert target.read_text() == "written"


def test_env_denied_and_granted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BALMAIL_TEST_VAR", "hello")
    source = """import ballerina/io;
import ballerina/os;

public function main() {
    io:println(os:getEnv("BALMAIL_TEST_VAR"));
}
"""
    code, _, err = run(tmp_path, source)
    assert code == 1 and "--allow-env" in err
    assert run(tmp_path, source, "--allow-env=BALMAIL_TEST_VAR") == (0, "hello\n", "")


def invoke(*args: str) -> tuple[int, str, str]:
    runner = (
        CliRunner(mix_stderr=False)
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames
        else CliRunner()
    )
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_bare_allow_flag_before_the_program_is_not_given_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value of an `--allow-*` flag is attached with `=`: a bare flag grants everything of its kind and
    the word after it stays the program (click alone would have taken `app.bal` as the flag's value)."""
    monkeypatch.setenv("BALMAIL_TEST_VAR", "hello")
    program = tmp_path / "app.bal"
    program.write_text(
        'import ballerina/io;\nimport ballerina/os;\n\npublic function main(string... args) {\n'
        '    io:println(os:getEnv("BALMAIL_TEST_VAR"), " ", args);\n}\n',
        encoding="utf-8",
    )
    assert invoke("run", "--allow-net", "--allow-env", str(program), "a") == (0, "hello [\"a\"]\n", "")
    assert invoke("run", "--allow-env=BALMAIL_TEST_VAR", str(program)) == (0, "hello []\n", "")
    assert invoke("run", "--allow-env=OTHER,BALMAIL_TEST_VAR", str(program), "--", "--allow-net") == (
        0, 'hello ["--allow-net"]\n', "",
    )  # fmt: skip
    code, out, err = invoke("run", "--allow-env", "BALMAIL_TEST_VAR", str(program))
    assert code == 2 and out == ""
    assert err.endswith(
        "Error: no such file or folder: 'BALMAIL_TEST_VAR' (a value of --allow-env is attached with '=': "
        "--allow-env=BALMAIL_TEST_VAR)\n"
    ), err
    code, out, err = invoke("test", "--help")
    assert code == 0 and "--allow-net[=HOST[:PORT]]" in out


def test_denied_permission_is_catchable(tmp_path: Path) -> None:
    source = """import ballerina/io;

public function main() {
    do {
        string text = check io:fileReadString("/etc/passwd");
        io:println(text.length());
    } on fail error e {
        io:println("refused");
    }
}
"""
    assert run(tmp_path, source) == (0, "refused\n", "")


# ---------------------------------------------------------------- budgets


def test_step_budget(tmp_path: Path) -> None:
    source = """public function main() {
    int i = 0;
    while true {
        i += 1;
    }
}
"""
    code, _, err = run(tmp_path, source, "--max-steps=100000")
    assert code == 1
    assert "step budget of 100000 steps exhausted" in err and "--max-steps" in err


def test_depth_budget(tmp_path: Path) -> None:
    source = """function down(int n) returns int {
    return down(n + 1);
}

public function main() {
    _ = down(0);
}
"""
    code, _, err = run(tmp_path, source, "--max-depth=50")
    assert code == 1
    assert "call depth budget of 50" in err and "--max-depth" in err


def test_time_budget(tmp_path: Path) -> None:
    source = """import ballerina/lang.runtime;

public function main() {
    runtime:sleep(5);
}
"""
    code, _, err = run(tmp_path, source, "--max-time=0.2")
    assert code == 1
    assert "time budget" in err and "--max-time" in err


def test_size_budget(tmp_path: Path) -> None:
    source = """public function main() {
    string s = "x";
    while true {
        s = s + s;
    }
}
"""
    code, _, err = run(tmp_path, source, "--max-size=1000")
    assert code == 1
    assert "size budget of 1000" in err and "--max-size" in err


def test_budget_panic_can_be_trapped(tmp_path: Path) -> None:
    source = """import ballerina/io;

function spin() returns int {
    int i = 0;
    while true {
        i += 1;
    }
}

public function main() {
    int|error r = trap spin();
    io:println(r is error);
}
"""
    code, out, _ = run(tmp_path, source, "--max-steps=5000")
    # once exhausted the budget stays exhausted, so the program stops at its next step
    assert out in ("true\n", "")
    assert code in (0, 1)


# ---------------------------------------------------------------- log


def test_log_lines_on_stderr(tmp_path: Path) -> None:
    source = """import ballerina/log;

public function main() {
    log:printInfo("order accepted", orderId = "AB-1", lines = 3);
    log:printError("failed", 'error = error("bad input"));
    log:printDebug("hidden");
}
"""
    code, out, err = run(tmp_path, source)
    assert (code, out) == (0, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(
        r'time=\S+ level=INFO module="" message="order accepted" orderId="AB-1" lines=3', lines[0]
    ), lines[0]
    assert re.fullmatch(r'time=\S+ level=ERROR module="" message="failed" error="bad input"', lines[1]), (
        lines[1]
    )


@pytest.mark.parametrize(
    "growth",
    ["s = s + s;", "s = string `${s}${s}`;", "s += s;", "xs.push(...xs);"],
)
def test_size_budget_every_way_of_growing(tmp_path: Path, growth: str) -> None:
    source = f"""public function main() {{
    string s = "x";
    int[] xs = [1];
    while true {{
        {growth}
    }}
}}
"""
    code, _, err = run(tmp_path, source, "--max-size=1000")
    assert code == 1
    assert "size budget of 1000" in err
