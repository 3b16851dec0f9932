"""The HTML pages: story list, brief, article, search; escaping and security headers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from markupsafe import escape
from web_builders import IMAGE, SCRIPT, XSS_COPY_ID, XSS_ID, XSS_TITLE, XSS_URL, WebStore

from storyline.store import open_store
from storyline.web import create_app
from storyline.web.views import search_marks, snippet_pieces


def html(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def cards(page: str) -> list[str]:
    """The story ids of a list page's cards, in order."""
    return re.findall(r'<article class="card" data-story="([^"]+)">', page)


def card(page: str, story: str) -> str:
    return page.split(f'<article class="card" data-story="{story}">')[1].split("</article>")[0]


def test_story_list(client: TestClient, web_store: WebStore) -> None:
    page = html(client, "/")
    assert cards(page) == [web_store.xss_story, web_store.seeds_story]  # newest first
    seeds = web_store.briefs[web_store.seeds_story]
    shown = card(page, web_store.seeds_story)
    assert f'<a href="/stories/{web_store.seeds_story}">{escape(seeds["headline"])}</a>' in shown
    assert f'<p class="lead">{escape(seeds["summary"][0]["text"])}</p>' in shown
    assert '<span class="outlets">The Hindu, The Moscow Times, hani.co.kr</span>' in shown
    counts = dict(re.findall(r'data-count="(\w+)">(\d+) ', shown))
    with open_store(web_store.path) as store:
        row = store.story(web_store.seeds_story)
    assert row is not None
    assert counts == {
        "articles": "5",
        "outlets": str(row["outlet_count"]),
        "origins": str(row["independent_origins"]),
    }
    assert '<time datetime="2024-06-11' in shown and ">11 Jun 2024</time>" in shown
    assert 'aria-current="page">newest activity first' in page
    largest = html(client, "/?order=largest")
    assert cards(largest) == [web_store.seeds_story, web_store.xss_story]
    assert 'aria-current="page">largest first' in largest


def test_story_list_pages(web_store: WebStore) -> None:
    with TestClient(create_app(web_store.path, per_page=1)) as paged:
        first = html(paged, "/?order=largest")
        assert 'rel="next" href="/?order=largest&amp;page=2"' in first
        assert 'rel="prev"' not in first
        second = html(paged, "/?order=largest&page=2")
        assert cards(second) == [web_store.xss_story]
        assert 'rel="prev" href="/?order=largest"' in second
        assert 'rel="next"' not in second


class CitationLinks(HTMLParser):
    """The attributes of every citation link (an ``<a data-article=... data-start=...>``)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "a" and "data-article" in named and "data-start" in named:
            self.found.append(named)


def test_story_page_shows_the_whole_brief(client: TestClient, web_store: WebStore) -> None:
    brief = web_store.briefs[web_store.seeds_story]
    page = html(client, f"/stories/{web_store.seeds_story}")
    assert f"<h1>{escape(brief['headline'])}</h1>" in page
    links = {
        (a["data-article"], a["data-start"], a["data-end"]): a.get("title")
        for a in CitationLinks(page).found
    }
    for sentence in brief["summary"]:
        assert str(escape(sentence["text"])) in page
        for c in sentence["citations"]:
            title = links[(c["article"], str(c["start"]), str(c["end"]))]
            assert title == web_store.texts[c["article"]][c["start"] : c["end"]]
    for article in brief["articles"]:
        assert f'<a href="/articles/{article["id"]}">' in page
    assert '<table class="facts">' in page
    assert "independent origins" in page
    for heading in ("Facts across outlets", "Who is cited", "People, places", "Timeline"):
        assert heading in page
    if brief["quotes"]:
        assert "<h2>Quotes</h2>" in page
    if brief["unique_details"]:
        assert "Reported by one outlet only" in page
    assert f'href="/api/stories/{web_store.seeds_story}"' in page


def test_article_page_strikes_removed_boilerplate(client: TestClient, web_store: WebStore) -> None:
    brief = web_store.briefs[web_store.seeds_story]
    for article in brief["articles"]:
        page = html(client, f"/articles/{article['id']}")
        text = web_store.texts[article["id"]]
        assert f'<a class="story-link" href="/stories/{web_store.seeds_story}">' in page
        assert "none: this is an original" in page
        for removed in article["removed"]:
            struck = f'<del>{escape(removed["text"])}</del><span class="reason"'
            assert struck in page
            assert f">{escape(removed['reason'])}</span>" in page
        sentences = re.findall(r'<span class="sentence" id="s-(\d+)"', page)
        assert sentences and sentences == [str(n) for n in range(len(sentences))]
        # The sentences and the text between them add up to the whole cleaned text.
        shown = page.split('<div class="text">')[1].split("</div>")[0]
        assert re.sub(r"<[^>]+>", "", shown) == str(escape(text))


def test_article_page_shows_duplicate_of(client: TestClient) -> None:
    page = html(client, f"/articles/{XSS_COPY_ID}")
    assert f'<dd class="duplicate-of"><a href="/articles/{XSS_ID}">{XSS_ID}</a>' in page
    assert "exact copy" in page


def test_search_page_marks_matches_in_escaped_snippets(
    client: TestClient, web_store: WebStore
) -> None:
    page = html(client, "/search?q=visits")
    assert 'value="visits"' in page  # the box keeps the query
    seeds = {a["id"] for a in web_store.briefs[web_store.seeds_story]["articles"]}
    found = set(re.findall(r'<li data-kind="article" data-id="([^"]+)">', page))
    assert found & seeds
    assert re.search(r"<mark>[Vv]isit\w*</mark>", page)
    hostile = html(client, "/search?q=alert")
    assert f'<li data-kind="article" data-id="{XSS_ID}">' in hostile
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in hostile


def test_article_text_is_never_markup(client: TestClient, web_store: WebStore) -> None:
    pages = [
        "/",
        "/?order=largest",
        f"/stories/{web_store.xss_story}",
        f"/articles/{XSS_ID}",
        f"/articles/{XSS_COPY_ID}",
        "/search?q=alert",
        "/search?q=onerror",
        "/search?q=" + SCRIPT,
    ]
    for url in pages:
        page = html(client, url)
        assert SCRIPT not in page and IMAGE not in page, url
        assert "<img" not in page, url
        assert "&lt;script&gt;" in page, url
    assert str(escape(XSS_TITLE)) in html(client, f"/articles/{XSS_ID}")


class InlineCode(HTMLParser):
    """Inline code in a page: ``<style>``, a ``<script>`` without ``src``, a ``style`` or
    event-handler attribute."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        if tag == "style" or (tag == "script" and "src" not in names):
            self.found.append(tag)
        self.found.extend(f"{tag} {n}" for n in names if n == "style" or n.startswith("on"))


