"""The import layers of balmail (docs/structure.md): every `import` of every module, read with `ast`
(lazy imports inside functions included, `if TYPE_CHECKING:` ones too), checked against the rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "balmail"

# Where each package may not reach. A "unit" is a subpackage (balmail/runtime) or a top-level module
# (balmail/app.py); "lang" is the old name of the compiler package, kept so a stray balmail/lang is caught.
COMPILER = {"lang", "compiler"}
APPS = {"app", "serve", "cli", "dev", "replay", "support", "testing", "web", "devserver", "ops", "config"}
FORBIDDEN: dict[str, set[str]] = {
    # the value model: only itself and the leaves below it
    "runtime": {"lib", "check", "mail", "project", "store", "report", *COMPILER, *APPS},
    # library modules build on the runtime, never on the compiler, the checks or the commands
    "lib": {"check", "project", "report", *COMPILER, *APPS},
    # the parser: nothing above it
    "syntax": {"resolve", "runtime", "lib", "check", "mail", "project", "store", "report", *COMPILER, *APPS},
    # the resolve pass: on the AST only, below the checks and the compiler that read its record
    "resolve": {"diagnostics", "runtime", "lib", "check", "mail", "project", "store", "report", *COMPILER,
                *APPS},
    "source": {"resolve", "syntax", "runtime", "lib", "check", "mail", "project", "report", *COMPILER,
               *APPS},
    "diagnostics": {"resolve", "syntax", "runtime", "lib", "check", "mail", "project", "report", *COMPILER,
                    *APPS},
    # XML text → tuples with expat, shared by the parser (literals) and the runtime (`xml:fromString`)
    "xmltext": {"source", "diagnostics", "resolve", "syntax", "runtime", "lib", "check", "mail", "project",
                "report", *COMPILER, *APPS},
}


def _unit(module: str) -> str | None:
    """`balmail.runtime.values` -> `runtime`; `balmail.app` -> `app`; other packages -> None."""
    parts = module.split(".")
    if parts[0] != "balmail" or len(parts) < 2:
        return None
    return parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Absolute names of the balmail modules `path` imports, with their line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from balmail import app` imports the module balmail.app
            if target == "balmail":
                found.extend((f"balmail.{a.name}", node.lineno) for a in node.names if _is_module(a.name))
    return [(name, line) for name, line in found if name.startswith("balmail.")]


def _is_module(name: str) -> bool:
    return (ROOT / f"{name}.py").is_file() or (ROOT / name / "__init__.py").is_file()


def _all_modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def _unit_graph() -> dict[str, dict[str, list[str]]]:
    """unit -> unit it imports -> where ("balmail/x.py:12")."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in _all_modules():
        src = _unit(_module_name(path))
        if src is None:
            continue
        edges = graph.setdefault(src, {})
        for target, line in _imports(path):
            dst = _unit(target)
            if dst is not None and dst != src:
                edges.setdefault(dst, []).append(f"{path.relative_to(ROOT.parent)}:{line}")
    return graph


def test_every_module_is_seen() -> None:
    names = {_module_name(p) for p in _all_modules()}
    assert "balmail.runtime.values" in names
    assert "balmail.lib.registry" in names
    assert "balmail.cli" in names


@pytest.mark.parametrize("unit", sorted(FORBIDDEN))
def test_layer_rules(unit: str) -> None:
    graph = _unit_graph()
    assert unit in graph, f"no package or module balmail.{unit}"
    bad = {dst: where for dst, where in graph[unit].items() if dst in FORBIDDEN[unit]}
    assert not bad, f"balmail.{unit} must not import {sorted(bad)}: " + "; ".join(
        f"{dst} at {', '.join(where[:3])}" for dst, where in sorted(bad.items())
    )


def test_no_import_cycles_between_packages() -> None:
    graph = _unit_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    described = []
    for cycle in cycles:
        hops = [f"{a} -> {b} ({graph[a][b][0]})" for a, b in zip(cycle, cycle[1:], strict=False)]
        described.append(", ".join(hops))
    assert not cycles, "import cycles between packages: " + " | ".join(described)


def _ours(name: str) -> bool:
    return name == "balmail" or name.startswith("balmail.")


def test_no_optional_imports_of_our_own_modules() -> None:
    """A broken module of ours must fail loudly, not turn into a placeholder: no `try: import balmail...`
    guarded by `except ImportError`."""
    offenders = []
    for path in _all_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            names = set()
            for handler in node.handlers:
                types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                names |= {t.id for t in types if isinstance(t, ast.Name)}
            if not names & {"ImportError", "ModuleNotFoundError"}:
                continue
            for stmt in node.body:
                for sub in ast.walk(stmt):
                    if isinstance(sub, ast.ImportFrom) and (sub.level or _ours(sub.module or "")):
                        offenders.append(f"{path.relative_to(ROOT.parent)}:{sub.lineno}")
                    elif isinstance(sub, ast.Import) and any(_ours(a.name) for a in sub.names):
                        offenders.append(f"{path.relative_to(ROOT.parent)}:{sub.lineno}")
    assert not offenders, f"optional imports of balmail modules: {offenders}"


def test_compiler_has_no_mixins_and_small_modules() -> None:
    """The compiler is plain functions of one state object: no class of it derives from another class of
    ours, and no module outgrows ~800 lines (docs/structure.md)."""
    problems = []
    for path in sorted((ROOT / "compiler").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 800:
            problems.append(f"{path.name} has {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b) for b in node.bases]
                ours = [b for b in bases if b not in {"Exception", "object"} and not b.startswith("typing")]
                if ours:
                    problems.append(f"{path.name}: class {node.name}({', '.join(ours)})")
    assert not problems, problems


def test_every_node_kind_dispatch_is_unique() -> None:
    from balmail.compiler import dispatch

    for prefix in ("expr_", "code_", "stmt_", "gen_"):
        assert dispatch.handler(prefix, "NoSuchKind") is None
    assert dispatch.handler("expr_", "Binary") is not None
    assert dispatch.handler("gen_", "If") is not None
    assert dispatch.handler("stmt_", "Match") is not None


def test_each_statement_kind_has_one_backend() -> None:
    """A statement kind is generated (stmtgen.gen_X) or compiled to a closure (stmt_X), never both."""
    from balmail.compiler import dispatch
    from balmail.syntax import ast

    kinds = {c.__name__ for c in _subclasses(ast.Stmt)}
    both = sorted(k for k in kinds if dispatch.handler("gen_", k) and dispatch.handler("stmt_", k))
    assert not both, both
    assert {"If", "While", "Foreach", "VarDecl", "Assign", "Return"} <= {
        k for k in kinds if dispatch.handler("gen_", k)
    }


def _subclasses(cls: type) -> list[type]:
    import balmail.compiler.dispatch as dispatch

    dispatch._families()  # construct families define their node classes on import
    out, todo = [], [cls]
    while todo:
        for sub in todo.pop().__subclasses__():
            out.append(sub)
            todo.append(sub)
    return out
