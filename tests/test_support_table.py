"""README.md's supported-subset tables are exactly what `python -m balmail.support` renders from the code."""

from __future__ import annotations

from pathlib import Path

from balmail import support

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_table_is_generated() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index(support.BEGIN)
    end = text.index(support.END) + len(support.END) + 1
    assert text[start:end] == support.render(), "run: python -m balmail.support, and paste it into README.md"


def test_every_expression_and_statement_has_an_example() -> None:
    assert all(example for _, _, example, _ in support.language_rows())
