"""Publication timestamps in plain-text article lines and in input metadata.

Plain text has no ``<time>`` element, so the cleaner asks :func:`parse_timestamp_line`
about each short line near the top or bottom of an article. A line counts only when it
is *mainly* a timestamp: optional labels ("Published", "Updated on :", "Last updated"),
one or more dates (with or without a time and a time zone), separators, and at most a
trailing dateline place ("- LAGOS") or a reading-time note. A news sentence that
mentions a date has other words around the date and is rejected.

Dates are found with the regular expressions below and assembled with :mod:`datetime`;
nothing here guesses a time zone. A stated zone abbreviation is read from
:data:`ZONE_OFFSETS`; an unknown abbreviation, or no zone at all, gives a naive ISO time
(no offset). Ambiguous abbreviations resolve to one documented meaning:

* ``CST`` is US Central Standard Time (-06:00), the meaning in North American usage and
  in most abbreviation tables; China Standard Time is written ``BJT``, ``GMT+8`` or
  ``UTC+8`` here.
* ``IST`` is India Standard Time (+05:30), the dominant use in English-language news;
  Israel and Irish times are not read from it.
* ``BST`` is British Summer Time (+01:00).
* ``AST`` and ``PHT``-style abbreviations that are not in the table are treated as an
  unknown zone: the time is kept, naive.
* ``ET``, ``CT``, ``MT`` and ``PT`` (no standard/daylight letter) take the offset in
  force on that date in America/New_York, Chicago, Denver and Los_Angeles: the rules
  are the IANA database's (:mod:`zoneinfo`, with the ``tzdata`` package), not a table
  here. The abbreviations themselves (``EST``, ``BST``, ``IST``...) name one offset each
  and stay a table: the database maps zones to abbreviations, not back.

:func:`parse_iso_or_text_date` normalises a date string given in input metadata (a JSON
line's ``published``, a feed's ``pubDate``): ISO 8601, RFC 2822, epoch seconds, the text
forms above, and as a last resort :mod:`dateparser` on that one short value.
"""

from __future__ import annotations

import importlib
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "ZONE_OFFSETS",
    "Timestamps",
    "caps_place",
    "date_in_name",
    "find_timestamps",
    "parse_iso_or_text_date",
    "parse_timestamp_line",
]


@dataclass(frozen=True)
class Timestamps:
    """What one timestamp line says.

    ``published`` / ``updated`` are ISO 8601: ``2024-06-10T12:04:00+05:30`` with a stated
    zone, ``2024-06-10T12:04:00`` without one, ``2024-06-10`` when the line has no time.
    ``dateline`` is an upper-case place that trails the timestamp (``... WAT - LAGOS``).
    """

    published: str | None
    updated: str | None
    dateline: str | None = None


def _hm(hours: int, minutes: int = 0) -> timedelta:
    sign = -1 if hours < 0 else 1
    return timedelta(hours=hours, minutes=sign * minutes)


#: Time-zone abbreviations common in news pages, with their UTC offsets.
ZONE_OFFSETS: dict[str, timedelta] = {
    "UTC": _hm(0),
    "GMT": _hm(0),
    "UT": _hm(0),
    "Z": _hm(0),
    "WET": _hm(0),
    "WEST": _hm(1),
    "BST": _hm(1),
    "CET": _hm(1),
    "CEST": _hm(2),
    "MEZ": _hm(1),
    "MESZ": _hm(2),
    "EET": _hm(2),
    "EEST": _hm(3),
    "MSK": _hm(3),
    "TRT": _hm(3),
    "IDT": _hm(3),
    "GST": _hm(4),
    "PKT": _hm(5),
    "IST": _hm(5, 30),
    "NPT": _hm(5, 45),
    "ICT": _hm(7),
    "WIB": _hm(7),
    "WITA": _hm(8),
    "WIT": _hm(9),
    "SGT": _hm(8),
    "MYT": _hm(8),
    "HKT": _hm(8),
    "BJT": _hm(8),
    "AWST": _hm(8),
    "JST": _hm(9),
    "KST": _hm(9),
    "ACST": _hm(9, 30),
    "ACDT": _hm(10, 30),
    "AEST": _hm(10),
    "AEDT": _hm(11),
    "NZST": _hm(12),
    "NZDT": _hm(13),
    "WAT": _hm(1),
    "CAT": _hm(2),
    "SAST": _hm(2),
    "EAT": _hm(3),
    "EST": _hm(-5),
    "EDT": _hm(-4),
    "CST": _hm(-6),
    "CDT": _hm(-5),
    "MST": _hm(-7),
    "MDT": _hm(-6),
    "PST": _hm(-8),
    "PDT": _hm(-7),
    "AKST": _hm(-9),
    "AKDT": _hm(-8),
    "HST": _hm(-10),
}

