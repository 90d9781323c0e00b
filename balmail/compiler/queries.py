"""Query expressions and query actions. Clauses become a chain of Python generators over the current frame:
each stage sets its variables' slots and yields, so downstream stages read them in place; only `order by`
snapshots rows. `collect` rebinds every query variable to the list of its values before evaluating."""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING, Any

import attrs

from balmail.compiler import codegen, expressions, grouping, patterns, statements, stmtgen, typedesc
from balmail.runtime import types as T
from balmail.runtime.errors import FailSignal, runtime_panic
from balmail.runtime.values import BError, BList, BMap, BStream, compare, to_bal_string
from balmail.syntax import ast

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler

AGGREGATES = ("sum", "count", "max", "min", "avg")
SEQUENCE_LANGLIB = ("join", "concat", "some", "every")
"""Further langlib functions a sequence variable may be passed to unqualified (`'join(",", name)`,
`some(flag)`): lang.string's join/concat (lang.xml's concat for xml), lang.boolean's some/every."""


def query_pipeline(cx: Compiler, clauses: tuple[Any, ...]) -> tuple[Any, list[int]]:
    """Compile clauses into `run(frame) -> iterator` and the list of slots the query declared."""
    from balmail.runtime.access import iterate_query as iterate

    slots_before = cx.scope.size
    stages: list[Any] = []
    sb = cx.sb
    for c in clauses:
        if isinstance(c, ast.FromClause):
            src = expressions.expr(cx, c.expr)
            et = typedesc.resolve_type(cx, c.binding.type) if c.binding.type is not None else None
            bind = patterns.binding(cx, c.binding.binding, et)

            def from_stage(f: list[Any], rows: Any, src: Any = src, bind: Any = bind) -> Any:
                for _ in rows:
                    for v in iterate(src(f)):
                        if next(sb.stick, 1):
                            sb.stepped()
                        bind(f, v)
                        yield None

            stages.append(from_stage)
        elif isinstance(c, ast.WhereClause):
            cond = expressions.expr(cx, c.cond, T.BOOLEAN)

            def where_stage(f: list[Any], rows: Any, cond: Any = cond) -> Any:
                for _ in rows:
                    if cond(f):
                        yield None

            stages.append(where_stage)
        elif isinstance(c, ast.LetClause):
            lets = []
            for tb, e in c.bindings:
                t = typedesc.resolve_type(cx, tb.type) if tb.type is not None else None
                ev = expressions.expr(cx, e, t)
                lets.append((ev, patterns.binding(cx, tb.binding, t)))

            def let_stage(f: list[Any], rows: Any, lets: Any = lets) -> Any:
                for _ in rows:
                    for ev, bind in lets:
                        bind(f, ev(f))
                    yield None

            stages.append(let_stage)
        elif isinstance(c, ast.JoinClause):
            src = expressions.expr(cx, c.expr)
            left_key = expressions.expr(cx, c.left_key)
            et = typedesc.resolve_type(cx, c.binding.type) if c.binding.type is not None else None
            bind = patterns.binding(cx, c.binding.binding, et)
            right_key = expressions.expr(cx, c.right_key)
            outer = c.outer

            def join_stage(
                f: list[Any],
                rows: Any,
                src: Any = src,
                bind: Any = bind,
                lk: Any = left_key,
                rk: Any = right_key,
                outer: bool = outer,
            ) -> Any:
                index: dict[str, list[Any]] | None = None
                for _ in rows:
                    if index is None:
                        index = {}
                        saved = {}
                        for v in iterate(src(f)):
                            bind(f, v)
                            index.setdefault(to_bal_string(rk(f)), []).append(v)
                        del saved
                    key = lk(f)
                    matches = [v for v in index.get(to_bal_string(key), ())]
                    if not matches and outer:
                        bind(f, None)
                        yield None
                        continue
                    for v in matches:
                        bind(f, v)
                        yield None

            stages.append(join_stage)
        elif isinstance(c, ast.OrderByClause):
            keys = [(expressions.expr(cx, k.expr), k.descending) for k in c.keys]
            stages.append(("order", keys))
        elif isinstance(c, ast.GroupByClause):
            stages.append(grouping.group_stage(cx, c, slots_before))
        elif isinstance(c, ast.LimitClause):
            count = expressions.expr(cx, c.count, T.INT)

            def limit_stage(f: list[Any], rows: Any, count: Any = count) -> Any:
                n = count(f)
                if n < 0:
                    raise runtime_panic("IllegalArgument", f"limit must be non-negative: {n}")
                return itertools.islice(rows, n)

            stages.append(limit_stage)
    slots = list(range(slots_before, cx.scope.size))
    # order-by stages need the slots declared so far: resolve them now
    final_stages = []
    for st in stages:
        if isinstance(st, tuple):
            keys = st[1]
            final_stages.append(_order_stage(keys, slots, cx.sb))
        else:
            final_stages.append(st)

    def run(f: list[Any]) -> Any:
        rows: Any = iter((None,))
        for st in final_stages:
            rows = st(f, rows)
        return rows

    return run, slots


