"""``storyline attributions PATH...``: who each article says says what, per article."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "attributions",
        help="who each article says says what: source, cue and content of every attribution",
        description="Read and clean articles, then list every attribution each one makes "
        "(source, cue, content, the source's kind and the relay it came through), with "
        "offsets into the cleaned text that `storyline clean` prints.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or -")
    parser.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: one JSON object per article per line (the attributions contract); "
        "text: a terminal view",
    )
    add_settings(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api import find_article_attributions
    from ..render.attributions import attributions_to_text
    from ..settings import settings_from_args
    from . import report_summary

    settings = settings_from_args(vars(args))
    run_ = find_article_attributions(args.paths, settings=settings)
    out = sys.stdout
    for article, found in run_.articles:
        if args.format == "json":
            line = {"id": article.id, "source_path": article.source_path, "attributions": found}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        else:
            out.write(attributions_to_text(article, found) + "\n")
        out.flush()
    return report_summary(run_.summary)
