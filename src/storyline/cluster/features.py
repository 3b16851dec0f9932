"""What story clustering compares: per-article features, hashed into one vector space.

An article becomes four channels, each L2-normalised and scaled by the square root of its
weight, so one dot product between two vectors is the weighted sum of the channels'
cosines (and a dot product with a story's summed vectors, divided by its size, is the
average-link similarity of an article to the story):

- ``embedding``: sentence vector of the title and lead (``embed_tokens`` tokens) from the
  ``embedder`` setting: potion-base-8M (:mod:`.static`, 256 floats, zero-padded into
  the slot) or all-MiniLM-L6-v2 (:mod:`.embed`, 384 floats);
- ``names``: capitalised words and numbers (who, where, how many), TF-IDF;
- ``words``: all words, lower-cased, stop words removed, TF-IDF;
- ``years``: four-digit years the text mentions (which year an event is about), TF-IDF.

Publication time is deliberately not a channel: sharing a day is no evidence in a day's
crawl, where every article shares it (as a channel it raised ECB+ and MultiLing scores,
whose stories rarely overlap in time, but merged unrelated same-day articles). Time acts
only as the hard window of :mod:`.stories`.

Words are hashed (CRC-32, stable across runs and machines) twice: into a 2**20 table of
document frequencies for the IDF, and with a sign into a few thousand columns of the
vector (signed feature hashing keeps dot products unbiased). Weights were chosen on
ECB+ topics 1-22 and tested on topics 23-45; see docs/stories-clustering-notes.md.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt

from ..clean.language import stopwords
from ..dedupe.canonical import published_timestamp
from ..types import Article

FloatArray = npt.NDArray[np.float32]

EMBEDDING_DIM = 384  # the embedding slot: the widest model's width
EMBEDDERS = ("potion", "minilm")
CHANNELS: tuple[str, ...] = ("names", "words", "years")
DIMS: dict[str, int] = {"names": 2048, "words": 2048, "years": 256}
WEIGHTS: dict[str, float] = {"embedding": 0.20, "names": 0.45, "words": 0.10, "years": 0.10}
DF_BITS = 20
DF_BUCKETS = 1 << DF_BITS
ABSOLUTE = frozenset({"years"})
"""Channels whose cosine keeps the IDF's scale: a channel of a few tokens, normalised to a
unit vector, gives two articles that mention only the current year the channel's whole
weight. Here each token is weighted by the square root of its IDF and the vector divided
by the square root of the largest IDF, so sharing one year scores that year's IDF over
the largest (about 0.1 for the year every article of a day's crawl mentions)."""
LEAD_WORDS = 80  # words of title + first sentences given to the embedder

_OFFSETS: dict[str, int] = {}
_offset = EMBEDDING_DIM
for _name in CHANNELS:
    _OFFSETS[_name] = _offset
    _offset += DIMS[_name]
VECTOR_DIM = _offset

_NAME = re.compile(r"\b(?:[A-Z][\w-]*\w|\d[\d,.:]*\d|\d)\b(?:['\u2019]s\b)?")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W\d_]", re.UNICODE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_EN_STOPWORDS = "en"


@dataclass(frozen=True)
class ArticleFeatures:
    """Everything clustering needs from one article (about 3 KB; the text is not kept).

    ``slots`` index the document-frequency table, ``columns`` the vector, ``values`` are
    signed sublinear term frequencies, ``channel`` the index into :data:`CHANNELS`.
    """

    article_id: str
    language: str | None
    day: int | None
    timestamp: float
    slots: npt.NDArray[np.int32]
    columns: npt.NDArray[np.int32]
    values: FloatArray
    channel: npt.NDArray[np.int8]
    embedding: FloatArray | None

    @property
    def order_key(self) -> tuple[float, str]:
        """Canonical processing order: undated first, then earliest first, then by id.

        Undated articles go first so that the stories they found stay open to every
        dated article (a story with no date is never closed by the time window)."""
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


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """Title plus the first sentences, up to about ``words`` words: what gets embedded."""
    parts = [article.title] if article.title else []
    count = len(article.title.split()) if article.title else 0
    for sentence in article.sentences:
        if count >= words:
            break
        text = article.text[sentence.start : sentence.end]
        if article.title and text.strip() == article.title.strip():
            continue
        parts.append(text)
        count += len(text.split())
    return "\n".join(parts) if parts else article.text[: words * 8]


def tokens(article: Article) -> dict[str, Counter[str]]:
    """The words of each hashed channel, with counts."""
    text = f"{article.title}\n{article.text}" if article.title else article.text
    names: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        token = match.group(0)
        if token[-2:] in ("'s", "\u2019s"):
            token = token[:-2]
        names[token] += 1
    stop = stopwords(article.language) or stopwords(_EN_STOPWORDS)
    words: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        token = match.group(0)
        lowered = token.lower()
        if lowered not in stop:
            words[lowered] += 1
    years = Counter(_YEAR.findall(text))
    return {"names": names, "words": words, "years": years}


