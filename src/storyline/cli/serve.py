"""``storyline serve --db FILE``: the local web page over a store (read-only)."""

from __future__ import annotations

import argparse
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def register(commands: Any, add_settings: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "serve",
        help="serve the stories of a store as a local web page and JSON API",
        description="Serve the stories, briefs, articles and search of a storyline database "
        "(made by `storyline ingest`) at http://HOST:PORT/, with the JSON API under /api/. "
        "The database is only read (SQLite mode=ro); in a directory this user cannot write "
        "it is read as immutable.",
    )
    parser.add_argument("--db", required=True, metavar="FILE", help="the storyline database")
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--immutable",
        action="store_true",
        help="promise that nothing writes the database while it is served (SQLite "
        "immutable=1: no locking, no -shm file, any write-ahead log left out); for a "
        "store on read-only media",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError

    db = Path(args.db)
    if not db.is_file():
        raise UsageError(f"no storyline database at {db}; create it with `storyline ingest`")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    import uvicorn

    from ..web import create_app

    sock = listen(args.host, args.port)
    try:
        app = create_app(db, immutable=args.immutable)
    except BaseException:
        sock.close()
        raise
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if app.state.store.immutable and not args.immutable:
        print(
            f"storyline: {db} is in a directory this user cannot write: read as immutable "
            "(what an ingest adds while serving is not shown)",
            file=sys.stderr,
        )
    print(f"storyline: serving {db} at http://{shown}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    # keep-alive longer than a browser's or a client pool's idle spells, so the server
    # does not close a connection a client is about to reuse (a reset under load)
    _log_errors()
    config = uvicorn.Config(app, log_level="warning", timeout_keep_alive=75, backlog=1024)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a one-line UsageError saying why not."""
    from ..errors import UsageError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as err:
        raise UsageError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError as err:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    return sock


def _log_errors() -> None:
    """Send the web app's errors (a 500's traceback, under the id its response shows) to
    stderr, the server log; the package's NullHandler would otherwise swallow them."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("storyline: serve: %(levelname)s: %(message)s"))
    web = logging.getLogger("storyline.web")
    web.addHandler(handler)
    web.setLevel(logging.WARNING)
