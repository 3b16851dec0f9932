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
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from storyline.dedupe.canonical import UnionFind, published_timestamp

from .facts import Fact, FactMention
from .terms import BOUNDS, SHARE_OF, ZONES, share_percent, times_of

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
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12}
_GLUED = re.compile(r"[a-z]+", re.IGNORECASE)
"""Letters written onto a number ("2bn", "2m", "5km"): a scale where it can only be one
("bn", "mn"), else a unit storyline does not read ("2m" is two million or two metres),
so the number is no quantity to compare."""
_HEDGES = (
    "about|around|approximately|nearly|almost|roughly|some|an estimated|estimated|"
    "more than|over|at least|up to|as many as|less than|fewer than|under|close to"
)
_ESTIMATE = 0.1
_BOUND_SLACK = 0.2
"""How far an exact figure may be from an estimate it agrees with (half the place the
estimate is rounded to, at most 10%: "about 400" / "412", not "about 180" / "155"), and
from a bound (the place it is rounded to, at most 20%: "more than 335,000" / "335,435",
"more than 100" / "111", "nearly 200" / "185"; not "at least 224" / "247", a toll that
rose)."""
_NUM = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b|a(?=\s+(?:thousand|million|billion|trillion)\b(?![-–]))"
)
"""A number: digits, a number word, or "a" before a scale word ("about a million
people")."""
_QUANTITY = re.compile(
    rf"(?<![\w.,:$#/\u2044'’-])(?:(?P<hedge>{_HEDGES})\s+)?(?P<low>{_NUM})(?![\w.:/\u2044]\d)(?!\d)"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<high>{_NUM}))?"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALES)})|(?P<short>{'|'.join(_SHORT_SCALES)})\b)?"
    r"(?:\s*(?P<unit>%|percent\b|per cent\b|[a-z]{3,}\b(?![-–]\w)))?",
    re.IGNORECASE,
)

_MODIFIED = re.compile(r"\s+[A-Za-z]+[-–][A-Za-z]")
"""A hyphened modifier after a number ("three Atlanta-area bombings", "two low-income
renters"): the noun counted comes after it, so the number is no bare count of its verb."""
_MODIFIED_NOUN = re.compile(r"\s+[A-Za-z]+(?:[-–][A-Za-z]+)+\s+(?P<noun>[a-z]{3,})\b(?![-–]\w)")
"""A hyphened modifier and the lower-case noun after it: what the number counts."""
_THOUSANDS_TAIL = re.compile(r"(?<![\d,.])\d{1,3}(?:,\s?\d{3})*,\s\Z")
_WITH_OTHERS = re.compile(r"\b(?:along|together)\s+with\s+\Z", re.IGNORECASE)
_OTHERS_AFTER = re.compile(r"\s+(?:of|others?|more)\b", re.IGNORECASE)
"""A count of those added to someone named ("the leader was executed along with 6 of his
followers", "together with 3 others"): seven were executed, so the 6 is no total to
compare; a count in a list ("damaged 42 buildings, along with 8 bridges") stands."""
_RANK = re.compile(r"\b(?:No|no|Nos|nos)\.\s*\Z")
"""What comes before a number that is a rank ("the No. 2 official")."""

_COMPOUND = re.compile(r"[-–][a-z]|\s*[ap]\.m\.", re.IGNORECASE)
"""A number joined by a hyphen to the word after it ("a 6.1-magnitude quake", "a
15,800-square-metre building", "three-point plays") modifies that word, and one before
"a.m."/"p.m." is an hour: no count."""

_BROKEN_THOUSANDS = re.compile(
    r",\s\d{3}(?!\d)|\s+\d+[/\u2044]\d|\s*[½¼¾\ufffd]|\s+and\s+a\s+half\b"
)
"""A thousands separator followed by a space ("about 2, 000ft"), a fraction ("4 1/2
months", "4½", "four and a half months") or a character lost in decoding ("4\ufffd"):
the number goes on."""