# US generic zones (no standard/daylight letter): the IANA zone whose rules they follow.
_US_GENERIC: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}

# ---------------------------------------------------------------------------------------
# Regular expressions
# ---------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?i:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?,?\s+"
_ORD = r"(?i:st|nd|rd|th)?"

_DATE_RE = re.compile(
    rf"(?<![\w.:/-])(?:{_WEEKDAY})?(?:"
    # 2024-06-10, 2024/06/10, 2024.06.10
    r"(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)"
    # June 10, 2024 / Jun. 10th 2024
    rf"|(?P<amon>{_MONTH})\.?\s+(?P<ad>\d{{1,2}}){_ORD},?\s+(?P<ay>(?:19|20)\d\d)(?!\d)"
    # 10 June 2024 / 10th of June, 2024
    rf"|(?P<bd>\d{{1,2}}){_ORD}\s+(?i:of\s+)?(?P<bmon>{_MONTH})\.?,?\s+(?P<by>(?:19|20)\d\d)(?!\d)"
    # 10.06.2024 / 10/06/2024 (day first; slashes only when unambiguous, checked later)
    r"|(?P<nd>\d{1,2})(?P<nsep>[./])(?P<nm>\d{1,2})(?P=nsep)(?P<ny>(?:19|20)\d\d)(?!\d)"
    r")"
)

_AMPM = r"(?P<ampm>(?i:[ap])\.?\s?(?i:m)\b\.?)"
_TIME = (
    r"(?P<h>\d{1,2})(?:(?P<tsep>[:.])(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?)?"
    rf"(?:\s?{_AMPM})?"
)
_ZONE = (
    r"(?:(?P<zattached>Z)\b"
    r"|\s?(?P<znum>(?:(?:UTC|GMT|UT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)|[+\-−]\d{2}:?\d{2})\b"
    r"|\s?\(?(?P<zabbr>[A-Z]{1,4}T|MSK|WIB|WITA|MEZ|MESZ|UTC|GMT|UT)\b\)?)"
)
# A time after the date: "June 10, 2024 12:04 pm IST", "2024-06-10T12:04:00Z",
# "10 June 2024, 14:05 GMT", "June 10, 2024 at 3:15 p.m. EDT".
_TIME_AFTER_RE = re.compile(
    rf"(?:T|\s*(?:,|(?i:at)|@|-|–|—|\||·)\s*|\s+){_TIME}(?:{_ZONE})?(?!\w)",
)
# A time before the date: "11:02 AM, Jun 10, 2024", "12:04 IST on June 10, 2024".
_TIME_BEFORE_RE = re.compile(
    rf"(?<![\w:.]){_TIME}(?:{_ZONE})?\s*(?:,|(?i:on)|\||-|–|—|·)?\s*$",
)

_LABELS_UPDATED = (
    "last updated",
    "last modified",
    "last edited",
    "last update",
    "updated",
    "modified",
    "revised",
    "edited",
)
_LABELS_PUBLISHED = (
    "originally published",
    "first published",
    "publication date",
    "date published",
    "published date",
    "published",
    "posted",
    "created",
    "released",
    "issued",
    "dated",
    "date",
)
_LABEL_ALT = "|".join(
    re.escape(label).replace(r"\ ", r"\s+")
    for label in sorted(_LABELS_UPDATED + _LABELS_PUBLISHED, key=len, reverse=True)
)
_SEP = r"[:\-–—|·•,/;()\[\]]"
_GAP_RE = re.compile(
    rf"^\s*(?:{_SEP}\s*)*(?:(?P<label>{_LABEL_ALT})\s*(?:(?:on|at)\b\s*)?)?(?:{_SEP}\s*)*$",
    re.IGNORECASE,
)
_TAIL_SEP_RE = re.compile(rf"^\s*(?:{_SEP}\s*)+")
_READING_TIME_RE = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|m)\.?\s+read|(?:reading|read)\s+time\s*:?\s*\d+\s*\w*)$",
    re.IGNORECASE,
)
_MAX_LINE_CHARS = 200


