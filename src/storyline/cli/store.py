"""``storyline store check|rebuild --db FILE``: check a store, rebuild a damaged one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "store",
        help="check a store's integrity, or rebuild a damaged one from the articles it holds",
        description="Look after a storyline database made by `storyline ingest`.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="run SQLite's integrity check (exit 0 sound, 6 damaged)",
        description="Run SQLite's integrity check on the store; exit 0 when it is sound, 6 "
        "when it is damaged (then `storyline store rebuild` recovers it).",
    )
    check.add_argument("--db", required=True, metavar="FILE", help="the SQLite store")
    check.set_defaults(run=run_check)
    rebuild = actions.add_parser(
        "rebuild",
        help="rebuild a damaged store from the articles it still holds",
        description="Read back every article the store still holds whole and ingest them "
        "into a new store that replaces it (stories, duplicates, briefs and search are "
        "rebuilt; the damaged file is kept as FILE.damaged-TIME). The story settings come "
        "from the store's checkpoint when it is readable, else from the flags.",
    )
    rebuild.add_argument("--db", required=True, metavar="FILE", help="the SQLite store")
    rebuild.add_argument(
        "--words", type=int, default=120, help="the briefs' word budget (default 120)"
    )
    rebuild.add_argument(
        "--batch",
        type=int,
        default=None,
        metavar="N",
        help="articles per transaction (default 64; the original ingest's --batch gives "
        "the same stories)",
    )
    add_settings(rebuild)
    rebuild.set_defaults(run=run_rebuild)


def run_check(args: argparse.Namespace) -> int:
    from ..recovery import check_store
    from ..store import damaged
    from . import EXIT_DAMAGED

    problems = check_store(args.db)
    if not problems:
        print(f"storyline: {args.db}: ok", file=sys.stderr)
        return 0
    for problem in problems:
        print(f"storyline: {args.db}: {problem}", file=sys.stderr)
    print(f"storyline: error: {damaged(args.db, 'the integrity check failed')}", file=sys.stderr)
    return EXIT_DAMAGED


def run_rebuild(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..ingest import INGEST_BATCH
    from ..recovery import rebuild_store
    from ..settings import settings_from_args
    from .ingest import _Progress

    if args.words < 1:
        raise UsageError(f"--words must be at least 1, not {args.words}")
    settings = settings_from_args(vars(args))
    with _Progress() as show:
        result = rebuild_store(
            args.db,
            settings=settings,
            words=args.words,
            batch_size=args.batch or INGEST_BATCH,
            progress=show,
        )
    found = result.salvage
    lost = f"; {found.lost} unreadable article rows lost" if found.lost else ""
    resplit = f"; {found.resplit} re-split into sentences" if found.resplit else ""
    print(
        f"storyline: rebuilt {args.db} from {len(found.articles)} articles{lost}{resplit} "
        f"(story settings from the {result.settings_from}); "
        f"{result.ingest.line()}; the damaged file is kept as {result.kept}",
        file=sys.stderr,
    )
    return 0
