"""Whole-module passes without the cyclic garbage collector: checking and compiling a large file
allocates millions of long-lived objects (the AST, types, generated functions) and little cyclic garbage,
so CPython's collector, triggered by allocation counts, mostly re-scans live objects — 18% of checking
and compiling a 5 MB file. The parser does the same while it builds the AST (syntax/parser.py).
Reference counting still frees acyclic garbage at once; cycles wait for the next collection after the
pass, which runs as usual. What a pass keeps is moved to the oldest generation when it ends, as the
parser does with the AST: otherwise the first young collection after it walks every object it made.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_gc_passes(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` runs with the collector paused (if it was on; nested uses are free)."""

    @functools.wraps(fn)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            # What the pass made and kept (types, indexes, generated code) joins the oldest generation at
            # once (freeze, then unfreeze): the next young collection would otherwise walk all of it.
            gc.freeze()
            gc.unfreeze()
            gc.enable()

    return paused
