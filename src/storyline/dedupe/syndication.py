"""Partial syndication: non-duplicate articles that share wire text.

Candidates come from an inverted index over word 8-gram shingles (sorted numpy arrays,
near-linear in corpus size); a shingle found in more than ``MAX_SHINGLE_DF`` articles is
boilerplate and ignored. A candidate pair is then measured: the words of each article
covered by shingles the other article also has form maximal shared runs (order-free, so
reordered wire paragraphs still count); their total character length is the shared text.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ..types import Article
from .canonical import DuplicateLink
from .minhash import U64, rolling_shingles, word_hashes

SYNDICATION_SHINGLE_WORDS = 8
"""Words per shingle for syndication: a shared run must be at least this long to count."""

MAX_SHINGLE_DF = 50
"""A syndication shingle in more than this many articles is boilerplate and ignored."""

MIN_SHARED_SHINGLES = 5
"""A pair sharing fewer distinct (non-boilerplate) 8-gram shingles is not measured."""

SENTENCE_COVERAGE = 0.8
"""A sentence counts as shared when this fraction of its words lies in shared runs."""

MAX_PARTNERS = 20
"""Pairs measured per article: its this-many strongest candidates (most shared shingles).
A wire story that hundreds of outlets reprint would otherwise cost every pair (quadratic
in story size); a pair is measured when it is among the strongest of either article, so
every copy still links to the copies it shares most with."""

TOKEN_CACHE = 4096
"""Articles whose word offsets are kept in memory while candidate pairs are measured."""

INDEX_TOKEN_CACHE = 512
"""The incremental index's cache of remembered articles' word offsets (~15 KB each)."""

MIN_SHARED_CHARS = 200
"""Default least shared text (characters, in each article) for a syndication link."""

_WORD_SPLIT = re.compile(r"(\w+)")
_FALLBACK_SENTENCE = re.compile(r"[^\n.!?]+[.!?]*")
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SyndicationLink:
    """Articles ``a`` < ``b`` (by id) share wire text but are not duplicates.

    ``shared_chars`` is the smaller of the two articles' shared text lengths;
    ``share_a``/``share_b`` are each article's shared text over its text length;
    ``shared_sentences`` is the larger of the two articles' counts of sentences made
    (``SENTENCE_COVERAGE``) of shared runs: a rewrite may embed a wire sentence in a
    longer one of its own.
    """

    a: str
    b: str
    shared_chars: int
    shared_sentences: int
    share_a: float
    share_b: float


@dataclass(frozen=True)
class SyndicationText:
    """What syndication needs of an article: its id, text and sentence spans.

    Callers that stream articles keep these instead of whole articles (no duplicated
    sentence strings, no removed boilerplate).
    """

    id: str
    text: str
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, article: Article) -> SyndicationText:
        return cls(article.id, article.text, tuple((s.start, s.end) for s in article.sentences))


@dataclass(frozen=True)
class _Tokens:
    shingles: U64  # one hash per word 8-gram, in text order
    widths: I64  # characters of each word
    gaps: I64  # characters between each word and the next
    sentence_first: I64  # first word of each sentence
    sentence_last: I64  # one past its last word


def _tokens(article: SyndicationText) -> _Tokens:
    text = article.text
    parts = _WORD_SPLIT.split(text)  # separator, word, separator, ..., word, separator
    words = parts[1::2]
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    offsets = np.cumsum(lengths)
    starts = offsets[0::2][: len(words)]
    hashes = word_hashes(words)
    if len(hashes) < SYNDICATION_SHINGLE_WORDS:
        hashes = hashes[:0]
    if article.spans:
        spans = list(article.spans)
    else:
        spans = [(m.start(), m.end()) for m in _FALLBACK_SENTENCE.finditer(text)]
    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    return _Tokens(
        rolling_shingles(hashes, SYNDICATION_SHINGLE_WORDS),
        lengths[1::2],
        lengths[2:-1:2],
        np.searchsorted(starts, bounds[:, 0]),
        np.searchsorted(starts, bounds[:, 1]),
    )


def _candidate_pairs(shingle_sets: list[U64]) -> tuple[I64, I64, dict[int, U64]]:
    """Pairs (i < j) sharing >= MIN_SHARED_SHINGLES indexed shingles, each article's
    strongest ``MAX_PARTNERS`` (see there), and each doc's indexed set."""
    sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
    keys = np.concatenate(shingle_sets) if shingle_sets else np.empty(0, np.uint64)
    docs = np.repeat(np.arange(len(shingle_sets), dtype=np.int64), sizes)
    order = np.argsort(keys, kind="stable")  # stable: docs ascend within a key
    keys, docs = keys[order], docs[order]
    bounds = np.flatnonzero(np.diff(keys)) + 1
    counts = np.diff(np.concatenate(([0], bounds, [len(keys)])))
    df = np.repeat(counts, counts)
    kept = (df >= 2) & (df <= MAX_SHINGLE_DF)
    keys, docs = keys[kept], docs[kept]
    pair_codes = []
    for step in range(1, MAX_SHINGLE_DF):
        same = keys[step:] == keys[:-step]
        if not same.any():
            break
        pair_codes.append(docs[:-step][same] * len(shingle_sets) + docs[step:][same])
    all_codes = np.concatenate(pair_codes or [np.empty(0, np.int64)])
    codes, shared = np.unique(all_codes, return_counts=True)
    enough = shared >= MIN_SHARED_SHINGLES
    codes, shared = codes[enough], shared[enough]
    first, second = np.divmod(codes, len(shingle_sets)) if len(codes) else (codes, codes)
    strongest = _strongest(first, second, shared, MAX_PARTNERS)
    first, second = first[strongest], second[strongest]
    involved = np.union1d(first, second)
    wanted = np.isin(docs, involved)
    by_doc = np.argsort(docs[wanted], kind="stable")
    doc_keys, doc_ids = keys[wanted][by_doc], docs[wanted][by_doc]
    cuts = np.searchsorted(doc_ids, involved)
    ends = np.searchsorted(doc_ids, involved, side="right")
    indexed = {int(d): doc_keys[s:e] for d, s, e in zip(involved, cuts, ends, strict=True)}
    return first, second, indexed


