"""fetch: bring feeds, sitemaps and article pages in from the web, politely.

A stage: it never touches the store. :class:`FetchSession` fetches rounds of
:class:`Target` s and yields one :class:`Outcome` per URL (a page's RawDocument, a feed's
new links, or a failure with its reason); ``storyline.live`` writes them to the store.
Politeness and safety: robots.txt per host (cached), a named user agent, per-host delay
and concurrency, conditional GET, retries with backoff for 429/5xx honouring
Retry-After, connect/read/total timeouts, a size cap that holds for compressed bodies,
a redirect limit with loop detection, http(s) only, content types checked, charset from
the headers or the page.
"""

from __future__ import annotations

from .crawl import MAX_ATTEMPTS, RoundStats
from .outcome import REASONS, TRANSIENT, Hint, Known, Outcome, SourceInfo, Target
from .session import FetchSession
from .sources import Source, read_sources
from .urls import normalize_url, url_id

__all__ = [
    "MAX_ATTEMPTS",
    "REASONS",
    "TRANSIENT",
    "FetchSession",
    "Hint",
    "Known",
    "Outcome",
    "RoundStats",
    "Source",
    "SourceInfo",
    "Target",
    "normalize_url",
    "read_sources",
    "url_id",
]
