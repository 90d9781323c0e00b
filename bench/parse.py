"""Parser benchmark: lines/second on a generated 5,000-line listener file and on a 50-line one, and the
time of `balmail check` on the small file beside `python -c pass`, all measured in this run. Times are
CPU seconds (best of N): the machine is often shared, and wall time then measures the neighbours; the
wall-time median of the commands is printed too.

Run: python bench/parse.py
"""

from __future__ import annotations

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


def main() -> None:
    from balmail.syntax.parser import parse_text

    big = generated(5000)
    big_lines = big.count("\n")
    parse_text(SMALL, "warmup.bal")
    result = parse_text(big, "big.bal")
    assert result.ok, result.diagnostics[:3]
    big_time = best_of(7, lambda: parse_text(big, "big.bal"))
    small_time = best_of(20, lambda: parse_text(SMALL, "small.bal"))
    small_lines = SMALL.count("\n")
    print(
        f"parse {big_lines} lines: {big_time * 1000:.0f} ms = {big_lines / big_time:,.0f} lines/s",
        "(goal >= 20,000)",
    )
    print(f"parse {small_lines} lines: {small_time * 1000:.1f} ms = {small_lines / small_time:,.0f} lines/s")

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
