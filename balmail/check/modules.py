"""A catalogue of the public names of the Ballerina library modules email-listener programs use, so a
reference like `email:UnknownListener` or `log:printInfoo` is reported as Ballerina's compiler reports it
(`unknown type 'UnknownListener'`, `undefined function 'printInfoo'`) instead of surfacing at run time.

Only modules listed here are checked; a prefix bound to any other module is left alone, and a missing
import is names.py's `BAL_NAME_004`, not repeated here. The lists are the modules' public API (Swan Lake);
when in doubt a name is listed, because a false "unknown" would block a program Ballerina accepts.
"""

from __future__ import annotations

import difflib

import attrs

from balmail.check.registry import report
from balmail.check.walk import nodes_of, prefixes
from balmail.diagnostics import Diagnostic
from balmail.syntax import ast

UNDEFINED_SYMBOL = "BAL_NAME_001"
UNDEFINED_FUNCTION = "BAL_NAME_002"
UNKNOWN_TYPE = "BAL_NAME_003"


@attrs.frozen
class ModuleCatalogue:
    """The public members of one module: type names, function names, and other values (constants, enum
    members, module variables)."""

    types: frozenset[str]
    functions: frozenset[str]
    values: frozenset[str] = frozenset()

    def knows(self, name: str) -> bool:
        return name in self.types or name in self.functions or name in self.values


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


EMAIL = ModuleCatalogue(
    types=_names(
        """Message Options Attachment SecureSocket Security Protocol Service Error
        PopListener ImapListener PopListenerConfiguration ImapListenerConfiguration
        PopClient ImapClient SmtpClient PopConfiguration ImapConfiguration SmtpConfiguration"""
    ),
    functions=frozenset(),
    values=_names("START_TLS_AUTO START_TLS_ALWAYS START_TLS_NEVER SSL TLS DEFAULT_FOLDER"),
)

IO = ModuleCatalogue(
    types=_names(
        """Error GenericError AccessDeniedError FileNotFoundError ConfigurationError EofError
        ConnectionTimedOutError TypeMismatchError NoSuchFileError
        ReadableByteChannel WritableByteChannel ReadableCharacterChannel WritableCharacterChannel
        ReadableCSVChannel WritableCSVChannel ReadableDataChannel WritableDataChannel
        ReadableTextRecordChannel WritableTextRecordChannel StringReader Block Format Separator
        FileWriteOption ByteOrder
        Printable PrintableRawTemplate FileOutputStream XmlWriteOptions XmlDoctype XmlEntityType
        BlockStream CSVStream LineStream Mode FileReadOption"""
    ),
    functions=_names(
        """print println fprint fprintln readln
        fileReadString fileWriteString fileReadJson fileWriteJson fileReadLines fileWriteLines
        fileReadBytes fileWriteBytes fileReadCsv fileWriteCsv fileReadXml fileWriteXml
        fileReadLinesAsStream fileWriteLinesFromStream fileReadBlocksAsStream fileWriteBlocksFromStream
        fileReadCsvAsStream fileWriteCsvFromStream
        openReadableFile openWritableFile openReadableCsvFile openWritableCsvFile
        createReadableChannel"""
    ),
    values=_names(
        """stdout stderr OVERWRITE APPEND CSV TDF DEFAULT COMMA TAB COLON BIG_ENDIAN LITTLE_ENDIAN
        DOCUMENT_ENTITY EXTERNAL_PARSED_ENTITY NEW_LINE READ WRITE"""
    ),
)

LOG = ModuleCatalogue(
    types=_names(
        """Level Value KeyValues PrintableRawTemplate Error Logger Config OutputDestination
        FileOutputDestination StandardDestination LoggerConfig AnydataKeyValues KeyValue FileWriteOption
        LogFormat Valuer Replacement ReplacementFunction MaskingStrategy SensitiveDataConfig"""
    ),
    functions=_names(
        """printDebug printInfo printWarn printError setOutputFile root fromConfig
        setModuleLogLevel getLogConfig toMaskedString"""
    ),
    values=_names("DEBUG INFO WARN ERROR OVERWRITE APPEND EXCLUDE SensitiveData"),
)

MIME = ModuleCatalogue(
    types=_names(
        """Entity MediaType ContentDisposition Error ParserError EncodeError DecodeError
        GenericMimeError SetHeaderError InvalidHeaderValueError InvalidHeaderParamError
        InvalidContentLengthError HeaderNotFoundError InvalidHeaderOperationError
        IdleTimeoutTriggeredError NoContentError HeaderUnavailableError InvalidContentTypeError
        SerializationError Encoding"""
    ),
    functions=_names(
        """getMediaType getContentDispositionObject base64Encode base64Decode base64EncodeBlob
        base64DecodeBlob getEncoding"""
    ),
    values=_names(
        """APPLICATION_FORM_URLENCODED APPLICATION_JSON APPLICATION_OCTET_STREAM APPLICATION_PDF
        APPLICATION_SOAP_XML APPLICATION_SVG_XML APPLICATION_XHTML_XML APPLICATION_XML IMAGE_GIF
        IMAGE_JPEG IMAGE_PNG MULTIPART_ALTERNATIVE MULTIPART_FORM_DATA MULTIPART_MIXED
        MULTIPART_RELATED MULTIPART_SIGNED TEXT_EVENT_STREAM TEXT_HTML TEXT_PLAIN TEXT_XML
        BOUNDARY CHARSET START TYPE CONTENT_DISPOSITION CONTENT_ID CONTENT_LENGTH CONTENT_TYPE
        CONTENT_TRANSFER_ENCODING DEFAULT_CHARSET LEADING TRAILING ATTACHMENT INLINE
        BASE64 BIT7 BIT8 BINARY QUOTED_PRINTABLE"""
    ),
)

