"""Compile-time scopes: which frame slot a local variable lives in. A variable is addressed by
(depth, slot) once, at compile time; frames themselves are described in runtime/functions.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from balmail.runtime import types as T


class Scope:
    """One function body being compiled: nested block scopes mapping names to slots and static types."""

    def __init__(self, parent: Scope | None, ret_type: T.Type | None = None) -> None:
        self.parent = parent
        self.blocks: list[dict[str, tuple[int, T.Type | None]]] = [{}]
        self.size = 2
        self.ret_type = ret_type
        self.loops = 0
        self.escaped: set[int] = set()
        """Slots read through the frame list; the others are Python locals of generated code."""
        self.frame_names: frozenset[str] | None = None
        """While a function's lines are generated: the names compiler/slots.py put in the frame."""
        self.late: set[str] = set()
        """Names a closure asked for after their slot was named as a Python local (see compiler/slots.py)."""

    @contextmanager
    def block(self) -> Iterator[None]:
        """A nested block scope for the duration of a `with`, popped even when compiling fails."""
        self.push()
        try:
            yield
        finally:
            self.pop()

    @contextmanager
    def loop(self) -> Iterator[None]:
        """The body of a loop (`break`/`continue` allowed) for the duration of a `with`."""
        self.loops += 1
        try:
            yield
        finally:
            self.loops -= 1

    def push(self) -> None:
        self.blocks.append({})

    def pop(self) -> None:
        self.blocks.pop()

    def declare(self, name: str, type: T.Type | None = None, quiet: bool = False) -> int:
        """A new slot for `name`. Slots declared by closure compilers escape (closures read the frame);
        `quiet` ones are used only by generated code and are Python locals unless compiler/slots.py put
        the name in the frame."""
        slot = self.size
        self.size += 1
        self.blocks[-1][name] = (slot, type)
        if not quiet or (self.frame_names is not None and name in self.frame_names):
            self.escaped.add(slot)
        return slot

    def temp(self) -> int:
        slot = self.size
        self.size += 1
        return slot

    def find_local(self, name: str) -> tuple[int, T.Type | None] | None:
        for block in reversed(self.blocks):
            found = block.get(name)
            if found is not None:
                return found
        return None

    def lookup(self, name: str, quiet: bool = False) -> tuple[int, int, T.Type | None] | None:
        """(depth, slot, type) of a local or captured variable, or None for module-level names. Unless
        `quiet`, the slot is marked as escaping (read through the frame by a closure)."""
        scope: Scope | None = self
        depth = 0
        while scope is not None:
            found = scope.find_local(name)
            if found is not None:
                if (depth or not quiet) and found[0] not in scope.escaped:
                    scope.escaped.add(found[0])
                    if scope.frame_names is not None:  # already named as a Python local: generate again
                        scope.late.add(name)
                return depth, found[0], found[1]
            scope = scope.parent
            depth += 1
        return None
