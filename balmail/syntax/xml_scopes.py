"""Which `xmlns` declarations are in scope where: module-level ones everywhere (in any order), block-level
ones for the statements after them. One walk over a module, shared by the checks and the compiler."""

from __future__ import annotations

from balmail.syntax import ast
from balmail.syntax.ast_xml import XmlNavigation, XmlnsDecl, XmlnsStmt, XmlTemplate

Namespaces = dict[str | None, str]
"""prefix (None: the default namespace) → namespace name"""

_USERS = (XmlTemplate, XmlNavigation, ast.QualifiedRef, ast.FieldAccess)


def _consts(module: ast.Module) -> dict[str, str]:
    return {
        m.name: m.value.value
        for m in module.members
        if isinstance(m, ast.ConstDecl) and isinstance(m.value, ast.Literal) and m.value.kind == "string"
    }


def namespace_uri(uri: ast.Expr, consts: dict[str, str]) -> str | None:
    """The namespace name an `xmlns` declaration binds: a string literal or a string constant."""
    if isinstance(uri, ast.Literal) and isinstance(uri.value, str):
        return uri.value
    if isinstance(uri, ast.VarRef):
        return consts.get(uri.name)
    return None


def namespace_scopes(module: ast.Module) -> dict[int, Namespaces]:
    """id(node) → the namespaces in scope there, for XML templates, navigation, qualified references and
    field accesses (the ones that can use a prefix)."""
    return {id(n): env for n, env in namespace_users(module)}


def namespace_users(module: ast.Module) -> list[tuple[ast.Node, Namespaces]]:
    """The nodes that can use a namespace prefix, each with the namespaces in scope there."""
    consts = _consts(module)
    top: Namespaces = {}
    for m in module.members:
        if isinstance(m, XmlnsDecl):
            uri = namespace_uri(m.uri, consts)
            if uri is not None:
                top[m.prefix] = uri
    found: list[tuple[ast.Node, Namespaces]] = []
    stack: list[tuple[ast.Node, Namespaces]] = [(m, top) for m in module.members]
    while stack:
        n, env = stack.pop()
        if isinstance(n, _USERS):
            found.append((n, env))
        if isinstance(n, ast.Block):
            current = env
            for s in n.statements:
                if isinstance(s, XmlnsStmt):
                    uri = namespace_uri(s.uri, consts)
                    if uri is not None:
                        current = {**current, s.prefix: uri}
                stack.append((s, current))
            continue
        stack.extend((c, env) for c in ast.children(n))
    return found
