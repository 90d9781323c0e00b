"""Programs drawn from balmail's own Lark grammar (Hypothesis' `from_lark`), and typed expressions built
from grammar-shaped fragments that are run: `check`, `lint` and `run` give diagnostics or a result,
never a Python exception, and a run ends within its budgets (a budget error, not a hang)."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from balmail.app import run_program
from balmail.check.lint import lint_source
from balmail.check.program import check_source
from balmail.runtime.sandbox import Budgets
from balmail.source import SourceFile
from balmail.syntax.parser import grammar_path

from .conftest import FUZZ

NAMES = st.sampled_from(["x", "y", "io", "email", "m", "main", "s", "'int", "x1", "é"])
TERMINALS = {
    "IDENT": NAMES,
    "COMMENT": st.just("// c"),
    "DOC_COMMENT": st.just("# d"),
    "STRING": st.sampled_from(['"a"', '""', '"\\n"', '"\\u{1F600}"', '"\\"']),
    "TEMPLATE": st.sampled_from(["`a`", "`${x}`", "``", "`${`b`}`"]),
    "INT_LITERAL": st.sampled_from(["0", "1", "9223372036854775807", "9223372036854775808", "00"]),
    "FLOAT_LITERAL": st.sampled_from(["1.0", "1e308", "1e999", ".5d", "2f"]),
    "HEX_LITERAL": st.sampled_from(["0x0", "0xFFFFFFFFFFFFFFFFF"]),
    "HEX_FLOAT_LITERAL": st.just("0x1p3"),
}
_lark = Lark(
    grammar_path().read_text(encoding="utf-8"),
    parser="lalr",
    start=["start", "expr_only"],
    keep_all_tokens=True,
    maybe_placeholders=False,
)
GRAMMAR_PROGRAMS = from_lark(_lark, start="start", explicit=TERMINALS)


def no_exception_from_check_and_lint(text: str) -> None:
    source = SourceFile("fuzz.bal", text)
    checked = check_source(source)
    assert all(d.message for d in checked.diagnostics)
    linted = lint_source(source)
    assert all(d.message for d in linted.diagnostics)


@FUZZ
@given(GRAMMAR_PROGRAMS)
def test_grammar_programs_check_and_lint(text: str) -> None:
    no_exception_from_check_and_lint(text)


@FUZZ
@given(GRAMMAR_PROGRAMS, st.integers(0, 10_000), st.text(max_size=3))
def test_mangled_grammar_programs_check_and_lint(text: str, at: int, junk: str) -> None:
    """A syntax error anywhere (text cut or spliced) goes through the parser's error recovery."""
    at = at % (len(text) + 1)
    no_exception_from_check_and_lint(text[:at] + junk + text[at + len(junk) :])


# -- typed expressions, run ----------------------------------------------------------------------

STRS_LEAF = st.sampled_from(['"a"', '""', '"héllo"', "s", '"\\u{10FFFF}"'])
INTS = st.recursive(
    st.sampled_from(["0", "1", "-1", "7", "9223372036854775807", "int:MIN_VALUE", "n"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        inner.map(lambda e: f"(-{e})"),
        STRS_LEAF.map(lambda s: f"{s}.length()"),
        st.tuples(inner, inner).map(lambda t: f"(({t[0]} > {t[1]}) ? {t[0]} : {t[1]})"),
    ),
    max_leaves=12,
)
STRS = st.recursive(
    STRS_LEAF,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda t: f"({t[0]} + {t[1]})"),
        st.tuples(inner, INTS).map(lambda t: f"{t[0]}.padStart({t[1]})"),
        st.tuples(inner, INTS, INTS).map(lambda t: f"{t[0]}.substring({t[1]}, {t[2]})"),
        INTS.map(lambda e: f"{e}.toString()"),
        st.tuples(inner, INTS).map(lambda t: f'string:\'join(",", {t[0]}, {t[1]}.toString())'),
        inner.map(lambda e: f"{e}.toUpperAscii()"),
        st.tuples(inner, inner).map(lambda t: f"re `(a|aa)+$`.replaceAll({t[0]}, {t[1]})"),
    ),
    max_leaves=10,
)
STATEMENTS = st.one_of(
    INTS.map(lambda e: f"io:println({e});"),
    STRS.map(lambda e: f"io:println({e});"),
    st.tuples(INTS, INTS).map(
        lambda t: f"int[] xs = []; xs.setLength({t[0]} % 1000); io:println(xs.length() + {t[1]});"
    ),
    INTS.map(lambda e: f"json j = [{e}, {{a: {e}}}]; io:println(j.toJsonString());"),
    INTS.map(lambda e: f"foreach int i in 0 ..< ({e} % 100000) {{ n += 1; }}"),
    STRS.map(lambda e: f"string[] parts = re `,`.split({e}); io:println(parts.length());"),
)


@FUZZ
@given(st.lists(STATEMENTS, min_size=1, max_size=4))
def test_typed_programs_run_within_their_budgets(tmp_path_factory: object, statements: list[str]) -> None:
    folder: Path = tmp_path_factory.mktemp("run")  # type: ignore[attr-defined]
    program = folder / "fuzz.bal"
    body = "\n    ".join("{ " + statement + " }" for statement in statements)
    program.write_text(
        "import ballerina/io;\n\npublic function main() returns error? {\n"
        f'    int n = 3;\n    string s = "x,y";\n    {body}\n    io:println(n);\n}}\n'
    )
    out, err = io.StringIO(), io.StringIO()
    budgets = Budgets().with_flags(steps=200_000, seconds=5, size=200_000)
    result = run_program(program, [], budgets=budgets, out=out, err=err, cwd=folder, environ={})
    text = (result.error_text or "") + err.getvalue()
    assert result.exit_code in (0, 1), text
    assert "Traceback" not in text
    assert "InternalError" not in text and "internal evaluator error" not in text, (statements, text)
    if result.exit_code == 1 and not result.diagnostics:
        assert text.startswith("error: "), text
