"""The fetch stage's parts: URL normalisation, bodies under a cap, discovery, the sources
file, Retry-After, and the per-host gates."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import time
import zlib
from pathlib import Path

import pytest
from fetch_loopback import atom, gzip_bomb, news_sitemap, rss, sitemap_index

from storyline.cli.watch import parse_duration
from storyline.errors import UsageError
from storyline.fetch import normalize_url, read_sources
from storyline.fetch.body import Body, BodyError
from storyline.fetch.discover import NotUsable, discover
from storyline.fetch.gates import Gates
from storyline.fetch.http import _retry_after


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        (
            "HTTP://Example.COM:80/a/./b/../c?utm_source=x&b=2&a=1#top",
            "http://example.com/a/c?a=1&b=2",
        ),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:443/x?fbclid=123", "https://example.com/x"),
        ("http://127.0.0.1:8001/news/a.html?utm_medium=rss", "http://127.0.0.1:8001/news/a.html"),
        ("/relative/page.html", "http://base.example/relative/page.html"),
    ],
)
def test_urls_are_normalised(url: str, normal: str) -> None:
    assert normalize_url(url, base="http://base.example/dir/") == normal


@pytest.mark.parametrize(
    "url", ["mailto:a@b.org", "javascript:alert(1)", "ftp://example.com/x", "https://h:99999/", ""]
)
def test_only_http_urls_are_kept(url: str) -> None:
    assert normalize_url(url) is None


def _feed(body: Body, data: bytes, step: int = 1000) -> bytes:
    for start in range(0, len(data), step):
        body.feed(data[start : start + step])
    return body.finish()


def test_bodies_decode_gzip_deflate_and_several_gzip_members() -> None:
    text = b"<p>one line of news</p>" * 500
    assert _feed(Body("gzip", 10**6), gzip.compress(text)) == text
    assert _feed(Body("deflate", 10**6), zlib.compress(text)) == text
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert _feed(Body("deflate", 10**6), raw.compress(text) + raw.flush()) == text
    assert _feed(Body("gzip", 10**6), gzip.compress(text) + gzip.compress(b"!")) == text + b"!"
    assert _feed(Body(None, 10**6), text) == text


def test_a_gzip_bomb_stops_at_the_cap_with_little_memory() -> None:
    bomb = gzip_bomb(100)  # 100 MB of zeros in about 100 kB
    body = Body("gzip", 1_000_000)
    with pytest.raises(BodyError) as caught:
        _feed(body, bomb, 1 << 16)
    assert caught.value.reason == "too-large"
    assert body.size <= 1_000_001 and body.raw <= 1 << 16


@pytest.mark.parametrize(
    ("encoding", "data", "words"),
    [
        ("br", b"x", "not asked for"),
        ("gzip", b"not gzip at all", "corrupt gzip"),
        ("gzip", gzip.compress(b"x" * 1000)[:20], "ends early"),
    ],
)
def test_bad_bodies_say_why(encoding: str, data: bytes, words: str) -> None:
    with pytest.raises(BodyError) as caught:
        _feed(Body(encoding, 10**6), data)
    assert caught.value.reason == "bad-encoding" and words in caught.value.message


def test_discovery_reads_rss_atom_sitemaps_and_url_lists() -> None:
    base = "http://news.example/feed"
    links = ["http://news.example/a.html?utm_source=rss", "/b.html"]
    found = discover(rss("R", links), base, "application/rss+xml", 10**6)
    assert found.kind == "feed"
    assert list(found.pages) == ["http://news.example/a.html", "http://news.example/b.html"]
    assert found.pages["http://news.example/a.html"].language == "en"  # type: ignore[union-attr]
    found = discover(atom("A", ["http://news.example/c.html"]), base, "", 10**6)
    assert list(found.pages) == ["http://news.example/c.html"]
    found = discover(news_sitemap(["http://news.example/d.html"], "The Paper"), base, "", 10**6)
    hint = found.pages["http://news.example/d.html"]
    assert found.kind == "sitemap" and hint is not None
    assert (hint.outlet, hint.language, hint.title) == ("The Paper", "en", "Item 0")
    index = gzip.compress(sitemap_index(["http://news.example/s1.xml"]))  # sitemap.xml.gz
    assert discover(index, base, "application/gzip", 10**6).sitemaps == [
        "http://news.example/s1.xml"
    ]
    listed = discover(
        b"http://news.example/e.html\nhttps://x.example/f\n", base, "text/plain", 10**6
    )
    assert list(listed.pages) == ["http://news.example/e.html", "https://x.example/f"]
    assert discover(b"<!doctype html><html><p>hi</p></html>", base, "", 10**6).kind == "page"


def test_discovery_refuses_what_is_no_feed() -> None:
    with pytest.raises(NotUsable, match="not a feed, sitemap or HTML page"):
        discover(b"just some words, no links", "http://x.example/", "text/plain", 10**6)
    with pytest.raises(NotUsable):
        discover(b"<?xml version='1.0'?><note>hi</note>", "http://x.example/", "text/xml", 10**6)


def test_sources_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[[source]]\nname = "The Paper"\nfeeds = ["https://paper.example/rss?utm_source=x"]\n'
        'language = "en"\ndelay = 2\n\n[[source]]\nsitemaps = ["https://b.example/news.xml"]\n'
        'sites = ["https://c.example/"]\n',
        encoding="utf-8",
    )
    first, second = read_sources(path)
    assert first.info.name == "The Paper" and first.info.delay == 2.0
    assert [(t.url, t.kind) for t in first.targets] == [("https://paper.example/rss", "feed")]
    assert [t.kind for t in second.targets] == ["sitemap", "site"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[[source]]\nfeed = ["https://a.example/"]\n', "unknown key 'feed'"),
        ('[[source]]\nname = "A"\n', "give at least one of feeds"),
        ('[[source]]\nfeeds = ["ftp://a.example/"]\n', "not an http or https URL"),
        ('[[source]]\nfeeds = ["https://a.example/"]\nlanguage = "English"\n', "ISO 639-1"),
        ('[[source]]\nfeeds = ["https://a.example/"]\ndelay = -1\n', "delay must be"),
        ("[[source]\n", "not valid TOML"),
        ('feeds = ["https://a.example/"]\n', "unknown top-level key"),
    ],
)
def test_a_bad_sources_file_names_the_problem(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=words) as caught:
        read_sources(path)
    assert str(path) in str(caught.value)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert _retry_after("120") == 120.0
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 25 <= (_retry_after(later) or 0) <= 31
    assert _retry_after("soon") is None and _retry_after(None) is None


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("1h30m", 5400), ("2", 2), ("1d", 86400)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0s", "15x", "m15"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(UsageError):
        parse_duration(text)


def test_gates_space_requests_to_one_host_and_not_across_hosts() -> None:
    async def starts() -> dict[str, list[float]]:
        gates = Gates(delay=0.1, per_host=2, total=8)
        gates.set_floor("http://b:80", 0.2)  # robots.txt Crawl-delay
        seen: dict[str, list[float]] = {"http://a:80": [], "http://b:80": [], "http://c:80": []}
        loop = asyncio.get_running_loop()

        async def one(host: str) -> None:
            async with gates.slot(host):
                seen[host].append(loop.time())

        await asyncio.gather(*(one(host) for host in seen for _ in range(3)))
        return seen

    seen = asyncio.run(starts())
    gaps = {host: [b - a for a, b in itertools.pairwise(t)] for host, t in seen.items()}
    assert all(gap >= 0.09 for gap in gaps["http://a:80"])
    assert all(gap >= 0.19 for gap in gaps["http://b:80"])
    firsts = sorted(t[0] for t in seen.values())
    assert firsts[-1] - firsts[0] < 0.05  # hosts do not wait for one another
