"""Parser benchmark: lines/second on a generated 5,000-line listener file and on a 50-line one, and the
time of `balmail check` on the small file beside `python -c pass`, all measured in this run. Times are
CPU seconds (best of N): the machine is often shared, and wall time then measures the neighbours; the
wall-time median of the commands is printed too.

Run: python bench/parse.py  [--before CHECKOUT] (the parse figures of another checkout, e.g. a
`git worktree` of an older commit, measured in this run beside this one's)  [--instructions] (with
--before: instructions of one 5,000-line parse under valgrind, both checkouts: the noise-free ratio)
"""

from __future__ import annotations

import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup import installed_env, warm  # noqa: E402

SMALL = """import ballerina/email;
import ballerina/log;

configurable string password = ?;
configurable string host = "localhost";

type Ticket record {|
    string id;
    string subject;
    string[] labels = [];
|};

listener email:ImapListener inbox = check new ({
    host: host,
    username: "support@example.com",
    password: password,
    pollingInterval: 15,
    port: 993
});

service "support" on inbox {
    private int handled = 0;

    remote function onMessage(email:Message message) returns error? {
        // route by subject
        string subject = message.subject.trim();
        if subject.startsWith("[URGENT]") {
            log:printWarn("urgent mail", subject = subject);
        }
        Ticket ticket = {id: subject.length().toString(), subject: subject};
        string[] words = re `\\s+`.split(subject);
        foreach string word in words {
            if word.length() > 3 && word != "Re:" {
                ticket.labels.push(word.toLowerAscii());
            }
        }
        self.handled += 1;
        log:printInfo("ticket", id = ticket.id, count = self.handled);
    }

    remote function onError(email:Error err) {
        log:printError("polling failed", 'error = err);
    }

    remote function onClose(email:Error? err) {
        log:printInfo("closed");
    }
}
"""

HELPER = """
function classify{n}(string subject, int size) returns string|error {{
    // classify message {n} by its subject and size
    string lowered = subject.toLowerAscii();
    if lowered.includes("invoice") {{
        return "billing";
    }} else if size > {n} * 1024 {{
        return error("message too large", size = size);
    }}
    map<int> counts = {{}};
    foreach string part in re `[ ,;]+`.split(lowered) {{
        counts[part] = (counts[part] ?: 0) + 1;
    }}
    int total = from var [_, c] in counts.entries() collect sum(c);
    return string `other-${{total}}`;
}}
"""


def generated(lines: int) -> str:
    """The small listener program followed by helper functions up to about `lines` lines."""
    parts = [SMALL]
    n = 0
    while sum(p.count("\n") for p in parts) < lines:
        parts.append(HELPER.format(n=n))
        n += 1
    return "".join(parts)


