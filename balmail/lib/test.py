"""ballerina/test: the assertion functions and function mocking of Ballerina's test module (object
mocking: testmock.py).

Assertions panic with a plain error whose message is the one Ballerina's test module builds
(`Assertion Failed!`, then `expected: '...'` / `actual\t: '...'`, and a diff for strings and maps), so
`trap test:assertEquals(...)` sees the same text as under `bal test`. The diff is made with `difflib`.

Mocking state (`test:MockFunction` objects and their stubs) lives on the run context as a
`MockRegistry`, which the test runner (balmail/testing) wires to the functions named by `@test:Mock`.
Annotations (`@test:Config`, `@test:BeforeSuite` ...) have no run-time behaviour here: the runner
reads them from the syntax tree.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from balmail.lib.mime import NativeClass
from balmail.lib.registry import LibModule
from balmail.lib.testmock import object_mocking
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.values import BError, BList, BMap, BObject, deep_equals, exact_equals, to_string

DEFAULT_MESSAGE = "Assertion Failed!"
MAX_ARG_LENGTH = 80
MAP_DIFF_LIMIT = 5
ANY = "__ANY__"


def fail(message: str) -> BallerinaPanic:
    """What a failed assertion raises: a panic with a plain error, as Ballerina's test module does."""
    return BallerinaPanic(BError(message))


def type_name(v: Any) -> str:
    """The short type name shown when expected and actual differ in type (`<int> '1'`)."""
    if isinstance(v, BError):
        return "error"
    if isinstance(v, BMap):
        return "map"
    if isinstance(v, BList):
        return "array"
    if isinstance(v, BObject):
        return getattr(v.cls, "name", "object")
    return T.value_type_name(v)


def _shown(v: Any) -> str:
    text = to_string(v) if not isinstance(v, BError) else _error_text(v)
    return text[:MAX_ARG_LENGTH] + "..." if len(text) > MAX_ARG_LENGTH else text


def _error_text(e: BError) -> str:
    from balmail.runtime.values import error_to_string

    return error_to_string(e)


def string_diff(actual: str, expected: str) -> str:
    """A unified diff of the lines, expected first (`---`) and actual second (`+++`), as one hunk with
    every line as context (`@@ -1,n +1,m @@`), as Ballerina's test module shows it."""
    exp_lines = expected.split("\n")
    act_lines = actual.split("\n")
    lines = ["--- expected", "+++ actual", f"@@ -1,{len(exp_lines)} +1,{len(act_lines)} @@", ""]
    for op in difflib.ndiff(exp_lines, act_lines):
        if op.startswith("? "):
            continue  # ndiff's intraline hints are not part of a unified diff
        lines.append(("-" if op[0] == "-" else "+" if op[0] == "+" else " ") + op[2:])
    return "\n".join(lines) + "\n"


def _keys(m: BMap, prefix: str = "") -> list[str]:
    out: list[str] = []
    for k, v in m.items():
        out.append(prefix + k)
        if isinstance(v, BMap):
            out.extend(_keys(v, prefix + k + "."))
    return out


def map_diff(actual: BMap, expected: BMap) -> str:
    """Keys only on one side, then each differing value by its dotted key path."""
    parts: list[str] = []
    act_keys, exp_keys = _keys(actual), _keys(expected)
    missing = [k for k in exp_keys if k not in act_keys]
    extra = [k for k in act_keys if k not in exp_keys]
    if missing or extra:
        parts.append(f"expected keys\t: {', '.join(exp_keys)}\nactual keys\t: {', '.join(act_keys)}")
    diffs: list[str] = []
    _value_diffs(actual, expected, "", diffs)
    text = "\n\n".join(diffs)
    if len(diffs) > MAP_DIFF_LIMIT:
        text += f"\n \nTotal value mismatches: {len(diffs)}"
    if text:
        parts.append(text)
    return "\n".join(parts) + "\n"


def _value_diffs(actual: BMap, expected: BMap, prefix: str, out: list[str]) -> None:
    for key, a in actual.items():
        if key not in expected:
            continue
        e = expected[key]
        if deep_equals(a, e):
            continue
        path = prefix + key
        if isinstance(a, BMap) and isinstance(e, BMap):
            _value_diffs(a, e, path + ".", out)
        elif type_name(a) != type_name(e):
            out.append(
                f"key: {path}\n \nexpected value\t: <{type_name(e)}> {to_string(e)}\n"
                f"actual value\t: <{type_name(a)}> {to_string(a)}"
            )
        else:
            out.append(f"key: {path}\n \nexpected value\t: {to_string(e)}\nactual value\t: {to_string(a)}")


def inequality_message(actual: Any, expected: Any, msg: str) -> str:
    """Ballerina's assertion message: values (with their types when those differ) and a diff."""
    exp_t, act_t = type_name(expected), type_name(actual)
    exp_s, act_s = _shown(expected), _shown(actual)
    if exp_t != act_t:
        return f"{msg}\n \nexpected: <{exp_t}> '{exp_s}'\nactual\t: <{act_t}> '{act_s}'"
    text = f"{msg}\n \nexpected: '{exp_s}'\nactual\t: '{act_s}'"
    if type(actual) is str and type(expected) is str:
        return text + "\n \nDiff\t:\n" + string_diff(actual, expected)
    if isinstance(actual, BMap) and isinstance(expected, BMap):
        return text + "\n \nDiff\t:\n" + map_diff(actual, expected)
    return text


