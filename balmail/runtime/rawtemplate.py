"""Raw template values: `` `a ${x} b` `` without a tag is an `object:RawTemplate` whose `strings` are
the literal pieces (a read-only `string[]`) and whose `insertions` are the values of the `${}`
expressions, evaluated once. Functions taking a `Printable` (`io:println`, `log:printInfo`) render one
as its pieces and insertions joined, as Ballerina's do; everything else sees an object with two fields.
"""

from __future__ import annotations

from typing import Any

from balmail.runtime import types as T
from balmail.runtime.values import BList, BObject, to_string


class RawTemplateClass:
    """The class of raw template values (an abstract object type in lang.object, made concrete here)."""

    def __init__(self) -> None:
        self.name = "object:RawTemplate"
        self.methods: dict[str, Any] = {}
        self.native_methods: dict[str, Any] = {}
        self.readonly = False
        self.includes: tuple[Any, ...] = ()
        self.distinct_ids: frozenset[int] = frozenset()
        self.type = T.TObject(self)
        self.type.name = "object:RawTemplate"


RAW_TEMPLATE_CLASS = RawTemplateClass()
RAW_TEMPLATE = RAW_TEMPLATE_CLASS.type
STRINGS = T.TArray(T.STRING)
INSERTIONS = T.TArray(T.ANY_OR_ERROR)


def raw_template(strings: BList, insertions: list[Any]) -> BObject:
    obj = BObject(RAW_TEMPLATE_CLASS)
    obj.fields = {"strings": strings, "insertions": BList(insertions, INSERTIONS)}
    return obj


def read_only_strings(strings: tuple[str, ...]) -> BList:
    """A template's literal pieces, built once per template expression."""
    return BList(list(strings), STRINGS, ro=True)


def is_raw_template(v: Any) -> bool:
    return type(v) is BObject and v.cls is RAW_TEMPLATE_CLASS


def render(v: BObject, sb: Any = None, show: Any = None) -> str:
    """The pieces with each insertion's string form between them (`show` renders an insertion when
    the caller has its own form, e.g. a log line that masks sensitive fields)."""
    strings = v.fields["strings"]
    out = [strings[0]]
    for value, piece in zip(v.fields["insertions"], strings[1:], strict=False):
        out.append(show(value) if show is not None else value if type(value) is str else to_string(value, sb))
        out.append(piece)
    return "".join(out)
