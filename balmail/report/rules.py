"""docs/lint-rules.md rendered from the rule registry: the reference is a report of the rules, so it lives
with the other renderers (check/ only decides which rules are lint rules)."""

from __future__ import annotations

from balmail.check.lint import lint_rules
from balmail.report.sarif import rule_help_markdown

__all__ = ["render_rule_reference"]


def render_rule_reference() -> str:
    """docs/lint-rules.md: an index, then every rule with the documentation the SARIF report carries."""
    rules = lint_rules()
    lines = [
        "# Lint rules",
        "",
        "<!-- Generated from the rule registry by `balmail.report.rules.render_rule_reference()`; "
        "tests/lint/test_rule_docs.py keeps it in step. Do not edit by hand. -->",
        "",
        "`balmail lint PATHS...` reports these codes. `BAL_*` and `EMAIL_*` are what Ballerina itself "
        "reports (errors); `BALMAIL_1NN` check listener configuration records; `BALMAIL_3NN` mark what "
        "only balmail accepts or reads differently (portability to WSO2 Integrator); `BALMAIL_4NN` check "
        "the `[balmail...]` deployment settings of the Config.toml beside the program, pointing into it.",
        "",
        "Suppress a finding with a `// balmail:ignore CODE` comment on its line (or alone on the line "
        "before); choose codes with `--select` / `--ignore` and a comma-separated list of code prefixes. "
        "Exit status: 0 clean, 1 errors (warnings too with `--strict`), 2 usage error.",
        "",
        "## How the rules decide",
        "",
        "- An *email service* is a `service` whose listener is an `email:PopListener` / "
        "`email:ImapListener` (a `listener` or final module variable of that type, or an inline `new "
        "email:PopListener(...)`), or an `email:Service x = service object {...}` value. EMAIL_1NN use the "
        "codes, messages and spans of Ballerina's email compiler plugin; the expected types name the prefix "
        "the file imports `ballerina/email` under.",
        "- EMAIL_107 accepts any subtype of `error?`, the module's documented contract for handlers (the "
        "plugin's code reports every declared return type).",
        "- Configuration records are followed through constants, variables that are never reassigned, and "
        "configurables with a default. A configurable can be overridden at deployment, so its default is "
        "used for value checks (port, interval, security) but a certificate path from a configurable is "
        "not looked up, and only a *password* default counts as a credential in the source.",
        "- When a type or value is not certain (a call, a type alias, a function parameter) nothing is "
        "reported, so a valid program never gets an error it does not deserve.",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    for registered in rules:
        summary = registered.summary.replace("|", "\\|")
        lines.append(
            f"| [{registered.code}](#{registered.code.lower()}) | {registered.name} | "
            f"{registered.severity.value} | {summary} |"
        )
    for registered in rules:
        lines += [
            "",
            f"## {registered.code}",
            "",
            f"`{registered.name}` · {registered.severity.value} · {registered.summary}",
            "",
        ]
        if registered.message:
            lines += [f"Message: `` {registered.message} ``", ""]
        lines.append(rule_help_markdown(registered).replace("## ", "### "))
    return "\n".join(lines) + "\n"
