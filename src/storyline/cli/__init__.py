"""The ``storyline`` command: thin subcommands over :mod:`storyline.api`.

Heavy imports happen inside the commands so that ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import StorylineError
from ..settings import SETTINGS
from . import brief as brief_cmd
from . import clean as clean_cmd
from . import fetch as fetch_cmd
from . import ingest as ingest_cmd
from . import serve as serve_cmd
from . import store as store_cmd
from . import stories as stories_cmd
from . import watch as watch_cmd

if TYPE_CHECKING:
    from ..pipeline import RunSummary

# Exit codes (README, "Exit codes"): 0 all inputs used; 1 error; 2 usage; 3 some inputs
# were skipped or not analysed (see stderr); 4 the store cannot be used as asked; 5 another
# ingest holds the store; 6 the store is damaged (`storyline store rebuild`).
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 0, 1, 2, 3
EXIT_STORE, EXIT_LOCKED, EXIT_DAMAGED = 4, 5, 6
_EXIT_BY_CODE = {
    "usage": EXIT_USAGE,
    "store": EXIT_STORE,
    "store-locked": EXIT_LOCKED,
    "store-damaged": EXIT_DAMAGED,
}


def add_engine_flags(parser: argparse.ArgumentParser, *, local_does: str) -> None:
    """``--engine local|dask`` and ``--scheduler ADDRESS`` (storyline.scale, docs/scale.md)."""
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help=f"where the per-article stages run: local (this process) or dask (a Dask "
        f"cluster; needs the 'dask' extra); {local_does}",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="with --engine dask: a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
        "(default: a local cluster of 2 worker processes, started and closed here)",
    )


def add_settings_flags(parser: argparse.ArgumentParser, *, fetch: bool = False) -> None:
    """One flag per setting in the registry, so flags and library arguments cannot drift;
    the fetch settings only with ``fetch`` (the commands that reach the network)."""
    group = parser.add_argument_group("settings (also STORYLINE_<NAME> environment variables)")
    for setting in SETTINGS:
        if setting.fetch and not fetch:
            continue
        flag = "--" + setting.name.replace("_", "-")
        if isinstance(setting.default, bool):
            group.add_argument(
                flag,
                dest=setting.name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"{setting.help} (default: {setting.default})",
            )
        else:
            group.add_argument(
                flag,
                dest=setting.name,
                type=type(setting.default),
                default=None,
                metavar="TEXT" if isinstance(setting.default, str) else "N",
                help=f"{setting.help} (default: {setting.default})",
            )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn a pile of news articles into cited, cross-checked story briefs.",
    )
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    clean_cmd.register(commands, add_settings_flags)
    stories_cmd.register(commands, add_settings_flags)
    brief_cmd.register(commands, add_settings_flags)
    ingest_cmd.register(commands, add_settings_flags)
    serve_cmd.register(commands, add_settings_flags)
    store_cmd.register(commands, add_settings_flags)
    fetch_cmd.register(commands, add_settings_flags)
    watch_cmd.register(commands, add_settings_flags)
    return parser


def _version() -> str:
    from .. import __version__

    return f"storyline {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.debug:
        logging.basicConfig(level=logging.DEBUG, format="storyline: %(name)s: %(message)s")
    try:
        code: int = args.run(args)
        return code
    except StorylineError as err:
        if args.debug:
            raise
        print(f"storyline: error: {err}", file=sys.stderr)
        return _EXIT_BY_CODE.get(err.code, EXIT_ERROR)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:  # a file the command itself writes or reads, not an input
        if args.debug:
            raise
        where = f"{err.filename}: " if err.filename else ""
        print(f"storyline: error: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_ERROR


def report_summary(summary: RunSummary, *, extra: str | None = None) -> int:
    """Print each skipped input on one line, then the run summary, on stderr.

    Exit code: 0 all used, 3 some inputs skipped or a stage skipped on some (a story not
    analysed), 1 no article at all (nothing to do).
    """
    for rejection in summary.rejections:
        print(f"storyline: skipped {rejection.where()}: {rejection.message}", file=sys.stderr)
    for note in summary.notes:
        print(f"storyline: note: {note.where}: {note.message}", file=sys.stderr)
    line = summary.line() + (f"; {extra}" if extra else "")
    print(f"storyline: {line}", file=sys.stderr)
    if summary.articles == 0:
        return EXIT_ERROR
    skipped = summary.rejections or any(note.skipped for note in summary.notes)
    return EXIT_SKIPPED if skipped else EXIT_OK