def _strongest(first: I64, second: I64, shared: I64, limit: int) -> npt.NDArray[np.bool_]:
    """Pairs among the ``limit`` with most shared shingles of either of their articles
    (ties: the partner with the smaller index first)."""
    pairs = len(first)
    if pairs == 0:
        return np.zeros(0, dtype=np.bool_)
    article = np.concatenate((first, second))
    partner = np.concatenate((second, first))
    strength = np.concatenate((shared, shared))
    order = np.lexsort((partner, -strength, article))
    ranked = article[order]
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.append(starts, len(order))))
    kept = np.zeros(pairs, dtype=np.bool_)
    chosen = order[rank < limit]
    kept[chosen % pairs] = True
    return kept


def _covered_words(tokens: _Tokens, common: U64) -> npt.NDArray[np.bool_]:
    """Words lying in a shingle that both articles index (``common`` is sorted)."""
    if len(common) == 0:
        return np.zeros(len(tokens.widths), dtype=np.bool_)
    where = np.minimum(np.searchsorted(common, tokens.shingles), len(common) - 1)
    hits = (common[where] == tokens.shingles).astype(np.int32)
    window = np.ones(SYNDICATION_SHINGLE_WORDS, dtype=np.int32)
    return np.convolve(hits, window)[: len(tokens.widths)] > 0


def _shared_chars(tokens: _Tokens, covered: npt.NDArray[np.bool_]) -> int:
    """Total characters of the maximal runs of covered words (the words and the gaps inside)."""
    inner = covered[1:] & covered[:-1]
    return int(tokens.widths[covered].sum() + tokens.gaps[inner].sum())


