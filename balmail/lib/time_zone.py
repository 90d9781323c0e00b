"""ballerina/time's zones and what uses them: `time:Zone` (`getZone`, `loadSystemZone`), civil times
in a named zone or at an offset (`civilToString`, `utcFromCivil`, `civilAddDuration`) and the RFC 5322
strings of email headers (`civilToEmailString`, `civilFromEmailString`).

Zone IDs are read as java.time's `ZoneId.of` reads them (the module hands them to it): `Z` and `+05:30`
style offsets, `UTC`/`GMT`/`UT` with or without an offset, and IANA region IDs, whose rules come from
Python's zoneinfo over the system's tz database (Debian's tzdata). A local time in a gap (clocks put
forward) moves later by the gap and one in an overlap takes the earlier offset, as `ZonedDateTime.of`
does. Results are built as the module's Java code builds them (field order, `timeAbbrev` = the zone's ID).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import os
import re
import zoneinfo
from typing import Any

import attrs

from balmail.lib import time as tl
from balmail.lib.registry import NativeClass
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.functions import MISSING, Param
from balmail.runtime.values import BError, BMap, BObject

D = decimal.Decimal
_UTC = _dt.UTC
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
_MIN_EPOCH = -62135596800  # 0001-01-01: zoneinfo's range; rules outside it are those at its ends
_MAX_EPOCH = 253402300799


@attrs.frozen
class Zone:
    """A java.time ZoneId: `fixed` seconds for an offset or a fixed region, else zoneinfo rules."""

    id: str
    fixed: int | None
    info: zoneinfo.ZoneInfo | None = None
    is_offset: bool = False

    def _at(self, epoch: int) -> _dt.datetime:
        assert self.info is not None
        moment = _EPOCH + _dt.timedelta(seconds=min(max(epoch, _MIN_EPOCH), _MAX_EPOCH))
        return moment.astimezone(self.info)

    def offset_at(self, epoch: int) -> int:
        if self.fixed is not None:
            return self.fixed
        offset = self._at(epoch).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def abbrev_at(self, epoch: int) -> str:
        """What java.time's `z` pattern prints (zoneinfo's abbreviation for a region)."""
        if self.info is None:
            return self.id
        return self._at(epoch).tzname() or self.id

    def from_local(self, local: int, preferred: int | None = None) -> int:
        """The epoch second of local time `local` (seconds as if at UTC), as `ZonedDateTime.ofLocal`."""
        if self.fixed is not None:
            return local - self.fixed
        near = {self.offset_at(local - 86400), self.offset_at(local + 86400), self.offset_at(local)}
        valid = sorted(o for o in near if self.offset_at(local - o) == o)
        if not valid:  # in a gap: later by the gap's length
            return local - min(near)
        if preferred in valid:
            return local - preferred
        return local - valid[-1]  # an overlap: the earlier instant

    def is_fixed(self) -> bool:
        if self.fixed is not None:
            return True
        first = self.offset_at(_MIN_EPOCH)
        return all(self.offset_at(y) == first for y in range(_MIN_EPOCH, _MAX_EPOCH, 86400 * 91))


_OFFSET = re.compile(r"([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?")
_REGION = re.compile(r"[A-Za-z][A-Za-z0-9~/._+-]+")


def _offset_of(text: str) -> int:
    """`ZoneOffset.of`: `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss` (DateTimeException text)."""
    m = _OFFSET.fullmatch(text)
    if m is None or (len(m[2]) == 1 and m[3] is not None):
        raise ValueError(f"Invalid ID for ZoneOffset, invalid format: {text}")
    hours, minutes, seconds = int(m[2]), int(m[3] or 0), int(m[4] or 0)
    if hours > 18 or minutes > 59 or seconds > 59:
        raise ValueError(f"Zone offset not in valid range: -18:00 to +18:00: {text}" if hours > 18 else
                         f"Invalid ID for ZoneOffset, invalid format: {text}")
    total = hours * 3600 + minutes * 60 + seconds
    if total > 18 * 3600:
        raise ValueError("Zone offset not in valid range: -18:00 to +18:00")
    return -total if m[1] == "-" else total


def offset_zone(total: int) -> Zone:
    return Zone(tl._offset_text(total), total, None, True)


def zone_of(zone_id: str) -> Zone:
    """`ZoneId.of(zone_id)`; ValueError with java.time's sentence for an ID it refuses."""
    if zone_id == "Z":
        return offset_zone(0)
    if len(zone_id) <= 1 or zone_id[0] in "+-":
        return offset_zone(_offset_of(zone_id))
    for prefix in ("UTC", "GMT", "UT"):
        if zone_id == prefix:
            return Zone(prefix, 0)
        if zone_id.startswith(prefix) and zone_id[len(prefix)] in "+-":
            total = _offset_of(zone_id[len(prefix) :])
            return Zone(prefix + (tl._offset_text(total) if total else ""), total)
    if not _REGION.fullmatch(zone_id):
        raise ValueError(f"Invalid ID for region-based ZoneId, invalid format: {zone_id}")
    try:
        info = zoneinfo.ZoneInfo(zone_id)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"Unknown time-zone ID: {zone_id}") from None
    return Zone(zone_id, None, info)


