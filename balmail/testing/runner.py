"""Running a suite the way `bal test` does: selection, dependency order, fixtures, data providers.

Rules kept from Ballerina's test runner:
- tests run in source order, each after the tests it `dependsOn` (a cycle or a dependency on a disabled
  test stops the run with Ballerina's message);
- a failed test skips its dependents; a failed `before` skips its test; a failed `@test:BeforeEach` or
  `@test:AfterEach` skips every test after it; a failed `@test:BeforeSuite` skips all tests and the
  `@test:AfterSuite` functions not marked `alwaysRun`;
- `@test:BeforeGroups` run before the first selected test of a group, `@test:AfterGroups` after its last;
- a data provider's sets run as `name#key` (map) or `name#index` (list) sub-tests.
The runner only records what happened; `report.py` formats it.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import attrs

from balmail.runtime.errors import BallerinaPanic, FailSignal
from balmail.runtime.values import BError, BList, BMap, to_bal_string
from balmail.testing.suite import Suite, TestCase

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


class SelectionError(Exception):
    """The suite cannot be ordered (a cycle, a dependency on a disabled test); Ballerina's message."""


@attrs.define
class Selection:
    """What `--tests`, `--groups`, `--disable-groups` and `--rerun-failed` ask for."""

    tests: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    disabled_groups: tuple[str, ...] = ()
    rerun: tuple[str, ...] | None = None  # the failed tests of the last run


@attrs.define
class TestResult:
    name: str  # `test`, or `test#key` for one data set
    function: str
    status: str
    message: str = ""
    seconds: float = 0.0
    file: str = ""


@attrs.define
class FixtureFailure:
    function: str
    role: str  # "before test suite function", ...
    message: str


