"""A round of fetching: the targets given, then every feed's and sitemap's links, each URL
once, concurrently across hosts and politely within each.

Each host (origin) has its own queue and at most ``host_concurrency`` workers; the
gates space their requests. A discovered page the fetch log already holds is not asked
for again (unless its last try failed for a reason worth retrying); feeds, sitemaps and
the URLs given are asked for with the validators the log kept (conditional GET).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import InputError
from ..read.decode import Decoded
from ..read.text import decode_document
from ..settings import Settings
from ..types import RawDocument
from .discover import Found, NotUsable, discover, feeds_of_home_page
from .gates import Gates
from .http import Failure, Fetcher, Reply, Validators, Want
from .outcome import TRANSIENT, Kind, Known, Lookup, Outcome, OutcomeKind, Target
from .urls import origin, url_id

MAX_ATTEMPTS = 3
"""A page whose last tries all failed for a transient reason is tried this many times."""

MAX_SITEMAP_DEPTH = 3

_WANT: dict[Kind, Want] = {
    "auto": "auto",
    "feed": "feed",
    "sitemap": "sitemap",
    "page": "page",
    "site": "page",
}
_LOGGED: dict[Kind, OutcomeKind] = {
    "auto": "page",
    "feed": "feed",
    "sitemap": "sitemap",
    "page": "page",
    "site": "site",
}


@dataclass
class RoundStats:
    """What a round passed over without a request."""

    known: int = 0  # pages the fetch log already has
    repeated: int = 0  # links met again in the same round (another feed, a redirect)


class Round:
    """One round's frontier and workers; outcomes go to ``emit`` (awaited: backpressure)."""

    def __init__(
        self,
        settings: Settings,
        fetcher: Fetcher,
        gates: Gates,
        lookup: Lookup,
        emit: Callable[[Outcome], Awaitable[None]],
    ) -> None:
        self.settings = settings
        self.fetcher = fetcher
        self.gates = gates
        self.lookup = lookup
        self.emit = emit
        self.stats = RoundStats()
        self._seen: set[str] = set()
        self._pages: set[str] = set()  # final URLs of the pages emitted
        self._queues: dict[str, deque[tuple[Target, Validators | None]]] = {}
        self._running: dict[str, int] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def run(self, targets: Iterable[Target]) -> RoundStats:
        for target in targets:
            self.add(target, given=target.via is None)
        try:
            await self._idle.wait()
        finally:
            for task in self._workers:
                task.cancel()
        return self.stats

    def add(self, target: Target, *, given: bool = False) -> bool:
        """Queue ``target`` unless it was met already; True if queued."""
        if target.url in self._seen:
            self.stats.repeated += 1
            return False
        self._seen.add(target.url)
        known = self.lookup(target.url)
        if target.kind == "page" and not given and known is not None and not _again(known):
            self.stats.known += 1
            return False
        conditional = known is not None and (given or target.kind != "page")
        validators = Validators(known.etag, known.last_modified) if conditional and known else None
        host = origin(target.url)
        if target.source is not None and target.source.delay is not None:
            self.gates.set_delay(host, target.source.delay)
        self._queues.setdefault(host, deque()).append((target, validators))
        self._pending += 1
        self._idle.clear()
        if self._running.get(host, 0) < self.settings.host_concurrency:
            self._running[host] = self._running.get(host, 0) + 1
            task = asyncio.ensure_future(self._work(host))
            self._workers.add(task)
            task.add_done_callback(self._workers.discard)
        return True

    async def _work(self, host: str) -> None:
        queue = self._queues[host]
        try:
            while queue:
                target, validators = queue.popleft()
                try:
                    await self.emit(await self._fetch(target, validators))
                finally:
                    self._pending -= 1
                    if self._pending == 0:
                        self._idle.set()
        finally:
            self._running[host] -= 1

    async def _fetch(self, target: Target, validators: Validators | None) -> Outcome:
        answer = await self.fetcher.get(target.url, _WANT[target.kind], validators)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        kind = _LOGGED[target.kind]
        if isinstance(answer, Failure):
            return Outcome(
                target,
                kind,
                now,
                final_url=answer.final_url,
                status=answer.status,
                bytes=answer.raw_bytes,
                elapsed=answer.elapsed,
                error=answer.reason,
                message=answer.message,
                retries=answer.retries,
            )
        done = _Done(target, kind, now, answer)
        if answer.status == 304:  # the validators stay those of the last 200
            kept = validators or Validators()
            return done.outcome(
                note="not modified",
                etag=answer.etag or kept.etag,
                last_modified=answer.last_modified or kept.last_modified,
            )
        if not answer.body.strip():
            return done.failed("empty", f"HTTP {answer.status} with no content")
        if target.kind == "site":
            return self._site(done)
        if target.kind != "page":
            try:
                found = discover(
                    answer.body,
                    answer.final_url,
                    answer.media_type,
                    self.settings.max_document_bytes,
                )
            except NotUsable as err:
                return done.failed("not-a-feed", str(err))
            if found.kind != "page":
                return self._links(done, found)
            if target.kind != "auto":
                return done.failed("not-a-feed", f"an HTML page, not a {target.kind}")
        return self._page(done)

    def _links(self, done: _Done, found: Found) -> Outcome:
        target = done.target
        new = 0
        for url, hint in found.pages.items():
            page = Target(url, "page", source=target.source, via=target.url, hint=hint)
            new += self.add(page)
        if target.depth < MAX_SITEMAP_DEPTH:
            for url in found.sitemaps:
                child = Target(url, "sitemap", target.source, target.url, None, target.depth + 1)
                new += self.add(child)
        return done.outcome(kind=found.kind, links=new)

    def _site(self, done: _Done) -> Outcome:
        html = _text(done.answer)
        if isinstance(html, InputError):
            return done.failed("undecodable" if html.code != "empty" else "empty", html.message)
        feeds = feeds_of_home_page(html, done.answer.final_url)
        if not feeds:
            return done.failed(
                "not-a-feed", 'the home page announces no feed (<link rel="alternate">)'
            )
        new = 0
        for url in feeds:
            new += self.add(Target(url, "feed", source=done.target.source, via=done.target.url))
        return done.outcome(links=new)

    def _page(self, done: _Done) -> Outcome:
        answer = done.answer
        if answer.final_url in self._pages:
            self.stats.repeated += 1
            return done.outcome(note=f"same page as {answer.final_url}, fetched already")
        self._pages.add(answer.final_url)
        decoded = _decoded(answer)
        if isinstance(decoded, InputError):
            reason = "undecodable" if decoded.code != "empty" else "empty"
            return done.failed(reason, decoded.message)
        target = done.target
        outlet = target.source.name if target.source is not None else None
        if outlet is None and target.hint is not None:
            outlet = target.hint.outlet
        url = answer.final_url
        document = RawDocument(
            provenance=decoded.provenance(url, url=url, fetched=done.now, status=answer.status),
            content=decoded.text,
            kind="html",
            encoding=decoded.encoding,
            id=url_id(answer.final_url),
            outlet=outlet,
        )
        return done.outcome(document=document)


