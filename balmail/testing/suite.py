"""What a package's tests are: read from the `@test:...` annotations of the compiled module's syntax tree.

Ballerina's test module records tests through a compiler plugin; here the annotations are read
statically. Their values must be what Ballerina accepts in them: literals, lists of literals and
function names (`dependsOn: [testA]`, `dataProvider: data`, or the older string forms). Anything else
is a `SuiteError` naming the annotation and field.
"""

from __future__ import annotations

import attrs

from balmail.syntax import ast

TEST_MODULE = "ballerina/test"


class SuiteError(Exception):
    """An annotation the runner cannot use; the message names the function and field."""


@attrs.define
class TestCase:
    """One `@test:Config` function."""

    name: str
    file: str
    line: int
    enable: bool = True
    groups: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    data_provider: str | None = None
    before: str | None = None
    after: str | None = None


@attrs.define
class Suite:
    """All test functions and fixtures of one package, in source order (files in name order)."""

    tests: list[TestCase] = attrs.field(factory=list)
    before_suite: list[str] = attrs.field(factory=list)
    after_suite: list[tuple[str, bool]] = attrs.field(factory=list)  # (function, alwaysRun)
    before_each: list[str] = attrs.field(factory=list)
    after_each: list[str] = attrs.field(factory=list)
    before_groups: list[tuple[str, tuple[str, ...]]] = attrs.field(factory=list)
    after_groups: list[tuple[str, tuple[str, ...], bool]] = attrs.field(factory=list)
    function_mocks: dict[str, str] = attrs.field(factory=dict)  # mocked function -> mock function
    object_mocks: dict[str, str] = attrs.field(factory=dict)  # mocked function -> MockFunction variable
    imported_mocks: dict[tuple[str, str], tuple[str, str]] = attrs.field(factory=dict)
    """(module, function) of another module -> ("function", mock function) or ("variable", MockFunction)."""

    def test(self, name: str) -> TestCase | None:
        for t in self.tests:
            if t.name == name:
                return t
        return None

    @property
    def mocked(self) -> set[str]:
        return set(self.function_mocks) | set(self.object_mocks)


def test_prefixes(module: ast.Module) -> set[str]:
    """The prefixes the package's files bind to `ballerina/test` (normally just `test`)."""
    return {imp.prefix for imp in module.imports if imp.full_name == TEST_MODULE}


def read_suite(module: ast.Module) -> Suite:
    """The suite declared by the module's annotations; raises `SuiteError` on an unusable value."""
    prefixes = test_prefixes(module)
    suite = Suite()
    members = sorted(
        (m for m in module.members if m.annotations),
        key=lambda m: (m.span.file, m.span.start),
    )
    for m in members:
        for ann in m.annotations:
            if ann.prefix not in prefixes:
                continue
            fields = _fields(ann)
            if isinstance(m, ast.ModuleVarDecl) and ann.name == "Mock":
                _mock_variable(suite, m, fields)
                continue
            if not isinstance(m, ast.FunctionDefn):
                raise SuiteError(f"@{ann.prefix}:{ann.name} must be on a function")
            _function_annotation(suite, m, ann, fields)
    return suite


def _function_annotation(
    suite: Suite, m: ast.FunctionDefn, ann: ast.Annotation, f: dict[str, object]
) -> None:
    where = f"@test:{ann.name} of '{m.name}'"
    if ann.name == "Config":
        suite.tests.append(
            TestCase(
                m.name,
                m.span.file,
                m.span.line,
                enable=_bool(f, "enable", True, where),
                groups=_names(f, "groups", where),
                depends_on=_names(f, "dependsOn", where),
                data_provider=_name(f, "dataProvider", where),
                before=_name(f, "before", where),
                after=_name(f, "after", where),
            )
        )
    elif ann.name == "BeforeSuite":
        suite.before_suite.append(m.name)
    elif ann.name == "AfterSuite":
        suite.after_suite.append((m.name, _bool(f, "alwaysRun", False, where)))
    elif ann.name == "BeforeEach":
        suite.before_each.append(m.name)
    elif ann.name == "AfterEach":
        suite.after_each.append(m.name)
    elif ann.name == "BeforeGroups":
        suite.before_groups.append((m.name, _names(f, "value", where)))
    elif ann.name == "AfterGroups":
        suite.after_groups.append((m.name, _names(f, "value", where), _bool(f, "alwaysRun", False, where)))
    elif ann.name == "Mock":
        target = _name(f, "functionName", where)
        if target is None:
            raise SuiteError(f"{where} needs a 'functionName'")
        module = _module_name(f, where)
        if module is None:
            suite.function_mocks[target] = m.name
        else:
            suite.imported_mocks[(module, target)] = ("function", m.name)
    else:
        raise SuiteError(f"unknown annotation '@test:{ann.name}' on '{m.name}'")


def _mock_variable(suite: Suite, m: ast.ModuleVarDecl, f: dict[str, object]) -> None:
    if not isinstance(m.binding, ast.CaptureBinding):
        raise SuiteError("@test:Mock on a variable needs a simple variable name")
    where = f"@test:Mock of '{m.binding.name}'"
    target = _name(f, "functionName", where)
    if target is None:
        raise SuiteError(f"{where} needs a 'functionName'")
    module = _module_name(f, where)
    if module is None:
        suite.object_mocks[target] = m.binding.name
    else:
        suite.imported_mocks[(module, target)] = ("variable", m.binding.name)


def _module_name(f: dict[str, object], where: str) -> str | None:
    """`moduleName` of `@test:Mock`: None for the package's own module (absent, "" or "."), else
    the imported module's full name (`ballerina/log`)."""
    module = _name(f, "moduleName", where)
    if module is None or module in ("", "."):
        return None
    if "/" not in module:
        raise SuiteError(f"{where}: 'moduleName' must be a full module name such as \"ballerina/log\"")
    return module


def _fields(ann: ast.Annotation) -> dict[str, object]:
    out: dict[str, object] = {}
    if ann.value is None:
        return out
    for field in ann.value.fields:
        key = field.key
        if field.kind == "shorthand" and key is not None:
            out[key] = ast.VarRef(span=field.span, name=key)
        elif key is not None:
            out[key] = field.value
    return out


def _literal(e: object, where: str, key: str) -> str | bool | None:
    if isinstance(e, ast.Literal) and e.kind in ("string", "boolean"):
        return e.value  # type: ignore[return-value]
    if isinstance(e, ast.VarRef):
        return e.name
    raise SuiteError(f"{where}: '{key}' must be a literal or a function name")


def _bool(f: dict[str, object], key: str, default: bool, where: str) -> bool:
    if key not in f:
        return default
    v = f[key]
    if isinstance(v, ast.Literal) and v.kind == "boolean":
        return bool(v.value)
    raise SuiteError(f"{where}: '{key}' must be true or false")


def _name(f: dict[str, object], key: str, where: str) -> str | None:
    if key not in f:
        return None
    v = _literal(f[key], where, key)
    if not isinstance(v, str):
        raise SuiteError(f"{where}: '{key}' must be a function name")
    return v


def _names(f: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    if key not in f:
        return ()
    v = f[key]
    if not isinstance(v, ast.ListExpr):
        raise SuiteError(f"{where}: '{key}' must be a list")
    out: list[str] = []
    for item in v.items:
        name = _literal(item, where, key)
        if not isinstance(name, str):
            raise SuiteError(f"{where}: '{key}' must list names")
        out.append(name)
    return tuple(out)
