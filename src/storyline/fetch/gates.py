"""Politeness per host: at most N requests in flight, and a delay between request starts.

A host that answers 429 or 503 with Retry-After is deferred as a whole, so the other
requests waiting for it wait too. Each request holds one host's gate at a time (a
redirect to another host takes that host's gate for its own request), so two hosts
redirecting to each other cannot deadlock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass
class _Host:
    slots: asyncio.Semaphore
    delay: float
    next_start: float = 0.0
    asked: float | None = None  # a source's own delay (the longest, when several)
    floor: float = 0.0  # robots.txt's Crawl-delay: no delay goes below it


class Gates:
    """The gates of every host (keyed by origin) and the limit across all of them."""

    def __init__(self, *, delay: float, per_host: int, total: int) -> None:
        self._delay = delay
        self._per_host = per_host
        self._total = asyncio.Semaphore(total)
        self._hosts: dict[str, _Host] = {}

    def _host(self, origin: str) -> _Host:
        host = self._hosts.get(origin)
        if host is None:
            host = self._hosts[origin] = _Host(asyncio.Semaphore(self._per_host), self._delay)
        return host

    def set_delay(self, origin: str, delay: float) -> None:
        """A source's own delay for this host (the longest asked for wins)."""
        host = self._host(origin)
        host.asked = delay if host.asked is None else max(host.asked, delay)
        host.delay = max(host.floor, host.asked)

    def set_floor(self, origin: str, seconds: float) -> None:
        """robots.txt's Crawl-delay: the least delay for this host."""
        host = self._host(origin)
        host.floor = max(host.floor, seconds)
        host.delay = max(host.floor, self._delay if host.asked is None else host.asked)

    def defer(self, origin: str, seconds: float) -> None:
        """No request to this host starts for ``seconds`` (Retry-After, backoff)."""
        host = self._host(origin)
        loop = asyncio.get_running_loop()
        host.next_start = max(host.next_start, loop.time() + seconds)

    @asynccontextmanager
    async def slot(self, origin: str) -> AsyncIterator[None]:
        """Hold one of the host's slots, started no sooner than its delay allows."""
        host = self._host(origin)
        loop = asyncio.get_running_loop()
        async with host.slots:
            while (wait := host.next_start - loop.time()) > 0:
                await asyncio.sleep(wait)
            host.next_start = loop.time() + host.delay
            async with self._total:
                yield