def best_of(runs: int, fn) -> float:  # noqa: ANN001 - a zero-argument callable
    """The least CPU time of `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def command_time(args: list[str], env: dict[str, str], cwd: Path, runs: int = 15) -> tuple[float, float]:
    """(least CPU time, median wall time) of running a command `runs` times."""
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env, cwd=cwd
        )
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return min(cpu), statistics.median(wall)


def parse_figures() -> dict[str, float]:
    """CPU seconds of parsing the big and the small file, with whichever balmail `sys.path` finds."""
    from balmail.syntax.parser import parse_text

    big = generated(5000)
    parse_text(SMALL, "warmup.bal")
    result = parse_text(big, "big.bal")
    assert result.ok, result.diagnostics[:3]
    return {
        "big_lines": big.count("\n"),
        "big": best_of(7, lambda: parse_text(big, "big.bal")),
        "small_lines": SMALL.count("\n"),
        "small": best_of(20, lambda: parse_text(SMALL, "small.bal")),
    }


def _child(checkout: Path, *args: str) -> list[str]:
    """The command that runs this file's `--child` mode on `checkout`'s balmail."""
    return [sys.executable, str(Path(__file__).resolve()), "--child", str(checkout), *args]


def checkout_figures(checkout: Path) -> dict[str, float]:
    """`parse_figures` of a checkout, in a process of its own."""
    done = subprocess.run(_child(checkout, "times"), capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def instructions(checkout: Path) -> int:
    """Instructions (valgrind) of one parse of the big file by `checkout`: a run that parses it once
    more than a run that does not."""
    counts = []
    for parses in ("0", "1"):
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *_child(checkout, parses)],
            capture_output=True,
            text=True,
            check=True,
        )
        found = re.search(r"Collected : (\d+)", done.stderr)
        assert found, done.stderr[-500:]
        counts.append(int(found.group(1)))
    return counts[1] - counts[0]


def child(checkout: str, mode: str) -> None:
    """`--child CHECKOUT times|0|1`: parse figures as JSON, or parse the big file 0 or 1 times after
    warming up (for `instructions`)."""
    sys.path.insert(0, checkout)
    sys.setrecursionlimit(100_000)
    if mode == "times":
        print(json.dumps(parse_figures()))
        return
    from balmail.syntax.parser import parse_text

    big = generated(5000)
    parse_text(SMALL, "warmup.bal")
    parse_text(big[:3000] + "\n}\n", "warmup2.bal")
    if mode == "1":
        parse_text(big, "big.bal")


def compare(before: Path, count: bool) -> None:
    """This checkout's parse figures beside `before`'s, alternating processes (best of two rounds)."""
    rows: dict[str, dict[str, float]] = {}
    for _round in range(2):
        for name, checkout in (("before", before), ("after", ROOT)):
            got = checkout_figures(checkout)
            kept = rows.setdefault(name, got)
            for key in ("big", "small"):
                kept[key] = min(kept[key], got[key])
    for name, row in rows.items():
        print(
            f"{name:>6}: parse {row['big_lines']:.0f} lines {row['big'] * 1000:.0f} ms = "
            f"{row['big_lines'] / row['big']:,.0f} lines/s; {row['small_lines']:.0f} lines "
            f"{row['small'] * 1000:.1f} ms"
        )
    print(f" ratio: {rows['before']['big'] / rows['after']['big']:.2f}x faster (5,000 lines, cpu)")
    if count:
        old, new = instructions(before), instructions(ROOT)
        print(
            f"instructions of one 5,000-line parse: before {old / 1e6:,.0f} M, after {new / 1e6:,.0f} M "
            f"({old / new:.2f}x)"
        )


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--child"]:
        child(args[1], args[2])
        return
    if "--before" in args:
        compare(Path(args[args.index("--before") + 1]).resolve(), "--instructions" in args)
        return

    figures = parse_figures()
    big_lines, big_time = figures["big_lines"], figures["big"]
    small_lines, small_time = figures["small_lines"], figures["small"]
    print(
        f"parse {big_lines:.0f} lines: {big_time * 1000:.0f} ms = {big_lines / big_time:,.0f} lines/s",
        "(goal >= 20,000)",
    )
    print(
        f"parse {small_lines:.0f} lines: {small_time * 1000:.1f} ms = {small_lines / small_time:,.0f} lines/s"
    )

    with tempfile.TemporaryDirectory() as tmp:
        small_file = Path(tmp) / "listener.bal"
        small_file.write_text(SMALL, encoding="utf-8")
        env = installed_env(Path(tmp) / "bytecode")  # as an installed copy runs (bench/startup.py)
        env["PYTHONPATH"] = str(ROOT)  # this checkout, whatever the current folder (`-m` puts it first)
        command = [sys.executable, "-m", "balmail.cli", "check", str(small_file)]
        warm(command, Path(tmp), env)
        python, python_wall = command_time([sys.executable, "-c", "pass"], env, Path(tmp))
        check, check_wall = command_time(command, env, Path(tmp))
    print(f"python -c pass:              {python * 1000:.0f} ms cpu ({python_wall * 1000:.0f} ms wall)")
    print(
        f"balmail check (50 lines):    {check * 1000:.0f} ms cpu = {check / python:.1f}x bare Python, "
        f"+{(check - python) * 1000:.0f} ms (goal <= +250 ms); wall {check_wall * 1000:.0f} ms, "
        f"+{(check_wall - python_wall) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
