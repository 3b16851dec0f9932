"""The pages in a real browser (headless Chromium, Playwright's sync API): click into the
seeds' story, reveal a cited sentence, search from the box, and open the hostile article
without any script running."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright
from web_builders import SCRIPT, XSS_ID, WebStore

from storyline.cli.serve import listen
from storyline.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
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


@pytest.fixture(scope="module")
def base_url(web_store: WebStore) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a background thread."""
    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_store.path), log_level="warning"))
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

    shot = tmp_path / "story.png"
    page.screenshot(path=str(shot), full_page=True)
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
