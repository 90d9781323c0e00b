"""`lang.xml`: functions on xml values, usable as methods (`x.length()`) and as `xml:f(x)` (spec, lang.xml).

Mutation (`setChildren`, `setName`, the map `getAttributes` returns) is refused on read-only values with
the panic Ballerina raises."""

from __future__ import annotations

from typing import Any

from balmail.runtime import types as T
from balmail.runtime import xml as X
from balmail.runtime.errors import index_out_of_range, make_error, runtime_panic
from balmail.runtime.values import BMap, BStream
from balmail.xmltext import XmlSyntaxError, parse_content


def length(x: X.BXml) -> int:
    return len(x.items())


def get(x: X.BXml, i: int) -> X.BXml:
    items = x.items()
    if 0 <= i < len(items):
        return items[i]
    raise index_out_of_range(i, len(items))


def concat(*xs: Any) -> X.BXml:
    return X.sequence(it for v in xs for it in (v.items() if isinstance(v, X.BXml) else (X.XText(v),)))


def _element(x: Any, fn: str) -> X.XElement:
    if isinstance(x, X.XElement):
        return x
    raise runtime_panic("TypeCastError", f"'{fn}' needs an xml:Element, not '{T.value_type_name(x)}'")


def _mutable(e: X.XElement) -> None:
    if e.ro:
        raise runtime_panic("InherentTypeViolation", "cannot modify a read-only xml element", "lang.xml")


def get_name(e: X.XElement) -> str:
    return _element(e, "getName").name


def set_name(e: X.XElement, name: str) -> None:
    el = _element(e, "setName")
    _mutable(el)
    el.name = name
    el.prefix = None


def get_attributes(e: X.XElement) -> BMap:
    return _element(e, "getAttributes").attrs


def get_children(e: X.XElement) -> X.BXml:
    return _element(e, "getChildren").children


def set_children(e: X.XElement, children: Any) -> None:
    el = _element(e, "setChildren")
    _mutable(el)
    kids = children if isinstance(children, X.BXml) else X.text(children)
    stack = list(kids.items())
    while stack:  # the element must not become its own descendant (lang.xml: panics)
        item = stack.pop()
        if item is el:
            raise runtime_panic("XMLOperationError", "Failed to set children to xml element: Cycle detected",
                                "lang.xml")
        if isinstance(item, X.XElement):
            stack.extend(item.children.items())
    el.children = kids


def get_descendants(e: X.XElement) -> X.BXml:
    out: list[X.XItem] = []

    def walk(x: X.BXml) -> None:
        for i in x.items():
            out.append(i)
            if isinstance(i, X.XElement):
                walk(i.children)

    walk(_element(e, "getDescendants").children)
    return X.sequence(out)


def data(x: X.BXml) -> str:
    """The character data of `x`: its text and that of the elements in it, in order."""
    out: list[str] = []

    def walk(v: X.BXml) -> None:
        for i in v.items():
            if isinstance(i, X.XText):
                out.append(i.text)
            elif isinstance(i, X.XElement):
                walk(i.children)

    walk(x)
    return "".join(out)


def text(x: X.BXml) -> X.BXml:
    return X.sequence(i for i in x.items() if isinstance(i, X.XText))


def get_target(p: X.XPI) -> str:
    return p.target


def get_content(v: Any) -> str:
    return v.data if isinstance(v, X.XPI) else v.text


def create_element(name: str, attributes: BMap | None = None, children: X.BXml | None = None) -> X.XElement:
    attrs = BMap(dict(attributes) if attributes else {})
    return X.XElement(name, attrs, children if children is not None else X.XSeq(()))


def create_comment(content: str) -> X.XComment:
    return X.XComment(content)


def create_pi(target: str, content: str) -> X.XPI:
    return X.XPI(target, content)


def create_text(content: str) -> X.BXml:
    return X.text(content)


def slice_(x: X.BXml, start: int, end: int | None = None) -> X.BXml:
    items = x.items()
    stop = len(items) if end is None else end
    if start < 0 or stop > len(items) or start > stop:
        raise runtime_panic(
            "IndexOutOfRange",
            f"xml sequence index out of range. Length: '{len(items)}' requested: '{start}' to '{stop}'",
            "lang.xml",
        )
    return X.sequence(items[start:stop])


def strip(x: X.BXml) -> X.BXml:
    """Without comments, processing instructions and whitespace-only text."""
    kept = [i for i in x.items() if not isinstance(i, X.XComment | X.XPI)]
    merged = X.sequence(kept)
    return X.sequence(i for i in merged.items() if not (isinstance(i, X.XText) and not i.text.strip()))


def elements(x: X.BXml, nm: str | None = None) -> X.BXml:
    return X.filter_elements(x, None if nm is None else nm.__eq__)


def children(x: X.BXml) -> X.BXml:
    return X.all_children(x)


def element_children(x: X.BXml, nm: str | None = None) -> X.BXml:
    return X.child_elements(x, None if nm is None else nm.__eq__)


def map_(x: X.BXml, fn: Any) -> X.BXml:
    return X.concat(X.as_xml(fn(i)) for i in x.items())


def for_each(x: X.BXml, fn: Any) -> None:
    for i in x.items():
        fn(i)


def filter_(x: X.BXml, fn: Any) -> X.BXml:
    return X.sequence(i for i in x.items() if fn(i) is True)


def from_string(s: str) -> Any:
    """`xml:fromString`: the xml value of XML content, or an error saying why it is not well-formed."""
    try:
        tree = parse_content([s])
    except XmlSyntaxError as e:
        return make_error(f"failed to parse xml: {e.reason}")
    unbound = X.unbound_prefixes(tree, set())
    if unbound:
        return make_error(f"failed to parse xml: undeclared namespace prefix '{unbound[0]}'")
    return X.build(tree, {})


def is_element(x: X.BXml) -> bool:
    return isinstance(x, X.XElement)


def iterator(x: X.BXml) -> BStream:
    """`x.iterator()`: an object whose `next()` gives each item in turn."""
    return BStream(iter(x.items()))


FUNCTIONS: dict[str, Any] = {
    "length": length,
    "iterator": iterator,
    "get": get,
    "concat": concat,
    "getName": get_name,
    "setName": set_name,
    "getAttributes": get_attributes,
    "getChildren": get_children,
    "setChildren": set_children,
    "getDescendants": get_descendants,
    "data": data,
    "text": text,
    "getTarget": get_target,
    "getContent": get_content,
    "createElement": create_element,
    "createComment": create_comment,
    "createProcessingInstruction": create_pi,
    "createText": create_text,
    "slice": slice_,
    "strip": strip,
    "elements": elements,
    "children": children,
    "elementChildren": element_children,
    "map": map_,
    "forEach": for_each,
    "filter": filter_,
    "fromString": from_string,
    "isElement": is_element,
}

TYPES: dict[str, Any] = dict(T.XML_SUBTYPES)

CONSTANTS: dict[str, Any] = {
    "XML_NAMESPACE_URI": X.XML_URI,
    "XMLNS_NAMESPACE_URI": X.XMLNS_URI,
    "space": X.expanded(X.XML_URI, "space"),
    "lang": X.expanded(X.XML_URI, "lang"),
    "base": X.expanded(X.XML_URI, "base"),
}
