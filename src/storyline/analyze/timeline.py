"""The timeline of a story: dated events, normalised against each article's own date.

Date expressions are found with regular expressions over the parsed sentences (a small
grammar of English dates: ``July 19, 2000``, ``May 15-16``, ``Sept. 12-17 of last year``,
``in September``, ``last month``, ``on Monday``, ``yesterday``, ``two years ago``) plus,
for the few spaCy ``DATE`` entities that grammar does not read, :mod:`dateparser` run on
that span alone (never on whole texts: there it finds dates in "we", "may", "the 70th").
Durations ("for 24 years", "three days") are not dates and are not read.

A relative expression is resolved against the article's ``published`` date (its local
date, as written). Whether a mention is *planned* or *past* comes from the clause (a
modal such as "will", "is to", "is expected to") and from the resolved date compared with
the publication date; the direction also picks the date: "on Monday" in an article of
Wednesday 2024-06-12 is 2024-06-10 in "met on Monday" and 2024-06-17 in "will meet on
Monday". An article without a date gives relative mentions an unknown date (None).

Only news sentences are read (``propositions.is_news``): a photo caption's date or a
hotline number is no event. Mentions with the same date and precision whose sentences
share content words are one entry (the same event told by several articles); other
events on that day stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from storyline.analyze.nlp import ParsedArticle
from storyline.analyze.propositions import is_news
from storyline.types import Citation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["DatedClause", "TimelineEntry", "build_timeline", "dated_clauses"]

AHEAD_DAYS = 31
"""A day of the month with no year, told in the past tense, that falls this close after
the publication day is in the publication's year ("the search was extended to May 25" in
an article of May 6): an end date or a deadline. Farther ahead, it is last year's."""

MAX_MENTIONS_PER_ARTICLE = 300
"""Date mentions read from one article: a very long article costs bounded time."""

_MONTH_NAMES = (
    "January Jan, February Feb, March Mar, April Apr, May, June Jun, July Jul, August Aug, "
    "September Sep Sept, October Oct, November Nov, December Dec"
)
_MONTHS = {n: i + 1 for i, names in enumerate(_MONTH_NAMES.split(", ")) for n in names.split()}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve"
_NUMBERS = {w: i + 1 for i, w in enumerate(_NUMBER_WORDS.split(" "))} | {"a": 1, "an": 1}

