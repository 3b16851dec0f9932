"""``storyline fetch URL|FILE... --db FILE``: fetch feeds, sitemaps and pages into a store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..fetch import Outcome
    from ..live import FetchResult


def register(commands: Any, add_settings: Any) -> None:
    parser = commands.add_parser(
        "fetch",
        help="fetch feeds, sitemaps and article pages (politely) into a SQLite store",
        description="Fetch each URL (an RSS/Atom feed, a sitemap or news sitemap, or an "
        "article page: what it is comes from its content), the pages its feeds and "
        "sitemaps list, or the sources in a sources file (.toml, see `storyline watch`), "
        "and add the articles to the store like `storyline ingest`. robots.txt is "
        "honoured; pages fetched before are not asked for again. Each failure is one "
        "line on stderr and one row of the store's fetch log.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="URL|FILE",
        help="http(s) URLs, a sources file (.toml), or a local feed, sitemap or list of URLs",
    )
    add_store_flags(parser)
    add_settings(parser, fetch=True)
    parser.set_defaults(run=run)


def add_store_flags(parser: argparse.ArgumentParser) -> None:
    """The flags ``fetch`` and ``watch`` share with ``ingest``."""
    parser.add_argument("--db", required=True, metavar="FILE", help="the SQLite store")
    parser.add_argument(
        "--words", type=int, default=120, help="the briefs' word budget (default 120)"
    )
    parser.add_argument(
        "--briefs",
        choices=("now", "lazy"),
        default="now",
        help="now (default): rebuild the changed stories' briefs at the end of each run; "
        "lazy: leave them for `storyline serve` to build on first view",
    )
    parser.add_argument(
        "--json", action="store_true", help="print each run's summary as JSON on stdout"
    )


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..live import fetch
    from ..settings import settings_from_args
    from .ingest import _Progress

    if args.words < 1:
        raise UsageError(f"--words must be at least 1, not {args.words}")
    settings = settings_from_args(vars(args))
    with _Progress(label="fetch") as show:
        result = fetch(
            args.inputs,
            args.db,
            settings=settings,
            words=args.words,
            briefs=args.briefs == "now",
            progress=show,
            on_outcome=print_failure,
        )
    return report(result, as_json=args.json)


def print_failure(outcome: Outcome) -> None:
    """A failed fetch: one line naming the URL and the reason."""
    if outcome.error is not None:
        print(f"storyline: failed {outcome.line()}", file=sys.stderr, flush=True)


def report(result: FetchResult, *, as_json: bool, prefix: str = "") -> int:
    """Print the run's rejections and summary; the exit code (0 all fine, 3 some fetches
    failed or pages were skipped, 1 every fetch failed)."""
    from . import EXIT_ERROR, EXIT_OK, EXIT_SKIPPED

    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=1) + "\n")
        sys.stdout.flush()
    summary = result.ingest.summary
    for rejection in summary.rejections:
        print(f"storyline: skipped {rejection.where()}: {rejection.message}", file=sys.stderr)
    for note in summary.notes:
        print(f"storyline: note: {note.where}: {note.message}", file=sys.stderr)
    print(f"storyline: {prefix}{result.fetch.line()}", file=sys.stderr)
    articles = f"{summary.articles} article{'s' if summary.articles != 1 else ''}"
    print(f"storyline: {prefix}{articles}; {result.ingest.line()}", file=sys.stderr)
    failed = sum(result.fetch.failed.values())
    if failed and not result.fetch.fetched and not result.fetch.not_modified:
        return EXIT_ERROR
    skipped = summary.rejections or any(note.skipped for note in summary.notes)
    return EXIT_SKIPPED if failed or skipped else EXIT_OK
