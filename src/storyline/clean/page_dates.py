"""An HTML page's publication and update times, from its metadata, checked.

What a page states (``article:published_time`` and the like, the ``datePublished`` of its
own JSON-LD article: never of an object nested in it, such as a cited work) is read as
the page writes it, time zone included. A value is a candidate only when it is a
plausible Gregorian date (a year from ``EARLIEST_YEAR`` to next year: a Solar Hijri 1399
is no year of ours); an ambiguous numeric date ("10/05/2022") gives both readings, the
page's locale deciding which comes first.

The day is settled by htmldate (through trafilatura's ``date``), which weighs every date
signal of the page: a stated timestamp on that day is kept whole (with its time and
zone), else the page is dated by that day alone; but the ``datePublished`` of the
page's own JSON-LD article wins over a day more than one day away from it (htmldate
took a later update or another date of the text). ``published`` never falls after
``updated``: an update time earlier than the publication is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from lxml.html import HtmlElement

from .dates import parse_iso_or_text_date
from .headline import article_objects

__all__ = ["StatedDates", "consistent_update", "resolve_dates", "stated_dates"]

EARLIEST_YEAR = 1990
"""Older dates on a news page are history it mentions, not when it was published."""

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date.issued",
)
UPDATED_META = ("article:modified_time", "og:updated_time", "datemodified", "lastmod")
_NUMERIC = re.compile(r"\s*(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)\b")
# Locales that write the month first.
_MONTH_FIRST = ("en-us", "en_us", "fil", "en-ph")


@dataclass(frozen=True)
class StatedDates:
    """What the page states, in the order it is trusted; ``month_first`` from its locale."""

    published: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    month_first: bool = False
    declared: int = 0  # how many of ``published`` come from the page's JSON-LD article


def stated_dates(root: HtmlElement) -> StatedDates:
    """The publication and update times a page's metadata states (unparsed)."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            metas.setdefault(name, content)
    articles = article_objects(root)
    published = [a["datePublished"] for a in articles if isinstance(a.get("datePublished"), str)]
    updated = [a["dateModified"] for a in articles if isinstance(a.get("dateModified"), str)]
    declared = len(published)
    published += [metas[n] for n in PUBLISHED_META if n in metas]
    updated += [metas[n] for n in UPDATED_META if n in metas]
    locale = (root.get("lang") or metas.get("og:locale") or "").lower()
    return StatedDates(tuple(published), tuple(updated), locale.startswith(_MONTH_FIRST), declared)


def _plausible(value: str) -> bool:
    year = int(value[:4]) if value[:4].isdigit() else 0
    return EARLIEST_YEAR <= year <= date.today().year + 1


def _readings(value: str, month_first: bool) -> list[str]:
    m = _NUMERIC.match(value)
    if m is not None:
        first, second, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        days = []
        for day, month in ((first, second), (second, first)):
            try:
                days.append(date(year, month, day).isoformat())
            except ValueError:
                continue
        return days[::-1] if month_first else days
    parsed = parse_iso_or_text_date(value)
    return [parsed] if parsed else []


def _moment(value: str) -> datetime | date:
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value[:10])
    except ValueError:
        return date.min


def consistent_update(published: str | None, updated: str | None) -> str | None:
    """``updated``, unless it comes before ``published`` (then None: one of the two is
    wrong, and the publication is the better established)."""
    if not published or not updated:
        return updated
    a, b = _moment(published), _moment(updated)
    if (
        isinstance(a, datetime)
        and isinstance(b, datetime)
        and (a.tzinfo is None) == (b.tzinfo is None)
    ):
        return updated if b >= a else None
    return updated if updated[:10] >= published[:10] else None


def resolve_dates(stated: StatedDates, day: str | None) -> tuple[str | None, str | None]:
    """(published, updated) from what the page states and the day htmldate settled on."""
    updated = next(
        (r for v in stated.updated for r in _readings(v, stated.month_first) if _plausible(r)),
        None,
    )
    options = [r for v in stated.published for r in _readings(v, stated.month_first)]
    options = [r for r in options if _plausible(r)]
    if updated:  # an ambiguous date reads the way that keeps it before the update
        options = [r for r in options if r[:10] <= updated[:10]] or options
    declared = [r for v in stated.published[: stated.declared] for r in _readings(v, False)]
    declared = [r for r in declared if _plausible(r)]
    if declared and day and abs(_moment(declared[0][:10]) - _moment(day[:10])).days > 1:
        day = None  # the article's own JSON-LD outweighs a day htmldate read elsewhere
    if day and _plausible(day):
        published: str | None = next((r for r in options if r[:10] == day[:10]), day[:10])
    else:
        published = options[0] if options else None
    return published, consistent_update(published, updated)