def _shared_sentences(tokens: _Tokens, covered: npt.NDArray[np.bool_]) -> int:
    """Sentences whose words are at least SENTENCE_COVERAGE covered by shared runs."""
    running = np.concatenate(([0], np.cumsum(covered)))
    first, last = tokens.sentence_first, tokens.sentence_last
    words = last - first
    shared = running[last] - running[first]
    return int(np.count_nonzero((words > 0) & (shared >= SENTENCE_COVERAGE * words)))


def _measure(
    a: SyndicationText,
    b: SyndicationText,
    tokens_a: _Tokens,
    tokens_b: _Tokens,
    common: U64,
    min_chars: int,
) -> SyndicationLink | None:
    covered_a, covered_b = _covered_words(tokens_a, common), _covered_words(tokens_b, common)
    chars_a, chars_b = _shared_chars(tokens_a, covered_a), _shared_chars(tokens_b, covered_b)
    if min(chars_a, chars_b) < min_chars:
        return None
    sentences = max(_shared_sentences(tokens_a, covered_a), _shared_sentences(tokens_b, covered_b))
    return SyndicationLink(
        a.id, b.id, min(chars_a, chars_b), sentences, chars_a / len(a.text), chars_b / len(b.text)
    )


def find_syndication(
    articles: Sequence[Article],
    *,
    min_shared_chars: int = MIN_SHARED_CHARS,
    duplicates: Iterable[DuplicateLink] | None = None,
) -> list[SyndicationLink]:
    """Pairs of non-duplicate articles sharing at least ``min_shared_chars`` of wire text.

    Articles that ``duplicates`` (default: ``find_duplicates(articles)``) marks as copies
    are left out, so a copy is never reported as syndication of its canonical article.
    Links are sorted by (a, b).
    """
    if duplicates is None:
        from .duplicates import find_duplicates

        duplicates = find_duplicates(articles)
    copies = {link.article for link in duplicates}
    unique: dict[str, SyndicationText] = {}
    for article in articles:
        if article.id not in copies and article.id not in unique:
            unique[article.id] = SyndicationText.of(article)
    return syndication_links(list(unique.values()), min_shared_chars=min_shared_chars)


def syndication_links(
    texts: Sequence[SyndicationText],
    *,
    min_shared_chars: int = MIN_SHARED_CHARS,
    involving: Collection[str] | None = None,
) -> list[SyndicationLink]:
    """Syndication links among ``texts`` (none of which should be a duplicate of another).

    With ``involving``, only pairs with at least one article of those ids are measured
    (an incremental caller's new articles).
    """
    pool = sorted(texts, key=lambda art: art.id)
    shingle_sets = [np.unique(_tokens(art).shingles) for art in pool]
    first, second, indexed = _candidate_pairs(shingle_sets)
    tokens = lru_cache(maxsize=TOKEN_CACHE)(lambda i: _tokens(pool[i]))
    links = []
    for i, j in zip(first.tolist(), second.tolist(), strict=True):
        if involving is not None and pool[i].id not in involving and pool[j].id not in involving:
            continue
        common = np.intersect1d(indexed[i], indexed[j], assume_unique=True)
        link = _measure(pool[i], pool[j], tokens(i), tokens(j), common, min_shared_chars)
        if link is not None:
            links.append(link)
    return links


SAMPLE_MODULUS = 8
"""The incremental index keeps one shingle in this many (by hash) as candidate keys."""


