"""The story's charts as plain geometry, drawn as inline SVG by the templates (no script).

:func:`coverage_chart` lays out how coverage grew: one stacked column per day (per week
or month for a long story), a segment per outlet with its article count.
:func:`timeline_chart` lays out the dated timeline entries down a line, with the days
the articles were published marked among them. Everything here is numbers and plain
strings; the templates escape the strings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .labels import MONTHS

PALETTE = (
    "#4269d0",
    "#efb118",
    "#ff725c",
    "#6cc5b0",
    "#3ca951",
    "#ff8ab7",
    "#a463f2",
    "#97bbf5",
    "#9c6b4e",
    "#9498a0",
)
"""Outlet colours (Observable's categorical scheme); outlets past these share GREY."""
GREY = "#c8c4bc"
UNKNOWN = "unknown outlet"

WIDTH = 720
PLOT_TOP, PLOT_HEIGHT, AXIS_LEFT, AXIS_RIGHT = 12, 150, 34, 10
MAX_COLUMNS = 62


def day_of(value: str | None) -> date | None:
    """The calendar day an ISO 8601 date or time states (its own, not UTC's), or None for
    an undated value or one less precise than a day."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def day_label(day: date, *, year: bool = True) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


@dataclass(frozen=True)
class _Unit:
    name: str  # day, week or month

    def start(self, day: date) -> date:
        if self.name == "week":
            return day - timedelta(days=day.weekday())
        if self.name == "month":
            return day.replace(day=1)
        return day

    def next(self, start: date) -> date:
        if self.name == "week":
            return start + timedelta(days=7)
        if self.name == "month":
            return date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start + timedelta(days=1)

    def label(self, start: date) -> str:
        if self.name == "month":
            return f"{MONTHS[start.month - 1]} {start.year}"
        return day_label(start, year=False)


def _unit(first: date, last: date) -> _Unit:
    days = (last - first).days + 1
    if days <= MAX_COLUMNS:
        return _Unit("day")
    if days <= MAX_COLUMNS * 7:
        return _Unit("week")
    return _Unit("month")


def outlet_colours(outlets: Iterable[str]) -> dict[str, str]:
    """A colour per outlet in the given order (the unknown outlet and any past the
    palette grey)."""
    colours: dict[str, str] = {}
    for outlet in outlets:
        if outlet in colours:
            continue
        known = [o for o in colours if o != UNKNOWN]
        fits = outlet != UNKNOWN and len(known) < len(PALETTE)
        colours[outlet] = PALETTE[len(known)] if fits else GREY
    return colours


def _nice_step(top: int) -> int:
    """A tick step giving at most five ticks up to ``top``: 1, 2, 5, 10, 20, 50..."""
    raw = max(1.0, top / 5)
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def coverage_chart(dated: Sequence[tuple[str, date | None]]) -> dict[str, Any] | None:
    """Articles per outlet over time, from (outlet label, day published) pairs: columns
    of stacked segments (``bars``, each with its outlet, bucket, dates and ``count``),
    y ticks, x labels and the legend; None when no article has a day."""
    days = [day for _outlet, day in dated if day is not None]
    if not days:
        return None
    unit = _unit(min(days), max(days))
    starts: list[date] = []
    at = unit.start(min(days))
    while at <= max(days):
        starts.append(at)
        at = unit.next(at)
    counts: dict[tuple[date, str], int] = {}
    totals: dict[str, int] = {}
    for outlet, day in dated:
        totals[outlet] = totals.get(outlet, 0) + 1
        if day is not None:
            key = (unit.start(day), outlet)
            counts[key] = counts.get(key, 0) + 1
    order = sorted(totals, key=lambda o: (o == UNKNOWN, -totals[o], o))
    colours = outlet_colours(order)
    column_totals = {s: sum(n for (b, _o), n in counts.items() if b == s) for s in starts}
    top = max(column_totals.values())
    step = _nice_step(top)
    ceiling = step * math.ceil(top / step)
    scale = PLOT_HEIGHT / ceiling
    plot_width = WIDTH - AXIS_LEFT - AXIS_RIGHT
    column = plot_width / len(starts)
    bar = min(46.0, column * 0.78)
    bars = []
    for i, start in enumerate(starts):
        x = AXIS_LEFT + i * column + (column - bar) / 2
        base = float(PLOT_TOP + PLOT_HEIGHT)
        end = unit.next(start) - timedelta(days=1)
        for outlet in order:
            count = counts.get((start, outlet), 0)
            if not count:
                continue
            height = count * scale
            base -= height
            bars.append(
                {
                    "x": round(x, 2),
                    "y": round(base, 2),
                    "width": round(bar, 2),
                    "height": round(height, 2),
                    "fill": colours[outlet],
                    "outlet": outlet,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "label": unit.label(start),
                    "count": count,
                }
            )
    every = max(1, math.ceil(len(starts) / 12))
    labels = [
        {"x": round(AXIS_LEFT + (i + 0.5) * column, 2), "text": unit.label(s)}
        for i, s in enumerate(starts)
        if i % every == 0
    ]
    ticks = [
        {"y": round(PLOT_TOP + PLOT_HEIGHT - v * scale, 2), "value": v}
        for v in range(0, ceiling + 1, step)
    ]
    undated = sum(1 for _outlet, day in dated if day is None)
    return {
        "width": WIDTH,
        "height": PLOT_TOP + PLOT_HEIGHT + 34,
        "plot": {"left": AXIS_LEFT, "right": WIDTH - AXIS_RIGHT, "top": PLOT_TOP},
        "baseline": PLOT_TOP + PLOT_HEIGHT,
        "unit": unit.name,
        "scale": scale,
        "bars": bars,
        "ticks": ticks,
        "labels": labels,
        "label_y": PLOT_TOP + PLOT_HEIGHT + 18,
        "year_label": _years(min(days), max(days)),
        "legend": [{"outlet": o, "fill": colours[o], "count": totals[o]} for o in order],
        "dated": len(dated) - undated,
        "undated": undated,
    }


def _years(first: date, last: date) -> str:
    return str(first.year) if first.year == last.year else f"{first.year}\u2013{last.year}"


ROW, GAP, TEXT_CHARS = 24, 22, 84
TIMELINE_LINE_X, TIMELINE_TEXT_X = 118, 134


def _precise_label(value: str, precision: str | None) -> str:
    parts = value.split("-")
    if precision == "year" or len(parts) == 1:
        return parts[0]
    if precision == "month" or len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return day_label(date(int(parts[0]), int(parts[1]), int(parts[2][:2])))


def _start_of(value: str) -> date | None:
    """The first day of an ISO date of any precision (``2000``, ``2000-07``, ``2000-07-19``)."""
    try:
        numbers = [int(part) for part in value[:10].split("-")]
        return date(numbers[0], *[*numbers[1:3], 1, 1][:2])
    except (ValueError, IndexError, TypeError):
        return None


def _range_label(value: str, end: str | None, precision: str | None) -> str:
    """``19 Jul 2000``, ``Sep 2023``, ``12–17 Sep 2023``, ``30 May–2 Jun 2024``."""
    first, last = _start_of(value), _start_of(end) if end else None
    if first is None or last is None or precision != "day" or last <= first:
        return _precise_label(value, precision)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day_label(last)}"
    if first.year == last.year:
        return f"{day_label(first, year=False)}–{day_label(last)}"
    return f"{day_label(first)}–{day_label(last)}"


def _gap_label(days: int) -> str:
    years = days / 365.25
    if years >= 1.5:
        return f"{round(years)} years later"
    if days >= 60:
        return f"{round(days / 30.44)} months later"
    return f"{days} days later"


def timeline_chart(
    entries: Sequence[Mapping[str, Any]], published: Sequence[date]
) -> dict[str, Any] | None:
    """The dated entries (``date``, ``precision``, ``status``, ``text``) one per row in
    date order, the days the articles came out as one more row among them, and a break
    with its length wherever two rows are more than a year apart; None without a dated
    entry. Undated entries are left to the list under the chart."""
    rows: list[dict[str, Any]] = []
    for n, entry in enumerate(entries):
        start = _start_of(entry["date"]) if entry.get("date") else None
        if start is None:
            continue
        text = str(entry["text"])
        short = text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1].rstrip() + "\u2026"
        label = _range_label(entry["date"], entry.get("end"), entry.get("precision"))
        rows.append(
            {
                "kind": entry.get("status") or "past",
                "key": (start, 0, n),
                "start": start,
                "date": entry["date"],
                "label": label,
                "text": short,
                "full": text,
                "entry": n,
            }
        )
    if not rows:
        return None
    if published:
        first, last = min(published), max(published)
        label = _range_label(first.isoformat(), last.isoformat(), "day")
        count = len(published)
        rows.append(
            {
                "kind": "reported",
                "key": (first, 1, -1),
                "start": first,
                "date": first.isoformat(),
                "label": label,
                "text": f"the articles of this story came out ({count} dated)",
                "full": f"The story's {count} dated articles were published {label}.",
                "entry": None,
            }
        )
    rows.sort(key=lambda r: r["key"])
    y = 14
    gaps = []
    previous: date | None = None
    for row in rows:
        if previous is not None and (row["start"] - previous).days > 366:
            middle = y - ROW / 2 + (ROW + GAP) / 2
            gaps.append({"y": middle, "label": _gap_label((row["start"] - previous).days)})
            y += GAP
        row["y"] = y
        previous = row["start"]
        y += ROW
        del row["key"], row["start"]
    return {
        "width": WIDTH,
        "height": y - ROW + 14,
        "line_x": TIMELINE_LINE_X,
        "text_x": TIMELINE_TEXT_X,
        "label_x": TIMELINE_LINE_X - 14,
        "top": rows[0]["y"],
        "bottom": rows[-1]["y"],
        "rows": rows,
        "gaps": gaps,
    }
