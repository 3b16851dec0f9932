"""``storyline ingest``: grow a SQLite store run by run, incrementally and idempotently.

Articles are read and cleaned as a stream. One already in the store (same id) is
counted and passed over, so ingesting the same files twice changes nothing. New ones go
through the incremental engine in batches of ``INGEST_BATCH``: duplicates (first come is
canonical: a stored article is never re-pointed), story assignment (``StoryIndex``: ids
never change) and wire copies. Each batch is one transaction holding the batch's
articles, links, story rows, the skipped inputs seen so far, and a checkpoint of the
engine (the three indexes, pickled). A run killed at any point therefore leaves the
store at a batch boundary with a matching checkpoint, and re-running the same command
resumes where it stopped and ends with the same store as an uninterrupted run.

Briefs are rebuilt at the end, only for the stories the run touched (a "dirty" list
kept in the store, so a run killed while writing briefs finishes them next time), each
in its own transaction.
"""

from __future__ import annotations

import json
import pickle
import secrets
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from .cluster.features import ArticleFeatures, featurize_articles
from .cluster.stories import StoryIndex
from .dedupe import DuplicateIndex, SyndicationIndex, SyndicationText
from .dedupe.canonical import published_timestamp
from .errors import StorylineError
from .pipeline import RunSummary, clean_inputs, story_brief, unanalysed_note
from .settings import Settings
from .store import Store, open_store
from .types import Article, Rejection

if TYPE_CHECKING:
    from .summarize import Brief

INGEST_BATCH = 64
"""Articles per transaction (and per checkpoint of the engine)."""

DEDUPE_MEMORY = 10_000
SYNDICATION_MEMORY = 5000
"""As in ``storyline stories --incremental``: what the engine remembers across runs."""

STATE_KEY = "engine"
DIRTY_KEY = "dirty"
STATE_VERSION = 3

Source = Callable[[RunSummary], Iterable[tuple[Article, ArticleFeatures | None]]]
"""Where a run's articles come from, in input order, each with its features when they
were computed already (``storyline.scale``: on Dask workers); rejections and the article
count go into the run summary it is given, as ``pipeline.clean_inputs`` does."""


@dataclass
class Engine:
    """What the store checkpoints after each batch (pickled)."""

    version: int
    settings: tuple[float, float, int, int]
    stories: StoryIndex
    duplicates: DuplicateIndex
    wire: SyndicationIndex

    @classmethod
    def new(cls, settings: Settings) -> Engine:
        stories = StoryIndex.for_settings(settings)
        stories.frequencies.detached = True  # kept in the store's term_counts table
        return cls(
            STATE_VERSION,
            _engine_settings(settings),
            stories,
            DuplicateIndex(memory=DEDUPE_MEMORY, first_come=True),
            SyndicationIndex(memory=SYNDICATION_MEMORY),
        )


def _engine_settings(settings: Settings) -> tuple[float, float, int, int]:
    return (
        settings.story_threshold,
        settings.topic_threshold,
        settings.story_window_days,
        settings.max_active_stories,
    )


@dataclass
class IngestProgress:
    """Counts so far, passed to the progress callback after every batch and brief."""

    read: int = 0
    new: int = 0
    already: int = 0
    duplicates: int = 0
    briefs_done: int = 0
    briefs_total: int = 0
    phase: str = "articles"


@dataclass
class IngestResult:
    run_id: str
    summary: RunSummary
    progress: IngestProgress
    stories_new: list[str] = field(default_factory=list)
    stories_touched: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "read": self.summary.articles,
            "new": self.progress.new,
            "already_stored": self.progress.already,
            "duplicates": self.progress.duplicates,
            "notices": self.summary.notices,
            "skipped": len(self.summary.rejections),
            "skipped_by_reason": dict(sorted(self.summary.skipped.items())),
            "stories_new": len(self.stories_new),
            "stories_touched": len(self.stories_touched),
            "briefs_built": self.progress.briefs_done,
            "seconds": round(self.seconds, 3),
        }

    def line(self) -> str:
        d = self.to_dict()
        text = f"new {d['new']}, already stored {d['already_stored']}, duplicates {d['duplicates']}"
        if d["notices"]:
            text += f", notices {d['notices']} (in no story)"
        if d["skipped"]:
            reasons = ", ".join(f"{n} {r}" for r, n in d["skipped_by_reason"].items())
            text += f", skipped {d['skipped']} ({reasons})"
        return text + (
            f"; stories touched {d['stories_touched']} ({d['stories_new']} new), "
            f"briefs rebuilt {d['briefs_built']}"
        )