# ---------------------------------------------------------------------------------------
# Assembling values
# ---------------------------------------------------------------------------------------


def _generic_offset(abbr: str, day: date, hour: int) -> timedelta | None:
    """The UTC offset of a US generic zone (ET, CT, MT, PT) at ``hour`` local on ``day``,
    by the IANA rules (:mod:`zoneinfo`, the ``tzdata`` package where the system has no
    database): standard or daylight time as that date had it. An hour that the change
    skips or repeats reads as daylight time."""
    try:
        zone = ZoneInfo(_US_GENERIC[abbr])
    except (ZoneInfoNotFoundError, ValueError):  # no time-zone database at all
        return None
    at = datetime(day.year, day.month, day.day, min(max(hour, 0), 23), tzinfo=zone)
    offsets = {at.replace(fold=fold).utcoffset() for fold in (0, 1)}
    found = [offset for offset in offsets if offset is not None]
    return max(found) if found else None


def _numeric_offset(text: str) -> timedelta | None:
    m = re.fullmatch(r"(?:UTC|GMT|UT)?\s?([+\-−])\s?(\d{1,2})(?::?(\d{2}))?", text.strip())
    if m is None:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return -delta if m.group(1) in "-−" else delta


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: str


def _date_from(m: re.Match[str]) -> date | None:
    try:
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("ay"):
            month = _MONTHS[m.group("amon")[:3].lower()]
            return date(int(m.group("ay")), month, int(m.group("ad")))
        if m.group("by"):
            month = _MONTHS[m.group("bmon")[:3].lower()]
            return date(int(m.group("by")), month, int(m.group("bd")))
        if m.group("ny"):
            first, second = int(m.group("nd")), int(m.group("nm"))
            if m.group("nsep") == "/" and first <= 12 and second <= 12 and first != second:
                return None  # 06/10/2024: month-first or day-first? Do not guess.
            if second > 12 and m.group("nsep") == "/":
                first, second = second, first  # 06/25/2024 is unambiguously month-first
            return date(int(m.group("ny")), second, first)
    except ValueError:
        return None
    return None


def _time_from(m: re.Match[str]) -> tuple[int, int, int] | None:
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    second = int(m.group("s") or 0)
    ampm = m.group("ampm")
    if m.group("mi") is None and not ampm:
        return None  # a bare number is not a time
    if m.group("tsep") == "." and m.group("s") is not None:
        return None
    if ampm:
        if not 1 <= hour <= 12:
            return None
        is_pm = ampm.lower().startswith("p")
        hour = (hour % 12) + (12 if is_pm else 0)
    if hour > 23:
        return None
    return hour, minute, second


def _zone_from(m: re.Match[str], day: date, hour: int) -> tuple[bool, timedelta | None]:
    """(zone stated?, offset) for a time match; an unknown abbreviation gives (True, None)."""
    if m.group("zattached"):
        return True, timedelta(0)
    if m.group("znum"):
        return True, _numeric_offset(m.group("znum"))
    abbr = m.group("zabbr")
    if not abbr:
        return False, None
    if abbr in ZONE_OFFSETS:
        return True, ZONE_OFFSETS[abbr]
    if abbr in _US_GENERIC:
        return True, _generic_offset(abbr, day, hour)
    return True, None


def _iso(day: date, clock: tuple[int, int, int] | None, offset: timedelta | None) -> str:
    if clock is None:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, *clock)
    if offset is not None:
        moment = moment.replace(tzinfo=timezone(offset))
    return moment.isoformat(timespec="seconds")