def simple_query(cx: Compiler, e: ast.QueryExpr, expected: T.Type | None) -> Any:
    """`from ... [where|let|from]* select` into a list, generated as nested Python loops."""
    if e.kind != "select" or e.construct is not None or e.on_conflict is not None:
        return None
    if not e.clauses or not isinstance(e.clauses[0], ast.FromClause):
        return None
    if not all(isinstance(c, ast.FromClause | ast.WhereClause | ast.LetClause) for c in e.clauses):
        return None
    lt = None
    if expected is not None:
        kinds = T.member_types(expected)
        lists = [m for m in kinds if isinstance(m, T.TArray)]
        if any(isinstance(m, T.TString | T.TMap | T.TTuple | T.TStream) for m in kinds) or len(lists) > 1:
            return None
        lt = lists[0] if lists else None
        if lt is None and not any(isinstance(m, T.TAny | T.TAnydata | T.TJson) for m in kinds):
            return None
    g = stmtgen.new_gen(cx)
    with cx.quiet(False), cx.scope.block():
        lines = ["    _s = _sb", "    _out = []", "    try:"]
        ind = 2
        for c in e.clauses:
            pad = "    " * ind
            if isinstance(c, ast.FromClause):
                src = codegen.code(cx, c.expr, None, g)
                v = g.tmp()
                t = typedesc.resolve_type(cx, c.binding.type) if c.binding.type is not None else None
                lines.append(f"{pad}for {v} in _qiterate({src}):")
                lines += [
                    f"{pad}    if next(_s.stick, 1):",
                    f"{pad}        _s.stepped()",
                ]
                ind += 1
                pad = "    " * ind
                if isinstance(c.binding.binding, ast.CaptureBinding):
                    b = c.binding.binding
                    slot = cx.scope.declare(b.name, t, decl=cx.record.decls.get(b))
                    lines.append(f"{pad}f[{slot}] = {v}")
                else:
                    lines.append(f"{pad}{g.const(patterns.binding(cx, c.binding.binding, t))}(f, {v})")
            elif isinstance(c, ast.WhereClause):
                lines.append(f"{pad}if not {codegen.code(cx, c.cond, T.BOOLEAN, g)}:")
                lines.append(f"{pad}    continue")
            else:
                for tb, value in c.bindings:
                    t = typedesc.resolve_type(cx, tb.type) if tb.type is not None else None
                    code = codegen.code(cx, value, t, g)
                    if isinstance(tb.binding, ast.CaptureBinding):
                        slot = cx.scope.declare(
                            tb.binding.name,
                            t if t is not None else expressions.static_type(cx, value),
                            decl=cx.record.decls.get(tb.binding),
                        )
                        lines.append(f"{pad}f[{slot}] = {code}")
                    else:
                        lines.append(f"{pad}{g.const(patterns.binding(cx, tb.binding, t))}(f, {code})")
        elem = T.element_type(lt) if lt is not None else None
        lines.append(f"{'    ' * ind}_out.append({codegen.code(cx, e.result, elem, g)})")
    lines += [
        "    except _FS as _e:",
        "        return _e.error",
        f"    return BList(_out, {g.const(lt)})",
    ]
    return g.function("\n".join(lines) + "\n")


