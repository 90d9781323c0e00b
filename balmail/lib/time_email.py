"""ballerina/time's RFC 5322 date strings of a civil time: `civilToEmailString` and
`civilFromEmailString`, with java.time's pattern `EEE, dd MMM yyyy HH:mm:ss Z[ ][(z)]` as the module uses
it (English names; two-digit day; `Z` is `+HHMM`; `z` the zone's short name). Parsing is as strict as
that pattern, including its error texts (`Text '...' could not be parsed at index N`), so a one-digit day
(`Mon, 3 Dec 2007 ...`, which `utcToEmailString` writes) is refused there as in Ballerina.

The zone in parentheses names a zone by its ID or by a short name; short names map to zones as Java's
English names do (`PST` is America/Los_Angeles): the table below, then any tz database ID. Printing `z`
uses the tz database's abbreviation, which for some zones is numeric (`+0530` for Asia/Colombo) where
Java prints a name (`IST`).
"""

from __future__ import annotations

from typing import Any

from balmail.lib import time as tl
from balmail.lib import time_zone as tz
from balmail.runtime.values import BError

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # ISO order: Monday is 1
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SHORT_NAMES = {
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "BST": "Europe/London",
    "IST": "Asia/Kolkata",
    "JST": "Asia/Tokyo",
    "CET": "CET",
    "CEST": "CET",
    "EET": "EET",
    "EEST": "EET",
    "WET": "WET",
    "WEST": "WET",
    "UTC": "UTC",
    "GMT": "GMT",
    "UT": "UT",
    "Z": "Z",
}
PREFER_ZONE_OFFSET = "PREFER_ZONE_OFFSET"
_NEEDS_OFFSET = (PREFER_ZONE_OFFSET, "ZONE_OFFSET_WITH_TIME_ABBREV_COMMENT")


def _offset_hhmm(total: int) -> str:
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    return f"{sign}{hours:02d}{rest // 60:02d}"


def civil_to_email_string(civil: Any, zoneHandling: Any) -> Any:
    if civil.get("utcOffset") is None and zoneHandling in _NEEDS_OFFSET:
        return tl.format_error(f"civilTime.utcOffset must not be null with time:{zoneHandling}")
    z = tz.zoned_from_civil(civil, zoneHandling == PREFER_ZONE_OFFSET)
    if isinstance(z, BError):
        return z
    year, month, day, hour, minute, second, weekday = tl._civil_parts(z.local)
    text = (
        f"{_DAYS[(weekday - 1) % 7]}, {day:02d} {_MONTHS[month - 1]} {year:04d} "
        f"{hour:02d}:{minute:02d}:{second:02d} {_offset_hhmm(z.offset)}"
    )
    if zoneHandling == PREFER_ZONE_OFFSET:
        return text
    return f"{text} ({z.zone.abbrev_at(z.epoch)})"


class _Unparsed(Exception):
    def __init__(self, index: int, trailing: bool = False) -> None:
        self.index = index
        self.trailing = trailing


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def literal(self, s: str) -> None:
        if not self.text.startswith(s, self.i):
            raise _Unparsed(self.i)
        self.i += len(s)

    def word(self, words: tuple[str, ...]) -> int:
        for n, w in enumerate(words):
            if self.text.startswith(w, self.i):
                self.i += len(w)
                return n
        raise _Unparsed(self.i)

    def digits(self, least: int, most: int) -> int:
        start = self.i
        while self.i < len(self.text) and self.i - start < most and self.text[self.i].isdigit():
            self.i += 1
        if self.i - start < least:
            self.i = start
            raise _Unparsed(start)
        return int(self.text[start : self.i])

    def offset(self) -> int:
        start = self.i
        sign = self.text[self.i : self.i + 1]
        if sign not in ("+", "-"):
            raise _Unparsed(start)
        self.i += 1
        digits = self.text[self.i : self.i + 4]
        if len(digits) != 4 or not digits.isdigit():
            self.i = start
            raise _Unparsed(start)
        self.i += 4
        total = int(digits[:2]) * 3600 + int(digits[2:]) * 60
        return -total if sign == "-" else total

    def zone(self) -> tz.Zone | None:
        """`[(z)]`: a zone name or ID in parentheses, or None (and nothing read) when there is none."""
        start = self.i
        if not self.text.startswith("(", start):
            return None
        close = self.text.find(")", start + 1)
        name = self.text[start + 1 : close] if close > 0 else ""
        try:
            zone = tz.zone_of(SHORT_NAMES.get(name, name)) if name else None
        except ValueError:
            zone = None
        if zone is None:
            return None
        self.i = close + 1
        return zone


def civil_from_email_string(text: str) -> Any:
    reader = _Reader(text)
    try:
        weekday = reader.word(_DAYS) + 1
        reader.literal(", ")
        day = reader.digits(2, 2)
        reader.literal(" ")
        month = reader.word(_MONTHS) + 1
        reader.literal(" ")
        year = reader.digits(4, 19)
        reader.literal(" ")
        hour = reader.digits(2, 2)
        reader.literal(":")
        minute = reader.digits(2, 2)
        reader.literal(":")
        second = reader.digits(2, 2)
        reader.literal(" ")
        offset = reader.offset()
        if text.startswith(" ", reader.i):
            reader.i += 1
        zone = reader.zone()
        if reader.i != len(text):
            raise _Unparsed(reader.i, trailing=True)
    except _Unparsed as e:
        if e.trailing:
            where = f"unparsed text found at index {e.index}"
            return tl.format_error(f"Text '{text}' could not be parsed, {where}")
        return tl.format_error(f"Text '{text}' could not be parsed at index {e.index}")
    parts = {"year": year, "month": month, "day": day, "hour": hour, "minute": minute, "second": second}
    found = tl._invalid_civil(parts)
    if found is None:
        derived = (tl._to_days(year, month, day) + 3) % 7 + 1
        if derived != weekday:
            found = (
                f"Conflict found: Field DayOfWeek {derived} differs from DayOfWeek {weekday} derived from "
                f"{tl._year_text(year)}-{month:02d}-{day:02d}"
            )
    if found is not None:
        return tl.format_error(f"Text '{text}' could not be parsed: {found}")
    epoch = tl._epoch(parts) - offset
    z = tz.zoned_at(epoch, 0, zone if zone is not None else tz.offset_zone(offset))
    record = tz.civil_record(z)
    record["utcOffset"] = tl._offset_record(z.offset)
    return record
