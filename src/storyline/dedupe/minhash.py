"""Compact MinHash signatures of word 5-gram shingles, serialisable for a store.

A signature carries what dedupe needs to place an article without its text: the exact
digest of the normalised text, the MinHash values (``LeanMinHash``, uint32) and the
canonical-copy key (published, text length, id). ``Signature.to_bytes`` is what a store
keeps, so a restart does not re-hash.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash  # type: ignore[import-untyped]

from ..types import Article
from .canonical import canonical_key
from .normalize import exact_key, normalize_text

SHINGLE_WORDS = 5
"""Words per shingle for near-duplicate detection (word n-grams of the normalised text)."""

NUM_PERM = 128
"""Default number of MinHash permutations (signature size: 4 bytes each)."""

MINHASH_SEED = 1
"""Seed of the MinHash permutations; signatures with different seeds do not compare."""

_SCHEME = "affine32"
_MAGIC = b"SLDM\x01"
_HEAD = struct.Struct("<5sI16sHH")
# Fixed odd 64-bit multipliers, one per position in a shingle: the shingle hash is
# order-sensitive and stable across processes (unlike Python's salted ``hash``).
_POSITION = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    ],
    dtype=np.uint64,
)

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]


def _identity(value: int) -> int:
    return value


@lru_cache(maxsize=8)
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=MINHASH_SEED, hashfunc=_identity, scheme=_SCHEME)


_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_LIMIT = 500_000  # words; the cache is cleared when it grows past this


def _remember(word: str) -> int:
    value = _WORD_HASHES.get(word)
    if value is None:
        folded = word.casefold().encode("utf-8", "surrogatepass")
        value = _WORD_HASHES[word] = zlib.crc32(folded)
    return value


def word_hashes(words: list[str]) -> U64:
    """Stable 32-bit hashes of casefolded words (CRC-32, cached), as uint64 for mixing."""
    try:
        values = list(map(_WORD_HASHES.__getitem__, words))
    except KeyError:
        if len(_WORD_HASHES) > _WORD_CACHE_LIMIT:
            _WORD_HASHES.clear()
        values = [_remember(word) for word in words]
    return np.array(values, dtype=np.uint64)


def rolling_shingles(hashes: U64, width: int) -> U64:
    """One 64-bit hash per word ``width``-gram (the whole text when shorter)."""
    if len(hashes) == 0:
        return np.empty(0, dtype=np.uint64)
    width = min(width, len(hashes))
    count = len(hashes) - width + 1
    out = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        out += hashes[k : k + count] * _POSITION[k % len(_POSITION)]
    return out


def shingle_hashes(normalized: str) -> U32:
    """Distinct 32-bit hashes of the word 5-grams of normalised text."""
    mixed = rolling_shingles(word_hashes(normalized.split()), SHINGLE_WORDS)
    folded = (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


def minhash_of(normalized: str, num_perm: int = NUM_PERM) -> LeanMinHash:
    """The LeanMinHash of the word 5-gram set of normalised text."""
    sketch = _template(num_perm).copy()
    sketch.update_batch(shingle_hashes(normalized).tolist())
    return LeanMinHash(sketch)


@dataclass(frozen=True)
class Signature:
    """What dedupe keeps per article: exact digest, MinHash, and canonical-copy key."""

    article_id: str
    published: str | None
    length: int  # characters of the normalised text (padding and punctuation do not count)
    exact: bytes  # digest of the normalised text; b"" when the text normalises to nothing
    minhash: LeanMinHash = field(compare=False, repr=False)

    @property
    def empty(self) -> bool:
        return not self.exact

    @property
    def key(self) -> tuple[float, int, str]:
        return canonical_key(self.article_id, self.published, self.length)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as plain values and the hash array's bytes (a checkpoint holds
        thousands: LeanMinHash's own pickling is several times slower)."""
        values = self.minhash.hashvalues
        hashes = (values.dtype.str, values.tobytes())
        state = (self.article_id, self.published, self.length, self.exact)
        sketch = (int(self.minhash.seed), str(self.minhash.scheme), hashes)
        return (_unpickle_signature, (*state, *sketch))

    def jaccard(self, other: Signature) -> float:
        if self.exact and self.exact == other.exact:
            return 1.0
        return float(self.minhash.jaccard(other.minhash))

    def to_bytes(self) -> bytes:
        """A compact, portable (little-endian) encoding; ``from_bytes`` reverses it."""
        ident = self.article_id.encode("utf-8", "surrogatepass")
        published = b"" if self.published is None else b"\x01" + self.published.encode()
        exact = self.exact.ljust(16, b"\x00") if self.exact else b"\x00" * 16
        head = _HEAD.pack(_MAGIC, self.length, exact, len(ident), len(published))
        sketch = bytearray(self.minhash.bytesize("<"))
        self.minhash.serialize(sketch, "<")
        return head + ident + published + bytes(sketch)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        magic, length, exact, id_len, pub_len = _HEAD.unpack_from(data, 0)
        if magic != _MAGIC:
            raise ValueError("not a storyline dedupe signature (bad magic or version)")
        offset = _HEAD.size
        article_id = data[offset : offset + id_len].decode("utf-8", "surrogatepass")
        offset += id_len
        published_raw = data[offset : offset + pub_len]
        offset += pub_len
        published = published_raw[1:].decode() if published_raw else None
        minhash = LeanMinHash.deserialize(data[offset:], "<")
        empty = exact == b"\x00" * 16
        return cls(article_id, published, length, b"" if empty else exact, minhash)


def signature_of(article: Article, *, num_perm: int = NUM_PERM) -> Signature:
    """Hash an article once: its exact digest and MinHash signature."""
    normalized = normalize_text(article.text)
    exact = exact_key(normalized) if normalized else b""
    return Signature(
        article.id, article.published, len(normalized), exact, minhash_of(normalized, num_perm)
    )


def _unpickle_signature(
    article_id: str,
    published: str | None,
    length: int,
    exact: bytes,
    seed: int,
    scheme: str,
    hashes: tuple[str, bytes],
) -> Signature:
    values = np.frombuffer(hashes[1], dtype=hashes[0]).copy()
    minhash = LeanMinHash(seed=seed, hashvalues=values, scheme=scheme)
    return Signature(article_id, published, length, exact, minhash)


def signature_bytes(article: Article, *, num_perm: int = NUM_PERM) -> bytes:
    """The stored form of an article's signature (see :meth:`Signature.from_bytes`)."""
    return signature_of(article, num_perm=num_perm).to_bytes()
