"""ballerina/time: the UTC time-scale (`time:Utc`, the read-only tuple `[int seconds, decimal fraction]`),
civil times (`time:Civil`, `time:Date`, `time:ZoneOffset` records) and the conversions between them.

Ballerina's module implements these over `java.time`; the texts and the values here follow what that
produces, because programs print them: `utcToString` writes the fraction in groups of three digits
(Java's `Instant.toString`), `civilToString` leaves out zero seconds (`LocalDateTime.toString`), the
seconds of a civil time and a fraction are decimals with no trailing zeros, and validation errors are
`time:FormatError`s carrying java.time's sentences. The arithmetic is done on integer nanoseconds, so no
float rounding enters. Reading the clock (`utcNow`, `monotonicNow`) needs no permission: the sandbox
limits files, network and the environment, not time.
"""

from __future__ import annotations

import calendar
import decimal
import re
import time as _time
from typing import Any

from balmail.lib.registry import LibModule
from balmail.runtime import types as T
from balmail.runtime.errors import BallerinaPanic
from balmail.runtime.values import BError, BList, BMap

D = decimal.Decimal
GIGA = 1_000_000_000

UTC = T.TIntersection([T.TTuple([T.INT, T.DECIMAL], None), T.READONLY])
UTC.name = "time:Utc"


def _error_type(name: str, *ids: int) -> T.TError:
    t = T.TError(None, frozenset({-500, *ids}))
    t.name = name
    return t


TIME_ERROR = _error_type("time:Error")
FORMAT_ERROR = _error_type("time:FormatError", -501)


def _field(name: str, t: T.Type, optional: bool = False, default: Any = None) -> T.Field:
    return T.Field(name, t, optional, (lambda: default) if default is not None else None)


def _record(name: str, fields: list[T.Field], rest: T.Type | None = T.ANYDATA) -> T.TRecord:
    record = T.TRecord({f.name: f for f in fields}, rest)
    record.name = name
    return record


DAYS = ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")
DAY_OF_WEEK = T.TUnion([T.TSingleton(i) for i in range(7)])
DAY_OF_WEEK.name = "time:DayOfWeek"
_ZONE_OFFSET_RECORD = _record(
    "time:ZoneOffset",
    [_field("hours", T.INT), _field("minutes", T.INT, default=0), _field("seconds", T.DECIMAL, True)],
    None,
)
ZONE_OFFSET = T.TIntersection([_ZONE_OFFSET_RECORD, T.READONLY])
ZONE_OFFSET.name = "time:ZoneOffset"
_DATE_FIELDS = [_field("year", T.INT), _field("month", T.INT), _field("day", T.INT)]
_SECOND = _field("second", T.DECIMAL, True)
DATE = _record(
    "time:Date",
    [
        *_DATE_FIELDS,
        _field("hour", T.INT, True),
        _field("minute", T.INT, True),
        _SECOND,
        _field("utcOffset", ZONE_OFFSET, True),
    ],
)
TIME_OF_DAY = _record(
    "time:TimeOfDay",
    [
        *(_field(f.name, T.INT, True) for f in _DATE_FIELDS),
        _field("hour", T.INT),
        _field("minute", T.INT),
        _SECOND,
        _field("utcOffset", ZONE_OFFSET, True),
    ],
)
CIVIL = _record(  # Civil's own fields, then those of *Date and *TimeOfDay: the order Ballerina prints
    "time:Civil",
    [
        _field("utcOffset", ZONE_OFFSET, True),
        _field("timeAbbrev", T.STRING, True),
        _field("which", T.TUnion([T.TSingleton(0), T.TSingleton(1)]), True),
        _field("dayOfWeek", DAY_OF_WEEK, True),
        *_DATE_FIELDS,
        _field("hour", T.INT),
        _field("minute", T.INT),
        _SECOND,
    ],
)
UTC_ZONE_HANDLING = T.TUnion([T.TSingleton(s) for s in ("0", "GMT", "UT", "Z")])
UTC_ZONE_HANDLING.name = "time:UtcZoneHandling"
HEADER_ZONE_HANDLING = T.TUnion(
    [
        T.TSingleton(s)
        for s in ("PREFER_TIME_ABBREV", "PREFER_ZONE_OFFSET", "ZONE_OFFSET_WITH_TIME_ABBREV_COMMENT")
    ]
)
HEADER_ZONE_HANDLING.name = "time:HeaderZoneHandling"


def format_error(message: str) -> BError:
    return BError(message, None, None, FORMAT_ERROR)


# -- the UTC time-scale ------------------------------------------------------------------------