def _hash(channel: str, token: str) -> int:
    return zlib.crc32(f"{channel}\x00{token}".encode("utf-8", "surrogatepass"))


def featurize(article: Article, embedding: FloatArray | None = None) -> ArticleFeatures:
    """Hash an article's tokens; ``embedding`` is its lead's unit vector, if embeddings are on."""
    slots: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    channel_ids: list[int] = []
    for index, (channel, counts) in enumerate(tokens(article).items()):
        dim, offset = DIMS[channel], _OFFSETS[channel]
        for token, count in counts.items():
            code = _hash(channel, token)
            slots.append(code & (DF_BUCKETS - 1))
            columns.append(offset + (code >> DF_BITS) % dim)
            sign = 1.0 if (code >> (DF_BITS - 1)) & 1 else -1.0
            values.append(sign * (1.0 + math.log(count)))
            channel_ids.append(index)
    return ArticleFeatures(
        article_id=article.id,
        language=article.language,
        day=publication_day(article.published),
        timestamp=published_timestamp(article.published),
        slots=np.asarray(slots, dtype=np.int32),
        columns=np.asarray(columns, dtype=np.int32),
        values=np.asarray(values, dtype=np.float32),
        channel=np.asarray(channel_ids, dtype=np.int8),
        embedding=None if embedding is None else np.asarray(embedding, dtype=np.float32),
    )


class DocumentFrequencies:
    """Hashed document frequencies: a fixed 4 MB table, however many articles are added."""

    def __init__(self) -> None:
        self.counts = np.zeros(DF_BUCKETS, dtype=np.int32)
        self.documents = 0

    def add(self, features: ArticleFeatures) -> None:
        self.counts[np.unique(features.slots)] += 1
        self.documents += 1

    def idf(self, slots: npt.NDArray[np.int32]) -> FloatArray:
        """Smoothed IDF, ``log((1 + n) / (1 + df)) + 1`` (as scikit-learn's TfidfTransformer)."""
        df = self.counts[slots].astype(np.float32)
        result: FloatArray = np.log((1.0 + self.documents) / (1.0 + df)).astype(np.float32) + 1.0
        return result

    def idf_max(self) -> float:
        """The IDF of a token seen in one document (the largest there is)."""
        return math.log((1.0 + self.documents) / 2.0) + 1.0


def vectorize(
    batch: Sequence[ArticleFeatures],
    frequencies: DocumentFrequencies,
    *,
    use_embeddings: bool = True,
) -> FloatArray:
    """One row per article (``VECTOR_DIM`` floats); row dot products are similarities.

    Channel weights are renormalised over the channels in use (embeddings off: the
    lexical channels share the whole weight), so similarities stay in [-1, 1].
    """
    active = {name: w for name, w in WEIGHTS.items() if use_embeddings or name != "embedding"}
    total = sum(active.values())
    scale = {name: math.sqrt(w / total) for name, w in active.items()}
    rows = np.zeros((len(batch), VECTOR_DIM), dtype=np.float32)
    idf_max = frequencies.idf_max()
    for row, features in enumerate(batch):
        if use_embeddings and features.embedding is not None:
            width = len(features.embedding)
            rows[row, :width] = features.embedding * scale["embedding"]
        if not len(features.slots):
            continue
        idf = frequencies.idf(features.slots)
        weights = features.values * idf
        for index, channel in enumerate(CHANNELS):
            mask = features.channel == index
            if not mask.any():
                continue
            part = weights[mask]
            if channel in ABSOLUTE:
                counts = features.values[mask]
                part = counts * np.sqrt(idf[mask])
                norm = float(np.sqrt(np.dot(counts, counts) * idf_max))
            else:
                norm = float(np.sqrt(np.dot(part, part)))
            if norm > 0:
                np.add.at(rows[row], features.columns[mask], part * (scale[channel] / norm))
    return rows


def embed_leads(texts: Sequence[str], *, embedder: str, max_tokens: int) -> FloatArray:
    """Unit vectors of article leads from the named embedder (see :data:`EMBEDDERS`)."""
    if embedder == "potion":
        from .static import get_static_embedder

        return get_static_embedder().embed(texts, max_tokens=max_tokens)
    if embedder == "minilm":
        from .embed import get_embedder

        return get_embedder().embed(texts, max_tokens=max_tokens)
    raise ValueError(f"unknown embedder {embedder!r}: use one of {', '.join(EMBEDDERS)}")


def featurize_articles(
    articles: Sequence[Article], *, embed_tokens: int, embedder: str = "minilm"
) -> list[ArticleFeatures]:
    """Features for a batch of articles; their leads are embedded together (0: no embeddings)."""
    embeddings: FloatArray | None = None
    if embed_tokens > 0 and articles:
        leads = [lead_text(article) for article in articles]
        embeddings = embed_leads(leads, embedder=embedder, max_tokens=embed_tokens)
    return [
        featurize(article, None if embeddings is None else embeddings[i])
        for i, article in enumerate(articles)
    ]
