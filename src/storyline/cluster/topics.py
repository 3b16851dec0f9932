"""Topics: stories about the same subject, grouped one level above stories.

A story is one event (a player's DUI arrest); a topic is the thread it belongs to (the
team's off-field troubles, a tsunami and its aftermath over months). The two levels
need different thresholds on the same similarity: measured on ECB+, whose gold has both
(43 topics, each holding two similar but different events), and on MultiLing, whose
gold "stories" are whole topics; see docs/stories-clustering-notes.md.

Stories are taken in order; each joins the open topic whose articles are, on average,
most similar to the story's articles (average link, one dot product of summed vectors),
if that reaches ``threshold``, else it founds a topic. A topic is open while its span is
within ``window_days`` of the story's span and it shares the story's language. A topic's
id is ``t`` + 12 hex digits of the BLAKE2b hash of its founding story's id, so the same
stories give the same topics, and a topic is never renamed.

Batch mode (:func:`assign_topics`) takes finished stories in canonical order with their
summed vectors. Incremental mode (:class:`TopicIndex` inside the story engine) places a
story when it is founded, by its first article, and adds each later article's vector to
the story's topic; topics leave memory as stories do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .features import VECTOR_DIM, FloatArray
from .window import rows_to_retire


def topic_id(founder_story_id: str) -> str:
    digest = hashlib.blake2b(founder_story_id.encode("utf-8", "surrogatepass"), digest_size=6)
    return "t" + digest.hexdigest()


@dataclass
class _Topic:
    id: str
    first_day: int | None
    last_day: int | None
    language: str | None
    touched: int


class TopicIndex:
    """Open topics: one row of summed article vectors each, with article counts and spans.

    ``max_active`` bounds memory: beyond it the least recently joined topics leave (stale
    ones, whose span ended more than the window before the newest date seen and which
    nothing joined in the last ``grace`` placements, leave first and on their own).
    ``ordered``: stories come by first day (batch mode), so a topic leaves exactly when
    no later story can reach it: its last day is more than the window before the
    current story's first day."""

    def __init__(
        self,
        *,
        threshold: float,
        window_days: int,
        max_active: int | None = None,
        grace: int = 0,
        ordered: bool = False,
    ) -> None:
        self.threshold = threshold
        self.ordered = ordered
        self.window = window_days
        self.max_active = max_active
        self.grace = grace
        self._matrix = np.zeros((16, VECTOR_DIM), dtype=np.float32)
        self._counts = np.zeros(16, dtype=np.float32)
        self._first = np.full(16, np.nan, dtype=np.float64)
        self._last = np.full(16, np.nan, dtype=np.float64)
        self._language = np.full(16, -2, dtype=np.int32)  # -2: free row, -1: no language
        self._codes: dict[str, int] = {}
        self._topics: list[_Topic | None] = []
        self._row_of: dict[str, int] = {}
        self._free: list[int] = []
        self._tick = 0
        self._clock: int | None = None

    def __len__(self) -> int:
        return len(self._row_of)

    # -- rows ---------------------------------------------------------------------------
    def _new_row(self) -> int:
        if self._free:
            return self._free.pop()
        row = len(self._topics)
        if row >= len(self._counts):
            size = 2 * len(self._counts)
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
            self._counts = np.concatenate([self._counts, np.zeros_like(self._counts)])
            self._first = np.concatenate([self._first, np.full_like(self._first, np.nan)])
            self._last = np.concatenate([self._last, np.full_like(self._last, np.nan)])
            self._language = np.concatenate([self._language, np.full_like(self._language, -2)])
            assert len(self._counts) == size
        self._topics.append(None)
        return row

    def _code(self, language: str | None) -> int:
        if language is None:
            return -1
        return self._codes.setdefault(language, len(self._codes))

    def _retire(self, row: int) -> None:
        topic = self._topics[row]
        assert topic is not None
        self._topics[row] = None
        del self._row_of[topic.id]
        self._matrix[row] = 0.0
        self._counts[row] = 0.0
        self._first[row] = self._last[row] = np.nan
        self._language[row] = -2
        self._free.append(row)

    def _span(self, row: int, topic: _Topic) -> None:
        self._first[row] = np.nan if topic.first_day is None else topic.first_day
        self._last[row] = np.nan if topic.last_day is None else topic.last_day

    # -- placing stories ------------------------------------------------------------------
    def place(
        self,
        story_id: str,
        total: FloatArray,
        count: int,
        *,
        first_day: int | None,
        last_day: int | None,
        language: str | None,
    ) -> str:
        """The topic a story joins (or founds): ``total`` is its articles' summed vector."""
        self._tick += 1
        rows = len(self._topics)
        best = -1
        if rows and count > 0:
            counts = self._counts[:rows]
            sims = (self._matrix[:rows] @ total) / (np.maximum(counts, 1.0) * count)
            codes = self._language[:rows]
            closed = codes == -2
            if language is not None:
                closed |= (codes >= 0) & (codes != self._code(language))
            if first_day is not None and last_day is not None:
                with np.errstate(invalid="ignore"):
                    closed |= (last_day < self._first[:rows] - self.window) | (
                        first_day > self._last[:rows] + self.window
                    )
            sims[closed] = -np.inf
            candidate = int(np.argmax(sims))
            if sims[candidate] >= self.threshold:
                best = candidate
        if best < 0:
            best = self._new_row()
            topic = _Topic(topic_id(story_id), first_day, last_day, language, self._tick)
            self._topics[best] = topic
            self._row_of[topic.id] = best
            self._language[best] = self._code(language)
        else:
            found = self._topics[best]
            assert found is not None
            topic = found
            topic.touched = self._tick
            for day in (first_day, last_day):
                self._add_day(topic, day)
            if topic.language is None and language is not None:
                topic.language = language
                self._language[best] = self._code(language)
        self._matrix[best] += total
        self._counts[best] += count
        self._span(best, topic)
        if self.ordered:
            if first_day is not None:
                self._clock = first_day
        else:
            for day in (first_day, last_day):
                if day is not None:
                    self._clock = day if self._clock is None else max(self._clock, day)
        self._expire()
        return topic.id

    def grow(self, topic: str, vector: FloatArray, day: int | None) -> None:
        """A later article of one of the topic's stories (incremental mode)."""
        row = self._row_of.get(topic)
        if row is None:  # the topic has left memory; its stories keep their topic id
            return
        found = self._topics[row]
        assert found is not None
        self._matrix[row] += vector
        self._counts[row] += 1.0
        found.touched = self._tick
        self._add_day(found, day)
        self._span(row, found)

    @staticmethod
    def _add_day(topic: _Topic, day: int | None) -> None:
        if day is None:
            return
        topic.first_day = day if topic.first_day is None else min(topic.first_day, day)
        topic.last_day = day if topic.last_day is None else max(topic.last_day, day)

    def _expire(self) -> None:
        slack = 0 if self.ordered else 1  # a feed's local days may run a day behind UTC order
        limit = None if self._clock is None else self._clock - self.window - slack
        rows = [(row, t.last_day, t.touched) for row, t in enumerate(self._topics) if t is not None]
        for row in rows_to_retire(
            rows, limit=limit, tick=self._tick, grace=self.grace, max_active=self.max_active
        ):
            self._retire(row)


@dataclass(frozen=True)
class StoryVector:
    """What batch topic assignment needs from a finished story."""

    id: str
    order_key: tuple[float, str]
    total: FloatArray
    count: int
    first_day: int | None
    last_day: int | None
    language: str | None


def assign_topics(
    stories: Sequence[StoryVector], *, threshold: float, window_days: int
) -> dict[str, str]:
    """Story id -> topic id for a finished batch.

    Stories go undated first (their topics stay open to all, as undated articles' stories
    do), then by first day, founder and id; a dated topic leaves memory once the stories
    start more than the window after its last day, which cannot change the answer."""
    index = TopicIndex(threshold=threshold, window_days=window_days, ordered=True)
    ordered = sorted(
        stories,
        key=lambda s: (s.first_day is not None, s.first_day or 0, s.order_key, s.id),
    )
    return {
        story.id: index.place(
            story.id,
            story.total,
            story.count,
            first_day=story.first_day,
            last_day=story.last_day,
            language=story.language,
        )
        for story in ordered
    }
