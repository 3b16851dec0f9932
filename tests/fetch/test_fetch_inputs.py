"""What `fetch` accepts: a sources file with a home page, a local list of URLs, a local
feed, a JSON Feed; and what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fetch_loopback import Loopback, Reply, rss, seed_html
from fetch_site import fast_settings

from storyline.errors import UsageError
from storyline.fetch.discover import discover
from storyline.live import fetch
from storyline.store import open_store

_TEXT = "A headline about {n}\n" + "A sentence on the matter of {n} and what happened next. " * 20


def _pages(loopback: Loopback, count: int) -> list[str]:
    return [
        loopback.page(f"/story-{n}.html", seed_html(_TEXT.format(n=n)).encode())
        for n in range(count)
    ]


def test_a_home_page_is_read_for_the_feeds_it_announces(loopback: Loopback, tmp_path: Path) -> None:
    pages = _pages(loopback, 2)
    loopback.add(
        "/feed.xml", Reply(200, rss("Home", pages), {"Content-Type": "application/rss+xml"})
    )
    home = '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    loopback.page("/", (home + "</head><body><p>Front page</p></body></html>").encode())
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "Home Daily"\nsites = ["{loopback.url("/")}"]\n', encoding="utf-8"
    )
    db = tmp_path / "h.db"
    result = fetch([str(sources)], str(db), settings=fast_settings(), briefs=False)
    assert result.fetch.fetched == {"site": 1, "feed": 1, "page": 2}
    with open_store(db) as store:
        assert {a.outlet for a in store.load_articles(store.article_ids())} == {"Home Daily"}
        kinds = {row["url"]: (row["kind"], row["via"]) for row in store.fetch_log()}
    assert kinds[loopback.url("/feed.xml")] == ("feed", loopback.url("/"))


def test_a_local_list_of_urls(loopback: Loopback, tmp_path: Path) -> None:
    pages = _pages(loopback, 3)
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(pages) + "\n", encoding="utf-8")
    result = fetch([str(listing)], str(tmp_path / "l.db"), settings=fast_settings(), briefs=False)
    assert result.ingest.progress.new == 3


def test_json_feeds_are_read() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "items": [
            {"id": "1", "url": "https://news.example/a.html", "title": "A"},
            {"id": "2", "url": "https://news.example/b.html?utm_source=json", "title": "B"},
        ],
    }
    found = discover(json.dumps(feed).encode(), "https://news.example/feed.json", "", 10**6)
    assert found.kind == "feed"
    assert sorted(found.pages) == ["https://news.example/a.html", "https://news.example/b.html"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("<html><body><p>a page</p></body></html>", "storyline ingest"),
        ("just words", "give a feed"),
    ],
)
def test_local_files_that_list_no_urls_are_refused(
    tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "input.html"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=words):
        fetch([str(path)], str(tmp_path / "x.db"), settings=fast_settings())


def test_pages_are_cleaned_in_worker_processes_with_jobs(
    loopback: Loopback, tmp_path: Path
) -> None:
    pages = _pages(loopback, 6)
    loopback.add("/feed.xml", Reply(200, rss("J", pages), {"Content-Type": "text/xml"}))
    db = tmp_path / "j.db"
    result = fetch(
        [loopback.url("/feed.xml")], str(db), settings=fast_settings(jobs=2), briefs=False
    )
    assert result.ingest.progress.new == 6
    with open_store(db) as store:
        rows = [r for r in store.fetch_log() if r["kind"] == "page"]
        assert all(store.has_article(r["article_id"]) for r in rows) and len(rows) == 6
