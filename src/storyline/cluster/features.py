"""What story clustering compares: each article's words and word pairs, weighted by rarity.

An article is a bag of *terms*: its lower-cased words (stop words of its language
dropped, so case and headlines do not matter) and each pair of neighbouring kept words
("angela merkel", "oil train", "train derailment"). Scripts written without spaces
(Chinese, Japanese, Thai) give overlapping character pairs instead. Pairs carry what
makes an event an event: who (names are word pairs even when lower-cased), what and
where, in combination; single words alone say only what a story is about.

Terms are weighted TF-IDF (``1 + log tf`` times ``log((1 + n) / (1 + df)) + 1``) and
each article's vector is L2-normalised, so a dot product is a cosine. A term seen in
only one article (its df, counting the article itself, is 1) gets the least IDF, 1:
such terms can never be shared, and weighted by their rarity the many unique word
pairs of an article would shrink all its cosines. This is the choice that measured best
on held-apart data (see docs/stories-clustering-notes.md): words and pairs beat words
alone, sentence embeddings and their mixes on Multi-News pools, ECB+ and MultiLing.

Terms are hashed (CRC-32, stable across runs and machines) into ``2**DF_BITS`` buckets,
which index both the document-frequency table and the vector's columns: nothing grows
with the corpus but the articles' own term lists.

Publication time is deliberately not a similarity (every article of a day's crawl
shares it); it is a hard window in :mod:`.graph`.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from scipy import sparse

from ..clean.language import function_words
from ..dedupe.canonical import published_timestamp
from ..types import Article

FloatArray = npt.NDArray[np.float32]

DF_BITS = 22
DF_BUCKETS = 1 << DF_BITS
"""Hash buckets for terms: 4M, so that at 50k articles (a few million distinct word
pairs, most seen once) few rare terms share a bucket with another term."""
_SATURATED = np.iinfo(np.uint16).max
MIN_DF = 2
"""A term that fewer articles have (the article itself included) gets the least IDF there
is, 1, as if every article had it: it can never be shared, and weighted by its rarity it
would only shrink every cosine of an article with many unique word pairs."""

_WORD = re.compile(r"\w\w+|\w", re.UNICODE)
_UNSPACED = re.compile(
    "[\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff]"
)
_EN = "en"


@dataclass(frozen=True)
class ArticleFeatures:
    """Everything clustering needs from one article (a few KB; the text is not kept).

    ``terms`` are the hashed buckets of the article's distinct terms (sorted), ``counts``
    their sublinear term frequencies ``1 + log tf``."""

    article_id: str
    language: str | None
    day: int | None
    timestamp: float
    terms: npt.NDArray[np.int32]
    counts: FloatArray

    @property
    def order_key(self) -> tuple[float, str]:
        """Canonical order: undated first, then earliest first, then by id (a story's
        founder, which names it, is its first article in this order)."""
        return (self.timestamp if math.isfinite(self.timestamp) else -math.inf, self.article_id)


def publication_day(published: str | None) -> int | None:
    """Proleptic ordinal of the publication date as written (its own time zone)."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        try:
            return datetime.fromisoformat(published).date().toordinal()
        except ValueError:
            return None


def _words(text: str, stop: frozenset[str]) -> list[str]:
    """Lower-cased words that are not stop words; a run of an unspaced script becomes
    its overlapping character pairs."""
    out: list[str] = []
    for match in _WORD.finditer(text.lower()):
        token = match.group(0)
        if _UNSPACED.search(token):
            if len(token) == 1:
                out.append(token)
            out.extend(token[i : i + 2] for i in range(len(token) - 1))
        elif len(token) > 1 and token not in stop:
            out.append(token)
    return out


def terms(article: Article) -> Counter[str]:
    """The article's terms (words and neighbouring word pairs) with their counts."""
    stop = function_words(article.language) or function_words(_EN)
    text = f"{article.title}\n{article.text}" if article.title else article.text
    words = _words(text, stop)
    counts: Counter[str] = Counter(words)
    counts.update(f"{a} {b}" for a, b in pairwise(words))
    return counts


def _bucket(term: str) -> int:
    return zlib.crc32(term.encode("utf-8", "surrogatepass")) & (DF_BUCKETS - 1)