_AGE = re.compile(r"\s*[-–\s]\s*years?[-–\s]+old\b", re.IGNORECASE)
"""What follows a number that is an age ("61-year-old", "61 years old")."""

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
        "stage",
        "round",
        "of",
        *ZONES,
        *_NUMBER_WORDS,
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
    step: float = 0.0  # numbers: the unit of the last digit written ("6" 1, "6.2" 0.1)
    bound: str = ""  # numbers: what the words before it say of it: "~" an estimate
    # ("about 400"), ">" at least ("more than 400"), "<" at most ("nearly 400"), "" exact


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
    if word == "a":
        return 1.0  # "a million"
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    return float(word.replace(",", ""))


_IRREGULAR = {"person": "people", "persons": "people", "men": "man", "women": "woman",
              "children": "child", "feet": "foot"}  # fmt: skip
"""English nouns whose plural is not the singular and an s: "one person" / "five people"."""


def _unit(word: str) -> str:
    word = word.lower()
    if word in ("%", "percent", "per cent"):
        return "percent"
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def quantities(text: str, *, modified: bool = False) -> list[Value]:
    """Numbers with the noun they count ("12 people", "about 1.5 million dollars"); a
    number with no noun after it counts "" (what it counts is then its verb, see
    ``NumberRole``). Years, clock times and dates are not quantities. A number before a
    hyphened modifier ("3 million school-age children") is no count, or with
    ``modified`` a count of the noun after the modifier."""
    found = []
    clock = [m.span() for m in times_of(text)]
    for match in _QUANTITY.finditer(text):
        if any(a < match.end("low") and match.start("low") < b for a, b in clock):
            continue
        unit = _unit(match["unit"]) if match["unit"] else ""
        noun_end = 0
        if not match["unit"] and _MODIFIED.match(text, match.end()):
            after = _MODIFIED_NOUN.match(text, match.end())
            if not modified or after is None:
                continue  # "three Atlanta-area bombings": what it counts is hidden, no "" count
            unit, noun_end = _unit(after["noun"]), after.end()
        if _RANK.search(text, 0, match.start()):
            continue  # "the No. 2 official": a rank, not a count
        if _WITH_OTHERS.search(text, 0, match.start()) and _OTHERS_AFTER.match(
            text, match.end("high") if match["high"] else match.end("low")
        ):
            continue  # "executed along with 6 of his followers": the others, not the total
        if len(match["low"]) == 3 and _THOUSANDS_TAIL.search(text, 0, match.start()):
            continue  # the "000" of a broken "150, 000": no count of its own
        last = match.end("high") if match["high"] else match.end("low")
        if not match["short"] and _GLUED.match(text, last):
            continue  # "over 2m Windows users": two million or two metres, not 2
        if _AGE.match(text, last):
            unit = "age"  # "61-year-old", "61 years old": not "41 years (ago)"
        elif _COMPOUND.match(text, last) or _BROKEN_THOUSANDS.match(text, last):
            continue
        before = re.findall(r"[a-z]+", text[: match.start()].lower())[-1:]
        if (
            {unit, (match["unit"] or "").lower()} & (_NOT_UNITS | _MONTHS.keys())
            or _is_year(match["low"], match["high"])
            or (before and before[0] in _MONTHS)  # "May 7" is a date
        ):
            if not match["unit"] or unit not in _NOT_UNITS or _is_year(match["low"], match["high"]):
                continue
            if before and before[0] in _MONTHS:
                continue
            unit = ""  # "12 of the", "67 and": no noun, what it counts is its verb
        scale = _SCALES.get((match["scale"] or "").lower(), 1.0)
        if match["short"]:
            scale = _SHORT_SCALES[match["short"].lower()]
        low = _number(match["low"]) * scale
        high = _number(match["high"]) * scale if match["high"] else low
        ranged = match["high"] is not None
        span = (match.start("low"), match.end("low"))
        end = (
            noun_end or match.end()
            if unit
            else match.end("scale")
            if match["scale"]
            else match.end("short")
            if match["short"]
            else last
        )
        shown = text[match.start() : end].strip()
        step = _step(match["low"]) * scale
        found.append(
            Value(
                unit,
                low,
                high,
                shown,
                bool(match["hedge"]) or ranged,
                0,
                "",
                *span,
                step,
                BOUNDS.get(
                    " ".join((match["hedge"] or "").lower().split()).removeprefix("an "), ""
                ),
            )
        )
    return found + _shares_in(text)


