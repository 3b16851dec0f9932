"""Facts: sentences of different articles that state the same thing, aligned into one.

Every candidate sentence (news only, ``MIN_WORDS``+ words, the first ``MAX_SENTENCES`` of
each article) is embedded with the MiniLM model the stories stage uses and read as a
proposition (:mod:`.propositions`). Two sentences of different articles may join one
fact only when the same-fact decision holds (score fitted on MRPC, same polarity, no
clash of numbers). Groups are merged best-first, average-link over those decisions,
with at most one mention per article (an article does not corroborate itself).

A fact's text is then the member that the most members *state*: the same-fact decision
holds between the two and the member has every key term (numbers and names,
:mod:`.terms`) and most content words of the text (``propositions.states``). A member
that does not state it (a less precise report, or one only similar on average) leaves
the fact and is a fact of its own with the others left. So every mention states its
fact's text.

Pairs that would state the same fact but for numbers that clash (a different count, a
different date) are *disputes*: never support, they are where conflicts are looked for
(:mod:`.conflicts`).

A sentence no other article matches is a fact of its own, with one article: the raw
material of single-source details.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from storyline.clean.metadata import dateline_end, find_wire_tag, wire_tag_start, without_dateline
from storyline.types import Article, Sentence

from .nlp import ParsedArticle, parse_articles
from .propositions import (
    SAME_FACT_SCORE,
    Proposition,
    core,
    coverage,
    is_news,
    numbers_clash,
    proposition,
    restates,
    same_fact_score,
    states,
)
from .terms import NameAliases

FACT_THRESHOLD = SAME_FACT_SCORE
"""Least same-fact score for two sentences to state one fact (see :mod:`.propositions`)."""

PREFILTER_COSINE = 0.45
"""Pairs below this MiniLM cosine are not scored at all (none reached the same-fact
threshold on MRPC train below it)."""

STATES_COSINE = 0.6
"""Least MiniLM cosine of a sentence outside a fact's group with the fact's text for it
to restate the fact when it states the text all (see ``_restatements``)."""

CARRIES_COVERAGE = 0.65
"""Least share of the fact text's claim lemmas a restatement must have (with every key
term, the same negations, hedging and times): lower than a citation's ``COVERAGE``, as a
restatement is counted, never cited, and says the claim in words of its own ("Financial
details of the acquisition were not disclosed" for "Financial terms were not
disclosed"). Chosen on the tuned ECB+ round's judged carriers."""

MIN_WORDS = 5
"""Shorter sentences (captions, datelines, "Read more") are not facts."""

MAX_SENTENCES = 80
"""Sentences per article considered: bounds time on very long articles."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+(?:[.,]\d+)*")
_SECOND_LEVEL = frozenset(
    [
        "co",
        "com",
        "net",
        "org",
        "gov",
        "ac",
        "edu",
        "or",
        "ne",
        "go",
        "mil",
        "nic",
        "gen",
        "ltd",
        "plc",
        "sch",
    ]
)


@dataclass(frozen=True)
class FactMention:
    article: str
    sentence: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Fact:
    """One statement and every article sentence that makes it."""

    id: str
    text: str
    mentions: tuple[FactMention, ...]
    articles: tuple[str, ...]
    outlets: int  # distinct known outlets
    outlet_names: tuple[str, ...]
    origins: tuple[str, ...] = ()
    independent_origins: int = 0
    origin_details: tuple[tuple[str, str, str | None], ...] = ()
    """(root, kind, relay it came through) of each distinct origin of the mentions."""
    similarity: float = 1.0  # mean pairwise similarity of the mentions
    position: float = 0.0  # mean relative position of the mentions in their articles
    unknown_outlet_articles: int = 0  # articles whose outlet is unknown: never in ``outlets``
    nearest: float = 0.0  # best same-fact score of a mention with another article's sentence
    stated_by: Mapping[tuple[str, int], tuple[tuple[str, int], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """(article, sentence) of a mention -> the other mentions that state it all."""
    restatements: tuple[FactMention, ...] = ()
    """Sentences of other articles that state the text all in a sentence too unlike it to
    be a mention (one that says more, or in other words): their articles carry the fact
    and count in ``articles`` and ``outlets``, but they are not cited as its mentions."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def voices(self) -> int:
        """Known outlets, plus one for any number of articles of unknown outlet."""
        return self.outlets + min(self.unknown_outlet_articles, 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "articles": list(self.articles),
            "outlets": self.outlets,
            "unknown_outlet_articles": self.unknown_outlet_articles,
            "independent_origins": self.independent_origins,
            "origins": list(self.origins),
            "origin_details": [
                {"name": name, "kind": kind, "through": through}
                for name, kind, through in self.origin_details
            ],
            "mentions": [m.to_dict() for m in self.mentions],
            "outlet_names": list(self.outlet_names),
            "restatements": [m.to_dict() for m in self.restatements],
        }


def registered_domain(url: str) -> str | None:
    """The registered domain of a URL ("https://news.bbc.co.uk/x" -> "bbc.co.uk")."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL and len(labels) > 2 else 2
    return ".".join(labels[-keep:])


def outlet_of(article: Article) -> str | None:
    """The outlet an article counts as, or None when it is unknown.

    In order: the outlet the input or the cleaner gave (metadata, ``og:site_name``, the
    outlet naming itself), the registered domain of its URL, a wire tag opening the text
    ("KELVARO (Courier) -"; "PARIS, France (Courier) _" in one of its first paragraphs).
    An article with none of these has no outlet: it is never counted as a distinct one.
    """
    if article.outlet:
        return article.outlet
    if article.url and (domain := registered_domain(article.url)):
        return domain
    match = wire_tag_start(article.text)
    if match:
        return match.group("tag").strip()
    # the dateline's tag in one of the first paragraphs (a headline line may come first):
    # "YANGON, Myanmar (AP) _ ...", "GONESSE, France (AP) -- ..."
    for paragraph in article.text.split("\n")[:4]:
        if paragraph.strip() and (tag := find_wire_tag(paragraph)):
            return tag
    return None


def candidate_sentences(article: Article, parsed: ParsedArticle | None = None) -> list[Sentence]:
    """The sentences of an article that may state a fact: news of ``MIN_WORDS``+ words."""
    chosen = []
    for sentence in article.sentences:
        if len(_WORD.findall(sentence.text)) < MIN_WORDS:
            continue
        span = _span(parsed, sentence) if parsed is not None else None
        if is_news(sentence.text, span):
            chosen.append(sentence)
    return chosen[:MAX_SENTENCES]


def _span(parsed: ParsedArticle, sentence: Sentence) -> Any:
    if sentence.end > len(parsed.text):
        return None
    return parsed.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")


@dataclass(frozen=True)
class Candidates:
    """A story's candidate sentences and their unit-length MiniLM vectors (one row each)."""

    sentences: tuple[Sentence, ...]
    positions: tuple[float, ...]  # relative position of each sentence in its article
    owner: tuple[int, ...]  # index of each sentence's article
    vectors: npt.NDArray[np.float32]

    def vector_of(self) -> dict[tuple[str, int], npt.NDArray[np.float32]]:
        """(article id, sentence index) -> vector."""
        return {(s.article_id, s.index): self.vectors[i] for i, s in enumerate(self.sentences)}


def embed_candidates(
    articles: Sequence[Article], parsed: Sequence[ParsedArticle] | None = None
) -> Candidates:
    """The candidate sentences of every article, embedded in one batch."""
    sentences: list[Sentence] = []
    positions: list[float] = []
    owner: list[int] = []
    for a, article in enumerate(articles):
        chosen = candidate_sentences(article, parsed[a] if parsed is not None else None)
        sentences.extend(chosen)
        positions.extend(s.index / max(len(article.sentences), 1) for s in chosen)
        owner.extend([a] * len(chosen))
    if sentences:
        from storyline.cluster.embed import get_embedder

        vectors = get_embedder().embed([s.text for s in sentences], max_tokens=128)
    else:
        vectors = np.zeros((0, 384), dtype=np.float32)
    return Candidates(tuple(sentences), tuple(positions), tuple(owner), vectors)


@dataclass(frozen=True)
class Alignment:
    """A story's facts, and its disputes: groups of mentions that would state one fact
    but for numbers that clash (where conflicts are looked for)."""

    facts: list[Fact]
    disputes: list[Fact]


def align_facts(
    articles: Sequence[Article],
    *,
    threshold: float = FACT_THRESHOLD,
    candidates: Candidates | None = None,
    parsed: Sequence[ParsedArticle] | None = None,
    aliases: NameAliases | None = None,
) -> list[Fact]:
    """Facts of a story, the most corroborated first (then in reading order)."""
    return align(
        articles, threshold=threshold, candidates=candidates, parsed=parsed, aliases=aliases
    ).facts


def align(
    articles: Sequence[Article],
    *,
    threshold: float = FACT_THRESHOLD,
    candidates: Candidates | None = None,
    parsed: Sequence[ParsedArticle] | None = None,
    aliases: NameAliases | None = None,
) -> Alignment:
    """Facts and disputes of a story.

    ``parsed`` (the articles' parses, in the same order) and ``candidates`` (from
    :func:`embed_candidates` on them) save work when the caller has them; ``aliases``
    (name word -> variants of the names holding it) lets "Merkel" state "Angela Merkel".
    """
    if parsed is None:
        parsed = parse_articles(articles)
    if candidates is None:
        candidates = embed_candidates(articles, parsed)
    sentences, owner = list(candidates.sentences), list(candidates.owner)
    if not sentences:
        return Alignment([], [])
    props = [_proposition(parsed[owner[i]], s, aliases) for i, s in enumerate(sentences)]
    cosine: npt.NDArray[np.float32] = candidates.vectors @ candidates.vectors.T
    pairs = _pairs(props, np.array(owner), cosine, threshold)
    groups = _average_link(pairs.scores, owner, len(sentences), threshold)
    agree = {pair for pair, score in pairs.scores.items() if score >= threshold}
    outlets = [outlet_of(article) for article in articles]
    made = _Maker(
        sentences, list(candidates.positions), owner, outlets, articles, cosine, pairs.nearest
    )
    facts = []
    parts = [members for group in groups for members in _by_text(group, props, agree, aliases)]
    for members in _same_text(parts, sentences, owner):
        if members:
            facts.append(
                made.fact(
                    members,
                    _stated_by(members, props, agree, aliases),
                    _restatements(members, props, owner, cosine, aliases),
                )
            )
    facts.sort(key=lambda f: (-f.voices, -len(f.mentions), f.position, f.id))
    return Alignment(facts, [made.fact(d) for d in _disputes(pairs.disputed, owner, cosine)])


def _proposition(
    parsed: ParsedArticle, sentence: Sentence, aliases: NameAliases | None
) -> Proposition:
    span = _span(parsed, sentence)
    if span is None:  # past the parsed part of a very long article
        span = parsed.doc[:0]
    elif cut := dateline_end(sentence.text):  # "PARIS (Agency) -- ": no part of the claim
        rest = parsed.doc.char_span(sentence.start + cut, sentence.end, alignment_mode="expand")
        span = rest if rest is not None and len(rest) else span
    return replace(proposition(span, aliases), text=sentence.text)


@dataclass(frozen=True)
class _Pairs:
    scores: dict[tuple[int, int], float]  # pairs that may state one fact
    disputed: dict[tuple[int, int], float]  # would state one fact but for clashing numbers
    nearest: list[float]  # each sentence's best score with another article's, any polarity


def _pairs(
    props: list[Proposition],
    owner: npt.NDArray[np.int64],
    cosine: npt.NDArray[np.float32],
    threshold: float,
) -> _Pairs:
    """Same-fact scores of the cross-article pairs (numbers that clash or a negation in
    one only rule a pair out of ``scores``)."""
    cross = owner[:, None] != owner[None, :]
    rows, cols = np.nonzero(np.triu(cross & (cosine >= PREFILTER_COSINE), k=1))
    found = _Pairs({}, {}, [0.0] * len(props))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = props[i], props[j]
        c = float(cosine[i, j])
        score = same_fact_score(a, b, c, length=False)
        found.nearest[i], found.nearest[j] = (
            max(found.nearest[i], score),
            max(found.nearest[j], score),
        )
        if a.negated != b.negated or a.hedged != b.hedged:
            continue
        if not numbers_clash(a, b):
            found.scores[(i, j)] = same_fact_score(a, b, c, numbers=False, length=False)
        elif same_fact_score(a, b, c, numbers=False, length=False) >= threshold:
            found.disputed[(i, j)] = c
    return found


def _average_link(
    scores: dict[tuple[int, int], float], owner: list[int], n: int, threshold: float
) -> list[list[int]]:
    """Best-first average-link merging of the pairs that reach ``threshold`` (a pair not
    scored counts 0); a group never holds two sentences of one article."""
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    agree = [pair for pair, score in scores.items() if score >= threshold]
    for i, j in sorted(agree, key=lambda pair: (-scores[pair], pair)):
        a, b = group[i], group[j]
        if a == b or {owner[x] for x in members[a]} & {owner[y] for y in members[b]}:
            continue
        pairs = [scores.get((min(x, y), max(x, y)), 0.0) for x in members[a] for y in members[b]]
        if sum(pairs) / len(pairs) < threshold:
            continue
        for x in members[b]:
            group[x] = a
        members[a].extend(members.pop(b))
    return [sorted(m) for m in members.values()]


def _by_text(
    group: list[int],
    props: list[Proposition],
    agree: set[tuple[int, int]],
    aliases: NameAliases | None,
) -> list[list[int]]:
    """Split a group so that every mention states its fact's text (:func:`states`, and the
    two agree). The text is the member the most members state (then the one they cover
    best: the plainest statement); the others go on as a group of their own. The text
    comes first in each part."""
    out = []
    rest = list(group)
    while rest:
        covers = {
            i: [
                j
                for j in rest
                if j == i or (_key(i, j) in agree and states(props[i], props[j], aliases))
            ]
            for i in rest
        }

        text = max(
            rest,
            key=lambda i, covers=covers: (  # type: ignore[misc]
                len(covers[i]),
                sum(coverage(props[i], props[j]) for j in covers[i]),
                -i,
            ),
        )
        out.append([text, *sorted(j for j in covers[text] if j != text)])
        rest = [j for j in rest if j not in covers[text]]
    return out


def _same_text(
    parts: list[list[int]], sentences: Sequence[Sentence], owner: Sequence[int]
) -> list[list[int]]:
    """Parts whose texts are the same sentence word for word, from articles of their own,
    joined into the first (grouping never puts two sentences of one article together, so
    the copy of a sentence can end in another group than its twin's); a part joined into
    another is left empty."""
    first: dict[str, int] = {}
    out = [list(members) for members in parts]
    for n, members in enumerate(out):
        key = " ".join(sentences[members[0]].text.split())
        into = first.setdefault(key, n)
        if into == n:
            continue
        if {owner[i] for i in out[into]} & {owner[i] for i in members}:
            continue
        out[into].extend(members)
        out[n] = []
    return out


def _key(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _restatements(
    members: list[int],
    props: list[Proposition],
    owner: list[int],
    cosine: npt.NDArray[np.float32],
    aliases: NameAliases | None,
) -> list[int]:
    """From each article without a member, the sentence most like the fact's text (the
    first member) among those that restate it (:func:`restates`, ``STATES_COSINE``): a
    longer sentence that says it and more ("Ford, now an assistant coach, finished his
    career in 1978 with 2,290 points" for "Ford finished his career in 1978 with 2,290
    points") carries the fact, though too unlike it on average to be grouped."""
    text = members[0]
    line = core(props[text])  # what it says less the descriptions it sets off
    taken = {owner[i] for i in members}
    best: dict[int, int] = {}
    for j in np.flatnonzero(cosine[text] >= STATES_COSINE).tolist():
        if owner[j] in taken or not restates(line, props[j], aliases, CARRIES_COVERAGE):
            continue
        if owner[j] not in best or cosine[text, j] > cosine[text, best[owner[j]]]:
            best[owner[j]] = j
    return sorted(best.values())


def _stated_by(
    members: list[int],
    props: list[Proposition],
    agree: set[tuple[int, int]],
    aliases: NameAliases | None,
) -> dict[int, list[int]]:
    """For each member, the other members that state it: what may back it as a line."""
    return {
        i: [
            j
            for j in members
            if j != i and _key(i, j) in agree and states(props[i], props[j], aliases)
        ]
        for i in members
    }


def _disputes(
    disputed: dict[tuple[int, int], float], owner: list[int], cosine: npt.NDArray[np.float32]
) -> list[list[int]]:
    """Groups of sentences linked by disputed pairs, one sentence per article (its most
    similar to the rest)."""
    from storyline.dedupe.canonical import UnionFind

    links: UnionFind[int] = UnionFind()
    for i, j in sorted(disputed):
        links.add(i)
        links.add(j)
        links.union(i, j)
    out = []
    for members in sorted(sorted(g) for g in links.groups()):
        best: dict[int, int] = {}
        for i in members:
            mine = float(cosine[i, members].sum())
            if owner[i] not in best or mine > float(cosine[best[owner[i]], members].sum()):
                best[owner[i]] = i
        if len(best) > 1:
            out.append(sorted(best.values()))
    return out


@dataclass(frozen=True)
class _Maker:
    sentences: list[Sentence]
    positions: list[float]
    owner: list[int]
    outlets: list[str | None]
    articles: Sequence[Article]
    cosine: npt.NDArray[np.float32]
    nearest: list[float]  # each sentence's best same-fact score with another article's

    def fact(
        self,
        members: list[int],
        stated_by: Mapping[int, list[int]] | None = None,
        restated: Sequence[int] = (),
    ) -> Fact:
        mentions = self._mentions(members)
        sub = self.cosine[np.ix_(members, members)]
        text = without_dateline(self.sentences[members[0]].text) if members else ""
        pair_mean = (
            float((sub.sum() - np.trace(sub)) / (len(members) * (len(members) - 1)))
            if len(members) > 1
            else 1.0
        )
        carriers = [*members, *restated]
        known = [self.outlets[self.owner[i]] for i in carriers]
        names = sorted({name for name in known if name})
        key = "|".join(f"{m.article}:{m.sentence}" for m in mentions)
        return Fact(
            id="f" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest(),
            text=text,
            mentions=mentions,
            articles=tuple(sorted({self.articles[self.owner[i]].id for i in carriers})),
            outlets=len(names),
            outlet_names=tuple(names),
            similarity=pair_mean,
            position=float(np.mean([self.positions[i] for i in members])),
            unknown_outlet_articles=sum(1 for name in known if not name),
            nearest=max(self.nearest[i] for i in members),
            stated_by={
                self._ref(i): tuple(self._ref(j) for j in others)
                for i, others in (stated_by or {}).items()
            },
            restatements=self._mentions(restated),
        )

    def _mentions(self, members: Sequence[int]) -> tuple[FactMention, ...]:
        chosen = (self.sentences[i] for i in members)
        return tuple(
            sorted(
                (FactMention(s.article_id, s.index, s.start, s.end, s.text) for s in chosen),
                key=_mention_key,
            )
        )

    def _ref(self, i: int) -> tuple[str, int]:
        return (self.sentences[i].article_id, self.sentences[i].index)


def content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)}
    return {w for w in words if w not in STOP_WORDS and (len(w) > 2 or w.isdigit())}


