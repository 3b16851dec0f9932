"""``storyline stories PATH...``: articles grouped into stories, duplicates with their copy."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


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
    add_settings(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api import build_stories
    from ..render.stories import stories_to_dict, stories_to_text
    from ..settings import settings_from_args
    from . import report_summary

    settings = settings_from_args(vars(args))
    result = build_stories(args.paths, settings=settings, incremental=args.incremental)
    if args.format == "json":
        sys.stdout.write(json.dumps(stories_to_dict(result), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(stories_to_text(result))
    sys.stdout.flush()
    count = len(result.stories)
    return report_summary(result.summary, extra=f"{count} stor{'y' if count == 1 else 'ies'}")