_HEDGE_BEFORE = re.compile(rf"(?:{_HEDGES})\s+\Z", re.IGNORECASE)


def _shares_in(text: str) -> list[Value]:
    """Shares written in words ("about a quarter of its dealers") as percents, which count
    what their verb counts as a written percent does, rounded to the percent: "a third"
    is the "33 percent" another report gives."""
    found = []
    for match in SHARE_OF.finditer(text):
        percent = share_percent(match, text)
        if percent is None:
            continue
        hedge = _HEDGE_BEFORE.search(text, 0, match.start())
        start = hedge.start() if hedge else match.start()
        words = " ".join(hedge.group(0).lower().split()) if hedge else ""
        found.append(
            Value(
                "",  # as "25 percent" is: what it counts is its verb
                percent,
                percent,
                text[start : match.end()],
                bool(hedge),
                0,
                "",
                match.start(),
                match.end(),
                1.0,
                BOUNDS.get(words.removeprefix("an "), ""),
            )
        )
    return found


def _step(written: str) -> float:
    """The unit of the last digit written: 1 for "6" or "nine", 0.1 for "6.2"."""
    decimals = written.partition(".")[2]
    return 10.0 ** -len(decimals) if decimals.isdigit() else 1.0


def times(text: str) -> list[Value]:
    """Clock times as values ("time", or "time utc" when zoned: only like is compared)."""
    return [
        Value("time utc" if c.zoned else "time", c.minutes, c.minutes, c.text.strip(), False,
              0, "", c.start, c.end)
        for c in times_of(text)
    ]  # fmt: skip


def _is_year(low: str, high: str | None) -> bool:
    """A year, or a span of years ("1991-98", "1991-1998", "1991 to 2001")."""
    if not re.fullmatch(r"(?:19|20)\d\d", low):
        return False
    return high is None or bool(re.fullmatch(r"\d\d|(?:19|20)\d\d", high))


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

NumberRole = Callable[[str, int, int], tuple[str, bool]]
"""(article, start, end) of a number -> (the lemma of the verb it counts for, whether it
names something rather than counts: "stage 15", "Flight 447", "bus 30")."""


def find_conflicts(
    facts: Sequence[Fact],
    published: Mapping[str, str | None],
    *,
    role: Role | None = None,
    number_role: NumberRole | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Conflict]:
    """Typed conflicts between the mentions of each fact (``published``: article -> date).

    ``texts`` (article -> text) drops a conflict one of whose articles has the other
    side's sentence too (``_Told.states``); the same conflict found through two facts is
    listed once.

    ``role`` tells what a date or time dates ("reported on June 10" vs "visit in June"):
    dates with different roles are not compared. ``number_role`` tells what a number
    counts for ("killing 60 people" and "killed 67" both count the killed) and which
    numbers are names ("stage 15"), never compared.
    """
    conflicts: list[Conflict] = []
    seen: set[frozenset[tuple[str, tuple[str, ...]]]] = set()
    told = _Told(texts or {})
    for fact in facts:
        if len(fact.articles) < 2:
            continue
        for conflict in _fact_conflicts(fact, published, role, number_role, told):
            said = frozenset((side.value, side.articles) for side in conflict.sides)
            if said not in seen:  # the same figures of the same articles, through two facts
                seen.add(said)
                conflicts.append(conflict)
    return conflicts


