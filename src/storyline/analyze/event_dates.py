"""Days of one event across a story: the day one article dates it to against another's.

Fact alignment compares dates only inside one fact. Articles often date a story's event
in sentences worded too differently to align ("the submarine sank on Sunday, officials
said" / "The Kursk sank on Aug. 12 after explosions"), and a weekday is only a day once
resolved against the article's own date (:func:`.timeline.dated_clauses`). Two dated
clauses are read as dating one event when:

- **the same predicate**: their verbs have the same lemma (no verb of saying: the day a
  thing was said is no day of the event);
- **the same subject and object**: the verbs' objects and complement verbs have the
  same lemmas ("killed himself" / "killed his wife" are two events);
- **the same subject**: the verbs' subjects have the same lemma, or one is a name and the
  other a noun the story uses to describe that name ("the submarine Kursk", "the Kursk,
  a nuclear submarine"); a pronoun subject is no subject read here;
- **the same role**: the date hangs from the verb and is the event's day, not the start
  or end of a span ("since Saturday", "until Monday");
- **the same event**: the two sentences are alike (MiniLM cosine ``SAME_EVENT_COSINE``).

Each article dates an event once or none of its dates is taken. Kinds: ``update`` when the
articles were published on different days (a later report corrected the day), else
``contradiction``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Token

from .conflicts import Conflict, Value, dates, lead_side, linked, one_figure_each, sides_of
from .counts import SAME_EVENT_COSINE
from .facts import FactMention
from .nlp import ParsedArticle
from .phrases import REPORT_VERBS
from .timeline import DatedClause, dated_clauses

_SPAN_CUES = re.compile(
    r"\b(?:since|until|till|through|by|before|after|from|to|between|and|within)\s*\Z",
    re.IGNORECASE,
)
"""Prepositions before a date that make it an edge of a span, not the event's day."""

