"""`storyline fetch` against loopback servers: real pages, feeds and sitemaps, and every
kind of faulty endpoint. Nothing is lost: each URL ends stored or as one failure."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fetch_loopback import Loopback, Reply, rss, seed_html
from fetch_site import NewsSite, build_site, fast_settings

from storyline.fetch import FetchSession, Outcome, Target, url_id
from storyline.live import FetchResult, fetch
from storyline.store import open_store


def _run(site: NewsSite, db: Path, **changes: object) -> tuple[FetchResult, list[Outcome]]:
    outcomes: list[Outcome] = []
    inputs = [site.url("/rss.xml"), site.url("/atom.xml"), site.url("/sitemap-index.xml")]
    result = fetch(
        inputs, str(db), settings=fast_settings(**changes), briefs=False, on_outcome=outcomes.append
    )
    return result, outcomes


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Any:
    server = Loopback()
    site = build_site(server, seeds_dir)
    db = tmp_path_factory.mktemp("fetch") / "news.db"
    result, outcomes = _run(site, db)
    yield site, db, result, outcomes
    server.close()


def _log(db: Path) -> list[dict[str, Any]]:
    with open_store(db) as store:
        return store.fetch_log()


def test_every_url_is_stored_or_one_failure_with_its_reason(first_run: Any) -> None:
    site, db, result, outcomes = first_run
    failures = {o.target.url: o.error for o in outcomes if o.error}
    assert failures == site.faulty
    pages = [*site.seeds, *site.benchmark, *site.retried]
    log = _log(db)
    by_url = {row["url"]: row for row in log}
    assert len(log) == len(by_url), "one row per URL"
    assert set(by_url) == {
        *pages,
        *site.faulty,
        *(
            site.url(p)
            for p in ("/rss.xml", "/atom.xml", "/sitemap-index.xml", "/news-sitemap.xml")
        ),
    }
    with open_store(db) as store:
        for url in pages:
            assert by_url[url]["error"] is None and by_url[url]["status"] == 200, url
            assert store.has_article(by_url[url]["article_id"]), url
        for url, reason in site.faulty.items():
            assert by_url[url]["error"] == reason and by_url[url]["article_id"] is None
    counts = result.fetch
    assert dict(counts.failed) == {
        "not-found": 1,
        "timeout": 1,
        "too-large": 2,
        "redirect-loop": 1,
        "content-type": 1,
        "robots-disallowed": 1,
        "rate-limited": 1,
        "unsupported-scheme": 1,
    }
    assert counts.fetched == {"page": len(pages), "feed": 2, "sitemap": 2}
    assert result.ingest.progress.new == len(pages)


def test_an_article_in_two_feeds_is_fetched_once_and_robots_are_honoured(first_run: Any) -> None:
    site, _db, result, _outcomes = first_run
    server = site.server
    for n in range(len(site.seeds)):
        assert server.count(f"/news/seed-{n}.html") == 1
    assert result.fetch.repeated >= 3  # seeds 0-2 are in both feeds
    assert server.count("/private/secret.html") == 0
    assert server.count("/robots.txt") == 1
    assert server.agents == {"storyline-test/1.0 (tests@example.org)"}


def test_retries_backoff_and_limits(first_run: Any) -> None:
    site, _db, _result, outcomes = first_run
    server = site.server
    assert server.count("/flaky.html") == 2 and server.count("/busy.html") == 2
    assert server.count("/always-busy.html") == 1  # Retry-After 3600 s: not waited for
    assert server.count("/slow.html") == 1 and server.count("/missing.html") == 1
    assert server.count("/loop-a.html") == 1 and server.count("/loop-b.html") == 1
    by_url = {o.target.url: o for o in outcomes}
    assert by_url[site.url("/busy.html")].elapsed >= 1.0  # Retry-After: 1
    assert by_url[site.url("/slow.html")].elapsed < 2.5
    bomb = by_url[site.url("/bomb.html")]
    assert bomb.bytes < 1_000_000 and "limit" in (bomb.message or "")
    assert "loop-b.html -> " in (by_url[site.url("/loop-a.html")].message or "")


def test_provenance_charsets_and_hints(first_run: Any) -> None:
    site, db, _result, _outcomes = first_run
    with open_store(db) as store:
        articles = {a.url: a for a in store.load_articles(store.article_ids())}
    for url in site.seeds:
        article = articles[url]
        assert article.id == url_id(url)
        assert article.provenance.url == url and article.provenance.status == 200
        assert article.provenance.fetched is not None
    # cp1252 declared only in the meta tag, and only in the HTTP header
    assert "’" in articles[site.seeds[0]].text and "“" in articles[site.seeds[0]].text
    assert "–" in articles[site.seeds[1]].text and "…" in articles[site.seeds[1]].text
    # benchmark pages, half of them gzip-encoded, all cleaned to real text
    for url in site.benchmark:
        assert articles[url].word_count > 50, url


def test_a_second_run_asks_only_conditionally_and_stores_nothing_twice(
    first_run: Any, tmp_path: Path
) -> None:
    site, db, _result, _outcomes = first_run
    copy = tmp_path / "again.db"
    shutil.copy(db, copy)
    before = dict(site.server.hits)
    result, outcomes = _run(site, copy)
    asked = {path: n - before.get(path, 0) for path, n in site.server.hits.items()}
    asked = {path: n for path, n in asked.items() if n}
    # the feeds and sitemaps answer 304 (If-None-Match), so nothing they list is asked
    # for again; the index's sitemap is asked for although the index did not change
    assert asked == {
        "/rss.xml": 1,
        "/atom.xml": 1,
        "/sitemap-index.xml": 1,
        "/news-sitemap.xml": 1,
        "/robots.txt": 1,
    }
    assert result.fetch.not_modified == 4 and not result.fetch.failed
    assert result.ingest.progress.new == 0
    assert {o.status for o in outcomes} == {304}


def test_a_page_seen_before_is_passed_over_when_a_feed_lists_it_again(
    loopback: Loopback, tmp_path: Path
) -> None:
    text = "A headline\n" + "A sentence that says something about the world. " * 20
    page = loopback.page("/a.html", seed_html(text).encode())
    loopback.add("/feed.xml", Reply(200, rss("F", [page]), {"Content-Type": "text/xml"}))
    db = str(tmp_path / "n.db")
    settings = fast_settings()
    first = fetch([loopback.url("/feed.xml")], db, settings=settings, briefs=False)
    assert first.ingest.progress.new == 1
    second = fetch([loopback.url("/feed.xml")], db, settings=settings, briefs=False)
    assert second.fetch.known == 1 and loopback.count("/a.html") == 1
    # given by hand, the page is asked for again (conditionally) and stored once
    third = fetch([page], db, settings=settings, briefs=False)
    assert loopback.count("/a.html") == 2 and third.ingest.progress.already == 1


def test_a_host_that_is_down_fails_alone(loopback: Loopback, tmp_path: Path) -> None:
    text = "A headline\n" + "A sentence that says something about the world. " * 20
    page = loopback.page("/up.html", seed_html(text).encode())
    dead = "http://127.0.0.1:9/down.html"  # the discard port: nothing listens
    result = fetch([dead, page], str(tmp_path / "d.db"), settings=fast_settings(), briefs=False)
    assert dict(result.fetch.failed) == {"robots-unreachable": 1}
    assert result.ingest.progress.new == 1


def test_a_304_without_validators_keeps_the_ones_of_the_last_200(
    loopback: Loopback, tmp_path: Path
) -> None:
    asked: list[str | None] = []

    def feed(number: int, headers: dict[str, str]) -> Reply:
        asked.append(headers.get("if-none-match"))
        if headers.get("if-none-match") == '"v1"':
            return Reply(304)  # no ETag repeated, as many servers do
        return Reply(200, rss("F", []), {"Content-Type": "text/xml", "ETag": '"v1"'})

    loopback.add("/feed.xml", feed)
    db = str(tmp_path / "v.db")
    for _ in range(3):
        fetch([loopback.url("/feed.xml")], db, settings=fast_settings(), briefs=False)
    assert asked == [None, '"v1"', '"v1"']


def test_an_unreadable_robots_txt_is_asked_for_again_later(
    loopback: Loopback, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.fetch.robots as robots

    monkeypatch.setattr(robots, "UNREACHABLE_SECONDS", 0.0)
    loopback.add("/robots.txt", lambda n, h: Reply(503) if n <= 3 else Reply(200, b""))
    text = "A headline\n" + "A sentence that says something about the world. " * 20
    loopback.page("/a.html", seed_html(text).encode())
    with FetchSession(fast_settings(max_retries=2)) as session:
        first = list(session.run([Target(loopback.url("/a.html"), "page")], lambda url: None))
        second = list(session.run([Target(loopback.url("/a.html"), "page")], lambda url: None))
    assert [o.error for o in first] == ["robots-unreachable"]
    assert [o.error for o in second] == [None] and loopback.count("/a.html") == 1
