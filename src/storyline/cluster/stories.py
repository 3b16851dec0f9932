"""Stories and topics: batch clustering, and the incremental index that matches it.

**Batch** (:func:`cluster_batch`): every article's vector (:mod:`.features`), then the
two cuts of one exact average-link dendrogram (:mod:`.graph`): a story's articles are
on average at least ``story_threshold`` alike, a topic's at least ``topic_threshold``.
The answer does not depend on the input order.

**Incremental** (:class:`StoryIndex`): articles arrive in batches (one article, a feed's
page, a store's ingest batch). Each batch is compared with the articles of the open
stories, all vectors taken with the current document frequencies; the stories it
touches (an article at least ``topic_threshold`` alike to a new one) and the new
articles are clustered again with the batch algorithm, so the index keeps batch quality
instead of freezing early mistakes.
Ids stay stable through :func:`reconcile`: the new group holding most of an old story's
articles keeps its id; an old story whose id no group keeps was *merged* into the group
holding most of its articles (its id becomes an alias); a new group holding articles of
an old story whose id went elsewhere is *split from* it.

Ids: a story founded by article ``a`` is ``s`` + 12 hex digits of BLAKE2b(``a``), the
founder being the earliest article (undated first, then by time, then id); a topic is
``t`` + BLAKE2b of its founding story's id. The same input gives the same ids.

Open stories leave the incremental index (and memory) when their newest article is
``story_window_days`` behind the newest date seen and nothing joined them in the last
``grace`` articles, and beyond ``max_active_stories``, least recently joined first.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..settings import Settings
from .features import ArticleFeatures, DocumentFrequencies, vectorize
from .graph import Constraints, IntArray, cluster_vectors, compact
from .window import rows_to_retire


def story_id(founder_article_id: str) -> str:
    digest = hashlib.blake2b(founder_article_id.encode("utf-8", "surrogatepass"), digest_size=6)
    return "s" + digest.hexdigest()


def topic_id(founder_story_id: str) -> str:
    digest = hashlib.blake2b(founder_story_id.encode("utf-8", "surrogatepass"), digest_size=6)
    return "t" + digest.hexdigest()


@dataclass(frozen=True)
class Story:
    """A finished story: its id and its clustered articles (duplicates are added later)."""

    id: str
    articles: tuple[str, ...]
    first_day: int | None = None
    last_day: int | None = None
    language: str | None = None
    topic: str | None = None


def _constraints(items: Sequence[ArticleFeatures]) -> Constraints:
    return Constraints.of([item.language for item in items])


def _groups(labels: IntArray) -> list[list[int]]:
    out: dict[int, list[int]] = {}
    for row, label in enumerate(labels.tolist()):
        out.setdefault(label, []).append(row)
    return list(out.values())


def _story_of(items: Sequence[ArticleFeatures], ident: str, topic: str | None) -> Story:
    days = [item.day for item in items if item.day is not None]
    return Story(
        id=ident,
        articles=tuple(sorted(item.article_id for item in items)),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        language=next((item.language for item in items if item.language), None),
        topic=topic,
    )


def cluster_batch(
    features: Iterable[ArticleFeatures],
    *,
    story_threshold: float,
    topic_threshold: float,
    frequencies: DocumentFrequencies | None = None,
) -> list[Story]:
    """Cluster a whole set of articles into stories with topics (sorted by id).

    ``frequencies``: the IDF to use (a Dask run passes the whole corpus's); by default
    the articles' own."""
    items = sorted(features, key=lambda f: f.order_key)
    if not items:
        return []
    if frequencies is None:
        frequencies = DocumentFrequencies()
        frequencies.update(items)
    cut = cluster_vectors(
        vectorize(items, frequencies),
        _constraints(items),
        story_threshold=story_threshold,
        topic_threshold=topic_threshold,
        common=frequencies.common(),
    )
    stories: list[Story] = []
    for rows in _groups(cut.topic):
        parts = _groups(cut.story[rows])
        members = [[items[rows[i]] for i in part] for part in parts]
        ids = [story_id(min(m, key=lambda f: f.order_key).article_id) for m in members]
        founder = min(range(len(members)), key=lambda i: min(f.order_key for f in members[i]))
        topic = topic_id(ids[founder])
        stories.extend(_story_of(m, ident, topic) for m, ident in zip(members, ids, strict=True))
    return sorted(stories, key=lambda s: s.id)


@dataclass(frozen=True)
class Reconciled:
    """Ids of re-clustered groups: ``ids[i]`` names group ``i``; ``merged`` maps an old id
    that no group keeps to the id of the group holding most of its members; ``split``
    maps a new group's id to the old id most of its members had, when that old id went
    to another group."""

    ids: list[str]
    merged: dict[str, str]
    split: dict[str, str]


def reconcile(
    groups: Sequence[Sequence[str]],
    old: dict[str, str],
    fresh: Sequence[str],
    taken: set[str],
) -> Reconciled:
    """Stable ids for ``groups`` (member ids) given each member's ``old`` group id (absent:
    new). ``fresh[i]`` is the id group ``i`` gets when it keeps no old id (made unique
    against ``taken``, the ids in use or used before, which it extends)."""
    overlap: Counter[tuple[int, str]] = Counter()
    for index, members in enumerate(groups):
        for member in members:
            if member in old:
                overlap[(index, old[member])] += 1
    ids: list[str | None] = [None] * len(groups)
    kept: set[str] = set()
    for (index, previous), _count in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0][1])):
        if ids[index] is None and previous not in kept:
            ids[index] = previous
            kept.add(previous)
    split: dict[str, str] = {}
    for index, ident in enumerate(ids):
        if ident is not None:
            continue
        candidate = base = fresh[index]
        serial = 0
        while candidate in taken:
            serial += 1
            candidate = f"{base[0]}{_digest(f'{base}+{serial}')}"
        taken.add(candidate)
        ids[index] = candidate
        mine = [(count, previous) for (i, previous), count in overlap.items() if i == index]
        if mine:
            split[candidate] = min(mine, key=lambda cp: (-cp[0], cp[1]))[1]
    named = [i for i in ids if i is not None]
    merged: dict[str, str] = {}
    best: dict[str, tuple[int, str]] = {}
    for (index, previous), count in sorted(overlap.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if previous in kept:
            continue
        if previous not in best or count > best[previous][0]:
            best[previous] = (count, named[index])
    for previous, (_count, target) in best.items():
        merged[previous] = target
    return Reconciled(named, merged, split)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


@dataclass
class _Open:
    """An open story of the incremental index."""

    id: str
    members: list[str]
    topic: str
    language: str | None
    last_day: int | None
    touched: int


@dataclass
class Placement:
    """What one batch did: each new article's story and topic, in order, and the changes
    to earlier articles and stories (``moved``: article -> its new story; ``merged``: an
    old story id -> the story it is now part of; ``split``: a new story -> the story it
    split from; ``topics``: the topic of every story the batch touched)."""

    placed: list[tuple[str, str]]
    moved: dict[str, str] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)
    split: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)

    @property
    def touched(self) -> set[str]:
        """Stories whose members changed (new, grown, shrunk)."""
        return {story for story, _topic in self.placed} | set(self.moved.values()) | set(self.split)


