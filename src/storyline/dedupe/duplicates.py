"""Exact and near-duplicate articles: a batch function over an incremental index.

Exact copies share the digest of their normalised text; near copies are found by MinHash
LSH (``MinHashLSH(threshold=...)``) and kept only when the MinHash Jaccard estimate is at
least the threshold. Linked articles form groups (so chains A~B~C resolve to one
canonical copy) and every other member points at the group's canonical copy.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Literal

from datasketch import MinHashLSH  # type: ignore[import-untyped]

from ..types import Article
from .canonical import DuplicateLink
from .canonical import UnionFind as _UnionFind
from .minhash import NUM_PERM, Signature, signature_of

THRESHOLD = 0.8
"""Near-duplicate threshold on the (MinHash-estimated) Jaccard similarity of word 5-grams."""

LSH_WEIGHTS = (0.1, 0.9)
"""(false-positive, false-negative) weights datasketch uses to pick LSH bands for the
threshold. Candidates are verified, so a false positive costs one comparison while a false
negative is a missed duplicate: at 0.8 and 128 permutations this gives 14 bands of 9 rows
(a pair at Jaccard 0.85 is a candidate 97% of the time, against 69% with (0.5, 0.5))."""


NOTICE_COPIES = 5
"""A short text seen this many times (the original and its copies) is a notice from then
on: see ``NOTICE_CHARS``. Three did best on the Multi-News tune pool (F1 +0.021 there;
five: +0.018, held-out +0.018, benchmarks/README.md); five is kept so that a short
brief that three or four outlets reprint word for word stays one story."""

NOTICE_CHARS = 750
"""Normalised characters (~120 words) under which a text repeated ``NOTICE_COPIES`` times
is a notice, not an article: a site's cookie, sign-in or "enable JavaScript" wall, a
video player's or an archive's notice, which a crawl meets on page after page of unrelated
stories. Its later copies join no story of the original's (in a batch each is a story of
its own; a store keeps them in none). Chosen on the Multi-News 1,500-cluster tune pool
(the longest notice there: 582); the cost: a short brief reprinted word for word
``NOTICE_COPIES`` times or more keeps only its first copies together."""


class DuplicateIndex:
    """Articles added one at a time; ``links()`` always equals ``find_duplicates`` on them.

    Only compact signatures are kept (a ``LeanMinHash`` of uint32 values per distinct
    text), never the text. ``signature_bytes``/``from_bytes`` let a store persist them.

    ``memory`` (incremental feeds) bounds what is kept: once more than ``memory`` articles
    have been added, the oldest one's signature leaves the LSH and the index, so a later
    copy of it is found only through a copy that is still remembered. A forgotten article
    keeps nothing unless it is a duplicate (its link, for ``links()``) or its group still
    has remembered members; memory then grows with the duplicates found, not with the
    articles. ``len()`` counts the remembered articles. Without ``memory`` nothing is
    forgotten and the answer equals :func:`find_duplicates`.

    ``first_come`` (a store that grows run by run): the canonical copy of a group is the
    copy that arrived first, so a stored canonical copy is never re-pointed to a later
    arrival; a new article is either canonical alone or a copy of a stored one.
    """

    def __init__(
        self,
        *,
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
        memory: int | None = None,
        first_come: bool = False,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if memory is not None and memory < 1:
            raise ValueError(f"memory must be at least 1, got {memory}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.memory = memory
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self._signatures: dict[str, Signature] = {}
        self._by_exact: dict[bytes, str] = {}  # digest -> the one id of that text in the LSH
        self._sets = UnionFind()
        self._canonical: dict[str, Signature] = {}  # set root -> canonical copy
        self._order: deque[str] = deque()  # bounded memory: remembered ids, oldest first
        self._alive: dict[str, list[int]] = {}  # set root -> [remembered, all members]
        self._settled: dict[str, DuplicateLink] = {}  # forgotten duplicates' last links
        self.first_come = first_come
        self._arrival: dict[str, int] = {}  # first_come: arrival number of canonical copies
        self._arrivals = 0
        self._notices: set[str] = set()  # copies that arrived as notices (NOTICE_COPIES)

    def __getstate__(self) -> dict[str, object]:
        """A checkpoint leaves the LSH tables out: they are the remembered texts' MinHashes,
        inserted again on load (in the same order)."""
        state = dict(self.__dict__)
        state["_lsh"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        state.setdefault("_notices", set())
        self.__dict__.update(state)
        self._lsh = MinHashLSH(
            threshold=self.threshold, num_perm=self.num_perm, weights=LSH_WEIGHTS
        )
        for ident in self._by_exact.values():
            self._lsh.insert(ident, self._signatures[ident].minhash, check_duplication=False)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article: Article) -> DuplicateLink | None:
        """Index an article; return its link if it is a copy of an indexed canonical article.

        When the new article itself becomes canonical (it is earlier or longer than the
        group's canonical copy) the answer is None and ``links()`` shows the re-pointed
        members. An id already indexed is not added again.
        """
        if article.id in self._signatures:
            return self.link_for(article.id)
        return self.add_signature(signature_of(article, num_perm=self.num_perm))

    def add_signature(self, signature: Signature) -> DuplicateLink | None:
        """Index a stored signature (no re-hashing); same answer as :meth:`add`."""
        ident = signature.article_id
        if ident in self._signatures:
            return self.link_for(ident)
        if len(signature.minhash) != self.num_perm:
            raise ValueError(
                f"signature of {ident!r} has {len(signature.minhash)} permutations, "
                f"the index uses {self.num_perm}: rebuild the signatures"
            )
        self._signatures[ident] = signature
        self._sets.add(ident)
        self._canonical[ident] = signature
        self._alive[ident] = [1, 1]
        if self.first_come:
            self._arrival[ident] = self._arrivals
            self._arrivals += 1
        if self.memory is not None:
            self._order.append(ident)
            while len(self._order) > self.memory:
                self._forget(self._order.popleft())
            if ident not in self._signatures:  # memory=... smaller than one article
                return None
        if signature.empty:  # an empty text is nobody's copy
            return None
        same_text = self._by_exact.get(signature.exact)
        if same_text is not None:
            self._union(same_text, ident)
        else:
            self._by_exact[signature.exact] = ident
            for other in self._lsh.query(signature.minhash):
                if signature.jaccard(self._signatures[other]) >= self.threshold:
                    self._union(other, ident)
            self._lsh.insert(ident, signature.minhash, check_duplication=False)
        link = self.link_for(ident)
        if link is not None and self._is_notice(ident):
            self._notices.add(ident)
        return link

    def _is_notice(self, ident: str) -> bool:
        root = self._sets.find(ident)
        return (
            self._alive.get(root, [1, 1])[1] >= NOTICE_COPIES
            and self._canonical[root].length < NOTICE_CHARS
        )

    def is_notice(self, article_id: str) -> bool:
        """Whether the article arrived as a notice: a copy that made its short text's
        ``NOTICE_COPIES``-th appearance or a later one (``NOTICE_CHARS``)."""
        return article_id in self._notices

    def notices(self) -> set[str]:
        """Order-free notices of everything added: in each group of at least
        ``NOTICE_COPIES`` members whose canonical copy is under ``NOTICE_CHARS``, every
        member after the canonical copy and the ``NOTICE_COPIES - 2`` copies that come
        first by the canonical order (earliest, longest, smallest id). A batch run's
        answer; a store, which cannot wait, keeps the arrivals' (:meth:`is_notice`)."""
        found: set[str] = set()
        for group in self._sets.groups():
            canonical = self._canonical.get(self._sets.find(group[0]))
            if len(group) < NOTICE_COPIES or canonical is None:
                continue
            if canonical.length >= NOTICE_CHARS:
                continue
            rest = sorted((m for m in group if m != canonical.article_id), key=self._order_key)
            found.update(rest[NOTICE_COPIES - 2 :])
        return found

    def _order_key(self, ident: str) -> tuple[float, int, str]:
        signature = self._signatures.get(ident)
        return signature.key if signature is not None else (float("inf"), 0, ident)

    def link_for(self, article_id: str) -> DuplicateLink | None:
        """The article's current link to its canonical copy, or None if it is canonical."""
        settled = self._settled.get(article_id)
        if settled is not None:  # forgotten: its last link, re-pointed to today's canonical
            canonical_id = self._canonical[self._sets.find(article_id)].article_id
            if canonical_id == settled.duplicate_of:
                return settled
            return DuplicateLink(article_id, canonical_id, settled.kind, settled.similarity)
        signature = self._signatures.get(article_id)
        if signature is None:  # a forgotten canonical copy, still canonical
            return None
        canonical = self._canonical[self._sets.find(article_id)]
        if canonical.article_id == article_id:
            return None
        kind: Literal["exact", "near"] = "exact" if signature.exact == canonical.exact else "near"
        return DuplicateLink(article_id, canonical.article_id, kind, signature.jaccard(canonical))

    def links(self) -> list[DuplicateLink]:
        """Every duplicate's link to its canonical copy, sorted by article id."""
        found = (self.link_for(ident) for group in self._sets.groups() for ident in group)
        return sorted((link for link in found if link is not None), key=lambda k: k.article)

    def signature_bytes(self, article_id: str) -> bytes:
        """The stored form of an indexed article's signature."""
        return self._signatures[article_id].to_bytes()

    @classmethod
    def from_bytes(
        cls, blobs: Iterable[bytes], *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM
    ) -> DuplicateIndex:
        """Rebuild an index from stored signatures, without the texts."""
        index = cls(threshold=threshold, num_perm=num_perm)
        for blob in blobs:
            index.add_signature(Signature.from_bytes(blob))
        return index

    def _union(self, a: str, b: str) -> None:
        root_a, root_b = self._sets.find(a), self._sets.find(b)
        if root_a == root_b:
            return
        one, two = self._canonical.pop(root_a), self._canonical.pop(root_b)
        if self.first_come:
            first = min(one, two, key=lambda s: self._arrival[s.article_id])
            self._arrival.pop((two if first is one else one).article_id)
        else:
            first = min(one, two, key=_key)
        self._sets.union(root_a, root_b)
        root = self._sets.find(root_a)
        self._canonical[root] = first
        (alive_a, size_a), (alive_b, size_b) = self._alive.pop(root_a), self._alive.pop(root_b)
        self._alive[root] = [alive_a + alive_b, size_a + size_b]
        if self.memory is not None:
            last = two if first is one else one
            if last.article_id not in self._signatures:  # a forgotten canonical copy
                link = self._link_of(last, first)
                if link is not None:
                    self._settled[last.article_id] = link

    def _forget(self, ident: str) -> None:
        """Drop the oldest remembered article (bounded memory)."""
        signature = self._signatures.pop(ident)
        root = self._sets.find(ident)
        link = None if signature.empty else self._link_of(signature, self._canonical[root])
        if link is not None:
            self._settled[ident] = link
        if self._by_exact.get(signature.exact) == ident:
            del self._by_exact[signature.exact]
            self._lsh.remove(ident)
            heir = self._remembered_copy(root, signature.exact)
            if heir is not None:  # a remembered exact copy takes its place in the LSH
                self._by_exact[signature.exact] = heir
                self._lsh.insert(heir, self._signatures[heir].minhash, check_duplication=False)
        counts = self._alive[root]
        counts[0] -= 1
        if counts[1] == 1:  # a forgotten article that had no copy: nothing of it is kept
            del self._alive[root]
            del self._canonical[root]
            self._arrival.pop(ident, None)
            self._sets.remove_singleton(ident)

    def _remembered_copy(self, root: str, exact: bytes) -> str | None:
        if self._alive[root][0] <= 1:
            return None
        for other in self._order:  # oldest first; only when an indexed text is forgotten
            candidate = self._signatures[other]
            if candidate.exact == exact and self._sets.find(other) == root:
                return other
        return None

    @staticmethod
    def _link_of(signature: Signature, canonical: Signature) -> DuplicateLink | None:
        if canonical.article_id == signature.article_id:
            return None
        kind: Literal["exact", "near"] = "exact" if signature.exact == canonical.exact else "near"
        return DuplicateLink(
            signature.article_id, canonical.article_id, kind, signature.jaccard(canonical)
        )


class UnionFind(_UnionFind[str]):
    """Disjoint sets that can also drop a key that is alone in its set."""

    def remove_singleton(self, key: str) -> None:
        if self._parent.get(key) == key:
            del self._parent[key]


def _key(signature: Signature) -> tuple[float, int, str]:
    return signature.key


def find_duplicates(
    articles: Sequence[Article], *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM
) -> list[DuplicateLink]:
    """Link every exact or near-duplicate article to its group's canonical copy.

    The canonical copy is the earliest ``published`` (None last), then the longest
    normalised text, then the smallest id, so the answer does not depend on input order. Nothing
    is dropped; an article whose text normalises to nothing is never linked; a repeated
    id counts once.
    """
    index = DuplicateIndex(threshold=threshold, num_perm=num_perm)
    for article in articles:
        index.add(article)
    return index.links()
