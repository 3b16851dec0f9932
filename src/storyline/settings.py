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

    @property
    def env(self) -> str:
        return "STORYLINE_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "max_document_bytes",
        10_000_000,
        "Largest single document (a file, a JSON line, a WARC record) read, in bytes; "
        "larger ones are skipped with reason 'too-large'.",
    ),
    Setting(
        "min_words",
        5,
        "An article whose cleaned text has fewer words is skipped with reason 'empty'.",
    ),
    Setting(
        "jobs",
        1,
        "Worker processes for cleaning (the per-article stages); 2 uses both cores of a "
        "2-core machine. Output order does not change.",
    ),
    Setting(
        "language_detection",
        True,
        "Detect the language of each article (py3langid) when the input does not give it.",
    ),
    Setting(
        "story_threshold",
        0.25,
        "Average similarity (0-1) an article needs to the members of a story to join it; "
        "lower merges more. Chosen on ECB+ topics 1-22.",
    ),
    Setting(
        "topic_threshold",
        0.12,
        "Average similarity (0-1) a story's articles need to the articles of a topic (a "
        "thread of related stories) to join it. Chosen on ECB+ topics 1-22.",
    ),
    Setting(
        "story_window_days",
        365,
        "An article joins only stories with an article published within this many days of "
        "its date, and a story leaves memory when the newest date seen is further away.",
    ),
    Setting(
        "max_active_stories",
        2000,
        "At most this many stories are compared with each new article (the most recently "
        "joined); older ones are closed. Bounds memory and time per article.",
    ),
    Setting(
        "embedder",
        "minilm",
        "Sentence-embedding model for story clustering: minilm (all-MiniLM-L6-v2 on "
        "onnxruntime) or potion (potion-base-8M, static: ~30x faster, a few points less F1).",
    ),
    Setting(
        "embed_tokens",
        64,
        "Tokens of each article's title and lead given to the sentence-embedding model for "
        "story clustering; 0 turns embeddings off (faster, lexical features only).",
    ),
)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """All settings, keyword-only; defaults come from :data:`SETTINGS`."""

    max_document_bytes: int = 10_000_000
    min_words: int = 5
    jobs: int = 1
    language_detection: bool = True
    story_threshold: float = 0.25
    topic_threshold: float = 0.12
    story_window_days: int = 365
    max_active_stories: int = 2000
    embedder: str = "minilm"
    embed_tokens: int = 64

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
        if self.embedder not in ("potion", "minilm"):
            raise UsageError(f"setting embedder must be potion or minilm, not {self.embedder!r}")
        if self.embed_tokens != 0 and not 3 <= self.embed_tokens <= 256:
            raise UsageError(f"setting embed_tokens must be 0 or 3-256, not {self.embed_tokens}")
        for name in ("max_document_bytes", "jobs", "story_window_days", "max_active_stories"):
            if getattr(self, name) < 1:
                raise UsageError(f"setting {name} must be at least 1, not {getattr(self, name)}")
        if self.min_words < 0:
            raise UsageError(f"setting min_words must not be negative, not {self.min_words}")

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
