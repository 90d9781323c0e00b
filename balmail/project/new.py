"""`balmail new`: a package laid out as WSO2 Integrator lays out an integration (`Ballerina.toml`,
`main.bal` with the service, `config.bal` with the configurables, `connections.bal` with the listener,
`types.bal`, `functions.bal`, plus `Config.toml`, `README.md` and `.gitignore`), for an email listener over
POP3 or IMAP. The files are written here rather than copied from templates on disk so the wheel needs no
data files; they check and lint clean (tests/packages/test_new.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs

from balmail.project.manifest import package_name_problem

TEMPLATES = ("email-listener-pop", "email-listener-imap")


class NewPackageError(Exception):
    """The package cannot be created (bad name, folder in the way); the message says why."""


@attrs.frozen
class Protocol:
    listener: str
    port: int
    label: str


PROTOCOLS = {
    "email-listener-pop": Protocol("PopListener", 995, "POP3"),
    "email-listener-imap": Protocol("ImapListener", 993, "IMAP"),
}


def package_name_for(folder_name: str) -> str:
    """The package name `bal new` derives from a folder name: hyphens become underscores."""
    return folder_name.replace("-", "_")


def default_org() -> str:
    """`bal new` uses the user's name as the organisation, made a valid org name."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    org = re.sub(r"[^A-Za-z0-9_]", "_", user).strip("_").lower()
    return org if org and not org[0].isdigit() else "myorg"


def create_package(target: Path, template: str = "email-listener-pop", org: str | None = None) -> str:
    """Write the package into `target` (absent or empty); returns its package name."""
    name = package_name_for(target.resolve().name if str(target) in (".", "") else target.name)
    why = package_name_problem(name)
    if why is not None:
        raise NewPackageError(f"invalid package name '{name}': package name {why}")
    if template not in PROTOCOLS:
        raise NewPackageError(f"unknown template '{template}' (choose from {', '.join(TEMPLATES)})")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewPackageError(f"folder '{target}' already exists and is not empty")
    files = render_files(name, org or default_org(), PROTOCOLS[template])
    target.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        (target / relative).write_text(text, encoding="utf-8")
    return name


def render_files(name: str, org: str, p: Protocol) -> dict[str, str]:
    """File name → text of a new package."""
    return {
        "Ballerina.toml": f'[package]\norg = "{org}"\nname = "{name}"\nversion = "0.1.0"\n'
        'distribution = "2201.12.0"\n',
        "main.bal": _MAIN,
        "config.bal": _CONFIG.format(port=p.port),
        "connections.bal": _CONNECTIONS.format(listener=p.listener),
        "types.bal": _TYPES,
        "functions.bal": _FUNCTIONS,
        "Config.toml": _CONFIG_TOML.format(port=p.port, label=p.label),
        "README.md": _README.format(name=name, label=p.label),
        ".gitignore": "target/\n.balmail/\n# holds the mailbox password\nConfig.toml\n",
    }


_MAIN = """import ballerina/email;
import ballerina/log;

// Called once per new message; returning normally acknowledges it.
service on mailListener {
    remote function onMessage(email:Message message) {
        MailSummary summary = summarize(message);
        log:printInfo("mail received", sender = summary.sender, subject = summary.subject,
                bodyLength = summary.bodyLength);
    }

    remote function onError(email:Error err) {
        log:printError("mailbox unreachable", 'error = err);
    }
}
"""

_CONFIG = """// The mailbox to watch. Values come from Config.toml (or -Cname=value).
configurable string host = "localhost";
configurable int port = {port};
configurable string username = ?;
configurable string password = ?;
// Seconds between two polls of the mailbox.
configurable decimal pollingInterval = 60;
"""

_CONNECTIONS = """import ballerina/email;

listener email:{listener} mailListener = new ({{
    host,
    port,
    username,
    password,
    pollingInterval,
    security: email:SSL
}});
"""

_TYPES = """// What the service logs about each message.
type MailSummary record {|
    string sender;
    string subject;
    int bodyLength;
|};
"""

_FUNCTIONS = """import ballerina/email;

function summarize(email:Message message) returns MailSummary {
    string body = message.body ?: "";
    return {sender: message.'from ?: "", subject: message.subject, bodyLength: body.length()};
}
"""

_CONFIG_TOML = """# The {label} mailbox this integration watches.
host = "localhost"
port = {port}
username = "me@localhost"
password = "change-me"
pollingInterval = 60.0
"""

_README = """# {name}

An email integration: it watches a {label} mailbox and logs a summary of each new message.

| file | holds |
|---|---|
| `main.bal` | the service: `onMessage` for each new message, `onError` when the mailbox cannot be read |
| `connections.bal` | the mailbox listener |
| `config.bal` | configurable values (host, port, account, polling interval) |
| `types.bal`, `functions.bal` | the record logged and the function that builds it |
| `Config.toml` | the values for this machine (kept out of git: it holds the password) |

Set your mailbox in `Config.toml`, then:

```
balmail check      # what Ballerina's compiler would refuse
balmail lint       # plus the email plugin's and balmail's own rules
balmail run        # poll until Ctrl-C (`--once` for one polling cycle)
```

The same package builds and runs with Ballerina (`bal run`) and opens in WSO2 Integrator.
"""
