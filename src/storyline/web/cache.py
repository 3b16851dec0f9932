"""Pages kept per version: rendered once, then answered from memory, with ``ETag`` and
``304 Not Modified``.

A page's version is a short hash of what it shows (a story's row, brief and topic; for
the lists, every story) and of the templates, so an ETag names one rendering exactly. A
request whose ``If-None-Match`` names the current version gets 304 and no body; any
other gets the cached bytes (gzipped once, for clients that accept it). Concurrent
requests for a page not yet rendered wait for one rendering.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

MAX_BYTES = 64 * 1024 * 1024
"""Rendered bytes kept at most (both encodings), the least recently used dropped first."""
GZIP_LEVEL = 6
CACHE_CONTROL = "no-cache"
"""Browsers keep a page and ask again each time (answered by 304 while it is current)."""


@dataclass(frozen=True)
class Rendered:
    """One page as rendered: its body, gzipped body and validators."""

    etag: str
    body: bytes
    gzipped: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped)

    def response(self, request: Request, *, gzip: bool = True) -> Response:
        """304 when the client holds this version, else the page (gzipped when accepted
        and ``gzip``)."""
        zipped = gzip and accepts_gzip(request)
        etag = gzip_etag(self.etag) if zipped else self.etag
        if etag_matches(request.headers.get("if-none-match"), etag):
            return not_modified(etag, self.headers)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
        headers.update(self.headers)
        if zipped:
            headers["Content-Encoding"] = "gzip"
        body = self.gzipped if zipped else self.body
        return Response(body, media_type=self.media_type, headers=headers)


def gzip_etag(etag: str) -> str:
    """The ETag of a page's gzipped bytes (another representation: another tag)."""
    return etag[:-1] + '-gz"'


def not_modified(etag: str, headers: dict[str, str]) -> Response:
    """304 for a client that holds ``etag`` (with the page's own headers: a cache keeps
    the headers a 304 sends)."""
    return Response(
        status_code=304,
        headers={"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"} | headers,
    )


def accepts_gzip(request: Request) -> bool:
    """Whether the request's Accept-Encoding takes gzip (and does not refuse it: q=0)."""
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            return not (params.strip().startswith("q=") and _zero(quality))
    return False


def _zero(quality: str) -> bool:
    try:
        return float(quality) == 0.0
    except ValueError:
        return False


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (weakly compared, ``*`` included)."""
    if not header:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


class PageCache:
    """Rendered pages by key, each valid for one version; least recently used dropped
    past ``max_bytes``. ``salt`` joins every version (the templates' hash, the app's
    page size), so pages drawn otherwise never share an ETag."""

    def __init__(self, salt: str = "", max_bytes: int = MAX_BYTES) -> None:
        self.salt = salt
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[str, Rendered]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._rendering: dict[str, asyncio.Lock] = {}

    def get(self, key: str, version: str) -> Rendered | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None or found[0] != version:
                return None
            self._pages.move_to_end(key)
            return found[1]

    def put(self, key: str, version: str, page: Rendered) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= old[1].size
            if page.size > self.max_bytes:
                return
            self._pages[key] = (version, page)
            self._bytes += page.size
            while self._bytes > self.max_bytes:
                _key, (_version, dropped) = self._pages.popitem(last=False)
                self._bytes -= dropped.size

    async def page(
        self,
        request: Request,
        key: str,
        version: str,
        render: Callable[[], tuple[str, str]],
        *,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """The response for ``key`` at ``version``: 304 when the client holds it, else the
        cached page, rendered first (``render`` returns text and media type, run in a
        worker thread) when missing; one rendering per key at a time."""
        version = f"{self.salt}.{version}" if self.salt else version
        etag = f'"{version}"'
        held = request.headers.get("if-none-match")
        for current in (etag, gzip_etag(etag)):
            if etag_matches(held, current):
                return not_modified(current, headers or {})
        page = self.get(key, version)
        if page is None:
            lock = self._rendering.setdefault(key, asyncio.Lock())
            async with lock:
                page = self.get(key, version)
                if page is None:
                    page = await run_in_threadpool(_render, render, etag, headers or {})
                    self.put(key, version, page)
            if not lock.locked():
                self._rendering.pop(key, None)
        return page.response(request)


def _render(render: Callable[[], tuple[str, str]], etag: str, headers: dict[str, str]) -> Rendered:
    text, media_type = render()
    body = text.encode("utf-8")
    return Rendered(etag, body, gzip.compress(body, GZIP_LEVEL, mtime=0), media_type, headers)


class Memo:
    """A value recomputed at most once per ``seconds`` (the lists' version: counting every
    story on each request would cost more than serving the page)."""

    def __init__(self, compute: Callable[[], str], seconds: float = 1.0) -> None:
        self._compute = compute
        self._seconds = seconds
        self._value: str | None = None
        self._at = -float("inf")
        self._lock = threading.Lock()

    def __call__(self) -> str:
        now = time.monotonic()
        with self._lock:
            if self._value is not None and now - self._at < self._seconds:
                return self._value
        value = self._compute()
        with self._lock:
            self._value, self._at = value, now
        return value
