"""One error shape on every route: JSON under /api/, an error page elsewhere, with the
same status and message; 400 for bad parameters (FastAPI's 422 included), 404 for
unknown ids and paths, 500 without a traceback. The app never writes to the store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from web_builders import WebStore

from storyline.clean.sentences import split_sentences
from storyline.store import open_store
from storyline.types import Article, Provenance
from storyline.web import create_app

LONG = "putin " * 84  # 504 characters

BAD_REQUESTS = [
    ("/stories?page=0", "page"),
    ("/stories?page=abc", "page"),
    ("/stories?page=-1", "page"),
    ("/stories?page=1.5", "page"),
    ("/stories?page=99999999999999999999999", "page"),
    ("/stories?order=bogus", "order"),
    ("/search", "'q'"),
    ("/search?q=", "empty"),
    ("/search?q=%20%20", "empty"),
    (f"/search?q={LONG}", "500 characters"),
    ("/search?q=putin&page=0", "page"),
]
NOT_FOUND = [
    ("/stories/s-nope", "no story with id 's-nope'"),
    ("/articles/a-nope", "no article with id 'a-nope'"),
    ("/no/such/page", "no page at"),
]


def html_url(url: str) -> str:
    """The page twin of an API url (``/stories?...`` lists at ``/``)."""
    return "/?" + url.removeprefix("/stories?") if url.startswith("/stories?") else url


def assert_error_json(response_json: object, status: int) -> str:
    assert isinstance(response_json, dict) and set(response_json) == {"error"}
    error = response_json["error"]
    assert set(error) == {"status", "code", "message"}
    assert error["status"] == status
    assert (
        error["code"] == {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}[status]
    )
    assert isinstance(error["message"], str) and error["message"]
    return error["message"]


@pytest.mark.parametrize(("url", "says"), BAD_REQUESTS)
def test_bad_parameters_answer_400_json(client: TestClient, url: str, says: str) -> None:
    response = client.get("/api" + url)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert says in assert_error_json(response.json(), 400)


@pytest.mark.parametrize(("url", "says"), BAD_REQUESTS)
def test_bad_parameters_answer_400_page(client: TestClient, url: str, says: str) -> None:
    response = client.get(html_url(url))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert 'data-status="400" data-code="bad_request"' in response.text
    json_message = client.get("/api" + url).json()["error"]["message"]
    assert f'<p class="message">{escape(json_message)}</p>' in response.text
    assert says in json_message


def test_validation_errors_are_400_not_422(client: TestClient) -> None:
    response = client.get("/api/stories", params={"page": "abc"})
    assert response.status_code == 400
    message = assert_error_json(response.json(), 400)
    assert message.startswith("bad request: query parameter 'page'")
    assert "abc" not in message  # names the parameter, never echoes the value


@pytest.mark.parametrize(("url", "says"), NOT_FOUND)
def test_unknown_ids_answer_404(client: TestClient, url: str, says: str) -> None:
    response = client.get("/api" + url)
    assert response.status_code == 404
    assert says in assert_error_json(response.json(), 404)
    page = client.get(url)
    assert page.status_code == 404
    assert 'data-status="404" data-code="not_found"' in page.text
    assert str(escape(says)) in page.text


def test_wrong_method_answers_405(client: TestClient) -> None:
    response = client.post("/api/stories")
    assert response.status_code == 405
    assert_error_json(response.json(), 405)
    assert client.delete("/stories/x").status_code == 405


def test_every_route_answers_in_the_error_shape(web_store: WebStore) -> None:
    """Walks every route of the app, so a new one cannot skip the shared error handler."""
    app = create_app(web_store.path)
    routes = set(app.openapi()["paths"])
    bad = {
        "/": "/?page=0",
        "/search": "/search",
        "/stories/{story_id}": "/stories/nope",
        "/articles/{article_id}": "/articles/nope",
        "/api/stories": "/api/stories?order=x",
        "/api/search": "/api/search?q=",
        "/api/stories/{story_id}": "/api/stories/nope",
        "/api/articles/{article_id}": "/api/articles/nope",
        "/topics/{topic_id}": "/topics/nope",
        "/static/{name}": "/static/nope.css",
    }
    assert routes == set(bad)
    with TestClient(app) as client:
        for route, url in bad.items():
            response = client.get(url)
            assert response.status_code in (400, 404), url
            if route.startswith("/api/"):
                assert_error_json(response.json(), response.status_code)
            else:
                assert f'data-status="{response.status_code}"' in response.text
            assert "Traceback" not in response.text


def test_unexpected_errors_answer_500_without_traceback(
    web_store: WebStore, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(web_store.path)
    app.state.store.close()  # every read now fails inside the route
    test_client = TestClient(app, raise_server_exceptions=False)
    response = test_client.get("/api/stories")
    assert response.status_code == 500
    error_id = response.json()["error"]["id"]
    assert response.json() == {
        "error": {
            "status": 500,
            "code": "internal_error",
            "message": f"internal error: the server log has the details (error id {error_id})",
            "id": error_id,
        }
    }
    assert response.headers["x-content-type-options"] == "nosniff"
    page = test_client.get(f"/stories/{web_store.seeds_story}")
    assert page.status_code == 500
    assert 'data-code="internal_error"' in page.text
    assert "Traceback" not in page.text and "StoreError" not in page.text
    page_id = page.text.split('<code class="error-id">')[1].split("<")[0]
    logged = [r for r in caplog.records if r.name == "storyline.web" and r.exc_info]
    assert [error_id, page_id] == [r.getMessage().split()[1] for r in logged]


def test_story_without_brief(tmp_path: Path) -> None:
    text = "The council met on Monday. It approved the budget."
    article = Article(
        id="a1",
        source_path="a1.txt",
        text=text,
        provenance=Provenance(source_path="a1.txt"),
        title="Council meets",
        sentences=split_sentences(text, "a1"),
    )
    db = tmp_path / "nobrief.db"
    with open_store(db, writer=True) as store, store.write():
        store.add_article(article, None)
        store.save_story(
            "s1",
            headline="Council meets",
            first_published=None,
            last_published=None,
            article_count=1,
            outlet_count=1,
            independent_origins=1,
        )
        store.assign_story("a1", "s1")
    with TestClient(create_app(db)) as test_client:
        # a story whose brief was never built (ingest --briefs lazy) gets one on first view
        response = test_client.get("/api/stories/s1")
        assert response.status_code == 200
        assert response.json()["story_id"] == "s1"
        page = test_client.get("/stories/s1")
        assert page.status_code == 200
        assert "Council meets" in page.text and 'href="/articles/a1"' in page.text
        assert test_client.get("/").status_code == 200


def test_missing_database_is_a_store_error(tmp_path: Path) -> None:
    from storyline.store import StoreError

    with pytest.raises(StoreError, match="no storyline database"):
        create_app(tmp_path / "missing.db")


def test_the_app_never_writes(web_store: WebStore) -> None:
    def digest() -> str:
        return hashlib.sha256(web_store.path.read_bytes()).hexdigest()

    before = digest()
    with TestClient(create_app(web_store.path)) as test_client:
        for url in ("/", "/search?q=putin", f"/stories/{web_store.seeds_story}", "/api/stories"):
            assert test_client.get(url).status_code == 200
    assert digest() == before
