"""XML values: sequences of elements, text, comments and processing instructions (spec, "XML").

A sequence of one item *is* that item (Ballerina cannot tell them apart), so the item classes are xml
values themselves and `XSeq` only holds sequences of zero or two and more items; `concat` keeps that
normal form and merges adjacent text. Names are expanded (`{uri}local`); an element remembers the prefix
it was written with and its namespace declarations are attributes named `{http://www.w3.org/2000/xmlns/}p`,
as Ballerina keeps them, so printing gives back the prefixes of the source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from balmail.runtime.values import BMap
from balmail.xmltext import escape_attribute, escape_text, split_qname

XMLNS_URI = "http://www.w3.org/2000/xmlns/"
XML_URI = "http://www.w3.org/XML/1998/namespace"
XMLNS_KEY = "{" + XMLNS_URI + "}"


class BXml:
    """Base of every xml value."""

    __slots__ = ()

    def items(self) -> tuple[XItem, ...]:
        raise NotImplementedError

    def __str__(self) -> str:
        return serialize(self)


class XItem(BXml):
    __slots__ = ()

    def items(self) -> tuple[XItem, ...]:
        return (self,)


class XSeq(BXml):
    """A sequence of zero, or two or more, items."""

    __slots__ = ("members", "ro")

    def __init__(self, members: tuple[XItem, ...], ro: bool = False) -> None:
        self.members = members
        self.ro = ro

    def items(self) -> tuple[XItem, ...]:
        return self.members


class XElement(XItem):
    __slots__ = ("name", "prefix", "attrs", "children", "ro", "empty_tag")

    def __init__(
        self, name: str, attrs: BMap, children: BXml, prefix: str | None = None, ro: bool = False,
        empty_tag: bool = True,
    ) -> None:
        self.name = name  # expanded: `{uri}local` or `local`
        self.prefix = prefix  # as written, for printing
        self.attrs = attrs  # expanded name → value (namespace declarations included)
        self.children = children
        self.ro = ro
        self.empty_tag = empty_tag  # without children it prints `<a/>`; a literal's `<a></a>` stays so


class XText(XItem):
    __slots__ = ("text",)
    ro = True

    def __init__(self, text: str) -> None:
        self.text = text


class XComment(XItem):
    __slots__ = ("text", "ro")

    def __init__(self, text: str, ro: bool = False) -> None:
        self.text = text
        self.ro = ro


class XPI(XItem):
    __slots__ = ("target", "data", "ro")

    def __init__(self, target: str, data: str, ro: bool = False) -> None:
        self.target = target
        self.data = data
        self.ro = ro


EMPTY = XSeq((), ro=True)


def sequence(items: Iterable[XItem]) -> BXml:
    """The xml value of these items in order: adjacent text merged, empty text dropped, one item alone."""
    out: list[XItem] = []
    for it in items:
        if type(it) is XText:
            if not it.text:
                continue
            if out and type(out[-1]) is XText:
                out[-1] = XText(out[-1].text + it.text)  # type: ignore[attr-defined]
                continue
        out.append(it)
    if len(out) == 1:
        return out[0]
    return XSeq(tuple(out)) if out else XSeq(())


def concat(values: Iterable[BXml]) -> BXml:
    return sequence(it for v in values for it in v.items())


def text(s: str) -> BXml:
    return XText(s) if s else XSeq(())


def kind(item: XItem) -> str:
    t = type(item)
    if t is XElement:
        return "element"
    if t is XText:
        return "text"
    if t is XComment:
        return "comment"
    return "pi"


def is_readonly(v: BXml) -> bool:
    if isinstance(v, XSeq):
        return v.ro or all(is_readonly(i) for i in v.members)
    return bool(v.ro)


def freeze(v: BXml) -> BXml:
    """Make `v` read-only in place, deeply (for `readonly` contexts)."""
    if isinstance(v, XSeq):
        v.ro = True
        for i in v.members:
            freeze(i)
    elif isinstance(v, XElement):
        v.ro = True
        v.attrs.ro = True
        freeze(v.children)
    elif isinstance(v, XComment | XPI):
        v.ro = True
    return v


def clone(v: BXml, readonly: bool = False) -> BXml:
    """A deep copy (`value:clone`), or a read-only one (`cloneReadOnly`)."""
    if isinstance(v, XSeq):
        return XSeq(tuple(clone(i, readonly) for i in v.members), readonly)  # type: ignore[misc]
    if isinstance(v, XElement):
        if readonly and v.ro:
            return v
        return XElement(
            v.name, BMap(v.attrs, ro=readonly), clone(v.children, readonly), v.prefix, readonly, v.empty_tag
        )
    if isinstance(v, XComment):
        return XComment(v.text, readonly)
    if isinstance(v, XPI):
        return XPI(v.target, v.data, readonly)
    return v


# ---------------------------------------------------------------- equality


def equals(a: Any, b: Any) -> bool:
    """`==` on xml: the same items in order, elements by name, attributes and children."""
    if not isinstance(b, BXml):
        return False
    xs, ys = a.items(), b.items()
    if len(xs) != len(ys):
        return False
    for x, y in zip(xs, ys, strict=True):
        if type(x) is not type(y):
            return False
        if type(x) is XElement:
            if x.name != y.name or dict(x.attrs) != dict(y.attrs) or not equals(x.children, y.children):
                return False
        elif type(x) is XPI:
            if x.target != y.target or x.data != y.data:
                return False
        elif x.text != y.text:  # type: ignore[attr-defined]
            return False
    return True


def identical(a: BXml, b: Any) -> bool:
    """`===`: the same items (text by value: text items have no identity)."""
    if not isinstance(b, BXml):
        return False
    xs, ys = a.items(), b.items()
    if len(xs) != len(ys):
        return False
    return all(
        x is y or (type(x) is XText and type(y) is XText and x.text == y.text)  # type: ignore[attr-defined]
        for x, y in zip(xs, ys, strict=True)
    )


# ---------------------------------------------------------------- names


def expanded(uri: str | None, local: str) -> str:
    return f"{{{uri}}}{local}" if uri else local


def split_expanded(name: str) -> tuple[str | None, str]:
    if name.startswith("{"):
        end = name.find("}")
        if end > 0:
            return name[1:end], name[end + 1 :]
    return None, name


def namespace_declarations(attrs: BMap) -> Iterator[tuple[str | None, str]]:
    """(prefix or None for the default namespace, uri) of an element's `xmlns` attributes."""
    for k, v in attrs.items():
        if k.startswith(XMLNS_KEY):
            local = k[len(XMLNS_KEY) :]
            yield (None if local == "xmlns" else local), v


