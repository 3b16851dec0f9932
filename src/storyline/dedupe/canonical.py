"""Which copy is canonical, and how linked articles resolve to one canonical each."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, Literal, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class DuplicateLink:
    """``article`` is a copy of ``duplicate_of`` (always a canonical copy, never a duplicate).

    ``similarity`` is 1.0 for an exact copy, else the MinHash estimate of the word 5-gram
    Jaccard similarity between the article and its canonical copy.
    """

    article: str
    duplicate_of: str
    kind: Literal["exact", "near"]
    similarity: float


def published_timestamp(published: str | None) -> float:
    """Seconds since the epoch for an ISO 8601 date (naive means UTC); ``inf`` if absent/bad."""
    if not published:
        return math.inf
    text = published.strip()
    if len(text) == 4 and text.isdigit():
        text += "-01-01"
    elif len(text) == 7 and text[4] == "-":
        text += "-01"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return math.inf
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def canonical_key(article_id: str, published: str | None, length: int) -> tuple[float, int, str]:
    """Sort key whose minimum is the canonical copy: earliest, then longest, then smallest id."""
    return (published_timestamp(published), -length, article_id)


class UnionFind(Generic[K]):
    """Disjoint sets over hashable keys, with path halving."""

    def __init__(self) -> None:
        self._parent: dict[K, K] = {}

    def add(self, key: K) -> None:
        self._parent.setdefault(key, key)

    def find(self, key: K) -> K:
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: K, b: K) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[root_b] = root_a

    def groups(self) -> list[list[K]]:
        """Every set with more than one member."""
        members: dict[K, list[K]] = {}
        for key in self._parent:
            members.setdefault(self.find(key), []).append(key)
        return [group for group in members.values() if len(group) > 1]

    def keys(self) -> Iterable[K]:
        return self._parent.keys()
