"""Key terms: the numbers and names a sentence commits to, and whether another has them.

A sentence *supports* a line only if it states every number and name of the line
(``missing_terms`` is empty). This is the mechanical half of "a citation is entailment",
shared by fact alignment (a mention must have every key term of its fact's text) and by
brief verification (every cited span must have every key term of the summary sentence).
It works on plain text so anyone can re-check a brief with only the cleaned articles and
the brief's entity variants.

- **Numbers**: digit strings (thousands separators and ordinal suffixes dropped: "1,000"
  = "1000", "7th" = "7"), the number words two to twenty ("six" = "6"; "one" is too
  often a pronoun), and clock times in UTC where a zone is written ("08:50 BST" =
  "07:50 GMT"). A fraction is one number ("2 1/2" = "2.5", which states no "2") and a day
  of the month is a number of its own kind ("May 13" states no "$13 billion").
- **Names**: capitalised words and brand names in camel case ("iPhone"), except stop
  words ("The", "He": but one capitalised inside a sentence is part of a name, "told
  Us", "in The Hague"), honorifics and generic
  office titles ("Mr", "President", "Minister": a description, not who), and the first word
  of a sentence unless it is part of a longer capitalised run or a known name variant
  ("Police said" capitalises a common noun), and capitalised words that describe a title
  ("Russian President", "North Korean leader"). Possessives and hyphens are folded
  ("Russia's" = "Russia", "Jong-un" = "Jong" + "un").
- The day a report was made ("reported on Monday", "said on June 10") is not a key term:
  it is when the fact was told, not the fact.

A name of the line is found in the cited sentence when the cited sentence has the word in
any case, or a form with a short suffix ("Russia" / "Russian", "Korea" / "Korean"), or
when the word belongs to a known name (an entity's variants) that the cited sentence
names by another variant ("Angela Merkel" / "Merkel").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from .entity_names import HONORIFICS, TITLE_WORDS, strip_accents

__all__ = [
    "KeyTerms",
    "NameAliases",
    "key_terms",
    "missing_terms",
    "name_aliases",
    "number_bounds",
    "word_bag",
]

_NUMBER_NAMES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {word: str(n) for n, word in enumerate(_NUMBER_NAMES.split()) if n >= 2}
_WORD = re.compile(r"\w+(?:['’.,:\-]\w+)*")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")
_POSSESSIVE = re.compile(r"['’]s?$")
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+\d{4})?"
)
_REPORT_DATE = re.compile(
    r"\b(?:report|say|said|tell|told|announce|state|write|wrote|confirm|add|note|quote|cite)"
    r"[a-z]*\s+(?:(?:on|late|early|last)\s+)*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    rf"|{_MONTH}|yesterday|today)\b"
)
"""The day a report was made ("Le Monde reported on Monday", "said on June 10"): when the
fact was told, not part of the fact; left out of key terms."""
_MAX_SUFFIX = 3  # "Russia" / "Russian", "Iran" / "Iranian"
_MIN_STEM = 4

ZONES = {
    "gmt": 0, "utc": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "msk": 180, "ist": 330, "sgt": 480, "hkt": 480, "jst": 540, "kst": 540, "aest": 600,
    "aedt": 660, "nzst": 720, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
}  # fmt: skip
"""Time zone abbreviations and their offsets from UTC in minutes."""
_TIME = re.compile(
    r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?"
    r"|(?P<m4>[0-5]\d)(?=\s*(?:" + "|".join(ZONES) + r")\b))"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:\s*(?P<zone>" + "|".join(ZONES) + r")\b)?",
    re.IGNORECASE,
)

NameAliases = Mapping[str, tuple[tuple[str, ...], ...]]
"""Name word -> the word tuples of every variant of each known name that holds the word."""


@dataclass(frozen=True)
class KeyTerms:
    names: frozenset[str]
    numbers: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.names or self.numbers)


@dataclass(frozen=True)
class Clock:
    minutes: float
    zoned: bool
    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def times_of(text: str) -> list[Clock]:
    """Clock times ("21:00 GMT", "06.34.14 UTC", "4:30 p.m.", "0800 GMT") in minutes of
    the day, in UTC when a zone is written: "02.14 GMT" and "03.14 BST" are one time."""
    found = []
    for match in _TIME.finditer(text):
        minute = match["m"] or match["m4"]
        if minute is None:
            continue
        if match["m"] and not (match["ampm"] or match["zone"]) and ":" not in match.group(0):
            continue  # "2.50" is a number, not a time
        hour = int(match["h"]) % 24
        if match["ampm"] and match["ampm"][0].lower() == "p" and hour < 12:
            hour += 12
        minutes = hour * 60 + int(minute) + int(match["s"] or 0) / 60
        zone = (match["zone"] or "").lower()
        if zone:
            minutes = (minutes - ZONES[zone]) % (24 * 60)
        found.append(Clock(minutes, bool(zone), match.start(), match.end(), match.group(0)))
    return found


_GLUED_SCALE = re.compile(
    r"(?<=\d)(?:-?(?:thousand|million|billion|trillion)|bn|bln|mn|mln|tn|m)\Z", re.IGNORECASE
)
"""A scale written onto a number ("$5.4bn", "US$5.4-billion"): "$5.4 billion" gives the
number "5.4" (the scale is a word of its own), so these give "5.4" too."""


_HYPHENED_UNIT = re.compile(r"(\d[\d.,]*)(?:-[^\W\d_]+)+")
"""A number joined to its unit by hyphens ("30-year", "12-week-old", "100-meter"): the
number "30 years" and "30-year" both commit to."""


def _number(word: str) -> str:
    if m := _HYPHENED_UNIT.fullmatch(word.rstrip(".,:")):
        word = m.group(1)
    return _GLUED_SCALE.sub("", _ORDINAL.sub("", _THOUSANDS.sub("", word)).rstrip(".,:"))


_FRACTION = re.compile(
    r"(?<![\w/.])(?:(?P<whole>\d+)(?:\s+|-))?(?P<part>1/2|1/4|3/4|½|¼|¾)(?![\w/])"
)
_FRACTIONS = {"1/2": 0.5, "½": 0.5, "1/4": 0.25, "¼": 0.25, "3/4": 0.75, "¾": 0.75}
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = re.compile(
    rf"(?P<before>\b{_MONTH_NAME}\s+)(?P<a>\d{{1,2}})(?=(?:st|nd|rd|th)?\b)"
    rf"|\b(?P<b>\d{{1,2}})(?:st|nd|rd|th)?(?P<after>\s+(?:of\s+)?{_MONTH_NAME}\b)"
)
DAY_MARK = "_day"
"""A day of the month is a number of its own kind ("May 13" is "13_day"): a date states
no "$13 billion"."""


SHARES = {
    "half": 50.0, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25.0, "quarters": 25.0,
    "fifth": 20.0, "fifths": 20.0, "tenth": 10.0, "tenths": 10.0,
}  # fmt: skip
"""Fraction words as the percent they say ("a quarter of" = 25 percent of)."""
SHARE_OF = re.compile(
    r"(?<![\w-])(?P<share>(?P<count>a|one|two|three|four)[\s-]"
    r"(?P<part>thirds?|quarters?|fifths?|tenths?)|(?P<half>half))"
    r"(?=\s+of\s+(?!an?\b))",
    re.IGNORECASE,
)
"""A share written in words before what it is a share of ("a quarter of its dealers",
"two-thirds of voters", "half of the county"; not "a quarter of a mile"): a percent."""
_ORDINAL_BEFORE = re.compile(r"\b(?:the|first|second|third|fourth|last|other|latter)\s+\Z", re.I)
"""What comes before "half" that makes it a part of a period ("the second half of")."""


def share_percent(match: re.Match[str], text: str) -> float | None:
    """The percent a :data:`SHARE_OF` match says, None where "half" is part of a period
    ("the first half of 2020") or the count does not fit its part ("one thirds")."""
    if match["half"]:
        return None if _ORDINAL_BEFORE.search(text, 0, match.start()) else 50.0
    count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}[match["count"].lower()]
    part = match["part"].lower()
    if (count == 1) == part.endswith("s"):
        return None
    return round(count * SHARES[part], 1)


def _shares(text: str) -> str:
    """``text`` with shares written in words as percents ("a quarter of" -> "25 percent
    of", "in half" -> "by 50 percent"), so that "a quarter" and "25 percent" state one
    number and "20 percent" another."""

    def percent(match: re.Match[str]) -> str:
        value = share_percent(match, text)
        if value is None:
            return match.group(0)
        return f"{value:g} percent"

    return _A_SCALE.sub(r"1 \1", _IN_HALF.sub("by 50 percent", SHARE_OF.sub(percent, text)))


_A_SCALE = re.compile(r"(?<![\w-])[Aa]\s+(thousand|million|billion|trillion)\b(?![-–])")
""""a million" is the number "1 million" another report writes."""


_IN_HALF = re.compile(r"(?<![\w-])in\s+half\b", re.IGNORECASE)
"""A halving ("cut the risk in half"): the "50 percent" another report cuts it by."""


def _typed_numbers(text: str) -> str:
    """``text`` with fractions written as decimals ("2 1/2 years" -> "2.5 years", which
    states no "2 years"), shares in words as percents ("a quarter of" -> "25 percent of")
    and days of the month marked ("May 13" -> "May 13_day")."""

    def fraction(match: re.Match[str]) -> str:
        return str(int(match["whole"] or 0) + _FRACTIONS[match["part"]])

    def day(match: re.Match[str]) -> str:
        if match["a"]:
            return f"{match['before']}{match['a']}{DAY_MARK}"
        return f"{match['b']}{DAY_MARK}{match['after']}"

    return _DAY.sub(day, _FRACTION.sub(fraction, _shares(text)))


def name_parts(word: str) -> list[str]:
    """A name word folded as key terms fold it ("Russia's" -> ["russia"], "Jong-un" ->
    ["jong", "un"])."""
    return _name_parts(word)


def _name_parts(word: str) -> list[str]:
    base = _POSSESSIVE.sub("", strip_accents(word).casefold()).rstrip(".")
    return [part.strip(".") for part in base.split("-") if part.strip(".")]


def _words(text: str) -> list[str]:
    return [m.group(0).rstrip(".,:") for m in _WORD.finditer(text)]


def _clock_terms(text: str) -> tuple[str, set[str]]:
    """``text`` without its clock times, and the times as terms ("08:50 BST" and
    "07:50 GMT" are both "06:50z"... in UTC; unzoned times stay local)."""
    found: set[str] = set()
    pieces, last = [], 0
    for clock in times_of(text):
        minutes = round(clock.minutes)
        found.add(f"{minutes // 60:02d}:{minutes % 60:02d}{'z' if clock.zoned else ''}")
        pieces.append(text[last : clock.start])
        last = clock.end
    pieces.append(text[last:])
    return " ".join(pieces), found


def word_bag(text: str) -> frozenset[str]:
    """Every word of ``text`` folded the way key terms are (any case): what a cited
    sentence offers."""
    text, bag = _clock_terms(_typed_numbers(text))
    for word in _words(text):
        if word[:1].isdigit():
            bag.add(_number(word))
            continue
        lower = word.casefold()
        if lower in NUMBER_WORDS:
            bag.add(NUMBER_WORDS[lower])
        bag.update(_name_parts(word))
    return frozenset(bag)


BOUNDS = {
    "about": "~", "around": "~", "approximately": "~", "roughly": "~", "some": "~",
    "estimated": "~", "estimated at": "~", "close to": "~",
    "nearly": "<", "almost": "<", "up to": "<",
    "as many as": "<", "less than": "<", "fewer than": "<", "under": "<", "below": "<",
    "more than": ">", "over": ">", "at least": ">", "above": ">", "upwards of": ">",
}  # fmt: skip
"""What a word before a number says of it: an estimate ("about 400", "an estimated 400",
"estimated at 400": the verb's estimate is the adjective's), a figure at most
("nearly 400", "up to 400") or at least ("more than 400"). A sentence that gives the
figure otherwise ("400 people") states another thing: JUDGING.md's partial."""


def number_bounds(text: str) -> frozenset[tuple[str, str]]:
    """Each number of ``text`` (folded as key terms fold it) with the bound its words put
    on it: "~" (near it: "about", "nearly"), "<", ">" or "" (the figure itself)."""
    text, _ = _clock_terms(_typed_numbers(text))
    words = _words(text)
    found: set[tuple[str, str]] = set()
    for i, word in enumerate(words):
        lower = word.casefold()
        if word[:1].isdigit():
            number = _number(word)
        elif lower in NUMBER_WORDS:
            number = NUMBER_WORDS[lower]
        else:
            continue
        before = [w.casefold() for w in words[max(0, i - 3) : i]]
        key = next(
            (
                " ".join(before[-k:])
                for k in (3, 2, 1)
                if len(before) >= k and " ".join(before[-k:]) in BOUNDS
            ),
            None,
        )
        found.add((number, "" if key is None else "~" if key in _NEAR else BOUNDS[key]))
    return frozenset(found)


_NEAR = frozenset({"nearly", "almost"})
"""Words that put a figure near a number, not under a limit: for what a sentence states,
"nearly 800" says what "some 800" and "close to 800" say (a fact's carriers), though it
still bounds the figure for a conflict (``BOUNDS``: 812 is no "nearly 800")."""


def _capitalised_inside(word: str, before: str) -> bool:
    """A capitalised stop word inside a sentence (not after a quote, colon or dash): it can
    only be (part of) a name."""
    if not word[:1].isupper() or word.isupper() or word == "I":
        return False
    lower = _POSSESSIVE.sub("", word.casefold())
    if lower not in STOP_WORDS or lower in HONORIFICS or lower in TITLE_WORDS:
        return False
    return not before.rstrip().endswith(tuple(".!?:;\"“‘'(—–-"))


def _is_name(word: str) -> bool:
    if word[:1].islower() and any(c.isupper() for c in word[1:]) and word.isalpha():
        return True  # "iPhone", "eBay"
    if not word[:1].isupper():
        return False
    lower = _POSSESSIVE.sub("", word.casefold())
    if word.isupper() and len(word) > 1:
        return lower not in HONORIFICS  # an acronym ("US", "UN"), even when a stop word
    return lower not in STOP_WORDS and lower not in HONORIFICS and lower not in TITLE_WORDS


LEGAL_FORMS = frozenset({"inc", "corp", "ltd", "llc", "plc", "gmbh"})
"""A company's legal form ("EYP Mission Critical Facilities Inc."): part of its full
name, which a sentence naming the company without it still names."""


def key_terms(text: str, aliases: NameAliases | None = None) -> KeyTerms:
    """The numbers and names ``text`` commits to (see the module docstring)."""
    text, numbers = _clock_terms(_typed_numbers(_REPORT_DATE.sub(" ", text)))
    spans = [(m.group(0).rstrip(".,:"), m.start()) for m in _WORD.finditer(text)]
    words = [word for word, _ in spans]
    names: set[str] = set()
    described = _described(words)
    for i, word in enumerate(words):
        if i in described:
            continue
        if i > 0 and _capitalised_inside(word, text[: spans[i][1]]):
            names.update(_name_parts(word))  # "told Us", "in The Hague": part of a name
            continue
        if word[:1].isdigit():
            numbers.add(_number(word))
            continue
        lower = word.casefold()
        if lower in NUMBER_WORDS:
            numbers.add(NUMBER_WORDS[lower])
            continue
        if not _is_name(word):
            continue
        parts = _name_parts(word)
        if i == 0 and not word.isupper():
            following = i + 1 < len(words) and _is_name(words[i + 1])
            known = aliases is not None and any(p in aliases for p in parts)
            if not (following or known):
                continue
        names.update(parts)
    return KeyTerms(frozenset(names) - LEGAL_FORMS, frozenset(numbers))


def _described(words: list[str]) -> set[int]:
    """Positions of capitalised words that describe a title ("Russian President", "North
    Korean leader"): a description of the person named next, not an actor of its own."""
    out: set[int] = set()
    for i, word in enumerate(words):
        if _POSSESSIVE.sub("", word.casefold()) not in TITLE_WORDS:
            continue
        j = i - 1
        while (
            j >= 0
            and words[j][:1].isupper()
            and _POSSESSIVE.sub("", words[j].casefold()) not in TITLE_WORDS
        ):
            out.add(j)
            j -= 1
    return out


def _has_name(word: str, bag: frozenset[str], aliases: NameAliases | None) -> bool:
    if word in bag:
        return True
    for other in bag:
        short, long = sorted((word, other), key=len)
        if (
            len(short) >= _MIN_STEM
            and long.startswith(short)
            and len(long) - len(short) <= _MAX_SUFFIX
        ):
            return True
    if aliases:
        return any(all(part in bag for part in variant) for variant in aliases.get(word, ()))
    return False


def missing_terms(
    line: str | KeyTerms, cited: str | frozenset[str], aliases: NameAliases | None = None
) -> list[str]:
    """Key terms of ``line`` that ``cited`` does not state (empty: it states them all)."""
    terms = key_terms(line, aliases) if isinstance(line, str) else line
    bag = word_bag(cited) if isinstance(cited, str) else cited
    missing = [n for n in terms.numbers if n not in bag]
    missing += [n for n in terms.names if not _has_name(n, bag, aliases)]
    return sorted(missing)


def name_aliases(variant_groups: Iterable[Iterable[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Aliases from groups of variants of one name each (a brief's ``entities[].variants``).

    Only multi-word names lend aliases: "Angela" is satisfied by "Merkel" when "Angela
    Merkel" and "Merkel" are variants of one entity."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for group in variant_groups:
        variants = [tuple(p for w in _words(v) for p in _name_parts(w)) for v in group]
        variants = [v for v in dict.fromkeys(variants) if v]
        if len(variants) < 2:
            continue
        for variant in variants:
            for word in variant:
                mine = found.setdefault(word, [])
                mine.extend(v for v in variants if v not in mine)
    return {word: tuple(v) for word, v in found.items()}
