"""`balmail dev` start-up: time from starting `balmail dev EXAMPLE --once` to the first handled
message (its handler's first log line on stderr), beside bare Python start-up (`python -c pass`)
measured in the same run. Goal: at most 1.5 s over bare Python.

The examples are run as a user would (`python -m balmail.cli dev examples/NAME --once`, seeds from
their `mail/` folders): the time covers imports, parsing and compiling the program, making the
throwaway CA, starting the IMAP, POP3 and SMTP servers, the first TLS session and the first handler.

Run: `python bench/dev.py` (`--rounds 5` by default; `--example NAME` to pick examples).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.5
FIRST_MESSAGE_EXAMPLES = {
    "order_intake_imap": 'message="order accepted"',
    "auto_responder_pop": 'message="auto-reply sent"',
}
"""Example → the fragment of its handler's first log line."""


def _environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    # An installed balmail has its bytecode cached; a run without the cache compiles every module
    # from source and measures the compiler, not the start-up.
    for name in ("BAL_CONFIG_FILES", "BAL_CONFIG_DATA", "BALMAIL_LOG_LEVEL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_python_startup(rounds: int) -> tuple[float, float]:
    """Median wall and CPU seconds for `python -c pass`: the interpreter's own start-up, now."""
    times, cpu = [], []
    for _ in range(rounds):
        began, cpu_began = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=_environment())
        times.append(time.perf_counter() - began)
        cpu.append(_children_cpu() - cpu_began)
    return statistics.median(times), statistics.median(cpu)


def first_message_seconds(example: str, marker: str) -> tuple[float, float]:
    """Wall seconds from spawning `balmail dev examples/EXAMPLE --once` to the handler's first log
    line, and the CPU seconds of the whole run (less sensitive to a busy machine)."""
    began, cpu_began = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(
        [sys.executable, "-m", "balmail.cli", "dev", f"examples/{example}", "--once"],
        cwd=REPO_ROOT, env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    seen: float | None = None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if seen is None and marker in line:
            seen = time.perf_counter() - began
    process.wait(timeout=120)
    if seen is None or process.returncode != 0:
        raise SystemExit(f"balmail dev {example} did not handle a message:\n" + "".join(lines[-20:]))
    return seen, _children_cpu() - cpu_began


def time_to_first_message(examples: list[str], rounds: int) -> bool:
    """Print the medians and the margin over bare Python; True when every example meets the goal."""
    bare, bare_cpu = bare_python_startup(rounds)
    print(f"bare python -c pass: {bare:.3f} s wall, {bare_cpu:.3f} s CPU (median of {rounds})")
    ok = True
    for example in examples:
        first_message_seconds(example, FIRST_MESSAGE_EXAMPLES[example])  # warm-up: bytecode cache, page cache
        runs = [first_message_seconds(example, FIRST_MESSAGE_EXAMPLES[example]) for _ in range(rounds)]
        times = [wall for wall, _ in runs]
        median, cpu = statistics.median(times), statistics.median(c for _, c in runs)
        over = median - bare
        verdict = "ok" if over <= GOAL_SECONDS else "SLOWER THAN GOAL"
        print(
            f"balmail dev {example}: first message after {median:.3f} s (median of {rounds}; "
            f"min {min(times):.3f}, max {max(times):.3f}); {over:.3f} s over bare Python "
            f"(goal <= {GOAL_SECONDS} s): {verdict}; whole --once run {cpu:.3f} s CPU "
            f"({cpu - bare_cpu:.3f} s over bare Python)"
        )
        ok = ok and over <= GOAL_SECONDS
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--example", action="append", choices=sorted(FIRST_MESSAGE_EXAMPLES))
    options = parser.parse_args()
    time_to_first_message(options.example or sorted(FIRST_MESSAGE_EXAMPLES), options.rounds)


if __name__ == "__main__":
    main()
