"""Story clustering: online average-link assignment inside a time window, then a merge pass.

Articles are taken in order (in batch mode the canonical order: earliest first, undated
last, then by id). Each joins the active story whose members are, on average, most
similar to it, if that average reaches ``story_threshold``; otherwise it founds a story.
A story stays active while its newest article is within ``story_window_days`` of the
newest date seen or an article joined it in the last ``grace`` arrivals (default
``max_active``: a feed out of date order keeps its old stories), and while it is among
the ``max_active_stories`` most recently joined, so memory does not grow with the corpus.
Similarities are dot products of the vectors of :mod:`.features`, so an article's average
similarity to a story's members is one dot product with the story's summed vector.

Batch mode then merges stories whose average-link similarity reaches the threshold (the
pairs come from articles that had a second story above ``MERGE_CANDIDATE`` x threshold),
which repairs most of what a single pass splits. Incremental mode never merges, so an
existing story is never renamed.

A story's id is ``s`` + 12 hex digits of the BLAKE2b hash of its founding article's id:
the same input gives the same ids, and adding articles does not rename a story unless
(in batch mode) an earlier article joins it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..dedupe.canonical import UnionFind
from ..settings import Settings
from .features import VECTOR_DIM, ArticleFeatures, DocumentFrequencies, FloatArray, vectorize
from .refine import MAX_ARTICLES, split_topic
from .topics import StoryVector, TopicIndex, assign_topics
from .window import rows_to_retire

CHUNK = 64
MERGE_CANDIDATE = 0.6  # a second story above this share of the threshold is a merge candidate
MERGE_CANDIDATES_PER_ARTICLE = 3


def story_id(founder_article_id: str) -> str:
    digest = hashlib.blake2b(founder_article_id.encode("utf-8", "surrogatepass"), digest_size=6)
    return "s" + digest.hexdigest()


@dataclass
class StoryState:
    """A story being built: members, time span, language, and (while needed) its summed vector."""

    serial: int
    founder: tuple[float, str]
    members: list[str]
    language: str | None
    first_day: int | None
    last_day: int | None
    total: FloatArray | None = None
    touched: int = 0
    fixed_id: str | None = None  # incremental mode: named once, at founding
    topic: str | None = None

    @property
    def id(self) -> str:
        return self.fixed_id or story_id(self.founder[1])

    def add_day(self, day: int | None) -> None:
        if day is None:
            return
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)


@dataclass(frozen=True)
class Story:
    """A finished story: its id and its clustered articles (duplicates are added later)."""

    id: str
    articles: tuple[str, ...]
    first_day: int | None = None
    last_day: int | None = None
    language: str | None = None
    topic: str | None = None


@dataclass
class _Candidates:
    pairs: dict[tuple[int, int], float] = field(default_factory=dict)

    def add(self, a: int, b: int, similarity: float) -> None:
        key = (a, b) if a < b else (b, a)
        if similarity > self.pairs.get(key, -1.0):
            self.pairs[key] = similarity


class StoryClusterer:
    """The online engine shared by batch and incremental mode.

    ``frequencies`` supplies the IDF: filled with the whole batch first in batch mode, or
    updated as articles arrive (``learn=True``) in incremental mode. ``on_retire`` gets each
    story that leaves the active set; with ``keep_retired`` its summed vector is kept for
    the merge pass, otherwise it is dropped (flat memory). ``topics`` (incremental mode)
    places each story in a topic when it is founded and grows that topic as it grows.
    """

    def __init__(
        self,
        *,
        threshold: float,
        window_days: int,
        max_active: int,
        frequencies: DocumentFrequencies,
        use_embeddings: bool = True,
        learn: bool = False,
        keep_retired: bool = False,
        on_retire: Callable[[StoryState], None] | None = None,
        grace: int | None = None,
        topics: TopicIndex | None = None,
    ) -> None:
        self.threshold = threshold
        self.topics = topics
        self.grace = max_active if grace is None else grace
        self.window = window_days
        self.max_active = max_active
        self.frequencies = frequencies
        self.use_embeddings = use_embeddings
        self.learn = learn
        self.keep_retired = keep_retired
        self.on_retire = on_retire
        self._matrix = np.zeros((64, VECTOR_DIM), dtype=np.float32)
        self._rows: list[StoryState | None] = []  # row -> active story
        self._free: list[int] = []
        self._counts = np.zeros(64, dtype=np.float32)
        self._first = np.zeros(64, dtype=np.float64)
        self._last = np.zeros(64, dtype=np.float64)
        self._language = np.full(64, -1, dtype=np.int32)
        self._language_codes: dict[str, int] = {}
        self._row_of: dict[int, int] = {}  # serial -> row
        self._serial = 0
        self._tick = 0
        self._clock: int | None = None
        self.candidates = _Candidates()
        self.states: dict[int, StoryState] = {}  # every story of a batch run (keep_retired)

    # -- active rows -------------------------------------------------------------
    def _grow(self) -> None:
        size = len(self._counts) * 2
        for name in ("_counts", "_first", "_last", "_language"):
            old = getattr(self, name)
            new = np.full(size, -1 if name == "_language" else 0, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        matrix = np.zeros((size, VECTOR_DIM), dtype=np.float32)
        matrix[: len(self._matrix)] = self._matrix
        self._matrix = matrix

    def _new_row(self) -> int:
        if self._free:
            return self._free.pop()
        row = len(self._rows)
        if row >= len(self._counts):
            self._grow()
        self._rows.append(None)
        return row

    def _code(self, language: str | None) -> int:
        if language is None:
            return -1
        return self._language_codes.setdefault(language, len(self._language_codes))

    def _retire(self, row: int) -> None:
        state = self._rows[row]
        assert state is not None
        if self.keep_retired:
            state.total = self._matrix[row].copy()
        self._rows[row] = None
        self._language[row] = -1
        self._counts[row] = 0.0
        self._matrix[row] = 0.0
        del self._row_of[state.serial]
        self._free.append(row)
        if self.on_retire is not None:
            self.on_retire(state)

    @property
    def active(self) -> list[StoryState]:
        return [s for s in self._rows if s is not None]

    # -- assignment ----------------------------------------------------------------
    def add(self, batch: Sequence[ArticleFeatures]) -> list[StoryState]:
        """Assign each article, in order; returns the story each joined (or founded)."""
        if self.learn:
            for features in batch:
                self.frequencies.add(features)
        vectors = vectorize(batch, self.frequencies, use_embeddings=self.use_embeddings)
        used = len(self._rows)
        base = vectors @ self._matrix[:used].T if used else np.zeros((len(batch), 0), np.float32)
        changed: set[int] = set()
        joined: list[StoryState] = []
        for index, features in enumerate(batch):
            self._tick += 1
            row = self._choose(features, vectors[index], base[index], used, changed)
            if row is None:
                state = self._found(features)
                row = self._row_of[state.serial]
                if self.topics is not None:
                    state.topic = self.topics.place(
                        state.id,
                        vectors[index],
                        1,
                        first_day=features.day,
                        last_day=features.day,
                        language=features.language,
                    )
            else:
                state = self._rows[row]  # type: ignore[assignment]
                state.members.append(features.article_id)
                state.founder = min(state.founder, features.order_key)
                state.add_day(features.day)
                if state.language is None:
                    state.language = features.language
                    self._language[row] = self._code(features.language)
                if self.topics is not None and state.topic is not None:
                    self.topics.grow(state.topic, vectors[index], features.day)
            assert state is not None
            state.touched = self._tick
            self._matrix[row] += vectors[index]
            self._counts[row] += 1.0
            self._first[row] = np.nan if state.first_day is None else state.first_day
            self._last[row] = np.nan if state.last_day is None else state.last_day
            changed.add(row)
            joined.append(state)
            if features.day is not None:
                self._clock = (
                    features.day if self._clock is None else max(self._clock, features.day)
                )
        self._expire()
        return joined

    def _choose(
        self,
        features: ArticleFeatures,
        vector: FloatArray,
        base: FloatArray,
        used: int,
        changed: set[int],
    ) -> int | None:
        rows = len(self._rows)
        if rows == 0:
            return None
        counts = self._counts[:rows]
        sims = np.full(rows, -np.inf, dtype=np.float32)
        sims[:used] = base
        for row in changed:
            sims[row] = vector @ self._matrix[row]
        alive = counts > 0
        sims = np.where(alive, sims / np.maximum(counts, 1.0), -np.inf)
        if features.day is not None:
            first, last = self._first[:rows], self._last[:rows]
            with np.errstate(invalid="ignore"):
                outside = (features.day < first - self.window) | (features.day > last + self.window)
            sims[outside] = -np.inf
        if features.language is not None:
            codes = self._language[:rows]
            sims[(codes != -1) & (codes != self._code(features.language))] = -np.inf
        best = int(np.argmax(sims))
        if sims[best] < self.threshold:
            return None
        if self.keep_retired:
            floor = self.threshold * MERGE_CANDIDATE
            others = np.flatnonzero(sims >= floor)
            if len(others) > 1:
                top = others[np.argsort(-sims[others])][: MERGE_CANDIDATES_PER_ARTICLE + 1]
                best_state = self._rows[best]
                assert best_state is not None
                for row in top:
                    other = self._rows[int(row)]
                    if other is not None and row != best:
                        self.candidates.add(best_state.serial, other.serial, float(sims[row]))
        return best

    def _found(self, features: ArticleFeatures) -> StoryState:
        row = self._new_row()
        self._serial += 1
        state = StoryState(
            serial=self._serial,
            founder=features.order_key,
            members=[features.article_id],
            language=features.language,
            first_day=features.day,
            last_day=features.day,
        )
        if not self.keep_retired:
            state.fixed_id = story_id(features.article_id)
        self._rows[row] = state
        self._language[row] = self._code(features.language)
        self._row_of[state.serial] = row
        self._counts[row] = 0.0
        self._matrix[row] = 0.0
        if self.keep_retired:
            self.states[state.serial] = state
        return state

    def _expire(self) -> None:
        """Retire stale stories, then the least recently joined beyond ``max_active``.

        A story is stale when its newest article is more than the window before the newest
        date seen *and* no article joined it in the last ``grace`` arrivals: a feed that
        arrives out of date order (a backfill, a crawl of archives) keeps joining old
        stories, which must not be retired on the first newer date (each late article
        would found a story of its own). Stale stories go first when the set is full."""
        limit = None if self._clock is None else self._clock - self.window
        rows = [(row, s.last_day, s.touched) for row, s in enumerate(self._rows) if s is not None]
        for row in rows_to_retire(
            rows, limit=limit, tick=self._tick, grace=self.grace, max_active=self.max_active
        ):
            self._retire(row)

    # -- end of a batch run ----------------------------------------------------------
    def total_of(self, state: StoryState) -> FloatArray:
        row = self._row_of.get(state.serial)
        if row is not None:
            total: FloatArray = self._matrix[row]
            return total
        assert state.total is not None
        return state.total

    def merge(self) -> list[StoryState]:
        """Merge candidate pairs whose average-link similarity reaches the threshold.

        Each story returned carries its summed vector in ``total``."""
        if not self.keep_retired:
            raise RuntimeError("merge() needs keep_retired=True")
        states = self.states
        totals = {serial: self.total_of(state).copy() for serial, state in states.items()}
        sizes = {serial: float(len(state.members)) for serial, state in states.items()}
        sets: UnionFind[int] = UnionFind()
        for serial in states:
            sets.add(serial)
        for (a, b), _sim in sorted(self.candidates.pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            ra, rb = sets.find(a), sets.find(b)
            if ra == rb:
                continue
            sa, sb = states[ra], states[rb]
            if not _compatible(sa, sb, self.window):
                continue
            link = float(totals[ra] @ totals[rb]) / (sizes[ra] * sizes[rb])
            if link < self.threshold:
                continue
            sets.union(ra, rb)
            root = sets.find(ra)
            other = rb if root == ra else ra
            keep, gone = states[root], states[other]
            keep.members.extend(gone.members)
            keep.founder = min(keep.founder, gone.founder)
            keep.add_day(gone.first_day)
            keep.add_day(gone.last_day)
            keep.language = keep.language or gone.language
            totals[root] = totals[root] + totals[other]
            sizes[root] += sizes[other]
        merged = [states[s] for s in states if sets.find(s) == s]
        for state in merged:
            state.total = totals[state.serial]
        return merged


def _compatible(a: StoryState, b: StoryState, window: int) -> bool:
    if a.language is not None and b.language is not None and a.language != b.language:
        return False
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return True
    assert a.first_day is not None and a.last_day is not None
    assert b.first_day is not None and b.last_day is not None
    return a.first_day - window <= b.last_day and b.first_day - window <= a.last_day


def _finish(state: StoryState, topic: str | None = None) -> Story:
    return Story(
        id=state.id,
        articles=tuple(sorted(state.members)),
        first_day=state.first_day,
        last_day=state.last_day,
        language=state.language,
        topic=topic or state.topic,
    )


@dataclass(frozen=True)
class BatchStories:
    """A batch run's stories, and the online pass's stories they were refined from (both
    with topics, sorted by id; the Dask engine checks the online ones for exactness)."""

    stories: list[Story]
    online: list[Story]


def finish_batch(
    merged: Sequence[StoryState],
    *,
    topic_threshold: float,
    window_days: int,
    features: Sequence[ArticleFeatures],
    frequencies: DocumentFrequencies,
    use_embeddings: bool,
) -> BatchStories:
    """Finished stories of a batch run, each with its topic.

    The online pass's stories are grouped into topics; each topic's stories are then its
    well-separated groups of articles (:mod:`.refine`)."""
    vectors = []
    for state in merged:
        assert state.total is not None
        vectors.append(
            StoryVector(
                state.id,
                state.founder,
                state.total,
                len(state.members),
                state.first_day,
                state.last_day,
                state.language,
            )
        )
    topics = assign_topics(vectors, threshold=topic_threshold, window_days=window_days)
    online = sorted((_finish(state, topics[state.id]) for state in merged), key=lambda s: s.id)
    by_topic: dict[str, list[StoryState]] = {}
    for state in merged:
        by_topic.setdefault(topics[state.id], []).append(state)
    by_id = {item.article_id: item for item in features}
    stories: list[Story] = []
    for topic, states in by_topic.items():
        members = sorted(member for state in states for member in state.members)
        if len(members) > MAX_ARTICLES:  # the exact pass is quadratic: keep the online stories
            stories.extend(_finish(state, topic) for state in states)
            continue
        items = [by_id[member] for member in members]
        # recomputed per topic: keeping every article's vector (19 KB) from the online
        # pass would cost ~1 GB per 50k articles
        rows = vectorize(items, frequencies, use_embeddings=use_embeddings)
        for group in split_topic(rows):
            stories.append(_story_of([items[int(i)] for i in group], topic))
    return BatchStories(sorted(stories, key=lambda s: s.id), online)


def _story_of(items: Sequence[ArticleFeatures], topic: str) -> Story:
    days = [item.day for item in items if item.day is not None]
    return Story(
        id=story_id(min(item.order_key for item in items)[1]),
        articles=tuple(sorted(item.article_id for item in items)),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        language=next((item.language for item in items if item.language), None),
        topic=topic,
    )


def cluster_batch(
    features: Iterable[ArticleFeatures],
    *,
    threshold: float,
    window_days: int,
    max_active: int,
    use_embeddings: bool = True,
    topic_threshold: float = 0.12,
    refine: bool = True,
) -> list[Story]:
    """Cluster a whole set of articles into stories and topics; the answer does not depend
    on their input order. ``refine=False``: the online pass's stories (with topics)."""
    ordered = sorted(features, key=lambda f: f.order_key)
    frequencies = DocumentFrequencies()
    for item in ordered:
        frequencies.add(item)
    engine = StoryClusterer(
        threshold=threshold,
        window_days=window_days,
        max_active=max_active,
        frequencies=frequencies,
        use_embeddings=use_embeddings,
        keep_retired=True,
        grace=0,  # canonical order: no article comes after a newer date's window
    )
    for start in range(0, len(ordered), CHUNK):
        engine.add(ordered[start : start + CHUNK])
    found = finish_batch(
        engine.merge(),
        topic_threshold=topic_threshold,
        window_days=window_days,
        features=ordered,
        frequencies=frequencies,
        use_embeddings=use_embeddings,
    )
    return found.stories if refine else found.online


