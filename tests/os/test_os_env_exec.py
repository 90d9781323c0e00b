"""`os:setEnv`/`unsetEnv`/`listEnv` and `os:exec` through real programs and real child processes:
the per-run environment overlay (the host's environment is never changed, and a second run does not see
the first one's variables), what a child may see (only variables the program may read, plus its own
`NAME = value` arguments), exit codes, both output streams, `exit()`, a missing program, the
`--allow-exec` rules for bare names and paths, the time budget for a child that does not finish, and the
CLI flag."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from balmail.app import run_program
from balmail.runtime.sandbox import Budgets, Permissions


def run(tmp_path: Path, body: str, permissions: Permissions, **kw: object) -> tuple[int, str, str]:
    program = tmp_path / "prog.bal"
    head = "import ballerina/io;\nimport ballerina/os;\n\npublic function main() returns error? {\n"
    program.write_text(head + body + "\n}\n")
    out, err = io.StringIO(), io.StringIO()
    result = run_program(program, [], permissions=permissions, out=out, err=err, cwd=tmp_path, **kw)  # type: ignore[arg-type]
    return result.exit_code, out.getvalue(), (result.error_text or "") + err.getvalue()


def test_set_env_is_an_overlay_of_the_run(tmp_path: Path) -> None:
    body = """
    io:println("[", os:getEnv("BALMAIL_T1"), "]");
    check os:setEnv("BALMAIL_T1", "one");
    check os:setEnv("BALMAIL_T2", "two");
    io:println(os:getEnv("BALMAIL_T1"), " ", os:listEnv());
    check os:unsetEnv("BALMAIL_T2");
    io:println(os:listEnv());"""
    permissions = Permissions(env=("BALMAIL_T1", "BALMAIL_T2"))
    code, out, err = run(tmp_path, body, permissions, environ={"BALMAIL_T1": "", "OTHER": "x"})
    assert code == 0, err
    assert out == '[]\none {"BALMAIL_T1":"one","BALMAIL_T2":"two"}\n{"BALMAIL_T1":"one"}\n'
    assert "BALMAIL_T1" not in os.environ and "BALMAIL_T2" not in os.environ
    code, out, err = run(tmp_path, 'io:println("[", os:getEnv("BALMAIL_T1"), "]");', permissions)
    assert (code, out) == (0, "[]\n"), err  # a later run in the same process starts from the host's


def test_exec_child_environment_output_and_exit_code(tmp_path: Path) -> None:
    body = """
    check os:setEnv("SEEN", "mine");
    os:Process p = check os:exec({value: "sh", arguments: ["-c",
        "echo \\"$SEEN|$HIDDEN|$EXTRA\\"; echo oops >&2; exit 3"]}, EXTRA = 42);
    io:println(check p.waitForExit());
    io:println(check string:fromBytes(check p.output()));
    io:println(check string:fromBytes(check p.output(io:stderr)));"""
    permissions = Permissions(env=("SEEN",), exec=("sh",))
    code, out, err = run(tmp_path, body, permissions, environ={"HIDDEN": "secret"})
    assert code == 0, err
    assert out == "3\nmine||42\n\noops\n\n"


def test_output_waits_for_the_process_and_exit_stops_it(tmp_path: Path) -> None:
    body = """
    os:Process quick = check os:exec({value: "printf", arguments: ["%s", "a b"]});
    io:println(check string:fromBytes(check quick.output()));
    os:Process slow = check os:exec({value: "sleep", arguments: ["30"]});
    slow.exit();
    io:println(check slow.waitForExit());"""
    started = time.monotonic()
    code, out, err = run(tmp_path, body, Permissions(exec=("printf", "sleep")))
    assert code == 0, err
    assert out == "a b\n143\n"  # SIGTERM: 128 + 15, as Java reports a destroyed process
    assert time.monotonic() - started < 20


def test_exec_rules_for_names_paths_and_missing_programs(tmp_path: Path) -> None:
    script = tmp_path / "hello.sh"
    script.write_text("#!/bin/sh\necho hello from script\n")
    script.chmod(0o755)
    true_path = shutil.which("true")
    assert true_path is not None
    body = f"""
    os:Process|os:Error byPath = os:exec({{value: "{true_path}"}});
    io:println(byPath is os:Error ? byPath.message() : "started");
    os:Process script = check os:exec({{value: "{script}"}});
    io:println(check string:fromBytes(check script.output()));
    os:Process|os:Error missing = os:exec({{value: "no-such-program-balmail"}});
    io:println(missing is os:Error ? missing.message() : "started");"""
    permissions = Permissions(exec=("true", str(script), "no-such-program-balmail"))
    code, out, err = run(tmp_path, body, permissions)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        f"permission denied: running the program '{true_path}' is not allowed; "
        f"grant it with --allow-exec={true_path}"
    )
    assert lines[1] == "hello from script"
    assert lines[3] == (
        'Failed to retrieve the process object: Cannot run program "no-such-program-balmail": '
        "error=2, No such file or directory"
    )


def test_a_child_that_never_ends_stops_at_the_time_budget(tmp_path: Path) -> None:
    body = """
    os:Process p = check os:exec({value: "sleep", arguments: ["60"]});
    int|error code = trap p.waitForExit();
    io:println(code is error ? code.message() : "exited");"""
    started = time.monotonic()
    code, out, err = run(tmp_path, body, Permissions(exec=("sleep",)), budgets=Budgets(seconds=1.5))
    assert time.monotonic() - started < 15
    assert code == 0, err
    assert out == "time budget of 1.5 seconds exhausted; raise it with --max-time\n"


def test_cli_flag_grants_exec(tmp_path: Path) -> None:
    program = tmp_path / "p.bal"
    program.write_text(
        "import ballerina/io;\nimport ballerina/os;\n\npublic function main() returns error? {\n"
        '    os:Process p = check os:exec({value: "echo", arguments: ["hi"]});\n'
        "    io:print(check string:fromBytes(check p.output()));\n}\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    cmd = [sys.executable, "-m", "balmail.cli", "run"]
    denied = subprocess.run([*cmd, str(program)], capture_output=True, text=True, env=env, timeout=60)
    assert denied.returncode == 1 and "grant it with --allow-exec=echo" in denied.stderr
    allowed = subprocess.run(
        [*cmd, "--allow-exec=echo", str(program)], capture_output=True, text=True, env=env, timeout=60
    )
    assert (allowed.returncode, allowed.stdout) == (0, "hi\n"), allowed.stderr


def test_config_toml_grants_exec_and_env(tmp_path: Path) -> None:
    (tmp_path / "Config.toml").write_text('[balmail.permissions]\nexec = ["echo"]\nenv = ["GREETING"]\n')
    body = """
    check os:setEnv("GREETING", "hello");
    os:Process p = check os:exec({value: "echo", arguments: [os:getEnv("GREETING")]});
    io:print(check string:fromBytes(check p.output()));
    os:Process|os:Error other = os:exec({value: "true"});
    io:println(other is os:Error);"""
    code, out, err = run(tmp_path, body, Permissions())
    assert (code, out) == (0, "hello\ntrue\n"), err


def test_config_toml_permission_of_the_wrong_shape(tmp_path: Path) -> None:
    (tmp_path / "Config.toml").write_text('[balmail.permissions]\nexec = "echo"\n')
    code, out, err = run(tmp_path, 'io:println(os:listEnv());', Permissions())
    assert code == 1 and out == ""
    assert err == (
        f"error: [{tmp_path}/Config.toml] [balmail.permissions]: 'exec' must be a list of non-empty strings, "
        "or true for everything"
    )