def system_zone() -> Zone:
    """The host's default zone, found as the JVM finds it: `TZ`, then /etc/timezone, then the target of
    /etc/localtime; UTC when none names one. (The host's, not a variable the program set.)"""
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        with open("/etc/timezone", encoding="utf-8") as fh:
            candidates.append(fh.read().strip())
    except OSError:
        pass
    try:
        target = os.path.realpath("/etc/localtime")
        if "/zoneinfo/" in target:
            candidates.append(target.split("/zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return zone_of(name)
            except ValueError:
                continue
    return Zone("UTC", 0)


# -- civil values in a zone ---------------------------------------------------------------------


@attrs.frozen
class Zoned:
    """A ZonedDateTime: epoch second, nanoseconds, zone, and the offset in effect."""

    epoch: int
    nanos: int
    zone: Zone
    offset: int

    @property
    def local(self) -> int:
        return self.epoch + self.offset


def zoned_at(epoch: int, nanos: int, zone: Zone) -> Zoned:
    return Zoned(epoch, nanos, zone, zone.offset_at(epoch))


def zoned_of(parts: dict[str, int], nanos: int, zone: Zone, preferred: int | None = None) -> Zoned:
    epoch = zone.from_local(tl._epoch(parts), preferred)
    return zoned_at(epoch, nanos, zone)


def civil_record(z: Zoned) -> BMap:
    """`Civil.build()`: the local fields, `timeAbbrev` = the zone's ID, the day of week and `second`."""
    return tl._civil(z.local, z.nanos, z.zone.id)


def _second_parts(civil: Any) -> tuple[int, int]:
    second = D(civil.get("second") if civil.get("second") is not None else 0)
    whole = int(second.to_integral_value(rounding=decimal.ROUND_FLOOR))
    nanos = int(((second - whole) * tl.GIGA).to_integral_value(rounding=decimal.ROUND_HALF_UP))
    return whole, nanos


def zoned_from_civil(civil: Any, prefer_offset: bool) -> Zoned | BError:
    """`createZoneDateTimeFromCivilValues`: the civil's fields in its `utcOffset` (PREFER_ZONE_OFFSET) or
    in the zone its `timeAbbrev` names, validated as java.time does."""
    try:
        if prefer_offset:
            offset = civil.get("utcOffset")
            total = tl._offset_seconds(offset) if offset is not None else 0
            if isinstance(total, BError):
                return total
            zone = offset_zone(total)
        else:
            zone = zone_of(civil.get("timeAbbrev") or "")
    except ValueError as e:
        return tl.format_error(str(e))
    whole, nanos = _second_parts(civil)
    parts = tl._ints(civil, "year", "month", "day", "hour", "minute")
    parts["second"] = whole
    found = tl._invalid_civil(parts)
    if found is not None:
        return tl.format_error(found)
    return zoned_of(parts, nanos, zone)


def zoned_text(z: Zoned) -> str:
    """`ZonedDateTime.toString()`: local date-time, offset, and `[id]` for a region zone."""
    year, month, day, hour, minute, second, _ = tl._civil_parts(z.local)
    text = tl._local_text(year, month, day, hour, minute, second, z.nanos) + tl._offset_text(z.offset)
    return text if z.zone.is_offset else f"{text}[{z.zone.id}]"


def _prefers_offset(civil: Any, lower: bool) -> bool | BError:
    if civil.get("utcOffset") is None and civil.get("timeAbbrev") is None:
        which = "the" if lower else "The"
        return tl.format_error(f"{which} civil value should have either `utcOffset` or `timeAbbrev`")
    return civil.get("utcOffset") is not None


def civil_to_string(civil: Any) -> Any:
    prefer = _prefers_offset(civil, True)
    if isinstance(prefer, BError):
        return prefer
    z = zoned_from_civil(civil, prefer)
    return z if isinstance(z, BError) else zoned_text(z)


def utc_from_civil(civil: Any) -> Any:
    """The module's `utcFromCivil`: the `utcOffset`, or UTC when there is none and `timeAbbrev` is `Z`."""
    if civil.get("utcOffset") is None:
        abbrev = civil.get("timeAbbrev")
        if not (isinstance(abbrev, str) and abbrev.lower() == "z"):
            return tl.format_error("civilTime.utcOffset must not be null")
    z = zoned_from_civil(civil, True)
    return z if isinstance(z, BError) else tl._utc(z.epoch, z.nanos)


def _plus_months(parts: dict[str, int], months: int) -> None:
    total = parts["year"] * 12 + parts["month"] - 1 + months
    parts["year"], month0 = divmod(total, 12)
    parts["month"] = month0 + 1
    leap = parts["year"] % 4 == 0 and (parts["year"] % 100 != 0 or parts["year"] % 400 == 0)
    last = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[parts["month"] - 1]
    parts["day"] = min(parts["day"], last)


def civil_add_duration(civil: Any, duration: Any) -> Any:
    """`time:civilAddDuration`: years and months, then days, on the local date (a month's end is kept
    inside the shorter month), then hours, minutes and seconds as elapsed time; the result is a civil
    value in the same zone, built as `Civil.build()` (`timeAbbrev` is the zone's ID, no `utcOffset`).
    As the module passes it on, `weeks` is not used."""
    prefer = _prefers_offset(civil, False)
    if isinstance(prefer, BError):
        return prefer
    z = zoned_from_civil(civil, prefer)
    if isinstance(z, BError):
        return z
    get = duration.get
    year, month, day, hour, minute, second, _ = tl._civil_parts(z.local)
    parts = {"year": year, "month": month, "day": day, "hour": hour, "minute": minute, "second": second}
    years, months, days = int(get("years") or 0), int(get("months") or 0), int(get("days") or 0)
    if years or months:
        _plus_months(parts, years * 12 + months)
    local = tl._epoch(parts) + days * 86400
    epoch = z.zone.from_local(local, z.offset)
    seconds = D(get("seconds") if get("seconds") is not None else 0)
    whole = int(seconds.to_integral_value(rounding=decimal.ROUND_FLOOR))
    extra = int(((seconds - whole) * tl.GIGA).to_integral_value(rounding=decimal.ROUND_HALF_UP))
    carry, nanos = divmod(z.nanos + extra, tl.GIGA)
    epoch += int(get("hours") or 0) * 3600 + int(get("minutes") or 0) * 60 + whole + carry
    result = zoned_at(epoch, nanos, z.zone)
    year = tl._civil_parts(result.local)[0]
    if not -999_999_999 <= year <= 999_999_999:
        return tl.format_error(f"Invalid value for Year (valid values -999999999 - 999999999): {year}")
    return civil_record(result)


# -- time:Zone objects ----------------------------------------------------------------------------


def _zone(obj: Any) -> Zone:
    return obj.env  # type: ignore[no-any-return]


def _fixed_offset(obj: Any) -> Any:
    zone = _zone(obj)
    if not zone.is_fixed():
        return None
    return tl._offset_record(zone.offset_at(0))


def _zone_utc_to_civil(obj: Any, utc: Any) -> BMap:
    seconds, nanos = tl._instant(utc)
    return civil_record(zoned_at(seconds, nanos, _zone(obj)))


def _zone_utc_from_civil(obj: Any, civil: Any) -> Any:
    """`Zone.utcFromCivil`: the civil's own `timeAbbrev` names the zone, as in the module; a zone or
    field java.time refuses ends in a panic there (the Java exception is not caught), so here too."""
    if civil.get("timeAbbrev") is None:
        return tl.format_error("Abbreviation for the local time is required for the conversion")
    z = zoned_from_civil(civil, False)
    if isinstance(z, BError):
        raise BallerinaPanic(z)
    return tl._utc(z.epoch, z.nanos)


def _zone_civil_add_duration(obj: Any, civil: Any, duration: Any) -> Any:
    """`Zone.civilAddDuration`: the civil time moved into this zone (same instant), then the duration
    added there. (The module's Java for this method was not available; this follows its documentation.)"""
    prefer = _prefers_offset(civil, False)
    if isinstance(prefer, BError):
        return prefer
    z = zoned_from_civil(civil, prefer)
    if isinstance(z, BError):
        return z
    here = civil_record(zoned_at(z.epoch, z.nanos, _zone(obj)))
    return civil_add_duration(here, duration)


class ZoneInit:
    """`init(string? zoneId = ())` of `time:TimeZone`: the system's zone without an ID; for an ID
    java.time refuses, the module's extern throws, which Ballerina sees as a panic."""

    is_method = True

    def __init__(self) -> None:
        self.name = "time:TimeZone"
        self.params = [Param("zoneId", T.TUnion([T.STRING, T.NIL]), lambda f: None, False)]
        for p in self.params:
            p.included = False

    def bind(self, args: list[Any], named: dict[str, Any] | None) -> list[Any]:
        given = list(args) + ([named["zoneId"]] if named and "zoneId" in named else [])
        if len(given) > 1:
            raise BallerinaPanic(tl.format_error("too many arguments in call to 'time:TimeZone' init"))
        return given

    def invoke(self, env: Any, args: list[Any]) -> Any:
        obj, *rest = args
        zone_id = rest[0] if rest and rest[0] is not MISSING else None
        if zone_id is None:
            obj.env = system_zone()
            return None
        try:
            obj.env = zone_of(zone_id)
        except ValueError as e:
            raise BallerinaPanic(tl.format_error(str(e))) from None
        return None

    def new(self, *args: Any, **named: Any) -> Any:
        obj = BObject(ZONE_CLASS)
        self.invoke(None, [obj, *self.bind(list(args), named)])
        return obj


ZONE_CLASS = NativeClass(
    "time:TimeZone",
    {
        "fixedOffset": _fixed_offset,
        "utcToCivil": _zone_utc_to_civil,
        "utcFromCivil": _zone_utc_from_civil,
        "civilAddDuration": _zone_civil_add_duration,
    },
    readonly=True,
)
ZONE_INIT = ZoneInit()
ZONE_CLASS.init = ZONE_INIT
TIME_ZONE = ZONE_CLASS.type
ZONE = T.TObject(ZONE_CLASS)
ZONE.name = "time:Zone"
DURATION = T.TRecord(
    {
        **{
            n: T.Field(n, T.INT, False, lambda: 0)
            for n in ("years", "months", "weeks", "days", "hours", "minutes")
        },
        "seconds": T.Field("seconds", T.DECIMAL, False, lambda: D(0)),
    },
    None,
)
DURATION.name = "time:Duration"


def zone_value(zone: Zone) -> Any:
    return BObject(ZONE_CLASS, zone)


def get_zone(zone_id: str) -> Any:
    """`time:getZone`: the zone, or `()` for an ID java.time refuses."""
    try:
        return zone_value(zone_of(zone_id))
    except ValueError:
        return None


def load_system_zone() -> Any:
    return zone_value(system_zone())