# ---------------------------------------------------------------- printing


def serialize(v: BXml) -> str:
    """`toString` of an xml value, as Ballerina prints it."""
    out: list[str] = []
    for item in v.items():
        _write(item, {}, out)
    return "".join(out)


def _write(item: XItem, scope: dict[str | None, str], out: list[str]) -> None:
    """One item. Namespace declarations come first (the default one, then prefixed ones), then the other
    attributes; a namespace the element or an attribute uses that no declaration in scope binds is
    declared on the element (so an element taken out of its parent still prints as well-formed XML)."""
    t = type(item)
    if t is XText:
        out.append(escape_text(item.text))  # type: ignore[attr-defined]
        return
    if t is XComment:
        out.append(f"<!--{item.text}-->")  # type: ignore[attr-defined]
        return
    if t is XPI:
        data = item.data  # type: ignore[attr-defined]
        out.append(f"<?{item.target}{' ' + data if data else ''}?>")  # type: ignore[attr-defined]
        return
    assert isinstance(item, XElement)
    default: str | None = None
    prefixed: dict[str, str] = {}
    for p, u in namespace_declarations(item.attrs):
        if p is None:
            default = u
        else:
            prefixed[p] = u
    inner = dict(scope)
    inner.update(prefixed)
    if default is not None:
        inner[None] = default
    uri, local = split_expanded(item.name)
    qname = local
    if uri:
        hint = item.prefix
        if hint is not None and inner.get(hint) == uri:
            qname = f"{hint}:{local}"
        elif hint is None and inner.get(None) == uri:
            pass
        else:
            found = next((p for p, u in inner.items() if p is not None and u == uri), None)
            if found is not None and hint is not None:
                qname = f"{found}:{local}"
            elif hint is not None:
                prefixed[hint] = inner[hint] = uri
                qname = f"{hint}:{local}"
            elif inner.get(None) != uri:
                default = inner[None] = uri
    attrs: list[str] = []
    for k, value in item.attrs.items():
        if k.startswith(XMLNS_KEY):
            continue
        a_uri, a_local = split_expanded(k)
        if a_uri:
            if a_uri == XML_URI:
                a_local = "xml:" + a_local
            else:
                p = next((q for q, u in inner.items() if q is not None and u == a_uri), None)
                a_local = f"{p}:{a_local}" if p else a_local
        attrs.append(f' {a_local}="{escape_attribute(value)}"')
    out.append("<" + qname)
    if default is not None:
        out.append(f' xmlns="{escape_attribute(default)}"')
    for p, u in prefixed.items():
        out.append(f' xmlns:{p}="{escape_attribute(u)}"')
    out.extend(attrs)
    children = item.children.items()
    if not children:
        out.append("/>" if item.empty_tag else f"></{qname}>")
        return
    out.append(">")
    for child in children:
        _write(child, inner, out)
    out.append(f"</{qname}>")


