"""Whole-module passes without the cyclic garbage collector: checking and compiling a large file
allocates millions of long-lived objects (the AST, types, generated functions) and little cyclic garbage,
so CPython's collector, triggered by allocation counts, mostly re-scans live objects — 18% of checking
and compiling a 5 MB file. The parser does the same while it builds the AST (syntax/parser.py).
Reference counting still frees acyclic garbage at once; cycles wait for the next collection after the
pass, which runs as usual. What a pass keeps is moved to the oldest generation when it ends, as the
parser does with the AST: otherwise the first young collection after it walks every object it made.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
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


PROGRAM_THRESHOLDS = (10_000, 20, 100)
"""The collector's thresholds while a Ballerina program runs (CPython's default is (700, 10, 10)): a young
collection every 10,000 allocations, a middle one every 20 young ones, a full one considered every 100
middle ones. A program that keeps many containers (ten million closures in a list, each with its frame
list) otherwise has the collector re-scan each of them at young, middle and full collections: more than
half of such a run at the default, none with these. Cyclic garbage usually dies young and is collected
by the first two generations, which run often enough to bound it to a few megabytes."""


@contextlib.contextmanager
def program_collections() -> Iterator[None]:
    """The collector runs with `PROGRAM_THRESHOLDS` (or higher ones already set) while a program runs."""
    before = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(before, PROGRAM_THRESHOLDS, strict=True)))
    try:
        yield
    finally:
        gc.set_threshold(*before)
