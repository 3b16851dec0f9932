"""``storyline stories PATH...``: articles grouped into stories, duplicates with their copy."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # scale-out: the types of _build
    from ..api import StoryRun
    from ..settings import Settings


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "stories",
        help="group articles into stories (duplicates sit with their canonical copy)",
        description="Read and clean articles, link duplicates to their canonical copy, and "
        "group the articles into stories with stable ids.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or -")
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help='json: {"stories": [...]} (the stories contract); text: a terminal view',
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="take articles in arrival order, each joining a story or founding one, with "
        "flat memory (default: batch, independent of input order)",
    )
    from . import add_engine_flags

    add_engine_flags(parser, local_does="the same stories either way (batch mode only)")
    add_settings(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..render.stories import stories_to_dict, stories_to_text
    from ..settings import settings_from_args
    from . import report_summary

    settings = settings_from_args(vars(args))
    result = _build(args, settings)
    if args.format == "json":
        sys.stdout.write(json.dumps(stories_to_dict(result), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(stories_to_text(result))
    sys.stdout.flush()
    count = len(result.stories)
    return report_summary(result.summary, extra=f"{count} stor{'y' if count == 1 else 'ies'}")


# --- scale-out (storyline.scale) ---
def _build(args: argparse.Namespace, settings: Settings) -> StoryRun:
    """The stories, from the engine ``--engine`` names."""
    from ..errors import UsageError

    if args.engine == "dask":
        from ..scale import build_stories_dask

        if args.incremental:
            raise UsageError("--incremental runs in one process; drop it or use --engine local")
        return build_stories_dask(args.paths, settings=settings, scheduler=args.scheduler)
    if args.scheduler is not None:
        raise UsageError("--scheduler needs --engine dask")
    from ..api import build_stories
    from .progress import terminal_progress

    with terminal_progress("stories") as progress:
        return build_stories(
            args.paths, settings=settings, incremental=args.incremental, progress=progress
        )


# --- end scale-out ---