def assert_true(condition: Any, msg: str = DEFAULT_MESSAGE) -> None:
    if condition is not True:
        raise fail(msg)


def assert_false(condition: Any, msg: str = DEFAULT_MESSAGE) -> None:
    if condition is not False:
        raise fail(msg)


def assert_equals(actual: Any, expected: Any, msg: str = DEFAULT_MESSAGE) -> None:
    if isinstance(actual, BError) or not deep_equals(actual, expected):
        raise fail(inequality_message(actual, expected, msg))


def assert_not_equals(actual: Any, expected: Any, msg: str = DEFAULT_MESSAGE) -> None:
    if deep_equals(actual, expected):
        raise fail(f"{msg}: expected the actual value not to be '{_shown(expected)}'")


def assert_exact_equals(actual: Any, expected: Any, msg: str = DEFAULT_MESSAGE) -> None:
    if not exact_equals(actual, expected):
        raise fail(inequality_message(actual, expected, msg))


def assert_not_exact_equals(actual: Any, expected: Any, msg: str = DEFAULT_MESSAGE) -> None:
    if exact_equals(actual, expected):
        raise fail(f"{msg}: expected the actual value not to be '{_shown(expected)}'")


def assert_fail(msg: str = "Test Failed!") -> None:
    raise fail(msg)


# ---------------------------------------------------------------- function mocking

ORIGINAL = ("original",)


class MockState:
    """The stubs of one `test:MockFunction`: per-argument cases first, then the default case."""

    def __init__(self) -> None:
        self.function_name: str | None = None  # set by the runner from `@test:Mock {functionName}`
        self.cases: list[tuple[list[Any] | None, tuple[Any, ...]]] = []

    def register(self, args: list[Any] | None, action: tuple[Any, ...]) -> None:
        self.cases = [c for c in self.cases if not _same_args(c[0], args)]
        self.cases.append((args, action))

    def action_for(self, args: list[Any]) -> tuple[Any, ...] | None:
        default = None
        for stub_args, action in self.cases:
            if stub_args is None:
                default = action
            elif _args_match(stub_args, args):
                return action
        return default


def _same_args(a: list[Any] | None, b: list[Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return len(a) == len(b) and all(deep_equals(x, y) for x, y in zip(a, b, strict=True))


def _args_match(stub: list[Any], args: list[Any]) -> bool:
    if len(stub) != len(args):
        return False
    return all(s == ANY or deep_equals(s, a) for s, a in zip(stub, args, strict=True))


class MockRegistry:
    """Every `test:MockFunction` of a test run, by object identity; read by the runner's dispatchers."""

    def __init__(self) -> None:
        self.states: dict[int, MockState] = {}

    def state(self, obj: BObject) -> MockState:
        return self.states.setdefault(id(obj), MockState())


def registry_of(ctx: Any) -> MockRegistry:
    reg = getattr(ctx, "test_mocks", None)
    if reg is None:
        reg = MockRegistry()
        ctx.test_mocks = reg
    return reg


def module(ctx: Any) -> LibModule:
    registry = registry_of(ctx)
    mock_function = NativeClass("test:MockFunction", {})
    stub_class = NativeClass("test:FunctionStub", {})

    def new_mock_function(*args: Any, **named: Any) -> BObject:
        obj = BObject(mock_function)
        registry.state(obj)
        return obj

    mock_function.type.native_ctor = new_mock_function  # type: ignore[attr-defined]

    def when(mock: Any) -> BObject:
        if not isinstance(mock, BObject) or mock.cls is not mock_function:
            raise fail("test:when expects a test:MockFunction")
        stub = BObject(stub_class)
        stub.env = [registry.state(mock), None]  # [state, arguments of withArguments]
        return stub

    def stub_method(action: Callable[..., tuple[Any, ...]]) -> Callable[..., None]:
        def method(stub: BObject, *args: Any) -> None:
            state, stub_args = stub.env
            state.register(stub_args, action(*args))

        return method

    def with_arguments(stub: BObject, *args: Any) -> BObject:
        stub.env = [stub.env[0], list(args)]
        return stub

    def then_return_sequence(stub: BObject, *values: Any) -> None:
        state, stub_args = stub.env
        if stub_args is not None:
            raise fail("'withArguments' function cannot be specified with a return sequence")
        state.register(None, ("sequence", list(values), [0]))

    stub_class.native_methods = {
        "thenReturn": stub_method(lambda v: ("return", v)),
        "thenReturnSequence": then_return_sequence,
        "withArguments": with_arguments,
        "doNothing": stub_method(lambda: ("return", None)),
        "call": stub_method(lambda name: ("call", name)),
        "callOriginal": stub_method(lambda: ORIGINAL),
    }

    functions: dict[str, Any] = {
        "assertTrue": assert_true,
        "assertFalse": assert_false,
        "assertEquals": assert_equals,
        "assertNotEquals": assert_not_equals,
        "assertExactEquals": assert_exact_equals,
        "assertNotExactEquals": assert_not_exact_equals,
        "assertFail": assert_fail,
        "when": when,
    }
    types: dict[str, Any] = {"MockFunction": mock_function.type, "FunctionStub": stub_class.type}
    object_mocking(functions, types)
    return LibModule(
        "ballerina/test",
        functions=functions,
        constants={"ANY": ANY},
        types=types,
        classes={"MockFunction": new_mock_function},
    )