_DEICTIC = re.compile(r"\b(?:today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)
"""Days told from the day of writing: a wire copy re-sent later keeps its "today", so
the day it resolves to against the copy's date is no report of the event's day."""

_LIGHT_VERBS = frozenset({"be", "have", "do", "become", "get", "begin", "start", "continue"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "xcomp", "ccomp"})


@dataclass(frozen=True)
class _Dated:
    sentence: int  # index into the story's candidate sentences
    mention: FactMention
    value: Value
    predicate: str
    subject: str  # the subject's lemma, lower case
    named: bool  # the subject is a name
    objects: frozenset[str]  # lemmas of its object and complement verb


def event_dates(
    parsed: Sequence[ParsedArticle],
    sentences: Sequence[Any],
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    published: Mapping[str, str | None],
    *,
    fact_of: Mapping[tuple[str, int], str] | None = None,
    taken: frozenset[tuple[str, int]] = frozenset(),
) -> list[Conflict]:
    """Conflicts between the days articles date one event to (arguments as
    :func:`.counts.people_counts`)."""
    index = {(s.article_id, s.index): i for i, s in enumerate(sentences)}
    described = _descriptions(parsed)
    dated: list[_Dated] = []
    for position, item in enumerate(parsed):
        for clause in dated_clauses(item, position):
            i = index.get((clause.sentence.article_id, clause.sentence.index))
            if i is None or _SPAN_CUES.search(clause.before) or _DEICTIC.search(clause.expression):
                continue
            found = _read(clause.verb)
            if found is None or not _dates_verb(item, clause):
                continue
            predicate, subject, named, objects = found
            s = clause.sentence
            day = date.fromisoformat(clause.day)
            number = day.year * 10000 + day.month * 100 + day.day
            start = len(clause.before)
            value = Value("date", number, number, clause.expression.strip(), False, 2, "",
                          start, start + len(clause.expression))  # fmt: skip
            mention = FactMention(s.article_id, s.index, s.start, s.end, s.text)
            dated.append(_Dated(i, mention, value, predicate, subject, named, objects))
    found_conflicts = []
    for group in linked(dated, lambda a, b: _comparable(a, b, owner, vectors, described)):
        kept = one_figure_each(group)  # a day is one figure: low == high
        if len({d.value.low for d in kept.values()}) < 2:
            continue
        if any(_written_alike(x.value, y.value) for x in kept.values() for y in kept.values()):
            continue  # one day written alike, resolved apart: the resolution differs
        conflict = event_conflict(kept, "date", taken, fact_of, published)
        if conflict is not None:
            found_conflicts.append(conflict)
    return sorted(found_conflicts, key=lambda c: (c.about, c.sides[0].articles))


def event_conflict(
    kept: Mapping[str, _Dated],
    label: str,
    taken: frozenset[tuple[str, int]],
    fact_of: Mapping[tuple[str, int], str] | None,
    published: Mapping[str, str | None],
) -> Conflict | None:
    """The conflict of one event's differing figures (one side per article, ``kept``),
    about "``label`` <predicate>"; None when a side is in a conflict already. Kind:
    ``update`` when the articles were published on different days, else
    ``contradiction``."""
    if any((d.mention.article, d.mention.sentence) in taken for d in kept.values()):
        return None
    first, fact = lead_side(kept.values(), fact_of)
    stamps = {(published.get(d.mention.article) or "")[:10] for d in kept.values()}
    kind = "update" if len(stamps) > 1 and "" not in stamps else "contradiction"
    pairs = [(d.mention, d.value) for d in kept.values()]
    return Conflict(kind, f"{label} {first.predicate}", sides_of(pairs), fact)


def _written_alike(a: Value, b: Value) -> bool:
    """Two different days written the same ("on Saturday" / "Saturday"), or the same
    month and day with a year on at most one side ("April 9" / "April 9, 2009"): the days
    differ by the articles' dates the resolution used, not by what they report."""
    if a.low == b.low:
        return False
    if _CUE.sub("", a.text.lower()) == _CUE.sub("", b.text.lower()):
        return True
    x, y = dates(a.text), dates(b.text)
    if len(x) != 1 or len(y) != 1 or x[0].precision != 2 or y[0].precision != 2:
        return False
    years = {int(x[0].low) // 10000, int(y[0].low) // 10000}
    return int(x[0].low) % 10000 == int(y[0].low) % 10000 and (0 in years or len(years) == 1)


_CUE = re.compile(r"^(?:on|at|in|of|early|late|last)\s+|\W+")


def _dates_verb(item: ParsedArticle, clause: DatedClause) -> bool:
    """The date hangs from the verb itself ("sank on Sunday", "sank Sunday"), not from a
    noun ("convicted of the June 20 murder", "the Aug. 12 disaster")."""
    start = clause.sentence.start + len(clause.before)
    head = hung_from(item, start, start + len(clause.expression))
    return head is not None and head.i == clause.verb.i


def hung_from(item: ParsedArticle, start: int, end: int) -> Token | None:
    """The word the expression at ``start``-``end`` hangs from, through a preposition
    ("sank on Sunday" -> sank; "the Aug. 12 disaster" -> disaster); None when it (or its
    preposition) is the sentence's root or the span is not parsed."""
    span = item.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if root.head.dep_ == "prep" and root.dep_ == "pobj":
        root = root.head
    return None if root.head is root else root.head


def _read(verb: Token) -> tuple[str, str, bool, frozenset[str]] | None:
    """(predicate, subject lemma, whether the subject is a name, lemmas of the object
    and complement verb) of a dated clause's verb."""
    predicate = str(verb.lemma_).lower()
    if predicate in REPORT_VERBS or predicate in _LIGHT_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in _SUBJECTS]
    if len(subjects) != 1 or subjects[0].pos_ not in ("NOUN", "PROPN"):
        return None  # no subject, two, or a pronoun: whose event it is is not read here
    subject = subjects[0]
    objects = frozenset(str(c.lemma_).lower() for c in verb.children if c.dep_ in _OBJECTS)
    return predicate, str(subject.lemma_).lower(), subject.pos_ == "PROPN", objects


def _descriptions(parsed: Sequence[ParsedArticle]) -> set[tuple[str, str]]:
    """(name, noun) pairs where the story describes a name by a noun: "the submarine
    Kursk" (a compound), "the Kursk, a nuclear submarine" or "the Kursk, one of the
    submarines" (an apposition)."""
    pairs = set()
    for item in parsed:
        for token in item.doc:
            if token.pos_ != "PROPN":
                continue
            name = str(token.lemma_).lower()
            for child in token.children:
                if child.dep_ == "compound" and child.pos_ == "NOUN":
                    pairs.add((name, str(child.lemma_).lower()))
                if child.dep_ == "appos":
                    noun = child
                    if noun.pos_ in ("NUM", "PRON"):  # "one of the submarines"
                        of = [c for c in noun.children if c.lower_ == "of"]
                        objects = [c for o in of for c in o.children if c.dep_ == "pobj"]
                        noun = objects[0] if objects else noun
                    if noun.pos_ == "NOUN":
                        pairs.add((name, str(noun.lemma_).lower()))
            if token.dep_ in ("compound", "appos") and token.head.pos_ == "NOUN":
                pairs.add((name, str(token.head.lemma_).lower()))
    return pairs


def _same_subject(a: _Dated, b: _Dated, described: set[tuple[str, str]]) -> bool:
    if a.subject == b.subject:
        return True
    if a.named == b.named:
        return False
    name, noun = (a.subject, b.subject) if a.named else (b.subject, a.subject)
    return (name, noun) in described


def _comparable(
    a: _Dated,
    b: _Dated,
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    described: set[tuple[str, str]],
) -> bool:
    if owner[a.sentence] == owner[b.sentence] or a.predicate != b.predicate:
        return False
    if a.objects != b.objects:
        return False  # "killed himself" / "killed his wife"; "voted to block" / "to freeze"
    if not _same_subject(a, b, described):
        return False
    return float(vectors[a.sentence] @ vectors[b.sentence]) >= SAME_EVENT_COSINE
