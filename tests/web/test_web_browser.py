"""The pages in a real browser (headless Chromium, Playwright's sync API): click into the
seeds' story, reveal a cited sentence, search from the box, open the hostile article
without any script running, and look at each page (home, topic, story, search, article)
with a screenshot of each written to ``test-artifacts/screenshots/`` (not committed;
``STORYLINE_TEST_ARTIFACTS`` moves it). The coverage chart's bars are checked against the
story's JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright
from web_builders import SCRIPT, XSS_ID, WebStore

from storyline.cli.serve import listen
from storyline.render.brief import outlet_key
from storyline.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(
    os.environ.get(
        "STORYLINE_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"
    )
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(), reason=f"browser tests need Chromium at {CHROMIUM} (apt chromium)"
)


TOPIC = "t-browser"


@pytest.fixture(scope="module")
def showcase(web_store: WebStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web store with both stories in one topic and a disagreement in the seeds'
    brief, so every part of the pages shows."""
    db = tmp_path_factory.mktemp("browser") / "showcase.db"
    shutil.copy(web_store.path, db)
    brief = web_store.briefs[web_store.seeds_story]
    hindu, hani = brief["articles"][0], brief["articles"][1]
    conflict = {
        "kind": "contradiction",
        "about": "when Putin travels",
        "sides": [
            {"value": "in the coming weeks", "articles": [hindu["id"]], "text": "Soon."},
            {"value": "next year", "articles": [hani["id"]], "text": "Later."},
        ],
    }
    changed = {**brief, "conflicts": [conflict]}
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE stories SET topic = ?", (TOPIC,))
        conn.execute(
            "UPDATE briefs SET json = ? WHERE story_id = ?",
            (json.dumps(changed), web_store.seeds_story),
        )
    return db


