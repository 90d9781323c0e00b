"""`balmail lint` on the `[balmail...]` sections of the Config.toml beside a program (BALMAIL_4NN):
each finding at the exact line and column of its key in Config.toml, in text, JSON and SARIF; plus
the position finder (balmail/tomlspans.py) on the TOML forms that move keys around."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from balmail import deployment
from balmail.deployment_lint import lint_config
from balmail.source import SourceFile
from balmail.tomlspans import key_spans

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """import ballerina/email;
import ballerina/io;

listener email:ImapListener inbox = new ({host: "h", username: "u", password: "p"});
final email:SmtpClient smtp = check new ("s", "u", "p");

service "desk" on new email:PopListener({host: "h", username: "u", password: "p"}) {
    remote function onMessage(email:Message m) {
        io:println(m.subject);
    }
}

service on inbox {
    remote function onMessage(email:Message m) {
        io:println(m.subject);
    }
}
"""

CONFIG = """\
# a deployment with one of each mistake
password = "configurable values are not checked here"

[balmail.listeners.inbx]
host = "x"

[balmail.listeners.inbox]
hots = "x"
port = "993"
auth = "oauth"
  pollingInterval = 5

[balmail.listeners."desk"]
auth = "xoauth2"

[balmail.clients.smtp]
pollingInterval = 3
oauth2 = { tokenUrl = "https://login.example.test/token", clientId = "c" }
caFile = "missing.pem"
"""

# (code, line, column, end column, message) in report order
EXPECTED = [
    ("BALMAIL_402", 4, 20, 24, "no email listener named 'inbx' in the program; valid names: desk, inbox"),
    ("BALMAIL_403", 8, 1, 5, "unknown key 'hots' for listener 'inbox'; valid keys: host, port, security, "
     "username, password, caFile, pollingInterval, concurrency, folder, folders, onSuccess, onGiveUp, "
     "unseenOnly, search, maxMessagesPerPoll, idle, auth, accessToken, oauth2"),
    ("BALMAIL_405", 9, 1, 5, "'port' must be an integer from 1 to 65535, got '993'"),
    ("BALMAIL_405", 10, 1, 5, "'auth' must be one of xoauth2, oauthbearer, plain, login, got 'oauth'"),
    ("BALMAIL_406", 14, 1, 5, "auth 'xoauth2' needs 'accessToken' or an 'oauth2' table"),
    ("BALMAIL_404", 17, 1, 16, "'pollingInterval' applies to listeners only; 'smtp' is an email client"),
    ("BALMAIL_406", 18, 1, 7, "'oauth2' needs clientSecret or refreshToken"),
    ("BALMAIL_405", 19, 1, 7, "'caFile' file '{dir}/missing.pem' does not exist"),
]  # fmt: skip


def balmail(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args], cwd=cwd, capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "prog.bal").write_text(PROGRAM)
    (tmp_path / "Config.toml").write_text(CONFIG)
    return tmp_path


def test_text_points_at_each_key_in_config_toml(project: Path) -> None:
    result = balmail("lint", "--select", "BALMAIL_4", "prog.bal", cwd=project)
    assert result.returncode == 1
    headers = [line for line in result.stdout.splitlines() if line.startswith("ERROR")]
    expected = [
        f"ERROR [Config.toml:({line}:{column},{line}:{end})] {message.format(dir=project)} [{code}]"
        for code, line, column, end, message in EXPECTED
    ]
    assert headers == expected
    # the excerpt under the first finding is the Config.toml line with the name underlined
    assert "4 | [balmail.listeners.inbx]\n  |                    ^^^^\n" in result.stdout
    assert result.stderr == "1 file(s) linted, 8 error(s), 0 warning(s), 0 info\n"


def test_json_carries_file_line_and_column_of_the_key(project: Path) -> None:
    result = balmail("lint", "--format", "json", "--select", "BALMAIL_4", ".", cwd=project)
    records = json.loads(result.stdout)
    assert [(r["code"], r["line"], r["column"], r["endLine"], r["endColumn"]) for r in records] == [
        (code, line, column, line, end) for code, line, column, end, _ in EXPECTED
    ]
    assert {r["file"] for r in records} == {"Config.toml"}
    assert records[0]["name"] == "unknown-endpoint-name"


def test_sarif_locates_results_in_config_toml(
    project: Path, sarif_validator: jsonschema.Draft4Validator
) -> None:
    result = balmail("lint", "--format", "sarif", "--select", "BALMAIL_4", ".", cwd=project)
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    run = log["runs"][0]
    assert run["artifacts"] == [{"location": {"uri": "Config.toml"}, "sourceLanguage": "toml"}]
    regions = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"])
        for r in run["results"]
    ]  # fmt: skip
    assert regions == [(code, "Config.toml", line, column) for code, line, column, _, _ in EXPECTED]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "```toml\n" in rules["BALMAIL_406"]["help"]["markdown"]


def test_a_toml_syntax_error_is_reported_where_the_parser_stopped(tmp_path: Path) -> None:
    (tmp_path / "prog.bal").write_text(PROGRAM)
    (tmp_path / "Config.toml").write_text('[balmail.listeners.inbox]\nhost = "imap.example.test\nport = 1\n')
    result = balmail("lint", "--format", "json", "--select", "BALMAIL_4", ".", cwd=tmp_path)
    [record] = json.loads(result.stdout)
    assert (record["code"], record["line"], record["column"]) == ("BALMAIL_401", 2, 26)
    assert record["message"] == "Config.toml is not valid TOML: Illegal character '\\n'"


def test_a_good_config_and_none_at_all_give_nothing(tmp_path: Path) -> None:
    (tmp_path / "prog.bal").write_text(PROGRAM)
    clean = balmail("lint", "--select", "BALMAIL_4", ".", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")
    (tmp_path / "ca.pem").write_text("not read by lint\n")
    (tmp_path / "Config.toml").write_text(
        textwrap.dedent("""
        [balmail.listeners.inbox]
        host = "127.0.0.1"
        port = 1143
        auth = "oauthbearer"
        oauth2.tokenUrl = "https://login.example.test/token"
        oauth2.clientId = "app"
        oauth2.refreshToken = "r"
        oauth2.scopes = ["mail"]

        [balmail.listeners.desk]
        auth = "login"
        pollingInterval = 2.5

        [balmail.clients.smtp]
        caFile = "ca.pem"
        accessToken = "t"
    """)
    )
    result = balmail("lint", "--select", "BALMAIL_4", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_ignore_leaves_the_config_findings_out(project: Path) -> None:
    result = balmail(
        "lint", "--format", "json", "--ignore", "BALMAIL_4,BALMAIL_1,BALMAIL_2", ".", cwd=project
    )
    assert json.loads(result.stdout) == []


def test_a_key_for_another_protocol(tmp_path: Path) -> None:
    """An IMAP-only key on a POP3 listener, and a value POP3 cannot do."""
    from balmail.check.endpoints import find_endpoints
    from balmail.syntax.parser import parse_source

    module = parse_source(SourceFile("prog.bal", PROGRAM)).module
    assert module is not None
    text = '[balmail.listeners.desk]\nfolder = "Support"\nonSuccess = "move:Done"\n\n'
    text += '[balmail.listeners.inbox]\n'
    text += 'folder = "Support"\n'
    first, second = lint_config(SourceFile("Config.toml", text), find_endpoints(module), tmp_path)
    assert (first.code, first.span.line, first.span.column, first.span.end_column) == ("BALMAIL_404", 2, 1, 7)
    assert first.message == (
        "'folder' makes no sense for POP3 listener 'desk' (it applies to IMAP); valid keys: host, port, "
        "security, username, password, caFile, pollingInterval, concurrency, onSuccess, onGiveUp, "
        "maxMessagesPerPoll, auth, accessToken, oauth2"
    )
    assert (second.code, second.span.line, second.span.column) == ("BALMAIL_405", 3, 1)

def test_key_spans_follow_every_way_toml_writes_a_key() -> None:
    text = textwrap.dedent('''\
        title = """
        [balmail.listeners.fake]
        host = "inside a string"
        """
        [ balmail . listeners . "d\\u00e9sk" ]  # spaces and an escaped name
        'port' = 1
        tls.caFile = 'a.pem'
        list = [
          "x", # a comment ] with a bracket
          { host = "in an array" },
        ]
        [balmail.clients.smtp]
        oauth2 = { tokenUrl = "u", scopes = ["a", "b"] }
    ''')
    spans = key_spans(text)

    def at(*path: str) -> tuple[int, int, str]:
        start, end = spans[path]
        line = text.count("\n", 0, start) + 1
        return line, start - text.rfind("\n", 0, start), text[start:end]

    assert ("balmail", "listeners", "fake") not in spans
    assert at("balmail", "listeners", "désk") == (5, 25, '"d\\u00e9sk"')
    assert at("balmail", "listeners", "désk", "port") == (6, 1, "'port'")
    assert at("balmail", "listeners", "désk", "tls", "caFile") == (7, 5, "caFile")
    assert at("balmail", "listeners", "désk", "list", "1", "host") == (10, 5, "host")
    assert at("balmail", "clients", "smtp", "oauth2", "scopes") == (13, 28, "scopes")
    assert at("title") == (1, 1, "title")


def test_every_config_rule_is_covered_here() -> None:
    from balmail.check.lint import lint_rules

    covered = {code for code, *_ in EXPECTED} | {"BALMAIL_401", "BALMAIL_404"}
    assert {r.code for r in lint_rules() if r.code.startswith("BALMAIL_4")} == covered


def test_docs_give_every_key_a_default_ballerinas_way_and_an_example() -> None:
    text = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].strip("| `"): line for line in text.splitlines() if line.startswith("| `")}
    for key in deployment.KEYS:
        cells = [cell.strip() for cell in rows[key.name].strip("|").split(" | ")]
        # key, applies to, type, default, Ballerina's way, example
        assert len(cells) == 6 and all(cells), (key.name, cells)
        assert key.name in cells[5] or "oauth2" in cells[5], (key.name, cells[5])
