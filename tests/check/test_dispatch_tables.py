"""Per-class dispatch tables that stand in for chains of isinstance tests (docs/scale.md): each must
name exactly the classes its chain has branches for, or a node kind would take the wrong branch."""

from __future__ import annotations

import ast as pyast
import inspect
import textwrap

from balmail.resolve import walk as resolve_walk
from balmail.syntax import ast


def _chain_classes(function: object, variable: str) -> set[type]:
    """The classes `isinstance(<variable>, ...)` tests name at the top level of `function`'s if/elif
    chain (names looked up in the function's module)."""
    source = textwrap.dedent(inspect.getsource(function))  # type: ignore[arg-type]
    module = inspect.getmodule(function)
    found: set[type] = set()
    tree = pyast.parse(source).body[0]
    chain = next(s for s in tree.body if isinstance(s, pyast.If) and "isinstance" in pyast.unparse(s.test))  # type: ignore[attr-defined]
    while isinstance(chain, pyast.If):
        test = chain.test
        if isinstance(test, pyast.BoolOp) and isinstance(test.op, pyast.And):
            test = test.values[0]  # `isinstance(x, C) and ...`: a branch for (some of) C's nodes
        assert isinstance(test, pyast.Call) and pyast.unparse(test.args[0]) == variable, pyast.unparse(test)
        value = eval(pyast.unparse(test.args[1]), vars(module))  # noqa: S307 - our own source
        for item in value if isinstance(value, tuple) else getattr(value, "__args__", (value,)):
            found.add(item)
        chain = chain.orelse[0] if len(chain.orelse) == 1 and isinstance(chain.orelse[0], pyast.If) else None
    return found


def test_resolve_expr_table_names_every_branch() -> None:
    assert _chain_classes(resolve_walk._Resolver._expr, "expr") == set(resolve_walk._SPECIAL_EXPRS)


def test_resolve_generic_branch_is_taken_by_plain_expressions() -> None:
    assert issubclass(ast.Binary, ast.Expr)
    assert not issubclass(ast.Binary, resolve_walk._SPECIAL_EXPRS)
    assert issubclass(ast.VarRef, resolve_walk._SPECIAL_EXPRS)


def test_resolve_stmt_table_names_every_branch() -> None:
    assert _chain_classes(resolve_walk._Resolver._stmt, "stmt") == set(resolve_walk._SPECIAL_STMTS)


def test_resolve_generic_statement_branch_is_taken_by_simple_statements() -> None:
    assert not issubclass(ast.CompoundAssign, resolve_walk._SPECIAL_STMTS)
    assert issubclass(ast.Assign, resolve_walk._SPECIAL_STMTS)
    assert not issubclass(ast.Return, resolve_walk._SPECIAL_STMTS)
    assert issubclass(ast.VarDecl, resolve_walk._SPECIAL_STMTS)
