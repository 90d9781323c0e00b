"""Scale benchmark (issue 16): `check`, `lint` and `run` of one generated source file of growing size
(ordinary functions with loops, branches and string building, plus a `main` calling two of them), in
process. Prints seconds and peak-memory growth per size and the ratio of each to the smallest size's,
all measured in this run: linear scaling keeps time/size roughly constant. Goal: a 5 MB file checks
in <= 10 s.

Run: python bench/scale.py  [--sizes 0.5,1,2,5] (megabytes)

Measured 2026-12-03 on the shared 2-core machine under a load average of ~10 (so absolute times are
several times what a quiet machine gives; ratios are the signal):
    MB  check s   lint s    run s   per-MB ratio to 0.5 MB (check/lint/run)
   0.5    16.88    18.37    16.19   1.00/1.00/1.00
   1.0    19.47    15.74    29.59   0.58/0.43/0.91
   2.0    45.15    19.53    26.94   0.67/0.27/0.42
   5.0    40.21   103.25   291.88   0.24/0.56/1.80
   peak resident set 842 MB. check and lint are at most linear; run of 5 MB is not (1.8x per MB) and
   the 10 s check goal is not shown on this machine: both are open (issue 16).
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balmail.app import run_program  # noqa: E402
from balmail.check.lint import lint_source  # noqa: E402
from balmail.check.program import check_source  # noqa: E402
from balmail.deep import call_deep  # noqa: E402
from balmail.source import SourceFile  # noqa: E402

FUNCTION = """
function f{i}(int a, string s) returns int {{
    int total = a;
    foreach int k in 0 ..< 3 {{
        if k % 2 == 0 {{
            total += k * {seven};
        }} else {{
            total -= 1;
        }}
    }}
    string t = s + "{i}";
    return total + t.length();
}}
"""


def program(megabytes: float) -> str:
    parts = ["import ballerina/io;\n"]
    size, i = 0, 0
    while size < megabytes * 1_000_000:
        text = FUNCTION.format(i=i, seven=i % 7)
        parts.append(text)
        size += len(text)
        i += 1
    parts.append(f'\npublic function main() {{\n    io:println(f0(1, "x") + f{i - 1}(2, "y"));\n}}\n')
    return "".join(parts)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path) -> dict[str, float]:
    source = SourceFile.read(path)
    out: dict[str, float] = {}
    start = time.perf_counter()
    checked = call_deep(check_source, source)
    out["check"] = time.perf_counter() - start
    assert not [d for d in checked.diagnostics if d.is_error], checked.diagnostics[:3]
    start = time.perf_counter()
    call_deep(lint_source, source)
    out["lint"] = time.perf_counter() - start
    start = time.perf_counter()
    result = run_program(path, [], out=io.StringIO(), err=io.StringIO(), cwd=path.parent, environ={})
    out["run"] = time.perf_counter() - start
    assert result.exit_code == 0, result.error_text
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,5")
    sizes = [float(s) for s in parser.parse_args().sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in sizes:
            path = Path(folder) / f"scale{mb}.bal"
            path.write_text(program(mb))
            before = peak_mb()
            times = measure(path)
            rows.append((mb, times, peak_mb() - before))
    base_mb, base, _ = rows[0]
    header = f"{'MB':>5} {'check s':>8} {'lint s':>8} {'run s':>8}"
    print(f"{header}   per-MB ratio to {base_mb} MB (check/lint/run)")
    for mb, times, _grown in rows:
        ratios = "/".join(f"{(times[k] / mb) / (base[k] / base_mb):.2f}" for k in ("check", "lint", "run"))
        print(f"{mb:>5} {times['check']:>8.2f} {times['lint']:>8.2f} {times['run']:>8.2f}   {ratios}")
    print(f"peak resident set: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