def ingest(
    paths: Sequence[str],
    db: str | Store,
    *,
    settings: Settings | None = None,
    words: int = 120,
    progress: Callable[[IngestProgress], None] | None = None,
    stdin: Any = None,
    batch_size: int = INGEST_BATCH,
    source: Source | None = None,
    briefs: bool = True,
) -> IngestResult:
    """Add the articles under ``paths`` to the store ``db`` (created when missing).

    A resumed run must use the ``batch_size`` of the run it resumes to end exactly as an
    uninterrupted one (the engine's answers depend on the batches). ``source`` replaces
    reading and cleaning ``paths`` here (``stdin`` is then unused); features it gives
    are used as they are, the others computed here. ``briefs=False`` leaves the touched
    stories' briefs stale (listed in the store, built by the next run that builds briefs).
    ``db`` may be a store the caller opened for writing (``storyline.live`` keeps its
    fetch log in the same store); it is left open.
    """
    if batch_size < 1:
        raise StorylineError(f"batch size must be at least 1, not {batch_size}", code="usage")
    settings = settings or Settings()
    started = time.perf_counter()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)
    summary = RunSummary()
    counts = IngestProgress()
    result = IngestResult(run_id, summary, counts)
    with _writer(db) as store:
        engine = _load_engine(store, settings)
        dirty = _load_dirty(store)
        with store.write():
            store.start_run(run_id)
        known_discards = {_discard_key(d) for d in store.discards()}
        recorded = 0
        batch: list[Article] = []
        given: dict[str, ArticleFeatures] = {}  # precomputed features of the batch

        def commit() -> None:
            nonlocal recorded
            rejections = summary.rejections[recorded:]
            recorded = len(summary.rejections)
            copied, notices = _ingest_batch(
                store, engine, batch, given, rejections, known_discards, dirty, run_id
            )
            counts.duplicates += copied
            summary.notices += notices
            counts.new += len(batch)
            batch.clear()
            given.clear()
            if progress:
                progress(counts)

        items: Iterable[tuple[Article, ArticleFeatures | None]]
        if source is None:
            items = ((a, None) for a in clean_inputs(paths, settings, summary, stdin=stdin))
        else:
            items = source(summary)
        for article, features in items:
            counts.read += 1
            if store.has_article(article.id):
                counts.already += 1
                continue
            batch.append(article)
            if features is not None:
                given[article.id] = features
            if len(batch) >= batch_size:
                commit()
        if batch or len(summary.rejections) > recorded:
            commit()
        result.stories_touched = sorted(dirty)
        result.stories_new = sorted(s for s, new in dirty.items() if new)
        counts.phase, counts.briefs_total = "briefs", len(dirty) if briefs else 0
        for story in sorted(dirty) if briefs else ():
            note = unanalysed_note(_rebuild_brief(store, story, words, dirty))
            if note is not None:
                summary.notes.append(note)
            counts.briefs_done += 1
            if progress:
                progress(counts)
        result.seconds = time.perf_counter() - started
        with store.write():
            store.finish_run(run_id, result.to_dict())
    return result


def _writer(db: str | Store) -> AbstractContextManager[Store]:
    """The store to write: opened here (closed after the run), or the caller's own."""
    if isinstance(db, Store):
        if not db.writer:
            raise StorylineError(f"{db.path}: ingest needs a store opened for writing")
        return nullcontext(db)
    return open_store(db, writer=True)


