"""Compiling a package: its modules one by one in initialisation order (imported modules first), each
with its own `Compiler` and namespace. A compiled module is offered to the modules that import it as a
`LibModule` (functions, types, classes, and its variables and constants read from its storage at use),
and its initialisation runs before theirs, as Ballerina initialises imported modules first.

Every compiled module keeps its services and listeners; `package_programs(program)` lists the modules of
a package in initialisation order so the runtime attaches and starts the listeners of all of them, as
Ballerina starts the listeners of every module it initialises (docs/packages.md).
"""

from __future__ import annotations

from typing import Any

import attrs

from balmail.lib.registry import LibModule
from balmail.runtime.errors import BallerinaPanic
from balmail.syntax import ast


@attrs.frozen
class ModuleUnit:
    """One module to compile: `links` maps the full names of its imports of package modules to their
    names; `config_key` is the Config.toml table of its configurables (None for the default module)."""

    name: str
    module: ast.Module
    links: dict[str, str]
    config_key: str | None
    source: Any = None  # the module's sources (diagnostics about its services point into them)
    qualified: str = ""  # how Ballerina names the module (`org/pkg`, `org/pkg.util`): log lines show it


def exported(name: str, program: Any) -> LibModule:
    """A compiled module as the `LibModule` its importers see."""
    compiler = program.compiler
    lib = LibModule(name, storage=program.G)
    for member, entry in program.names.items():
        if entry.kind == "func":
            lib.functions[member] = _callable(entry.value)
        elif entry.kind in ("var", "const"):
            lib.slots[member] = entry.value
        elif entry.kind == "type":
            lib.types[member] = entry.value
        elif entry.kind == "class":
            lib.types[member] = entry.value.type
            lib.classes[member] = _constructor(compiler, entry.value)
    from balmail.compiler.annotations import declared_annotations

    lib.annotations = declared_annotations(compiler)
    return lib


def _callable(info: Any) -> Any:
    def call(*args: Any, **named: Any) -> Any:
        return info.invoke(None, info.bind(list(args), named or None))

    return call


def _constructor(compiler: Any, cls: Any) -> Any:
    def new(*args: Any, **named: Any) -> Any:
        from balmail.compiler.functions import instantiate

        return instantiate(compiler, cls, None, list(args), named or None)

    return new


def compile_package(units: list[ModuleUnit], ctx: Any) -> Any:
    """Compile the modules (in initialisation order, the default module last) into one program: the
    default module's, whose initialisation first initialises the others. Raises `CompileError`."""
    from balmail.compiler.core import Compiler
    from balmail.compiler.modules import compile_module

    done: dict[str, LibModule] = {}
    imported: list[Any] = []
    first_steps: list[Any] = []
    configurables: list[Any] = []
    program: Any = None
    for index, unit in enumerate(units):
        linked = {full: done[target] for full, target in unit.links.items() if target in done}
        program = compile_module(Compiler(unit.module, ctx, linked, unit.config_key, unit.qualified))
        program.source = unit.source
        program.module_name = unit.name
        if index < len(units) - 1:
            imported.append(program)
            done[unit.name] = exported(unit.name, program)
            first_steps.append(_init_step(program))
            configurables.extend(program.configurables)
    assert program is not None
    program.configurables[:0] = configurables
    program.init_steps = first_steps + program.init_steps
    program.modules = imported
    return program


def package_programs(program: Any) -> list[Any]:
    """The compiled modules of a program in initialisation order: imported package modules, then the
    default module (a single-file program is just itself)."""
    return [*program.modules, program]


def program_modules(program: Any) -> list[tuple[str, Any]]:
    """(module name, AST) of every compiled module of a program, "" naming the default module."""
    return [(p.module_name, p.compiler.module) for p in package_programs(program)]


def has_services(program: Any) -> bool:
    """Whether any module of the program declares a service."""
    return any(p.services for p in package_programs(program))


def has_listeners(program: Any) -> bool:
    """Whether any module of the program declares a listener or a service."""
    return any(p.services or p.listeners for p in package_programs(program))


def _init_step(program: Any) -> Any:
    def initialise() -> None:
        error = program.initialize()
        if error is not None:
            raise BallerinaPanic(error)

    return initialise
