"""Blocking for the batch clustering: which articles can never meet, and when clustering
the blocks apart gives exactly the stories of clustering them together.

``cluster_batch`` is an online pass in canonical order with a global state, so it splits
only along constraints the pass itself enforces (see docs/scale.md for the argument):

- **language**: an article never joins, or links for a merge, a story of another
  language (an article or story without a language bridges all);
- **time**: a story is joined only within ``story_window_days`` of its span and merged
  only with a story within that window, so a gap of more than the window between
  publication days splits the corpus (an undated article bridges every side).

A block is a connected component of (language, time segment) keys. Clustering blocks
apart is exact when two global effects of the pass cannot differ:

- ``max_active_stories`` never closes a story (:func:`eviction_free`, checked on the
  result; the blocks run without that limit);
- closing stories by the newest date seen (each block sees only its own dates) never
  matters (:func:`clock_safe`, checked before): no article comes after an article with
  a later day while a story whose window it still reaches could be closed.

When a check fails the whole set is one block, which is the local pass itself.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from ..cluster.features import ArticleFeatures, DocumentFrequencies
from ..cluster.stories import CHUNK, BatchStories, Story, StoryClusterer, finish_batch
from ..dedupe.canonical import UnionFind
from ..settings import Settings

Key = tuple[str | None, int | None]  # (language, time segment); None: bridges all


def cluster_block(
    features: Sequence[ArticleFeatures],
    frequencies: DocumentFrequencies,
    *,
    settings: Settings,
    max_active: int,
) -> BatchStories:
    """``cluster_batch`` on one block, with the corpus's document frequencies.

    The same engine and steps as ``storyline.cluster.stories.cluster_batch``; only the
    IDF table comes from the whole corpus instead of from ``features``."""
    ordered = sorted(features, key=lambda f: f.order_key)
    engine = StoryClusterer(
        threshold=settings.story_threshold,
        window_days=settings.story_window_days,
        max_active=max_active,
        frequencies=frequencies,
        use_embeddings=settings.embed_tokens > 0,
        keep_retired=True,
        grace=0,
    )
    for start in range(0, len(ordered), CHUNK):
        engine.add(ordered[start : start + CHUNK])
    return finish_batch(
        engine.merge(),
        topic_threshold=settings.topic_threshold,
        window_days=settings.story_window_days,
        features=ordered,
        frequencies=frequencies,
        use_embeddings=settings.embed_tokens > 0,
    )


def assign_blocks(
    keys: Sequence[tuple[str | None, int | None]], window_days: int
) -> tuple[list[int], int]:
    """A block number per article from its (language, publication day), and the count.

    Blocks are numbered in order of their first article."""
    segment = _segments([day for _language, day in keys], window_days)
    article_keys: list[Key] = [
        (language, None if day is None else segment[day]) for language, day in keys
    ]
    present = list(dict.fromkeys(article_keys))
    sets: UnionFind[Key] = UnionFind()
    for key in present:
        sets.add(key)
    for wild in (k for k in present if k[0] is None or k[1] is None):
        for key in present:
            if _meets(wild, key):
                sets.union(wild, key)
    numbers: dict[Key, int] = {}
    blocks = [numbers.setdefault(sets.find(key), len(numbers)) for key in article_keys]
    return blocks, len(numbers)


def _segments(days: Sequence[int | None], window_days: int) -> dict[int, int]:
    """Each day's time segment: consecutive days more than the window apart start a new one."""
    segment: dict[int, int] = {}
    previous: int | None = None
    for day in sorted({d for d in days if d is not None}):
        if previous is not None and day - previous > window_days:
            segment[day] = segment[previous] + 1
        else:
            segment[day] = segment[previous] if previous is not None else 0
        previous = day
    return segment


def _meets(a: Key, b: Key) -> bool:
    languages = a[0] is None or b[0] is None or a[0] == b[0]
    times = a[1] is None or b[1] is None or a[1] == b[1]
    return languages and times


def clock_safe(days: Sequence[int | None], window_days: int) -> bool:
    """Whether closing stale stories by each block's own newest date changes nothing.

    ``days`` are the articles' publication days in canonical order. A story is closed
    when its last day falls more than the window behind the newest day seen; a block
    sees fewer dates than the whole set, so it may close a story later. That matters only
    for an article whose day is behind the newest day seen (time zones: the order is by
    UTC time, the day is local), or that has no day, while a story that it could still
    join might already be closed: a story whose last day is in
    ``[day - window, newest - window - 1]``."""
    seen: set[int] = set()
    newest: int | None = None
    oldest: int | None = None
    for day in days:
        if day is None:
            if newest is not None and oldest is not None and oldest < newest - window_days:
                return False
            continue
        if newest is not None and day < newest:
            low, high = day - window_days, newest - window_days - 1
            if high - low < len(seen):
                if any(d in seen for d in range(low, high + 1)):
                    return False
            elif any(low <= d <= high for d in seen):
                return False
        seen.add(day)
        newest = day if newest is None else max(newest, day)
        oldest = day if oldest is None else min(oldest, day)
    return True


def eviction_free(
    order: Sequence[tuple[str, int | None]],
    stories: Sequence[Story],
    *,
    window_days: int,
    max_active: int,
) -> bool:
    """Whether the pass over the whole set would never close a story for lack of room.

    ``order`` is (article id, day) in canonical order; ``stories`` the blocks' stories.
    After each chunk of ``CHUNK`` articles the pass closes stale stories, then the least
    recently joined beyond ``max_active``: this counts the stories still open then."""
    if len(order) <= max_active:
        return True  # never more stories than articles
    position = {article_id: index for index, (article_id, _day) in enumerate(order)}
    chunks = math.ceil(len(order) / CHUNK)
    clock: list[float] = []  # newest day seen at each chunk's end
    newest = -math.inf
    for chunk in range(chunks):
        for _article_id, day in order[chunk * CHUNK : (chunk + 1) * CHUNK]:
            if day is not None:
                newest = max(newest, day)
        clock.append(newest)
    opened = [0] * (chunks + 1)
    for story in stories:
        span = _open_chunks(story, position, order, clock, window_days)
        if span is None:
            return False  # a story joined after it would have closed: not the same pass
        start, end = span
        opened[start] += 1
        opened[end] -= 1
    count = 0
    for chunk in range(chunks):
        count += opened[chunk]
        if count > max_active:
            return False
    return True


def _open_chunks(
    story: Story,
    position: dict[str, int],
    order: Sequence[tuple[str, int | None]],
    clock: list[float],
    window_days: int,
) -> tuple[int, int] | None:
    """The chunks after which the story is open: [founded, closed as stale)."""
    members = sorted(position[article_id] for article_id in story.articles)
    chunks = [p // CHUNK for p in members]
    last: int | None = None
    for index, member in enumerate(members):
        day = order[member][1]
        if day is not None:
            last = day if last is None else max(last, day)
        following = chunks[index + 1] if index + 1 < len(members) else len(clock)
        if last is None or following == chunks[index]:
            continue
        # the first chunk end whose newest day is more than the window past ``last``
        closed = max(chunks[index], bisect.bisect_right(clock, last + window_days))
        if closed < following:
            return None if index + 1 < len(members) else (chunks[0], closed)
    return chunks[0], len(clock)
