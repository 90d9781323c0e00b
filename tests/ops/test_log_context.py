"""Contextual loggers (`log:root()`, `withContext`, `fromConfig`), raw-template messages and
`@log:SensitiveData` masking, through real programs: the log lines' fields and their order, and masking
only when `[ballerina.log] enableSensitiveDataMasking` or the logger's config turns it on."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from balmail.app import run_program

HEADER = """import ballerina/io;
import ballerina/log;

isolated function maskEmail(string email) returns string {
    int? at = email.indexOf("@");
    return at is int ? email.substring(0, 1) + "****" + email.substring(at) : email;
}

type User record {
    string name;
    @log:SensitiveData
    string password;
    @log:SensitiveData {strategy: {replacement: "*****"}}
    string ssn;
    @log:SensitiveData {strategy: {replacement: maskEmail}}
    string mail;
};

final User user = {name: "John", password: "pw", ssn: "123-45", mail: "john@example.com"};

public function main() returns error? {
"""
_TIME = re.compile(r"^time=\S+ ")


def run(tmp_path: Path, body: str, config: str = "") -> tuple[str, list[str]]:
    (tmp_path / "prog.bal").write_text(HEADER + body + "\n    io:print(\"\");\n}\n")
    if config:
        (tmp_path / "Config.toml").write_text(config)
    out, err = io.StringIO(), io.StringIO()
    result = run_program(tmp_path / "prog.bal", [], out=out, err=err, cwd=tmp_path)
    assert result.exit_code == 0, (result.error_text or "") + err.getvalue()
    return out.getvalue(), [_TIME.sub("", line) for line in err.getvalue().splitlines()]


def test_with_context_adds_key_values_after_the_message(tmp_path: Path) -> None:
    body = """
    log:Logger root = log:root();
    log:Logger child = check root.withContext(requestId = "r-1", attempt = 2);
    child.printInfo("handling", subject = "hi");
    log:Logger grand = check child.withContext(step = isolated function() returns string => "parse");
    grand.printWarn("deeper");
    grand.printDebug("hidden at the default level");
    root.printError("plain", 'error = error("boom"));"""
    _, lines = run(tmp_path, body)
    assert lines == [
        'level=INFO module="" message="handling" requestId="r-1" attempt=2 subject="hi"',
        'level=WARN module="" message="deeper" requestId="r-1" attempt=2 step="parse"',
        'level=ERROR module="" message="plain" error="boom"',
    ]


def test_raw_template_messages_and_values(tmp_path: Path) -> None:
    body = """
    int n = 3;
    log:printInfo(`found ${n} messages`, note = `n=${n}`);
    io:println(`printed ${n + 1}`);"""
    out, lines = run(tmp_path, body)
    assert out == "printed 4\n"
    assert lines == ['level=INFO module="" message="found 3 messages" note="n=3"']


def test_sensitive_fields_are_shown_unless_masking_is_enabled(tmp_path: Path) -> None:
    _, lines = run(tmp_path, 'log:printInfo("login", user = user);')
    assert lines == [
        'level=INFO module="" message="login" '
        'user={"name":"John","password":"pw","ssn":"123-45","mail":"john@example.com"}'
    ]


def test_masking_enabled_in_config_toml(tmp_path: Path) -> None:
    body = """
    log:printInfo("login", user = user);
    log:printInfo(`details ${user}`);
    io:println(log:toMaskedString(user));"""
    out, lines = run(tmp_path, body, "[ballerina.log]\nenableSensitiveDataMasking = true\n")
    masked = '{"name":"John","ssn":"*****","mail":"j****@example.com"}'
    assert out == masked + "\n"
    assert lines == [
        f'level=INFO module="" message="login" user={masked}',
        'level=INFO module="" message="details ' + masked.replace('"', '\\"') + '"',
    ]


def test_from_config_logger(tmp_path: Path) -> None:
    body = """
    log:Logger logger = check log:fromConfig(format = "json", destinations = ["stdout"], level = log:DEBUG,
        keyValues = {env: "test"}, enableSensitiveDataMasking = true);
    logger.printDebug("user", user = user);
    log:Logger|error files = log:fromConfig(destinations = ["/var/log/app.log"]);
    io:println(files is error);"""
    out, lines = run(tmp_path, body)
    first, second = out.splitlines()
    record = json.loads(first)
    assert list(record)[1:] == ["level", "module", "message", "env", "user"]
    assert record["user"] == {"name": "John", "ssn": "*****", "mail": "j****@example.com"}
    assert second == "true"
    assert lines == []