@dataclass(frozen=True)
class _Done:
    """A fetch that got an answer, and the outcome it makes."""

    target: Target
    kind: OutcomeKind
    now: str
    answer: Reply

    def outcome(self, **changes: object) -> Outcome:
        answer = self.answer
        fields: dict[str, object] = {
            "final_url": answer.final_url,
            "status": answer.status,
            "bytes": answer.raw_bytes,
            "elapsed": answer.elapsed,
            "etag": answer.etag,
            "last_modified": answer.last_modified,
            "retries": answer.retries,
        }
        fields.update(changes)
        kind = fields.pop("kind", self.kind)
        return Outcome(self.target, kind, self.now, **fields)  # type: ignore[arg-type]

    def failed(self, reason: str, message: str) -> Outcome:
        return self.outcome(error=reason, message=message, etag=None, last_modified=None)


def _decoded(answer: Reply) -> Decoded | InputError:
    try:
        return decode_document(answer.body, kind="html", declared=answer.charset)
    except InputError as err:
        return err


def _text(answer: Reply) -> str | InputError:
    decoded = _decoded(answer)
    return decoded if isinstance(decoded, InputError) else decoded.text


def _again(known: Known) -> bool:
    """Whether a page the log has is worth another try: its last try failed for a
    transient reason, fewer than MAX_ATTEMPTS times in a row."""
    return known.error in TRANSIENT and known.failures < MAX_ATTEMPTS