def _mention_key(mention: FactMention) -> tuple[str, int]:
    return (mention.article, mention.sentence)


def with_origins(
    fact: Fact,
    origins: Sequence[str],
    independent: int,
    details: Sequence[tuple[str, str, str | None]] = (),
) -> Fact:
    return replace(
        fact,
        origins=tuple(origins),
        independent_origins=independent,
        origin_details=tuple(details),
    )


def with_copies(fact: Fact, copies: Mapping[str, Sequence[tuple[str, str | None, str]]]) -> Fact:
    """The fact counted with the duplicates of its articles that carry it word for word.

    ``copies``: article id -> (copy id, copy outlet or None, copy text) of each duplicate.
    A copy is an article that carries the fact (and its outlet an outlet that does), but
    never another voice: the mentions and origins stay those of the original.
    """
    extra = [
        (ident, outlet)
        for m in (*fact.mentions, *fact.restatements)
        for ident, outlet, text in copies.get(m.article, ())
        if m.text in text and ident not in fact.articles
    ]
    if not extra:
        return fact
    names = sorted(set(fact.outlet_names) | {outlet for _, outlet in extra if outlet})
    return replace(
        fact,
        articles=tuple(sorted(set(fact.articles) | {ident for ident, _ in extra})),
        outlets=len(names),
        outlet_names=tuple(names),
        unknown_outlet_articles=fact.unknown_outlet_articles
        + sum(1 for _, outlet in extra if not outlet),
    )
