"""XML expressions: template literals, navigation (`x.<e>`, `x/<e>`, `x/*`, `x/**/<e>`) and `xmlns`
statements, on the values of runtime/xml.py. Namespace prefixes are resolved here, at compile time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from balmail.compiler import expressions
from balmail.compiler.core import CompileError
from balmail.runtime import types as T
from balmail.runtime import xml as X
from balmail.runtime.functions import Eval, Exec
from balmail.runtime.values import to_string
from balmail.syntax import ast
from balmail.syntax.ast_xml import XmlNavigation, XmlnsStmt, XmlTemplate
from balmail.syntax.xml_scopes import Namespaces, namespace_scopes

if TYPE_CHECKING:
    from balmail.compiler.core import Compiler


def namespaces(cx: Compiler, node: ast.Node) -> Namespaces:
    """The `xmlns` declarations in scope at `node` (worked out for the whole module on first use)."""
    scopes = cx.xml_namespaces
    if scopes is None:
        scopes = cx.xml_namespaces = namespace_scopes(cx.module)
    return scopes.get(id(node), {})  # type: ignore[no-any-return]


def expr_XmlTemplate(cx: Compiler, e: XmlTemplate, expected: T.Type | None) -> Eval:
    env = namespaces(cx, e)
    unbound = X.unbound_prefixes(e.tree, set(env))
    if unbound:
        raise CompileError(f"undefined namespace prefix '{unbound[0]}'", e.span)
    tree = e.tree
    parts = [expressions.expr(cx, x) for x in e.exprs]
    sb = cx.sb

    def text(v: Any) -> str:
        return to_string(v, sb)

    from balmail.compiler.constructors import _wants_readonly

    if _wants_readonly(expected):  # a `readonly` context builds an immutable value
        if not parts:
            return lambda f: X.freeze(X.build(tree, env))
        return lambda f: X.freeze(X.build(tree, env, [p(f) for p in parts], text))
    if not parts:
        return lambda f: X.build(tree, env)
    return lambda f: X.build(tree, env, [p(f) for p in parts], text)


def stmt_XmlnsStmt(cx: Compiler, s: XmlnsStmt) -> Exec:
    return _nothing


def _nothing(f: list[Any]) -> None:
    return None


def name_matcher(cx: Compiler, e: XmlNavigation) -> Any:
    """A test on expanded element names for the name patterns of a navigation step."""
    env = namespaces(cx, e)
    exact: set[str] = set()
    uris: set[str | None] = set()
    for name in e.names:
        if name == "*":
            return None
        prefix, _, local = name.rpartition(":")
        if prefix and prefix != "xml" and prefix not in env:
            raise CompileError(f"undefined namespace prefix '{prefix}'", e.names_span)
        uri = X.XML_URI if prefix == "xml" else env.get(prefix) if prefix else env.get(None)
        if local == "*":
            uris.add(uri)
        else:
            exact.add(X.expanded(uri, local))
    if not uris:
        return exact.__contains__

    def matches(n: str) -> bool:
        return n in exact or X.split_expanded(n)[0] in uris

    return matches


_STEPS = {
    "filter": X.filter_elements,
    "children": X.child_elements,
    "all": X.all_children,
    "descendants": X.descendant_elements,
}


def expr_XmlNavigation(cx: Compiler, e: XmlNavigation, expected: T.Type | None) -> Eval:
    target = expressions.expr(cx, e.target)
    step = _STEPS[e.kind]
    match = name_matcher(cx, e) if e.kind != "all" else None
    return lambda f: step(X.as_xml(target(f)), match)


def indexed_step(cx: Compiler, e: ast.MemberAccess) -> Eval:
    """`x/<e>[i]`: an index extends the step, so it applies per element of `x` (the i-th match among
    the children, or descendants, of each)."""
    nav = e.target
    assert isinstance(nav, XmlNavigation)
    target = expressions.expr(cx, nav.target)
    index = expressions.expr(cx, e.index)
    step = _STEPS[nav.kind]
    match = name_matcher(cx, nav) if nav.kind != "all" else None

    def per_element(f: list[Any]) -> Any:
        i = index(f)
        return X.concat(X.member(step(el, match), i) for el in X.elements_of(X.as_xml(target(f))))

    return per_element


def qualified_name(cx: Compiler, e: ast.QualifiedRef) -> str | None:
    """`ns:local` where `ns` is an `xmlns` prefix: the expanded name `{uri}local` (else None)."""
    if e.prefix in cx.imports:
        return None
    uri = namespaces(cx, e).get(e.prefix)
    return None if uri is None else X.expanded(uri, e.name)


def attribute_name(cx: Compiler, e: ast.FieldAccess) -> str:
    """The expanded name of `x.p:attr` (`xml` is predeclared)."""
    prefix, _, local = e.name.partition(":")
    if prefix == "xml":
        return X.expanded(X.XML_URI, local)
    uri = namespaces(cx, e).get(prefix)
    if uri is None:
        raise CompileError(f"undefined namespace prefix '{prefix}'", e.name_span)
    return X.expanded(uri, local)
