"""Lint benchmark: files/second for `balmail lint` on a folder of 200 generated listener files (in-process,
warm, and as one command), and the wall time of `balmail lint` on one small file beside `python -c pass`,
all measured in this run. Goals (issue 5): >= 200 files/s warm; one small file within 0.3 s of start-up.

Run: python bench/lint.py  [--files N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balmail.check.lint import lint_source  # noqa: E402
from balmail.source import SourceFile  # noqa: E402

LISTENER = """import ballerina/email;
import ballerina/log;

configurable string username = "box{n}@example.com";
configurable string password = ?;
configurable int port = {port};

type Ticket{n} record {{|
    string id;
    string subject;
|}};

listener email:{kind}Listener inbox{n} = check new ({{
    host: "mail{n}.example.com",
    username: username,
    password: password,
    port: port,
    pollingInterval: {interval},
    security: email:{security},
    secureSocket: {{
        cert: "certs/ca{n}.crt",
        protocol: {{name: email:TLS, versions: ["TLSv1.2", "TLSv1.3"]}},
        verifyHostName: true
    }}
}});

service "queue-{n}" on inbox{n} {{
    remote function onMessage(email:Message message) returns error? {{
        string subject = message.subject.trim();
        if subject.startsWith("[{n}]") {{
            Ticket{n} ticket = {{id: "{n}-" + subject.length().toString(), subject}};
            log:printInfo("ticket", id = ticket.id);
        }}
    }}

    remote function onError(email:Error err) {{
        log:printError("polling failed", 'error = err);
    }}

    remote function onClose(email:Error? err) {{
        log:printInfo("closed");
    }}
}}
"""

SMALL = """import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "inbox" on inbox {
    remote function onMessage(email:Message message) {
        log:printInfo(message.subject);
    }
}
"""


def generate(folder: Path, count: int) -> list[Path]:
    """`count` listener files, alternating POP3/IMAP and security modes, some with findings."""
    files = []
    for n in range(count):
        kind = "Imap" if n % 2 else "Pop"
        security = ("SSL", "START_TLS_ALWAYS", "START_TLS_AUTO")[n % 3]
        port = {"Imap": 993, "Pop": 995}[kind] if security == "SSL" else {"Imap": 143, "Pop": 110}[kind]
        text = LISTENER.format(n=n, kind=kind, security=security, port=port, interval=5 + n % 60)
        path = folder / f"listener_{n:03d}.bal"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def lint_in_process(files: list[Path]) -> tuple[float, int]:
    """Seconds to read and lint every file, and how many diagnostics they gave."""
    start = time.perf_counter()
    total = 0
    for path in files:
        total += len(lint_source(SourceFile.read(path)).diagnostics)
    return time.perf_counter() - start, total


def wall(command: list[str], cwd: Path, repeat: int) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="balmail-lint-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus"
        corpus.mkdir()
        files = generate(corpus, options.files)
        (folder / "small.bal").write_text(SMALL, encoding="utf-8")

        lint_in_process(files[:5])  # warm: grammar tables loaded, caches filled
        runs = [lint_in_process(files) for _ in range(3)]
        warm = min(seconds for seconds, _ in runs)
        findings = runs[0][1]

        python = [sys.executable]
        cli = [*python, "-m", "balmail.cli", "lint"]
        folder_time = wall([*cli, "corpus"], folder, max(1, options.repeat // 2))
        bare = wall([*python, "-c", "pass"], folder, options.repeat)
        small = wall([*cli, "small.bal"], folder, options.repeat)

    count = len(files)
    print(f"corpus: {count} generated listener files, {findings} findings")
    print(f"warm, in process:   {count / warm:8.0f} files/s   ({warm * 1000 / count:.2f} ms/file)")
    print(f"one command, cold:  {count / folder_time:8.0f} files/s   ({folder_time:.2f} s for the folder)")
    print(f"python -c pass:     {bare * 1000:8.0f} ms")
    print(
        f"lint one small file:{small * 1000:8.0f} ms   "
        f"(+{(small - bare) * 1000:.0f} ms, {small / bare:.1f}x start-up)"
    )
    print(
        f"goal >= 200 files/s warm: {'met' if count / warm >= 200 else 'NOT met'} ({count / warm / 200:.2f}x)"
    )
    print(f"goal small file within 0.3 s of start-up: {'met' if small - bare <= 0.3 else 'NOT met'}")


if __name__ == "__main__":
    main()