# ---------------------------------------------------------------- navigation


def as_xml(v: Any) -> BXml:
    if isinstance(v, BXml):
        return v
    from balmail.runtime.errors import runtime_panic

    raise runtime_panic("TypeCastError", "XML navigation on a value that is not xml")


def _elements(x: BXml) -> Iterator[XElement]:
    return (i for i in x.items() if type(i) is XElement)  # type: ignore[misc]


elements_of = _elements


def filter_elements(x: BXml, match: Any) -> BXml:
    """`x.<n>`: the elements of `x` whose name matches (`match` None: every element)."""
    return sequence(e for e in _elements(x) if match is None or match(e.name))


def child_elements(x: BXml, match: Any) -> BXml:
    """`x/<n>`: for each element of `x`, its child elements whose name matches."""
    return sequence(
        c for e in _elements(x) for c in _elements(e.children) if match is None or match(c.name)
    )


def all_children(x: BXml, match: Any = None) -> BXml:
    """`x/*`: for each element of `x`, all its children."""
    return sequence(c for e in _elements(x) for c in e.children.items())


def descendant_elements(x: BXml, match: Any) -> BXml:
    """`x/**/<n>`: for each element of `x`, its descendant elements (document order) whose name matches."""
    out: list[XItem] = []
    for e in _elements(x):
        stack = list(reversed(list(_elements(e.children))))
        while stack:
            d = stack.pop()
            if match is None or match(d.name):
                out.append(d)
            stack.extend(reversed(list(_elements(d.children))))
    return sequence(out)


def member(x: BXml, i: Any) -> BXml:
    """`x[i]`: the i-th item, or the empty sequence when there is none."""
    items = x.items()
    if type(i) is int and 0 <= i < len(items):
        return items[i]
    if type(i) is int and i < 0:
        from balmail.runtime.errors import index_out_of_range

        raise index_out_of_range(i, len(items))
    return XSeq(())


def attribute(x: BXml, name: str, optional: bool) -> Any:
    """`x.name` (string, or an error when `x` is not an element with that attribute) and `x?.name`
    (nil instead of the error)."""
    from balmail.runtime.errors import make_error

    items = x.items()
    if len(items) == 1 and type(items[0]) is XElement:
        v = items[0].attrs.get(name)  # type: ignore[attr-defined]
        if v is not None or optional:
            return v
        why = f"attribute '{name}' not found"
    else:
        why = f"invalid xml attribute access on xml {kind(items[0]) if len(items) == 1 else 'sequence'}"
    return make_error("{ballerina/lang.xml}XMLOperationError", {"message": why})


# ---------------------------------------------------------------- building from parsed XML text


class UnboundPrefix(Exception):
    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        self.prefix = prefix


def resolve_name(qname: str, scope: dict[str | None, str], element: bool) -> tuple[str, str | None]:
    """(expanded name, prefix) of a qualified name; the default namespace applies to elements only."""
    prefix, local = split_qname(qname)
    if prefix is None:
        uri = scope.get(None) if element else None
        return expanded(uri, local), None
    if prefix == "xml":
        return expanded(XML_URI, local), prefix
    uri = scope.get(prefix)
    if uri is None:
        raise UnboundPrefix(prefix)
    return expanded(uri, local), prefix