def _ingest_batch(
    store: Store,
    engine: Engine,
    batch: list[Article],
    given: Mapping[str, ArticleFeatures],
    rejections: Sequence[Rejection],
    known_discards: set[tuple[Any, ...]],
    dirty: dict[str, bool],
    run_id: str,
) -> tuple[int, int]:
    """Run one batch through the engine and write it, with the checkpoint and the stories
    whose brief is now stale (``dirty``: story -> founded in this run), atomically.
    Returns the numbers of duplicates and of notices in the batch (a copy that arrives
    as a notice, ``DuplicateIndex.is_notice``, is stored in no story and as nobody's
    copy).

    ``given``: features already computed, by article id (features are per article:
    the same whatever batch computed them)."""
    copies: dict[str, tuple[str, str, float]] = {}
    fresh: list[Article] = []
    notices: set[str] = set()
    for article in batch:
        link = engine.duplicates.add(article)
        if link is None:
            fresh.append(article)
        elif engine.duplicates.is_notice(article.id):
            notices.add(article.id)
        else:
            copies[article.id] = (link.duplicate_of, link.kind, link.similarity)
    missing = [article for article in fresh if article.id not in given]
    computed = dict(zip((a.id for a in missing), featurize_articles(missing), strict=True))
    features = [given[a.id] if a.id in given else computed[a.id] for a in fresh]
    placement = engine.stories.place(features)
    assigned = {a.id: story for a, (story, _topic) in zip(fresh, placement.placed, strict=True)}
    wired = []
    for article in fresh:
        wired.extend(engine.wire.add(SyndicationText.of(article)))
    copy_story = {
        ident: assigned.get(canonical)
        or placement.moved.get(canonical)
        or store.story_of(canonical)
        for ident, (canonical, _kind, _similarity) in copies.items()
    }
    changed = placement.touched | {s for s in copy_story.values() if s is not None}
    before = _existing_stories(store, changed)
    state = pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL)
    arrivals: dict[str, list[Article]] = {story: [] for story in changed}
    with store.write():
        for article in batch:
            store.add_article(article, run_id)
        for moved, target in sorted(placement.moved.items()):
            for member in (moved, *store.duplicates_of(moved)):
                store.assign_story(member, target)
        for article in batch:
            story: str | None
            if article.id in notices:
                continue
            if article.id in copies:
                canonical, kind, similarity = copies[article.id]
                store.set_duplicate(article.id, canonical, kind, similarity)  # type: ignore[arg-type]
                story = copy_story[article.id]
            else:
                story = assigned[article.id]
            if story is not None:
                store.assign_story(article.id, story)
                arrivals.setdefault(story, []).append(article)
        for pair in wired:
            store.add_syndication(pair.a, pair.b, pair.shared_chars)
        for old, story in sorted(placement.merged.items()):
            store.delete_story(old)
            store.add_alias(old, story)
            dirty.pop(old, None)
        for story, arrived in sorted(arrivals.items()):
            _save_story_row(store, story, arrived, placement.topics.get(story))
        for story, parent in sorted(placement.split.items()):
            store.set_split_from(story, parent)
        for rejection in rejections:
            key = _discard_key(rejection)
            if key not in known_discards:
                known_discards.add(key)
                store.add_discard(run_id, rejection)
        buckets, counts = engine.stories.frequencies.changes()
        store.put_term_counts(buckets.tolist(), counts.tolist())
        store.put_state(STATE_KEY, state)
        for story in arrivals:
            dirty.setdefault(story, story not in before)
        _put_dirty(store, dirty)
    return len(copies), len(notices)


def _existing_stories(store: Store, ids: Iterable[str]) -> set[str]:
    return {story for story in ids if store.story_members(story)}


def _save_story_row(
    store: Store, story: str, arrived: Sequence[Article], topic: str | None
) -> None:
    """The story's row as of this batch, from its previous row and the new arrivals
    (cheap: no member is read back). The brief phase at the end of the run rewrites it
    with exact outlet and origin counts."""
    previous = store.story(story) or {}
    dates = sorted(
        {
            d
            for d in (
                previous.get("first_published"),
                previous.get("last_published"),
                *(a.published for a in arrived),
            )
            if d
        },
        key=published_timestamp,
    )
    store.save_story(
        story,
        headline=previous.get("headline") or next((a.title for a in arrived if a.title), None),
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        article_count=len(store.story_members(story)),
        outlet_count=max(int(previous.get("outlet_count") or 0), _outlet_count(arrived)),
        independent_origins=int(previous.get("independent_origins") or 0),
        topic=topic,
    )


def _outlet_count(articles: Iterable[Article]) -> int:
    """Distinct known outlets (an article of unknown outlet is never one)."""
    from .analyze.facts import outlet_of

    return len({outlet_of(a) for a in articles} - {None})


def build_brief(store: Store, story: str, words: int) -> dict[str, Any]:
    """A story's brief (``storyline/brief/v1``) from the articles the store holds now;
    reads only (``storyline serve`` builds a stale brief this way on first view)."""
    data: dict[str, Any] = _brief_of(store, story, words)[0].to_dict()
    return data