_MON = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)(?![A-Za-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|Sept?\b)"
)  # a whole word: "Maynmar" holds no "May"
_WD = "(?:" + "|".join(_WEEKDAYS) + ")"
_YEAR = r"(?:1[6-9]|20)\d\d"
_YEARQ = rf"(?:,?\s+(?P<year>{_YEAR})(?!\d|,\d)|\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b)?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_CUE = (
    r"(?:(?P<cue>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Tt]hrough|[Dd]uring|[Bb]efore"
    r"|[Aa]fter|of|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Mm]id|[Ll]ate|[Ee]arlier|[Ll]ater"
    r"|[Bb]etween)[\s-]+(?:(?:early|mid|late)[\s-]+)?)"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<year>{_YEAR})([-/])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)\b")),
    ("md", re.compile(rf"(?:\b{_WD},?\s+)?\b{_MON}\s+{_DAY}(?![\d:]){_YEARQ}")),
    ("md", re.compile(rf"(?:\b{_WD},?\s+(?:the\s+)?)?\b{_DAY}\s+(?:of\s+)?{_MON}{_YEARQ}")),
    ("month", re.compile(rf"{_CUE}?\b{_MON}{_YEARQ}")),
    ("year", re.compile(rf"{_CUE}\b(?P<year>{_YEAR})\b(?![-–/.,]?\d|\s*%)")),
    ("weekday", re.compile(rf"(?:\b(?P<cue>last|next|this|[Oo]n)\s+)?\b(?P<wd>{_WD})\b")),
    # capitalised after a word, it is part of a name ("USA Today", "the Today show")
    (
        "deictic",
        re.compile(
            r"\b(?P<word>(?<![\w,]\s)(?:Today|Yesterday|Tomorrow|Tonight)"
            r"|today|yesterday|tomorrow|tonight)\b"
        ),
    ),
    (
        "unit",
        re.compile(
            r"(?<!the )(?<!The )\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<unit>month|year)\b"
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
            r"|twelve)\s+(?P<unit>day|month|year)s?\s+ago\b"
        ),
    ),
)
_DURATION = re.compile(
    rf"\b(?:\d+|an?|{_NUMBER_WORDS.replace(' ', '|')}|\w+teen|\w+ty|hundred|dozen|several|few)"
    r"[\s-]+(?:day|week|month|year|decade|hour)s?\b",
    re.I,
)
"""A length of time ("three days", "ninety days", "an 8-year sentence"), not a date."""
_DEICTIC_WORDS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
_DAY_KINDS = frozenset({"iso", "md"})
"""Kinds that name a day: they win over a longer month expression they overlap ("until
May 10" is May 10, not "until May")."""
_DECADE = re.compile(r"\b\d{3}0'?s\b")
"""A decade ("the 1960s") names no day, month or year."""
_TIME_AFTER = re.compile(r"\s*(?:UTC|GMT|[ECMP][SD]?T|local time|hours?|hrs)\b")
"""A bare four-digit number followed by these is a clock time ("1852 UTC")."""
_MODALS = frozenset({"will", "shall", "'ll", "would", "could", "may", "might", "wo"})
_INTENT = frozenset(
    {"be", "plan", "expect", "schedule", "set", "due", "intend", "aim", "hope", "go",
     "prepare", "want", "likely", "seek", "agree", "promise", "vow", "pledge", "propose"}
)  # fmt: skip
_FUTURE_CUES = re.compile(r"\b(?:next|tomorrow|tonight|later|coming)\b", re.I)
_PAST_CUES = re.compile(r"\b(?:last|yesterday|ago|earlier|since)\b", re.I)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_MIN_SHARED = 2


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of a story, with every article and sentence that reports it."""

    date: str | None  # ISO "2024", "2024-06", "2024-06-10"; None = unknown
    precision: str | None  # "day" | "month" | "year"; None when date is None
    status: str  # "past" | "planned"
    text: str  # the sentence of the first mention
    articles: tuple[str, ...]
    citations: tuple[Citation, ...]
    expression: str  # the date expression as written, e.g. "on Monday"
    end: str | None = None  # last day of a range ("May 15-16" -> "...-16")
    expressions: tuple[str, ...] = ()  # every distinct expression of the event

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "status": self.status,
            "text": self.text,
            "articles": list(self.articles),
            "citations": [
                {"article": c.article, "sentence": c.sentence, "start": c.start, "end": c.end}
                for c in self.citations
            ],
            "expression": self.expression,
            "end": self.end,
            "expressions": list(self.expressions),
        }


@dataclass(frozen=True)
class _Mention:
    order: tuple[int, int]  # (article position, character offset): the reading order
    date: str | None
    precision: str | None
    end: str | None
    status: str
    expression: str
    sentence: Sentence
    words: frozenset[str]


@dataclass(frozen=True)
class _Resolved:
    date: str | None
    precision: str | None
    end: str | None = None


def build_timeline(parsed: Sequence[ParsedArticle]) -> list[TimelineEntry]:
    """The story's timeline: merged dated events, sorted by date (unknown last)."""
    mentions = [m for i, p in enumerate(parsed) for m in _mentions(p, i)]
    return sorted(_merge(mentions), key=_entry_key)


# --- finding and resolving mentions ---------------------------------------------------


def _mentions(
    parsed: ParsedArticle, position: int, *, words: bool = True, fallback: bool = True
) -> Iterator[_Mention]:
    """The date mentions of an article; ``words``: with each sentence's content words;
    ``fallback``: with the dates only :mod:`dateparser` reads (slow)."""
    pub = _publication_day(parsed.article.published)
    count = 0
    for sentence in parsed.parsed_sentences:
        span = parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if not is_news(sentence.text, span):
            continue  # a caption's date, a phone number read as a year
        for start, end, kind, match in _spans(parsed, sentence, fallback=fallback):
            verb = _clause_verb(parsed.doc, start, end)
            if verb is not None and _habitual(verb):
                continue  # "the rainy season generally starts in May": no event, no date
            before = parsed.text[max(sentence.start, start - 12) : start]
            planned = _planned_by_grammar(verb, match.group(0), before)
            resolved = _resolve(kind, match, pub, planned)
            if resolved is None:
                continue
            status = _status(resolved.date, pub, planned)
            content = _content_words(parsed.doc, sentence) if words else frozenset()
            yield _Mention(
                (position, start), resolved.date, resolved.precision, resolved.end,
                status, match.group(0), sentence, content,
            )  # fmt: skip
            count += 1
            if count >= MAX_MENTIONS_PER_ARTICLE:
                return


