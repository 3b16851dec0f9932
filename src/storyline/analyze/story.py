"""One story's analysis: facts with outlets and independent origins, single-source
details, typed conflicts, quotes, cited origins, entities and the timeline.

Independence: each mention of a fact relies on voices (``origins.mention_voices``: the
roots of the attributions that cover it after relays, else its outlet's own reporting).
Two mentions are one origin when their voices share a named source (spellings merged)
or when their articles share wire text (a syndication link): the number of such groups
is the fact's ``independent_origins``. Five outlets relaying one newspaper count one, and
so do articles of unknown outlet that report on their own (they may all be one outlet).

A story of one outlet makes no cross-source claims: its facts each have one outlet and
one origin, and it lists no single-source details. Conflicts are shown in any story with
two articles or more (a figure that changes between two reports of one outlet is an
update the reader should see).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.clean.metadata import without_dateline
from storyline.dedupe import SyndicationLink
from storyline.dedupe.canonical import UnionFind
from storyline.types import Article, Citation

from .ages import age_word, person_ages
from .conflicts import Conflict, find_conflicts
from .counts import people_counts, thing_counts
from .entities import Entity, entity_at, extract_entities
from .event_dates import event_dates
from .event_times import event_times
from .facts import Fact, align, embed_candidates, outlet_of, with_copies, with_origins
from .nlp import ParsedArticle, parse_articles
from .origins import (
    OWN_REPORTING,
    Attribution,
    Origin,
    Voice,
    find_attributions,
    mention_voices,
    same_source,
    share_voice,
    story_origins,
)
from .phrases import REPORT_VERBS
from .quotes import Quote, extract_quotes
from .shares import place_shares
from .terms import name_aliases
from .timeline import TimelineEntry, build_timeline

DETAIL_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "MONEY", "QUANTITY"}
    | {"CARDINAL", "PERCENT", "LAW", "PRODUCT"}
)
"""A single-source sentence is a *detail* when it names or counts something of these kinds."""


DETAIL_SCORE = 0.5
"""A single-article fact is a single-source detail only when no sentence of another article
reaches this same-fact score with it: a reworded or less precise report elsewhere (too
far to be the same fact for sure) makes it not single-source either."""

UNKNOWN_OUTLET = "(unknown outlet)"
"""What an article of unknown outlet relies on when it cites nobody: all such articles
are one origin (they may all be one outlet), and it is never listed as a name."""


SPEAKER_TYPES = frozenset({"PERSON", "ORG"})
"""A speaker resolves to an entity of these types whose name ends the speaker phrase
("the harbour authority spokeswoman Ana Ruiz" -> Ana Ruiz)."""


@dataclass(frozen=True)
class UniqueDetail:
    """A fact carried by exactly one outlet."""

    article: str
    fact: str  # the sentence text
    fact_id: str
    outlet: str | None
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        c = self.citation
        return {
            "article": self.article,
            "fact": self.fact,
            "fact_id": self.fact_id,
            "outlet": self.outlet,
            "citation": {
                "article": c.article,
                "sentence": c.sentence,
                "start": c.start,
                "end": c.end,
            },
        }


@dataclass(frozen=True)
class StoryAnalysis:
    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    unique_details: tuple[UniqueDetail, ...]
    conflicts: tuple[Conflict, ...]
    quotes: tuple[Quote, ...]
    origins: tuple[Origin, ...]
    entities: tuple[Entity, ...]
    timeline: tuple[TimelineEntry, ...]
    attributions: tuple[Attribution, ...] = ()
    vectors: Mapping[tuple[str, int], npt.NDArray[np.float32]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """(article id, sentence index) -> MiniLM vector of each candidate sentence."""

    def to_dict(self) -> dict[str, Any]:
        """The analysis fields of the brief contract (``storyline/brief/v1``)."""
        return {
            "facts": [f.to_dict() for f in self.facts],
            "unique_details": [d.to_dict() for d in self.unique_details],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "quotes": [q.to_dict() for q in self.quotes],
            "origins": [o.to_dict() for o in self.origins],
            "entities": [e.to_dict() for e in self.entities],
            "timeline": [t.to_dict() for t in self.timeline],
        }

    def attributions_of(self, article: Article) -> list[dict[str, Any]]:
        """The article's attributions in the ``attributions`` contract."""
        return [a.to_dict(article.text) for a in self.attributions if a.article == article.id]


