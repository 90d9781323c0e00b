"""Which function compiles which kind of syntax node. Each construct-family module defines plain functions
named by node kind: `expr_Binary` (a closure), `code_Binary` (generated source, or None to fall back to the
closure), `stmt_If` (a statement closure), `gen_If` (generated statement source). They are collected here
once, by prefix, so adding a node kind is adding one function to the module of its family."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

_tables: dict[str, dict[str, Callable[..., Any]]] = {}


def _families() -> tuple[ModuleType, ...]:
    from balmail.compiler import (
        access,
        calls,
        codegen,
        constructors,
        expressions,
        functions,
        gencalls,
        grouping,
        operators,
        queries,
        resources,
        statements,
        stmtgen,
        tables,
        workers,
        xml,
    )

    return (
        expressions,
        access,
        calls,
        constructors,
        operators,
        functions,
        queries,
        grouping,
        resources,
        statements,
        codegen,
        gencalls,
        stmtgen,
        tables,
        workers,
        xml,
    )


def handler(prefix: str, kind: str) -> Callable[..., Any] | None:
    """The `prefix + kind` function of the family modules (`handler("expr_", "Binary")`), or None."""
    table = _tables.get(prefix)
    if table is None:
        table = {}
        for module in _families():
            for name, value in vars(module).items():
                if (
                    name.startswith(prefix)
                    and callable(value)
                    and getattr(value, "__module__", "") == module.__name__
                ):
                    kind_name = name[len(prefix) :]
                    assert kind_name not in table, f"{name} is defined twice"
                    table[kind_name] = value
        _tables[prefix] = table
    return table.get(kind)
