"""`balmail replay`: saved messages fed straight to a program's services, no server; exact stdout
and exit codes for success, handler failures, and bad input."""

from __future__ import annotations

import mailbox
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """import ballerina/email;
import ballerina/log;

listener email:PopListener inbox = new ({host: "pop.example.com", username: "desk", password: "x"});

service "desk" on inbox {
    remote function onMessage(email:Message message) returns error? {
        if message.subject.startsWith("bad") {
            return error("cannot handle " + message.subject);
        }
        log:printInfo("handled", subject = message.subject, 'from = message?.'from);
    }

    remote function onError(email:Error err) {
        log:printError("reported", reason = err.message());
    }
}

service "audit" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo("audited", subject = message.subject);
    }
}
"""


def balmail(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def setup(tmp_path: Path) -> None:
    (tmp_path / "prog.bal").write_text(PROGRAM)
    (tmp_path / "good.eml").write_bytes(
        b"From: ann@example.test\nTo: desk@example.test\nSubject: printer\n\nhelp\n"
    )
    (tmp_path / "bad.eml").write_bytes(
        b"From: bob@example.test\nTo: desk@example.test\nSubject: bad one\n\nx\n"
    )


def test_every_service_gets_each_message(tmp_path: Path) -> None:
    setup(tmp_path)
    done = balmail(tmp_path, "replay", "prog.bal", "good.eml")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "good.eml: onMessage of service 'desk': ok\n"
        "good.eml: onMessage of service 'audit': ok\n"
        "1 message(s) replayed, 0 failed\n"
    )
    assert 'message="handled" subject="printer" from="ann@example.test"' in done.stderr
    assert 'message="audited" subject="printer"' in done.stderr


def test_a_failing_handler_goes_to_on_error_and_exits_1(tmp_path: Path) -> None:
    setup(tmp_path)
    done = balmail(tmp_path, "replay", "prog.bal", "good.eml", "bad.eml", "--service", "desk")
    assert done.returncode == 1
    assert done.stdout == (
        "good.eml: onMessage of service 'desk': ok\n"
        "bad.eml: onMessage of service 'desk' returned an error: cannot handle bad one\n"
        "bad.eml: onError of service 'desk': ok\n"
        "2 message(s) replayed, 1 failed\n"
    )
    assert (
        'message="reported" reason="onMessage of service \'desk\' returned an error: cannot handle bad one"'
        in (done.stderr)
    )


def test_a_maildir_is_replayed_in_delivery_order(tmp_path: Path) -> None:
    setup(tmp_path)
    box = mailbox.Maildir(tmp_path / "md", create=True)
    first = box.add(b"From: a@example.test\nTo: d@example.test\nSubject: one\n\nx\n")
    second = box.add(b"From: a@example.test\nTo: d@example.test\nSubject: two\n\nx\n")
    done = balmail(tmp_path, "replay", "prog.bal", "--maildir", "md", "--service", "audit")
    assert done.returncode == 0, done.stderr
    labels = sorted([first, second])
    assert done.stdout == (
        f"{labels[0]}: onMessage of service 'audit': ok\n{labels[1]}: onMessage of service 'audit': ok\n"
        "2 message(s) replayed, 0 failed\n"
    )


def test_missing_message_file_is_a_usage_error(tmp_path: Path) -> None:
    setup(tmp_path)
    done = balmail(tmp_path, "replay", "prog.bal", "good.eml", "nope.eml")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.endswith("Error: no such message file: 'nope.eml'\n")


def test_not_a_maildir(tmp_path: Path) -> None:
    setup(tmp_path)
    done = balmail(tmp_path, "replay", "prog.bal", "--maildir", ".")
    assert done.returncode == 2
    assert done.stderr.endswith("Error: '.' is not a Maildir (it needs cur/, new/ and tmp/ folders)\n")


def test_no_messages(tmp_path: Path) -> None:
    setup(tmp_path)
    done = balmail(tmp_path, "replay", "prog.bal")
    assert done.returncode == 2
    assert done.stderr.endswith("Error: no messages to replay: give .eml files or --maildir DIR\n")


