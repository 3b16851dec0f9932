"""Ages of named people across a story: the age one article gives a person against another's.

Fact alignment compares an age only between mentions of one fact; two articles that say
other things of the same person ("the 1993 stabbing of 17-year-old Ann Vell" / "Ann
Vell, 18, was stabbed at a bus stop") never compare it. This search reads every age the
parse attaches to a person's name, story-wide:

- **an age of a name**: "17-year-old Ann Vell", "Ann Vell, an 18-year-old student", "Vell
  was 18 years old" (the noun or subject "old" is said of), "Ann Vell, 18," and "Ann Vell
  (18)" (a number set after the name), "Vell, who was 18," (a relative clause);
- **the same person**: the same first and last name parts; a surname alone is the person
  of that surname only where the story names one person of it (two first names with one
  surname are two people, and the surname alone is then nobody's);
- **the same time**: an age is at its article's date, or at the year its sentence names
  when that year is before the article's (the age at a past event: "the 1993 stabbing of
  17-year-old ..."); an article with no date gives no side. Ages said of a time not read
  here ("would have been 25", "was 18 when he died", "at the time") are left out;
- **one age each**: an article giving one person two ages (then and now) gives none.

Kinds: ``update`` when every pair of differing ages fits the person growing older between
their two times (the older age is the later, and the years between are more than the
ages' difference less one: a birthday may fall between), else ``contradiction``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from .conflicts import Conflict, Value, lead_side, one_figure_each, sides_of
from .facts import FactMention
from .nlp import ParsedArticle

MAX_AGE = 120

_AFTER_NAME = re.compile(
    r"(?:\s*,\s*(?:who\s+(?:is|was)\s+)?(?P<comma>\d{1,3})(?:\s+years?\s+old)?\s*(?=[,;:.)]|\Z)"
    r"|\s*\(\s*(?P<paren>\d{1,3})\s*\))"
)
"""An age set after a name: "Ann Vell, 18,", "Ann Vell (18)", "Vell, who was 18,"."""

_OTHER_TIME = re.compile(r"\b(?:would\s+have\s+been|will\s+be|would\s+be)\s*\Z", re.IGNORECASE)
_WHEN = re.compile(r"\b(?:at\s+the\s+time|when|then)\b", re.IGNORECASE)
"""Words that set an age at another time than the sentence's: before it ("would have
been 25"), or from it to the end of its clause ("was 18 when he died")."""

_CLAUSE_END = re.compile(r"[;:]|,\s|\Z")
_YEAR = re.compile(r"(?<![\d,.$])(?:19|20)\d\d(?![\d,])")


@dataclass(frozen=True)
class _Age:
    sentence: int  # index into the story's candidate sentences
    mention: FactMention
    value: Value
    person: tuple[str, str]  # (first name part, surname), lower case
    name: str  # the name as written
    at: float  # the time the age is at, in years


def person_ages(
    parsed: Sequence[ParsedArticle],
    sentences: Sequence[Any],
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    published: Mapping[str, str | None],
    *,
    fact_of: Mapping[tuple[str, int], str] | None = None,
    taken: frozenset[tuple[str, int]] = frozenset(),
) -> list[Conflict]:
    """Conflicts between the ages articles give one named person (arguments as
    :func:`.counts.people_counts`; ``vectors`` are not used: a name is its own link)."""
    people = _people(parsed)
    ages: list[_Age] = []
    for i, sentence in enumerate(sentences):
        item = parsed[owner[i]]
        span = item.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        mention = FactMention(
            sentence.article_id, sentence.index, sentence.start, sentence.end, sentence.text
        )
        for person, name, start, end, years in _ages_in(span, sentence.start, people):
            at = _time(sentence.text, published.get(sentence.article_id))
            if at is None:
                continue
            value = Value("age", years, years, sentence.text[start:end], False, 0, "",
                          start, end, 1.0)  # fmt: skip
            ages.append(_Age(i, mention, value, person, name, at))
    by_person: dict[tuple[str, str], list[_Age]] = {}
    for age in ages:
        by_person.setdefault(age.person, []).append(age)
    found = []
    for group in by_person.values():
        kept = one_figure_each(group)
        if len({a.value.low for a in kept.values()}) < 2:
            continue
        if any((a.mention.article, a.mention.sentence) in taken for a in kept.values()):
            continue
        sides = list(kept.values())
        older = all(_grew_older(a, b) for a in sides for b in sides if a.value.low < b.value.low)
        _, fact = lead_side(sides, fact_of)
        pairs = [(a.mention, a.value) for a in sides]
        kind = "update" if older else "contradiction"
        name = max((a.name for a in sides), key=len)
        found.append(Conflict(kind, f"age of {name}", sides_of(pairs), fact))
    return sorted(found, key=lambda c: (c.about, c.sides[0].articles))