def _fraction(nanos: int) -> D:
    """`nanos / 10^9` as java.math does it: exact, with no trailing zeros, and `0` for none."""
    if nanos == 0:
        return D(0)
    return (D(nanos) / D(GIGA)).normalize()


def _utc(seconds: int, nanos: int) -> BList:
    return BList([seconds, _fraction(nanos)], UTC, ro=True)


def _instant(utc: Any) -> tuple[int, int]:
    """A `time:Utc` as (epoch seconds, nanoseconds), the fraction truncated to nanoseconds as Java's
    `Instant` holds it (a leap-second fraction of 1.x carries into the seconds)."""
    seconds = utc[0]
    nanos = int(D(utc[1]) * GIGA) if len(utc) > 1 else 0
    extra, nanos = divmod(nanos, GIGA)
    return seconds + extra, nanos


def utc_now(precision: Any = None) -> BList:
    ns = _time.time_ns()
    seconds, nanos = divmod(ns, GIGA)
    digits = precision if type(precision) is int and 0 < precision <= 9 else 9
    fraction = (D(nanos) / D(GIGA)).quantize(D(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)
    return BList([seconds, fraction], UTC, ro=True)


def monotonic_now() -> D:
    return D(_time.monotonic_ns()).scaleb(-9)


def _nano_text(nanos: int) -> str:
    """The fraction of a second in groups of three digits, as java.time prints it."""
    if nanos == 0:
        return ""
    if nanos % 1_000_000 == 0:
        return f".{nanos // 1_000_000:03d}"
    if nanos % 1000 == 0:
        return f".{nanos // 1000:06d}"
    return f".{nanos:09d}"


def _year_text(year: int) -> str:
    if abs(year) < 1000:
        return ("-" if year < 0 else "") + f"{abs(year):04d}"
    return ("+" if year > 9999 else "") + str(year)


def _civil_parts(seconds: int) -> tuple[int, int, int, int, int, int, int]:
    """Epoch seconds as (year, month, day, hour, minute, second, day of week with Sunday = 0) in UTC,
    for any year (proleptic Gregorian calendar, without datetime's year range)."""
    days, rest = divmod(seconds, 86400)
    year, month, day = _from_days(days)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    return year, month, day, hour, minute, second, (days + 4) % 7


def _from_days(days: int) -> tuple[int, int, int]:
    """Days since 1970-01-01 as a proleptic Gregorian (year, month, day) (Howard Hinnant's algorithm)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    return year, month, day


def _to_days(year: int, month: int, day: int) -> int:
    y = year - (1 if month <= 2 else 0)
    era = y // 400
    yoe = y - era * 400
    mp = month - 3 if month > 2 else month + 9
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _local_text(year: int, month: int, day: int, hour: int, minute: int, second: int, nanos: int) -> str:
    """`LocalDateTime.toString`: seconds only when the time has seconds or a fraction."""
    text = f"{_year_text(year)}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
    if second or nanos:
        text += f":{second:02d}{_nano_text(nanos)}"
    return text


def utc_to_string(utc: Any) -> str:
    seconds, nanos = _instant(utc)
    year, month, day, hour, minute, second, _ = _civil_parts(seconds)
    return (
        f"{_year_text(year)}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{_nano_text(nanos)}Z"
    )


_ZONED = re.compile(
    r"(?P<year>[+-]?\d{4,9})-(?P<month>\d{2})-(?P<day>\d{2})T(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.(?P<fraction>\d{1,9}))?)?"
    r"(?P<offset>Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)(?:\[(?P<zone>[^\]]+)\])?"
)


def _parse_zoned(text: str) -> dict[str, Any] | None:
    """An ISO zoned date-time (`ZonedDateTime.parse`'s format) as its parts, or None."""
    m = _ZONED.fullmatch(text)
    if m is None:
        return None
    offset = m["offset"]
    total = 0
    if offset != "Z":
        digits = offset[1:].replace(":", "")
        hh, mm, ss = int(digits[0:2]), int(digits[2:4] or 0), int(digits[4:6] or 0)
        if hh > 18 or mm > 59 or ss > 59:
            return None
        total = (hh * 3600 + mm * 60 + ss) * (-1 if offset[0] == "-" else 1)
    parts = {k: int(m[k]) for k in ("year", "month", "day", "hour", "minute")}
    parts["second"] = int(m["second"] or 0)
    parts["nanos"] = int((m["fraction"] or "").ljust(9, "0"))
    if _invalid_civil(parts) is not None:
        return None
    parts["offset"] = total
    parts["zone"] = m["zone"]
    return parts


def utc_from_string(text: str) -> Any:
    parts = _parse_zoned(text)
    if parts is None:
        return format_error(
            f"The provided string '{text}' does not adhere to the expected RFC 3339 format "
            "'YYYY-MM-DDTHH:MM:SS.SSZ'. "
        )
    return _utc(_epoch(parts) - parts["offset"], parts["nanos"])


def _epoch(p: dict[str, Any]) -> int:
    return (
        _to_days(p["year"], p["month"], p["day"]) * 86400 + p["hour"] * 3600 + p["minute"] * 60 + p["second"]
    )


def utc_add_seconds(utc: Any, seconds: Any) -> BList:
    """As the module's Ballerina code: whole seconds added to the first member, the fraction to the
    second, carrying once it reaches 1."""
    whole = D(seconds).to_integral_value(rounding=decimal.ROUND_FLOOR)
    epoch = utc[0] + int(whole)
    fraction = D(utc[1]) + (D(seconds) - whole)
    if fraction >= 1:
        carry = fraction.to_integral_value(rounding=decimal.ROUND_FLOOR)
        epoch += int(carry)
        fraction -= carry
    return BList([epoch, fraction], UTC, ro=True)


def utc_diff_seconds(utc1: Any, utc2: Any) -> D:
    s1, n1 = _instant(utc1)
    s2, n2 = _instant(utc2)
    seconds, nanos = divmod((s1 - s2) * GIGA + n1 - n2, GIGA)
    return D(seconds) + _fraction(nanos) if nanos else D(seconds)


def utc_to_email_string(utc: Any, zh: Any = "0") -> str:
    """RFC 1123 (`Mon, 3 Dec 2007 10:15:30 +0000`): the zone written as `zh` says (`"0"` is `+0000`)."""
    seconds, _ = _instant(utc)
    year, month, day, hour, minute, second, weekday = _civil_parts(seconds)
    zone = "+0000" if zh == "0" else str(zh)
    name = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[weekday]
    return f"{name}, {day} {calendar.month_abbr[month]} {year} {hour:02d}:{minute:02d}:{second:02d} {zone}"


# -- civil times --------------------------------------------------------------------------------


_MONTHS = tuple(m.upper() for m in calendar.month_name)


def _invalid_date(year: int, month: int, day: int) -> str | None:
    """java.time's sentence for an impossible date, or None."""
    if not -999_999_999 <= year <= 999_999_999:
        return f"Invalid value for Year (valid values -999999999 - 999999999): {year}"
    if not 1 <= month <= 12:
        return f"Invalid value for MonthOfYear (valid values 1 - 12): {month}"
    if not 1 <= day <= 31:
        return f"Invalid value for DayOfMonth (valid values 1 - 28/31): {day}"
    if day > 28:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        last = 29 if month == 2 and leap else 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
        if day > last:
            if day == 29:
                return f"Invalid date 'February 29' as '{year}' is not a leap year"
            return f"Invalid date '{_MONTHS[month]} {day}'"
    return None


def _invalid_civil(p: dict[str, Any]) -> str | None:
    found = _invalid_date(p["year"], p["month"], p["day"])
    if found is not None:
        return found
    for key, name, high in (
        ("hour", "HourOfDay", 23),
        ("minute", "MinuteOfHour", 59),
        ("second", "SecondOfMinute", 59),
    ):
        if not 0 <= p[key] <= high:
            return f"Invalid value for {name} (valid values 0 - {high}): {p[key]}"
    return None


def _ints(record: Any, *keys: str) -> dict[str, int]:
    return {k: record[k] for k in keys}


def date_validate(date: Any) -> BError | None:
    found = _invalid_date(date["year"], date["month"], date["day"])
    return format_error(found) if found is not None else None


def day_of_week(date: Any) -> int:
    found = _invalid_date(date["year"], date["month"], date["day"])
    if found is not None:
        raise BallerinaPanic(format_error(found))
    return (_to_days(date["year"], date["month"], date["day"]) + 4) % 7


def _offset_record(total: int) -> BMap:
    """The `time:ZoneOffset` of an offset in seconds, built as the module builds it (the defaulted
    `minutes` first, then `hours`, and `seconds` only when there are some)."""
    sign = -1 if total < 0 else 1
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    record = BMap({"minutes": sign * minutes, "hours": sign * hours}, ZONE_OFFSET, ro=True)
    if seconds:
        record["seconds"] = sign * seconds
    return record


def _civil(seconds: int, nanos: int, zone: str, *, with_second: bool = True) -> BMap:
    year, month, day, hour, minute, second, weekday = _civil_parts(seconds)
    record = BMap(
        {
            "year": year,
            "month": month,
            "day": day,
            "hour": hour,
            "minute": minute,
            "timeAbbrev": zone,
            "dayOfWeek": weekday,
        },
        CIVIL,
    )
    if with_second:
        record["second"] = D(second) + _fraction(nanos) if nanos else D(second)
    return record


def utc_to_civil(utc: Any) -> BMap:
    seconds, nanos = _instant(utc)
    return _civil(seconds, nanos, "Z")


def _offset_seconds(offset: Any) -> int | BError:
    hours, minutes = offset["hours"], offset.get("minutes", 0)
    extra = offset.get("seconds")
    seconds = int(D(extra).to_integral_value(rounding=decimal.ROUND_HALF_UP)) if extra is not None else 0
    for unit, value, limit in (("hours", hours, 18), ("minutes", minutes, 59), ("seconds", seconds, 59)):
        if not -limit <= value <= limit:
            return format_error(
                f"Zone offset {unit} not in valid range: "
                f"value {value} is not in the range -{limit} to {limit}"
            )
    if hours > 0 and (minutes < 0 or seconds < 0):
        return format_error("Zone offset minutes and seconds must be positive because hours is positive")
    if hours < 0 and (minutes > 0 or seconds > 0):
        return format_error("Zone offset minutes and seconds must be negative because hours is negative")
    total = hours * 3600 + minutes * 60 + seconds
    if abs(total) > 18 * 3600:
        return format_error("Zone offset not in valid range: -18:00 to +18:00")
    return total


def _offset_text(total: int) -> str:
    if total == 0:
        return "Z"
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


_HAS_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?")
_PLAIN_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}\.\d+)?(Z$)")