def test_unknown_service(tmp_path: Path) -> None:
    setup(tmp_path)
    done = balmail(tmp_path, "replay", "prog.bal", "good.eml", "--service", "billing")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "error: no service named 'billing'; the services are: 'desk', 'audit'\n"


def test_unparsable_program(tmp_path: Path) -> None:
    setup(tmp_path)
    (tmp_path / "broken.bal").write_text("import ballerina/email;\n\nfunction f() {\n    int count = 5\n}\n")
    done = balmail(tmp_path, "replay", "broken.bal", "good.eml")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("ERROR [broken.bal:(4:18,4:18)] missing semicolon token [BAL_SYNTAX_001]\n")


def test_unreadable_message_is_a_failure(tmp_path: Path) -> None:
    setup(tmp_path)
    (tmp_path / "empty.eml").write_bytes(b"\n\n")
    done = balmail(tmp_path, "replay", "prog.bal", "empty.eml", "--service", "desk")
    assert done.returncode == 1
    assert done.stdout == (
        "empty.eml: cannot be read as a message: Message is empty\n"
        "empty.eml: onError of service 'desk': ok\n"
        "1 message(s) replayed, 1 failed\n"
    )


def test_a_program_without_module_level_services(tmp_path: Path) -> None:
    (tmp_path / "main.bal").write_text("public function main() {\n}\n")
    (tmp_path / "m.eml").write_bytes(b"Subject: x\n\ny\n")
    done = balmail(tmp_path, "replay", "main.bal", "m.eml")
    assert done.returncode == 1
    assert done.stderr == (
        "error: the program attaches no service to an email listener at module level; replay feeds "
        "`service ... on` declarations\n"
    )


def test_a_package_is_replayed_with_its_config_and_modules(tmp_path: Path) -> None:
    """A package folder: every `.bal` file of it, Config.toml from its root, from any folder."""
    package = tmp_path / "desk"
    package.mkdir()
    (package / "Ballerina.toml").write_text('[package]\norg = "x"\nname = "desk"\nversion = "0.1.0"\n')
    (package / "service.bal").write_text(
        PROGRAM.replace('password: "x"', "password: password").replace(
            'log:printInfo("handled", subject = message.subject',
            'log:printInfo(greeting(), subject = message.subject',
        )
    )
    (package / "config.bal").write_text(
        'configurable string password = ?;\nconfigurable string word = "handled";\n\n'
        "function greeting() returns string => word;\n"
    )
    (package / "Config.toml").write_text('password = "from-config"\nword = "handled in the package"\n')
    setup(tmp_path)
    result = balmail(tmp_path, "replay", "desk", "good.eml", "--service", "desk")
    assert result.stdout == "good.eml: onMessage of service 'desk': ok\n1 message(s) replayed, 0 failed\n"
    assert 'message="handled in the package" subject="printer"' in result.stderr
    assert result.returncode == 0


def test_a_folder_that_is_not_a_package(tmp_path: Path) -> None:
    setup(tmp_path)
    result = balmail(tmp_path.parent, "replay", tmp_path.name, str(tmp_path / "good.eml"))
    assert result.returncode == 2
    assert "is a folder but not a package (no Ballerina.toml)" in result.stderr


def test_a_package_whose_module_level_check_fails(tmp_path: Path) -> None:
    """A module-level `check new` that fails ends the replay with the error, not a traceback."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "Ballerina.toml").write_text('[package]\norg = "x"\nname = "pkg"\nversion = "0.1.0"\n')
    (package / "main.bal").write_text(
        PROGRAM + '\nfinal email:SmtpClient smtp = check new ("smtp.example.com", "u", "p");\n'
    )
    setup(tmp_path)
    result = balmail(tmp_path, "replay", "pkg", "good.eml")
    assert result.returncode == 1
    assert "network access to 'smtp.example.com:465' is not allowed" in result.stderr
    assert "Traceback" not in result.stderr
