"""``storyline watch --db FILE --sources FILE [--every 15m]``: keep a store current."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from ..errors import UsageError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def register(commands: Any, add_settings: Any) -> None:
    from .fetch import add_store_flags

    parser = commands.add_parser(
        "watch",
        help="fetch the feeds and sitemaps of a sources file again and again into a store",
        description="Every --every, fetch each source's feeds, sitemaps and pages (a "
        "conditional GET: unchanged ones cost one short answer), the new pages they list, "
        "and the pages whose fetch failed for a passing reason (up to 3 tries), into the "
        "store. A host that fails does not stop the others; a restarted watch resumes "
        "from the store's fetch log. Stop it with Ctrl-C.",
    )
    add_store_flags(parser)
    parser.add_argument(
        "--sources", required=True, metavar="FILE", help="the sources file (TOML; see README)"
    )
    parser.add_argument(
        "--every",
        default="15m",
        metavar="DURATION",
        help="how often each source is fetched: 90s, 15m, 1h, 1h30m (default 15m)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        metavar="N",
        help="stop after N rounds (default: run until interrupted)",
    )
    add_settings(parser, fetch=True)
    parser.set_defaults(run=run)


def parse_duration(text: str) -> float:
    """Seconds in ``90s``, ``15m``, ``1h30m`` or a bare number of seconds (at least 1)."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    elif value and _DURATION.sub("", value) == "":
        seconds = sum(float(n) * _UNITS[unit] for n, unit in _DURATION.findall(value))
    else:
        raise UsageError(f"--every {text!r} is not a duration such as 90s, 15m, 1h or 1h30m")
    if seconds < 1:
        raise UsageError(f"--every must be at least 1 second, not {text!r}")
    return seconds


def run(args: argparse.Namespace) -> int:
    from ..errors import StorylineError
    from ..live import FetchResult, watch
    from ..settings import settings_from_args
    from .fetch import print_failure, report

    every = parse_duration(args.every)
    if args.words < 1:
        raise UsageError(f"--words must be at least 1, not {args.words}")
    if args.rounds is not None and args.rounds < 1:
        raise UsageError(f"--rounds must be at least 1, not {args.rounds}")
    settings = settings_from_args(vars(args))
    rounds = 0

    def on_round(result: FetchResult | StorylineError) -> None:
        nonlocal rounds
        rounds += 1
        if isinstance(result, FetchResult):
            report(result, as_json=args.json, prefix=f"round {rounds}: ")
        else:
            print(f"storyline: round {rounds} did not run: {result}", file=sys.stderr)
        sys.stderr.flush()

    try:
        watch(
            args.db,
            args.sources,
            every=every,
            settings=settings,
            rounds=args.rounds,
            words=args.words,
            briefs=args.briefs == "now",
            on_outcome=print_failure,
            on_round=on_round,
        )
    except KeyboardInterrupt:
        print(f"storyline: watch stopped after {rounds} rounds", file=sys.stderr)
    return 0
