"""Shares and populations of a named place across a story: "About 83 percent of Vell's
7.4 million people speak Norlish" against "Norlish speakers, who make up about 80 percent
of Vell's 7 million population".

Background figures of a place are written in sentences about anything else, so neither
fact alignment nor the count searches (which need one event's predicate) compare them.
What ties two such figures together here is the whole they are taken of, named by the
parse, never guessed from the sentence:

- **a share**: a percentage ("83 percent", "83%") of a noun ("of Vell's people") that a
  place owns ("Vell's") or that is "of" / "in" a place ("of the people of Vell"); what the
  share is of (its **part**) is read from the share's own clause: the nouns and
  adjectives of the verb's other arguments ("are Norlish speakers"), or the noun a
  relative clause or an apposition hangs from ("Norlish speakers, who make up ...");
- **a population**: a number counting a noun the place owns ("Vell's 7 million people").

Two figures are compared when their articles differ, they are of the same place, of the
same whole (the same noun, or both a count of people: ``counts.PEOPLE`` and
"population"), shares of the same part (one part's words all among the other's), the
wholes' own figures (where both give one) within ``THING_RATIO``, the sentences give the
same time frame (years, days, rates, "since") and are alike (cosine
``SAME_EVENT_COSINE``), and the figures differ by at most ``THING_RATIO``. Each article
gives one figure of a group or none. Kinds as the counts'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from .conflicts import (
    Conflict,
    Value,
    linked,
    quantities,
)
from .counts import PEOPLE, SAME_EVENT_COSINE, THING_RATIO, _Scope, _scope, figure_conflicts
from .facts import FactMention
from .nlp import ParsedArticle

_PERCENT = frozenset({"percent", "%", "cent", "pct"})
_PLACES = frozenset({"GPE", "LOC"})
_PEOPLE_WHOLE = frozenset({*PEOPLE, "population"}) - {""}
"""Nouns that count a place's people: its people and its population are one whole."""
_PART_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "dobj", "acomp", "oprd", "pobj"})
_PART_WORDS = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(frozen=True)
class _Figure:
    sentence: int
    mention: FactMention
    value: Value
    place: str  # the place the whole is of, lower-cased
    whole: str  # the whole's noun lemma ("people" for any count of people)
    of_whole: float  # the whole's own figure ("7.4 million people"), 0 when none
    part: frozenset[str]  # what a share is of; empty for a population
    scope: _Scope

    @property
    def about(self) -> str:
        if self.part:
            return f"share of {self.place.title()}'s {self.whole}"
        return f"{self.whole} of {self.place.title()}"


def place_shares(
    parsed: Sequence[ParsedArticle],
    sentences: Sequence[Any],
    owner: Sequence[int],
    vectors: npt.NDArray[np.float32],
    published: Mapping[str, str | None],
    *,
    fact_of: Mapping[tuple[str, int], str] | None = None,
    taken: frozenset[tuple[str, int]] = frozenset(),
) -> list[Conflict]:
    """Conflicts between shares or populations of one place across a story's candidate
    sentences; arguments as :func:`.counts.people_counts`."""
    figures: list[_Figure] = []
    for i, sentence in enumerate(sentences):
        item = parsed[owner[i]]
        span = item.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        mention = FactMention(
            sentence.article_id, sentence.index, sentence.start, sentence.end, sentence.text
        )
        numbers = {v.start: v for v in quantities(sentence.text) if v.low == v.high}
        scope = None
        for token in span:
            found = _figure(token, numbers, sentence.start)
            if found is None:
                continue
            value, place, whole, of_whole, part = found
            scope = scope or _scope(span, sentence.text)
            figures.append(_Figure(i, mention, value, place, whole, of_whole, part, scope))
    bodies = {item.article.id: item.article.text for item in parsed}
    groups = linked(figures, lambda a, b: _comparable(a, b, owner, vectors))
    return figure_conflicts(
        groups, bodies, published, fact_of, taken, lambda f: f.about, ratio=THING_RATIO
    )


