"""Compile-time scopes: which frame slot a local variable lives in. A variable is addressed by
(depth, slot) once, at compile time; frames themselves are described in runtime/functions.py.

A slot belongs to a declaration of the resolve record (balmail/resolve: a parameter, a local, a named
worker, a method's `self`), and a use that the record resolves to one finds its slot by that declaration,
through the scopes of enclosing functions (depth = how many); a use it resolves to a module-level name is
never a slot. Only a declaration the record has no entry for (none in practice: the check of
tests/compiler/test_slots.py) is found by name in the block scopes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from balmail.resolve import Decl
from balmail.resolve.record import LOCAL, PARAM, SELF, WORKER
from balmail.runtime import types as T

Key = Decl | str
"""What a frame slot belongs to: the declaration, or the name where the record has none."""


SLOT_KINDS = frozenset({PARAM, LOCAL, WORKER, SELF})
"""The declaration kinds whose slots are found by declaration (a method's `self` is one per method: the
object's `self` declaration keys a slot in each method's frame)."""


class Scope:
    """One function body being compiled: nested block scopes mapping names to slots and static types."""

    def __init__(self, parent: Scope | None, ret_type: T.Type | None = None) -> None:
        self.parent = parent
        self.blocks: list[dict[str, tuple[int, T.Type | None]]] = [{}]
        self.decls: dict[Decl, tuple[int, T.Type | None]] = {}
        """The slot of each declaration made in this function (never popped: the record says where a
        declaration is visible)."""
        self.types: dict[Decl, T.Type | None] = parent.types if parent is not None else {}
        """The static type given to each declaration of this function and the functions around and inside
        it (one dict for them all): `expressions.static_type` reads a local's type by its declaration."""
        self.size = 2
        self.ret_type = ret_type
        self.loops = 0
        self.escaped: set[int] = set()
        """Slots read through the frame list; the others are Python locals of generated code."""
        self.frame_names: frozenset[Key] | None = None
        """While a function's lines are generated: the declarations compiler/slots.py put in the frame."""
        self.late: set[Key] = set()
        """Declarations a closure asked for after their slot was named as a Python local (see
        compiler/slots.py)."""

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

    def declare(
        self, name: str, type: T.Type | None = None, quiet: bool = False, decl: Decl | None = None
    ) -> int:
        """A new slot for `name` (the declaration `decl`, where the record has it). Slots declared by
        closure compilers escape (closures read the frame); `quiet` ones are used only by generated code
        and are Python locals unless compiler/slots.py put the declaration in the frame."""
        slot = self.size
        self.size += 1
        self.blocks[-1][name] = (slot, type)
        if decl is not None:
            self.decls[decl] = (slot, type)
            self.types[decl] = type
        frame = self.frame_names
        if not quiet or (frame is not None and (name in frame or decl is not None and decl in frame)):
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

    def lookup(
        self, name: str, quiet: bool = False, decl: Decl | None = None
    ) -> tuple[int, int, T.Type | None] | None:
        """(depth, slot, type) of a local or captured variable, or None for module-level names. `decl` is
        the declaration the record resolves the use to (None: found by name). Unless `quiet`, the slot is
        marked as escaping (read through the frame by a closure)."""
        if decl is not None and decl.kind not in SLOT_KINDS:
            return None  # a module-level name (or an aggregate function): never a frame slot
        scope: Scope | None = self
        depth = 0
        keyed = decl is not None
        while scope is not None:
            found = scope.decls.get(decl) if keyed else scope.find_local(name)  # type: ignore[arg-type]
            if found is not None:
                if (depth or not quiet) and found[0] not in scope.escaped:
                    scope.escaped.add(found[0])
                    if scope.frame_names is not None:  # already named as a Python local: generate again
                        scope.late.add(name)  # a declaration made without its record entry
                        if keyed:
                            scope.late.add(decl)  # type: ignore[arg-type]
                return depth, found[0], found[1]
            scope = scope.parent
            depth += 1
        return None
