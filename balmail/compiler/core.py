"""The state of compiling one module (`Compiler`), the compiled `Program`, `CompileError` and the
entry point `compile_program`. Everything else in this package is a function of a `Compiler`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from balmail.compiler.scope import Scope
from balmail.resolve import Resolution, record_of
from balmail.runtime import types as T
from balmail.runtime.functions import ClassInfo, FunctionInfo
from balmail.runtime.values import BError
from balmail.syntax import ast

BRK = 1
CNT = 2
RET = 3


class CompileError(Exception):
    """A construct the evaluator cannot compile; carries the node's span."""

    def __init__(self, message: str, span: Any) -> None:
        super().__init__(message)
        self.span = span


class ModuleEntry:
    __slots__ = ("kind", "value", "type", "node")

    def __init__(self, kind: str, value: Any, type: T.Type | None = None, node: Any = None) -> None:
        self.kind = kind  # var const func class type
        self.value = value
        self.type = type
        self.node = node


class Program:
    """A compiled module: module storage, functions, init steps, `main`, services and listeners."""

    def __init__(self) -> None:
        self.G: list[Any] = []
        self.init_steps: list[Callable[[], None]] = []
        self.functions: dict[str, FunctionInfo] = {}
        self.main: FunctionInfo | None = None
        self.init: FunctionInfo | None = None
        self.configurables: list[tuple[str, int, T.Type, bool]] = []  # name, slot, type, required
        self.services: list[Any] = []
        self.listeners: list[tuple[str, int]] = []
        self.service_listeners: list[Any] = []  # listener objects services attached to (`on new L()` too)
        self.names: dict[str, ModuleEntry] = {}
        self.compiler: Compiler | None = None  # kept so the runtime can compile service declarations
        self.source: Any = None  # the module's SourceFile/SourceSet when compiled from a package
        self.modules: list[Program] = []  # a package's imported modules, initialised before this one
        self.module_name = ""  # "" for the default module, else the package module's name

    def initialize(self) -> BError | None:
        """Run module-level initialisers in dependency order, then the module's `init` function."""
        for step in self.init_steps:
            step()
        if self.init is not None:
            r = self.init.invoke(None, [])
            if isinstance(r, BError):
                return r
        return None


class Compiler:
    """Compiles one module against a run context (the library modules bound to its output and sandbox)."""

    generate_expressions = True
    """Expressions become generated source where codegen.py can (else each is a closure of its family
    module). Two backends for one expression kind remain; tests/compiler/test_backends.py runs every
    program both ways and requires the same behaviour."""

    def __init__(
        self,
        module: ast.Module,
        ctx: Any,
        linked: dict[str, Any] | None = None,
        config_key: str | None = None,
        qualified: str = "",
    ) -> None:
        self.module = module
        self.qualified = qualified  # `org/pkg.util` of a package module (log lines name it); "" for a file
        self.record: Resolution = record_of(module)
        """What each name refers to (balmail/resolve): frame slots belong to its declarations."""
        self.ctx = ctx
        self.linked = linked or {}  # import full name → a package module compiled before (compiler/link.py)
        self.config_key = config_key  # Config.toml table of a package submodule's configurables
        self.sb = ctx.sandbox
        self.program = Program()
        self.G = self.program.G
        self.names = self.program.names
        self.imports: dict[str, Any] = {}
        self.scope: Scope = Scope(None)
        self.module_scope = self.scope
        self.type_cache: dict[int, T.Type] = {}
        self.xml_namespaces: dict[int, Any] | None = None  # compiler/xml.py: `xmlns` in scope per node
        self.distinct_counter = 0
        self.arithmetic_types: dict[int, tuple[Any, T.Type | None]] = {}  # see expressions._arithmetic_type
        self.method_types: dict[int, tuple[Any, T.Type | None]] = {}  # see expressions.static_type
        self.self_class: ClassInfo | None = None
        self.quiet_ok = False  # True while emitting a generated function's own lines (see stmtgen)
        self.unsteady: frozenset[str] | None = None  # see stmtgen.unsteady; None: not known
        self.body_nodes: tuple[Any, list[Any]] | None = None  # see slots.function_nodes
        self.gen_ns: dict[str, Any] | None = None  # see stmtgen.new_gen
        self.closure_free: Any = None  # Span of a function body making no closure (slots.creates_closures)
        self.current_function = "$init"  # the Ballerina function being compiled (for stack traces)
        self.current_file: str | None = None  # its file, when the module has several
        self.direct_refs: dict[int, list[tuple[dict[str, Any], str]]] = {}  # callee → namespaces to fill

    @contextmanager
    def quiet(self, on: bool) -> Iterator[None]:
        """Set `quiet_ok` (whether looked-up locals may stay Python locals) for the duration of a `with`."""
        saved, self.quiet_ok = self.quiet_ok, on
        try:
            yield
        finally:
            self.quiet_ok = saved

    @contextmanager
    def using_scope(self, scope: Scope) -> Iterator[Scope]:
        """Compile within `scope`; the previous scope comes back even when compiling fails."""
        saved, self.scope = self.scope, scope
        try:
            yield scope
        finally:
            self.scope = saved

    @contextmanager
    def compiling_function(
        self, name: str, file: str | None, scope: Scope, self_class: ClassInfo | None
    ) -> Iterator[None]:
        """Compile a function body: its name and file (for stack traces), scope and enclosing class,
        all restored afterwards even when compiling fails."""
        saved = self.scope, self.self_class, self.current_function, self.current_file
        self.scope, self.self_class, self.current_function, self.current_file = scope, self_class, name, file
        try:
            yield
        finally:
            self.scope, self.self_class, self.current_function, self.current_file = saved

    def module_frame(self) -> list[Any]:
        """A scratch frame for module-level initialisers (sized for any query or let variables they use)."""
        return [None] * max(2, self.module_scope.size)

    def new_slot(self, value: Any = None) -> int:
        self.G.append(value)
        return len(self.G) - 1

    def next_distinct(self) -> int:
        self.distinct_counter += 1
        return self.distinct_counter


def compile_program(module: ast.Module, ctx: Any) -> Program:
    """Compile a checked module against a run context."""
    from balmail.compiler.modules import compile_module

    return compile_module(Compiler(module, ctx))
