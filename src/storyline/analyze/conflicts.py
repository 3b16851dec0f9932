"""Conflicts: aligned mentions of one fact that carry different figures or dates.

Precision comes first. Values are only compared inside one fact (sentences already
aligned as saying the same thing), only when they measure the same thing (a number with
the same unit noun, or the single calendar date of each sentence), and only when each
article gives exactly one value for it. Agreeing reports therefore produce nothing;
a figure that has no counterpart in the other sentences is a detail, not a conflict.

Kinds:

- **refinement**: one date is a more precise form of the other ("September" against
  "Sept. 12-17");
- **range**: differing figures of which at least one is an estimate ("about", "at
  least", "up to", "between 10 and 20");
- **update**: exact figures differ and the articles giving them were published at
  different times: the later report changed the figure;
- **contradiction**: exact figures or dates differ with nothing above to explain it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.dedupe.canonical import published_timestamp

from .facts import Fact, FactMention

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sept sep",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_HEDGES = (
    "about|around|approximately|nearly|almost|roughly|some|an estimated|estimated|"
    "more than|over|at least|up to|as many as|less than|fewer than|under|close to"
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS)
_QUANTITY = re.compile(
    rf"(?<![\w.,$-])(?:(?P<hedge>{_HEDGES})\s+)?(?P<low>{_NUM})"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<high>{_NUM}))?"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALES)}))?\s*(?P<unit>%|percent\b|per cent\b|[a-z]{{3,}}\b)",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\.?(?:\s+(?P<day>\d{{1,2}})(?:\s*[-–]\s*(?P<end>\d{{1,2}}))?)?"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_NOT_UNITS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "percent",
        "per",
        "cent",
        "am",
        "pm",
        "old",
        "times",
    ]
)
"""Words after a number that are not what it counts ("12 of the", "5 pm", "3 times")."""


_CUES = {"on": "at", "in": "at", "during": "at", "from": "at"}
"""Prepositions that place an event at a date count as one cue ("on Sept. 12" = "in
September"); any other word before a date ("since", "until", "as early as", "reported on
...'s" verb) gives it a different role, and dates in different roles are not compared."""


@dataclass(frozen=True)
class Value:
    """A figure or date in one mention, normalised for comparison."""

    about: str  # what it measures: a unit noun, or "date"
    low: float
    high: float
    text: str
    hedged: bool
    precision: int = 0  # dates: 1 = month, 2 = day
    cue: str = ""  # dates: the word before ("on", "in", "since", "as"): its role in the sentence
    start: int = 0  # offsets in the sentence
    end: int = 0


@dataclass(frozen=True)
class Side:
    value: str
    articles: tuple[str, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "articles": list(self.articles), "text": self.text}


@dataclass(frozen=True)
class Conflict:
    kind: str
    about: str
    sides: tuple[Side, ...]
    fact: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "about": self.about,
            "sides": [s.to_dict() for s in self.sides],
            "fact": self.fact,
        }


def _number(text: str) -> float:
    word = text.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    return float(word.replace(",", ""))


def _unit(word: str) -> str:
    word = word.lower()
    if word in ("%", "percent", "per cent"):
        return "percent"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def quantities(text: str) -> list[Value]:
    """Numbers with the noun they count ("12 people", "about 1.5 million dollars")."""
    found = []
    for match in _QUANTITY.finditer(text):
        unit = _unit(match["unit"])
        before = re.findall(r"[a-z]+", text[: match.start()].lower())[-1:]
        if (
            {unit, match["unit"].lower()} & (_NOT_UNITS | _MONTHS.keys())
            or _is_year(match["low"], match["high"])
            or (before and before[0] in _MONTHS)  # "May 7" is a date
        ):
            continue
        scale = _SCALES.get((match["scale"] or "").lower(), 1.0)
        low = _number(match["low"]) * scale
        high = _number(match["high"]) * scale if match["high"] else low
        ranged = match["high"] is not None
        found.append(Value(unit, low, high, match.group(0).strip(), bool(match["hedge"]) or ranged))
    return found


def _is_year(low: str, high: str | None) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", low)) and high is None