def _collect(run: Any, slots: list[int], result: Any) -> Any:
    """`collect`: run the clauses, then evaluate the result with each variable bound to the list of its
    values."""

    def collect(f: list[Any]) -> Any:
        snaps: list[list[Any]] = [[] for _ in slots]
        for _ in run(f):
            for i, s in enumerate(slots):
                snaps[i].append(f[s])
        for i, s in enumerate(slots):
            f[s] = BList(snaps[i])
        return result(f)

    return collect


def _stream_type(cx: Compiler, e: ast.QueryExpr, expected: T.Type | None) -> T.TStream:  # noqa: F821
    """The inherent type of the stream a query makes: the `stream<T, C>` its context expects, else one of
    the static type of `select`'s expression (spec, "Query expressions": the contextually expected type,
    else the type inferred from the select expression)."""
    for m in T.member_types(expected) if expected is not None else ():
        if isinstance(m, T.TStream) and m.element is not None:
            return m
    return T.TStream(expressions.static_type(cx, e.result) or T.ANY, None)


def expr_QueryExpr(cx: Compiler, e: ast.QueryExpr, expected: T.Type | None) -> Eval:  # noqa: F821
    if e.kind == "collect" or any(isinstance(c, ast.GroupByClause) for c in e.clauses):
        clauses, result = grouping.rewrite_clauses(e.clauses, e.result, e.kind == "collect")
        e = attrs.evolve(e, clauses=clauses, result=result)
    fast = simple_query(cx, e, expected)
    if fast is not None:
        return fast
    if e.construct is None and e.kind == "select":
        from balmail.compiler import tables

        into = tables.expected_table(expected)
        if into is not None:
            return tables.query_table(cx, e, None, into)  # a table is what the context expects
    with cx.scope.block():
        run, slots = query_pipeline(cx, e.clauses)
        if e.kind == "collect":
            result = expressions.expr(cx, e.result, expected)
            return _catch_fail(_collect(run, slots, result))
        lt = None
        want_string = want_xml = False
        want_map = e.construct == "map"
        if expected is not None:
            for m in T.member_types(expected):
                if isinstance(m, T.TArray | T.TTuple):
                    lt = m
                    break
                if isinstance(m, T.TString):
                    want_string = True
                if isinstance(m, T.TXml):
                    want_xml = True
                if isinstance(m, T.TMap):
                    want_map = True
                    lt = m
        elem = (
            T.element_type(lt)
            if isinstance(lt, T.TArray | T.TTuple)
            else (lt.constraint if isinstance(lt, T.TMap) else None)
        )
        if want_map and elem is not None:
            result = expressions.expr(cx, e.result, T.TTuple([T.STRING, elem], None))
        else:
            result = expressions.expr(cx, e.result, elem)
        conflict = expressions.expr(cx, e.on_conflict) if e.on_conflict is not None else None
        stream_type = _stream_type(cx, e, expected) if e.construct == "stream" else None
    inherent = lt if isinstance(lt, T.TArray) else None
    if e.construct == "stream":

        def stream(f: list[Any]) -> Any:  # an error ending the source (or a `check`) completes the stream
            out = []
            try:
                for _ in run(f):
                    out.append(result(f))
            except FailSignal as e:
                out.append(e.error)
            return BStream(iter(out), stream_type)

        return stream
    if want_map:

        def to_map(f: list[Any]) -> Any:
            out = BMap(type=lt)
            for _ in run(f):
                pair = result(f)
                k, v = pair[0], pair[1]
                if k in out and conflict is not None:
                    err = conflict(f)
                    if isinstance(err, BError):
                        return err
                out[k] = v
            return out

        return _catch_fail(to_map)
    if want_string:

        def to_string_q(f: list[Any]) -> Any:
            return "".join(result(f) for _ in run(f))

        return _catch_fail(to_string_q)
    if want_xml and lt is None:
        from balmail.lib.langxml import concat as xml_concat

        def to_xml(f: list[Any]) -> Any:  # an xml context: the selected values concatenated
            return xml_concat(*[result(f) for _ in run(f)])

        return _catch_fail(to_xml)

    def select(f: list[Any]) -> Any:
        return BList([result(f) for _ in run(f)], inherent)

    return _catch_fail(select)


