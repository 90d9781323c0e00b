"""The flow view of a function: its statements as nodes in source order, `if`/`else`/`match` as branches,
loops with their back edge, `check`/`fail` as error edges to the `on fail` block (or out of the function),
and calls to connections marked. Laid out here, from the statement structure (which is series-parallel),
so the page only draws boxes and the polylines it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from balmail.check.walk import is_function_boundary, walk
from balmail.syntax import ast

NODE_W, NODE_H, MERGE = 210, 38, 10
VGAP, HGAP, LANE = 30, 24, 18
LABEL_MAX = 58


@attrs.define
class FlowNode:
    id: str
    kind: str  # start end stmt decision loop return fail panic break continue onfail merge error
    label: str
    line: int | None = None
    end_line: int | None = None
    check: bool = False
    calls: list[str] = attrs.field(factory=list)  # connections called directly
    via: list[str] = attrs.field(factory=list)  # connections reached through a called function
    x: float = 0
    y: float = 0
    w: float = NODE_W
    h: float = NODE_H


@attrs.define
class FlowEdge:
    source: str
    target: str
    kind: str  # next branch back exit error
    label: str | None = None
    points: list[tuple[float, float]] = attrs.field(factory=list)


# ---------------------------------------------------------------- layout tree


@attrs.define
class Leaf:
    node: FlowNode
    w: float = 0
    h: float = 0


@attrs.define
class Seq:
    items: list[Any]
    w: float = 0
    h: float = 0
    cx: float = 0


@attrs.define
class Branch:
    head: FlowNode
    arms: list[Seq]
    merge: FlowNode | None
    w: float = 0
    h: float = 0


@attrs.define
class Loop:
    head: FlowNode
    body: Seq
    w: float = 0
    h: float = 0
    left: float = 0
    right: float = 0
    bottom: float = 0


Pending = tuple[str, str, str | None]  # (source node id, edge kind, label)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


class FlowBuilder:
    """Builds the graph and its layout tree for one function body."""

    def __init__(self, text: str, connection_of: Callable[[ast.Node], str | None],
                 via_of: Callable[[ast.Node], list[str]]) -> None:  # fmt: skip
        self.text = text
        self.connection_of = connection_of
        self.via_of = via_of
        self.nodes: dict[str, FlowNode] = {}
        self.edges: list[FlowEdge] = []
        self.error_targets: list[str] = []
        self.loops: list[tuple[FlowNode, list[Pending], Loop | None]] = []
        self.error_exit: FlowNode | None = None
        self.loop_of_back: dict[int, Loop] = {}

    def src(self, node: ast.Node) -> str:
        return self.text[node.span.start : node.span.end]

    def new(self, kind: str, label: str, at: ast.Node | None = None) -> FlowNode:
        node = FlowNode(f"n{len(self.nodes)}", kind, _short(label))
        if at is not None:
            node.line, node.end_line = at.span.line, at.span.end_line
        if kind == "merge":
            node.w = node.h = MERGE
        self.nodes[node.id] = node
        return node

    def connect(self, pending: list[Pending], target: FlowNode) -> None:
        for source, kind, label in pending:
            self.edges.append(FlowEdge(source, target.id, kind, label))

    def error_target(self) -> FlowNode:
        if self.error_targets:
            return self.nodes[self.error_targets[-1]]
        if self.error_exit is None:
            self.error_exit = self.new("error", "error returned")
        return self.error_exit

    def mark(self, node: FlowNode, parts: list[ast.Node]) -> None:
        """Error edges for `check`, connection calls, for the expressions a statement evaluates itself."""
        for part in parts:
            for inner in walk(part, is_function_boundary):
                if inner is not part and is_function_boundary(inner):
                    continue
                if isinstance(inner, ast.CheckExpr):
                    node.check = True
                    label = "checkpanic" if inner.panics else "check"
                    if not inner.panics:
                        self.edges.append(FlowEdge(node.id, self.error_target().id, "error", label))
                if isinstance(inner, ast.RemoteCall):
                    name = self.connection_of(inner)
                    if name and name not in node.calls:
                        node.calls.append(name)
                if isinstance(inner, ast.Call | ast.MethodCall):
                    for name in self.via_of(inner):
                        if name not in node.via and name not in node.calls:
                            node.via.append(name)

    # -------------------------------------------------------------- statements

    def seq(self, statements: tuple[ast.Stmt, ...], pending: list[Pending]) -> tuple[Seq, list[Pending]]:
        items: list[Any] = []
        for statement in statements:
            item, pending = self.statement(statement, pending)
            items.append(item)
        return Seq(items), pending

    def statement(self, s: ast.Stmt, pending: list[Pending]) -> tuple[Any, list[Pending]]:
        on_fail = getattr(s, "on_fail", None)
        if on_fail is not None:
            return self.with_on_fail(s, on_fail, pending)
        if isinstance(s, ast.If):
            return self.if_(s, pending)
        if isinstance(s, ast.Match):
            return self.match(s, pending)
        if isinstance(s, ast.Foreach | ast.While):
            return self.loop(s, pending)
        if isinstance(s, ast.BlockStmt):
            return self.seq(s.block.statements, pending)
        if isinstance(s, ast.Do | ast.Lock):
            head = self.new("stmt", "do" if isinstance(s, ast.Do) else "lock", s)
            head.end_line = head.line
            self.connect(pending, head)
            body, out = self.seq(s.body.statements, [(head.id, "next", None)])
            return Seq([Leaf(head), *body.items]), out
        if isinstance(s, ast.Return):
            node = self.new("return", self.src(s), s)
            self.connect(pending, node)
            self.mark(node, [s.value] if s.value is not None else [])
            return Leaf(node), []
        if isinstance(s, ast.Fail | ast.Panic):
            kind = "fail" if isinstance(s, ast.Fail) else "panic"
            node = self.new(kind, self.src(s), s)
            self.connect(pending, node)
            self.mark(node, [s.value])
            if kind == "fail":
                self.edges.append(FlowEdge(node.id, self.error_target().id, "error", "fail"))
            return Leaf(node), []
        if isinstance(s, ast.Break | ast.Continue):
            kind = "break" if isinstance(s, ast.Break) else "continue"
            node = self.new(kind, kind, s)
            self.connect(pending, node)
            if self.loops:
                head, breaks, _ = self.loops[-1]
                if kind == "break":
                    breaks.append((node.id, "exit", "break"))
                else:
                    self.edges.append(FlowEdge(node.id, head.id, "back", "continue"))
            return Leaf(node), []
        node = self.new("stmt", self.src(s).split("\n")[0], s)
        self.connect(pending, node)
        self.mark(node, list(ast.children(s)))
        return Leaf(node), [(node.id, "next", None)]

    def if_(self, s: ast.If, pending: list[Pending]) -> tuple[Any, list[Pending]]:
        head = self.new("decision", f"if {self.src(s.cond)}", s)
        head.end_line = s.cond.span.end_line
        self.connect(pending, head)
        self.mark(head, [s.cond])
        then, then_out = self.seq(s.then.statements, [(head.id, "branch", "true")])
        arms, outs = [then], then_out
        if isinstance(s.otherwise, ast.If):
            item, out = self.if_(s.otherwise, [(head.id, "branch", "else")])
            arms.append(Seq([item]))
            outs = outs + out
        elif isinstance(s.otherwise, ast.Block):
            other, out = self.seq(s.otherwise.statements, [(head.id, "branch", "else")])
            arms.append(other)
            outs = outs + out
        else:
            arms.append(Seq([]))
            outs = outs + [(head.id, "branch", "false")]
        return self.merged(head, arms, outs)

    def match(self, s: ast.Match, pending: list[Pending]) -> tuple[Any, list[Pending]]:
        head = self.new("decision", f"match {self.src(s.expr)}", s)
        head.end_line = s.expr.span.end_line
        self.connect(pending, head)
        self.mark(head, [s.expr])
        arms, outs = [], []
        exhaustive = False
        for clause in s.clauses:
            label = " | ".join(self.src(p) for p in clause.patterns)
            if clause.guard is not None:
                label += f" if {self.src(clause.guard)}"
            if any(isinstance(p, ast.WildcardPattern) for p in clause.patterns) and clause.guard is None:
                exhaustive = True
            arm, out = self.seq(clause.body.statements, [(head.id, "branch", _short(label))])
            arms.append(arm)
            outs += out
        if not exhaustive:
            arms.append(Seq([]))
            outs.append((head.id, "branch", "no match"))
        return self.merged(head, arms, outs)

    def merged(self, head: FlowNode, arms: list[Seq], outs: list[Pending]) -> tuple[Any, list[Pending]]:
        """Branches end in one small merge node (when any branch continues), so the flow stays a chain."""
        # An empty arm's edge starts at the head; it is drawn down its own column to the merge node.
        if not outs:
            return Branch(head, arms, None), []
        merge = self.new("merge", "")
        self.connect(outs, merge)
        return Branch(head, arms, merge), [(merge.id, "next", None)]

    def loop(self, s: ast.Foreach | ast.While, pending: list[Pending]) -> tuple[Any, list[Pending]]:
        if isinstance(s, ast.Foreach):
            label = f"foreach {self.src(s.binding)} in {self.src(s.iterable)}"
            header = [s.iterable]
        else:
            label, header = f"while {self.src(s.cond)}", [s.cond]
        head = self.new("loop", label, s)
        head.end_line = header[0].span.end_line
        self.connect(pending, head)
        self.mark(head, header)
        breaks: list[Pending] = []
        self.loops.append((head, breaks, None))
        body, out = self.seq(s.body.statements, [(head.id, "branch", "each")])
        self.loops.pop()
        layout = Loop(head, body)
        for source, _, _ in out:
            self.edges.append(FlowEdge(source, head.id, "back", None))
        for edge in self.edges:
            if edge.kind == "back" and edge.target == head.id:
                self.loop_of_back[id(edge)] = layout
        exits = [(head.id, "exit", "done"), *breaks]
        return layout, exits

    def with_on_fail(
        self, s: ast.Stmt, on_fail: ast.OnFail, pending: list[Pending]
    ) -> tuple[Any, list[Pending]]:
        handler = self.new("onfail", "on fail" + (f" {self.src(on_fail.binding)}" if on_fail.binding else ""),
                           on_fail)  # fmt: skip
        handler.end_line = handler.line
        self.error_targets.append(handler.id)
        stripped = attrs.evolve(s, on_fail=None)  # type: ignore[misc]
        item, out = self.statement(stripped, pending)
        self.error_targets.pop()
        body, handler_out = self.seq(on_fail.body.statements, [(handler.id, "next", None)])
        arms = [item if isinstance(item, Seq) else Seq([item]), Seq([Leaf(handler), *body.items])]
        outs = out + handler_out
        if not outs:
            return Branch(_Invisible, arms, None), []
        merge = self.new("merge", "")
        self.connect(outs, merge)
        return Branch(_Invisible, arms, merge), [(merge.id, "next", None)]


_Invisible = FlowNode("", "none", "", w=0, h=0)


# ---------------------------------------------------------------- layout


def _measure(item: Any) -> None:
    if isinstance(item, Leaf):
        item.w, item.h = item.node.w, item.node.h
    elif isinstance(item, Seq):
        for child in item.items:
            _measure(child)
        item.w = max((c.w for c in item.items), default=60)
        item.h = sum(c.h for c in item.items) + VGAP * max(len(item.items) - 1, 0)
    elif isinstance(item, Branch):
        for arm in item.arms:
            _measure(arm)
        arms_w = sum(max(a.w, 60) for a in item.arms) + HGAP * (len(item.arms) - 1)
        item.w = max(item.head.w, arms_w)
        head_h = item.head.h + VGAP if item.head is not _Invisible else 0
        item.h = head_h + max(a.h for a in item.arms) + (VGAP + MERGE if item.merge else 0)
    elif isinstance(item, Loop):
        _measure(item.body)
        item.w = max(item.head.w, item.body.w) + 2 * LANE
        item.h = item.head.h + VGAP + item.body.h + VGAP


def _place(item: Any, cx: float, y: float) -> None:
    """Put `item` with its centre line at `cx` and its top at `y`."""
    if isinstance(item, Leaf):
        item.node.x, item.node.y = cx - item.node.w / 2, y
    elif isinstance(item, Seq):
        for child in item.items:
            _place(child, cx, y)
            y += child.h + VGAP
    elif isinstance(item, Branch):
        if item.head is not _Invisible:
            item.head.x, item.head.y = cx - item.head.w / 2, y
            y += item.head.h + VGAP
        widths = [max(a.w, 60) for a in item.arms]
        total = sum(widths) + HGAP * (len(widths) - 1)
        x = cx - total / 2
        for arm, width in zip(item.arms, widths, strict=True):
            _place(arm, x + width / 2, y)
            arm.cx = x + width / 2
            x += width + HGAP
        if item.merge is not None:
            bottom = y + max(a.h for a in item.arms) + VGAP
            item.merge.x, item.merge.y = cx - MERGE / 2, bottom
    elif isinstance(item, Loop):
        item.head.x, item.head.y = cx - item.head.w / 2, y
        _place(item.body, cx, y + item.head.h + VGAP)
        item.left, item.right = cx - item.w / 2, cx + item.w / 2
        item.bottom = y + item.h


def _loops(item: Any) -> Iterator[Loop]:
    if isinstance(item, Loop):
        yield item
        yield from _loops(item.body)
    elif isinstance(item, Seq):
        for child in item.items:
            yield from _loops(child)
    elif isinstance(item, Branch):
        for arm in item.arms:
            yield from _loops(arm)


def _route(edge: FlowEdge, nodes: dict[str, FlowNode], loops_by_head: dict[str, Loop], right: float) -> None:
    s, t = nodes[edge.source], nodes[edge.target]
    sx, sy = s.x + s.w / 2, s.y + s.h
    tx, ty = t.x + t.w / 2, t.y
    if edge.kind == "back":
        loop = loops_by_head[t.id]
        lane = loop.left + LANE / 2
        edge.points = [(sx, sy), (sx, sy + VGAP / 3), (lane, sy + VGAP / 3), (lane, t.y + t.h / 2),
                       (t.x, t.y + t.h / 2)]  # fmt: skip
    elif edge.kind == "exit" and edge.source in loops_by_head:
        loop = loops_by_head[edge.source]
        lane = loop.right - LANE / 2
        edge.points = [(s.x + s.w, s.y + s.h / 2), (lane, s.y + s.h / 2), (lane, ty - VGAP / 2),
                       (tx, ty - VGAP / 2), (tx, ty)]  # fmt: skip
    elif edge.kind == "exit":
        loop = next(
            (lp for lp in loops_by_head.values() if lp.left <= s.x <= lp.right and lp.bottom >= sy), None
        )
        lane = (loop.right - LANE / 2) if loop else s.x + s.w + LANE
        edge.points = [(s.x + s.w, s.y + s.h / 2), (lane, s.y + s.h / 2), (lane, ty - VGAP / 2),
                       (tx, ty - VGAP / 2), (tx, ty)]  # fmt: skip
    elif edge.kind == "error":
        # out of the source's right side into the gap beside its column, along the gap to the target's
        # height (the error exit sits below everything, so that last stretch crosses no box)
        stub = s.x + s.w + HGAP / 2
        ty_mid = t.y + t.h / 2
        end_x = t.x if t.x >= stub else t.x + t.w
        edge.points = [(s.x + s.w, s.y + s.h / 2), (stub, s.y + s.h / 2), (stub, ty_mid), (end_x, ty_mid)]
    elif ty >= sy:
        mid = ty - VGAP / 2
        edge.points = [(sx, sy), (sx, mid), (tx, mid), (tx, ty)]
    else:
        edge.points = [(sx, sy), (sx, sy + VGAP / 3), (tx, sy + VGAP / 3), (tx, ty)]


def _branch_arm_columns(item: Any, edges: list[FlowEdge], nodes: dict[str, FlowNode]) -> None:
    """An empty `else`/no-match arm has no node: its edge goes down its own column to the merge node."""
    if isinstance(item, Seq):
        for child in item.items:
            _branch_arm_columns(child, edges, nodes)
    elif isinstance(item, Loop):
        _branch_arm_columns(item.body, edges, nodes)
    elif isinstance(item, Branch):
        for arm in item.arms:
            _branch_arm_columns(arm, edges, nodes)
        if item.head is _Invisible or item.merge is None:
            return
        empty = [arm for arm in item.arms if not arm.items]
        direct = [e for e in edges if e.source == item.head.id and e.target == item.merge.id]
        for arm, edge in zip(empty, direct, strict=False):
            h, m = item.head, item.merge
            cx = arm.cx
            edge.points = [(h.x + h.w / 2, h.y + h.h), (h.x + h.w / 2, h.y + h.h + VGAP / 2),
                           (cx, h.y + h.h + VGAP / 2), (cx, m.y - VGAP / 2), (m.x + m.w / 2, m.y - VGAP / 2),
                           (m.x + m.w / 2, m.y)]  # fmt: skip


def build_flow(function: ast.FunctionDefn, text: str, title: str,
               connection_of: Callable[[ast.Node], str | None],
               via_of: Callable[[ast.Node], list[str]]) -> dict[str, Any]:  # fmt: skip
    """The flow graph of `function`, laid out: nodes with boxes, edges with polylines."""
    builder = FlowBuilder(text, connection_of, via_of)
    start = builder.new("start", title, function)
    start.end_line = function.signature.span.end_line
    statements = function.body.statements if function.body is not None else ()
    body, out = builder.seq(statements, [(start.id, "next", None)])
    end = builder.new("end", "end")
    builder.connect(out, end)
    layout = Seq([Leaf(start), *body.items, Leaf(end)])
    _measure(layout)
    _place(layout, layout.w / 2 + 20, 20)
    nodes = builder.nodes
    right = max(n.x + n.w for n in nodes.values())
    bottom = max(n.y + n.h for n in nodes.values())
    if builder.error_exit is not None:
        builder.error_exit.x, builder.error_exit.y = right + LANE, bottom + VGAP
        right = builder.error_exit.x + builder.error_exit.w
        bottom = builder.error_exit.y + builder.error_exit.h
    loops_by_head = {loop.head.id: loop for loop in _loops(layout)}
    content_right = max(n.x + n.w for n in nodes.values() if n.kind != "error")
    for edge in builder.edges:
        _route(edge, nodes, loops_by_head, content_right)
    _branch_arm_columns(layout, builder.edges, nodes)
    width = max(right, content_right + 2 * LANE) + 20
    return {
        "nodes": [
            {"id": n.id, "kind": n.kind, "label": n.label, "line": n.line, "endLine": n.end_line,
             "check": n.check, "calls": n.calls, "via": n.via,
             "x": round(n.x, 1), "y": round(n.y, 1), "w": n.w, "h": n.h}
            for n in nodes.values()
        ],
        "edges": [
            {"from": e.source, "to": e.target, "kind": e.kind, "label": e.label,
             "points": [[round(x, 1), round(y, 1)] for x, y in e.points]}
            for e in builder.edges
        ],
        "width": round(width, 1),
        "height": round(bottom + 40, 1),
        "line": function.span.line,
        "endLine": function.span.end_line,
    }  # fmt: skip
