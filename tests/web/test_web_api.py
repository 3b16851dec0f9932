"""The JSON API: story list with order and paging, briefs exactly as stored, articles,
and search with stemming and match offsets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_builders import SCRIPT, XSS_COPY_ID, XSS_ID, WebStore

from storyline.web import create_app

STORY_FIELDS = {
    "id",
    "headline",
    "article_count",
    "outlet_count",
    "independent_origins",
    "first_published",
    "last_published",
    "topic",
    "split_from",
    "lead",
    "outlets",
}


@pytest.fixture(scope="module")
def paged(web_store: WebStore) -> Iterator[TestClient]:
    """A client of an app showing one story or search result per page."""
    with TestClient(create_app(web_store.path, per_page=1)) as test_client:
        yield test_client


def test_story_list_newest_first(client: TestClient, web_store: WebStore) -> None:
    response = client.get("/api/stories")
    assert response.status_code == 200
    body = response.json()
    assert body["order"] == "newest" and body["page"] == 1
    assert body["previous"] is None and body["next"] is None
    stories = body["stories"]
    # The hostile story (June 20) is newer than the seeds' (June 11).
    assert [s["id"] for s in stories] == [web_store.xss_story, web_store.seeds_story]
    assert all(set(s) == STORY_FIELDS for s in stories)
    seeds = stories[1]
    assert seeds["headline"] == web_store.briefs[web_store.seeds_story]["headline"]
    assert seeds["article_count"] == 5
    assert seeds["outlet_count"] >= 3
    assert seeds["independent_origins"] >= 1


def test_story_list_largest_first(client: TestClient, web_store: WebStore) -> None:
    body = client.get("/api/stories", params={"order": "largest"}).json()
    assert body["order"] == "largest"
    assert [s["id"] for s in body["stories"]] == [web_store.seeds_story, web_store.xss_story]


def test_story_list_pages(paged: TestClient, web_store: WebStore) -> None:
    first = paged.get("/api/stories").json()
    assert [s["id"] for s in first["stories"]] == [web_store.xss_story]
    assert first["previous"] is None
    assert first["next"] == "/api/stories?page=2"
    second = paged.get(first["next"]).json()
    assert [s["id"] for s in second["stories"]] == [web_store.seeds_story]
    assert second["previous"] == "/api/stories" and second["next"] is None
    largest = paged.get("/api/stories", params={"order": "largest", "page": 2}).json()
    assert [s["id"] for s in largest["stories"]] == [web_store.xss_story]
    assert largest["previous"] == "/api/stories?order=largest"
    beyond = paged.get("/api/stories", params={"page": 9})
    assert beyond.status_code == 200 and beyond.json()["stories"] == []


def test_story_is_the_stored_brief(client: TestClient, web_store: WebStore) -> None:
    for story_id, brief in web_store.briefs.items():
        response = client.get(f"/api/stories/{story_id}")
        assert response.status_code == 200
        assert response.json() == brief
        assert response.json()["schema"] == "storyline/brief/v1"


def test_article(client: TestClient, web_store: WebStore) -> None:
    brief = web_store.briefs[web_store.seeds_story]
    listed = next(a for a in brief["articles"] if a["removed"])
    article = client.get(f"/api/articles/{listed['id']}").json()
    assert article["id"] == listed["id"]
    assert article["text"] == web_store.texts[listed["id"]]
    assert article["removed"] == listed["removed"]
    assert article["story_id"] == web_store.seeds_story
    assert article["duplicate_of"] is None
    for sentence in article["sentences"]:
        assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_article_duplicate_of(client: TestClient, web_store: WebStore) -> None:
    copy = client.get(f"/api/articles/{XSS_COPY_ID}").json()
    assert copy["duplicate_of"] == XSS_ID
    assert copy["story_id"] == web_store.xss_story


def test_search_finds_a_seed_article_by_a_stemmed_word(
    client: TestClient, web_store: WebStore
) -> None:
    # "visits" is stemmed to "visit": the seeds say "visit", "visited", "visiting".
    body = client.get("/api/search", params={"q": "visits"}).json()
    assert body["query"] == "visits"
    results = body["results"]
    seeds = {a["id"] for a in web_store.briefs[web_store.seeds_story]["articles"]}
    assert {r["id"] for r in results if r["kind"] == "article"} & seeds
    assert any(r["kind"] == "story" and r["id"] == web_store.seeds_story for r in results)
    for result in results:
        assert result["url"] in (f"/articles/{result['id']}", f"/stories/{result['id']}")
        assert result["matches"], result
        for start, end in result["matches"]:
            assert result["snippet"][start:end].lower().startswith("visit")


def test_search_snippet_is_plain_text(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "alert"}).json()
    hits = [r for r in body["results"] if r["id"] == XSS_ID]
    assert hits, body
    snippet = hits[0]["snippet"]
    assert "alert" in snippet and "\ue000" not in snippet and "<mark>" not in snippet
    assert SCRIPT in hits[0]["title"]  # JSON carries text as it is; pages escape it


def test_search_pages(paged: TestClient) -> None:
    first = paged.get("/api/search", params={"q": "putin"}).json()
    assert len(first["results"]) == 1 and first["next"] == "/api/search?q=putin&page=2"
    second = paged.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["results"][0]["id"] != first["results"][0]["id"]


def test_search_of_punctuation_only_finds_nothing(client: TestClient) -> None:
    # FTS5 syntax characters are searched as text, never a syntax error.
    response = client.get("/api/search", params={"q": '"* ( -: !!'})
    assert response.status_code == 200
    assert response.json()["results"] == []