def analyze_story(
    articles: Sequence[Article],
    *,
    syndication: Iterable[SyndicationLink] = (),
    duplicates: Iterable[tuple[Article, str]] = (),
) -> StoryAnalysis:
    """Analyse the articles of one story.

    Duplicates are left out of ``articles`` by the caller and may be given as
    ``duplicates`` ((copy, id of its original) pairs): a copy that carries a fact's
    sentence word for word counts among the fact's articles and outlets, never as
    another voice.
    """
    articles = list(articles)
    parsed = parse_articles(articles)
    attributions = find_attributions(parsed)
    entities = extract_entities(parsed)
    aliases = name_aliases(e.variants for e in entities)
    candidates = embed_candidates(articles, parsed)
    aligned = align(articles, candidates=candidates, parsed=parsed, aliases=aliases)
    facts, own = _with_independence(aligned.facts, articles, attributions, syndication)
    outlet_by_id = {a.id: outlet_of(a) for a in articles}
    facts = _without_echoes(_with_copies(facts, duplicates), outlet_by_id)
    published = {a.id: a.published for a in articles}
    conflicts = find_conflicts(
        aligned.disputes,
        published,
        role=_date_role(parsed),
        number_role=_number_role(parsed),
        texts={a.id: a.text for a in articles},
    )
    disputed = {(m.article, m.sentence) for d in aligned.disputes for m in d.mentions}
    shown = {c.fact for c in conflicts}
    fact_of = {(m.article, m.sentence): f.id for f in facts for m in f.mentions}
    taken = frozenset(
        (m.article, m.sentence) for d in aligned.disputes if d.id in shown for m in d.mentions
    )
    searches = (people_counts, thing_counts, event_dates, event_times, person_ages, place_shares)
    for search in searches:
        conflicts += search(
            parsed,
            candidates.sentences,
            candidates.owner,
            candidates.vectors,
            published,
            fact_of=fact_of,
            taken=taken,
        )
    outlets = set(outlet_by_id.values())
    several = len(articles) > 1 and (None in outlets or len(outlets) > 1)  # not one outlet
    quotes = [_with_entity(q, entities) for q in extract_quotes(parsed, attributions)]
    return StoryAnalysis(
        articles=tuple(articles),
        facts=tuple(facts),
        unique_details=tuple(_unique_details(facts, parsed, disputed)) if several else (),
        conflicts=tuple(conflicts),
        quotes=tuple(quotes),
        origins=tuple(story_origins(attributions, own)),
        entities=tuple(entities),
        timeline=tuple(build_timeline(parsed)),
        attributions=tuple(attributions),
        vectors=candidates.vector_of(),
    )


NAMING_DEPS = frozenset({"nummod", "appos", "compound", "npadvmod"})
"""Dependencies of a number that comes after its noun and names it ("stage 15")."""

GOVERNOR_DEPS = frozenset({"pobj", "prep", "compound", "npadvmod", "nummod", "appos", "amod"})


def _date_role(parsed: Sequence[ParsedArticle]) -> Callable[[str, int, int], str]:
    """What a date span dates: the lemma of the verb (or noun) it hangs from."""
    by_id = {item.id: item for item in parsed}

    def role(article: str, start: int, end: int) -> str:
        item = by_id.get(article)
        span = item.doc.char_span(start, end, alignment_mode="expand") if item else None
        if span is None:
            return ""
        token = span.root
        while token.dep_ in GOVERNOR_DEPS and token.head is not token:
            token = token.head
        return str(token.lemma_).lower()

    return role


def _number_role(parsed: Sequence[ParsedArticle]) -> Callable[[str, int, int], tuple[str, bool]]:
    """What a number counts for (the lemma of the nearest verb above it, not a verb of
    saying) and whether it names rather than counts: a number after its noun ("stage
    15", "Flight 447") or after "No."/"#"."""
    by_id = {item.id: item for item in parsed}

    def number_role(article: str, start: int, end: int) -> tuple[str, bool]:
        item = by_id.get(article)
        span = item.doc.char_span(start, end, alignment_mode="expand") if item else None
        if span is None:
            return "", False
        token = span.root
        owner = _age_owner(token)
        if owner is not None:
            return owner, False  # an age is compared only with another of the same person
        before = token.nbor(-1) if token.i > 0 else None
        named = token.head.pos_ in ("NOUN", "PROPN") and token.head.i < token.i
        names = (token.dep_ in NAMING_DEPS and named) or (
            before is not None and before.text in ("#", "No.", "no.", "Nr.")
        )
        for _ in range(4):
            if token.pos_ == "VERB" or token.head is token:
                break
            token = token.head
        lemma = str(token.lemma_).lower() if token.pos_ == "VERB" else ""
        return ("" if lemma in REPORT_VERBS else lemma), names

    return number_role


