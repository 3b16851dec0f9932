"""The dedupe stage: exact and near-duplicate articles, and partial syndication.

A duplicate is linked to its canonical copy (``DuplicateLink``), never dropped; articles
that share wire text without being copies are linked pairwise (``SyndicationLink``).
"""

from __future__ import annotations

from .canonical import DuplicateLink
from .duplicates import DuplicateIndex, find_duplicates
from .minhash import Signature, signature_bytes, signature_of
from .syndication import (
    SyndicationIndex,
    SyndicationLink,
    SyndicationText,
    find_syndication,
    syndication_links,
)

__all__ = [
    "DuplicateIndex",
    "DuplicateLink",
    "Signature",
    "SyndicationIndex",
    "SyndicationLink",
    "SyndicationText",
    "find_duplicates",
    "find_syndication",
    "signature_bytes",
    "signature_of",
    "syndication_links",
]