class StoryIndex:
    """Incremental mode: articles arrive one at a time (or in small batches) and each joins
    a story or founds one. Ids never change; memory is bounded by the active window (the
    document-frequency table is a fixed 4 MB). ``story_of`` answers for active stories and
    for the articles of the current session; a store keeps the rest."""

    def __init__(
        self,
        *,
        threshold: float,
        window_days: int,
        max_active: int,
        use_embeddings: bool = True,
        frequencies: DocumentFrequencies | None = None,
        on_retire: Callable[[StoryState], None] | None = None,
        grace: int | None = None,
        topic_threshold: float = 0.12,
    ) -> None:
        topics = TopicIndex(
            threshold=topic_threshold,
            window_days=window_days,
            max_active=max_active,
            grace=max_active if grace is None else grace,
        )
        self.engine = StoryClusterer(
            threshold=threshold,
            window_days=window_days,
            max_active=max_active,
            frequencies=frequencies or DocumentFrequencies(),
            use_embeddings=use_embeddings,
            learn=True,
            on_retire=on_retire,
            grace=grace,
            topics=topics,
        )

    @classmethod
    def for_settings(cls, settings: Settings) -> StoryIndex:
        """An empty index with the story and topic settings of a run."""
        return cls(
            threshold=settings.story_threshold,
            window_days=settings.story_window_days,
            max_active=settings.max_active_stories,
            use_embeddings=settings.embed_tokens > 0,
            topic_threshold=settings.topic_threshold,
        )

    def add(self, batch: Sequence[ArticleFeatures]) -> list[str]:
        """The story id each article joined, in order."""
        return [story for story, _topic in self.place(batch)]

    def place(self, batch: Sequence[ArticleFeatures]) -> list[tuple[str, str | None]]:
        """The story id and the topic id each article joined, in order."""
        return [(state.id, state.topic) for state in self.engine.add(batch)]

    @property
    def active(self) -> list[Story]:
        return [_finish(s) for s in self.engine.active]
