"""Text normalisation shared by exact and near-duplicate detection."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_PUNCTUATION = re.compile(r"[^\w\s]+")


def normalize_text(text: str) -> str:
    """Casefold, drop punctuation (and symbols) and collapse whitespace.

    Copies that differ only in case, spacing, quotes or punctuation normalise alike.
    """
    return " ".join(_PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def exact_key(normalized: str) -> bytes:
    """A 16-byte digest of normalised text: equal digests mean exact duplicates."""
    return hashlib.blake2b(normalized.encode("utf-8", "surrogatepass"), digest_size=16).digest()