RUNTIME = ModuleCatalogue(
    types=_names("DynamicListener StackFrame StopHandler CallStackElement"),
    functions=_names("""sleep registerListener deregisterListener getStackTrace onGracefulStop"""),
)

TIME = ModuleCatalogue(
    types=_names(
        """Utc Seconds Civil Date TimeOfDay ZoneOffset DayOfWeek Error FormatError Zone TimeZone
        UtcZoneHandling HeaderZoneHandling ZERO_OR_ONE Duration"""
    ),
    functions=_names(
        """utcNow monotonicNow utcFromString utcToString utcAddSeconds utcDiffSeconds dateValidate dayOfWeek
        utcToCivil utcFromCivil civilFromString civilToString utcToEmailString civilFromEmailString
        civilToEmailString loadSystemZone getZone civilAddDuration"""
    ),
    values=_names(
        """SUNDAY MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY Z PREFER_TIME_ABBREV PREFER_ZONE_OFFSET
        ZONE_OFFSET_WITH_TIME_ABBREV_COMMENT"""
    ),
)

OS = ModuleCatalogue(
    types=_names("Error ProcessExecError Process Command EnvProperties"),
    functions=_names("getEnv getUsername getUserHome setEnv unsetEnv listEnv exec"),
)

UUID = ModuleCatalogue(
    types=_names("Uuid Version NamespaceUUID Error"),
    functions=_names(
        """createType1AsString createType3AsString createType4AsString createType5AsString
        createType1AsRecord createType3AsRecord createType4AsRecord createType5AsRecord createRandomUuid
        nilAsString nilAsRecord validate getVersion toBytes toString toRecord"""
    ),
    values=_names("NAME_SPACE_DNS NAME_SPACE_URL NAME_SPACE_OID NAME_SPACE_X500 NAME_SPACE_NIL V1 V3 V4 V5"),
)

CATALOGUE: dict[str, ModuleCatalogue] = {
    "ballerina/time": TIME,
    "ballerina/os": OS,
    "ballerina/uuid": UUID,
    "ballerina/email": EMAIL,
    "ballerina/io": IO,
    "ballerina/log": LOG,
    "ballerina/mime": MIME,
    "ballerina/lang.runtime": RUNTIME,
}


def check_module_members(module: ast.Module) -> list[Diagnostic]:
    """`prefix:name` references to a catalogued module that it does not define: types, called functions,
    and other values, each with Ballerina's wording."""
    bound = {prefix: CATALOGUE[name] for prefix, name in prefixes(module).items() if name in CATALOGUE}
    if not bound:
        return []
    found: list[Diagnostic] = []
    # calls before references: a call's callee is also a reference, and _dedupe keeps the call's report
    for node in [*nodes_of(module, ast.Call), *nodes_of(module, ast.QualifiedRef, ast.TypeRef)]:
        if isinstance(node, ast.TypeRef) and node.prefix in bound:
            catalogue = bound[node.prefix]
            if node.name not in catalogue.types:
                hint = _suggest(node.prefix, node.name, catalogue.types)
                found.append(report(UNKNOWN_TYPE, node.span, node.name, help=hint))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.QualifiedRef):
            ref = node.func
            catalogue = bound.get(ref.prefix)
            if catalogue is not None and ref.name not in catalogue.functions:
                hint = _suggest(ref.prefix, ref.name, catalogue.functions)
                found.append(report(UNDEFINED_FUNCTION, ref.span, ref.name, help=hint))
        elif isinstance(node, ast.QualifiedRef) and node.prefix in bound:
            catalogue = bound[node.prefix]
            if not catalogue.knows(node.name):
                hint = _suggest(node.prefix, node.name, catalogue.values | catalogue.functions)
                found.append(report(UNDEFINED_SYMBOL, node.span, node.name, help=hint))
    return _dedupe(found)


def _suggest(prefix: str, name: str, known: frozenset[str]) -> str | None:
    """`did you mean 'email:Message'?` for a near miss."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
    return f"did you mean '{prefix}:{close[0]}'?" if close else None


def _dedupe(found: list[Diagnostic]) -> list[Diagnostic]:
    """A call's callee is visited twice (as the call and as the reference): keep one report per span."""
    seen: set[tuple[int, int]] = set()
    unique: list[Diagnostic] = []
    for item in found:
        key = (item.span.start, item.span.end)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