def _figure(
    token: Any, values: Mapping[int, Value], offset: int
) -> tuple[Value, str, str, float, frozenset[str]] | None:
    """A share ("83 percent of Vell's people") or a population ("Vell's 7 million
    people") that ``token`` is the noun of, with its value, place, whole, the whole's own
    figure and the share's part; None when it is neither."""
    number = _number_of(token)
    if number is None or (value := values.get(number.idx - offset)) is None:
        return None
    if token.lower_ in _PERCENT:
        whole = next(
            (g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
             if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")),
            None,
        )  # fmt: skip
        if whole is None or (place := _place_of(whole)) is None:
            return None
        part = _part(token, whole, place)
        if not part:
            return None
        unit = "%" if token.lower_ == "%" else " per cent" if token.lower_ == "cent" else " percent"
        shown = replace(value, about="percent", text=value.text + unit)
        own = _number_of(whole)
        of_whole = own_value.low if own and (own_value := values.get(own.idx - offset)) else 0.0
        return shown, place, _whole(whole), of_whole, part
    if token.tag_ not in ("NNS", "NNPS") and token.lower_ not in _PEOPLE_WHOLE:
        return None
    if value.about not in (token.lower_, _whole(token), str(token.lemma_).lower()):
        return None
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in _PERCENT:
        return None  # the whole of a share, read with it
    place = next((_name(c) for c in token.children if c.dep_ == "poss" and _name(c)), None)
    if place is None:
        return None
    return value, place, _whole(token), 0.0, frozenset()


def _number_of(noun: Any) -> Any | None:
    """The number that counts ``noun`` (its ``nummod``, the last word of "7.4 million")."""
    found = [c for c in noun.children if c.dep_ == "nummod" and c.like_num]
    if len(found) != 1:
        return None
    number = found[0]
    while True:
        first = [c for c in number.children if c.dep_ in ("compound", "quantmod") and c.like_num]
        if not first:
            return number
        number = first[0]


def _name(token: Any) -> str | None:
    """The place a token names (its entity, a place), lower-cased without "the"."""
    if token.ent_type_ not in _PLACES:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text).lower().removeprefix("the ").removesuffix("'s").strip()
    return None


def _place_of(whole: Any) -> str | None:
    """The place a whole is of: its possessor ("Vell's people"), or a place after "of"
    or "in" ("the people of Vell")."""
    for child in whole.children:
        if child.dep_ == "poss" and (name := _name(child)):
            return name
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for grand in child.children:
                if grand.dep_ == "pobj" and (name := _name(grand)):
                    return name
    return None


def _whole(noun: Any) -> str:
    lemma = str(noun.lemma_).lower()
    return "people" if lemma in _PEOPLE_WHOLE or noun.lower_ in _PEOPLE_WHOLE else lemma


def _part(percent: Any, whole: Any, place: str) -> frozenset[str]:
    """What a share is of: the nouns and adjectives of the other arguments of the
    share's verb ("83 percent of Vell's people are Norlish speakers"), or of the noun a
    relative clause or an apposition with the share hangs from ("Norlish speakers, who
    make up 80 percent ..."); the whole and the place left out."""
    inside = {t.i for t in percent.subtree}
    head = percent
    steps = 0
    while head.dep_ not in ("appos", "ROOT") and head.pos_ not in ("VERB", "AUX") and steps < 4:
        head, steps = head.head, steps + 1
    tokens: list[Any] = []
    if head.dep_ == "appos" and head is percent:
        tokens = _noun_words(head.head)
    elif head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ in _PART_DEPS and child.i not in inside:
                tokens.extend(t for t in child.subtree if t.i not in inside)
            elif child.dep_ == "prep" and child.i not in inside:
                tokens.extend(t for t in child.subtree if t.i not in inside and t is not child)
        if head.dep_ == "relcl":
            tokens.extend(_noun_words(head.head))
    words = {
        str(t.lemma_).lower()
        for t in tokens
        if t.pos_ in _PART_WORDS and not t.like_num and t.ent_type_ not in _PLACES
    }
    return frozenset(words - {str(whole.lemma_).lower(), place, *place.split()})


def _noun_words(noun: Any) -> list[Any]:
    return [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))]


def _comparable(
    a: _Figure, b: _Figure, owner: Sequence[int], vectors: npt.NDArray[np.float32]
) -> bool:
    if owner[a.sentence] == owner[b.sentence] or a.place != b.place or a.whole != b.whole:
        return False
    if bool(a.part) != bool(b.part):
        return False
    if a.part and not (a.part <= b.part or b.part <= a.part):
        return False
    low, high = sorted((a.value.low, b.value.low))
    if low <= 0 or high > THING_RATIO * low:
        return False
    if a.of_whole and b.of_whole:
        small, large = sorted((a.of_whole, b.of_whole))
        if large > THING_RATIO * small:
            return False
    x, y = a.scope, b.scope
    if x.when != y.when or x.since != y.since:
        return False
    return float(vectors[a.sentence] @ vectors[b.sentence]) >= SAME_EVENT_COSINE
