"""Times of day of one event across a story: the clock time (or the time into something
under way) one article gives an event against another's.

Fact alignment compares times only inside one fact; articles often time an event in
sentences worded too differently to align. The events are matched as
:mod:`.event_dates` matches dated clauses (the same predicate, no verb of saying; the
same subject, objects and complement verbs; alike sentences, MiniLM cosine
``SAME_EVENT_COSINE``), with the clock time in place of the day:

- **normalised first**: times are read by :func:`.conflicts.times` ("1:43 a.m." =
  "01:43" = "1.43am"); a time with a zone is converted to UTC ("0543 GMT" = "12:43 a.m.
  EST") and compared only with another zoned time; one without a zone only with another
  without (a zone on one side alone leaves the two times unknown against each other);
- **the event's time**: the time hangs from the verb itself ("crashed at 1:50 a.m.",
  not "a 3:30 p.m. news conference"), is no edge of a span ("from 1:10 to 1:40 a.m.",
  "until 2:30 a.m.", "after 1:40 a.m.") and no time a thing was said (verbs of saying
  are no predicate);
- **rough times agree**: "about 1:45" agrees with any time ``ROUGH_MINUTES`` either side
  (``ROUGH_HALF_HOUR`` for a time on the hour or half hour, "around 2:00");
- **elapsed times** ("30 minutes into the flight", "a half hour out of the port") are
  compared as times of the event when the noun after the preposition (the frame) is the
  same; a rough one ("some 40 minutes") agrees with figures within 10%;
- **one of one kind**: a subject noun the story counts several of ("the first quake",
  "another blast", anywhere in the story) gives no time of one event;
- **one day**: two sentences naming different days ("on Sunday at 1:40" / "on Monday at
  1:50") are not compared: a time is of a day.

Each article gives an event one time or none of its times is taken. Kinds: ``update``
when the articles were published on different days, else ``contradiction``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Token

from .conflicts import Conflict, Value, dates, linked, one_figure_each, times
from .event_dates import (
    _SPAN_CUES,
    _comparable,
    _Dated,
    _descriptions,
    _read,
    event_conflict,
    hung_from,
)
from .facts import FactMention
from .nlp import ParsedArticle
from .terms import NUMBER_WORDS, ZONES

ROUGH_MINUTES = 5
ROUGH_HALF_HOUR = 15
_DAY_MINUTES = 24 * 60
_ELAPSED_ESTIMATE = 0.1  # "some 40 minutes" agrees with 36 to 44

_SPAN_AFTER = re.compile(r"\A\s*(?:[-–]|to\b|and\b|until\b|till\b|through\b)\s*\d", re.I)
"""A time followed by another it runs to ("1:10-1:40 a.m.", "1:10 to 1:40")."""
_ROUGH = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|circa|close\s+to)\s*\Z", re.I
)
_HOUR = re.compile(
    r"(?<![\w.:,])(?P<h>1[0-2]|0?[1-9])\s*(?P<ampm>[ap])(?:\.m\.|\.m\b|m\b)"
    r"(?:\s*(?P<zone>" + "|".join(ZONES) + r")\b)?",
    re.IGNORECASE,
)
"""A time written to the hour ("2 a.m.", "11pm EST"): compared as rounded to the hour."""
_UNITS = {"second": 1 / 60, "minute": 1.0, "hour": 60.0}
_ELAPSED = re.compile(
    r"\b(?P<n>\d+|a|an|one|" + "|".join(NUMBER_WORDS) + r"|half\s+an|a\s+half)\s+"
    r"(?P<unit>second|minute|hour)s?\s+(?P<prep>into|out\s+of)\b",
    re.IGNORECASE,
)
"""Time elapsed in something under way ("30 minutes into the flight", "a half hour out
of the port"): compared when the frame (the noun after the preposition) is the same."""
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def event_times(
    parsed: Sequence[ParsedArticle],
    sentences: Sequence[Any],
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    published: Mapping[str, str | None],
    *,
    fact_of: Mapping[tuple[str, int], str] | None = None,
    taken: frozenset[tuple[str, int]] = frozenset(),
) -> list[Conflict]:
    """Conflicts between the clock times articles give one event (arguments as
    :func:`.counts.people_counts`)."""
    by_id = {item.id: item for item in parsed}
    described = _descriptions(parsed)
    timed: list[_Dated] = []
    for i, s in enumerate(sentences):
        item = by_id.get(s.article_id)
        if item is None:
            continue
        for value in clock_times(s.text) + elapsed(s.text):
            before, after = s.text[: value.start], s.text[value.end :]
            if _SPAN_CUES.search(before) or _SPAN_AFTER.match(after):
                continue
            verb = _verb_of(item, s.start + value.start, s.start + value.end)
            found = _read(verb) if verb is not None else None
            if found is None:
                continue
            if _ROUGH.search(before):
                value = replace(value, hedged=True, bound="~")
            if value.about == "elapsed":
                frame = _frame(item, s.start + value.start, s.start + value.end)
                if frame is None:
                    continue
                value = replace(value, about=f"elapsed {frame}")
            mention = FactMention(s.article_id, s.index, s.start, s.end, s.text)
            timed.append(_Dated(i, mention, value, *found))
    days = {d.sentence: _days(sentences[d.sentence].text) for d in timed}
    several = _several(parsed)

    def comparable(a: _Dated, b: _Dated) -> bool:
        if a.value.about != b.value.about:
            return False  # a zone on one side only
        if days[a.sentence] and days[b.sentence] and not days[a.sentence] & days[b.sentence]:
            return False
        if a.subject in several or b.subject in several:
            return False  # "the first quake struck at 4:43" / "the quake struck at 7:48"
        return _comparable(a, b, owner, vectors, described)

    found_conflicts = []
    for group in linked(timed, comparable):
        kept = one_figure_each(group)
        values = [d.value for d in kept.values()]
        if len(values) < 2 or all(agree(x, y) for x in values for y in values):
            continue
        label = "elapsed" if values[0].about.startswith("elapsed") else "time"
        conflict = event_conflict(kept, label, taken, fact_of, published)
        if conflict is not None:
            found_conflicts.append(conflict)
    return sorted(found_conflicts, key=lambda c: (c.about, c.sides[0].articles))


def clock_times(text: str) -> list[Value]:
    """The clock times of ``text`` (:func:`.conflicts.times`) and those written to the
    hour ("2 a.m.", "11pm EST"), whose ``step`` is the hour."""
    found = times(text)
    for match in _HOUR.finditer(text):
        if any(v.start <= match.start() < v.end for v in found):
            continue
        hour = int(match["h"]) % 12 + (12 if match["ampm"].lower() == "p" else 0)
        minutes = hour * 60
        zone = (match["zone"] or "").lower()
        if zone:
            minutes = (minutes - ZONES[zone]) % _DAY_MINUTES
        about = "time utc" if zone else "time"
        written = match.group(0).strip()
        found.append(Value(about, minutes, minutes, written, False, 0, "", *match.span(), 60.0))
    return sorted(found, key=lambda v: v.start)


def elapsed(text: str) -> list[Value]:
    """Times elapsed in something under way ("30 minutes into", "a half hour out of"), in
    minutes; ``about`` is "elapsed" until the frame is read."""
    found = []
    for match in _ELAPSED.finditer(text):
        word = match["n"].lower()
        if word.isdigit():
            n = float(word)
        elif word in ("a", "an", "one"):
            n = 1.0
        elif word in NUMBER_WORDS:
            n = float(NUMBER_WORDS[word])
        else:
            n = 0.5  # "half an hour", "a half hour"
        minutes = n * _UNITS[match["unit"].lower()]
        written = match.group(0)[: match.start("prep") - match.start()].strip()
        end = match.start() + len(written)
        found.append(Value("elapsed", minutes, minutes, written, False, 0, "", match.start(), end))
    return found


def _frame(item: ParsedArticle, start: int, end: int) -> str | None:
    """The lemma of the noun after an elapsed time's preposition ("into the flight")."""
    span = item.doc.char_span(start, end, alignment_mode="expand")
    doc = item.doc
    at = span.end if span is not None else len(doc)
    if at < len(doc) and doc[at].lower_ == "out":
        at += 1
    if at >= len(doc) or doc[at].pos_ != "ADP":
        return None
    token = doc[at]
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return str(objects[0].lemma_).lower() if len(objects) == 1 else None


def agree(a: Value, b: Value) -> bool:
    """The same minute of the day, or a rough time and one it allows for, or a time to
    the hour and one in the half hour either side ("2 a.m." / "1:50 a.m.")."""
    if a.about.startswith("elapsed"):
        rough = max(a.low if a.hedged else 0.0, b.low if b.hedged else 0.0)
        return abs(a.low - b.low) <= rough * _ELAPSED_ESTIMATE
    gap = abs(a.low - b.low) % _DAY_MINUTES
    gap = min(gap, _DAY_MINUTES - gap)
    slack = max(_slack(a), _slack(b), a.step / 2, b.step / 2)
    return gap <= slack


def _slack(value: Value) -> float:
    if not value.hedged:
        return 0.0
    return ROUGH_HALF_HOUR if value.low % 30 == 0 else ROUGH_MINUTES


def _verb_of(item: ParsedArticle, start: int, end: int) -> Token | None:
    """The verb a time hangs from ("crashed at 1:50 a.m.", "crashed 1:50 a.m."), or
    None when it hangs from a noun or is the root itself."""
    head = hung_from(item, start, end)
    return head if head is not None and head.pos_ == "VERB" else None


_SERIES = frozenset(
    {"another", "other", "first", "second", "third", "fourth", "fifth", "next", "previous",
     "earlier", "later", "latest", "last", "new"}
)  # fmt: skip
"""Words before a noun that pick one of several of its kind ("the second quake")."""


def _several(parsed: Sequence[ParsedArticle]) -> frozenset[str]:
    """Lemmas of nouns the story counts more than one of by an ordinal or "another"
    ("the first quake", "another blast"): the time of "the quake" is then not known to
    be one event's."""
    found = set()
    for item in parsed:
        for token in item.doc:
            if token.pos_ != "NOUN":
                continue
            for child in token.children:
                if child.dep_ in ("amod", "det") and (
                    child.lower_ in _SERIES or child.ent_type_ == "ORDINAL"
                ):
                    found.add(str(token.lemma_).lower())
    return frozenset(found)


def _days(text: str) -> frozenset[str]:
    """The days a sentence names (weekdays, dates with a day), as written."""
    named = {m.group(0).lower() for m in _WEEKDAY.finditer(text)}
    named |= {str(int(v.low) % 10000) for v in dates(text) if v.precision == 2}
    return frozenset(named)