def declarations_of(attrs: tuple) -> list[tuple[str | None, str]]:
    """The namespace declarations among a parsed element's attributes (values without interpolation)."""
    out: list[tuple[str | None, str]] = []
    for qname, parts in attrs:
        if qname == "xmlns" or qname.startswith("xmlns:"):
            value = "".join(p for p in parts if isinstance(p, str))
            out.append((None if qname == "xmlns" else qname[6:], value))
    return out


def build(
    tree: tuple,
    inherited: dict[str | None, str],
    values: list[Any] | None = None,
    to_text: Any = str,
) -> BXml:
    """An xml value from parsed items (xmltext.parse_content). `inherited` are the namespaces the code
    around a template declares: names resolve against them, and each element declares the ones it uses
    that no enclosing element of the template declares yet (the default namespace: on the top-level
    elements). `values` are the interpolated values (xml inserted as items, others text via `to_text`)."""
    return sequence(_build_items(tree, dict(inherited), inherited, True, values or [], to_text))


def _join(parts: tuple, values: list[Any], to_text: Any) -> str:
    if len(parts) == 1 and type(parts[0]) is str:
        return parts[0]
    out = []
    for p in parts:
        if type(p) is str:
            out.append(p)
        else:
            v = values[p]
            out.append(v if type(v) is str else serialize(v) if isinstance(v, BXml) else to_text(v))
    return "".join(out)


def _build_items(
    nodes: tuple,
    scope: dict[str | None, str],
    pending: dict[str | None, str],
    top: bool,
    values: list[Any],
    to_text: Any,
) -> Iterator[XItem]:
    for node in nodes:
        tag = node[0]
        if tag == "t":
            for p in node[1]:
                if type(p) is str:
                    yield XText(p)
                else:
                    v = values[p]
                    if isinstance(v, BXml):
                        yield from v.items()
                    elif v is not None:
                        s = v if type(v) is str else to_text(v)
                        if s:
                            yield XText(s)
        elif tag == "c":
            yield XComment(_join(node[1], values, to_text))
        elif tag == "p":
            yield XPI(node[1], _join(node[2], values, to_text).strip())
        else:
            yield _element(node, scope, pending, top, values, to_text)


def _element(
    node: tuple,
    scope: dict[str | None, str],
    pending: dict[str | None, str],
    top: bool,
    values: list[Any],
    to_text: Any,
) -> XElement:
    _, qname, attrs, children, empty_tag = node
    own = declarations_of(attrs)
    declared = {p for p, _ in own}
    used = {split_qname(qname)[0]} | {
        split_qname(a)[0] for a, _ in attrs if a != "xmlns" and not a.startswith("xmlns:")
    }
    if top:
        used.add(None)
    attr_map = BMap()
    if pending:
        rest = dict(pending)
        for p, u in pending.items():
            if p in used and p not in declared:
                attr_map[XMLNS_KEY + (p if p is not None else "xmlns")] = u
                del rest[p]
            elif p in declared:
                del rest[p]
        pending = rest
    if own:
        scope = dict(scope)
        for p, u in own:
            scope[p] = u
    name, prefix = resolve_name(qname, scope, element=True)
    for a_qname, parts in attrs:
        if a_qname == "xmlns":
            attr_map[XMLNS_KEY + "xmlns"] = _join(parts, values, to_text)
        elif a_qname.startswith("xmlns:"):
            attr_map[XMLNS_KEY + a_qname[6:]] = _join(parts, values, to_text)
        else:
            a_name, _ = resolve_name(a_qname, scope, element=False)
            attr_map[a_name] = _join(parts, values, to_text)
    kids = sequence(_build_items(children, scope, pending, False, values, to_text))
    return XElement(name, attr_map, kids, prefix, empty_tag=empty_tag)


def unbound_prefixes(tree: tuple, inherited: set[str | None]) -> list[str]:
    """Prefixes used in parsed XML that neither the XML itself nor `inherited` declares."""
    found: list[str] = []

    def walk(nodes: tuple, scope: set[str | None]) -> None:
        for node in nodes:
            if node[0] != "e":
                continue
            _, qname, attrs, children, _ = node
            inner = scope | {p for p, _ in declarations_of(attrs)}
            names = [qname] + [a for a, _ in attrs if a != "xmlns" and not a.startswith("xmlns:")]
            for n in names:
                prefix, _ = split_qname(n)
                if prefix is not None and prefix != "xml" and prefix not in inner and prefix not in found:
                    found.append(prefix)
            walk(children, inner)

    walk(tree, set(inherited))
    return found
