"""``storyline brief PATH...``: a cited brief per story (the ``storyline/brief/v1`` contract)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "brief",
        help="a short cited brief per story, with facts, origins, conflicts, quotes, "
        "entities and timeline",
        description="Read, clean and group articles into stories, then write one brief per "
        "story: every summary sentence cites the article sentences it comes from.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or -")
    parser.add_argument(
        "--format",
        choices=("json", "markdown", "html", "text"),
        default="json",
        help="json: one object per story (a JSON array when there are several); markdown: "
        "one document per story, separated by ---; html: one standalone page with every "
        "story; text: a terminal view",
    )
    parser.add_argument(
        "--words", type=int, default=120, help="the summary's word budget (default 120)"
    )
    parser.add_argument(
        "--one-story",
        action="store_true",
        help="treat all inputs as one story, skipping clustering (for a curated set)",
    )
    add_settings(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api import build_briefs
    from ..errors import UsageError
    from ..settings import settings_from_args
    from . import report_summary
    from .progress import terminal_progress

    if args.words < 1:
        raise UsageError(f"--words must be at least 1, not {args.words}")
    settings = settings_from_args(vars(args))
    with terminal_progress("brief") as progress:
        result = build_briefs(
            args.paths,
            settings=settings,
            one_story=args.one_story,
            words=args.words,
            progress=progress,
        )
    briefs = [b.to_dict() for b in result.briefs]
    texts = {a.id: a.text for b in result.briefs for a in b.articles}
    sys.stdout.write(render_briefs(briefs, args.format, texts=texts))
    sys.stdout.flush()
    count = len(briefs)
    extra = f"{count} brief{'' if count == 1 else 's'}"
    unanalysed = sum(1 for b in result.briefs if b.status != "complete")
    if unanalysed:
        extra += f" ({unanalysed} not analysed: unsupported language)"
    return report_summary(result.summary, extra=extra)


def render_briefs(
    briefs: list[dict[str, Any]], output_format: str, *, texts: dict[str, str] | None = None
) -> str:
    """The briefs in one of the ``--format`` choices, ready to print (``texts``: article
    id -> cleaned text, for the cited sentences that HTML shows on hover)."""
    if output_format == "json":
        data: Any = briefs[0] if len(briefs) == 1 else briefs
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if output_format == "markdown":
        from ..render.markdown import briefs_to_markdown

        return briefs_to_markdown(briefs)
    if output_format == "html":
        from ..render.html import briefs_to_html

        return briefs_to_html(briefs, texts=texts)
    from ..render.brief import brief_to_text

    return "".join(brief_to_text(b) for b in briefs)
