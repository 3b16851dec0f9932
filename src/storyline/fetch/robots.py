"""robots.txt, fetched once per host (origin) and cached, as RFC 9309 says to read it:
a 4xx answer (no file) allows everything, a 5xx answer or no answer disallows everything
for now, and rules are matched against the user agent's product token. A Crawl-delay
becomes the host's least delay between requests.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
import urllib.robotparser
from dataclasses import dataclass

from .gates import Gates
from .http import Failure, Fetcher, Reply
from .urls import origin

_FRACTION = re.compile(r"(?im)^(\s*crawl-delay\s*:\s*)(\d*\.\d+)")
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least 500 KiB
CACHE_SECONDS = 24 * 3600  # RFC 9309: do not use a cached copy for more than 24 hours
UNREACHABLE_SECONDS = 60.0  # a robots.txt that could not be read is asked for again soon


@dataclass(frozen=True)
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None  # None: no rules (everything allowed)
    unreachable: str | None = None  # why robots.txt could not be read: nothing allowed
    fetched: float = 0.0


class Robots:
    """The robots.txt rules of every host met, fetched through ``fetcher``."""

    def __init__(self, fetcher: Fetcher, gates: Gates, user_agent: str) -> None:
        self._fetcher = fetcher
        self._gates = gates
        self._agent = user_agent
        self._rules: dict[str, asyncio.Task[_Rules]] = {}
        self.fetched = 0  # robots.txt files asked for

    async def check(self, url: str) -> Failure | None:
        """None when ``url`` may be fetched; else the Failure that says why not."""
        rules = await self._rules_for(origin(url))
        if rules.unreachable is not None:
            return Failure(
                "robots-unreachable",
                f"robots.txt of {origin(url)} could not be read ({rules.unreachable}), "
                "so nothing there is fetched for now (RFC 9309); a later run tries again",
            )
        if rules.parser is not None and not rules.parser.can_fetch(self._agent, url):
            return Failure("robots-disallowed", "robots.txt disallows it for this user agent")
        return None

    async def _rules_for(self, host: str) -> _Rules:
        task = self._rules.get(host)
        if task is not None and task.done() and _stale(task.result()):
            task = None
        if task is None:
            task = self._rules[host] = asyncio.ensure_future(self._load(host))
        return await asyncio.shield(task)

    async def _load(self, host: str) -> _Rules:
        self.fetched += 1
        answer = await self._fetcher.get(_robots_url(host), "robots")
        now = time.monotonic()
        if isinstance(answer, Failure):
            if answer.status is not None and 400 <= answer.status < 500 and answer.status != 429:
                return _Rules(None, fetched=now)  # no robots.txt: everything allowed
            return _Rules(None, unreachable=answer.message, fetched=now)
        return self._parse(host, answer, now)

    def _parse(self, host: str, answer: Reply, now: float) -> _Rules:
        text = answer.body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace")
        # urllib's parser reads whole seconds only; a fraction is rounded up, not dropped
        text = _FRACTION.sub(lambda m: f"{m[1]}{math.ceil(float(m[2]))}", text)
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self._agent)
        if delay is not None:
            self._gates.set_floor(host, float(delay))
        return _Rules(parser, fetched=now)


def _robots_url(host: str) -> str:
    scheme, rest = host.split("://", 1)
    name, _, port = rest.rpartition(":")
    default = "443" if scheme == "https" else "80"
    return f"{scheme}://{name}{'' if port == default else ':' + port}/robots.txt"


def _stale(rules: _Rules) -> bool:
    keep = CACHE_SECONDS if rules.unreachable is None else UNREACHABLE_SECONDS
    return time.monotonic() - rules.fetched > keep