class SyndicationIndex:
    """Incremental syndication: each new article is compared with the remembered ones.

    It remembers the last ``memory`` articles (their text and a 1-in-``SAMPLE_MODULUS``
    sample of their shingles in an inverted index), so memory stays bounded however long
    the feed. A remembered article sharing a sampled shingle with the new one, and in
    the same ``group`` when one is given (e.g. the same story), is measured exactly as in
    :func:`syndication_links` (the ``MAX_PARTNERS`` sharing most sampled shingles, so a
    widely reprinted story costs linear time). A wire run of ``MIN_SHARED_CHARS``
    characters (about 30 shingles) has all its shingles unsampled with probability below
    2%; runs of a few hundred words are practically never missed.
    """

    def __init__(self, *, memory: int, min_shared_chars: int = MIN_SHARED_CHARS) -> None:
        self.memory = memory
        self.min_shared_chars = min_shared_chars
        self._texts: dict[str, tuple[SyndicationText, U64, str | None]] = {}  # oldest first
        self._postings: dict[int, list[str]] = {}
        self._cache: OrderedDict[str, _Tokens] = OrderedDict()  # not checkpointed

    def __getstate__(self) -> dict[str, object]:
        """A checkpoint keeps the remembered ids and groups only: :meth:`restore` makes
        the texts, shingles and postings again from the articles."""
        state = dict(self.__dict__)
        state["_cache"] = OrderedDict()
        state["_texts"] = {ident: group for ident, (_t, _s, group) in self._texts.items()}
        state["_postings"] = {}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_cache", OrderedDict())

    def remembered(self) -> list[str]:
        """The ids of the remembered articles, oldest first."""
        return list(self._texts)

    def restore(self, texts: Iterable[SyndicationText]) -> None:
        """Give a loaded checkpoint its remembered texts back (any order)."""
        by_id = {text.id: text for text in texts}
        groups: dict[str, str | None] = dict(self._texts)  # type: ignore[arg-type]
        self._texts, self._postings = {}, {}
        for ident, group in groups.items():
            shingles = np.unique(_tokens(by_id[ident]).shingles)
            self._remember(by_id[ident], shingles, _sampled(shingles), group)

    def _tokens_of(self, text: SyndicationText) -> _Tokens:
        """A remembered article's word offsets (the most recently used are kept)."""
        found = self._cache.get(text.id)
        if found is None:
            found = self._cache[text.id] = _tokens(text)
            if len(self._cache) > INDEX_TOKEN_CACHE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(text.id)
        return found

    def __len__(self) -> int:
        return len(self._texts)

    def add(self, text: SyndicationText, group: str | None = None) -> list[SyndicationLink]:
        """Remember ``text`` and return its links to remembered articles (``a`` < ``b``)."""
        tokens = _tokens(text)
        shingles = np.unique(tokens.shingles)
        sampled = _sampled(shingles)
        hits: Counter[str] = Counter()
        for key in sampled:
            hits.update(self._postings.get(key, ()))
        hits.pop(text.id, None)
        candidates = [
            other_id for other_id in hits if group is None or self._texts[other_id][2] == group
        ]
        # the strongest MAX_PARTNERS (most shared sampled shingles), as in the batch pass
        candidates.sort(key=lambda other_id: (-hits[other_id], other_id))
        links = []
        for other_id in sorted(candidates[:MAX_PARTNERS]):
            other, other_shingles, _other_group = self._texts[other_id]
            common = np.intersect1d(shingles, other_shingles, assume_unique=True)
            if len(common) < MIN_SHARED_SHINGLES:
                continue
            a, b = (text, other) if text.id < other.id else (other, text)
            other_tokens = self._tokens_of(other)
            tokens_a, tokens_b = (tokens, other_tokens) if a is text else (other_tokens, tokens)
            link = _measure(a, b, tokens_a, tokens_b, common, self.min_shared_chars)
            if link is not None:
                links.append(link)
        self._remember(text, shingles, sampled, group)
        return links

    def _remember(
        self, text: SyndicationText, shingles: U64, sampled: list[int], group: str | None
    ) -> None:
        if text.id in self._texts:
            return
        self._texts[text.id] = (text, shingles, group)
        for key in sampled:
            self._postings.setdefault(key, []).append(text.id)
        while len(self._texts) > self.memory:
            oldest = next(iter(self._texts))
            old_shingles = self._texts.pop(oldest)[1]
            for key in _sampled(old_shingles):
                posting = self._postings[key]
                posting.remove(oldest)
                if not posting:
                    del self._postings[key]


def _sampled(shingles: U64) -> list[int]:
    """The 1-in-``SAMPLE_MODULUS`` shingles the inverted index keeps."""
    sampled: list[int] = shingles[shingles % SAMPLE_MODULUS == 0].tolist()
    return sampled
