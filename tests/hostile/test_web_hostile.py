"""The web app against hostile requests (issue 18, rows 10-12, and its 500s): every HTTP
method on every route, FTS5 syntax and NUL in every query parameter, odd article ids,
and an error id shared by the 500 answer and the server log."""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from hostile_builders import ODD_IDS
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.store import Store, open_store
from storyline.store.search import fts_query
from storyline.web import create_app

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND")
HOSTILE_VALUES = (
    "\x00",
    "put\x00in",
    "put%00in",
    '"',
    '"unterminated',
    "*",
    "AND",
    "a OR NOT b",
    "NEAR(a b, 2)",
    "title:strike",
    "^strike",
    "-strike",
    "(",
    "{a b}",
    "a'b",
    "\\",
    "\u202egnirts",
    "\ufffd",
    "🙂",
    "\x1b[31m",
    "1e9",
    "-1",
    "0",
    "9" * 30,
    "strike*",
    "a" * 600,
)


@pytest.fixture(scope="module")
def db(hostile_store: tuple[Path, Path]) -> Path:
    return hostile_store[1]


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as test_client:
        yield test_client


def _routes(client: TestClient, db: Path) -> list[str]:
    """One URL per route of the app, with ids that exist."""
    with open_store(db) as store:
        stories = store.stories()
    story = stories[0]["id"]
    topic = next((s["topic"] for s in stories if s.get("topic")), "no-such-topic")
    urls = {
        "/": "/",
        "/search": "/search?q=strike",
        "/stories/{story_id}": f"/stories/{story}",
        "/articles/{article_id}": "/articles/a%2Fb",
        "/api/stories": "/api/stories",
        "/api/search": "/api/search?q=strike",
        "/api/stories/{story_id}": f"/api/stories/{story}",
        "/api/articles/{article_id}": "/api/articles/a%2Fb",
        "/topics/{topic_id}": f"/topics/{quote(topic, safe='')}",
        "/static/{name}": "/static/style.css",
    }
    app = client.app
    assert set(app.openapi()["paths"]) == set(urls), "a route the hostile suite does not walk"  # type: ignore[attr-defined]
    return list(urls.values())


def _no_500(response_status: int, body: str, url: str) -> None:
    assert response_status < 500, f"{url}: {response_status} {body[:300]}"
    assert "Traceback" not in body


# -- row 12: every method on every route --------------------------------------------------------


def test_every_method_on_every_route(client: TestClient, db: Path) -> None:
    for url in _routes(client, db):
        got = client.get(url)
        assert got.status_code == 200, url
        for method in METHODS:
            response = client.request(method, url)
            _no_500(response.status_code, response.text, f"{method} {url}")
            if method == "GET":
                continue
            if method == "HEAD":
                assert response.status_code == 200 and response.content == b"", url
                assert response.headers["content-type"] == got.headers["content-type"]
                # the headers GET sends (gzipped pages: the gzipped length)
                assert response.headers["content-length"] == got.headers["content-length"]
                continue
            assert response.status_code == 405, f"{method} {url}"
            assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD"}
            if url.startswith("/api/"):
                assert response.json()["error"]["code"] == "method_not_allowed"
            else:
                assert 'data-status="405"' in response.text


def test_head_of_a_missing_page_is_404_without_a_body(client: TestClient) -> None:
    response = client.head("/stories/nope")
    assert response.status_code == 404 and response.content == b""


# -- row 10: FTS5 syntax and NUL in every query parameter ----------------------------------------


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_query_parameters_never_answer_500(
    client: TestClient, db: Path, value: str
) -> None:
    for url in _routes(client, db):
        path = url.split("?")[0]
        for name in ("q", "page", "order", "id"):
            target = f"{path}?{name}={quote(value, safe='')}"
            response = client.get(target)
            _no_500(response.status_code, response.text, target)
            assert response.status_code in (200, 400, 404), target


def test_a_nul_in_the_search_query_is_a_separator(client: TestClient) -> None:
    found = client.get("/api/search?q=strike%00Kelvaro")
    assert found.status_code == 200
    assert found.json()["results"]
    assert client.get("/search?q=put%00in").status_code == 200
    assert fts_query("put\x00in") == '"put" "in"'


