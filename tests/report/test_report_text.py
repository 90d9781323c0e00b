"""Golden tests for the Ballerina-style text report: headers, carets (tabs, wide characters, multi-line
spans, insertion points), help and the plain one-line mode."""

from __future__ import annotations

from balmail.diagnostics import Diagnostic, error, info, warning
from balmail.report.text import excerpt, header, render_plain, render_text
from balmail.source import SourceFile, Span

APP = SourceFile(
    "app.bal",
    "import ballerina/email;\n"
    "\n"
    "service on inbox {\n"
    "    remote function onMessage(email:Message msg) {\n"
    "        int x = 5\n"
    "    }\n"
    "}\n",
)


def span_of(source: SourceFile, needle: str, length: int | None = None, *, after: bool = False) -> Span:
    """The span of the first `needle` (or its first `length` characters); `after` gives the empty span
    just past it."""
    start = source.text.index(needle)
    if after:
        start += len(needle)
        return source.span(start, start)
    return source.span(start, start + (len(needle) if length is None else length))


def test_single_line_span_with_help() -> None:
    diagnostic = error(
        "BAL_SYNTAX_001", "missing semicolon token", span_of(APP, "int x = 5", after=True), help="add `;`"
    )
    assert render_text([diagnostic], [APP]) == (
        "ERROR [app.bal:(5:18,5:18)] missing semicolon token [BAL_SYNTAX_001]\n"
        "5 |         int x = 5\n"
        "  |                  ^\n"
        "  = help: add `;`\n"
    )


def test_carets_cover_the_whole_span() -> None:
    diagnostic = error("EMAIL_104", "Invalid parameter", span_of(APP, "email:Message msg"))
    assert render_text([diagnostic], [APP]) == (
        "ERROR [app.bal:(4:31,4:48)] Invalid parameter [EMAIL_104]\n"
        "4 |     remote function onMessage(email:Message msg) {\n"
        "  |                               ^^^^^^^^^^^^^^^^^\n"
    )


def test_tabs_expand_to_stops_of_four() -> None:
    source = SourceFile("tabs.bal", "function f() {\n\tint a\t= b;\n}\n")
    diagnostic = error("BAL_NAME_001", "undefined symbol 'b'", span_of(source, "b;", 1))
    assert render_text([diagnostic], [source]) == (
        "ERROR [tabs.bal:(2:10,2:11)] undefined symbol 'b' [BAL_NAME_001]\n"
        "2 |     int a   = b;\n"
        "  |               ^\n"
    )


def test_carets_under_a_tab_cover_its_cells() -> None:
    source = SourceFile("tabs.bal", "a\tb\n")
    diagnostic = warning("BALMAIL_900", "tab", source.span(1, 3))
    assert render_text([diagnostic], [source], tab_width=8) == (
        "WARNING [tabs.bal:(1:2,1:4)] tab [BALMAIL_900]\n"
        "1 | a       b\n"
        "  |  ^^^^^^^^\n"
    )


def test_wide_characters_take_two_cells() -> None:
    source = SourceFile("wide.bal", 'string s = "日本" + y;\n')
    diagnostic = error("BAL_NAME_001", "undefined symbol 'y'", span_of(source, "y;", 1))
    assert render_text([diagnostic], [source]) == (
        "ERROR [wide.bal:(1:19,1:20)] undefined symbol 'y' [BAL_NAME_001]\n"
        '1 | string s = "日本" + y;\n'
        "  |                     ^\n"
    )


def test_control_characters_are_replaced() -> None:
    source = SourceFile("ctl.bal", "int\x1b x = 1;\n")
    diagnostic = error("BAL_SYNTAX_001", "unexpected character", source.span(3, 4))
    assert render_text([diagnostic], [source]) == (
        "ERROR [ctl.bal:(1:4,1:5)] unexpected character [BAL_SYNTAX_001]\n"
        "1 | int\ufffd x = 1;\n"
        "  |    ^\n"
    )


def test_multi_line_span_marks_first_line_and_continues() -> None:
    start = APP.text.index("service")
    end = APP.text.rindex("}") + 1
    diagnostic = error(
        "EMAIL_102",
        "Service must contain `onMessage` function.",
        APP.span(start, end),
        help="add `remote function onMessage(email:Message msg)`",
    )
    assert render_text([diagnostic], [APP]) == (
        "ERROR [app.bal:(3:1,7:2)] Service must contain `onMessage` function. [EMAIL_102]\n"
        "3 | service on inbox {\n"
        "  | ^^^^^^^^^^^^^^^^^^\n"
        "  | ...\n"
        "  = help: add `remote function onMessage(email:Message msg)`\n"
    )


