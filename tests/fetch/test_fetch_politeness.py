"""Politeness seen from the server's side: one request at a time per host when asked,
robots.txt's Crawl-delay between requests, limits on redirects and retries."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

from fetch_loopback import Loopback, Reply, rss, seed_html
from fetch_site import fast_settings

from storyline.fetch import FetchSession, Target
from storyline.live import fetch

_TEXT = "A headline\n" + "A sentence that says something about the world today. " * 20


def test_one_request_at_a_time_and_the_crawl_delay(loopback: Loopback, tmp_path: Path) -> None:
    # urllib reads whole seconds: 0.4 is rounded up to 1 (more polite, never less)
    loopback.add("/robots.txt", Reply(200, b"User-agent: *\nCrawl-delay: 0.4\n"))
    pages = [loopback.page(f"/p{n}.html", seed_html(f"{_TEXT} {n}").encode()) for n in range(2)]
    loopback.add("/feed.xml", Reply(200, rss("F", pages), {"Content-Type": "application/rss+xml"}))
    settings = fast_settings(host_concurrency=1, fetch_concurrency=8)
    result = fetch(
        [loopback.url("/feed.xml")], str(tmp_path / "p.db"), settings=settings, briefs=False
    )
    assert result.ingest.progress.new == 2
    assert loopback.most_in_flight == 1
    starts = [t for path, t in loopback.started if path != "/robots.txt"]
    assert len(starts) == 3
    # the client waits 1 s between starts; the server's clock sees them with the jitter
    # of a loaded machine (0.93 s measured under load 10): no delay at all would be ~0 s
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.8


def test_redirects_are_followed_to_a_limit(loopback: Loopback) -> None:
    for n in range(8):
        loopback.add(f"/r{n}.html", Reply(302, b"", {"Location": f"/r{n + 1}.html"}))
    loopback.page("/r8.html", seed_html(_TEXT).encode())
    with FetchSession(fast_settings(max_redirects=3)) as session:
        far, near = session.run(
            [Target(loopback.url("/r0.html"), "page"), Target(loopback.url("/r5.html"), "page")],
            lambda url: None,
        )
    outcomes = {o.target.url: o for o in (far, near)}
    assert outcomes[loopback.url("/r0.html")].error == "too-many-redirects"
    arrived = outcomes[loopback.url("/r5.html")]
    assert arrived.error is None and arrived.final_url == loopback.url("/r8.html")
    assert arrived.document is not None and arrived.document.provenance.url == arrived.final_url


def test_server_errors_are_retried_then_given_up(loopback: Loopback) -> None:
    loopback.add("/down.html", Reply(503))
    loopback.add("/declared.html", Reply(200, b"x" * 3_000_000, {"Content-Type": "text/html"}))
    with FetchSession(fast_settings(max_retries=2)) as session:
        outcomes = list(
            session.run(
                [
                    Target(loopback.url("/down.html"), "page"),
                    Target(loopback.url("/declared.html"), "page"),
                ],
                lambda url: None,
            )
        )
    reasons = {o.target.url.rsplit("/", 1)[1]: (o.error, o.retries) for o in outcomes}
    assert reasons == {"down.html": ("server-error", 2), "declared.html": ("too-large", 0)}
    assert loopback.count("/down.html") == 3


def test_a_trickling_server_is_cut_off_by_the_total_timeout(loopback: Loopback) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(40):  # 12 s in all, a byte every 0.3 s: never a read timeout
            time.sleep(0.3)
            yield b"x"

    loopback.add("/trickle.html", Reply(200, trickle, {"Content-Type": "text/html"}))
    settings = fast_settings(read_timeout=1.0, total_timeout=1.5)
    started = time.monotonic()
    with FetchSession(settings) as session:
        (outcome,) = session.run([Target(loopback.url("/trickle.html"), "page")], lambda u: None)
    assert outcome.error == "timeout" and "--total-timeout" in (outcome.message or "")
    assert time.monotonic() - started < 3.0