def _brief_of(store: Store, story: str, words: int) -> tuple[Brief, list[Article], list[Article]]:
    """The brief, the story's articles and those that are not copies."""
    from .dedupe import SyndicationLink

    ids = store.story_members(story)
    members = store.load_articles(ids)
    copies: dict[str, str] = {}
    syndication: list[SyndicationLink] = []
    for ident in ids:
        row = store.article(ident) or {}
        if row.get("duplicate_of"):
            copies[ident] = row["duplicate_of"]
        for other, shared in _syndicated(row):
            if ident < other and other in ids:
                # the store keeps the shared size; independence needs only the pair
                syndication.append(SyndicationLink(ident, other, shared, 0, 0.0, 0.0))
    originals = [a for a in members if a.id not in copies]
    ordered = sorted(members, key=lambda a: (published_timestamp(a.published), a.id))
    brief = story_brief(story, ordered, copies, syndication, words)
    return brief, members, originals


def _rebuild_brief(store: Store, story: str, words: int, dirty: dict[str, bool]) -> Brief:
    """Analyse one story from the store and save its brief and row, and take it off the
    stale list, in one transaction."""
    brief, members, originals = _brief_of(store, story, words)
    data = brief.to_dict()
    dates = sorted(
        (a.published for a in members if a.published), key=lambda d: published_timestamp(d)
    )
    with store.write():
        store.save_story(
            story,
            headline=data["headline"],
            first_published=dates[0] if dates else None,
            last_published=dates[-1] if dates else None,
            article_count=len(members),
            outlet_count=_outlet_count(originals),
            independent_origins=max((f["independent_origins"] for f in data["facts"]), default=0),
        )
        store.save_brief(story, data)
        del dirty[story]
        _put_dirty(store, dirty)
    return brief


def _syndicated(row: dict[str, Any]) -> list[tuple[str, int]]:
    out = []
    for item in row.get("syndicated_with") or []:
        if isinstance(item, dict):
            out.append((str(item.get("article")), int(item.get("shared_chars") or 0)))
    return out


def _load_engine(store: Store, settings: Settings) -> Engine:
    blob = store.get_state(STATE_KEY)
    if blob is None:
        return Engine.new(settings)
    try:
        engine = pickle.loads(blob)  # our own checkpoint, from our own store
    except Exception as error:  # a checkpoint from another storyline version
        raise StorylineError(
            f"{store.path}: cannot read the ingest checkpoint ({error}); "
            "re-ingest into a new store",
            code="store",
        ) from error
    if not isinstance(engine, Engine) or engine.version != STATE_VERSION:
        raise StorylineError(
            f"{store.path}: the ingest checkpoint is from another storyline version; "
            "re-ingest into a new store",
            code="store",
        )
    if engine.settings != _engine_settings(settings):
        raise StorylineError(
            f"{store.path}: this store was built with other story settings "
            "(story threshold, topic threshold, window days, max active = "
            f"{engine.settings}); "
            "use the same settings or a new store",
            code="usage",
        )
    buckets, counts = store.term_counts()
    engine.stories.frequencies.attach(np.asarray(buckets), np.asarray(counts))
    # the open stories' features are left out of the checkpoint: made again from the store
    opened = store.load_articles(engine.stories.open_articles())
    engine.stories.restore(featurize_articles(opened))
    remembered = store.load_articles(engine.wire.remembered())
    engine.wire.restore(SyndicationText.of(article) for article in remembered)
    return engine


def _put_dirty(store: Store, dirty: dict[str, bool]) -> None:
    store.put_state(DIRTY_KEY, json.dumps(dirty, sort_keys=True).encode())


def _load_dirty(store: Store) -> dict[str, bool]:
    blob = store.get_state(DIRTY_KEY)
    return dict(json.loads(blob)) if blob else {}


def _discard_key(item: Rejection | dict[str, Any]) -> tuple[Any, ...]:
    """What makes a skipped input the same one again: the message too, since two entries
    of one feed share a path and have no line or offset."""
    if isinstance(item, Rejection):
        return (item.source_path, item.line, item.offset, item.stage, item.reason, item.message)
    keys = ("source_path", "line", "offset", "stage", "reason", "message")
    return tuple(item[key] for key in keys)