class StoryIndex:
    """Incremental mode: articles arrive in batches; each batch and the open stories it
    touches are clustered again with the batch algorithm (see the module docstring).
    Memory is bounded by the open stories; the document frequencies are a fixed table."""

    def __init__(
        self,
        *,
        story_threshold: float,
        topic_threshold: float,
        window_days: int,
        max_active: int,
        grace: int | None = None,
    ) -> None:
        self.story_threshold = story_threshold
        self.topic_threshold = topic_threshold
        self.window = window_days
        self.max_active = max_active
        self.grace = max_active if grace is None else grace
        self.frequencies = DocumentFrequencies()
        self.features: dict[str, ArticleFeatures] = {}  # open articles
        self.story_of: dict[str, str] = {}  # open article -> story id
        self.stories: dict[str, _Open] = {}
        self.taken: set[str] = set()
        self._tick = 0
        self._clock: int | None = None

    @classmethod
    def for_settings(cls, settings: Settings) -> StoryIndex:
        """An empty index with the story settings of a run."""
        return cls(
            story_threshold=settings.story_threshold,
            topic_threshold=settings.topic_threshold,
            window_days=settings.story_window_days,
            max_active=settings.max_active_stories,
        )

    def add(self, batch: Sequence[ArticleFeatures]) -> list[str]:
        """The story id each article joined, in order (earlier articles may move: see
        :meth:`place`)."""
        return [story for story, _topic in self.place(batch).placed]

    @property
    def active(self) -> list[Story]:
        return [
            _story_of([self.features[m] for m in s.members], s.id, s.topic)
            for s in self.stories.values()
        ]

    # -- one batch -------------------------------------------------------------------
    def place(self, batch: Sequence[ArticleFeatures]) -> Placement:
        """Add a batch; returns where its articles went and what changed for the rest."""
        batch = [item for item in batch if item.article_id not in self.features]
        if not batch:
            return Placement([])
        self.frequencies.update(batch)
        for item in batch:
            if item.day is not None:
                self._clock = item.day if self._clock is None else max(self._clock, item.day)
        self._expire()  # a story the batch's dates leave behind takes none of its articles
        touched = self._touched(batch)
        region = [self.features[m] for s in sorted(touched) for m in self.stories[s].members]
        region.extend(batch)
        for item in batch:
            self.features[item.article_id] = item
        placement = self._recluster(region, touched, batch)
        self._tick += len(batch)
        for story, _topic in placement.placed:
            self.stories[story].touched = self._tick
        self._expire()
        return placement

    def _touched(self, batch: Sequence[ArticleFeatures]) -> set[str]:
        """Open stories with an article at least the topic threshold alike to one of the
        batch's (every vector with the current document frequencies: nothing is stale), and
        their neighbours: the other open stories of their topics.
        A story split earlier, when fewer of its articles had arrived, is re-clustered
        whole when a later article reaches any of its parts, as the batch run sees it."""
        open_ids = [ident for ident in self.features if ident in self.story_of]
        if not open_ids:
            return set()
        both = vectorize([*batch, *(self.features[i] for i in open_ids)], self.frequencies)
        both, _common = compact(both)  # a transpose is as wide as the columns
        sims = (both[: len(batch)] @ both[len(batch) :].T).tocoo()
        near = np.unique(sims.col[sims.data >= self.topic_threshold])
        touched = {self.story_of[open_ids[col]] for col in near.tolist()}
        topics = {self.stories[ident].topic for ident in touched}
        return touched | {ident for ident, story in self.stories.items() if story.topic in topics}

    # -- checkpoints -------------------------------------------------------------------
    def __getstate__(self) -> dict[str, object]:
        """The checkpoint leaves the open articles' features out: :meth:`restore` makes
        them again from the articles (features are a pure function of an article)."""
        state = dict(self.__dict__)
        state["features"] = {}
        return state

    def open_articles(self) -> list[str]:
        """The ids of the open stories' articles (what :meth:`restore` needs), sorted."""
        return sorted(m for story in self.stories.values() for m in story.members)

    def restore(self, features: Iterable[ArticleFeatures]) -> None:
        """Give a loaded checkpoint its open articles' features back."""
        self.features = {item.article_id: item for item in features}
        missing = set(self.open_articles()) - set(self.features)
        if missing:
            raise ValueError(f"{len(missing)} open articles without features, e.g. {min(missing)}")

    def _recluster(
        self, region: list[ArticleFeatures], touched: set[str], batch: Sequence[ArticleFeatures]
    ) -> Placement:
        region.sort(key=lambda f: f.order_key)
        cut = cluster_vectors(
            vectorize(region, self.frequencies),
            _constraints(region),
            story_threshold=self.story_threshold,
            topic_threshold=self.topic_threshold,
            common=self.frequencies.common(),
        )
        story_rows = _groups(cut.story)
        groups = [[region[r].article_id for r in rows] for rows in story_rows]
        founders = [
            min((region[r] for r in rows), key=lambda f: f.order_key) for rows in story_rows
        ]
        old = {m: self.story_of[m] for g in groups for m in g if m in self.story_of}
        result = reconcile(groups, old, [story_id(f.article_id) for f in founders], self.taken)
        # topics: the same reconciliation one level up, over the region's stories
        old_topic = {s: self.stories[s].topic for s in touched}
        topic_groups: dict[int, list[int]] = {}
        for index, rows in enumerate(story_rows):
            topic_groups.setdefault(int(cut.topic[rows[0]]), []).append(index)
        tgroups = list(topic_groups.values())
        tmembers = [[m for i in tg for m in groups[i]] for tg in tgroups]
        told = {m: old_topic[old[m]] for ms in tmembers for m in ms if m in old}
        tfresh = [
            topic_id(result.ids[min(tg, key=lambda i: founders[i].order_key)]) for tg in tgroups
        ]
        topics = reconcile(tmembers, told, tfresh, self.taken)
        topic_of = {result.ids[i]: topics.ids[t] for t, tg in enumerate(tgroups) for i in tg}
        for ident in touched:
            del self.stories[ident]
        placement = Placement([], merged=result.merged, split=result.split, topics=topic_of)
        for index, members in enumerate(groups):
            ident = result.ids[index]
            items = [self.features[m] for m in members]
            days = [f.day for f in items if f.day is not None]
            self.stories[ident] = _Open(
                ident,
                members,
                topic_of[ident],
                next((f.language for f in items if f.language), None),
                max(days) if days else None,
                self._tick,
            )
            for member in members:
                if member in old and old[member] != ident:
                    placement.moved[member] = ident
                self.story_of[member] = ident
        placement.placed = [
            (self.story_of[item.article_id], topic_of[self.story_of[item.article_id]])
            for item in batch
        ]
        return placement

    # -- leaving memory --------------------------------------------------------------
    def _expire(self) -> None:
        limit = None if self._clock is None else self._clock - self.window
        names = list(self.stories)
        rows = [(i, self.stories[n].last_day, self.stories[n].touched) for i, n in enumerate(names)]
        for row in rows_to_retire(
            rows, limit=limit, tick=self._tick, grace=self.grace, max_active=self.max_active
        ):
            story = self.stories.pop(names[row])
            for member in story.members:
                self.features.pop(member, None)
                self.story_of.pop(member, None)
