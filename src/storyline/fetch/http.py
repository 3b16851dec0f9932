"""One polite GET: robots.txt asked first, redirects followed with a limit and loop
detection, 429/5xx retried with exponential backoff (Retry-After honoured), timeouts on
connecting, reading and the whole request, the body capped after decompression, the
content type checked. httpx does the HTTP; nothing here raises for a bad response:
a request ends in a :class:`Reply` or a :class:`Failure`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Literal

import httpx

from ..settings import Settings
from .body import ACCEPT_ENCODING, Body, BodyError
from .gates import Gates
from .urls import normalize_url, origin

if TYPE_CHECKING:
    from .robots import Robots

Want = Literal["auto", "feed", "sitemap", "page", "robots"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip"})
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Validators:
    """What makes a GET conditional (from the last fetch of the same URL)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Reply:
    """A usable answer: 200 with a body, or 304 (not modified, no body)."""

    final_url: str
    status: int
    media_type: str  # lower-case, parameters dropped; "" when not stated
    charset: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    raw_bytes: int
    elapsed: float
    retries: int


@dataclass(frozen=True)
class Failure:
    reason: str  # one of outcome.REASONS
    message: str
    final_url: str | None = None
    status: int | None = None
    raw_bytes: int = 0
    elapsed: float = 0.0
    retries: int = 0


@dataclass(frozen=True)
class _Answer:
    """One request's answer (before redirects and retries are settled)."""

    status: int
    headers: httpx.Headers
    body: Body | None = None


def acceptable(want: Want, media_type: str) -> bool:
    """Whether a response of ``media_type`` can be what was asked for (unstated: yes)."""
    if not media_type or want == "robots":
        return True
    if want == "page":
        return media_type in _PAGE_TYPES
    return (
        media_type in _PAGE_TYPES
        or media_type.startswith("text/")
        or media_type.endswith(("xml", "json"))
        or media_type in _GZIP_TYPES
    )


class Fetcher:
    """GETs through one httpx client, the hosts' gates and (except for robots.txt
    itself) the robots.txt rules. Use inside ``async with``."""

    def __init__(self, settings: Settings, gates: Gates) -> None:
        self.settings = settings
        self.gates = gates
        self.robots: Robots | None = None
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(
                connect=s.connect_timeout,
                read=s.read_timeout,
                write=s.read_timeout,
                pool=s.total_timeout,
            ),
            limits=httpx.Limits(
                max_connections=s.fetch_concurrency,
                max_keepalive_connections=s.fetch_concurrency,
            ),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(
        self, url: str, want: Want, validators: Validators | None = None
    ) -> Reply | Failure:
        """GET ``url`` (normalised), following redirects; never raises for the network."""
        started = time.monotonic()
        chain = [url]
        current = url
        retries = 0
        while True:
            if self.robots is not None and want != "robots":
                refused = await self.robots.check(current)
                if refused is not None:
                    return _with(refused, current, started, retries)
            settled = await self._retrying(current, want, validators)
            if isinstance(settled, Failure):
                return _with(settled, current, started, retries + settled.retries)
            answer, tries = settled
            retries += tries
            if answer.status in _REDIRECTS and "location" in answer.headers:
                target = normalize_url(answer.headers["location"], base=current)
                problem = _redirect_problem(answer, target, chain, self.settings.max_redirects)
                if problem is not None:
                    return _with(problem, current, started, retries)
                assert target is not None
                chain.append(target)
                current = target
                continue
            return _settle(answer, current, want, started, retries)

    async def _retrying(
        self, url: str, want: Want, validators: Validators | None
    ) -> tuple[_Answer, int] | Failure:
        """One request, again after a 429 or 5xx while retries last."""
        host = origin(url)
        attempt = 0
        while True:
            answer = await self._request(url, want, validators)
            if isinstance(answer, Failure) or answer.status not in RETRY_STATUSES:
                return (answer, attempt) if isinstance(answer, _Answer) else answer
            wait = self.settings.retry_backoff * 2**attempt
            asked = _retry_after(answer.headers.get("retry-after"))
            if asked is not None:
                if asked > self.settings.max_retry_after:
                    return Failure(
                        "rate-limited",
                        f"HTTP {answer.status}: the server asks to wait {asked:.0f} s "
                        f"(Retry-After), over the {self.settings.max_retry_after:.0f} s "
                        "limit (--max-retry-after); a later run tries again",
                        status=answer.status,
                        retries=attempt,
                    )
                wait = max(wait, asked)
            if attempt >= self.settings.max_retries:
                reason = "rate-limited" if answer.status == 429 else "server-error"
                tries = f"{attempt + 1} tries" if attempt else "1 try"
                return Failure(
                    reason, f"HTTP {answer.status} ({tries})", status=answer.status, retries=attempt
                )
            self.gates.defer(host, wait)
            attempt += 1

    async def _request(
        self, url: str, want: Want, validators: Validators | None
    ) -> _Answer | Failure:
        assert self._client is not None, "use the Fetcher inside `async with`"
        headers = {}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        total = self.settings.total_timeout
        async with self.gates.slot(origin(url)):
            try:
                async with asyncio.timeout(total):
                    request = self._client.build_request("GET", url, headers=headers)
                    response = await self._client.send(request, stream=True)
                    try:
                        return await self._answer(response, want)
                    finally:
                        await response.aclose()
            except TimeoutError:
                return Failure(
                    "timeout", f"no complete answer within {total:g} s (--total-timeout)"
                )
            except httpx.TimeoutException as err:
                return Failure("timeout", _timeout_message(err, self.settings))
            except httpx.HTTPError as err:
                return Failure("connection", f"{type(err).__name__}: {err or 'no detail'}")
            except httpx.InvalidURL as err:
                return Failure("connection", f"not a usable URL ({err})")
            except BodyError as err:
                return Failure(err.reason, err.message)

    async def _answer(self, response: httpx.Response, want: Want) -> _Answer | Failure:
        status = response.status_code
        if status != 200:
            return _Answer(status, response.headers)
        media = _media_type(response.headers.get("content-type", ""))
        if not acceptable(want, media):
            what = "an HTML page" if want == "page" else "a feed, sitemap or page"
            return Failure("content-type", f"served as {media}, not {what}", status=status)
        limit = self.settings.max_document_bytes
        declared = _int(response.headers.get("content-length"))
        encoding = response.headers.get("content-encoding")
        if declared is not None and declared > limit and not encoding:
            return Failure(
                "too-large",
                f"the response is {declared:,} bytes, over the {limit:,}-byte limit; set "
                "STORYLINE_MAX_DOCUMENT_BYTES to raise it",
                status=status,
            )
        body: Body | None = None
        try:
            body = Body(encoding, limit)
            async for chunk in response.aiter_raw(_CHUNK):
                body.feed(chunk)
        except BodyError as err:
            raw = body.raw if body is not None else 0
            return Failure(err.reason, err.message, status=status, raw_bytes=raw)
        return _Answer(status, response.headers, body)


