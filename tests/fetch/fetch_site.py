"""A news site on a loopback server (127.0.0.1 only): the seeds as news pages, real pages
of the article-extraction benchmark, feeds and sitemaps built from them, robots.txt rules
and faulty endpoints. Everything is generated at test time, nothing is committed."""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fetch_loopback import (
    Loopback,
    Reply,
    Route,
    atom,
    endless,
    gzip_bomb,
    gzipped,
    news_sitemap,
    rss,
    seed_html,
    sitemap_index,
)

from storyline.settings import Settings

REPO = Path(__file__).resolve().parents[2]
BENCHMARK_PAGES = 8

#: The faulty endpoints (path -> the reason their fetch must fail with).
FAULTY = {
    "/missing.html": "not-found",
    "/slow.html": "timeout",
    "/huge.html": "too-large",
    "/bomb.html": "too-large",
    "/loop-a.html": "redirect-loop",
    "/photo.html": "content-type",
    "/private/secret.html": "robots-disallowed",
    "/always-busy.html": "rate-limited",
    "/gone-to-ftp.html": "unsupported-scheme",
}


def fast_settings(**changes: object) -> Settings:
    """Settings that keep every request loop short: small timeouts, quick retries."""
    values: dict[str, object] = {
        "fetch_delay": 0.0,
        "max_retries": 2,
        "retry_backoff": 0.05,
        "max_retry_after": 3.0,
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
        "total_timeout": 3.0,
        "max_document_bytes": 2_000_000,
        "user_agent": "storyline-test/1.0 (tests@example.org)",
    }
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class NewsSite:
    server: Loopback
    seeds: list[str] = field(default_factory=list)  # page URLs, in seed order
    benchmark: list[str] = field(default_factory=list)
    faulty: dict[str, str] = field(default_factory=dict)  # URL -> reason
    retried: list[str] = field(default_factory=list)  # 500 then 200; 429 then 200

    def url(self, path: str) -> str:
        return self.server.url(path)


def _benchmark_pages(count: int) -> list[bytes]:
    shared = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
    folder = shared / "eval" / "article-extraction-benchmark" / "html"
    if not folder.is_dir():
        pytest.skip(f"article-extraction benchmark not found at {folder}")
    return [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))[:count]]


def build_site(server: Loopback, seeds_dir: Path) -> NewsSite:
    """The seeds and benchmark pages, two feeds and a sitemap index listing them, the
    faulty endpoints, and robots.txt."""
    site = NewsSite(server)
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    for n, text in enumerate(texts):
        if n == 0:  # charset only in the page's meta tag
            body = seed_html(text, charset="windows-1252").encode("cp1252")
            url = server.page(f"/news/seed-{n}.html", body, Content_Type="text/html")
        elif n == 1:  # charset only in the HTTP header
            body = seed_html(text, meta=False).encode("cp1252")
            url = server.page(
                f"/news/seed-{n}.html", body, Content_Type="text/html; charset=windows-1252"
            )
        else:
            url = server.page(f"/news/seed-{n}.html", seed_html(text).encode())
        site.seeds.append(url)
    for n, page in enumerate(_benchmark_pages(BENCHMARK_PAGES)):
        if n % 2:
            url = server.page(f"/world/page-{n}.html", gzipped(page), Content_Encoding="gzip")
        else:
            url = server.page(f"/world/page-{n}.html", page)
        site.benchmark.append(url)
    extra = texts[2] + "\nThe flaky server answered on the second try."
    site.retried.append(server.add("/flaky.html", _first(Reply(500), _html(seed_html(extra)))))
    busy = Reply(429, b"", {"Retry-After": "1"})
    extra = texts[3] + "\nThe busy server asked to wait a second."
    site.retried.append(server.add("/busy.html", _first(busy, _html(seed_html(extra)))))
    _faulty(server)
    site.faulty = {server.url(path): reason for path, reason in FAULTY.items()}
    server.add("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n", _TEXT))
    tracked = [f"{u}?utm_source=rss&utm_medium=feed" for u in site.seeds[:3]]
    listed = tracked + site.retried + list(site.faulty)
    server.add("/rss.xml", _validated(rss("Loopback News", listed), "application/rss+xml"))
    server.add("/atom.xml", _validated(atom("Loopback News", site.seeds), "application/atom+xml"))
    server.add("/news-sitemap.xml", _validated(news_sitemap(site.benchmark), "application/xml"))
    index = sitemap_index([server.url("/news-sitemap.xml")])
    server.add("/sitemap-index.xml", _validated(index, "application/xml"))
    return site


_TEXT = {"Content-Type": "text/plain"}


def _faulty(server: Loopback) -> None:
    server.add("/slow.html", Reply(200, b"<html>late</html>", {"Content-Type": "text/html"}, 3.0))
    server.add("/huge.html", Reply(200, endless(50_000_000), {"Content-Type": "text/html"}))
    bomb = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    server.add("/bomb.html", Reply(200, gzip_bomb(200), bomb))
    server.add("/loop-a.html", Reply(302, b"", {"Location": "/loop-b.html"}))
    server.add("/loop-b.html", Reply(301, b"", {"Location": "/loop-a.html?utm_source=x"}))
    server.add(
        "/photo.html", Reply(200, b"\x89PNG\r\n\x1a\n" + bytes(64), {"Content-Type": "image/png"})
    )
    server.page("/private/secret.html", seed_html("Secret\nNot for robots at all, never.").encode())
    server.add("/always-busy.html", Reply(429, b"", {"Retry-After": "3600"}))
    server.add("/gone-to-ftp.html", Reply(301, b"", {"Location": "ftp://127.0.0.1/file.html"}))


def _first(first: Reply, then: Reply) -> Route:
    return lambda number, headers: first if number == 1 else then


def _html(text: str) -> Reply:
    return Reply(200, text.encode(), {"Content-Type": "text/html; charset=utf-8"})


def _validated(body: bytes, content_type: str) -> Route:
    """A feed that answers 304 to a request carrying its ETag."""
    etag = f'"v{len(body)}"'

    def route(number: int, headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        headers_out = {"Content-Type": content_type, "ETag": etag}
        headers_out["Last-Modified"] = "Mon, 10 Jun 2024 12:00:00 GMT"
        return Reply(200, body, headers_out)

    return route
