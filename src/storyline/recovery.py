"""``storyline store check|rebuild``: is a store sound, and a new store from a damaged one.

A rebuild reads back every article the damaged file still holds whole (in the order they
were ingested), ingests them into a new file next to it with the story settings its
engine checkpoint recorded, and swaps the files: the damaged one is kept beside it as
``<db>.damaged-<UTC time>``. Duplicates, stories, wire copies, briefs and the search
index are derived from the articles, so they come back; an article whose row was on a
damaged page is lost (the summary counts them: ingest the original inputs again to bring
them back). The writer lock is held throughout, so no ingest runs meanwhile.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from .clean.sentences import split_sentences
from .cluster.features import ArticleFeatures
from .ingest import INGEST_BATCH, Engine, IngestProgress, IngestResult, ingest
from .pipeline import RunSummary
from .settings import Settings
from .store import Salvage, StoreError, WriterLock, integrity_problems, real_path, salvage
from .types import Article


@dataclass
class RebuildResult:
    salvage: Salvage
    ingest: IngestResult
    kept: Path  # where the damaged file now is
    settings_from: str  # "checkpoint" or "flags"


def check_store(db: str) -> list[str]:
    """The problems SQLite's integrity check finds in the store (empty: it is sound)."""
    return integrity_problems(db)


def rebuild_store(
    db: str,
    *,
    settings: Settings | None = None,
    words: int = 120,
    batch_size: int = INGEST_BATCH,
    progress: Callable[[IngestProgress], None] | None = None,
) -> RebuildResult:
    """Replace the store at ``db`` with one ingested from the articles it still holds."""
    path = real_path(db)
    settings = settings or Settings()
    lock = WriterLock(path)
    try:
        found = salvage(path, split_sentences)
        if not found.articles:
            raise StoreError(
                f"no article of {db} can be read back; ingest the original inputs into a new store"
            )
        settings, settings_from = _recorded_settings(found.engine, settings)
        fresh = path.with_name(path.name + ".rebuilding")
        _remove(fresh)
        try:
            result = ingest(
                [],
                str(fresh),
                settings=settings,
                words=words,
                progress=progress,
                batch_size=batch_size,
                source=_source(found),
            )
        except BaseException:
            _remove(fresh)
            raise
        kept = _swap(path, fresh)
    finally:
        lock.release()
    return RebuildResult(found, result, kept, settings_from)


Arrivals = Iterable[tuple[Article, ArticleFeatures | None]]


def _source(found: Salvage) -> Callable[[RunSummary], Arrivals]:
    def articles(summary: RunSummary) -> Arrivals:
        summary.rejections.extend(found.discards)
        for article in found.articles:
            summary.articles += 1
            yield article, None

    return articles


def _recorded_settings(engine: bytes | None, given: Settings) -> tuple[Settings, str]:
    """The story settings the damaged store was built with (its engine checkpoint), so the
    rebuilt one groups alike; the given ones when the checkpoint is lost."""
    if engine is None:
        return given, "flags"
    try:
        loaded = pickle.loads(engine)  # our own checkpoint, from our own store
        threshold, topic, window, active = loaded.settings
    except Exception:  # damaged, or from another version: the flags decide
        return given, "flags"
    if not isinstance(loaded, Engine):
        return given, "flags"
    recorded = replace(
        given,
        story_threshold=threshold,
        story_window_days=window,
        max_active_stories=active,
        topic_threshold=topic,
    )
    return recorded, "checkpoint"


def _swap(path: Path, fresh: Path) -> Path:
    """Move the damaged file (with its WAL and shared-memory files) aside and the rebuilt
    one into its place; returns where the damaged one went."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        old = path.with_name(path.name + suffix)
        if old.exists():
            os.replace(old, kept.with_name(kept.name + suffix))
    os.replace(fresh, path)
    _remove(fresh)
    return kept


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
