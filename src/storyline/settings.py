"""Every tunable in one registry: name, default, help and environment variable.

The registry drives the CLI's ``--help``, the docs, and a test that fails on an
undocumented setting. Library callers pass keyword arguments to :class:`Settings`; the
CLI turns flags into the same object with :func:`settings_from_args`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    fetch: bool = False  # only `storyline fetch` and `storyline watch` show its flag

    @property
    def env(self) -> str:
        return "STORYLINE_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "max_document_bytes",
        10_000_000,
        "Largest single document (a file, a JSON line, a WARC record, a fetched response "
        "after decompression) read, in bytes; larger ones are skipped with reason "
        "'too-large'.",
    ),
    Setting(
        "min_words",
        5,
        "An article whose cleaned text has fewer words is skipped with reason 'empty'.",
    ),
    Setting(
        "jobs",
        0,
        "Worker processes for cleaning and the per-article stages; 0 (default): one per "
        "core available, at most 4, started only once an input has more than 64 documents. "
        "Output order does not change.",
    ),
    Setting(
        "language_detection",
        True,
        "Detect the language of each article (py3langid) when the input does not give it.",
    ),
    Setting(
        "story_threshold",
        0.15,
        "Average similarity (0-1, cosine of rarity-weighted words and word pairs) the "
        "articles of a story have to one another; lower merges more. Chosen on Multi-News "
        "validation pools and ECB+ topics 1-22 (docs/stories-clustering-notes.md).",
    ),
    Setting(
        "topic_threshold",
        0.08,
        "Average similarity (0-1) the articles of a topic (a thread of related stories) "
        "have to one another; at most story_threshold. Chosen on ECB+ topics 1-22.",
    ),
    Setting(
        "story_window_days",
        365,
        "Incremental mode (ingest, stories --incremental): a story stays open to new "
        "articles until the newest date seen is this many days past its last article.",
    ),
    Setting(
        "max_active_stories",
        2000,
        "Incremental mode: at most this many stories stay open (the most recently joined); "
        "older ones are closed. Bounds memory and time per article.",
    ),
    # fetch and watch (storyline.fetch)
    Setting(
        "user_agent",
        "storyline/0.1 (news story briefs)",
        "fetch, watch: the User-Agent sent with every request; robots.txt rules for "
        "'storyline' apply. Add a way to reach you, e.g. 'storyline/0.1 (you@example.org)'.",
        fetch=True,
    ),
    Setting(
        "fetch_delay",
        1.0,
        "fetch, watch: seconds between two requests to one host (a source's `delay` "
        "overrides it; a longer robots.txt Crawl-delay wins).",
        fetch=True,
    ),
    Setting(
        "host_concurrency",
        2,
        "fetch, watch: requests in flight to one host at most.",
        fetch=True,
    ),
    Setting(
        "fetch_concurrency",
        16,
        "fetch, watch: requests in flight in all at most (across hosts).",
        fetch=True,
    ),
    Setting(
        "connect_timeout",
        10.0,
        "fetch, watch: seconds to wait for a connection to a host.",
        fetch=True,
    ),
    Setting(
        "read_timeout",
        30.0,
        "fetch, watch: seconds to wait for the next bytes of a response.",
        fetch=True,
    ),
    Setting(
        "total_timeout",
        60.0,
        "fetch, watch: seconds one request may take in all, body included (a slow trickle "
        "cannot hold a connection for ever).",
        fetch=True,
    ),
    Setting(
        "max_retries",
        3,
        "fetch, watch: retries of a request answered 429 or 500/502/503/504, with "
        "exponential backoff; Retry-After is honoured.",
        fetch=True,
    ),
    Setting(
        "retry_backoff",
        1.0,
        "fetch, watch: seconds before the first retry; doubled for each next one.",
        fetch=True,
    ),
    Setting(
        "max_retry_after",
        120.0,
        "fetch, watch: the longest Retry-After (seconds) waited for; a server asking for "
        "longer fails the request with reason 'rate-limited' (a later round tries again).",
        fetch=True,
    ),
    Setting(
        "max_redirects",
        5,
        "fetch, watch: redirects followed per request; a loop fails at once.",
        fetch=True,
    ),
)


MAX_AUTO_JOBS = 4


@dataclass(frozen=True, kw_only=True)
class Settings:
    """All settings, keyword-only; defaults come from :data:`SETTINGS`."""

    max_document_bytes: int = 10_000_000
    min_words: int = 5
    jobs: int = 0
    language_detection: bool = True
    story_threshold: float = 0.15
    topic_threshold: float = 0.08
    story_window_days: int = 365
    max_active_stories: int = 2000
    user_agent: str = "storyline/0.1 (news story briefs)"
    fetch_delay: float = 1.0
    host_concurrency: int = 2
    fetch_concurrency: int = 16
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_retries: int = 3
    retry_backoff: float = 1.0
    max_retry_after: float = 120.0
    max_redirects: int = 5

    def __post_init__(self) -> None:
        if not 0.0 < self.story_threshold <= 1.0:
            raise UsageError(
                f"setting story_threshold must be in (0, 1], not {self.story_threshold}"
            )
        if not 0.0 < self.topic_threshold <= self.story_threshold:
            raise UsageError(
                "setting topic_threshold must be in (0, story_threshold], "
                f"not {self.topic_threshold}"
            )
        if self.jobs < 0:
            raise UsageError(f"setting jobs must be 0 (one per core) or more, not {self.jobs}")
        for name in ("max_document_bytes", "story_window_days", "max_active_stories"):
            if getattr(self, name) < 1:
                raise UsageError(f"setting {name} must be at least 1, not {getattr(self, name)}")
        if self.min_words < 0:
            raise UsageError(f"setting min_words must not be negative, not {self.min_words}")
        self._check_fetch()

    def _check_fetch(self) -> None:
        for name in ("host_concurrency", "fetch_concurrency"):
            if getattr(self, name) < 1:
                raise UsageError(f"setting {name} must be at least 1, not {getattr(self, name)}")
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if not getattr(self, name) > 0:
                raise UsageError(f"setting {name} must be above 0, not {getattr(self, name)}")
        for name in ("fetch_delay", "retry_backoff", "max_retry_after"):
            if not getattr(self, name) >= 0:
                raise UsageError(f"setting {name} must not be negative, not {getattr(self, name)}")
        for name in ("max_retries", "max_redirects"):
            if getattr(self, name) < 0:
                raise UsageError(f"setting {name} must not be negative, not {getattr(self, name)}")
        agent = self.user_agent
        if not agent.strip() or any(c in agent for c in "\r\n\x00") or not agent.isascii():
            raise UsageError(f"setting user_agent must be one line of ASCII text, not {agent!r}")

    @property
    def workers(self) -> int:
        """Processes for the per-article stages: ``jobs``, or one per available core (at
        most ``MAX_AUTO_JOBS``) when ``jobs`` is 0."""
        if self.jobs:
            return self.jobs
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            cores = os.cpu_count() or 1
        return max(1, min(MAX_AUTO_JOBS, cores))

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _coerce(setting: Setting, raw: str) -> Any:
    kind = type(setting.default)
    if kind is bool:
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise UsageError(f"{setting.env}={raw!r} is not a boolean (use true or false)")
    try:
        return kind(raw)
    except ValueError as err:
        raise UsageError(f"{setting.env}={raw!r} is not a valid {kind.__name__}") from err


def settings_from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Values set through ``STORYLINE_*`` environment variables."""
    environ = os.environ if environ is None else environ
    return {s.name: _coerce(s, environ[s.env]) for s in SETTINGS if s.env in environ}


def settings_from_args(
    args: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from CLI flags (``None``: not given), then the environment, then defaults."""
    values = settings_from_env(environ)
    values.update({s.name: args[s.name] for s in SETTINGS if args.get(s.name) is not None})
    return Settings(**values)