@dataclass
class _Told:
    """The words of each article's text, to find a mention's sentence in another article."""

    texts: Mapping[str, str]
    cache: dict[str, str] = field(default_factory=dict)
    running: dict[str, list[str]] = field(default_factory=dict)  # :func:`_running` by article

    def states(self, article: str, item: _Item) -> bool:
        """Whether ``article`` has ``item``'s sentence too, word for word (punctuation
        aside): then both articles carry both sentences ("nearly two renters for every
        unit" of the nation, "closer to three in the West") and the figures measure two
        things; a disagreement needs articles that each give their own figure."""
        if article not in self.texts:
            return False
        if article not in self.cache:
            self.cache[article] = _folded(self.texts[article])
        return _folded(item.mention.text) in self.cache[article]

    def part_of_running(self, item: _Item) -> bool:
        """Whether ``item`` counts only the latest part of a count (":func:`_INCREMENT`:
        "129 members were arrested in the latest sweep") whose article also gives the
        running count ("A total of 187 have been arrested since May"): the running count
        is the one another article's figure is to be compared with."""
        article = item.mention.article
        if article not in self.texts or item.about.startswith(("date", "time")):
            return False
        if not _INCREMENT.search(item.mention.text):
            return False
        if article not in self.running:
            self.running[article] = _running(self.texts[article])
        return any(
            sentence.strip() != item.mention.text.strip() for sentence in self.running[article]
        )

    def gives(self, article: str, item: _Item) -> bool:
        """Whether ``article`` gives ``item``'s figure of the same noun somewhere."""
        if article not in self.texts or item.about.startswith(("date", "time")):
            return False
        return gives_figure(self.texts[article], item.value)


_INCREMENT = re.compile(
    r"\b(?i:latest|another|additional|fresh|further)\b|\d\s+(?i:more)\b(?!\s+than)"
)
"""A count of the latest part only ("in the latest sweep", "another 12", "12 more")."""
_RUNNING = re.compile(
    r"\b(?i:since)\s+(?:[A-Z]\w+|\d{4})|\b(?i:a\s+total\s+of|in\s+all|so\s+far|to\s+date"
    r"|altogether|in\s+total)\b"
)
"""A running count's words ("since May", "a total of", "so far")."""
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def _running(text: str) -> list[str]:
    """The sentences of ``text`` that give a running count: a figure and the words of one."""
    return [
        sentence
        for sentence in _SENTENCE_END.split(text)
        if _RUNNING.search(sentence) and re.search(r"\d", _RUNNING.sub(" ", sentence))
    ]


def gives_figure(text: str, value: Value) -> bool:
    """Whether ``text`` gives ``value``'s figure itself, counting the same noun: an
    article that reports both "some 300,000" and "an estimated 280,000" deaths does not
    disagree with another that gives 280,000 (its own body says so). "Nearly 300" is no
    "more than 300": opposite bounds on one figure are two figures."""
    return bool(value.about) and any(
        v.about == value.about and same_figure(v, value) and {v.bound, value.bound} != {"<", ">"}
        for v in _figures(text)
    )


class _Side(Protocol):
    @property
    def mention(self) -> FactMention: ...
    @property
    def value(self) -> Value: ...


_S = TypeVar("_S", bound=_Side)


def one_sided(sides: Sequence[_S], gives: Callable[[str, _S], bool]) -> list[_S]:
    """The sides whose article does not also give another side's figure (``gives``:
    whether an article gives a side's figure somewhere, :func:`gives_figure`): such an
    article reports both and disagrees with no one."""
    return [
        a
        for a in sides
        if not any(gives(a.mention.article, b) for b in sides if not agree(a.value, b.value))
    ]


_T = TypeVar("_T")


def linked(items: Sequence[_T], comparable: Callable[[_T, _T], bool]) -> list[list[_T]]:
    """The groups of ``items`` that ``comparable`` links, pairwise and through each other,
    each group in the items' order."""
    links: UnionFind[int] = UnionFind()
    for a in range(len(items)):
        links.add(a)
        for b in range(a):
            if comparable(items[a], items[b]):
                links.union(a, b)
    return [[items[k] for k in sorted(group)] for group in links.groups()]