@pytest.fixture(scope="module")
def reader(db: Path) -> Iterator[Store]:
    with open_store(db) as store:
        yield store


FTS5_PIECES = (
    *'"*()^:-+{},',
    *("\x00", "\x1f", " ", "\t", "AND", "OR", "NOT", "NEAR", "NEAR("),
    *("title", "strike", "Kelvaro", "é", "🙂"),
)
FTS5_TEXT = st.lists(
    st.sampled_from(FTS5_PIECES) | st.characters(),
    max_size=20,
).map("".join)
"""Text built from FTS5's syntax, control characters and words the store holds."""


@settings(max_examples=150, deadline=None)
@given(query=FTS5_TEXT | st.text(max_size=40))
def test_any_text_is_a_valid_search(reader: Store, query: str) -> None:
    """The query parser: any text gives hits or nothing, never an SQLite error (only a
    blank query is refused), and what it hands FTS5 always parses."""
    if not query.strip():
        with pytest.raises(ValueError):
            reader.search(query)
        return
    assert isinstance(reader.search(query), list)
    match = fts_query(query)
    if match is not None:
        with sqlite3.connect(":memory:") as conn:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
            conn.execute("SELECT * FROM t WHERE t MATCH ?", (match,)).fetchall()


@settings(max_examples=40, deadline=None)
@given(query=FTS5_TEXT.filter(lambda q: q and not re.search("[\ud800-\udfff]", q)))
def test_any_search_request_answers_200_or_400(client: TestClient, query: str) -> None:
    for path in ("/api/search", "/search"):
        response = client.get(path, params={"q": query})
        assert response.status_code in (200, 400), (query, response.text[:200])


# -- row 11: odd article ids -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(db: Path) -> Iterator[str]:
    """The app behind a real uvicorn server (TestClient decodes a path twice: %252F would
    reach the app as "/"), in a thread; yields its base URL."""
    import threading

    import uvicorn

    from storyline.cli.serve import listen

    sock = listen("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.mark.parametrize("ident", ODD_IDS)
def test_an_article_with_an_odd_id_is_reachable_from_its_story(served: str, ident: str) -> None:
    with httpx.Client(base_url=served, timeout=30) as http:
        api = http.get(f"/api/articles/{quote(ident, safe='')}")
        assert api.status_code == 200, api.text[:200]
        assert api.json()["id"] == ident
        assert http.get(f"/articles/{quote(ident, safe='')}").status_code == 200
        story = api.json()["story_id"]
        listing = http.get(f"/stories/{quote(story, safe='')}").text
        # each article is linked from the brief's sources and from the article table
        hrefs = {html.unescape(h) for h in re.findall(r'href="(/articles/[^"]+)"', listing)}
        assert len(hrefs) > 1
        followed = set()
        for href in hrefs:
            answer = http.get(href.replace("/articles/", "/api/articles/", 1))
            assert answer.status_code == 200, href
            followed.add(answer.json()["id"])
        assert ident in followed
        search = http.get("/api/search", params={"q": "Pellham"}).json()["results"]
        for hit in (r for r in search if r["kind"] == "article"):
            answer = http.get(hit["url"].replace("/articles/", "/api/articles/", 1))
            assert answer.status_code == 200 and answer.json()["id"] == hit["id"]


# -- 500s: an id in the answer and the same id, with the traceback, in the server log -------------


def test_a_500_shows_the_id_its_traceback_is_logged_under(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(db)
    app.state.store.close()
    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/api/stories")
        page = client.get("/")
    assert answer.status_code == page.status_code == 500
    api_id = answer.json()["error"]["id"]
    page_id = re.search(r'<code class="error-id">([0-9a-f]{12})</code>', page.text)
    assert page_id is not None and re.fullmatch(r"[0-9a-f]{12}", api_id)
    logged = {r.getMessage().split()[1]: r for r in caplog.records if r.name == "storyline.web"}
    assert {api_id, page_id.group(1)} <= set(logged)
    assert logged[api_id].exc_info is not None  # the traceback goes with it
