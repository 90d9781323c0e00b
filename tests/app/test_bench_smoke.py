"""bench/interp.py keeps running and its programs agree with the Python versions; not a timing test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_interp_benchmark_runs_quick() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "interp.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "mismatch" not in result.stdout
    assert "median ratio" in result.stdout
    assert "per message" in result.stdout
