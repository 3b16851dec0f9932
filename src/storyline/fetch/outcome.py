"""What fetching produces: targets to fetch, and one outcome (a fetch log line) per target."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..types import RawDocument

Kind = Literal["auto", "feed", "sitemap", "page", "site"]
"""``auto``: a URL given on the command line, whose content says what it is; ``site``: a
home page, read for the feeds it announces."""

OutcomeKind = Literal["feed", "sitemap", "page", "site"]

#: Every failure reason a fetch can end with (the ``error`` column of the fetch log).
REASONS = (
    "not-found",  # HTTP 404 or 410
    "http-status",  # another 4xx, or an unexpected status
    "server-error",  # 5xx, still after the retries
    "rate-limited",  # 429 still after the retries, or a Retry-After over the limit
    "timeout",
    "connection",  # refused, reset, DNS, a broken response
    "too-large",
    "bad-encoding",  # an unknown Content-Encoding or corrupt compressed data
    "redirect-loop",
    "too-many-redirects",
    "unsupported-scheme",  # not http or https
    "content-type",  # e.g. an image where a page was expected
    "robots-disallowed",
    "robots-unreachable",  # robots.txt answered 5xx or not at all: RFC 9309 says stay away
    "undecodable",  # no charset decodes the body
    "not-a-feed",  # neither a feed, a sitemap nor a page
    "empty",  # a 200 answer with no content
)

#: Reasons worth another try in a later round (``watch``); the others are final.
TRANSIENT = frozenset(
    {"server-error", "rate-limited", "timeout", "connection", "robots-unreachable"}
)


@dataclass(frozen=True)
class SourceInfo:
    """What a sources file says about where a target came from."""

    name: str | None = None  # the outlet of its articles
    language: str | None = None
    delay: float | None = None  # seconds between requests to its hosts


@dataclass(frozen=True)
class Hint:
    """What a feed entry or a news sitemap says about a page (used when the page does not)."""

    title: str | None = None
    published: str | None = None
    language: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Target:
    url: str  # normalised
    kind: Kind
    source: SourceInfo | None = None
    via: str | None = None  # the feed or sitemap that listed it
    hint: Hint | None = None
    depth: int = 0  # sitemap index nesting


@dataclass(frozen=True)
class Known:
    """What the fetch log says about a URL: its last fetch and the failures since success."""

    status: int | None
    error: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str
    failures: int  # transient failures since the last success


Lookup = Callable[[str], Known | None]


@dataclass(frozen=True)
class Outcome:
    """One fetch (one line of the fetch log): a page's document, or a feed's links, or
    the reason it failed."""

    target: Target
    kind: OutcomeKind
    fetched_at: str  # ISO 8601 UTC
    final_url: str | None = None
    status: int | None = None
    bytes: int = 0
    elapsed: float = 0.0
    error: str | None = None  # one of REASONS
    message: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    document: RawDocument | None = None  # a page's, to clean
    links: int = 0  # a feed's or sitemap's new links
    retries: int = 0
    note: str | None = None  # e.g. "not modified", "same page as ..."

    @property
    def failed(self) -> bool:
        return self.error is not None

    def line(self) -> str:
        """One line a person can act on: the URL and what went wrong."""
        return f"{self.target.url}: {self.message or self.error} [{self.error}]"