@attrs.define
class SuiteRun:
    results: list[TestResult] = attrs.field(factory=list)
    fixture_failures: list[FixtureFailure] = attrs.field(factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return not self.fixture_failures and self.count(FAILED) == 0

    def failed_functions(self) -> list[str]:
        out: list[str] = []
        for r in self.results:
            if r.status == FAILED and r.function not in out:
                out.append(r.function)
        return out


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def select(suite: Suite, sel: Selection) -> list[TestCase]:
    """The tests to run, in execution order: the chosen ones plus what they depend on."""
    enabled = [t for t in suite.tests if t.enable]

    def chosen(t: TestCase) -> bool:
        if sel.rerun is not None and t.name not in sel.rerun:
            return False
        if sel.tests and not _matches(t.name, tuple(p.split("#", 1)[0] for p in sel.tests)):
            return False
        if sel.groups and not set(t.groups) & set(sel.groups):
            return False
        return not (sel.disabled_groups and set(t.groups) & set(sel.disabled_groups))

    ordered: list[TestCase] = []
    placed: set[str] = set()

    def place(t: TestCase, path: list[str]) -> None:
        if t.name in placed:
            return
        for dep in t.depends_on:
            target = suite.test(dep)
            if target is None or not target.enable:
                raise SelectionError(
                    f"error: Test [{t.name}] depends on function [{dep}], "
                    "but it is either disabled or not included."
                )
            if dep in path:
                cycle = [*path[path.index(dep):], dep]
                raise SelectionError("Cyclic test dependencies detected: " + " -> ".join(cycle))
            place(target, [*path, dep])
        placed.add(t.name)
        ordered.append(t)

    for t in enabled:
        if chosen(t):
            place(t, [t.name])
    return ordered


@attrs.define
class Outcome:
    ok: bool
    message: str = ""


class SuiteRunner:
    """Runs one selection of a compiled suite. `call(name, args)` invokes a module function by name and
    `describe(error)` renders an error with its Ballerina call stack (both supplied by the caller)."""

    def __init__(
        self,
        suite: Suite,
        program: Any,
        describe: Callable[[BError], str],
        invocation: Callable[[], AbstractContextManager[None]],
        on_output: Callable[[str], None],
    ) -> None:
        self.suite = suite
        self.program = program
        self.describe = describe
        self.invocation = invocation
        """Around each call: fresh budgets, holding the program's baton (runtime/strands.py), so the
        listeners' handlers run while a test waits in `runtime:sleep`."""
        self.on_output = on_output

    # ------------------------------------------------------------ calling Ballerina functions

    def call(self, name: str, args: list[Any] | None = None) -> tuple[Outcome, Any]:
        info = self.program.functions.get(name)
        if info is None:
            return Outcome(False, f"error: function '{name}' is not defined"), None
        try:
            with self.invocation():
                bound = info.bind(list(args or []), None)
                value = info.invoke(None, bound)
        except BallerinaPanic as p:
            return Outcome(False, self.describe(p.error)), None
        except FailSignal as f:
            return Outcome(False, self.describe(f.error)), None
        except RecursionError:
            return Outcome(False, 'error("{ballerina}StackOverflow",message="stack overflow")'), None
        except Exception as e:  # noqa: BLE001 - an evaluator bug fails the test, not the runner
            return Outcome(False, f"error: internal evaluator error: {type(e).__name__}: {e}"), None
        if isinstance(value, BError):
            return Outcome(False, self.describe(value)), None
        return Outcome(True), value

    def fixture(self, run: SuiteRun, name: str, role: str) -> bool:
        outcome, _ = self.call(name)
        if not outcome.ok:
            run.fixture_failures.append(FixtureFailure(name, role, outcome.message))
            self.on_output(f"\t[fail] {name}[{role}]:\n\t    {indent(outcome.message, 2)}")
        return outcome.ok

    # ------------------------------------------------------------ the suite

    def run(self, tests: list[TestCase]) -> SuiteRun:
        run = SuiteRun()
        started = time.monotonic()
        suite = self.suite
        skip_all = False
        for name in suite.before_suite:
            if not self.fixture(run, name, "before test suite function"):
                skip_all = True
                break
        group_members: dict[str, list[str]] = {}
        for t in tests:
            for g in t.groups:
                group_members.setdefault(g, []).append(t.name)
        groups_started: set[str] = set()
        failed_groups: set[str] = set()
        not_passed: set[str] = set()
        for t in tests:
            skip = skip_all or any(d in not_passed for d in t.depends_on)
            skip = skip or any(g in failed_groups for g in t.groups)
            if not skip:
                for g in t.groups:
                    if g in groups_started:
                        continue
                    groups_started.add(g)
                    for fn, values in suite.before_groups:
                        if g in values and not self.fixture(run, fn, "before groups function for the test"):
                            failed_groups.add(g)
                skip = any(g in failed_groups for g in t.groups)
            if not skip:
                for fn in suite.before_each:
                    if not self.fixture(run, fn, "before each function for the test"):
                        skip_all = skip = True
                        break
            if not skip and t.before is not None:
                skip = not self.fixture(run, t.before, "before test function for the test")
            if skip:
                run.results.append(TestResult(t.name, t.name, SKIPPED, file=t.file))
                not_passed.add(t.name)
            else:
                if not self.run_test(run, t):
                    not_passed.add(t.name)
                if t.after is not None:
                    self.fixture(run, t.after, "after test function for the test")
                for fn in suite.after_each:
                    if not self.fixture(run, fn, "after each test function for the test"):
                        skip_all = True
            for g in t.groups:
                if group_members.get(g, [None])[-1] != t.name or g not in groups_started:
                    continue
                for fn, values, always in suite.after_groups:
                    if g in values and (always or g not in failed_groups):
                        self.fixture(run, fn, "after test group function for the test")
        for name, always in suite.after_suite:
            if always or not any(f.role == "before test suite function" for f in run.fixture_failures):
                self.fixture(run, name, "after test suite function")
        run.seconds = time.monotonic() - started
        return run

    def run_test(self, run: SuiteRun, t: TestCase) -> bool:
        if t.data_provider is None:
            return self.run_case(run, t, t.name, [])
        outcome, data = self.call(t.data_provider)
        if not outcome.ok:
            message = f"[fail data provider for the function {t.name}]\n {outcome.message}"
            run.results.append(TestResult(t.name, t.name, FAILED, message, file=t.file))
            self.on_output(f"\n\t{t.name} has failed.\n")
            return False
        cases: list[tuple[str, list[Any]]]
        if isinstance(data, BMap):
            cases = [(k, list(v) if isinstance(v, BList) else [v]) for k, v in data.items()]
        elif isinstance(data, BList):
            cases = [(str(i), list(v) if isinstance(v, BList) else [v]) for i, v in enumerate(data)]
        else:
            shown = to_bal_string(data)
            message = f"the data provider '{t.data_provider}' returned {shown}, not a list or map"
            run.results.append(TestResult(t.name, t.name, FAILED, message, file=t.file))
            return False
        ok = True
        for key, args in cases:
            ok = self.run_case(run, t, f"{t.name}#{key}", args) and ok
        return ok

    def run_case(self, run: SuiteRun, t: TestCase, name: str, args: list[Any]) -> bool:
        started = time.monotonic()
        outcome, _ = self.call(t.name, args)
        seconds = time.monotonic() - started
        status = PASSED if outcome.ok else FAILED
        run.results.append(TestResult(name, t.name, status, outcome.message, seconds, t.file))
        if not outcome.ok:
            self.on_output(f"\n\t{name} has failed.\n")
        return outcome.ok


def indent(message: str, tabs: int) -> str:
    """Ballerina's `formatFailedError`: every line after the first indented by `tabs` tabs, and a
    trailing indented empty line."""
    pad = "\t" * tabs
    return ("\n" + pad).join([*message.split("\n"), ""])