def _spans(
    parsed: ParsedArticle, sentence: Sentence, *, fallback: bool = True
) -> list[tuple[int, int, str, re.Match[str]]]:
    """Date expressions of one sentence: the grammar's (a day first, then the longest),
    then (``fallback``) spaCy's rest."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    seen: list[tuple[int, int]] = []  # bare month names the grammar turned down
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            bare = kind == "month" and not (m.group("cue") or m.group("year") or m.group("rel"))
            if not bare or _spacy_month(parsed.doc, start, sentence.text[: m.start()]):
                found.append((start, end, kind, m))
            else:
                seen.append((start, end))
    found.sort(key=lambda f: (f[2] not in _DAY_KINDS, f[0] - f[1], f[0]))
    span = parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for ent in span.ents if span is not None and fallback else ():  # what the grammar misses
        whole = _FALLBACK.fullmatch(ent.text)
        overlap = any(ent.start_char < b and a < ent.end_char for a, b in seen)
        if ent.label_ == "DATE" and whole and not overlap and _dates(ent):
            found.append((ent.start_char, ent.end_char, "fallback", whole))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for candidate in found:
        if all(candidate[0] >= c[1] or candidate[1] <= c[0] for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])


def _dates(ent: Span) -> bool:
    """Whether a date entity the grammar missed may name a date: not a length of time,
    not a decade, and a bare number only where it reads as a year (1600-2099) that is
    neither a clock time ("1852 UTC") nor a count ("4500 detainees", "2000 people") nor
    part of a name ("the 1950 Emergency Provisions Act")."""
    text = ent.text
    if _DURATION.search(text) or _DECADE.search(text):
        return False
    if text.strip().lower() in _DEICTIC_WORDS:
        return False  # the grammar reads these; one it left is part of a name ("USA Today")
    if not text.strip().isdigit():
        return True
    if not re.fullmatch(_YEAR, text.strip()):
        return False
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    following = ent.doc.text[ent.end_char : ent.end_char + 12]
    return not _TIME_AFTER.match(following) and not (
        after is not None
        and (
            (after.pos_ == "NOUN" and after.tag_ == "NNS")
            or (after.pos_ == "PROPN" and after.text[:1].isupper())  # "the 1950 Emergency Act"
        )
    )


def _spacy_month(doc: Doc, start: int, before: str) -> bool:
    """A month name with no cue counts when spaCy reads it as a date ("as early as June"),
    unless a name runs into it ("said Navy Capt. Burt March": a surname)."""
    token = _token_at(doc, start)
    anaphoric = re.search(r"\b(?:that|those|the same)\s+$", before, re.I)
    if token is None or token.ent_type_ != "DATE" or token.tag_ == "MD" or anaphoric:
        return False
    previous = doc[token.i - 1] if token.i > 0 else None
    return not (
        previous is not None
        and not previous.is_sent_start
        and previous.pos_ == "PROPN"
        and previous.text.istitle()
        and previous.ent_type_ != "DATE"
    )


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


_FALLBACK = re.compile(r"(?!(?:that|those|the same)\b).*\b(?:[A-Z][a-z]+|\d{4})\b.*", re.S | re.I)


def _publication_day(published: str | None) -> date | None:
    """The local calendar date of an ISO 8601 publication time, as written."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], pub: date | None, planned: bool) -> _Resolved | None:
    groups = m.groupdict()
    if kind == "iso":
        return _day(int(groups["year"]), int(groups["m"]), int(groups["d"]))
    if kind == "md":
        return _month_day(groups, pub, planned)
    if kind == "month":
        return _month(groups, pub, planned)
    if kind == "year":
        return _Resolved(groups["year"], "year")
    if kind == "fallback":
        return _dateparser(m.group(0), pub, planned)
    if pub is None:
        return _Resolved(None, None)
    if kind == "weekday":
        return _weekday(_WEEKDAYS.index(groups["wd"]), groups["cue"], pub, planned)
    if kind == "deictic":
        word = groups["word"].lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return _day_of(pub + timedelta(days=shift))
    if kind == "unit":
        shift = {"last": -1, "next": 1}.get(groups["rel"].lower(), 0)
        return _shift(pub, groups["unit"], shift)
    n = groups["n"].lower()
    return _shift(pub, groups["unit"], -(int(n) if n.isdigit() else _NUMBERS[n]))


def _day(year: int, month: int, day: int, end: int | None = None) -> _Resolved | None:
    try:
        start = date(year, month, day)
        last = date(year, month, end) if end and end > day else None
    except ValueError:
        return None
    return _Resolved(start.isoformat(), "day", last.isoformat() if last else None)


def _day_of(day: date) -> _Resolved:
    return _Resolved(day.isoformat(), "day")


def _shift(pub: date, unit: str, n: int) -> _Resolved:
    if unit == "day":
        return _day_of(pub + timedelta(days=n))
    if unit == "year":
        return _Resolved(f"{pub.year + n:04d}", "year")
    index = pub.year * 12 + pub.month - 1 + n
    return _Resolved(f"{index // 12:04d}-{index % 12 + 1:02d}", "month")