@pytest.fixture(scope="module")
def base_url(showcase: Path) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a background thread."""
    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(showcase), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(300):
            if server.started:
                break
            thread.join(0.05)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page that records dialogs (accepted, so a script could not block) and any
    console error, such as a Content-Security-Policy violation."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


def screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot kept as a test artifact."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def test_citation_reveals_the_cited_sentence(
    watched: Watched, base_url: str, web_store: WebStore, tmp_path: Path
) -> None:
    page = watched.page
    brief = web_store.briefs[web_store.seeds_story]
    page.goto(base_url + "/")
    page.get_by_role("link", name=brief["headline"]).click()
    page.wait_for_url(f"**/stories/{web_store.seeds_story}")
    assert page.locator("h1").first.inner_text() == brief["headline"]

    # The last citation of the first summary sentence: another outlet's own wording.
    citation: dict[str, Any] = brief["summary"][0]["citations"][-1]
    cited = web_store.texts[citation["article"]][citation["start"] : citation["end"]]
    outlet = next(a["outlet"] for a in brief["articles"] if a["id"] == citation["article"])
    sentence = page.locator("section.summary p.sentence").first
    link = sentence.locator(
        f'sup.cite a[data-article="{citation["article"]}"][data-start="{citation["start"]}"]'
    )
    reveal = sentence.locator(".reveal")
    assert reveal.count() == 0
    link.click()
    reveal.wait_for(state="visible")
    assert reveal.locator(".cited-text").inner_text() == cited
    assert reveal.locator(".cited-text").is_visible()
    assert (outlet or "unknown outlet") in reveal.locator(".source").inner_text()
    href = reveal.locator(".source a").get_attribute("href")
    assert href == f"/articles/{citation['article']}#s-{citation['sentence']}"

    shot = screenshot(page, "story-citation")
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    link.click()  # a second click hides it again
    assert reveal.count() == 0
    assert watched.errors == [] and watched.dialogs == []


def test_search_from_the_box(watched: Watched, base_url: str, web_store: WebStore) -> None:
    page = watched.page
    page.goto(base_url + "/")
    box = page.get_by_role("searchbox", name="Search articles and briefs")
    box.fill("visits")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=visits$"))
    results = page.locator("ol.results > li")
    assert results.count() >= 2
    assert page.locator("ol.results mark").first.is_visible()
    assert page.locator("ol.results mark").first.inner_text().lower().startswith("visit")
    seeds = {a["id"] for a in web_store.briefs[web_store.seeds_story]["articles"]}
    first = page.locator('ol.results > li[data-kind="article"]').first
    assert first.get_attribute("data-id") in seeds
    first.locator("a.result-title").click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("a.story-link").inner_text() == web_store.seeds_story
    assert watched.errors == []


def test_hostile_article_runs_no_script(
    watched: Watched, base_url: str, web_store: WebStore
) -> None:
    page = watched.page
    for url in (
        f"/articles/{XSS_ID}",
        f"/stories/{web_store.xss_story}",
        "/search?q=alert",
        "/",
    ):
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        assert page.locator("main img").count() == 0, url
    page.goto(base_url + f"/articles/{XSS_ID}")
    assert SCRIPT in page.locator("h1").inner_text()
    text = page.locator("div.text")
    assert SCRIPT in text.inner_text()
    assert page.get_by_text(SCRIPT, exact=False).first.is_visible()
    page.wait_for_timeout(300)  # time for an onerror handler to fire, were there one
    assert watched.dialogs == []
    assert watched.errors == []


def test_home_page_groups_stories_by_topic(
    watched: Watched, base_url: str, web_store: WebStore
) -> None:
    page = watched.page
    page.goto(base_url + "/")
    topic = page.locator(f'section.topic[data-topic="{TOPIC}"]')
    cards = topic.locator("article.card")
    assert cards.count() == 2
    assert cards.nth(0).get_attribute("data-story") == web_store.xss_story  # newest first
    seeds = cards.nth(1)
    brief = web_store.briefs[web_store.seeds_story]
    assert seeds.locator(".card-title a").inner_text() == brief["headline"]
    assert seeds.locator("p.lead").inner_text() == brief["summary"][0]["text"]
    assert seeds.locator(".outlets").inner_text() == "The Hindu, The Moscow Times, hani.co.kr"
    assert "5 articles" in seeds.locator(".card-meta").inner_text()
    screenshot(page, "home")
    topic.locator("h2.topic-head a").click()
    page.wait_for_url(f"**/topics/{TOPIC}")
    assert page.locator("section.topic article.card").count() == 2
    screenshot(page, "topic")
    assert watched.errors == []


def test_story_page_draws_charts_and_the_reading_aids(
    watched: Watched, base_url: str, web_store: WebStore
) -> None:
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + f"/stories/{web_store.seeds_story}")
    brief = web_store.briefs[web_store.seeds_story]
    bars = page.locator("svg.coverage rect.bar")
    assert bars.count() >= 2 and bars.first.is_visible()
    events = page.locator("svg.timeline-svg g.event")
    dated = [t for t in brief["timeline"] if t["date"]]
    assert events.count() == len(dated) + 1  # and the days the articles came out
    assert page.locator('svg.timeline-svg g.event[data-kind="reported"]').count() == 1
    first = page.locator("table.facts td.first").first.inner_text()
    assert first.startswith("The Hindu") and "10 Jun 2024" in first
    sides = page.locator("section.conflicts .side")
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left is not None and right is not None
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]  # side by side
    groups = page.locator("section.unique-details .outlet-details")
    assert groups.count() == len({d["article"] for d in brief["unique_details"]})
    sources = page.locator("section.sources li")
    assert sources.count() == len(brief["articles"])
    assert "seeds/" in sources.first.locator("code.meta").inner_text()
    screenshot(page, "story")
    sources.first.locator("a.article-page").click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("h1").inner_text() == brief["articles"][0]["title"]
    assert page.locator("dl.article-meta code").inner_text().startswith("seeds/")
    screenshot(page, "article")
    assert watched.errors == []


def test_coverage_bars_equal_the_counts_in_the_json(
    watched: Watched, base_url: str, web_store: WebStore
) -> None:
    page = watched.page
    page.goto(base_url + f"/stories/{web_store.seeds_story}")
    brief = page.request.get(base_url + f"/api/stories/{web_store.seeds_story}").json()
    expected: dict[tuple[str, str], int] = {}
    totals: dict[str, int] = {}
    for article in brief["articles"]:
        outlet = outlet_key(article) or "unknown outlet"
        totals[outlet] = totals.get(outlet, 0) + 1
        if article["published"]:
            key = (outlet, article["published"][:10])
            expected[key] = expected.get(key, 0) + 1
    drawn: dict[tuple[str, str], int] = {}
    heights = []
    bars = page.locator("svg.coverage rect.bar")
    for n in range(bars.count()):
        bar = bars.nth(n)
        start, end = bar.get_attribute("data-start"), bar.get_attribute("data-end")
        assert start == end  # a story of two days is drawn per day
        outlet, count = bar.get_attribute("data-outlet"), int(bar.get_attribute("data-count") or 0)
        assert outlet is not None and start is not None
        drawn[(outlet, start)] = count
        box = bar.bounding_box()
        assert box is not None and box["height"] > 0
        heights.append(box["height"] / count)
    assert drawn == expected
    assert max(heights) - min(heights) < 0.5  # the same pixels per article in every bar
    legend = page.locator("figure.coverage-chart ul.legend li")
    shown = {
        legend.nth(n).get_attribute("data-outlet"): int(legend.nth(n).locator("span").inner_text())
        for n in range(legend.count())
    }
    assert shown == totals
    undated = sum(1 for a in brief["articles"] if not a["published"])
    assert (
        f"{undated} undated articles not drawn"
        in page.locator("figure.coverage-chart").inner_text()
    )


def test_search_filters_by_outlet_in_the_page(
    watched: Watched, base_url: str, web_store: WebStore
) -> None:
    page = watched.page
    page.goto(base_url + "/search?q=Putin")
    assert page.locator("ol.results > li").count() >= 4
    page.locator('select[name="outlet"]').select_option("The Hindu")
    page.locator("form.filters button").click()
    page.wait_for_url(re.compile(r"outlet=The\+Hindu"))
    results = page.locator('ol.results > li[data-kind="article"]')
    assert results.count() == 1
    meta = results.first.locator(".result-meta").inner_text()
    assert "10 Jun 2024" in meta and "The Hindu" in meta
    assert results.first.locator("a.story-link").get_attribute("href") == (
        f"/stories/{web_store.seeds_story}"
    )
    screenshot(page, "search")
    assert watched.errors == []