def one_figure_each(group: Sequence[_S]) -> dict[str, _S]:
    """Per article, the first side of ``group`` it gives, for the articles that give the
    group one figure only: an article giving two (an earlier toll, another event's) is
    ambiguous and no side."""
    figures: dict[str, set[tuple[float, float]]] = {}
    for side in group:
        figures.setdefault(side.mention.article, set()).add((side.value.low, side.value.high))
    kept: dict[str, _S] = {}
    for side in group:
        if len(figures[side.mention.article]) == 1:
            kept.setdefault(side.mention.article, side)
    return kept


def lead_side(sides: Iterable[_S], fact_of: Mapping[tuple[str, int], str] | None) -> tuple[_S, str]:
    """The side a conflict is named by (the first by article and sentence) and the id of
    its sentence's fact (``fact_of``: (article, sentence) -> fact id; "" when none)."""
    first = min(sides, key=lambda s: (s.mention.article, s.mention.sentence))
    return first, (fact_of or {}).get((first.mention.article, first.mention.sentence), "")


@lru_cache(maxsize=64)
def _figures(text: str) -> tuple[Value, ...]:
    """The quantities of a whole article, read once however many sides ask."""
    return tuple(quantities(text))


def _folded(text: str) -> str:
    return " " + " ".join(_FOLD.findall(text.casefold())) + " "


_FOLD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Item:
    mention: FactMention
    value: Value
    about: str  # the unit noun, "date ..." or "time ..." (with its role); "" if unknown
    verb: str  # numbers: the verb they count for


def _items(mention: FactMention, role: Role | None, number_role: NumberRole | None) -> list[_Item]:
    items = []
    text = mention.text
    for value in quantities(text) + dates(text) + times(text):
        at = (mention.article, mention.start + value.start, mention.start + value.end)
        about, verb = value.about, ""
        if about == "date" or about.startswith("time"):
            what = role(*at) if role else ""
            cue = "" if value.cue in ("at", "") else value.cue
            about = " ".join(x for x in (about, what, cue) if x)
        else:
            if number_role is not None:
                verb, names = number_role(*at)
                if names:
                    continue
            if not about and not verb:
                continue  # a bare number that nothing says what it counts
        items.append(_Item(mention, value, about, verb))
    return items


_SINCE = re.compile(r"\b(?i:since)\s+((?:[A-Z]\w+|\d{4})(?:\s+\d{1,2}\b)?)")
"""The start of a running count ("arrested more than 500 since May")."""


def _counted_since(text: str) -> frozenset[str]:
    return frozenset(m.group(1).lower() for m in _SINCE.finditer(text))


def _comparable(a: _Item, b: _Item) -> bool:
    """Two values measure the same thing: ages of the same person; figures with the
    same unit noun counted for the same verb ("killing 12 people" / "injuring 15 people"
    are two counts), or one verb known, or no unit on one side and the same verb
    ("killed 67" / "killing 60 people"); dates and times in the same role."""
    if a.about == "age" or b.about == "age":
        return a.about == b.about and bool(a.verb) and a.verb == b.verb
    since_a, since_b = _counted_since(a.mention.text), _counted_since(b.mention.text)
    if since_a and since_b and not since_a & since_b:
        return False  # "more than 500 since May" / "more than 300 since Sunday": two counts
    if a.verb and b.verb and a.verb != b.verb:
        return False
    if a.about and a.about == b.about:
        return True
    dated = a.about.startswith(("date", "time")) or b.about.startswith(("date", "time"))
    return not dated and bool(a.verb) and a.verb == b.verb and not (a.about and b.about)