def query_action(cx: Compiler, s: ast.QueryAction) -> Any:
    from balmail.compiler.core import RET

    clauses, body_block = grouping.rewrite_clauses(s.clauses, s.body, False)
    with cx.scope.block():
        run, _ = query_pipeline(cx, clauses)
        body = statements.block_body(cx, body_block)

    def action(f: list[Any]) -> Any:
        for _ in run(f):
            r = body(f)
            if r == RET:
                return r
        return None

    return action


def query_builtin(cx: Compiler, name: str, e: ast.Call, expected: T.Type | None) -> Any:
    """`sum(x)`, `count(x)`, `max(0, x)`, `min`, `avg` after `group by` or in `collect`: a sequence
    variable argument arrives as a rest argument (grouping.py), so the values are all the arguments."""
    if name not in AGGREGATES and name not in SEQUENCE_LANGLIB:
        return None
    if not e.args or any(isinstance(a, ast.NamedArg) for a in e.args):
        return None
    if name in SEQUENCE_LANGLIB and not any(isinstance(a, ast.RestArg) for a in e.args):
        return None
    args = [
        (isinstance(a, ast.RestArg), expressions.expr(cx, a.value if isinstance(a, ast.RestArg) else a))
        for a in e.args
    ]
    from balmail.lib import langnumbers

    def aggregate(f: list[Any]) -> Any:
        values: list[Any] = []
        for rest, ev in args:
            if rest:
                values.extend(ev(f))
            else:
                values.append(ev(f))
        if name in SEQUENCE_LANGLIB:
            return _sequence_langlib(name, values)
        if name == "count":
            return len(values)
        xs = [x for x in values if x is not None]
        if name == "sum":
            return langnumbers.number_sum(xs)
        if name == "avg":
            return langnumbers.number_avg(xs)
        if not xs:
            return None
        return (
            functools.reduce(lambda a, b: a if (compare(a, b) or 0) >= 0 else b, xs)
            if name == "max"
            else (functools.reduce(lambda a, b: a if (compare(a, b) or 0) <= 0 else b, xs))
        )

    return aggregate


def _sequence_langlib(name: str, values: list[Any]) -> Any:
    if name == "some":
        return any(values)
    if name == "every":
        return all(values)
    if name == "join":
        # the separator is the first argument: with an empty group there is none, and the call is ()
        return values[0].join(values[1:]) if values else None
    from balmail.runtime.xml import BXml
    from balmail.runtime.xml import concat as xml_concat

    if any(isinstance(v, BXml) for v in values):
        return xml_concat(tuple(values))
    return "".join(values)


def _catch_fail(ev: Any) -> Any:
    """A `check` failing inside a query expression makes the whole query evaluate to that error."""

    def guarded(f: list[Any]) -> Any:
        try:
            return ev(f)
        except FailSignal as e:
            return e.error

    return guarded


def _order_stage(keys: list[tuple[Any, bool]], slots: list[int], sb: Any) -> Any:
    from balmail.lib import langlist

    def order_stage(f: list[Any], rows: Any) -> Any:
        snaps = []
        for _ in rows:
            snaps.append(([k(f) for k, _ in keys], [f[s] for s in slots]))

        def cmp(a: Any, b: Any) -> int:
            # as lang.array's sort: NaN and then nil last in either direction, lists member-wise
            for (ka, kb), (_, desc) in zip(zip(a[0], b[0], strict=True), keys, strict=True):
                c = langlist.sort_compare(ka, kb, desc, sb)
                if c:
                    return c
            return 0

        snaps.sort(key=functools.cmp_to_key(cmp))
        for _, vals in snaps:
            for s, v in zip(slots, vals, strict=True):
                f[s] = v
            yield None

    return order_stage
