"""Name resolution: every variable, function, type and module prefix a program uses must be defined.

Reports what Ballerina's compiler reports for names (codes BAL_NAME_001..007, messages from the registry):
undefined symbols, functions and types, unknown module prefixes, unused imports, redeclarations, and
`break`/`continue` outside a loop. The names themselves are resolved once, by the resolve pass
(balmail/resolve): this module only judges its record; never raises.
"""

from __future__ import annotations

import attrs

from balmail.check import workers as check_workers
from balmail.check.registry import report
from balmail.diagnostics import Diagnostic
from balmail.resolve import Resolution, binding_names, record_of
from balmail.resolve.record import MODULE_TYPE
from balmail.resolve.walk import COLLECT_AGGREGATES
from balmail.runtime.types import AUTO_LANG_PREFIXES
from balmail.source import Span
from balmail.syntax import ast

UNDEFINED_VARIABLE = "BAL_NAME_001"
UNDEFINED_FUNCTION = "BAL_NAME_002"
UNDEFINED_TYPE = "BAL_NAME_003"
UNKNOWN_PREFIX = "BAL_NAME_004"
DUPLICATE = "BAL_NAME_005"
LOOP_CONTROL = "BAL_NAME_006"
UNUSED_IMPORT = "BAL_NAME_007"
NOT_ACCESSIBLE = "BAL_NAME_008"


@attrs.frozen
class ModuleExports:
    """What another module of the same package defines, for `prefix:name` checks: every module-level name
    with its kind ("function", "type" or "value") and the names declared `public`."""

    qualified: str
    kinds: dict[str, str]
    public: frozenset[str]
    isolated: frozenset[str] = frozenset()  # functions declared `isolated` (check/isolation.py)


__all__ = ["COLLECT_AGGREGATES", "ModuleExports", "NameChecker", "check_names", "module_exports"]


class NameChecker:
    """Reports the name diagnostics of one module from its resolve record (balmail/resolve): the pass
    records what each name refers to; this decides what is an error. Use `NameChecker(module).run()`."""

    def __init__(
        self,
        module: ast.Module,
        linked: dict[str, ModuleExports] | None = None,
        record: Resolution | None = None,
    ) -> None:
        self.module = module
        self.linked = linked or {}  # import full name → the package module it names
        self.record = record if record is not None else record_of(module)
        self.found: list[Diagnostic] = []

    def run(self) -> list[Diagnostic]:
        record = self.record
        for decl, span in record.redeclared:
            self.report(DUPLICATE, span, decl.name)
        for use in record.uses:
            if use.decl is None:
                code = UNDEFINED_FUNCTION if use.role == "call" else UNDEFINED_VARIABLE
                self.report(code, use.span, use.name)
            elif use.role == "call" and use.decl.kind == MODULE_TYPE:  # `T(x)` with `T` a type
                self.report(UNDEFINED_FUNCTION, use.span, use.name)
        for t in record.types:
            if t.decl is None:
                self.report(UNDEFINED_TYPE, t.node.span, t.node.name)
        for q in record.qualified:
            if q.decl is None:
                if q.prefix not in AUTO_LANG_PREFIXES and not q.xml:
                    self.report(UNKNOWN_PREFIX, q.span, q.prefix)
            elif q.kind is not None:
                self._linked_member(q.decl.node, q.name, q.span, q.kind)  # type: ignore[arg-type]
        for stmt, in_loop in record.jumps:
            if not in_loop:
                self.report(LOOP_CONTROL, stmt.span, "break" if isinstance(stmt, ast.Break) else "continue")
        self.found.extend(check_workers.worker_diagnostics(record))
        for table in record.imports.values():
            for prefix, decl in table.items():
                if not decl.uses:
                    self.report(UNUSED_IMPORT, decl.span, prefix)
        return self.found

    def report(self, code: str, span: Span, *args: object) -> None:
        self.found.append(report(code, span, *args))

    def _linked_member(self, imp: ast.Import, name: str, span: Span, kind: str) -> None:
        """`prefix:name` into another module of the package: it must exist there and be `public`."""
        exports = self.linked.get(imp.full_name)
        if exports is None:
            return
        if name not in exports.kinds and kind == "function":  # Ballerina names the module here
            message = f"undefined function '{name}' in module '{exports.qualified}'"
            self.found.append(report(UNDEFINED_FUNCTION, span, message=message))
        elif name not in exports.kinds:
            self.report(UNDEFINED_TYPE if kind == "type" else UNDEFINED_VARIABLE, span, name)
        elif name not in exports.public:
            self.report(NOT_ACCESSIBLE, span, name)


def check_names(
    module: ast.Module, linked: dict[str, ModuleExports] | None = None, record: Resolution | None = None
) -> list[Diagnostic]:
    """All name-resolution diagnostics of one module (its files' members together, imports per file).
    `linked` describes the package's other modules by the import names that reach them; `record` is the
    module's resolve record when the caller has it already."""
    return NameChecker(module, linked, record).run()


def module_exports(module: ast.Module, qualified: str) -> ModuleExports:
    """The module-level names of a module and which of them are `public`."""
    kinds: dict[str, str] = {}
    public: set[str] = set()
    isolated = frozenset(
        m.name for m in module.members if isinstance(m, ast.FunctionDefn) and "isolated" in m.qualifiers
    )

    def add(name: str, kind: str, member: ast.Member) -> None:
        kinds.setdefault(name, kind)
        if "public" in member.qualifiers:
            public.add(name)

    for member in module.members:
        if isinstance(member, ast.FunctionDefn):
            add(member.name, "function", member)
        elif isinstance(member, ast.ConstDecl | ast.ListenerDecl):
            add(member.name, "value", member)
        elif isinstance(member, ast.TypeDefn | ast.ClassDefn):
            add(member.name, "type", member)
        elif isinstance(member, ast.EnumDefn):
            add(member.name, "type", member)
            for item in member.members:
                add(item.name, "value", member)
        elif isinstance(member, ast.ModuleVarDecl):
            for name, _ in binding_names(member.binding):
                add(name, "value", member)
    return ModuleExports(qualified, kinds, frozenset(public), isolated)