def _fact_conflicts(
    fact: Fact,
    published: Mapping[str, str | None],
    role: Role | None,
    number_role: NumberRole | None,
    told: _Told | None = None,
) -> list[Conflict]:
    items = [item for m in fact.mentions for item in _items(m, role, number_role)]
    found = []
    for group in linked(
        items, lambda a, b: a.mention.article != b.mention.article and _comparable(a, b)
    ):
        per_article = Counter(item.mention.article for item in group)
        kept = [item for item in group if per_article[item.mention.article] == 1]
        if told is not None:  # an article that gives another side's figure too is no side
            kept = one_sided(kept, told.gives)
            kept = [item for item in kept if not told.part_of_running(item)]
        if len(kept) < 2:  # an article giving two values for it is ambiguous
            continue
        if told is not None and any(
            told.states(a.mention.article, b)
            for a in kept
            for b in kept
            if (a.value.low, a.value.high) != (b.value.low, b.value.high)
        ):
            continue  # an article gives both figures: they measure two things
        pairs = [(item.mention, item.value) for item in kept]
        kind = _kind([v for _, v in pairs], [published.get(m.article) for m, _ in pairs])
        if kind is None:
            continue
        about = next((item.about for item in kept if item.about), kept[0].verb)
        found.append(Conflict(kind, about, sides_of(pairs), fact.id))
    return sorted(found, key=lambda c: (c.about, c.sides[0].articles))


def _kind(values: list[Value], when: list[str | None]) -> str | None:
    if values[0].about.startswith("time"):
        values = [replace(v, about="time") for v in values]
    if values[0].about == "date" and any(v.low < 10000 for v in values):
        values = [_without_year(v) for v in values]  # "June 10" vs "June 10, 2024"
    if all(agree(a, b) for a in values for b in values):
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


def agree(a: Value, b: Value) -> bool:
    """The same figure (``same_figure``), or an estimate or bound and an exact figure it
    fits: "more than 335,000" / "335,435", "about 400" / "412", "between 10 and 20" / "15".
    Two bounds that differ ("more than 300" / "more than 500") are left to disagree: the
    later report raised its figure; so do opposite bounds on one figure ("nearly 300" /
    "more than 300": one says below it, the other above)."""
    if same_figure(a, b):
        return {a.bound, b.bound} != {"<", ">"}
    if _rough(a) == _rough(b):
        return False  # both exact, or both estimates or bounds
    rough, exact = (a, b) if _rough(a) else (b, a)
    if exact.low != exact.high or exact.about.startswith(("date", "time")):
        return False
    y, x = exact.low, rough.low
    if rough.low != rough.high:  # "between 10 and 20", "10-20"
        return rough.low <= y <= rough.high
    slack = min(_rounding(x), x * _BOUND_SLACK)
    if rough.bound == ">":
        return x <= y <= x + slack
    if rough.bound == "<":
        return x - slack <= y <= x
    return abs(y - x) <= min(_rounding(x) / 2, x * _ESTIMATE)


def _rounding(x: float) -> float:
    """The place a round figure is rounded to: 1,000 for 335,000, 10 for 60, 1 for 224."""
    if x != int(x) or x <= 0:
        return 0.0
    n, place = int(x), 1
    while n % 10 == 0:
        n, place = n // 10, place * 10
    return float(place)


def _rough(value: Value) -> bool:
    return bool(value.bound) or value.low != value.high


def same_figure(a: Value, b: Value) -> bool:
    """Equal once the more precise figure is rounded as the other is written ("6 miles" /
    "6.2 miles": a rounded conversion, not another figure). A figure half-way ("2.5
    million" / "3 million") is no rounding of the other: it would be written as it is."""
    half = max(a.step, b.step) / 2
    return all(x == y or abs(x - y) < half for x, y in ((a.low, b.low), (a.high, b.high)))


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


def sides_of(pairs: list[tuple[FactMention, Value]]) -> tuple[Side, ...]:
    """The sides of a conflict: its (mention, value) pairs grouped by value, each side
    with its articles and the text of its first mention."""
    by_value: dict[tuple[float, float, bool, str], list[tuple[FactMention, Value]]] = {}
    for mention, value in pairs:
        key = (value.low, value.high, value.hedged, value.bound)  # "nearly 300" / "over 300"
        by_value.setdefault(key, []).append((mention, value))
    sides = []
    for group in by_value.values():
        mention, value = group[0]
        articles = tuple(sorted({m.article for m, _ in group}))
        sides.append(Side(value.text, articles, mention.text))
    return tuple(sorted(sides, key=lambda s: (s.articles, s.value)))