def featurize(article: Article) -> ArticleFeatures:
    """Hash an article's terms."""
    merged: dict[int, int] = {}
    for term, count in terms(article).items():
        bucket = _bucket(term)
        merged[bucket] = merged.get(bucket, 0) + count
    buckets = np.fromiter(sorted(merged), dtype=np.int32, count=len(merged))
    tf = np.fromiter((merged[int(b)] for b in buckets), dtype=np.float32, count=len(merged))
    return ArticleFeatures(
        article_id=article.id,
        language=article.language,
        day=publication_day(article.published),
        timestamp=published_timestamp(article.published),
        terms=buckets,
        counts=(1.0 + np.log(tf)).astype(np.float32),
    )


def featurize_articles(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """Features of each article, in order."""
    return [featurize(article) for article in articles]


class DocumentFrequencies:
    """Hashed document frequencies: a fixed table (8 MB), however many articles are added.

    Counts saturate at 65,535 (a term that common weighs nearly nothing anyway). With
    ``detached`` set, pickling leaves the counts out (the ingest store keeps them in a
    table instead, updated from :meth:`changes` batch by batch)."""

    def __init__(self) -> None:
        self.counts = np.zeros(DF_BUCKETS, dtype=np.uint16)
        self.documents = 0
        self.detached = False
        self._touched: list[npt.NDArray[np.int32]] = []

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_touched"] = []
        if self.detached:
            state["counts"] = None
        return state

    def add(self, features: ArticleFeatures) -> None:
        current = self.counts[features.terms]
        self.counts[features.terms] = np.where(current < _SATURATED, current + 1, current)
        self.documents += 1
        if self.detached:
            self._touched.append(features.terms)

    def update(self, items: Iterable[ArticleFeatures]) -> None:
        for item in items:
            self.add(item)

    def changes(self) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint16]]:
        """The buckets added to since the last call (``detached`` tables), with their counts."""
        if not self._touched:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint16)
        buckets = np.unique(np.concatenate(self._touched))
        self._touched = []
        return buckets, self.counts[buckets]

    def attach(self, buckets: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]) -> None:
        """Restore the counts of a detached table from (bucket, count) rows."""
        self.counts = np.zeros(DF_BUCKETS, dtype=np.uint16)
        self.counts[buckets] = counts

    def merge(self, other: DocumentFrequencies) -> None:
        """Add another table's counts (saturating), as if its articles were added here."""
        total = self.counts.astype(np.uint32) + other.counts
        self.counts = np.minimum(total, _SATURATED).astype(np.uint16)
        self.documents += other.documents

    def common(self) -> npt.NDArray[np.bool_]:
        """Terms too common to search candidate pairs by (:func:`.graph.common_terms`)."""
        from .graph import common_terms

        return common_terms(self.counts, self.documents)

    def idf(self, terms: npt.NDArray[np.int32], *, min_df: int = MIN_DF) -> FloatArray:
        """Smoothed IDF, ``log((1 + n) / (1 + df)) + 1`` (scikit-learn's); 1 below ``min_df``."""
        df = self.counts[terms]
        idf = np.log((1.0 + self.documents) / (1.0 + df.astype(np.float64))) + 1.0
        return np.where(df >= min_df, idf, 1.0).astype(np.float32)


def vectorize(
    batch: Sequence[ArticleFeatures], frequencies: DocumentFrequencies, *, min_df: int = MIN_DF
) -> sparse.csr_matrix:
    """One L2-normalised row per article (``DF_BUCKETS`` columns); row dot products are
    cosine similarities. An article with no term of ``min_df`` articles is a zero row."""
    lengths = np.fromiter((len(item.terms) for item in batch), dtype=np.int64, count=len(batch))
    indptr = np.zeros(len(batch) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if not len(batch) or not indptr[-1]:
        return sparse.csr_matrix((len(batch), DF_BUCKETS), dtype=np.float32)
    indices = np.concatenate([item.terms for item in batch]).astype(np.int32, copy=False)
    weights = np.concatenate([item.counts for item in batch])
    weights = weights * frequencies.idf(indices, min_df=min_df)
    rows = np.repeat(np.arange(len(batch)), lengths)
    norms = np.sqrt(
        np.bincount(rows, weights=weights.astype(np.float64) ** 2, minlength=len(batch))
    )
    data = (weights / np.where(norms > 0, norms, 1.0)[rows]).astype(np.float32)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(batch), DF_BUCKETS))
    matrix.eliminate_zeros()
    return matrix
