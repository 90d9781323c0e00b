"""Parsing a project's modules and linking their imports: each module's files are parsed one by one and
joined into one `ast.Module` (members in file order, imports of every file), imports of the package's own
modules (`import pkg.util;`, `import org/pkg.util;`) are resolved to submodules, and modules are put in
dependency order (imported first), which is also the order Ballerina initialises them."""

from __future__ import annotations

import attrs

from balmail import diagnostics as diag
from balmail.diagnostics import Diagnostic
from balmail.project.layout import ModuleSources, Project
from balmail.syntax import ast
from balmail.syntax.parser import parse_source

UNRESOLVED_MODULE = "BAL_NAME_009"
CYCLIC_IMPORT = "BAL_NAME_010"


@attrs.frozen
class ParsedModule:
    """A module's merged AST (None when no file could be parsed) and its syntax diagnostics. `links` maps
    the full name of each import of a package module (as written: `pkg.util` or `org/pkg.util`) to that
    module's name."""

    sources: ModuleSources
    module: ast.Module | None
    diagnostics: tuple[Diagnostic, ...]
    links: dict[str, str] = attrs.field(factory=dict)

    @property
    def syntax_ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def name(self) -> str:
        return self.sources.name


@attrs.frozen
class PackageModules:
    """Every module of a project, parsed, in initialisation order (imported modules first, the default
    module last), plus diagnostics about imports between them."""

    project: Project
    modules: tuple[ParsedModule, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def module(self, name: str) -> ParsedModule | None:
        return next((m for m in self.modules if m.name == name), None)

    @property
    def default(self) -> ParsedModule:
        return next(m for m in self.modules if m.sources.is_default)


def merge(files: list[ast.Module]) -> ast.Module | None:
    """One module from its files' ASTs: all imports (an import repeated under the same prefix kept once),
    all members in file order."""
    if not files:
        return None
    imports: list[ast.Import] = []
    seen: set[tuple[str, str, str]] = set()
    for module in files:
        for imp in module.imports:
            key = (imp.span.file, imp.prefix, imp.full_name)
            if key not in seen:
                seen.add(key)
                imports.append(imp)
    members = tuple(m for module in files for m in module.members)
    return ast.Module(span=files[0].span.to(files[-1].span), imports=tuple(imports), members=members)


def parse_module(sources: ModuleSources) -> ParsedModule:
    """Parse each file; the module AST joins those that parsed."""
    found: list[Diagnostic] = []
    trees: list[ast.Module] = []
    for source in sources.files:
        parsed = parse_source(source)
        found.extend(parsed.diagnostics)
        if parsed.module is not None:
            trees.append(parsed.module)
    return ParsedModule(sources, merge(trees), tuple(found))


def package_module_name(project: Project, imp: ast.Import) -> str | None:
    """The submodule an import names when it is one of the package's own (`pkg.util`, `org/pkg.util`),
    "" for the package itself, else None (a library module)."""
    manifest = project.manifest
    if manifest is None or imp.module[0] != manifest.name:
        return None
    if imp.org is not None and imp.org != manifest.org:
        return None
    return ".".join(imp.module[1:])


def parse_project(project: Project) -> PackageModules:
    """Parse every module and link the package's own imports; modules in dependency order."""
    parsed = {m.name: parse_module(m) for m in project.modules}
    found: list[Diagnostic] = []
    graph: dict[str, list[str]] = {}
    for name, module in parsed.items():
        links: dict[str, str] = {}
        deps: list[str] = []
        for imp in module.module.imports if module.module is not None else ():
            target = package_module_name(project, imp)
            if target is None:
                continue
            if target not in parsed or target == "":
                message = f"cannot resolve module '{_display(project, imp)}'"
                found.append(diag.error(UNRESOLVED_MODULE, message, imp.span))
                continue
            links[imp.full_name] = target
            if target not in deps:
                deps.append(target)
        graph[name] = deps
        parsed[name] = attrs.evolve(module, links=links)
    order, cycle = _dependency_order(graph, [m.name for m in project.modules])
    if cycle:
        qualified = {m.name: m.qualified for m in project.modules}
        first = parsed[cycle[0]].module
        span = next(
            (i.span for i in first.imports if package_module_name(project, i) == cycle[1]), first.span
        ) if first is not None and len(cycle) > 1 else project.default.files[0].span(0, 0)
        path = " -> ".join(qualified[n] for n in cycle)
        found.append(diag.error(CYCLIC_IMPORT, f"cyclic module imports detected '{path}'", span))
    return PackageModules(project, tuple(parsed[n] for n in order), tuple(found))


def _display(project: Project, imp: ast.Import) -> str:
    manifest = project.manifest
    org = imp.org or (manifest.org if manifest is not None else None)
    return f"{org}/{'.'.join(imp.module)}" if org else ".".join(imp.module)


def _dependency_order(graph: dict[str, list[str]], names: list[str]) -> tuple[list[str], list[str]]:
    """Depth-first post-order from the default module (imported modules first); modules nobody imports
    still come (before the default module). Returns the order and the first cycle found (or [])."""
    order: list[str] = []
    state: dict[str, int] = {}
    cycle: list[str] = []
    stack: list[str] = []

    def visit(name: str) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            if not cycle:
                cycle.extend(stack[stack.index(name):] + [name])
            return
        state[name] = 1
        stack.append(name)
        for dep in graph.get(name, []):
            visit(dep)
        stack.pop()
        state[name] = 2
        order.append(name)

    for name in [n for n in names if n != ""] + [""]:
        if name in graph:
            visit(name)
    if "" in order:  # the default module initialises last
        order.remove("")
        order.append("")
    return order, cycle