def _age_owner(token: Any) -> str | None:
    """Whose age a number is ("the 32-year-old Peterson", "a 31-year-old mom", "the man
    was 45 years old"): the lemma of the noun "old" modifies, or of the subject "old" is
    said of; "" for an age of nobody found; None when the number is no age."""
    token = age_word(token)
    if token is None:
        return None
    if token.dep_ in ("amod", "appos") and token.head.pos_ in ("NOUN", "PROPN"):
        return str(token.head.lemma_).lower()
    if token.dep_ in ("acomp", "attr"):
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return str(subjects[0].lemma_).lower() if subjects else ""
    return ""


def _with_independence(
    facts: list[Fact],
    articles: Sequence[Article],
    attributions: Sequence[Attribution],
    syndication: Iterable[SyndicationLink],
) -> tuple[list[Fact], list[tuple[str, str]]]:
    """Facts with their origins counted, and the (article, outlet) pairs whose own
    reporting some fact relies on."""
    outlets = {a.id: outlet_of(a) or UNKNOWN_OUTLET for a in articles}
    by_article: dict[str, list[Attribution]] = {}
    for att in attributions:
        by_article.setdefault(att.article, []).append(att)
    wired = {tuple(sorted((link.a, link.b))) for link in syndication}
    own: dict[tuple[str, str], None] = {}
    out = []
    for fact in facts:
        carriers = [*fact.mentions, *fact.restatements]
        relies = [
            mention_voices(
                by_article.get(m.article, ()), m.article, (m.start, m.end), own=outlets[m.article]
            )
            for m in carriers
        ]
        groups: UnionFind[int] = UnionFind()
        for i in range(len(carriers)):
            groups.add(i)
        for i, mine in enumerate(relies):
            for j in range(i):
                a, b = sorted((carriers[i].article, carriers[j].article))
                if (
                    (a, b) in wired
                    or copied(carriers[i].text, carriers[j].text)
                    or share_voice(mine, relies[j])
                    or _same_outlet_unnamed(outlets[a], outlets[b], mine, relies[j])
                ):
                    groups.union(i, j)
        for mention, voices in zip(carriers, relies, strict=True):
            for voice in voices:
                if voice.kind == OWN_REPORTING and voice.root != UNKNOWN_OUTLET:
                    own[(mention.article, voice.root)] = None
        shown = [v for voices in relies for v in voices if v.root != UNKNOWN_OUTLET]
        roots = {groups.find(i) for i in range(len(carriers))}
        names = _distinct([v.root for v in shown])
        out.append(with_origins(fact, names, len(roots), _details(shown)))
    return out, list(own)


COPIED_WORDS = 10
"""Least words of a sentence that, found word for word in another article's sentence,
makes the two one voice for the fact they carry."""

_TOKEN = re.compile(r"\w+")


def copied(text: str, other: str) -> bool:
    """Whether one sentence is the other's words, all of them in order, or a run of the
    other's (less a dateline, case aside), of ``COPIED_WORDS`` words or more: a sentence
    the two articles share word for word ("Ferry traffic on the lake is expected to double
    by the end of the decade."), copied from one text however little else
    they share (a syndication link needs a longer run), so one voice, whoever wrote it."""
    short, long = sorted(
        (_TOKEN.findall(without_dateline(t).lower()) for t in (text, other)), key=len
    )
    if len(short) < COPIED_WORDS:
        return False
    width = len(short)
    return any(long[k : k + width] == short for k in range(len(long) - width + 1))