def dates(text: str) -> list[Value]:
    """Calendar dates written with a month name: "September", "Sept. 12-17", "June 10, 2024"."""
    found = []
    for match in _DATE.finditer(text):
        word = match["month"]
        if word.lower() == "may" and not match["day"] and word[0].islower():
            continue  # the verb "may"
        if word.lower() in ("mar", "jun", "jan") and not match["day"]:
            continue
        month = _MONTHS[word.lower().rstrip(".")]
        year = int(match["year"]) if match["year"] else 0
        if match["day"]:
            day = int(match["day"])
            end = int(match["end"]) if match["end"] else day
            low, high, precision = (
                year * 10000 + month * 100 + day,
                year * 10000 + month * 100 + end,
                2,
            )
        else:
            low, high, precision = year * 10000 + month * 100, year * 10000 + month * 100 + 99, 1
        before = re.findall(r"[a-z]+", text[: match.start()].lower())[-1:]
        cue = _CUES.get(before[0], before[0]) if before else ""
        found.append(
            Value("date", low, high, match.group(0).strip(), False, precision, cue, *match.span())
        )
    return found


Role = Callable[[str, int, int], str]
"""(article, start, end) of a date -> what it dates, e.g. the lemma of its governing verb."""


def find_conflicts(
    facts: Sequence[Fact], published: Mapping[str, str | None], *, role: Role | None = None
) -> list[Conflict]:
    """Typed conflicts between the mentions of each fact (``published``: article -> date).

    ``role`` tells what a date dates ("reported on June 10" vs "visit in June"): dates
    with different roles are not compared.
    """
    conflicts = []
    for fact in facts:
        if len(fact.articles) < 2:
            continue
        conflicts.extend(_fact_conflicts(fact, published, role))
    return conflicts


def _fact_conflicts(
    fact: Fact, published: Mapping[str, str | None], role: Role | None
) -> list[Conflict]:
    per_about: dict[str, list[tuple[FactMention, Value]]] = {}
    for mention in fact.mentions:
        values = quantities(mention.text) + dates(mention.text)
        counts: dict[str, int] = {}
        for value in values:
            counts[value.about] = counts.get(value.about, 0) + 1
        for value in values:
            if counts[value.about] == 1:  # ambiguous when a sentence gives two
                about = value.about
                if about == "date":
                    at = (mention.article, mention.start + value.start, mention.start + value.end)
                    what = role(*at) if role else ""
                    cue = "" if value.cue == "at" else value.cue
                    about = " ".join(x for x in ("date", what, cue) if x)
                per_about.setdefault(about, []).append((mention, value))
    found = []
    for about, pairs in sorted(per_about.items()):
        if len({m.article for m, _ in pairs}) < 2:
            continue
        kind = _kind([v for _, v in pairs], [published.get(m.article) for m, _ in pairs])
        if kind is None:
            continue
        found.append(Conflict(kind, about, _sides(pairs), fact.id))
    return found


def _kind(values: list[Value], when: list[str | None]) -> str | None:
    if values[0].about == "date" and any(v.low < 10000 for v in values):
        values = [_without_year(v) for v in values]  # "June 10" vs "June 10, 2024"
    if len({(v.low, v.high) for v in values}) < 2:
        return None
    if values[0].about == "date":
        if all(_same_or_nested(a, b) for a in values for b in values):
            return "refinement"
    elif any(v.hedged for v in values):
        return "range"
    stamps = [published_timestamp(w) for w in when if w]
    if len(stamps) == len(when) and len(set(stamps)) > 1:
        return "update"
    return "contradiction"


def _without_year(value: Value) -> Value:
    return replace(value, low=value.low % 10000, high=value.high % 10000)


def _same_or_nested(a: Value, b: Value) -> bool:
    """Equal dates, or one (coarser) date span containing the other: a refinement."""
    if (a.low, a.high) == (b.low, b.high):
        return True
    if a.precision == b.precision:
        return False
    wide, narrow = (a, b) if a.precision < b.precision else (b, a)
    return wide.low <= narrow.low and narrow.high <= wide.high


def _sides(pairs: list[tuple[FactMention, Value]]) -> tuple[Side, ...]:
    by_value: dict[tuple[float, float, bool], list[tuple[FactMention, Value]]] = {}
    for mention, value in pairs:
        by_value.setdefault((value.low, value.high, value.hedged), []).append((mention, value))
    sides = []
    for group in by_value.values():
        mention, value = group[0]
        articles = tuple(sorted({m.article for m, _ in group}))
        sides.append(Side(value.text, articles, mention.text))
    return tuple(sorted(sides, key=lambda s: (s.articles, s.value)))
