"""`balmail test --test-report FILE`: a JUnit XML report that JUnit consumers read (checked with
`junitparser`, and element by element against the JUnit schema's required structure)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped

CORPUS = Path(__file__).resolve().parent / "corpus"


def run_with_report(package: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    root = tmp_path / package
    shutil.copytree(CORPUS / package, root)
    report = tmp_path / "report.xml"
    result = subprocess.run(
        [sys.executable, "-m", "balmail.cli", "test", "--test-report", str(report)],
        cwd=root, capture_output=True, text=True, check=False,
    )
    return result, report


def test_failing_package_report(tmp_path: Path) -> None:
    result, report = run_with_report("failing", tmp_path)
    assert result.returncode == 1
    root = ET.parse(report).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    for attr in ("name", "tests", "failures", "errors", "skipped", "time"):
        assert attr in suite.attrib
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("11", "9", "1")
    for case in suite.findall("testcase"):
        assert set(case.attrib) == {"name", "classname", "time"}
        assert float(case.get("time", "x")) >= 0
        assert len(case) <= 1 and all(child.tag in ("failure", "skipped", "error") for child in case)

    xml = JUnitXml.fromfile(str(report))
    cases = {case.name: case for suite in xml for case in suite}
    assert set(cases) == {
        "testStringDiff", "testTypeMismatch", "testMapDiff", "testAssertTrue", "testAssertFail",
        "testNotEquals", "testCheckedError", "testPanic", "testSkippedDependent",
        "testCounts#ten", "testCounts#eleven",
    }
    assert cases["testCounts#ten"].is_passed
    assert isinstance(cases["testSkippedDependent"].result[0], Skipped)
    failure = cases["testStringDiff"].result[0]
    assert isinstance(failure, Failure)
    assert failure.message == 'error("Assertion Failed!'
    assert "-TWO\n+two" in (failure.text or "")
    assert cases["testMapDiff"].classname == "failing.reply_test"


def test_fixture_failure_is_an_error_case(tmp_path: Path) -> None:
    result, report = run_with_report("suite_fixture", tmp_path)
    assert result.returncode == 1
    xml = JUnitXml.fromfile(str(report))
    cases = {case.name: case for suite in xml for case in suite}
    error = cases["openTwice[before test suite function]"].result[0]
    assert isinstance(error, Error)
    assert error.message == 'error("already connected")'
    assert all(isinstance(cases[n].result[0], Skipped) for n in ("testConnected", "testSlow"))


def test_passing_package_report(tmp_path: Path) -> None:
    result, report = run_with_report("passing", tmp_path)
    assert result.returncode == 0
    xml = JUnitXml.fromfile(str(report))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == 14 and all(case.is_passed for case in cases)