def find_timestamps(line: str) -> list[tuple[int, int, str]]:
    """Every date (with its time and zone when adjacent) in ``line``: (start, end, ISO)."""
    found: list[_Found] = []
    floor = 0
    for dm in _DATE_RE.finditer(line):
        day = _date_from(dm)
        if day is None:
            continue
        start, end = dm.start(), dm.end()
        clock: tuple[int, int, int] | None = None
        offset: timedelta | None = None
        tm = _TIME_AFTER_RE.match(line, end)
        if tm is not None and _time_from(tm) is None:
            tm = None
        if tm is not None and dm.group("iy") is None and line[end : end + 1] == "T":
            tm = None  # "T" joins a time only to an ISO date
        if tm is None:
            before = _TIME_BEFORE_RE.search(line, floor, start)
            if before is not None and _time_from(before) is not None:
                tm = before
                start = before.start()
        else:
            end = tm.end()
        if tm is not None:
            clock = _time_from(tm)
            if clock is not None:
                _, offset = _zone_from(tm, day, clock[0])
        found.append(_Found(start, end, _iso(day, clock, offset)))
        floor = end
    return [(f.start, f.end, f.value) for f in found]


def _label_kind(gap: str) -> str | None:
    """'published' / 'updated' / '' (no label) when ``gap`` is label-and-separators only."""
    m = _GAP_RE.match(gap)
    if m is None:
        return None
    label = (m.group("label") or "").lower()
    if not label:
        return ""
    label = " ".join(label.split())
    return "updated" if label in _LABELS_UPDATED else "published"


_TAIL_STOPWORDS = frozenset(
    {"published", "updated", "modified", "posted", "date", "read", "more", "comments"}
)
_PLACE_PUNCT = ".'’-"


def _place_token(token: str, *, upper: bool) -> bool:
    core = token.strip(_PLACE_PUNCT)
    if not core or not all(ch.isalpha() or ch in _PLACE_PUNCT for ch in core):
        return False
    if upper:
        return core.isupper()
    return core[0].isupper()


def caps_place(text: str) -> str | None:
    """``text`` as a dateline place ("LAGOS", "NEW YORK, NY", "ST. PETERSBURG, Florida").

    The place proper is 1-4 upper-case tokens; an optional region after one comma is
    1-3 capitalised tokens. Anything else gives None.
    """
    head, comma, region = text.strip().partition(",")
    tokens = head.split()
    if not 1 <= len(tokens) <= 4 or sum(ch.isalpha() for ch in head) < 2:
        return None
    if not all(_place_token(token, upper=True) for token in tokens):
        return None
    if comma:
        region_tokens = region.split()
        if not 1 <= len(region_tokens) <= 3:
            return None
        if not all(_place_token(token, upper=False) for token in region_tokens):
            return None
        return f"{' '.join(tokens)}, {' '.join(region_tokens)}"
    return " ".join(tokens)


def _capitalised_words(text: str, limit: int) -> bool:
    tokens = text.replace(",", " ").split()
    return 1 <= len(tokens) <= limit and all(_place_token(token, upper=False) for token in tokens)


def _tail(tail: str) -> tuple[bool, str | None]:
    """(acceptable?, dateline) for the text after the last timestamp."""
    stripped = tail.strip()
    if not stripped:
        return True, None
    sep = _TAIL_SEP_RE.match(stripped)
    rest = stripped[sep.end() :].strip() if sep else stripped
    rest = rest.rstrip(" |·•-–—")
    if not rest:
        return True, None
    if _READING_TIME_RE.match(rest):
        return True, None
    if sep is None:
        return False, None
    if rest.split()[0].lower().strip(",:") in _TAIL_STOPWORDS:
        return False, None
    place = caps_place(rest)
    if place is not None:
        # Only a dash or a pipe sets a dateline off ("... IST - LAGOS"); after a comma an
        # upper-case word is an edition or a section ("11:42, UK").
        return True, place if any(ch in sep.group() for ch in "-–—|") else None
    if _capitalised_words(rest, 4):
        return True, None  # "- Abuja", "| Agency": part of the stamp, not a dateline
    return False, None


