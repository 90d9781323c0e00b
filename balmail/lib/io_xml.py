"""ballerina/io's XML file functions: `fileReadXml` and `fileWriteXml`, over io.py's permission-checked
file access (`--allow-read` / `--allow-write`), on the xml values of runtime/xml.py.

As the module does: reading parses the file as an XML document (declaration and DOCTYPE allowed, the
DTD not kept) or, with several top-level elements, as a sequence; a file that is not well-formed is an
`io:Error` "failed to create xml: <reason>" (the reason in expat's words, not Woodstox's). Writing checks
the `XmlWriteOptions` first: a `DOCUMENT_ENTITY` (the default) cannot be appended and must be a single
item; a DOCTYPE (`{system, 'public, internalSubset}`) is written on its own line before the content, built
as `populateDoctype` builds it (internal subset first, then PUBLIC with or without SYSTEM, then SYSTEM).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from balmail.runtime import types as T
from balmail.runtime import xml as X
from balmail.runtime.errors import type_cast_error
from balmail.runtime.values import BError
from balmail.xmltext import XmlSyntaxError, parse_document

DOCUMENT_ENTITY = "DOCUMENT_ENTITY"
EXTERNAL_PARSED_ENTITY = "EXTERNAL_PARSED_ENTITY"
ENTITY_TYPE = T.TUnion([T.TSingleton(DOCUMENT_ENTITY), T.TSingleton(EXTERNAL_PARSED_ENTITY)])
ENTITY_TYPE.name = "io:XmlEntityType"
_OPTIONAL_STRING = T.TUnion([T.STRING, T.NIL])
DOCTYPE = T.TRecord(
    {n: T.Field(n, _OPTIONAL_STRING, False, lambda: None) for n in ("system", "public", "internalSubset")},
    None,
)
DOCTYPE.name = "io:XmlDoctype"
WRITE_OPTIONS = T.TRecord(
    {
        "xmlEntityType": T.Field("xmlEntityType", ENTITY_TYPE, False, lambda: DOCUMENT_ENTITY),
        "doctype": T.Field("doctype", T.TUnion([DOCTYPE, T.NIL]), False, lambda: None),
    },
    None,
)
WRITE_OPTIONS.name = "io:XmlWriteOptions"

ReadText = Callable[[Any], Any]
WriteText = Callable[[Any, str, Any], Any]


def doctype_text(content: X.BXml, doctype: Any) -> str:
    """`<!DOCTYPE root ...>` for the options given, or "" when none of its fields is set. The root is the
    content's element (as the module casts it, a content that is not one element panics)."""
    if not isinstance(content, X.XElement):
        raise type_cast_error(T.value_type_name(content), "xml:Element")
    root = X.split_expanded(content.name)[1]
    system, public, subset = doctype.get("system"), doctype.get("public"), doctype.get("internalSubset")
    if subset is not None:
        return f"<!DOCTYPE {root} {subset}>"
    if public is not None and system is not None:
        return f'<!DOCTYPE {root} PUBLIC "{public}" "{system}">'
    if public is not None:
        return f'<!DOCTYPE {root} PUBLIC "{public}">'
    if system is not None:
        return f'<!DOCTYPE {root} SYSTEM "{system}">'
    return ""


def xml_functions(read_text: ReadText, write_text: WriteText, error: Callable[..., BError]) -> dict[str, Any]:
    def file_read_xml(path: Any) -> Any:
        text = read_text(path)
        if isinstance(text, BError):
            return text
        try:
            tree = parse_document(text)
        except XmlSyntaxError as e:
            return error(f"failed to create xml: {e.reason}")
        unbound = X.unbound_prefixes(tree, set())
        if unbound:
            return error(f"failed to create xml: undeclared namespace prefix '{unbound[0]}'")
        return X.build(tree, {})

    def file_write_xml(
        path: Any, content: Any, fileWriteOption: Any = "OVERWRITE", xmlOptions: Any = None, **named: Any
    ) -> Any:
        options = {**(dict(xmlOptions) if xmlOptions is not None else {}), **named}
        entity = options.get("xmlEntityType", DOCUMENT_ENTITY)
        doctype = options.get("doctype")
        if entity == DOCUMENT_ENTITY:
            if fileWriteOption == "APPEND":
                return error("The file append operation is not allowed for Document Entity")
            if len(content.items()) > 1:
                return error("The XML Document can only contains single root")
        text = X.serialize(content)
        if doctype is not None:
            declaration = doctype_text(content, doctype)
            if declaration.strip():
                text = declaration + "\n" + text
        return write_text(path, text, fileWriteOption)

    return {"fileReadXml": file_read_xml, "fileWriteXml": file_write_xml}
