"""Object mocking of `ballerina/test`: `test:mock(T)`, `test:mock(T, double)` and `test:prepare(obj)`.

As in Ballerina's test module:
- `test:mock(email:SmtpClient)` is a default mock of the class: every method call is answered by the
  stubs registered with `test:prepare(obj).when("sendMessage")...`; a method with no stub panics with
  `no cases registered for member function 'NAME' of object type 'TYPE'.`
- `test:mock(http:Client, new MockHttpClient())` is a test double: its methods answer; a method it does
  not have panics.
- `test:prepare(obj).when("m")` gives a stub: `.thenReturn(v)`, `.thenReturnSequence(v1, v2, ...)`,
  `.withArguments(a, ...)` (then `thenReturn`/`doNothing`; `test:ANY` matches any argument),
  `.doNothing()`. `getMember("field").thenReturn(v)` sets a public field of the mock.
The mock is a value of the mocked class for `is` tests and assignments (its class `includes` the real
one, runtime/types.py `TObject.contains`), so it can replace a module variable of that type.
"""

from __future__ import annotations

from typing import Any

from balmail.lib.mime import NativeClass
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.values import BError, BObject, BTypedesc


def _panic(message: str) -> BallerinaPanic:
    return BallerinaPanic(BError(message))


class Cases:
    """The stubs of one method of one mock: per-argument cases first, then the default case."""

    def __init__(self) -> None:
        self.cases: list[tuple[list[Any] | None, tuple[Any, ...]]] = []

    def register(self, args: list[Any] | None, action: tuple[Any, ...]) -> None:
        from balmail.lib.test import _same_args

        self.cases = [c for c in self.cases if not _same_args(c[0], args)]
        self.cases.append((args, action))

    def action_for(self, args: list[Any]) -> tuple[Any, ...] | None:
        from balmail.lib.test import _args_match

        default = None
        for stub_args, action in self.cases:
            if stub_args is None:
                default = action
            elif _args_match(stub_args, args):
                return action
        return default


class MockMethods:
    """The method table of a mock class: any method name answers, through the stubs or the double."""

    def __init__(self, mock_class: MockClass) -> None:
        self.mock_class = mock_class

    def get(self, name: str, default: Any = None) -> Any:
        def call(obj: BObject, *args: Any, **named: Any) -> Any:
            return self.mock_class.invoke(obj, name, list(args), named)

        return call

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str)


class MockClass:
    """The class of one `test:mock(T)` value: includes the mocked class, so the value is a `T`."""

    def __init__(self, target: Any, double: BObject | None) -> None:
        self.target = target
        self.name = getattr(target, "name", "object")
        self.double = double
        self.methods: dict[str, Any] = {}
        self.native_methods = MockMethods(self)
        self.fields: list[Any] = []
        self.field_types: dict[str, Any] = getattr(target, "field_types", {})
        self.init: Any = None
        self.readonly = False
        self.includes: tuple[Any, ...] = (target, *getattr(target, "includes", ()))
        self.distinct_ids = getattr(target, "distinct_ids", frozenset())
        self.type = getattr(target, "type", None)
        self.stubs: dict[str, Cases] = {}

    def invoke(self, obj: BObject, name: str, args: list[Any], named: dict[str, Any]) -> Any:
        if self.double is not None:
            return _call_double(self.double, name, args, named, self.name)
        cases = self.stubs.get(name)
        action = cases.action_for(args) if cases is not None else None
        if action is None:
            raise _panic(f"no cases registered for member function '{name}' of object type '{self.name}'.")
        kind = action[0]
        if kind == "return":
            return action[1]
        values, index = action[1], action[2]  # "sequence"
        if not values:
            return None
        value = values[min(index[0], len(values) - 1)]
        index[0] += 1
        return value


def _call_double(double: BObject, name: str, args: list[Any], named: dict[str, Any], type_name: str) -> Any:
    method = double.cls.methods.get(name)
    if method is not None:
        return method.invoke(double.env, [double, *method.bind(args, named or None)])
    native = getattr(double.cls, "native_methods", {}).get(name)
    if native is not None:
        return native(double, *args, **named)
    raise _panic(f"the test double of '{type_name}' has no member function '{name}'")


def _mock_class_of(obj: Any, what: str) -> MockClass:
    cls = getattr(obj, "cls", None) if isinstance(obj, BObject) else None
    if not isinstance(cls, MockClass):
        raise _panic(f"{what}: the object is not a mock made with test:mock")
    return cls


def object_mocking(functions: dict[str, Any], types: dict[str, Any]) -> None:
    """Add `mock`, `prepare` and the stub classes to the `ballerina/test` module being built."""
    mock_object = NativeClass("test:MockObject", {})
    function_stub = NativeClass("test:MemberFunctionStub", {})
    variable_stub = NativeClass("test:MemberVariableStub", {})

    def mock(td: Any, double: Any = None) -> BObject:
        target = getattr(getattr(td, "type", None), "cls", None) if isinstance(td, BTypedesc) else None
        if target is None:
            raise _panic("test:mock expects an object type, such as email:SmtpClient")
        if double is not None and not isinstance(double, BObject):
            raise _panic("test:mock: the test double must be an object")
        made = BObject(MockClass(target, double))
        if double is not None:
            made.fields = double.fields  # the double's fields are the mock's
        return made

    def prepare(obj: Any) -> BObject:
        _mock_class_of(obj, "test:prepare")
        return BObject(mock_object, obj)

    def when(prepared: BObject, name: Any) -> BObject:
        cls = _mock_class_of(prepared.env, "when")
        if cls.double is not None:
            raise _panic("the methods of a test double cannot be stubbed; use test:mock(T) without one")
        return BObject(function_stub, [cls.stubs.setdefault(str(name), Cases()), None])

    def get_member(prepared: BObject, name: Any) -> BObject:
        return BObject(variable_stub, [prepared.env, str(name)])

    def when_resource(prepared: BObject, path: Any) -> BObject:
        raise _panic("test:prepare(...).whenResource is not supported by balmail (resource methods)")

    def with_arguments(stub: BObject, *args: Any) -> BObject:
        return BObject(function_stub, [stub.env[0], list(args)])

    def then_return(stub: BObject, value: Any) -> None:
        cases, args = stub.env
        cases.register(args, ("return", value))

    def do_nothing(stub: BObject) -> None:
        cases, args = stub.env
        cases.register(args, ("return", None))

    def then_return_sequence(stub: BObject, *values: Any) -> None:
        cases, args = stub.env
        if args is not None:
            raise _panic("'withArguments' function cannot be specified with a return sequence")
        cases.register(None, ("sequence", list(values), [0]))

    def member_return(stub: BObject, value: Any) -> None:
        obj, name = stub.env
        obj.fields[name] = value

    mock_object.native_methods = {"when": when, "getMember": get_member, "whenResource": when_resource}
    function_stub.native_methods = {
        "withArguments": with_arguments,
        "thenReturn": then_return,
        "thenReturnSequence": then_return_sequence,
        "doNothing": do_nothing,
    }
    variable_stub.native_methods = {"thenReturn": member_return}
    functions.update({"mock": mock, "prepare": prepare})
    types.update(
        {
            "MockObject": mock_object.type,
            "MemberFunctionStub": function_stub.type,
            "MemberVariableStub": variable_stub.type,
        }
    )