def _without_echoes(facts: Sequence[Fact], outlets: Mapping[str, str | None]) -> list[Fact]:
    """The facts with echoes last: a fact whose other articles carry it only through
    sentences that carry one other fact already in all of its articles ("Later,
    he was charged in three Atlanta-area bombings", restated by the sentences of "Rudolph
    has been charged in three Atlanta-area bombings ...", in the same articles) is that
    fact said again in one of them: it keeps only its own sentences' articles (``outlets``:
    article id -> its outlet or None). Of two facts that restate each other so (one claim
    in a short and in a long sentence), the one with more sentences of its own stays
    whole."""
    mentioned: dict[tuple[str, int], list[Fact]] = {}  # sentence -> facts carrying it
    for fact in facts:
        for m in (*fact.mentions, *fact.restatements):
            mentioned.setdefault((m.article, m.sentence), []).append(fact)
    echo_of: dict[int, list[int]] = {}  # fact index -> the facts it would be an echo of
    index = {id(fact): i for i, fact in enumerate(facts)}
    for i, fact in enumerate(facts):
        borrowed = [(m.article, m.sentence) for m in fact.restatements]
        echo_of[i] = [
            index[id(other)]
            for other in (mentioned.get(borrowed[0], ()) if borrowed else ())
            if other is not fact
            and set(fact.articles) <= set(other.articles)
            and all(other in mentioned.get(key, ()) for key in borrowed)
        ]

    def first(i: int, j: int) -> bool:  # of two facts that echo each other, the one kept
        return (-len(facts[i].mentions), i) < (-len(facts[j].mentions), j)

    out, echoes = [], []
    for i, fact in enumerate(facts):
        echoed = any(not (i in echo_of[j] and first(i, j)) for j in echo_of[i])
        if not echoed:
            out.append(fact)
            continue
        # kept with its own sentences only (a timeline or a quote may cite them): its
        # other articles are counted on the fact it echoes
        own = sorted({m.article for m in fact.mentions})
        names = sorted({name for a in own if (name := outlets.get(a))})
        echoes.append(
            replace(
                fact,
                restatements=(),
                articles=tuple(own),
                outlets=len(names),
                outlet_names=tuple(names),
                unknown_outlet_articles=sum(1 for a in own if not outlets.get(a)),
                independent_origins=min(fact.independent_origins, len(own)),
            )
        )
    return out + echoes


def _same_outlet_unnamed(
    outlet: str, other: str, mine: Sequence[Voice], theirs: Sequence[Voice]
) -> bool:
    """Two articles of one known outlet that rely only on unnamed sources ("a jury
    found" / "jurors found" in two stories of one agency): the outlet's one account of
    them, not two independent ones. Across outlets unnamed sources stay apart."""
    if outlet != other or outlet == UNKNOWN_OUTLET:
        return False
    return all(not v.chain for v in (*mine, *theirs))


def _details(voices: Sequence[Voice]) -> list[tuple[str, str, str | None]]:
    """One entry per distinct root: its name, its kind and the relay it came through."""
    seen: dict[str, tuple[str, str, str | None]] = {}
    for voice in voices:
        name, kind, through = seen.get(voice.key, (voice.root, voice.kind, voice.through))
        seen[voice.key] = (name, kind, through or voice.through)
    return sorted(seen.values(), key=lambda d: (d[0], d[1], d[2] or ""))


def _distinct(names: Sequence[str]) -> list[str]:
    kept: list[str] = []
    for name in names:
        for i, other in enumerate(kept):
            if same_source(name, other):
                if len(name) > len(other):
                    kept[i] = name
                break
        else:
            kept.append(name)
    return sorted(kept)


def _with_copies(facts: list[Fact], duplicates: Iterable[tuple[Article, str]]) -> list[Fact]:
    copies: dict[str, list[tuple[str, str | None, str]]] = {}
    for copy, original in duplicates:
        copies.setdefault(original, []).append((copy.id, outlet_of(copy), copy.text))
    return [with_copies(fact, copies) for fact in facts] if copies else facts


def _unique_details(
    facts: Sequence[Fact], parsed: Sequence[ParsedArticle], disputed: set[tuple[str, int]]
) -> list[UniqueDetail]:
    """Facts one article states (and no copy of it) and no other article says anything
    like (``DETAIL_SCORE``), outside any dispute: a disputed figure is a conflict."""
    by_id = {item.id: item for item in parsed}
    details = []
    for fact in facts:
        if len(fact.articles) != 1 or len(fact.mentions) != 1 or fact.nearest >= DETAIL_SCORE:
            continue
        [mention] = fact.mentions
        if (mention.article, mention.sentence) in disputed:
            continue
        item = by_id[mention.article]
        span = item.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not any(e.label_ in DETAIL_ENTITY_LABELS for e in span.ents):
            continue
        details.append(
            UniqueDetail(
                mention.article,
                mention.text,
                fact.id,
                fact.outlet_names[0] if fact.outlet_names else None,
                Citation(mention.article, mention.sentence, mention.start, mention.end),
            )
        )
    return details


def _with_entity(quote: Quote, entities: Sequence[Entity]) -> Quote:
    if quote.speaker_span is None:
        return quote
    article, start, end = quote.speaker_span
    entity = entity_at(entities, article, start, end)
    if entity is None or entity.type not in SPEAKER_TYPES:
        return quote
    ends = [m.end for m in entity.mentions if m.article == article and start <= m.start]
    if not any(end - 2 <= e <= end for e in ends):
        return quote  # "the trade envoy in Chile" is not Chile
    return replace(quote, entity=entity.id, speaker=entity.name)
