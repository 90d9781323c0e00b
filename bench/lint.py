"""Lint benchmark: files/second for `balmail lint` on a folder of 200 generated listener files (in-process,
warm, and as one command), and the wall time of `balmail lint` on one small file beside `python -c pass`,
all measured in this run; commands run with bytecode cached, as an installed copy does (bench/startup.py).
Goals (issue 5): >= 200 files/s warm; one small file within 0.3 s of start-up.
Issue 9: `check` of one small file within 0.25 s of start-up; a 20-file package (18 default-module files
sharing names, a 2-file submodule) checked and linted as one program, in process and as one command.

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

from balmail.check.lint import lint_project, lint_source  # noqa: E402
from balmail.project import load_project  # noqa: E402
from balmail.source import SourceFile  # noqa: E402
from bench.startup import installed_env, uncached_env  # noqa: E402
from bench.startup import warm as warm_up  # noqa: E402

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


PACKAGE_FILE = """import ballerina/log;
import bench_pkg.util;

type Order{n} record {{|
    string id;
    int quantity;
|}};

function handle{n}(string subject) returns Order{n}? {{
    string id = util:normalise(subject);
    if id.length() == 0 {{
        return ();
    }}
    int quantity = {next}(id);
    log:printInfo("order", id = id, quantity = quantity, cap = LIMIT);
    return {{id, quantity}};
}}

function weight{n}(string id) returns int => id.length() * {n};
"""

PACKAGE_MAIN = """import ballerina/email;
import ballerina/log;

configurable string username = ?;
configurable string password = ?;
const int LIMIT = 100;

listener email:ImapListener inbox = check new ({host: "imap.example.com", username, password});

service "orders" on inbox {
    remote function onMessage(email:Message message) {
        Order0? first = handle0(message.subject);
        log:printInfo("handled", found = first is Order0);
    }
}
"""

PACKAGE_UTIL = """public function normalise(string subject) returns string => strip(subject).toUpperAscii();

function strip(string text) returns string => text.trim();
"""


def generate_package(folder: Path) -> Path:
    """A 20-file package: main.bal and 17 files in the default module, a 2-file `util` submodule."""
    root = folder / "bench_pkg"
    (root / "modules" / "util").mkdir(parents=True)
    (root / "Ballerina.toml").write_text('[package]\norg = "bench"\nname = "bench_pkg"\nversion = "0.1.0"\n')
    (root / "main.bal").write_text(PACKAGE_MAIN, encoding="utf-8")
    for n in range(17):
        text = PACKAGE_FILE.format(n=n, next=f"weight{(n + 1) % 17}")
        (root / f"orders_{n:02d}.bal").write_text(text, encoding="utf-8")
    (root / "modules" / "util" / "util.bal").write_text(PACKAGE_UTIL, encoding="utf-8")
    (root / "modules" / "util" / "more.bal").write_text("public const string UTIL = \"util\";\n")
    return root


def lint_in_process(files: list[Path]) -> tuple[float, int]:
    """Seconds to read and lint every file, and how many diagnostics they gave."""
    start = time.perf_counter()
    total = 0
    for path in files:
        total += len(lint_source(SourceFile.read(path)).diagnostics)
    return time.perf_counter() - start, total


def wall(command: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
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
        package = generate_package(folder)
        package_findings = len(lint_project(load_project(package)))  # warm
        start = time.perf_counter()
        for _ in range(5):
            lint_project(load_project(package))
        package_warm = (time.perf_counter() - start) / 5

        lint_in_process(files[:5])  # warm: grammar tables loaded, caches filled
        runs = [lint_in_process(files) for _ in range(3)]
        warm = min(seconds for seconds, _ in runs)
        findings = runs[0][1]

        python = [sys.executable]
        cli = [*python, "-m", "balmail.cli", "lint"]
        env = installed_env(folder / "bytecode")
        (folder / "empty").mkdir()
        warm_up([*python, "-m", "balmail.cli", "lint", "bench_pkg"], folder, env)
        folder_time = wall([*cli, "corpus"], folder, max(1, options.repeat // 2), env)
        bare = wall([*python, "-c", "pass"], folder, options.repeat, env)
        small = wall([*cli, "small.bal"], folder, options.repeat, env)
        check = [*python, "-m", "balmail.cli", "check", "small.bal"]
        small_check = wall(check, folder, options.repeat, env)
        uncached_check = wall(check, folder, options.repeat, uncached_env(folder / "empty"))
        package_lint = wall([*cli, "bench_pkg"], folder, options.repeat, env)
        package_check = wall([*check[:-1], "bench_pkg"], folder, options.repeat, env)

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
        f"check one small file:{small_check * 1000:7.0f} ms   "
        f"(+{(small_check - bare) * 1000:.0f} ms, {small_check / bare:.1f}x start-up)"
    )
    print(
        f"check, no bytecode cache:{uncached_check * 1000:4.0f} ms   "
        f"(+{(uncached_check - bare) * 1000:.0f} ms: every module compiled from source on each start)"
    )
    print(f"20-file package, warm lint in process: {package_warm * 1000:.0f} ms, {package_findings} findings")
    commands = f"check {package_check * 1000:.0f} ms, lint {package_lint * 1000:.0f} ms"
    print(f"20-file package, one command: {commands}")
    print(
        f"goal >= 200 files/s warm: {'met' if count / warm >= 200 else 'NOT met'} ({count / warm / 200:.2f}x)"
    )
    print(f"goal small file within 0.3 s of start-up: {'met' if small - bare <= 0.3 else 'NOT met'}")
    met = "met" if small_check - bare <= 0.25 else "NOT met"
    print(f"goal check of a small file within 0.25 s of start-up: {met}")


if __name__ == "__main__":
    main()
