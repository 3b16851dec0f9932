"""``storyline clean PATH...``: cleaned articles as JSON Lines or a terminal view."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "clean",
        help="read articles, strip boilerplate, extract metadata and sentences",
        description="Read articles (plain text, HTML, JSON Lines, WARC, RSS/Atom, a directory, "
        "or - for stdin) and print each cleaned article.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or -")
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: one JSON object per line (the clean contract); text: a terminal view",
    )
    add_settings(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api import clean_articles
    from ..render.clean import article_to_dict, article_to_text
    from ..settings import settings_from_args
    from . import report_summary

    settings = settings_from_args(vars(args))
    run_ = clean_articles(args.paths, settings=settings)
    out = sys.stdout
    for article in run_.articles:
        if args.format == "json":
            out.write(json.dumps(article_to_dict(article), ensure_ascii=False) + "\n")
        else:
            out.write(article_to_text(article) + "\n")
        out.flush()
    return report_summary(run_.summary)