def test_security_headers(client: TestClient, web_store: WebStore) -> None:
    cached = ("/", f"/stories/{web_store.seeds_story}")  # the same bytes for every client
    for url in (*cached, f"/articles/{XSS_ID}", "/search?q=putin", "/nowhere"):
        response = client.get(url)
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        nonce = re.search(r"'nonce-([^']+)'", policy)
        assert (nonce is None) == (url in cached), url
        # No inline script or style at all: the style sheet and script are files.
        assert InlineCode(response.text).found == [], url
        assert response.headers["x-content-type-options"] == "nosniff"
    for url in ("/api/stories", "/api/stories/nope"):
        headers = client.get(url).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["content-security-policy"].startswith("default-src 'none'")


def test_static_files_are_versioned(client: TestClient) -> None:
    page = html(client, "/")
    href = re.search(r'<link rel="stylesheet" href="(/static/style.css\?v=\w+)">', page)
    assert href is not None
    response = client.get(href.group(1))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert "immutable" in response.headers["cache-control"]
    again = client.get("/static/style.css", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_no_external_resources(client: TestClient, web_store: WebStore) -> None:
    """Nothing is loaded from elsewhere; the only outside addresses are links to the
    originals (``a class="original"``)."""
    for url in (
        "/",
        f"/stories/{web_store.seeds_story}",
        f"/stories/{web_store.xss_story}",
        f"/articles/{XSS_ID}",
    ):
        page = html(client, url)
        assert not re.search(r'src="(https?:)?//', page), url
        assert not re.search(r'<link[^>]*href="(https?:)?//', page), url
        for tag in re.findall(r'<a\b[^>]*href="(?:https?:)?//[^"]*"[^>]*>', page):
            assert 'class="original"' in tag and 'rel="noopener noreferrer"' in tag, tag


def test_links_to_the_originals(client: TestClient, web_store: WebStore) -> None:
    """The story page, the article page and search link an article's web address (http
    or https only: a ``javascript:`` url is shown nowhere as a link)."""
    href = escape(XSS_URL)
    story = html(client, f"/stories/{web_store.xss_story}")
    assert f'<a class="original" href="{href}"' in story
    article = html(client, f"/articles/{XSS_ID}")
    assert f'<a class="original" href="{href}"' in article
    found = html(client, "/search?q=municipal")
    assert f'<a class="original" href="{href}"' in found
    for page in (story, article, found, html(client, f"/articles/{XSS_COPY_ID}")):
        assert "javascript:" not in page


def test_snippet_markers_cannot_be_forged() -> None:
    mark = search_marks()
    assert search_marks() != mark  # fresh for every search
    forged = "\ue000\ue001fake\ue002\ue003 [x] <mark>y</mark>"
    snippet = f"{forged} {mark[0]}real{mark[1]} tail {mark[0]}cut"
    assert snippet_pieces(snippet, mark) == [
        (forged + " ", False),
        ("real", True),
        (" tail cut", False),
    ]


def test_article_page_highlights_each_attribution(client: TestClient, web_store: WebStore) -> None:
    """Source, cue and content of the brief's attributions are marked in the text and
    listed below it (issue 16)."""
    brief = web_store.briefs[web_store.seeds_story]
    for article in brief["articles"]:
        outer = [a for a in article["attributions"] if not a.get("nested")]
        page = html(client, f"/articles/{article['id']}")
        text = web_store.texts[article["id"]]
        for role in ("source", "cue", "content"):
            marked = re.findall(rf'<span class="att att-{role}" data-attribution="(\d+)"', page)
            assert bool(marked) == bool(outer), (article["id"], role)
        rows = re.findall(r'<tr id="a-(\d+)">', page)
        assert rows == [str(n) for n in range(1, len(outer) + 1)]
        for att in outer:  # every source is written where its offsets say
            assert text[att["source"]["start"] : att["source"]["end"]] == att["source"]["text"]
        shown = page.split('<div class="text">')[1].split("</div>")[0]
        assert re.sub(r"<[^>]+>", "", shown) == str(escape(text))
    vedomosti = [
        a for art in brief["articles"] for a in art["attributions"] if a["name"] == "Vedomosti"
    ]
    assert vedomosti and all(a["kind"] == "outlet" for a in vedomosti)
