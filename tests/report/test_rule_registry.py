"""The rule registry: the codes that exist now, their documentation shape, and registration rules."""

from __future__ import annotations

import pytest

from balmail.check import registry
from balmail.check.registry import Rule, all_rules, register, rule
from balmail.diagnostics import Severity

EXPECTED = {
    "BAL_SYNTAX_001": "syntax-error",
    "BAL_NAME_001": "undefined-variable",
    "BAL_NAME_002": "undefined-function",
    "BAL_NAME_003": "undefined-type",
    "BAL_NAME_004": "unknown-module-prefix",
    "BAL_NAME_005": "duplicate-definition",
    "BAL_NAME_006": "loop-control-outside-loop",
    "BAL_NAME_007": "unused-import",
    "EMAIL_101": "remote-keyword-expected",
    "EMAIL_102": "missing-on-message",
    "EMAIL_103": "function-not-accepted",
    "EMAIL_104": "invalid-parameter-type",
    "EMAIL_105": "resource-keyword-not-expected",
    "EMAIL_106": "missing-parameter",
    "EMAIL_107": "invalid-return-type",
}


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registrations made by a test vanish after it."""
    monkeypatch.setattr(registry, "_RULES", dict(registry._RULES))
    monkeypatch.setattr(registry, "_NAMES", dict(registry._NAMES))


def sample(code: str = "TEST_001", name: str = "sample-rule", summary: str = "Sample.") -> Rule:
    return Rule(code, name, Severity.WARNING, summary, "Does.", "Because.")


def test_current_codes_are_registered() -> None:
    for code, name in EXPECTED.items():
        registered = rule(code)
        assert registered is not None, code
        assert registered.name == name
        assert registered.severity is Severity.ERROR
        assert registered.what_it_does and registered.why and registered.example and registered.fix


def test_all_rules_is_ordered_by_code() -> None:
    codes = [registered.code for registered in all_rules()]
    assert codes == sorted(codes)
    assert set(EXPECTED) <= set(codes)


def test_unknown_code_is_none() -> None:
    assert rule("NOPE_001") is None


def test_email_messages_are_ballerinas() -> None:
    def message(code: str, *args: str) -> str:
        registered = rule(code)
        assert registered is not None
        return registered.format_message(*args)

    assert message("EMAIL_101", "onMessage") == "`remote` keyword expected in `onMessage` function signature."
    assert message("EMAIL_102") == "Service must contain `onMessage` function."
    assert message("EMAIL_103", "onOpen") == "Function `onOpen` not accepted by the service"
    assert message("EMAIL_104", "string", "onMessage", "email:Message") == (
        "Invalid parameter `string` provided for `onMessage`, function expects `email:Message`."
    )
    assert message("EMAIL_105", "onMessage") == (
        "`resource` keyword not expected in `onMessage` function signature."
    )
    assert message("EMAIL_106", "onError", "email:Error") == (
        "No parameter provided for `onError`, function expects `email:Error` as a parameter."
    )
    assert message("EMAIL_107", "string", "onMessage", "error?") == (
        "Invalid return type `string` provided for function `onMessage`, "
        "return type should be a subtype of `error?`"
    )
    assert message("BAL_NAME_007", "io") == "unused module prefix 'io'"


def test_rule_without_template_cannot_format() -> None:
    with pytest.raises(ValueError, match="no message template"):
        sample().format_message()


@pytest.mark.usefixtures("scratch_registry")
def test_register_returns_rule_and_is_idempotent() -> None:
    first = register(sample())
    assert register(sample()) is first
    assert rule("TEST_001") is first


@pytest.mark.usefixtures("scratch_registry")
def test_conflicting_code_or_name_is_rejected() -> None:
    register(sample())
    with pytest.raises(ValueError, match="already registered"):
        register(sample(summary="Different."))
    with pytest.raises(ValueError, match="already used"):
        register(sample(code="TEST_002"))


@pytest.mark.parametrize(
    ("code", "name", "summary"),
    [
        ("test_001", "sample-rule", "Sample."),
        ("TEST1", "sample-rule", "Sample."),
        ("TEST_001", "SampleRule", "Sample."),
        ("TEST_001", "sample_rule", "Sample."),
        ("TEST_001", "sample-rule", "two\nlines"),
        ("TEST_001", "sample-rule", ""),
    ],
)
def test_malformed_rules_are_rejected(code: str, name: str, summary: str) -> None:
    with pytest.raises(ValueError):
        sample(code, name, summary)
