"""``storyline ingest PATH... --db FILE``: add articles to a SQLite store, incrementally."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..ingest import IngestProgress


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "ingest",
        help="add articles to a SQLite store: new ones join stories, changed briefs rebuilt",
        description="Read and clean articles and add them to a store (created when missing). "
        "Articles already stored are passed over, so re-running changes nothing; new ones "
        "join existing stories or start new ones, and only the stories that changed get "
        "their briefs rebuilt. A run that was killed resumes where it stopped.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or -")
    parser.add_argument("--db", required=True, metavar="FILE", help="the SQLite store")
    parser.add_argument(
        "--words", type=int, default=120, help="the briefs' word budget (default 120)"
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=None,
        metavar="N",
        help="articles per transaction and checkpoint (default 64); resume a killed run "
        "with the same value",
    )
    parser.add_argument(
        "--briefs",
        choices=("now", "lazy"),
        default="now",
        help="now (default): rebuild the changed stories' briefs at the end of the run; "
        "lazy: leave them stale for `storyline serve` to build on first view (a large "
        "backfill ingests many times faster)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the run summary as JSON on stdout"
    )
    from . import add_engine_flags

    add_engine_flags(parser, local_does="the same store either way")
    add_settings(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..ingest import INGEST_BATCH, ingest
    from ..settings import settings_from_args
    from . import report_summary

    if args.words < 1:
        raise UsageError(f"--words must be at least 1, not {args.words}")
    settings = settings_from_args(vars(args))
    stdin = sys.stdin.buffer if "-" in args.paths else None
    if args.engine != "dask" and args.scheduler is not None:
        raise UsageError("--scheduler needs --engine dask")
    with _Progress() as show:
        if args.engine == "dask":
            from ..scale import ingest_dask

            result = ingest_dask(
                args.paths,
                args.db,
                settings=settings,
                scheduler=args.scheduler,
                stdin=stdin,
                words=args.words,
                progress=show,
                batch_size=args.batch or INGEST_BATCH,
                briefs=args.briefs == "now",
            )
        else:
            result = ingest(
                args.paths,
                args.db,
                settings=settings,
                words=args.words,
                progress=show,
                stdin=stdin,
                batch_size=args.batch or INGEST_BATCH,
                briefs=args.briefs == "now",
            )
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=1) + "\n")
    return report_summary(result.summary, extra=result.line())


class _Progress:
    """A rich progress bar on a terminal; plain log lines every so often otherwise."""

    def __init__(self, label: str = "ingest") -> None:
        self._label = label
        self._bar: Any = None
        self._task: Any = None
        self._last = 0

    def __enter__(self) -> Callable[[IngestProgress], None]:
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("reading")
        return self.update

    def update(self, counts: IngestProgress) -> None:
        if counts.phase == "articles":
            text = (
                f"read {counts.read}, new {counts.new}, already stored {counts.already}, "
                f"duplicates {counts.duplicates}"
            )
        else:
            text = f"briefs {counts.briefs_done}/{counts.briefs_total}"
        if self._bar is not None:
            self._bar.update(self._task, description=text)
        elif counts.phase != "articles" or counts.read - self._last >= 500:
            self._last = counts.read
            if counts.phase == "articles" or counts.briefs_done in (1, counts.briefs_total):
                print(f"storyline: {self._label}: {text}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
