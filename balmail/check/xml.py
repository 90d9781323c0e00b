"""XML names a program cannot use: a namespace prefix in an XML literal, a navigation step (`x/<p:e>`) or
a qualified attribute access (`x.p:a`) that no `xmlns` declaration in scope (nor the literal itself)
binds. Ballerina rejects these at compile time; malformed literals are syntax errors (syntax/build_xml.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from balmail.check.registry import Rule, register, report
from balmail.diagnostics import Diagnostic, Severity
from balmail.runtime.xml import unbound_prefixes
from balmail.syntax import ast
from balmail.syntax.ast_xml import XmlNavigation, XmlTemplate
from balmail.syntax.xml_scopes import namespace_users

UNDEFINED_PREFIX = register(
    Rule(
        code="BAL_XML_001",
        name="undefined-xml-namespace-prefix",
        severity=Severity.ERROR,
        summary="An XML name uses a namespace prefix that no `xmlns` declaration binds.",
        what_it_does="Reports prefixes in XML template literals, XML navigation name patterns and qualified "
        "attribute accesses that are declared neither by an `xmlns` declaration in scope (module level, or "
        "earlier in an enclosing block) nor by the literal's own `xmlns:p` attributes.",
        why="Ballerina rejects the program: the name's namespace is unknown.",
        example="xml x = xml `<ns:doc/>`;",
        fix='xmlns "http://example.com/doc" as ns;\nxml x = xml `<ns:doc/>`;',
        message="undefined namespace prefix '{0}'",
    )
)


def _prefixes(node: ast.Node) -> list[str]:
    if isinstance(node, XmlNavigation):
        return [n.rpartition(":")[0] for n in node.names if ":" in n]
    if isinstance(node, ast.FieldAccess) and ":" in node.name:
        return [node.name.partition(":")[0]]
    return []


def check_xml(module: ast.Module, text: str) -> Iterator[Diagnostic]:
    """BAL_XML_001 for each unbound prefix (only files that mention `xml` are walked)."""
    if "xml" not in text:
        return
    for node, scope in namespace_users(module):
        if type(node) is XmlTemplate:
            for p in unbound_prefixes(node.tree, set(scope)):
                yield report(UNDEFINED_PREFIX, node.span, p)
            continue
        for p in _prefixes(node):
            if p != "xml" and p not in scope:
                span = node.names_span if isinstance(node, XmlNavigation) else node.name_span
                yield report(UNDEFINED_PREFIX, span, p)
