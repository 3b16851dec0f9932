"""Search results with their date, outlet and story, narrowed by outlet and dates."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from web_builders import XSS_ID, WebStore


def test_results_show_date_outlet_story_and_snippet(
    client: TestClient, web_store: WebStore
) -> None:
    brief = web_store.briefs[web_store.seeds_story]
    hindu = next(a for a in brief["articles"] if a["outlet"] == "The Hindu")
    page = client.get("/search", params={"q": "Vedomosti"}).text
    item = page.split(f'<li data-kind="article" data-id="{hindu["id"]}">')[1].split("</li>")[0]
    assert f'<time datetime="{hindu["published"]}">10 Jun 2024, 12:04 UTC+05:30</time>' in item
    assert '<span class="outlet">The Hindu</span>' in item
    assert f'<a class="story-link" href="/stories/{web_store.seeds_story}">' in item
    assert "<mark>Vedomosti</mark>" in item
    api = client.get("/api/search", params={"q": "Vedomosti"}).json()
    hit = next(r for r in api["results"] if r["id"] == hindu["id"])
    assert hit["published"] == hindu["published"] and hit["outlet"] == "The Hindu"
    assert hit["story_id"] == web_store.seeds_story
    assert hit["story_headline"] == brief["headline"]


def test_filters_by_outlet_and_dates(client: TestClient, web_store: WebStore) -> None:
    def found(**params: str) -> set[str]:
        body = client.get("/api/search", params={"q": "Putin", **params}).json()
        return {r["id"] for r in body["results"] if r["kind"] == "article"}

    brief = web_store.briefs[web_store.seeds_story]
    by_outlet = {a["outlet"]: a["id"] for a in brief["articles"] if a["outlet"]}
    everything = found()
    assert len(everything) >= 4
    assert found(outlet="The Hindu") == {by_outlet["The Hindu"]}
    assert found(**{"from": "2024-06-11"}) == {by_outlet["hani.co.kr"]}
    assert found(**{"to": "2024-06-10"}) == {by_outlet["The Hindu"]}
    assert found(**{"from": "2024-06-10", "to": "2024-06-11"}) == {
        by_outlet["The Hindu"],
        by_outlet["hani.co.kr"],
    }
    assert found(outlet="Nobody") == set()
    stories = client.get("/api/search", params={"q": "Putin", "outlet": "Nobody"}).json()
    assert stories["results"] == [] and stories["filters"] == {"outlet": "Nobody"}


def test_the_page_keeps_its_filters(client: TestClient, web_store: WebStore) -> None:
    page = client.get("/search", params={"q": "Putin", "outlet": "The Hindu", "from": "2024-06-01"})
    assert page.status_code == 200
    assert '<option value="The Hindu" selected>The Hindu (1)</option>' in page.text
    assert 'name="from" value="2024-06-01"' in page.text
    assert len(re.findall(r'<li data-kind="article"', page.text)) == 1
    hostile = client.get("/search", params={"q": "alert", "outlet": "Harbour Gazette"}).text
    assert f'data-id="{XSS_ID}"' in hostile


def test_bad_filters_answer_400(client: TestClient) -> None:
    for params in (
        {"q": "Putin", "from": "June"},
        {"q": "Putin", "to": "2024-13-01"},
        {"q": "Putin", "from": "2024-06-12", "to": "2024-06-10"},
        {"q": "Putin", "outlet": "x" * 501},
    ):
        for url in ("/search", "/api/search"):
            response = client.get(url, params=params)
            assert response.status_code == 400, (url, params)


def test_a_blank_date_from_the_form_is_no_filter(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "Putin"}).json()["results"]
    blank = client.get("/api/search", params={"q": "Putin", "from": "", "to": " "}).json()
    assert blank["results"] == plain and blank["filters"] == {}