def test_span_ending_at_start_of_next_line_is_one_line() -> None:
    start = APP.text.index("service")
    end = APP.text.index("\n", start) + 1
    diagnostic = info("BALMAIL_901", "whole line", APP.span(start, end))
    assert render_text([diagnostic], [APP]) == (
        "INFO [app.bal:(3:1,4:1)] whole line [BALMAIL_901]\n"
        "3 | service on inbox {\n"
        "  | ^^^^^^^^^^^^^^^^^^\n"
    )


def test_multi_line_span_from_end_of_line_gets_one_caret() -> None:
    start = APP.text.index("{")
    diagnostic = error("BALMAIL_902", "block", APP.span(start + 1, start + 10))
    assert render_text([diagnostic], [APP]) == (
        "ERROR [app.bal:(3:19,4:9)] block [BALMAIL_902]\n"
        "3 | service on inbox {\n"
        "  |                   ^\n"
        "  | ...\n"
    )


def test_empty_line_has_no_trailing_space() -> None:
    diagnostic = error("BAL_SYNTAX_001", "blank", APP.span(24, 24))
    assert render_text([diagnostic], [APP]) == (
        "ERROR [app.bal:(2:1,2:1)] blank [BAL_SYNTAX_001]\n"
        "2 |\n"
        "  | ^\n"
    )


def test_gutter_widens_with_line_number() -> None:
    source = SourceFile("long.bal", "\n" * 11 + "int x = y;\n")
    diagnostic = error("BAL_NAME_001", "undefined symbol 'y'", span_of(source, "y;", 1), help="declare `y`")
    assert render_text([diagnostic], [source]) == (
        "ERROR [long.bal:(12:9,12:10)] undefined symbol 'y' [BAL_NAME_001]\n"
        "12 | int x = y;\n"
        "   |         ^\n"
        "   = help: declare `y`\n"
    )


def test_multi_line_help_is_aligned() -> None:
    diagnostic = error("BAL_SYNTAX_001", "oops", span_of(APP, "inbox"), help="first\n\nthird")
    assert render_text([diagnostic], [APP]) == (
        "ERROR [app.bal:(3:12,3:17)] oops [BAL_SYNTAX_001]\n"
        "3 | service on inbox {\n"
        "  |            ^^^^^\n"
        "  = help: first\n"
        "\n"
        "          third\n"
    )


def test_without_source_only_header_and_help() -> None:
    span = Span("gone.bal", 0, 1, 1, 1, 1, 2)
    diagnostic = error("BAL_SYNTAX_001", "bad", span, help="fix it")
    assert render_text([diagnostic]) == "ERROR [gone.bal:(1:1,1:2)] bad [BAL_SYNTAX_001]\n  = help: fix it\n"


def test_several_diagnostics_in_report_order_with_blank_lines() -> None:
    other = SourceFile("a.bal", "int q = r;\n")
    diagnostics = [
        warning("BAL_NAME_007", "unused module prefix 'email'", span_of(APP, "ballerina/email")),
        error("BAL_NAME_001", "undefined symbol 'r'", span_of(other, "r;", 1)),
        error("BAL_SYNTAX_001", "missing semicolon token", span_of(APP, "int x = 5", after=True)),
    ]
    assert render_text(diagnostics, {"app.bal": APP, "a.bal": other}) == (
        "ERROR [a.bal:(1:9,1:10)] undefined symbol 'r' [BAL_NAME_001]\n"
        "1 | int q = r;\n"
        "  |         ^\n"
        "\n"
        "WARNING [app.bal:(1:8,1:23)] unused module prefix 'email' [BAL_NAME_007]\n"
        "1 | import ballerina/email;\n"
        "  |        ^^^^^^^^^^^^^^^\n"
        "\n"
        "ERROR [app.bal:(5:18,5:18)] missing semicolon token [BAL_SYNTAX_001]\n"
        "5 |         int x = 5\n"
        "  |                  ^\n"
    )


def test_plain_mode_is_one_line_each() -> None:
    diagnostics: list[Diagnostic] = [
        error("BAL_SYNTAX_001", "missing semicolon token", span_of(APP, "int x = 5", after=True), help="x"),
        info("BALMAIL_901", "two\nlines", span_of(APP, "inbox")),
    ]
    assert render_plain(diagnostics) == (
        "INFO [app.bal:(3:12,3:17)] two lines [BALMAIL_901]\n"
        "ERROR [app.bal:(5:18,5:18)] missing semicolon token [BAL_SYNTAX_001]\n"
    )


def test_nothing_to_report_is_empty() -> None:
    assert render_text([], [APP]) == ""
    assert render_plain([]) == ""


def test_header_and_excerpt_are_usable_alone() -> None:
    span = span_of(APP, "inbox")
    assert header(error("EMAIL_101", "m", span)) == "ERROR [app.bal:(3:12,3:17)] m [EMAIL_101]"
    assert excerpt(span, APP) == ["3 | service on inbox {", "  |            ^^^^^"]