def civil_from_string(text: str) -> Any:
    """The civil time a zoned timestamp writes, in its own zone: `second` only when the text has seconds
    and `utcOffset` unless the text is a plain UTC time (both decided by the module's own patterns)."""
    parts = _parse_zoned(text)
    if parts is None:
        return format_error(f"Text '{text}' could not be parsed at index 0")
    zone = parts["zone"] or _offset_text(parts["offset"])
    local_epoch = _epoch(parts)
    record = _civil(local_epoch, parts["nanos"], zone, with_second=_HAS_SECONDS.search(text) is not None)
    if _PLAIN_UTC.search(text) is None:
        record["utcOffset"] = _offset_record(parts["offset"])
    return record


def module(ctx: Any) -> LibModule:
    # zones, zone-aware civil strings and email strings live in their own modules, which build on this one
    from balmail.lib import time_email, time_zone

    return LibModule(
        "ballerina/time",
        functions={
            "utcNow": utc_now,
            "utcToString": utc_to_string,
            "utcFromString": utc_from_string,
            "monotonicNow": monotonic_now,
            "utcAddSeconds": utc_add_seconds,
            "utcDiffSeconds": utc_diff_seconds,
            "utcToEmailString": utc_to_email_string,
            "utcToCivil": utc_to_civil,
            "utcFromCivil": time_zone.utc_from_civil,
            "civilFromString": civil_from_string,
            "civilToString": time_zone.civil_to_string,
            "civilAddDuration": time_zone.civil_add_duration,
            "civilToEmailString": time_email.civil_to_email_string,
            "civilFromEmailString": time_email.civil_from_email_string,
            "getZone": time_zone.get_zone,
            "loadSystemZone": time_zone.load_system_zone,
            "dateValidate": date_validate,
            "dayOfWeek": day_of_week,
        },
        constants={
            **{name: i for i, name in enumerate(DAYS)},
            "Z": BMap({"minutes": 0, "hours": 0}, ZONE_OFFSET, ro=True),
            "PREFER_TIME_ABBREV": "PREFER_TIME_ABBREV",
            "PREFER_ZONE_OFFSET": "PREFER_ZONE_OFFSET",
            "ZONE_OFFSET_WITH_TIME_ABBREV_COMMENT": "ZONE_OFFSET_WITH_TIME_ABBREV_COMMENT",
        },
        types={
            "Utc": UTC,
            "Seconds": T.DECIMAL,
            "Civil": CIVIL,
            "Date": DATE,
            "TimeOfDay": TIME_OF_DAY,
            "ZoneOffset": ZONE_OFFSET,
            "DayOfWeek": DAY_OF_WEEK,
            "UtcZoneHandling": UTC_ZONE_HANDLING,
            "HeaderZoneHandling": HEADER_ZONE_HANDLING,
            "Zone": time_zone.ZONE,
            "TimeZone": time_zone.TIME_ZONE,
            "Duration": time_zone.DURATION,
            "Error": TIME_ERROR,
            "FormatError": FORMAT_ERROR,
        },
        classes={"TimeZone": time_zone.ZONE_INIT.new},
    )
