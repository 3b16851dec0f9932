"""``storyline fetch`` and ``storyline watch``: fetched pages into the store.

The thin layer between the fetch stage (``storyline.fetch``, which never touches the
store) and the store's ingest (``storyline.ingest.ingest``, which stories and
briefs the articles): each page is cleaned as it arrives and handed to ingest as a
source, so nothing goes through temporary files and memory stays flat.

The fetch log (the store's ``fetch_log`` table) gets one row per fetch. A page's row is
written only once the batch holding its article is committed, and a feed's or sitemap's
row (with the validators for the next conditional GET) only at the end of the run: a run
killed at any point fetches again what it had not stored, and loses nothing.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import StorylineError, UsageError
from .fetch import (
    MAX_ATTEMPTS,
    TRANSIENT,
    FetchSession,
    Known,
    Outcome,
    Source,
    Target,
    normalize_url,
    read_sources,
)
from .fetch.discover import NotUsable, discover
from .ingest import INGEST_BATCH, IngestProgress, IngestResult, ingest
from .pipeline import RunSummary, clean_each, decoding_note, unique_article
from .settings import Settings
from .store import Store, open_store
from .types import Article, RawDocument, Rejection

OnOutcome = Callable[[Outcome], None]


@dataclass
class FetchSummary:
    """What a run fetched, passed over and failed to fetch."""

    fetched: Counter[str] = field(default_factory=Counter)  # by kind: page, feed, sitemap...
    not_modified: int = 0
    failed: Counter[str] = field(default_factory=Counter)  # by reason
    bytes: int = 0
    links: int = 0  # new links found in feeds and sitemaps
    known: int = 0  # pages the fetch log already had: not asked for again
    repeated: int = 0  # links met twice in the run (two feeds, a redirect)

    def count(self, outcome: Outcome) -> None:
        self.bytes += outcome.bytes
        if outcome.error is not None:
            self.failed[outcome.error] += 1
        elif outcome.status == 304:
            self.not_modified += 1
        else:
            self.fetched[outcome.kind] += 1
            self.links += outcome.links

    def to_dict(self) -> dict[str, Any]:
        return {
            "fetched": dict(sorted(self.fetched.items())),
            "not_modified": self.not_modified,
            "failed": sum(self.failed.values()),
            "failed_by_reason": dict(sorted(self.failed.items())),
            "bytes": self.bytes,
            "links": self.links,
            "already_fetched": self.known,
            "repeated_links": self.repeated,
        }

    def line(self) -> str:
        kinds = ", ".join(
            f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(self.fetched.items())
        )
        size = f"{self.bytes / 1e6:.1f} MB" if self.bytes >= 1e5 else f"{self.bytes / 1e3:.0f} kB"
        text = f"fetched {kinds or 'nothing'} ({size})"
        if self.not_modified:
            text += f"; not modified {self.not_modified}"
        if self.known:
            text += f"; passed over {self.known} fetched before"
        if self.failed:
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.failed.items()))
            text += f"; failed {sum(self.failed.values())} ({reasons})"
        return text


@dataclass
class FetchResult:
    fetch: FetchSummary
    ingest: IngestResult

    def to_dict(self) -> dict[str, Any]:
        return {"fetch": self.fetch.to_dict(), "ingest": self.ingest.to_dict()}


def targets_of(inputs: Sequence[str], limit: int) -> list[Target]:
    """The targets of ``fetch``'s arguments: URLs (what they are is found on fetching), a
    sources file (``.toml``), or a local feed, sitemap or list of URLs (one per line)."""
    targets: list[Target] = []
    for item in inputs:
        url = normalize_url(item) if "://" in item else None
        if url is not None:
            targets.append(Target(url, "auto"))
        elif "://" in item:
            raise UsageError(f"{item}: not an http or https URL")
        elif item.endswith(".toml"):
            targets.extend(t for source in read_sources(item) for t in source.targets)
        else:
            targets.extend(_listed(item, limit))
    return targets


def _listed(path: str, limit: int) -> list[Target]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise UsageError(f"{path}: cannot read it ({err.strerror or err})") from err
    if len(data) > limit:
        raise UsageError(f"{path}: over the {limit:,}-byte limit")
    try:
        found = discover(data, Path(path).resolve().as_uri(), "", limit)
    except NotUsable as err:
        raise UsageError(f"{path}: {err}; give a feed, a sitemap or URLs one per line") from err
    if found.kind == "page":
        raise UsageError(f"{path}: an HTML page; read local pages with `storyline ingest`")
    found_sitemaps = [Target(u, "sitemap", via=path) for u in found.sitemaps]
    return [*(Target(u, "page", via=path, hint=h) for u, h in found.pages.items()), *found_sitemaps]


def fetch(
    inputs: Sequence[str],
    db: str,
    *,
    settings: Settings | None = None,
    words: int = 120,
    briefs: bool = True,
    batch_size: int = INGEST_BATCH,
    progress: Callable[[IngestProgress], None] | None = None,
    on_outcome: OnOutcome | None = None,
) -> FetchResult:
    """One pass: fetch ``inputs`` (and what their feeds and sitemaps list) into ``db``."""
    settings = settings or Settings()
    targets = targets_of(inputs, settings.max_document_bytes)
    if not targets:
        raise UsageError("nothing to fetch: give URLs, a sources file or a list of URLs")
    with FetchSession(settings) as session:
        return fetch_round(
            session, targets, db, settings, words, briefs, batch_size, progress, on_outcome
        )


def fetch_round(
    session: FetchSession,
    targets: Sequence[Target],
    db: str,
    settings: Settings,
    words: int = 120,
    briefs: bool = True,
    batch_size: int = INGEST_BATCH,
    progress: Callable[[IngestProgress], None] | None = None,
    on_outcome: OnOutcome | None = None,
) -> FetchResult:
    """Fetch ``targets`` with ``session`` and ingest the pages into ``db``."""
    summary = FetchSummary()
    with open_store(db, writer=True) as store, open_store(db) as reader:
        log = _Log(store)

        def lookup(url: str) -> Known | None:
            row = reader.last_fetch(url, sorted(TRANSIENT))
            if row is None:
                return None
            return Known(
                row["status"],
                row["error"],
                row["etag"],
                row["last_modified"],
                row["fetched_at"],
                row["failures"],
            )

        # an index that answers 304 lists nothing: its sitemaps are asked for anyway
        parents = {t.url: t for t in targets if t.kind in ("sitemap", "auto")}
        children = [
            Target(url, "sitemap", source=parents[parent].source, via=parent, depth=1)
            for url, parent in reader.child_sitemaps(list(parents))
        ]

        def source(run: RunSummary) -> Iterator[tuple[Article, None]]:
            outcomes = session.run([*targets, *children], lookup)
            yield from _articles(outcomes, settings, run, summary, log, on_outcome)

        def committed(counts: IngestProgress) -> None:
            if counts.phase == "articles":
                log.flush()
            if progress is not None:
                progress(counts)

        result = ingest(
            [],
            store,
            settings=settings,
            words=words,
            progress=committed,
            batch_size=batch_size,
            source=source,
            briefs=briefs,
        )
        log.flush(everything=True)
    summary.known, summary.repeated = session.stats.known, session.stats.repeated
    return FetchResult(summary, result)


def _articles(
    outcomes: Iterator[Outcome],
    settings: Settings,
    run: RunSummary,
    summary: FetchSummary,
    log: _Log,
    on_outcome: OnOutcome | None,
) -> Iterator[tuple[Article, None]]:
    """Clean each fetched page (in order, in worker processes with ``jobs`` > 1) and
    yield its article; every outcome's log row goes to ``log``."""
    waiting: deque[tuple[Outcome, dict[str, Any]]] = deque()

    def documents() -> Iterator[RawDocument]:
        for outcome in outcomes:
            summary.count(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
            entry = _entry(outcome)
            if outcome.document is None:
                log.hold(entry, at_end=outcome.kind != "page" and outcome.error is None)
            else:
                waiting.append((outcome, entry))
                yield outcome.document

    seen: set[str] = set()
    for cleaned in clean_each(documents(), settings):
        outcome, entry = waiting.popleft()
        if isinstance(cleaned, Rejection):
            run.rejections.append(cleaned)
            entry["message"] = f"not stored: {cleaned.message} [{cleaned.reason}]"
            log.hold(entry)
            continue
        run.articles += 1
        note = decoding_note(cleaned.provenance)
        if note is not None:
            run.notes.append(note)
        article = _with_hints(unique_article(cleaned, seen), outcome.target)
        entry["article_id"] = article.id
        log.hold(entry)
        yield article, None


def _with_hints(article: Article, target: Target) -> Article:
    """The source's language (stated by the user: it wins) and the feed's date and
    language (when the page has none)."""
    changes: dict[str, Any] = {}
    hint = target.hint
    if target.source is not None and target.source.language:
        changes["language"] = target.source.language
    elif article.language is None and hint is not None and hint.language:
        changes["language"] = hint.language
    if article.published is None and hint is not None and hint.published:
        changes["published"] = hint.published
    return replace(article, **changes) if changes else article


def _entry(outcome: Outcome) -> dict[str, Any]:
    target = outcome.target
    return {
        "url": target.url,
        "final_url": outcome.final_url,
        "kind": outcome.kind,
        "source": target.source.name if target.source is not None else None,
        "via": target.via,
        "status": outcome.status,
        "bytes": outcome.bytes,
        "elapsed": round(outcome.elapsed, 4),
        "error": outcome.error,
        "message": outcome.message or outcome.note,
        "etag": outcome.etag,
        "last_modified": outcome.last_modified,
        "article_id": None,
        "fetched_at": outcome.fetched_at,
    }


class _Log:
    """Fetch log rows held until what they record is safely stored."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._ready: list[dict[str, Any]] = []
        self._at_end: list[dict[str, Any]] = []

    def hold(self, entry: dict[str, Any], *, at_end: bool = False) -> None:
        (self._at_end if at_end else self._ready).append(entry)

    def flush(self, *, everything: bool = False) -> None:
        """Write the rows held (called after each committed batch: the articles yielded
        so far are stored); ``everything``: the feeds' and sitemaps' rows too."""
        rows = self._ready + (self._at_end if everything else [])
        if not rows:
            return
        with self._store.write():
            self._store.add_fetches(rows)
        self._ready = []
        if everything:
            self._at_end = []


# -- watch ----------------------------------------------------------------------------


def watch(
    db: str,
    sources_path: str,
    *,
    every: float,
    settings: Settings | None = None,
    rounds: int | None = None,
    words: int = 120,
    briefs: bool = True,
    on_outcome: OnOutcome | None = None,
    on_round: Callable[[FetchResult | StorylineError], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Fetch the sources' feeds and sitemaps every ``every`` seconds, for ever or
    ``rounds`` times; returns the rounds run. Each feed is due ``every`` after its last
    fetch in the log, so a restarted watch picks up where it stopped; pages whose fetch
    failed for a transient reason are tried again (up to MAX_ATTEMPTS times). A round
    that cannot run (the store is locked, the sources file broken) is reported to
    ``on_round`` and the next one runs as planned."""
    settings = settings or Settings()
    sources = read_sources(sources_path)
    done = 0
    with FetchSession(settings) as session:
        while rounds is None or done < rounds:
            try:
                if done:
                    sources = read_sources(sources_path)  # edits apply from the next round
                targets = _due(db, sources, every)
                result = fetch_round(
                    session, targets, db, settings, words, briefs, on_outcome=on_outcome
                )
            except StorylineError as err:  # a round that cannot run does not end the watch
                if on_round is not None:
                    on_round(err)
            else:
                if on_round is not None:
                    on_round(result)
            done += 1
            if rounds is None or done < rounds:
                sleep(_next_wait(db, sources, every))
    return done


def _feeds(sources: Sequence[Source]) -> list[Target]:
    return [t for source in sources for t in source.targets]


def _due(db: str, sources: Sequence[Source], every: float) -> list[Target]:
    """The sources' targets not fetched for ``every`` seconds, and the pages to retry."""
    targets = _feeds(sources)
    if not Path(db).is_file():
        return targets
    with open_store(db, writer=True) as store:  # applies missing migrations
        last = store.last_fetched([t.url for t in targets])
        retry = store.pages_to_retry(sorted(TRANSIENT), MAX_ATTEMPTS)
    now = time.time()
    due = [t for t in targets if t.url not in last or _age(last[t.url], now) >= every - 0.5]
    by_name = {s.info.name: s.info for s in sources if s.info.name}
    for row in retry:
        info = by_name.get(row["source"])
        due.append(Target(row["url"], "page", source=info, via=row["via"] or "fetch log"))
    return due


def _next_wait(db: str, sources: Sequence[Source], every: float) -> float:
    """Seconds until the next target is due (at least one)."""
    if not Path(db).is_file():
        return every
    with open_store(db) as store:
        last = store.last_fetched([t.url for t in _feeds(sources)])
    now = time.time()
    waits = [every - _age(when, now) for when in last.values()]
    return max(1.0, min(waits, default=every))


def _age(fetched_at: str, now: float) -> float:
    return now - datetime.fromisoformat(fetched_at).timestamp()
