"""Scale benchmark (issue 16): `check`, `lint` and `run` of one generated source file of growing size
(ordinary functions with loops, branches and string building, plus a `main` calling two of them), in
process. Prints seconds and peak-memory growth per size and the ratio of each to the smallest size's,
all measured in this run: linear scaling keeps time/size roughly constant. Goal: a 5 MB file checks
in <= 10 s.

Run: python bench/scale.py  [--sizes 1,2,5] (megabytes)  [--phases] (also where the time goes, per step)

`--phases` adds, per size, the cpu seconds of each phase of one in-process pass over the file: parse,
name checks, each of the compiler's checks, the lint rules, compiling, and initialising plus running
`main`. The phases are timed by wrapping the functions `check_module`, `compiler_checks` and
`lint.run_rules` call (this process only), so they are the same code `check`, `lint` and `run` run.

Measured 2026-12-04 07:42-08:00 UTC on the shared 2-core machine (load 4-5; cpu seconds are the signal),
before (commit 5da60f4) and after (5d4d7db) the second round of docs/scale.md's rules, in one run:
    MB   check s (cpu)  MB    lint s (cpu)  MB     run s (cpu)  MB   cpu per MB ratio (check/lint/run)
  before
   1.0    8.0 (  3.2)   81     8.8 (  3.9)   81    11.5 (  5.8)  129   1.00/1.00/1.00
   5.0   46.1 ( 18.8)  276    47.3 ( 18.8)  276    74.1 ( 29.5)  471   1.17/0.97/1.02
  after
   1.0    5.0 (  2.7)   81     6.0 (  3.0)   81     5.9 (  4.1)  121   1.00/1.00/1.00
   5.0   21.4 ( 12.6)  276    16.5 ( 12.7)  276    20.9 ( 20.1)  431   0.94/0.84/0.98
  phases at 5 MB (cpu s), before -> after: parse 10.3 -> 8.2 (the same parser code in both: that
  difference is the load, the size of the noise), every check after parsing 8.5 -> 4.4 (name checks
  1.5 -> 1.1, type checks 3.0 -> 2.3, closure and isolated-object checks 1.9 -> 0.2, module members
  incl. the node index 0.7 -> 0.6), lint rules 0.3, compile 9.3 -> 7.2, init + main 0.0.
  Best of 3 in one process on one parsed AST, main and this work one after the other (07:05 UTC,
  before the resolver pass landed): checks after parsing 6.4 -> 3.6 (+ 0.65 for the node index in
  both), compile 8.5 -> 6.0.
Then the flow-sensitive narrowing pass (ba47c87) landed and walked each statement again at every level
of nesting above it; on main db02fe9 vs this work on top of it, best of 1 in one process, 08:08 UTC:
checks after parsing 10.4 -> 4.6 cpu s (type checks 5.6 -> 3.2, closures 2.9 -> 0.0), compile
8.5 -> 6.2.
An earlier run on commit 0245419 (before docs/scale.md's rules; a per-function set rebuilt for every
function made the type checks quadratic): 5 MB 265.0/260.4/268.7 s cpu.
Third round (child pushers, GC generations after a pass, the narrowing lookups, dispatch by class),
2026-12-04 14:40-14:53 UTC, load 5 rising to 7 during the run; main 36d765e before, this work on top of
it (3f2e3c6) after, one run, `--sizes 1,5 --phases`:
    MB   check s (cpu)  MB    lint s (cpu)  MB     run s (cpu)  MB
  before
   1.0    8.3 (  2.7)   86    11.0 (  2.9)   86    18.7 (  6.0)  131
   5.0   83.0 ( 14.6)  300    47.4 ( 14.0)  300    80.4 ( 26.9)  480
  after
   1.0    8.0 (  2.6)   86     5.7 (  2.9)   86     9.0 (  4.8)  133
   5.0   16.1 ( 13.5)  300    22.7 ( 13.0)  301    72.2 ( 19.0)  485
  The single-shot phases of that run moved with the load, not the code (parse, the same code in both,
  7.0 -> 8.0 s). Noise-free, valgrind instructions for 0.1 MB, before -> after: check (parse + checks)
  1,256 M -> 1,165 M, parse + checks + compile 3,340 M -> 3,222 M; GC callbacks at 5 MB: the young
  collection after checking 0.2 s -> 0, the collections of a run 1.0 s -> 0.
The same code measured with nothing else running (2026-12-04 16:24 UTC, load below 1, commit after
42c24c4, `--sizes 1,5 --phases`): the loaded figures above were about twice the quiet ones.
    MB   check s (cpu)  MB    lint s (cpu)  MB     run s (cpu)  MB   cpu per MB ratio (check/lint/run)
   1.0    1.2 (  1.2)   88     1.3 (  1.3)   88     2.2 (  2.2)  135   1.00/1.00/1.00
   5.0    6.3 (  6.3)  318     6.2 (  6.2)  318     9.9 (  9.9)  497   1.04/0.96/0.90
  phases at 5 MB (cpu s): parse 2.93, name checks 0.52, module members 0.21, type checks 2.23, other
  checks ~0.3, lint rules 0.12, compile 3.70, init + main 0.0.
The goal (a 5 MB file checks in <= 10 s) is met: 6.3 s.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
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


STEPS = ("check", "lint", "run")


def measure_one(path: Path, step: str) -> dict[str, float]:
    """One step on one file in this process (a fresh child per step, so peak memory is the step's)."""
    source = SourceFile.read(path)
    began, cpu = time.perf_counter(), time.process_time()
    if step == "check":
        checked = call_deep(check_source, source)
        assert not [d for d in checked.diagnostics if d.is_error], checked.diagnostics[:3]
    elif step == "lint":
        call_deep(lint_source, source)
    else:
        out = io.StringIO()
        result = run_program(path, [], out=out, err=io.StringIO(), cwd=path.parent, environ={})
        assert result.exit_code == 0, result.error_text
        assert out.getvalue().strip(), "main printed nothing"
    return {"wall": time.perf_counter() - began, "cpu": time.process_time() - cpu, "peak": peak_mb()}


CHECK_PASSES = (
    "check_module_members",
    "check_types",
    "check_return_values",
    "check_check_expressions",
    "decl_types_of",
    "check_regexps",
    "check_tables",
    "check_xml",
    "non_isolated_calls",
    "check_listener_configs",
)
FLOW_PASSES = ("unreachable_code", "dropped_results", "isolated_access")


def measure_phases(path: Path) -> dict[str, float]:
    """Cpu seconds of each phase of checking, linting and running `path` once, in this process."""
    from balmail.check import compiler as checks
    from balmail.check import flow, program
    from balmail.check import lint as lint_module
    from balmail.compiler.core import compile_program
    from balmail.runtime.context import RunContext
    from balmail.syntax.parser import parse_source

    spent: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            began = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - began

        return run

    for name in CHECK_PASSES:
        setattr(checks, name, timed(name, getattr(checks, name)))
    for name in FLOW_PASSES:
        setattr(flow, name, timed(name, getattr(flow, name)))
    program.check_names = timed("check_names", program.check_names)  # type: ignore[attr-defined]
    lint_rules = timed("lint rules", lint_module.run_rules)
    source = SourceFile.read(path)

    def phases() -> None:
        parsed = timed("parse", parse_source)(source)
        assert parsed.module is not None and parsed.ok
        found = timed("all checks", program.check_module)(parsed.module, source)
        assert not [d for d in found if d.is_error], found[:3]
        lint_rules(source, parsed.module, str(path.parent))
        out = io.StringIO()
        compiled = timed("compile", compile_program)(parsed.module, RunContext(out=out, err=io.StringIO()))

        def run_main() -> None:
            assert compiled.initialize() is None
            compiled.main.invoke(None, [])

        timed("init + main", run_main)()
        assert out.getvalue().strip(), "main printed nothing"

    call_deep(phases)
    checked = sum(spent[name] for name in (*CHECK_PASSES, *FLOW_PASSES, "check_names") if name in spent)
    spent["other checks"] = spent.pop("all checks") - checked
    return spent


def measure(path: Path, step: str) -> dict[str, float]:
    """`measure_one` in a child process (peak resident set of that step alone, nothing cached)."""
    done = subprocess.run(
        [sys.executable, __file__, "--one", step, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{step} of {path.name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,5")
    parser.add_argument("--phases", action="store_true", help="also the cpu seconds of each phase")
    parser.add_argument("--one", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        step, file = options.one
        found = measure_phases(Path(file)) if step == "phases" else measure_one(Path(file), step)
        print(json.dumps(found))
        return
    sizes = [float(s) for s in options.sizes.split(",")]
    rows = []
    split: list[tuple[float, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in sizes:
            path = Path(folder) / f"scale{mb}.bal"
            path.write_text(program(mb))
            rows.append((mb, {step: measure(path, step) for step in STEPS}))
            if options.phases:
                split.append((mb, measure(path, "phases")))  # type: ignore[arg-type]
            print(f"  measured {mb} MB", file=sys.stderr, flush=True)
    base_mb, base = rows[0]
    print("seconds wall (cpu) and peak resident set in MB, one child process per step")
    print(f"{'MB':>5} " + " ".join(f"{step + ' s':>15} {step + ' MB':>8}" for step in STEPS)
          + f"   cpu per MB ratio to {base_mb} MB (check/lint/run)")  # fmt: skip
    for mb, got in rows:
        cells = " ".join(
            f"{got[k]['wall']:>6.1f} ({got[k]['cpu']:>6.1f}) {got[k]['peak']:>8.0f}" for k in STEPS
        )
        ratios = "/".join(f"{(got[k]['cpu'] / mb) / (base[k]['cpu'] / base_mb):.2f}" for k in STEPS)
        print(f"{mb:>5} {cells}   {ratios}")
    if split:
        print("\ncpu seconds per phase (one process, each phase once; check = parse + checks,")
        print("lint = check + lint rules, run = check + compile + init/main)")
        names = list(split[0][1])
        print(f"{'phase':<24}" + "".join(f"{str(mb) + ' MB':>10}" for mb, _ in split))
        for name in names:
            print(f"{name:<24}" + "".join(f"{got.get(name, 0.0):>10.2f}" for _, got in split))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
