"""The functions the CLI, the web app and library users call."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from .pipeline import RunSummary, clean_inputs
from .settings import Settings
from .types import Article


@dataclass
class CleanRun:
    """Cleaned articles, streamed; ``summary`` is complete once ``articles`` is exhausted."""

    articles: Iterator[Article]
    summary: RunSummary


def clean_articles(
    paths: Sequence[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> CleanRun:
    """Read and clean articles from files, directories or ``-`` (stdin)."""
    summary = RunSummary()
    articles = clean_inputs(paths, settings or Settings(), summary, stdin=stdin)
    return CleanRun(articles, summary)
