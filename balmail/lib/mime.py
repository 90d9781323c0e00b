"""ballerina/mime: the `mime:Entity` values a received message's attachments become.

An entity wraps one `MimePart` from the mail layer (already transfer-decoded); its methods give
the content as text, JSON, XML (an `xml` value), bytes or nested body
parts, and the headers, mirroring the Ballerina module's read-only subset that handlers use.
"""

from __future__ import annotations

import email.message
import email.utils
import json
from typing import Any

from balmail.lib.registry import LibModule, NativeClass
from balmail.mail.message import MimePart, decode_text
from balmail.runtime import types as T
from balmail.runtime.values import BError, BList, BMap, BObject

MIME_ERROR = T.TError(None, frozenset({-300}))
MIME_ERROR.name = "mime:Error"


def mime_error(message: str) -> BError:
    return BError(message, None, None, MIME_ERROR)


def _part(entity: BObject) -> MimePart:
    return entity.env  # type: ignore[no-any-return]


def _charset(part: MimePart) -> str | None:
    for piece in part.content_type.split(";")[1:]:
        key, _, value = piece.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"') or None
    return None


def _text(part: MimePart) -> str:
    return decode_text(part.payload, _charset(part))


def get_text(entity: BObject) -> Any:
    part = _part(entity)
    if part.parts:
        return mime_error("Entity body is not text compatible since the received content-type is multipart")
    return _text(part)


def get_json(entity: BObject) -> Any:
    part = _part(entity)
    from balmail.lib.langlib import from_json_string

    try:
        json.loads(_text(part))
    except ValueError as error:
        return mime_error(f"Error occurred while extracting json data from entity: {error}")
    return from_json_string(_text(part))


def get_xml(entity: BObject) -> Any:
    """The body as an xml value (a document's XML declaration dropped), or a ParserError saying why it
    is not XML."""
    from balmail.lib.langxml import from_string

    part = _part(entity)
    text = _text(part).strip()
    if text.startswith("<?xml") and "?>" in text and not text.startswith("<?xml-"):
        text = text[text.index("?>") + 2 :].lstrip()
    if not text.startswith("<"):
        return mime_error("Error occurred while extracting xml data from entity: not XML content")
    value = from_string(text)
    if isinstance(value, BError):
        return mime_error(f"Error occurred while extracting xml data from entity: {value.message}")
    return value


def get_byte_array(entity: BObject) -> Any:
    part = _part(entity)
    return BList(list(part.payload), T.TArray(T.BYTE))


def get_content_type(entity: BObject) -> str:
    return _part(entity).content_type


def _find_header(part: MimePart, name: str) -> str | None:
    wanted = name.lower()
    for key, value in part.headers.items():
        if key.lower() == wanted:
            return value
    return None


def get_header(entity: BObject, name: str, position: Any = None) -> Any:
    value = _find_header(_part(entity), name)
    if value is None:
        return BError(f"Http header does not exist: {name}", None, None, MIME_ERROR)
    return value


def get_headers(entity: BObject, name: str, position: Any = None) -> Any:
    value = get_header(entity, name)
    if isinstance(value, BError):
        return value
    return BList([value], T.TArray(T.STRING))


def get_header_names(entity: BObject, position: Any = None) -> BList:
    return BList(list(_part(entity).headers), T.TArray(T.STRING))


def has_header(entity: BObject, name: str, position: Any = None) -> bool:
    return _find_header(_part(entity), name) is not None


def get_body_parts(entity: BObject) -> Any:
    part = _part(entity)
    if not part.media_type.startswith("multipart/"):
        return mime_error("Entity body is not a multipart: no body parts")
    return BList([entity_value(child) for child in part.parts], T.TArray(ENTITY_TYPE))


def get_content_disposition(entity: BObject) -> BObject:
    part = _part(entity)
    raw = _find_header(part, "content-disposition") or ""
    disposition = raw.split(";", 1)[0].strip().lower()
    params: dict[str, str] = {}
    if raw:
        message = email.message.Message()
        message["content-disposition"] = raw
        for key, value in message.get_params(header="content-disposition")[1:]:
            params[key.lower()] = email.utils.collapse_rfc2231_value(value)
    obj = BObject(DISPOSITION_CLASS)
    obj.fields["fileName"] = part.filename or params.get("filename", "")
    obj.fields["disposition"] = disposition
    obj.fields["name"] = params.get("name", "")
    obj.fields["parameters"] = BMap(params, T.TMap(T.STRING))
    return obj


def get_content_id(entity: BObject) -> str:
    return (_find_header(_part(entity), "content-id") or "").strip("<>")


def get_media_type_text(entity: BObject) -> str:
    return _part(entity).media_type


ENTITY_CLASS = NativeClass(
    "mime:Entity",
    {
        "getText": get_text,
        "getJson": get_json,
        "getXml": get_xml,
        "getByteArray": get_byte_array,
        "getContentType": get_content_type,
        "getHeader": get_header,
        "getHeaders": get_headers,
        "getHeaderNames": get_header_names,
        "hasHeader": has_header,
        "getBodyParts": get_body_parts,
        "getContentDisposition": get_content_disposition,
        "getContentId": get_content_id,
    },
)
ENTITY_TYPE = ENTITY_CLASS.type

DISPOSITION_CLASS = NativeClass("mime:ContentDisposition", {})


def entity_value(part: MimePart) -> BObject:
    """A `mime:Entity` value for one received part."""
    return BObject(ENTITY_CLASS, part)


_MEDIA_TYPES = {
    "APPLICATION_FORM_URLENCODED": "application/x-www-form-urlencoded",
    "APPLICATION_JSON": "application/json",
    "APPLICATION_OCTET_STREAM": "application/octet-stream",
    "APPLICATION_PDF": "application/pdf",
    "APPLICATION_XML": "application/xml",
    "IMAGE_GIF": "image/gif",
    "IMAGE_JPEG": "image/jpeg",
    "IMAGE_PNG": "image/png",
    "MULTIPART_ALTERNATIVE": "multipart/alternative",
    "MULTIPART_FORM_DATA": "multipart/form-data",
    "MULTIPART_MIXED": "multipart/mixed",
    "MULTIPART_RELATED": "multipart/related",
    "TEXT_HTML": "text/html",
    "TEXT_PLAIN": "text/plain",
    "TEXT_XML": "text/xml",
    "CONTENT_TYPE": "content-type",
    "CONTENT_DISPOSITION": "content-disposition",
    "CONTENT_ID": "content-id",
    "CONTENT_LENGTH": "content-length",
    "CONTENT_TRANSFER_ENCODING": "content-transfer-encoding",
    "ATTACHMENT": "attachment",
    "INLINE": "inline",
}


def module(ctx: Any) -> LibModule:
    return LibModule(
        "ballerina/mime",
        constants=dict(_MEDIA_TYPES),
        types={"Entity": ENTITY_TYPE, "ContentDisposition": DISPOSITION_CLASS.type, "Error": MIME_ERROR},
    )