def _grew_older(younger: _Age, older: _Age) -> bool:
    """The older age is the later and the years between allow it (a birthday between)."""
    return older.at - younger.at > older.value.low - younger.value.low - 1


def _time(text: str, published: str | None) -> float | None:
    """The time an age in ``text`` is at, in years: the one year the sentence names
    before its article's year (mid-year), else the article's date; None for an article
    with no date."""
    when = _date(published)
    if when is None:
        return None  # a year named is past or not by the article's date: unknown
    years = {int(y) for y in _YEAR.findall(text) if int(y) < int(when)}
    if len(years) == 1:
        return years.pop() + 0.5
    if years:
        return None  # two past years: which the age is at is not read here
    return when


def _date(published: str | None) -> float | None:
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip()[:10])
    except ValueError:
        return None
    return moment.year + (moment.timetuple().tm_yday - 1) / 366


def _parts(ent: Any) -> tuple[str, ...]:
    return tuple(t.lower_ for t in ent if t.is_alpha and t.text[:1].isupper() and t.lower_ != "s")


@dataclass(frozen=True)
class _People:
    firsts: Mapping[str, frozenset[str]]  # surname -> the first names the story gives it

    def key(self, ent: Any) -> tuple[str, str] | None:
        """Who a PERSON name is: (first name, surname); None when a surname alone could
        be two people."""
        parts = _parts(ent)
        if not parts:
            return None
        if len(parts) > 1:
            return parts[0], parts[-1]
        firsts = self.firsts.get(parts[0], frozenset())
        if len(firsts) > 1:
            return None
        return (next(iter(firsts)) if firsts else ""), parts[0]


def _people(parsed: Sequence[ParsedArticle]) -> _People:
    firsts: dict[str, set[str]] = {}
    for item in parsed:
        for ent in item.doc.ents:
            if ent.label_ == "PERSON" and len(parts := _parts(ent)) > 1:
                firsts.setdefault(parts[-1], set()).add(parts[0])
    return _People({last: frozenset(names) for last, names in firsts.items()})


def _ages_in(
    span: Any, offset: int, people: _People
) -> list[tuple[tuple[str, str], str, int, int, float]]:
    """(person, name, start, end, age) of each age given a named person in the sentence
    ``span`` (offsets into the sentence, whose start in the article is ``offset``)."""
    doc = span.doc
    names = {t.i: ent for ent in span.ents if ent.label_ == "PERSON" for t in ent}
    found = []
    for ent in {id(e): e for e in names.values()}.values():
        match = _AFTER_NAME.match(doc.text, ent.end_char, span.end_char)
        if match is None:
            continue
        group = "comma" if match["comma"] else "paren"
        start, end = match.start(group) - offset, match.end(group) - offset
        found.append((ent, start, end, float(match[group])))
    for token in span:
        if not token.like_num or not token.text.isdigit():
            continue
        ent = _owner(token, names)
        if ent is not None:
            start = token.idx - offset
            old = next(t for t in token.ancestors if t.lower_ == "old")
            found.append((ent, start, old.idx + len(old) - offset, float(token.text)))
    out = []
    text = span.text
    for ent, start, end, years in found:
        person = people.key(ent)
        if person is None or not 0 < years <= MAX_AGE:
            continue
        rest = text[end:]
        clause = rest[: _CLAUSE_END.search(rest).start()]  # type: ignore[union-attr]
        if _OTHER_TIME.search(text, 0, start) or _WHEN.search(clause):
            continue  # "would have been 25", "was 18 when he died"
        out.append((person, ent.text, start, end, years))
    return out


def age_word(number: Any) -> Any:
    """The "old" of "N-year-old" / "N years old" a number is the age of (within three
    heads of it), else None."""
    token = number
    for _ in range(3):
        if token.lower_ == "old" or token.head is token:
            break
        token = token.head
    return token if token.lower_ == "old" else None


def _owner(number: Any, names: Mapping[int, Any]) -> Any:
    """The PERSON name an "N-year-old" / "N years old" is said of: the name "old"
    modifies, a name set beside the noun it modifies ("Ann Vell, an 18-year-old
    student"; "the 18-year-old student Ann Vell"), or the subject of "is N years old"."""
    token = age_word(number)
    if token is None:
        return None
    head = token.head
    if token.dep_ in ("acomp", "attr"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return names.get(subjects[0].i) if subjects else None
    if token.dep_ not in ("amod", "appos"):
        return None
    if head.dep_ in ("appos", "compound") and head.head.i in names:
        return names[head.head.i]  # "Ann Vell, an 18-year-old student"
    if head.i in names:
        return names[head.i]
    beside = [c for c in head.children if c.dep_ in ("appos", "compound") and c.i in names]
    return names[beside[0].i] if beside else None