def _year_of(
    groups: dict[str, str | None], pub: date | None, key: tuple[int, int], planned: bool
) -> int | None:
    """The year of a month (and day) with no year written, from the article's date."""
    if groups.get("year"):
        return int(groups["year"] or 0)
    if pub is None:
        return None
    if groups.get("rel"):  # "of last year", "this year", "next year"
        return pub.year + {"last": -1, "next": 1}.get((groups["rel"] or "").lower(), 0)
    cue = (groups.get("cue") or "").lower()
    here = (pub.month, pub.day if key[1] else 0)
    if cue == "this":
        return pub.year
    if cue == "last" or (cue != "next" and not planned):
        before = key < here or (key == here and cue != "last")
        if not before and cue != "last" and _soon_after(pub, key):
            return pub.year  # "on May 4, the search was extended to May 25": an end date
        return pub.year if before else pub.year - 1
    after = key > here or (key == here and cue != "next")
    return pub.year if after else pub.year + 1


def _soon_after(pub: date, key: tuple[int, int]) -> bool:
    """Whether a day of the month (``key``: month, day) falls within ``AHEAD_DAYS`` after
    the publication day in its year: told in the past tense, it is an end date or a
    deadline ("was extended to May 25"), not the same day a year before."""
    if not key[1]:
        return False
    try:
        ahead = date(pub.year, key[0], key[1]) - pub
    except ValueError:
        return False
    return timedelta(0) < ahead <= timedelta(days=AHEAD_DAYS)


def _month_day(groups: dict[str, str | None], pub: date | None, planned: bool) -> _Resolved | None:
    month, day = _MONTHS[(groups["mon"] or "").rstrip(".")], int(groups["d"] or 0)
    end = int(groups.get("d2") or 0) or None
    year = _year_of(groups, pub, (month, day), planned)
    if year is None:
        return _Resolved(None, None)
    return _day(year, month, day, end)


def _month(groups: dict[str, str | None], pub: date | None, planned: bool) -> _Resolved:
    month = _MONTHS[(groups["mon"] or "").rstrip(".")]
    year = _year_of(groups, pub, (month, 0), planned)
    return _Resolved(None, None) if year is None else _Resolved(f"{year:04d}-{month:02d}", "month")


def _weekday(wd: int, cue: str | None, pub: date, planned: bool) -> _Resolved:
    cue = (cue or "").lower()
    if cue == "next" or (cue != "last" and planned):
        return _day_of(pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1))
    back = (pub.weekday() - wd - 1) % 7 + 1 if cue == "last" else (pub.weekday() - wd) % 7
    return _day_of(pub - timedelta(days=back))


def _dateparser(text: str, pub: date | None, planned: bool) -> _Resolved | None:
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "future" if planned else "past"}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    found, period = data.date_obj, data.period
    if found is None or period not in ("day", "month", "year"):
        return None
    if pub is None and not re.search(_YEAR, text):
        return _Resolved(None, None)
    iso = found.date().isoformat()[: {"day": 10, "month": 7, "year": 4}[period]]
    return _Resolved(iso, period)


# --- status: past or planned ----------------------------------------------------------


def _clause_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb the date at ``start:end`` hangs from (at most 8 heads up: the token
    reached then, verb or not); None where the span does not parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return token


def _planned_by_grammar(verb: Token | None, expression: str, before: str = "") -> bool:
    """Is the clause that holds this date (``verb``: its :func:`_clause_verb`) about the
    future (a modal, "is to", "plans to"; a deadline or an end told in the present: "has
    until May 10", "runs through April")? ``before``: the text just before the date."""
    if _FUTURE_CUES.search(expression):
        return True
    if _PAST_CUES.search(expression):
        return False
    if verb is None:
        return False
    if _UNTIL.search(f"{before} {expression}") and verb.tag_ in ("VBZ", "VBP"):
        return True
    return _future_verb(verb, 3)


_UNTIL = re.compile(r"\b(?:until|till|through)\s+(?:\w+\s+)?\S*$|^(?:until|till|through)\b", re.I)
"""A date that ends a span ("until May 10", "through April")."""


_HABITUAL = frozenset(
    [
        "generally",
        "usually",
        "typically",
        "normally",
        "traditionally",
        "customarily",
        "often",
        "always",
        "regularly",
        "annually",
        "yearly",
    ]
)
"""Adverbs that make a clause tell what happens as a rule, not an event."""


