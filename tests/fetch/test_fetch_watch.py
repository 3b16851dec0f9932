"""`watch`: rounds of conditional fetches; a failing host does not stop the others; a
restarted watch resumes from the fetch log (feeds not yet due, failed pages retried up
to three tries in all)."""

from __future__ import annotations

from pathlib import Path

from fetch_loopback import Loopback, Reply, rss, seed_html
from fetch_site import fast_settings

from storyline.errors import StorylineError
from storyline.live import FetchResult, watch
from storyline.store import open_store

_TEXT = "A headline about {n}\n" + "A sentence on the matter of {n} and what happened. " * 20


def _sources(tmp_path: Path, feed: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[[source]]\nname = "Loopback Daily"\nfeeds = ["{feed}"]\nlanguage = "en"\n\n'
        '[[source]]\nname = "Down Host"\nfeeds = ["http://127.0.0.1:9/feed.xml"]\n',
        encoding="utf-8",
    )
    return path


def test_watch_rounds_a_failing_host_and_a_restart(loopback: Loopback, tmp_path: Path) -> None:
    listed = [loopback.page("/one.html", seed_html(_TEXT.format(n="one")).encode())]
    listed.append(loopback.add("/broken.html", Reply(503)))

    def feed(number: int, headers: dict[str, str]) -> Reply:
        etag = f'"{len(listed)}"'
        if headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, rss("Daily", listed), {"Content-Type": "text/xml", "ETag": etag})

    loopback.add("/feed.xml", feed)
    sources, db = _sources(tmp_path, loopback.url("/feed.xml")), str(tmp_path / "w.db")
    rounds: list[FetchResult | StorylineError] = []
    waits: list[float] = []

    def between(seconds: float) -> None:  # a new page appears while the watch sleeps
        waits.append(seconds)
        listed.append(loopback.page("/two.html", seed_html(_TEXT.format(n="two")).encode()))

    settings = fast_settings(max_retries=0)
    done = watch(
        db,
        str(sources),
        every=0.1,
        settings=settings,
        rounds=2,
        briefs=False,
        on_round=rounds.append,
        sleep=between,
    )
    assert done == 2 and len(waits) == 1
    first, second = rounds
    assert isinstance(first, FetchResult) and isinstance(second, FetchResult)
    assert first.ingest.progress.new == 1 and second.ingest.progress.new == 1
    assert first.fetch.failed == {"robots-unreachable": 1, "server-error": 1}
    assert loopback.count("/one.html") == 1 and loopback.count("/two.html") == 1
    assert loopback.count("/broken.html") == 2  # listed again: a second try
    with open_store(db) as store:
        stored = store.load_articles(store.article_ids())
    assert {a.outlet for a in stored} == {"Loopback Daily"}
    assert {a.language for a in stored} == {"en"}

    # a restart within the hour: the feed is not due, the broken page gets its third try
    feed_hits = loopback.count("/feed.xml")
    rounds.clear()
    watch(
        db,
        str(sources),
        every=3600,
        settings=settings,
        rounds=1,
        briefs=False,
        on_round=rounds.append,
    )
    assert loopback.count("/feed.xml") == feed_hits
    assert loopback.count("/broken.html") == 3
    watch(db, str(sources), every=3600, settings=settings, rounds=1, briefs=False)
    assert loopback.count("/broken.html") == 3  # three tries in all, then left alone
    with open_store(db) as store:
        rows = store.fetch_log()
    assert sum(r["url"].endswith("/broken.html") for r in rows) == 3
    assert all(r["error"] == "server-error" for r in rows if r["url"].endswith("/broken.html"))


def test_a_round_that_cannot_run_is_reported_and_the_watch_goes_on(
    loopback: Loopback, tmp_path: Path
) -> None:
    loopback.add("/feed.xml", Reply(200, rss("Daily", []), {"Content-Type": "text/xml"}))
    sources, db = _sources(tmp_path, loopback.url("/feed.xml")), tmp_path / "locked.db"
    rounds: list[FetchResult | StorylineError] = []
    with open_store(db, writer=True):  # another ingest holds the store
        watch(
            str(db),
            str(sources),
            every=0.1,
            settings=fast_settings(),
            rounds=2,
            on_round=rounds.append,
            sleep=lambda s: None,
        )
    assert len(rounds) == 2 and all(isinstance(r, StorylineError) for r in rounds)
    assert "another storyline ingest is writing" in str(rounds[0])
