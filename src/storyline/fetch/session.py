"""A fetching session for synchronous callers: an event loop in a background thread
holds the HTTP client, the hosts' gates and the robots.txt cache from round to round;
``run`` yields a round's outcomes as they come, a bounded number ahead (memory stays
flat however many pages a round has)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from ..settings import Settings
from .crawl import Round, RoundStats
from .gates import Gates
from .http import Fetcher
from .outcome import Lookup, Outcome, Target
from .robots import Robots

AHEAD = 32
"""Outcomes fetched ahead of the consumer at most (each may hold a page)."""

_JOIN_SECONDS = 10.0


class _End:
    pass


class FetchSession:
    """Fetch rounds of targets (``run``); ``close()`` (or ``with``) ends the session."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = RoundStats()  # the last round's
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="storyline-fetch", daemon=True
        )
        self._thread.start()
        self._fetcher: Fetcher | None = None
        self._gates: Gates | None = None
        self.robots: Robots | None = None
        self._call(self._open())

    def _call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    async def _open(self) -> None:
        s = self.settings
        self._gates = Gates(
            delay=s.fetch_delay, per_host=s.host_concurrency, total=s.fetch_concurrency
        )
        self._fetcher = await Fetcher(s, self._gates).__aenter__()
        self.robots = Robots(self._fetcher, self._gates, s.user_agent)
        self._fetcher.robots = self.robots

    def run(self, targets: Iterable[Target], lookup: Lookup) -> Iterator[Outcome]:
        """Fetch ``targets`` and what their feeds and sitemaps list; yield each outcome.

        ``lookup`` says what the fetch log knows of a URL (called from the session's
        thread). A target with ``via`` set was found, not given: a page the log holds is
        passed over."""
        assert self._fetcher is not None and self._gates is not None, "the session is closed"
        out: asyncio.Queue[Outcome] = self._call(_queue())
        round_ = Round(self.settings, self._fetcher, self._gates, lookup, out.put)
        self.stats = round_.stats
        task = asyncio.run_coroutine_threadsafe(_start(round_, list(targets)), self._loop)
        running: asyncio.Task[RoundStats] = task.result()
        try:
            while not isinstance(item := self._call(_next(out, running)), _End):
                yield item
        finally:
            if not running.done():
                self._loop.call_soon_threadsafe(running.cancel)

    def close(self) -> None:
        if not self._thread.is_alive():
            return
        if self._fetcher is not None:
            self._call(self._fetcher.__aexit__(None, None, None))
            self._fetcher = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(_JOIN_SECONDS)
        self._loop.close()

    def __enter__(self) -> FetchSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def _queue() -> asyncio.Queue[Outcome]:
    return asyncio.Queue(maxsize=AHEAD)


async def _start(round_: Round, targets: list[Target]) -> asyncio.Task[RoundStats]:
    return asyncio.ensure_future(round_.run(targets))


async def _next(out: asyncio.Queue[Outcome], running: asyncio.Task[RoundStats]) -> Outcome | _End:
    """The next outcome, or _End once the round is over and its outcomes are all taken
    (the round's exception, if it failed)."""
    if not out.empty():
        return out.get_nowait()
    getter = asyncio.ensure_future(out.get())
    await asyncio.wait({getter, running}, return_when=asyncio.FIRST_COMPLETED)
    if getter.done():
        return getter.result()
    getter.cancel()
    if not out.empty():
        return out.get_nowait()
    running.result()
    return _End()
