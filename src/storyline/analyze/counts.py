"""Counts of people across a story: the toll one article gives against another's.

Fact alignment (:mod:`.facts`) finds conflicts only between sentences that would state
one fact but for their figures. Two reports of one count are often worded too
differently for that ("killed more than 26,000" / "left more than 31,000 dead"; "the death
toll rose to 200,000" / "the quake killed 110,000 people"). This search reads each count
of people on its own, across the story:

- **what it measures**: a small closed class of generic news counts (deaths, injuries,
  arrests, evacuations, the missing, the homeless), read from the number's parse: the
  words on its path to its verb, the verb, and the verb's subject, object or complement
  ("the death toll rose to 200", "left 31,000 dead", "200 people were killed");
- **that it counts people at large**: the number counts "people" or nothing else ("killed
  67", "67 dead"), never a part ("12 of the dead", "five children", "3 more");
- **the same scope**: the two sentences name no different places or years, no
  different day, and give no running count from different starts ("since May");
- **the same event**: the two sentences are alike (MiniLM cosine ``SAME_EVENT_COSINE``);
- **a different figure**: not the same once rounded as the other is written.

Each article gives one figure for a measure or none is taken from it (two different
figures of one article are ambiguous: an earlier toll, another event), but a sentence that
gives figures of one measure each for places of its own ("The Chilean embassy bombing
killed 10 people, while a bombing in Peru killed 224") gives each for its place: compared
only with counts of that place or of none, never with one whose places include the other
figure's (the other place, a total of both). Kinds: articles
published on different days -> ``update``; else an estimate on a side ("at least",
"about") -> ``range``; else ``contradiction``.

Counts of anything else (:func:`thing_counts`: "116 sailors trapped" / "118 sailors";
"his mother and nine others" / "10 others") have no measure word to say what is counted,
so they are held to more: the same counted noun, sentences that share another noun and
a predicate word (or are very alike), the scope read from the count's own clause, and
figures within ``THING_RATIO``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from .conflicts import (
    Conflict,
    Value,
    agree,
    dates,
    gives_figure,
    lead_side,
    linked,
    one_figure_each,
    one_sided,
    quantities,
    sides_of,
    times,
)
from .facts import FactMention
from .nlp import ParsedArticle
from .phrases import REPORT_VERBS, word_set

MAX_RATIO = 5.0
"""Two reports of one count differ by at most this factor; a wider gap ("7 killed" /
"3,600 killed", "80 injured" / "more than 1,400 injured") is another event or scope.
Chosen on the tuning stories (below): real disagreements there differ by 1.03-3.3x,
the other-event pairs by 12x and more."""

SAME_EVENT_COSINE = 0.5
"""Least MiniLM cosine of two sentences for their counts to be compared (tuned on DUC 2006
D0601-D0625, ECB+ topics 1-22 and MultiLing M000-M004; see benchmarks/README.md)."""

MEASURES = {
    "death": "kill killed die died dead death toll fatality life",
    "injury": "injure injured wound wounded hurt injury",
    "arrest": "arrest arrested detain detained detention",
    "evacuation": "evacuate evacuated evacuation evacuee",
    "missing": "missing",
    "homeless": "homeless displace displaced",
}
"""The generic counts of people news reports, with the lemmas that say each."""

_MEASURE_OF = {word: measure for measure, words in MEASURES.items() for word in words.split()}

PEOPLE = frozenset({"", "people", "person", "life", *_MEASURE_OF})
"""Unit nouns of a count of people at large (a count of "children" or "soldiers" is a
part of the toll, not the toll)."""

_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "oprd", "acomp", "attr", "xcomp", "ccomp"})
_NOUN_MODIFIERS = frozenset({"acl", "relcl", "amod", "compound"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_ACTORS = frozenset({"ORG", "PRODUCT", "EVENT"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"overnight)\b",
    re.IGNORECASE,
)
_RATE = re.compile(
    r"\b(?:(?P<yearly>annually|yearly|(?:a|per|each|every) year)"
    r"|(?P<daily>daily|(?:a|per|each|every) day)"
    r"|(?P<this>this|last|next) (?P<span>year|month|week))\b",
    re.IGNORECASE,
)
"""Rates and periods a count is given for ("7,000 deaths annually", "this year")."""
_SINCE = re.compile(r"\bsince\s+((?:the\s+|a\s+)?[\w-]+)", re.IGNORECASE)
"""The start of a running count ("since May", "since the shooting"): counts from
different starts, or one running and one not, are not compared."""
_RANGE_ON = re.compile(
    r"[\d,.]+(?:\s+(?:thousand|million|billion))?\s*(?:to|-|–|or)\s*\d", re.IGNORECASE
)
_RANGE_END = re.compile(
    r"\d(?:\s+(?:thousand|million|billion))?\s*(?:to|-|–|or)\s*\Z", re.IGNORECASE
)
"""What comes before the second figure of a range ("2 million to 3 million deaths")."""
_PART = re.compile(r"\s*(?:of|more|others?|additional|other)\b", re.IGNORECASE)
"""What follows a number that counts a part ("12 of the dead", "3 more", "5 others")."""


@dataclass(frozen=True)
class _Count:
    sentence: int  # index into the story's candidate sentences
    mention: FactMention
    value: Value
    measure: str
    places: frozenset[str] | None = None  # its own clause's places, where its sentence
    # gives figures of one measure for different places ("10 killed in A, while ... 224
    # in B"); None: the sentence's scope holds
    others: frozenset[str] = frozenset()  # the places of the sentence's other figures


@dataclass(frozen=True)
class _Scope:
    places: frozenset[str]
    actors: frozenset[str]  # organisations, products, events: not the sources cited
    when: frozenset[str]  # years, dates, days, clock times, rates ("a year")
    since: frozenset[str]


def measure_of(token: Any) -> str:
    """What a number token counts among ``MEASURES`` ("" when none): the nearest word
    that says it on the way up to the verb, then the verb, then its arguments."""
    path = [token]
    while path[-1].pos_ != "VERB" and path[-1].head is not path[-1] and len(path) < 5:
        path.append(path[-1].head)
    near = []
    for node in path:
        near.append(node)
        near.extend(c for c in node.children if c.dep_ in _NOUN_MODIFIERS and c not in path)
    for node in near:
        if (found := _MEASURE_OF.get(str(node.lemma_).lower())) is not None:
            return found
        if (found := _MEASURE_OF.get(node.lower_)) is not None:
            return found
    verb = path[-1]
    if verb.pos_ != "VERB":
        return ""
    found_in = set()
    for child in verb.children:
        if child.dep_ not in _ARGUMENTS:
            continue
        for word in (child, *(c for c in child.children if c.dep_ in _NOUN_MODIFIERS)):
            measure = _MEASURE_OF.get(str(word.lemma_).lower()) or _MEASURE_OF.get(word.lower_)
            if measure:
                found_in.add(measure)
    return found_in.pop() if len(found_in) == 1 else ""


def people_counts(
    parsed: Sequence[ParsedArticle],
    sentences: Sequence[Any],
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    published: Mapping[str, str | None],
    *,
    fact_of: Mapping[tuple[str, int], str] | None = None,
    taken: frozenset[tuple[str, int]] = frozenset(),
) -> list[Conflict]:
    """Conflicts between counts of people across a story's candidate sentences
    (``sentences[i]`` of article ``parsed[owner[i]]``, MiniLM ``vectors``). ``fact_of``:
    (article, sentence) -> id of its fact; ``taken``: sentences already in a conflict."""
    counts: list[_Count] = []
    scopes: dict[int, _Scope] = {}
    nations: dict[int, frozenset[str]] = {}  # the countries its people's adjectives name
    demonyms = _demonyms(parsed)
    for i, sentence in enumerate(sentences):
        item = parsed[owner[i]]
        span = item.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        mention = FactMention(
            sentence.article_id, sentence.index, sentence.start, sentence.end, sentence.text
        )
        own: list[tuple[_Count, Any]] = []
        for value in quantities(sentence.text):
            if value.about not in PEOPLE or value.low < 1 or value.low != int(value.low):
                continue
            if _PART.match(sentence.text, value.end) and value.about == "":
                continue
            if _RANGE_ON.match(sentence.text, value.start) or _RANGE_END.search(
                sentence.text, 0, value.start
            ):
                continue  # "2 million to 3 million": a range read as one of its figures
            number = item.doc.char_span(
                sentence.start + value.start, sentence.start + value.end, alignment_mode="expand"
            )
            if number is None:
                continue
            if not _counts(number.root, value.about):
                continue
            measure = _MEASURE_OF.get(value.about) or measure_of(number.root)
            if measure:
                own.append((_Count(i, mention, value, measure), number.root))
                if i not in scopes:
                    scopes[i] = _scope(span, sentence.text)
                    nations[i] = _nations(span, demonyms)
        counts.extend(_placed(own, demonyms))
    texts = [item.article.text.lower() for item in parsed]
    bodies = {item.article.id: item.article.text for item in parsed}
    groups = linked(counts, lambda a, b: _comparable(a, b, owner, vectors, scopes, texts, nations))
    return figure_conflicts(
        groups, bodies, published, fact_of, taken, lambda c: c.measure, ratio=None
    )


def _counts(token: Any, unit: str) -> bool:
    """The number counts what it is read as counting: its unit word is the noun it
    modifies (or a word that modifies it: "67 dead"), not a word further on ("three life
    sentences"); a bare number is no age or name set after a noun ("Ann Lee, 40,") and
    no part ("one of", "a mother of two"). A number before its scale word ("3 million
    people") is read from the scale word."""
    while token.dep_ in ("compound", "quantmod") and token.head.tag_ == "CD":
        token = token.head
    if unit:
        near = [token.head, *token.children]
        return any(_unit_word(t) == unit for t in near) and not _partitive(token.head)
    if token.dep_ in ("appos", "npadvmod") and token.head.pos_ in ("NOUN", "PROPN"):
        return False
    return not (token.dep_ == "pobj" and token.head.lower_ == "of")


def _partitive(noun: Any) -> bool:
    """The noun is the whole a part is taken of ("half of the 10 people", "two of the 217
    dead"): the count said is the part's, not the noun's."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    whole = noun.head.head
    return whole.pos_ in ("NUM", "PRON", "DET") or whole.lower_ in _QUANTIFIERS


_QUANTIFIERS = word_set(
    "half majority most many some all several few dozens hundreds thousands none"
)


def _unit_word(token: Any) -> str:
    word = str(token.lower_)
    if word in ("people", "person", "persons"):
        return "people"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _scope(span: Any, text: str) -> _Scope:
    """Where, who and when a sentence's counts are of. Organisations cited as sources
    ("according to the ISNA agency", "Acme Corp said") do not scope the count."""

    def names(labels: frozenset[str]) -> frozenset[str]:
        return frozenset(
            e.text.lower().removeprefix("the ")
            for e in span.ents
            if e.label_ in labels and not _cited(e.root)
        )

    when = {*_YEAR.findall(text), *(d.lower() for d in _DAY.findall(text))}
    when |= {f"{int(v.low) % 10000}-{int(v.high) % 10000}" for v in dates(text)}
    when |= {f"{int(v.low)}" for v in times(text)}
    for rate in _RATE.finditer(text):
        when.add(f"{rate['this']} {rate['span']}".lower() if rate["this"] else rate.lastgroup or "")
    verbal = {  # "has since charred 500 acres": an adverb, no start of a running count
        t.lower_
        for t in span
        if t.pos_ in ("VERB", "AUX") and t.i > 0 and t.nbor(-1).lower_ == "since"
    }
    return _Scope(
        names(_PLACES),
        names(_ACTORS),
        frozenset(when),
        frozenset(
            m.group(1).lower() for m in _SINCE.finditer(text) if m.group(1).lower() not in verbal
        ),
    )


def _cited(token: Any) -> bool:
    """A name that is a source: the subject of a verb of saying, or "according to" it."""
    for _ in range(3):
        head = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in REPORT_VERBS:
            return True
        if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
        if head is token:
            return False
        token = head
    return False


def _comparable(
    a: _Count,
    b: _Count,
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    scopes: Mapping[int, _Scope],
    texts: Sequence[str],
    nations: Mapping[int, frozenset[str]] | None = None,
) -> bool:
    if a.measure != b.measure or owner[a.sentence] == owner[b.sentence]:
        return False
    low, high = sorted((a.value.low, b.value.low))
    if high > MAX_RATIO * low:
        return False
    if float(vectors[a.sentence] @ vectors[b.sentence]) < SAME_EVENT_COSINE:
        return False
    x, y = scopes[a.sentence], scopes[b.sentence]
    if x.when != y.when or x.since != y.since:
        return False
    if x.actors and y.actors and not _overlap(x.actors, y.actors):
        return False
    if not (_placed_in(a, y.places, b.places) and _placed_in(b, x.places, a.places)):
        return False
    both_sentences = a.places is None and b.places is None
    if both_sentences and x.places and y.places and not _overlap(x.places, y.places):
        nation = nations or {}  # "in Norland" / "in several Norlish cities, including Vell"
        wide_x = x.places | nation.get(a.sentence, frozenset())
        if not _overlap(wide_x, y.places | nation.get(b.sentence, frozenset())):
            return False
    return _named_in(x, texts[owner[b.sentence]]) and _named_in(y, texts[owner[a.sentence]])


def _placed_in(count: _Count, sentence_places: frozenset[str], own: frozenset[str] | None) -> bool:
    """A count read with its own clause's places is compared with another count whose
    places (its own, else its sentence's) include one of them and none of the places its
    sentence gives other figures for (the other place, or a total of both); a count
    without places is compared as before."""
    if count.places is None:
        return True
    places = sentence_places if own is None else own
    if not places:
        return True
    return _overlap(count.places, places) and not _overlap(count.others, places)


_CLAUSES = frozenset({"advcl", "conj", "ccomp", "relcl", "parataxis", "xcomp", "acl"})


def _placed(own: list[tuple[_Count, Any]], demonyms: Mapping[str, str]) -> list[_Count]:
    """The counts of one sentence, each read with its own clause's places when the
    sentence gives different figures of one measure, each for places of its own ("The
    bombing in A killed 10 people, while the one in B killed 224"); else as they are."""
    out = [count for count, _ in own]
    by_measure: dict[str, list[int]] = {}
    for k, (count, _) in enumerate(own):
        by_measure.setdefault(count.measure, []).append(k)
    for ks in by_measure.values():
        if len({own[k][0].value.low for k in ks}) < 2:
            continue
        places = [_own_places(own[k][1], demonyms) for k in ks]
        if not all(places) or any(
            _overlap(p, q) for n, p in enumerate(places) for q in places[n + 1 :]
        ):
            continue  # a figure without a place, or two for one place: ambiguous
        for k, mine in zip(ks, places, strict=True):
            others = frozenset().union(*(p for p in places if p is not mine))
            out[k] = replace(out[k], places=mine, others=others)
    return out


def _own_places(token: Any, demonyms: Mapping[str, str]) -> frozenset[str]:
    """The places of a number's own clause: the verb above it with its arguments, not
    the clauses hanging from it that do not hold the number; a relative clause's noun
    ("the embassy in A, which killed 11") is part of it. Places after "in" or "at" are
    where it happened ("the U.S. Embassy in Peru": Peru); else every place named,
    a people's adjective as its country ("the Chilean embassy")."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return frozenset()
    left_out = {
        t.i
        for c in verb.children
        if c.dep_ in _CLAUSES and not (c.left_edge.i <= token.i <= c.right_edge.i)
        for t in c.subtree
    }
    tokens = [t for t in verb.subtree if t.i not in left_out]
    if verb.dep_ == "relcl":
        inside = {t.i for t in verb.subtree}
        tokens += [t for t in verb.head.subtree if t.i not in inside]
    seen = {t.i for t in tokens}
    found = [e for e in token.doc.ents if e.start in seen and e.label_ in (*_PLACES, "NORP")]
    located = [
        e
        for e in found
        if e.label_ in _PLACES and e.root.dep_ == "pobj" and e.root.head.lower_ in ("in", "at")
    ]
    names = set()
    for e in located or found:
        name = e.text.lower().removeprefix("the ")
        if e.label_ == "NORP":
            if (country := demonyms.get(name)) is None:
                continue
            name = country
        names.add(name)
    return frozenset(names)


def _nations(span: Any, demonyms: Mapping[str, str]) -> frozenset[str]:
    """The countries a sentence's people's adjectives name ("Norlish cities" -> Norland),
    where the story names the country (:func:`_demonyms`)."""
    return frozenset(
        country
        for e in span.ents
        if e.label_ == "NORP" and (country := demonyms.get(e.text.lower())) is not None
    )


def _demonyms(parsed: Sequence[ParsedArticle]) -> dict[str, str]:
    """A people's adjective of the story read as the country it names ("Chilean" ->
    "chile"): a NORP whose start is a place name of the story, less its last letter."""
    places = {
        e.text.lower().removeprefix("the ")
        for item in parsed
        for e in item.doc.ents
        if e.label_ == "GPE"
    }
    out = {}
    for item in parsed:
        for e in item.doc.ents:
            word = e.text.lower()
            if e.label_ != "NORP" or word in out:
                continue
            for place in sorted(places):
                if len(place) >= 4 and " " not in place and word.startswith(place[:-1]):
                    out[word] = place
                    break
    return out


def _named_in(scope: _Scope, text: str) -> bool:
    """Every actor a count is scoped by is named in the other article too (a count of
    "the Acme Air crash" is no count of an article that never names it). Places are
    written in too many ways ("the New York City area") to be asked of the article."""
    return all(name in text for name in scope.actors)


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(p == q or p in q or q in p for p in a for q in b)


class _Side(Protocol):
    @property
    def mention(self) -> FactMention: ...
    @property
    def value(self) -> Value: ...


_F = TypeVar("_F", bound=_Side)


def figure_conflicts(
    groups: Iterable[Sequence[_F]],
    bodies: Mapping[str, str],
    published: Mapping[str, str | None],
    fact_of: Mapping[tuple[str, int], str] | None,
    taken: frozenset[tuple[str, int]],
    about: Callable[[_F], str],
    *,
    ratio: float | None,
) -> list[Conflict]:
    """The conflicts of a story-wide search's linked figures (``groups``), sorted: in each
    group one figure an article (:func:`.conflicts.one_figure_each`), none from an article
    that gives another side's figure too (``bodies``: article id -> text), at least two
    that disagree, within ``ratio`` of each other when given (a wider spread is figures
    linked through others in between: another group, not a report), none in a sentence
    already ``taken``; each typed by :func:`_kind` and named by ``about`` of its lead side."""
    found = []
    for group in groups:
        kept = one_figure_each(group)
        kept = {  # an article that gives another side's figure too is no side
            f.mention.article: f
            for f in one_sided(
                list(kept.values()), lambda article, b: gives_figure(bodies[article], b.value)
            )
        }
        values = [f.value for f in kept.values()]
        if len(values) < 2 or all(agree(x, y) for x in values for y in values):
            continue
        if ratio is not None and max(v.low for v in values) > ratio * min(v.low for v in values):
            continue
        if any((f.mention.article, f.mention.sentence) in taken for f in kept.values()):
            continue
        pairs = [(f.mention, f.value) for f in kept.values()]
        first, fact = lead_side(kept.values(), fact_of)
        kind = _kind(values, [published.get(f.mention.article) for f in kept.values()])
        found.append(Conflict(kind, about(first), sides_of(pairs), fact))
    return sorted(found, key=lambda c: (c.about, c.sides[0].articles))


def _kind(values: list[Value], when: list[str | None]) -> str:
    days = {w[:10] for w in when if w}
    if len(days) > 1 and all(when):
        return "update"
    if any(v.hedged for v in values):
        return "range"
    return "contradiction"


THING_RATIO = 1.5
"""Two reports of one count of a thing other than the closed class of ``MEASURES``
differ by at most this factor: without a measure word to say what is counted, a wider
gap is more often another group than another report."""

THING_COSINE = 0.7
"""Least MiniLM cosine of two sentences for their counts of one noun to be compared
when the counts share no predicate word (with one shared, ``THING_FLOOR``); either way
the two sentences share another noun."""

THING_WORDS = 3
"""Content words two counts' clauses share ("sailors trapped in a sunken nuclear
submarine" / "the remains of sailors from the sunken nuclear submarine") for the counts to
be compared at ``SAME_EVENT_COSINE`` without a shared predicate word."""

THING_FLOOR = 0.3
"""Least MiniLM cosine of two sentences whose counts of one noun share a predicate word
and another noun of their sentences ("a boat capsizing that killed his mother and nine
others" in a long sentence about something else)."""

_LIGHT_VERBS = word_set("be have do become get remain")
"""Auxiliaries and copulas: no predicate of a count of their own."""
_OF_WHOLE = re.compile(r"\d\s+of\s+\Z")
_COUNT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos", "oprd"})


@dataclass(frozen=True)
class _Thing:
    sentence: int
    mention: FactMention
    value: Value
    noun: str  # the counted noun as read from the text ("countrie" for "countries")
    label: str  # its lemma ("country"): what the conflict is about
    predicates: frozenset[str]  # lemmas of the verbs and modifiers it is counted by
    nouns: frozenset[str]  # lemmas of the other nouns of its sentence
    words: frozenset[str]  # lemmas of the other content words of its clause
    scope: _Scope
    subject: frozenset[str] = frozenset()  # lemmas naming its verb's subject (:func:`_subject`)
    extent: bool = False  # a measure ("500 acres"), compared only through its subject


def counted_noun(token: Any, *, extents: bool = False) -> Any | None:
    """The plural noun a number token counts ("2.7 million Americans" -> "Americans",
    "his mother and 10 others" -> "others"), when the parse reads it as a cardinal that
    modifies a plural noun that is an argument of its clause (no date, money, percent or
    distance: those are other entity types; no noun modifier: "118-man crew"). A figure
    read as money or a measure that holds no currency sign and ends before the noun
    ("more than 37 million | Americans") is a cardinal misread; with ``extents`` a
    measure ("500 acres", "12 miles": a QUANTITY entity holding its noun) is read too,
    also where the parse hangs it from its verb as a measure (:func:`_measured`)."""
    measure = extents and token.ent_type_ == "QUANTITY"
    if token.ent_type_ not in ("CARDINAL", "") and not _misread(token) and not measure:
        return None
    while token.dep_ in ("compound", "quantmod") and token.head.tag_ == "CD":
        token = token.head
    noun = token.head
    if token.dep_ != "nummod" or noun.tag_ not in ("NNS", "NNPS") or noun.i == token.i:
        return None
    if (noun.dep_ not in _COUNT_DEPS and not (measure and _measured(noun))) or _partitive(noun):
        return None
    first = min((noun, *noun.conjuncts), key=lambda t: t.i)
    if first.dep_ == "appos" and any(_numbered(t) for t in noun.conjuncts):
        return None  # "12 killed, seven children, three women and two men": a part
    return noun


def _misread(token: Any) -> bool:
    """The MONEY or QUANTITY entity of a number token holds no currency sign and leaves
    out the plural noun after it: the parse's guess, no sum or measure ("more than 37
    million | Americans")."""
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if entity is None or entity.label_ not in ("MONEY", "QUANTITY"):
        return False
    if any(unicodedata.category(ch) == "Sc" for ch in entity.text):
        return False
    after = entity.end
    return after < len(token.doc) and token.doc[after].tag_ in ("NNS", "NNPS")


def _numbered(noun: Any) -> bool:
    return any(c.dep_ == "nummod" for c in noun.children)


def _predicates(noun: Any) -> tuple[frozenset[str], Any]:
    """The words a noun is counted by, and the verb of its clause: the verbs and
    adjectives that modify it ("sailors trapped", "men who died") and the first verb
    above it ("killed his mother and 10 others"), auxiliaries left out."""
    words = {
        str(c.lemma_).lower()
        for c in noun.children
        if c.dep_ in ("acl", "relcl", "amod") and c.pos_ in ("VERB", "ADJ")
    }
    for c in noun.children:
        if c.dep_ == "relcl":
            words.add(str(c.lemma_).lower())
    head, steps = noun, 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and steps < 6:
        head, steps = head.head, steps + 1
    if head.pos_ in ("VERB", "AUX"):
        words.add(str(head.lemma_).lower())
    return frozenset(words - _LIGHT_VERBS), head


def thing_counts(
    parsed: Sequence[ParsedArticle],
    sentences: Sequence[Any],
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    published: Mapping[str, str | None],
    *,
    fact_of: Mapping[tuple[str, int], str] | None = None,
    taken: frozenset[tuple[str, int]] = frozenset(),
) -> list[Conflict]:
    """Conflicts between counts of one plural noun outside ``MEASURES`` across a story
    ("116 sailors trapped" / "118 sailors"; "his mother and nine others" / "his mother
    and 10 others"): the same noun, counted in sentences about the same event (sharing
    another noun, and a predicate word at cosine ``THING_FLOOR``, ``THING_WORDS`` words
    of the count's clause at ``SAME_EVENT_COSINE``, or else cosine ``THING_COSINE``), in the
    same scope read from the count's own clause (places, actors, people named, time
    words), with figures within ``THING_RATIO``. Arguments as :func:`people_counts`."""
    things: list[_Thing] = []
    for i, sentence in enumerate(sentences):
        item = parsed[owner[i]]
        mention = FactMention(
            sentence.article_id, sentence.index, sentence.start, sentence.end, sentence.text
        )
        for value in quantities(sentence.text, modified=True):  # "3 million school-age
            # children": a count of children
            if not value.about or value.low <= 0:
                continue
            if _MEASURE_OF.get(value.about) or value.about in PEOPLE:
                continue  # the closed class: :func:`people_counts`
            if _OF_WHOLE.search(sentence.text, 0, value.start):
                continue  # "28 of 41 passes": 41 is the whole a part is counted of
            number = item.doc.char_span(
                sentence.start + value.start, sentence.start + value.end, alignment_mode="expand"
            )
            if number is None:
                continue
            if value.high != value.low:  # "0.6 to 1.2 degrees": an extent's range only
                noun = _range_unit(item.doc, sentence.start, sentence.text, value)
            elif _RANGE_ON.match(sentence.text, value.start):
                continue  # "2 or 3 boats": a range read as one of its figures
            else:
                noun = counted_noun(number.root, extents=True)
            if noun is None:
                continue
            if _unit_word(noun) != value.about and str(noun.lemma_).lower() != value.about:
                continue
            value = _with_named(noun, value, sentence.start, sentence.text)
            extent = noun.ent_type_ == "QUANTITY" and not _misread(number.root)
            if not extent and (value.low < 2 or value.low != int(value.low)):
                continue  # "1.5 children": no count of things
            predicates, verb = _predicates(noun)
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "PRP" for c in verb.children):
                continue  # "he scored six touchdowns": whose count is not read here
            clause = item.doc[verb.left_edge.i : _clause_end(verb, number.root) + 1]
            if not clause.start_char <= number.start_char < clause.end_char:
                clause = number.sent
            nouns = frozenset(
                str(t.lemma_).lower()
                for t in number.sent
                if t.pos_ in ("NOUN", "PROPN") and t.i != noun.i and not t.like_num
            )
            words = (
                frozenset(
                    str(t.lemma_).lower()
                    for t in clause
                    if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and t.i != noun.i
                )
                - _LIGHT_VERBS
            )
            things.append(
                _Thing(
                    i,
                    mention,
                    value,
                    _scaled(value.about, noun),
                    str(noun.lemma_).lower(),
                    predicates,
                    nouns,
                    words,
                    _clause_scope(clause),
                    _subject(verb)
                    if (_of_verb(noun) if extent else noun.dep_ in _OBJECTS)
                    else frozenset(),
                    extent,
                )
            )
    compared: dict[tuple[int, str], set[float]] = {}
    for thing in things:
        compared.setdefault((thing.sentence, thing.noun), set()).add(thing.value.low)
    things = [t for t in things if len(compared[t.sentence, t.noun]) == 1]  # "2.5 million
    # prescriptions, against 2.7 million of the other drug": which is whose is not read
    texts = [item.article.text.lower() for item in parsed]
    bodies = {item.article.id: item.article.text for item in parsed}
    groups = linked(things, lambda a, b: _things_comparable(a, b, owner, vectors, texts))
    found = figure_conflicts(
        groups, bodies, published, fact_of, taken, lambda t: t.label, ratio=THING_RATIO
    )
    seen = {(side.value, side.articles) for c in found for side in c.sides}
    groups = linked(things, lambda a, b: _one_subject(a, b, owner, vectors, texts))
    found += [  # a pair both searches link is listed once
        c
        for c in figure_conflicts(
            groups, bodies, published, fact_of, taken, lambda t: t.label, ratio=MAX_RATIO
        )
        if not any((side.value, side.articles) in seen for side in c.sides)
    ]
    return sorted(found, key=lambda c: (c.about, c.sides[0].articles))


_PEOPLE_NAMES = frozenset({"PERSON"})

_SCALES = word_set("celsius centigrade fahrenheit kelvin c f")
"""The closed class of temperature scales written after "degrees": degrees of two scales
are two units (a figure in one is never compared with a figure in the other, nor with
degrees of no scale). Not converted: "degrees" may be a temperature (32 apart) or a
change of one (1.8 times), and the parse does not say which."""


def _text_start(text: str, value: Value) -> int:
    """Where the words of ``value`` begin in its sentence ``text`` (-1 when they are not
    there): they end at or after its number's start."""
    return text.rfind(value.text, 0, value.start + len(value.text))


def _range_unit(doc: Any, offset: int, text: str, value: Value) -> Any | None:
    """The noun of a range that measures an extent ("rose 0.6 to 1.2 degrees", "between
    3 and 5 miles": a QUANTITY entity holding its noun), read from the words of the
    range, whose parse is too loose to say which number modifies it; None for a range
    of counted things ("10 to 20 boats": which figure is reported is not read)."""
    begin = _text_start(text, value)
    if begin < 0:
        return None
    span = doc.char_span(offset + begin, offset + begin + len(value.text), alignment_mode="expand")
    if span is None or not len(span):
        return None
    noun = span[-1]
    if noun.tag_ not in ("NNS", "NNPS") or noun.ent_type_ != "QUANTITY":
        return None
    return noun


def _with_named(noun: Any, value: Value, offset: int, text: str) -> Value:
    """A count coordinated after people named ("Ann Vell and 31 members of her gang were
    arrested") counts them too: 32 people of the group, shown with the names."""
    if noun.dep_ != "conj" or noun.head.pos_ != "PROPN":
        return value
    before = [t for t in (noun.head, *noun.head.conjuncts) if t.i < noun.i]
    if not all(t.pos_ == "PROPN" and t.ent_type_ == "PERSON" for t in before):
        return value
    begin = _text_start(text, value)
    first = min(t.left_edge.idx for t in before) - offset
    if begin < 0 or not 0 <= first < begin:
        return value
    return replace(
        value,
        low=value.low + len(before),
        high=value.high + len(before),
        text=text[first : begin + len(value.text)],
    )


def _scaled(unit: str, noun: Any) -> str:
    """The unit with the temperature scale written after its noun ("degree fahrenheit"):
    see ``_SCALES``."""
    after = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.lower_.rstrip(".") in _SCALES:
        return f"{unit} {after.lower_.rstrip('.')}"
    return unit


def _clause_end(verb: Any, number: Any) -> int:
    """The last token of a count's own clause: the verb's words, less a clause
    coordinated after the number ("3 million children have it, and half may be taking
    Acmex": the second clause's names are no scope of the count)."""
    end = int(verb.right_edge.i)
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.i > number.i:
            end = min(end, int(child.left_edge.i) - 1)
    return end


def _clause_scope(clause: Any) -> _Scope:
    """:func:`_scope` of the count's own clause, people named in it counted as actors
    ("Smith scored 20 points" and "Jones scored 25 points" count two things) and named
    events as times ("on Thanksgiving Day")."""
    scope = _scope(clause, clause.text)
    people = frozenset(
        e.text.lower() for e in clause.ents if e.label_ in _PEOPLE_NAMES and not _cited(e.root)
    )
    events = frozenset(
        e.text.lower().removeprefix("the ") for e in clause.ents if e.label_ == "EVENT"
    )
    return _Scope(scope.places, (scope.actors - events) | people, scope.when | events, scope.since)


_OBJECTS = frozenset({"dobj", "pobj", "attr", "oprd"})


def _of_verb(noun: Any) -> bool:
    """An extent measures its verb's event: its object or measure ("has charred 536
    acres", "has risen 14 inches"), or the object of the verb's preposition ("spread
    across 600 acres"); one hung from a noun measures that noun ("a depth of 10
    kilometers", "a rise of 2 degrees"), not the verb's subject, which the subject link
    compares."""
    if noun.dep_ in ("dobj", "attr", "oprd") or _measured(noun):
        return noun.head.pos_ in ("VERB", "AUX")
    return bool(
        noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX")
    )


def _measured(noun: Any) -> bool:
    """The parse hangs an extent from its verb as a measure ("have risen 3.6 degrees",
    "has risen 4 to 10 inches"): an object of the verb as far as counts go. One hung so
    from a direction ("centered 3 miles southwest of Vell") places the event, no extent
    of it."""
    return bool(noun.dep_ == "npadvmod" and noun.head.pos_ == "VERB")


_RELATIVES = word_set("that which who whom")


def _subject(verb: Any) -> frozenset[str]:
    """What a count's verb is said of: the lemmas of its subject noun and of the noun
    that subject is in apposition with, a relative pronoun read as the noun its clause
    hangs from ("osteoarthritis, the disease that afflicts 21 million", "the fire that ...
    spread across 600 acres"), a verb without a subject of its own read with the verb it
    is coordinated with ("was sparked on Sunday and has since charred 536 acres"), an
    active participle read with the noun it modifies ("a fire burning 500 acres", "a fire so far
    has consumed 200 acres" read as one); empty for a pronoun, a name (an agent) or no
    noun."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ != "conj":
            break
        verb = verb.head
    active = verb.tag_ == "VBG" or any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children
    )
    if not subjects and verb.dep_ == "acl" and active:
        subjects = [verb.head]
    if len(subjects) != 1:
        return frozenset()
    noun = subjects[0]
    if noun.lower_ in _RELATIVES and verb.dep_ == "relcl":
        noun = verb.head
    if noun.pos_ != "NOUN" or noun.ent_type_:
        return frozenset()  # a pronoun, or a name: an agent ("the Acmes ran for 350
        # yards" / "the Acmes racked up 507 yards": their acts are many figures)
    nouns = [noun, *(c for c in noun.children if c.dep_ == "appos")]
    if noun.dep_ == "appos":
        nouns.append(noun.head)
    return frozenset(str(n.lemma_).lower() for n in nouns if n.pos_ in ("NOUN", "PROPN"))


def _same_subject(a: frozenset[str], b: frozenset[str]) -> bool:
    """One lemma names both subjects, or ends the other's ("wildfire" / "fire")."""
    return any(p.endswith(q) or q.endswith(p) for p in a for q in b if min(len(p), len(q)) > 2)


def _one_subject(
    a: _Thing,
    b: _Thing,
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    texts: Sequence[str],
) -> bool:
    """Counts of one noun said of one subject by one predicate word ("Acmeitis affects
    37 million adults" / "Acmeitis, which affects 16 million adults"), or extents of one
    subject by any ("the fire has charred 536 acres" / "the blaze spread across 600
    acres": the area or distance an event covers is one figure, whatever the verb; a
    count of things is not: "sold 200 cars" / "recalled 300 cars"). One subject stands
    for one event or thing, so the figures are compared within ``MAX_RATIO`` (a running
    count grows), sentences at ``THING_FLOOR`` (a shared predicate) or
    ``SAME_EVENT_COSINE`` (extents), in the same scope."""
    if a.noun != b.noun or owner[a.sentence] == owner[b.sentence]:
        return False
    if not (a.subject and b.subject and _same_subject(a.subject, b.subject)):
        return False
    if a.predicates & b.predicates:
        least = THING_FLOOR
    elif a.extent and b.extent:
        least = SAME_EVENT_COSINE
    else:
        return False
    low, high = sorted((a.value.low, b.value.low))
    if high > MAX_RATIO * low:
        return False
    if float(vectors[a.sentence] @ vectors[b.sentence]) < least:
        return False
    return _same_scope(a, b, owner, texts)


def _same_scope(a: _Thing, b: _Thing, owner: Sequence[int], texts: Sequence[str]) -> bool:
    x, y = a.scope, b.scope
    if (x.when and y.when and x.when != y.when) or x.since != y.since:
        return False
    if x.actors and y.actors and not _overlap(x.actors, y.actors):
        return False
    if x.places and y.places and not (_covers(x.places, y.places) and _covers(y.places, x.places)):
        return False
    return _named_in(x, texts[owner[b.sentence]]) and _named_in(y, texts[owner[a.sentence]])


def _things_comparable(
    a: _Thing,
    b: _Thing,
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    texts: Sequence[str],
) -> bool:
    if a.noun != b.noun or owner[a.sentence] == owner[b.sentence] or a.extent or b.extent:
        return False
    low, high = sorted((a.value.low, b.value.low))
    if high > THING_RATIO * low:
        return False
    if not a.nouns & b.nouns:
        return False
    cosine = float(vectors[a.sentence] @ vectors[b.sentence])
    if a.predicates & b.predicates:
        least = THING_FLOOR
    elif len(a.words & b.words) >= THING_WORDS:
        least = SAME_EVENT_COSINE
    else:
        least = THING_COSINE
    if cosine < least:
        return False
    return _same_scope(a, b, owner, texts)


def _covers(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every place of ``b`` is one of ``a``'s (or contains or lies inside its name)."""
    return all(any(p == q or p in q or q in p for p in a) for q in b)