def _habitual(token: Token) -> bool:
    """Is the clause of this verb (a date's :func:`_clause_verb`) about what happens as a
    rule ("generally starts in May", "is usually held in August", "held every year in
    March")?"""
    if token.tag_ in ("VBD", "MD") or token.pos_ not in ("VERB", "AUX"):
        return False  # told in the past: one event
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in _HABITUAL:
            return True
        if child.dep_ == "npadvmod" and any(d.lower_ in ("every", "each") for d in child.children):
            return True
    return False


def _future_verb(verb: Token, depth: int) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    negated = any(c.dep_ == "neg" for c in verb.children)
    if any(a.lower_ in _MODALS and not (negated and a.lower_ == "could") for a in auxes):
        return True  # "could not be reached for comment Wednesday": past, not planned
    if verb.tag_ in ("VBD",) or any(a.lemma_ == "have" for a in auxes):
        return False
    if any(a.tag_ == "TO" for a in auxes) and depth > 0 and verb.head is not verb:
        head = verb.head
        return head.lemma_.lower() in _INTENT or _future_verb(head, depth - 1)
    return False


def _status(resolved: str | None, pub: date | None, planned: bool) -> str:
    if resolved is not None and pub is not None:
        here = pub.isoformat()[: len(resolved)]
        if resolved != here:
            return "planned" if resolved > here else "past"
    return "planned" if planned else "past"


# --- merging mentions into entries ----------------------------------------------------


def _content_words(doc: Doc, sentence: Sentence) -> frozenset[str]:
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(
        t.lemma_.lower()
        for t in span
        if t.pos_ in _CONTENT_POS and t.is_alpha and not t.is_stop and t.ent_type_ != "DATE"
    )


def _same_event(a: _Mention, b: _Mention) -> bool:
    if a.sentence == b.sentence:
        return True
    shared = len(a.words & b.words)
    return shared >= min(_MIN_SHARED, len(a.words), len(b.words)) and shared > 0


def _merge(mentions: list[_Mention]) -> Iterator[TimelineEntry]:
    groups: dict[tuple[str | None, str | None, str], list[list[_Mention]]] = {}
    for mention in sorted(mentions, key=lambda m: m.order):
        # an unknown date is only known to be the same within one article
        unknown = f"{mention.sentence.article_id} {mention.expression.lower()}"
        unknown = unknown if mention.date is None else ""
        clusters = groups.setdefault((mention.date, mention.precision, unknown), [])
        home = next((c for c in clusters if any(_same_event(mention, o) for o in c)), None)
        if home is None:
            clusters.append([mention])
        else:
            home.append(mention)
    for clusters in groups.values():
        for cluster in clusters:
            yield _entry(cluster)


def _entry(cluster: list[_Mention]) -> TimelineEntry:
    first = cluster[0]
    planned = sum(m.status == "planned" for m in cluster)
    status = first.status
    if 2 * planned != len(cluster):
        status = "planned" if 2 * planned > len(cluster) else "past"
    sentences = list(dict.fromkeys(m.sentence for m in cluster))
    return TimelineEntry(
        date=first.date,
        precision=first.precision,
        status=status,
        text=first.sentence.text,
        articles=tuple(dict.fromkeys(s.article_id for s in sentences)),
        citations=tuple(Citation.of(s) for s in sentences),
        expression=first.expression,
        end=next((m.end for m in cluster if m.end), None),
        expressions=tuple(dict.fromkeys(m.expression for m in cluster)),
    )


def _entry_key(entry: TimelineEntry) -> tuple[bool, str, str, int, str]:
    cite = entry.citations[0]
    return (entry.date is None, entry.date or "", cite.article, cite.start, entry.expression)


@dataclass(frozen=True)
class DatedClause:
    """A day a past event is dated to, with the verb of the clause that dates it."""

    sentence: Sentence
    day: str  # ISO date, resolved against the article's own date
    expression: str  # as written ("on Sunday", "Aug. 12")
    before: str  # the text just before the expression in its sentence
    verb: Token


def dated_clauses(parsed: ParsedArticle, position: int = 0) -> list[DatedClause]:
    """The past events of an article dated to a day (a weekday or "yesterday" resolved
    against the article's date), each with its clause's verb."""
    found = []
    for m in _mentions(parsed, position, words=False, fallback=False):
        if m.precision != "day" or m.status != "past" or m.date is None or m.end:
            continue
        start = m.order[1]
        verb = _clause_verb(parsed.doc, start, start + len(m.expression))
        if verb is None or verb.pos_ != "VERB":
            continue
        before = parsed.text[m.sentence.start : start]
        found.append(DatedClause(m.sentence, m.date, m.expression, before, verb))
    return found
