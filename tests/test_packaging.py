"""The grammar and the design canvas's page ship inside the wheel, and an installed wheel finds the grammar
(no source checkout needed)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_grammar(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("balmail-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "balmail/grammar/ballerina.lark" in names
    shipped = zipfile.ZipFile(wheel).read("balmail/grammar/ballerina.lark")
    assert shipped == (ROOT / "grammar" / "ballerina.lark").read_bytes()
    for static in ("index.html", "design.js", "design.css"):  # the design canvas's page
        assert f"balmail/web/static/{static}" in names
