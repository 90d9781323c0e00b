"""io:println to a reader that went away (`balmail run prog.bal | head -1`): as with Java's System.out,
which Ballerina prints through, the write error is swallowed and the program runs to its end; no Python
exception reaches the user."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROGRAM = """import ballerina/io;

public function main() {
    foreach int i in 0 ..< 20000 {
        io:println("line ", i);
    }
    io:println("done");
}
"""


def test_println_after_the_reader_closed_the_pipe(tmp_path: Path) -> None:
    src = tmp_path / "many.bal"
    src.write_text(PROGRAM, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "balmail.cli", "run", str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert first == b"line 0\n"
    assert "Traceback" not in err and "internal" not in err, err
