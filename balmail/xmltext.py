"""XML text → a tree of plain tuples, with the standard library's expat (a real, conforming XML parser).

Shared by the parser (XML template literals, checked at compile time) and the runtime (`xml:fromString`),
so it sits below both. Namespace prefixes are *not* resolved here: a literal may use prefixes bound by
`xmlns` declarations of the enclosing code, which only the compiler knows.

Tree nodes (tuples, so syntax nodes holding them stay immutable and hashable):
    ("e", qname, ((qname, parts), ...), children, empty_tag)   an element (`empty_tag`: written `<a/>`)
    ("t", parts)                                    text (character data, entity and CDATA content)
    ("c", parts)                                    a comment
    ("p", target, parts)                            a processing instruction
`parts` is a tuple of strings and ints: an int is the index of a `${...}` interpolation of a template.
"""

from __future__ import annotations

import re
from xml.parsers import expat

_OPEN = "\ue000"  # private-use characters mark interpolations: never NameChars, kept in text
_CLOSE = "\ue001"
_MARK = re.compile(_OPEN + r"(\d+)" + _CLOSE)
_ROOT = "balmail-xml-root"

Parts = tuple[str | int, ...]


class XmlSyntaxError(Exception):
    """Malformed XML: expat's reason and where in the given text (0-based offset)."""

    def __init__(self, reason: str, offset: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset


def _parts(text: str) -> Parts:
    if _OPEN not in text:
        return (text,) if text else ()
    out: list[str | int] = []
    pos = 0
    for m in _MARK.finditer(text):
        if m.start() > pos:
            out.append(text[pos : m.start()])
        out.append(int(m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return tuple(out)


class _TreeBuilder:
    def __init__(self, document: bytes) -> None:
        self.document = document
        self.parser: expat.XMLParserType | None = None
        self.stack: list[list] = [[]]
        self.names: list[tuple[str, tuple, bool]] = []
        self.text: list[str] = []

    def flush(self) -> None:
        if self.text:
            self.stack[-1].append(("t", _parts("".join(self.text))))
            self.text = []

    def start(self, name: str, attrs: list[str]) -> None:
        self.flush()
        pairs = tuple((attrs[i], _parts(attrs[i + 1])) for i in range(0, len(attrs), 2))
        assert self.parser is not None
        self.names.append((name, pairs, _empty_tag(self.document, self.parser.CurrentByteIndex)))
        self.stack.append([])

    def end(self, name: str) -> None:
        self.flush()
        children = tuple(self.stack.pop())
        qname, pairs, empty = self.names.pop()
        self.stack[-1].append(("e", qname, pairs, children, empty))

    def data(self, text: str) -> None:
        self.text.append(text)

    def comment(self, text: str) -> None:
        self.flush()
        self.stack[-1].append(("c", _parts(text)))

    def pi(self, target: str, data: str) -> None:
        self.flush()
        self.stack[-1].append(("p", target, _parts(data)))


def parse_content(strings: list[str] | tuple[str, ...], gaps: list[int] | None = None) -> tuple:
    """The items of XML content (a sequence: elements, text, comments, PIs) written as template pieces
    around interpolations (`gaps`: the source length of each `${...}`); raises XmlSyntaxError with the
    offset into the template's text."""
    pieces: list[str] = []
    origin: list[tuple[int, int]] = []  # (offset in the parsed document, offset in the template text)
    doc_pos = len(_ROOT) + 2
    src_pos = 0
    for i, s in enumerate(strings):
        if _OPEN in s or _CLOSE in s:
            bad = s.find(_OPEN) if _OPEN in s else s.find(_CLOSE)
            raise XmlSyntaxError("invalid character in XML", src_pos + bad)
        origin.append((doc_pos, src_pos))
        pieces.append(s)
        doc_pos += len(s)
        src_pos += len(s)
        if i < len(strings) - 1:
            mark = f"{_OPEN}{i}{_CLOSE}"
            pieces.append(mark)
            doc_pos += len(mark)
            src_pos += gaps[i] if gaps is not None else 3
    body = "".join(pieces)
    if body.lstrip().startswith("<?xml") and not body.lstrip().startswith("<?xml-"):
        raise XmlSyntaxError("an XML declaration is not allowed here", body.find("<?xml"))
    document = f"<{_ROOT}>{body}</{_ROOT}>"
    encoded = document.encode("utf-8", "surrogatepass")
    builder = _TreeBuilder(encoded)
    parser = builder.parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.CommentHandler = builder.comment
    parser.ProcessingInstructionHandler = builder.pi
    parser.ordered_attributes = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    try:
        parser.Parse(encoded, True)
    except expat.ExpatError as e:
        offset = _doc_offset(document, e.lineno, e.offset)
        reason = _reason(e)
        if document[offset : offset + 1] == _OPEN:
            reason = "an interpolation can stand in content and attribute values only, not here"
        raise XmlSyntaxError(reason, _source_offset(origin, offset)) from None
    except _Doctype:
        raise XmlSyntaxError("a document type declaration is not allowed here", 0) from None
    root = builder.stack[0][0]
    return tuple(root[3])


_DECLARATION = re.compile(r"\A\ufeff?<\?xml\s[^>]*\?>")


def parse_document(text: str) -> tuple:
    """The items of an XML file (`io:fileReadXml`): an optional XML declaration and document type
    declaration, then content. A well-formed document is parsed as one (its DOCTYPE is read and dropped,
    as Ballerina's reader keeps no DTD; external entities are never fetched); content with several
    top-level elements is read as a sequence, as Ballerina's fragment-mode reader does. Raises
    XmlSyntaxError."""
    encoded = text.encode("utf-8", "surrogatepass")
    builder = _TreeBuilder(encoded)
    parser = builder.parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.CommentHandler = builder.comment
    parser.ProcessingInstructionHandler = builder.pi
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(encoded, True)
    except expat.ExpatError as e:
        if e.code != expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]:
            raise XmlSyntaxError(_reason(e), _doc_offset(text, e.lineno, e.offset)) from None
        body = _DECLARATION.sub("", text, count=1)
        return parse_content([body])
    builder.flush()
    return tuple(builder.stack[0])


def _empty_tag(document: bytes, start: int) -> bool:
    """Whether the start tag at byte `start` is an empty-element tag (`<a/>`): its `>` follows a `/`
    (quoted attribute values skipped)."""
    quote = 0
    i = start
    n = len(document)
    while i < n:
        c = document[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return document[i - 1] == 0x2F
        i += 1
    return False


class _Doctype(Exception):
    pass


def _refuse_doctype(*_args: object) -> None:
    raise _Doctype


def _reason(e: expat.ExpatError) -> str:
    text = expat.ErrorString(e.code) if e.code is not None else str(e)
    if e.code == expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]:
        return "mismatched tag"
    return text


def _doc_offset(document: str, line: int, column: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nl = document.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
    return pos + column


def _source_offset(origin: list[tuple[int, int]], offset: int) -> int:
    best = 0
    for doc, src in origin:
        if doc <= offset:
            best = src + (offset - doc)
    return max(best, 0)


def split_qname(qname: str) -> tuple[str | None, str]:
    """`p:local` → ("p", "local"); `local` → (None, "local")."""
    prefix, sep, local = qname.partition(":")
    return (prefix, local) if sep else (None, qname)


def escape_text(s: str) -> str:
    """Character data as Ballerina prints it: `&`, `<` and `>` escaped."""
    if "&" in s or "<" in s or ">" in s:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


def escape_attribute(s: str) -> str:
    """An attribute value inside double quotes."""
    return escape_text(s).replace('"', "&quot;")
