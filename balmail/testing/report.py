"""What `balmail test` shows and writes: the console report shaped like `bal test`, the JUnit XML report
for CI, and the list of failed tests `--rerun-failed` reads (`target/rerun_test.json`, as bal keeps it).

The console text leaves out timings so it can be compared byte for byte; the XML carries them.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from balmail.testing.runner import FAILED, PASSED, SKIPPED, SuiteRun, indent

RERUN_FILE = Path("target") / "rerun_test.json"


def header(package: str) -> str:
    return f"Compiling source\n\t{package}\n\nRunning Tests\n\n\t{package}\n"


def summary(run: SuiteRun) -> str:
    """Pass lines, then each failure with its message, then the counts."""
    lines: list[str] = []
    for r in run.results:
        if r.status == PASSED:
            lines.append(f"\t\t[pass] {r.name}\n")
    for r in run.results:
        if r.status == FAILED:
            lines.append(f"\n\t\t[fail] {r.name}:\n")
            lines.append(f"\n\t\t    {indent(r.message, 3)}\n")
    lines.append("\n\n")
    if not run.results:
        lines.append("\t\tNo tests found\n")
    else:
        lines.append(f"\t\t{run.count(PASSED)} passing\n")
        lines.append(f"\t\t{run.count(FAILED)} failing\n")
        lines.append(f"\t\t{run.count(SKIPPED)} skipped\n")
    return "".join(lines)


def junit_xml(package: str, run: SuiteRun) -> str:
    """One `<testsuite>` per package inside `<testsuites>`; a failure's message is its first line and
    its text the whole message, as JUnit consumers (GitLab, Jenkins, GitHub actions) expect."""
    suites = ET.Element(
        "testsuites",
        name=package,
        tests=str(len(run.results)),
        failures=str(run.count(FAILED)),
        skipped=str(run.count(SKIPPED)),
        errors=str(len(run.fixture_failures)),
        time=f"{run.seconds:.3f}",
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=package,
        tests=str(len(run.results)),
        failures=str(run.count(FAILED)),
        skipped=str(run.count(SKIPPED)),
        errors=str(len(run.fixture_failures)),
        time=f"{run.seconds:.3f}",
    )
    for r in run.results:
        case = ET.SubElement(
            suite, "testcase", name=r.name, classname=f"{package}.{Path(r.file).stem or package}",
            time=f"{r.seconds:.3f}",
        )
        if r.status == FAILED:
            first = r.message.split("\n", 1)[0]
            failure = ET.SubElement(case, "failure", message=first, type="AssertionError")
            failure.text = r.message
        elif r.status == SKIPPED:
            ET.SubElement(case, "skipped")
    for f in run.fixture_failures:
        name = f"{f.function}[{f.role}]"
        case = ET.SubElement(suite, "testcase", name=name, classname=package, time="0.000")
        error = ET.SubElement(case, "error", message=f.message.split("\n", 1)[0], type="FixtureError")
        error.text = f.message
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def write_rerun(root: Path, run: SuiteRun) -> None:
    """Remember the failed tests for `--rerun-failed`; an unwritable target/ is not an error."""
    path = root / RERUN_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"testNames": run.failed_functions()}, indent=2) + "\n", encoding="utf-8")
    except OSError:
        pass


def read_rerun(root: Path) -> tuple[str, ...] | None:
    """The failed tests of the last run, or None when there was no run to repeat."""
    path = root / RERUN_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = data.get("testNames") if isinstance(data, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    return tuple(names)
