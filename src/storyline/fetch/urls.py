"""URL normalisation: one spelling per page, so a page reached through two feeds (one
with tracking parameters, one without) is fetched and stored once."""

from __future__ import annotations

import hashlib
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL (resolved against ``base``), or None when it is
    not one: scheme and host lower-cased, default port, dot segments and the fragment
    dropped, tracking parameters (utm_*, fbclid...) removed and the others sorted
    (courlan.normalize_url)."""
    text = url.strip()
    if not text or any(c in text for c in "\r\n\t\x00"):
        return None
    try:
        if base is not None:
            text = urljoin(base, text)
        parts = urlsplit(text)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return None
        _ = parts.port  # raises ValueError for a bad port
        path = urlsplit(urljoin("http://h/", parts.path or "/")).path  # dot segments
        plain = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
        normal = courlan.normalize_url(plain, strict=False)
    except ValueError:
        return None
    kept = urlsplit(normal)
    return urlunsplit((kept.scheme, kept.netloc, kept.path or "/", kept.query, ""))


def origin(url: str) -> str:
    """``scheme://host:port``: what robots.txt, rate limits and concurrency apply to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


def url_id(url: str) -> str:
    """The article id of a fetched page: 16 hex digits of its normalised final URL's hash
    (fetching the same page again gives the same id, so it is stored once)."""
    return hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