def parse_timestamp_line(line: str) -> Timestamps | None:
    """The published/updated time of a line that is mainly a timestamp, else None."""
    text = " ".join(line.replace("\u00a0", " ").split())
    if not text or len(text) > _MAX_LINE_CHARS:
        return None
    stamps = find_timestamps(text)
    if not stamps:
        return None
    published: str | None = None
    updated: str | None = None
    cursor = 0
    for start, end, value in stamps:
        kind = _label_kind(text[cursor:start])
        if kind is None:
            return None
        if kind == "updated" or (kind == "" and published is not None):
            if updated is None:
                updated = value
        elif published is None:
            published = value
        cursor = end
    ok, dateline = _tail(text[cursor:])
    if not ok:
        return None
    return Timestamps(published=published, updated=updated, dateline=dateline)


# ---------------------------------------------------------------------------------------
# Input metadata
# ---------------------------------------------------------------------------------------

_ISO_DATE_ONLY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH_RE = re.compile(r"^(?:19|20)\d\d(?:-(?:0[1-9]|1[0-2]))?$")
_EPOCH_RE = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{12,13}$")
_COMPACT_DATE_RE = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)$")

_DATEPARSER_SETTINGS: dict[str, Any] = {
    "RETURN_TIME_AS_PERIOD": True,
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


def _format_datetime(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def _with_dateparser(value: str) -> str | None:
    # Imported lazily: dateparser loads its language data on first use.
    dateparser_date: Any = importlib.import_module("dateparser.date")
    with warnings.catch_warnings():
        # dateparser and its pytz/tzlocal helpers may warn about their own internals.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        data = dateparser_date.DateDataParser(settings=_DATEPARSER_SETTINGS).get_date_data(value)
    moment = data.date_obj
    if not isinstance(moment, datetime):
        return None
    if data.period == "time":
        return _format_datetime(moment)
    return moment.date().isoformat()


def parse_iso_or_text_date(value: str) -> str | None:
    """Normalise a date from input metadata to ISO 8601, keeping a stated offset.

    ``"2024-06-10T12:04:00Z"`` -> ``"2024-06-10T12:04:00+00:00"``;
    ``"Mon, 10 Jun 2024 09:12:00 +0100"`` -> ``"2024-06-10T09:12:00+01:00"``;
    ``"June 10, 2024"`` -> ``"2024-06-10"``; ``"2024-06"`` stays; epoch seconds are UTC.
    Unparseable -> None.
    """
    text = " ".join(str(value).replace("\u00a0", " ").split())
    if not text or len(text) > _MAX_LINE_CHARS:
        return None
    if _YEAR_MONTH_RE.match(text):
        return text
    compact = _COMPACT_DATE_RE.match(text)
    if compact:
        try:
            return date(*(int(part) for part in compact.groups())).isoformat()
        except ValueError:
            return None
    if _EPOCH_RE.match(text):
        seconds = float(text) / (1000 if len(text) >= 12 and "." not in text else 1)
        try:
            return _format_datetime(datetime.fromtimestamp(seconds, tz=UTC))
        except (OverflowError, OSError, ValueError):
            return None
    if _ISO_DATE_ONLY_RE.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return _format_datetime(datetime.fromisoformat(text))
    except ValueError:
        pass
    stamp = parse_timestamp_line(text)
    if stamp is not None and (stamp.published or stamp.updated):
        return stamp.published or stamp.updated
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        return _format_datetime(moment)
    return _with_dateparser(text)


_NAMED_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d\d)(?P<s>[-_/.]?)(?P<m>0[1-9]|1[0-2])(?P=s)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?![0-9])"
)


def date_in_name(name: str) -> str | None:
    """The day a file name or a URL path writes, as wire archives and news sites name
    articles (``APW19980809.0700``, ``/2024/06/12/slug``, ``2024-06-12-slug.txt``), else
    None. Only an unbroken year-month-day with one separator style counts, and only one
    such date: two different ones say nothing."""
    found = {(int(m["y"]), int(m["m"]), int(m["d"])) for m in _NAMED_DATE.finditer(name)}
    if len(found) != 1:
        return None
    try:
        return date(*found.pop()).isoformat()
    except ValueError:  # 31 February
        return None