def _settle(answer: _Answer, url: str, want: Want, started: float, retries: int) -> Reply | Failure:
    elapsed = time.monotonic() - started
    status = answer.status
    if status in (200, 304):
        headers = answer.headers
        try:
            body = answer.body.finish() if answer.body is not None else b""
        except BodyError as err:
            raw = answer.body.raw if answer.body is not None else 0
            return Failure(err.reason, err.message, url, status, raw, elapsed, retries)
        content_type = headers.get("content-type", "")
        return Reply(
            final_url=url,
            status=status,
            media_type=_media_type(content_type),
            charset=_charset(content_type),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            body=body,
            raw_bytes=answer.body.raw if answer.body is not None else 0,
            elapsed=elapsed,
            retries=retries,
        )
    reason = "not-found" if status in (404, 410) else "http-status"
    if status >= 500:
        reason = "server-error"
    message = f"HTTP {status}"
    if status in _REDIRECTS:
        message += " without a Location header"
    return Failure(reason, message, url, status, 0, elapsed, retries)


def _redirect_problem(
    answer: _Answer, target: str | None, chain: list[str], limit: int
) -> Failure | None:
    location = answer.headers["location"]
    if target is None:
        return Failure(
            "unsupported-scheme",
            f"HTTP {answer.status} redirects to {location[:200]!r}, not an http(s) URL",
            status=answer.status,
        )
    if target in chain:
        loop = " -> ".join([*chain[chain.index(target) :], target])
        return Failure("redirect-loop", f"redirect loop: {loop}", status=answer.status)
    if len(chain) > limit:
        return Failure(
            "too-many-redirects",
            f"more than {limit} redirects (--max-redirects); the last went to {target}",
            status=answer.status,
        )
    return None


def _with(failure: Failure, url: str, started: float, retries: int) -> Failure:
    return Failure(
        failure.reason,
        failure.message,
        failure.final_url or url,
        failure.status,
        failure.raw_bytes,
        time.monotonic() - started,
        retries,
    )


def _timeout_message(err: httpx.TimeoutException, settings: Settings) -> str:
    if isinstance(err, httpx.ConnectTimeout):
        return f"no connection within {settings.connect_timeout:g} s (--connect-timeout)"
    if isinstance(err, httpx.PoolTimeout):
        return f"no free connection within {settings.total_timeout:g} s"
    return f"no data for {settings.read_timeout:g} s (--read-timeout)"


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - time.time())


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
