"""An HTML page's own address (og:url, link rel=canonical, JSON-LD url) becomes the
article's ``url`` when the input does not state one, so readers can reach the original."""

from __future__ import annotations

import json

from storyline.clean import clean_document
from storyline.clean.html import extract_html
from storyline.settings import Settings
from storyline.types import Provenance, RawDocument

BODY = "<p>" + "The harbour in Kelvaro reopened on Tuesday after a week of repairs. " * 6 + "</p>"


def page(head: str) -> str:
    title = "<title>Kelvaro harbour reopens</title>"
    return f"<html><head>{title}{head}</head><body><article>{BODY}</article></body></html>"


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_each_way_a_page_states_its_address() -> None:
    stated = {
        '<meta property="og:url" content="https://a.example/1">': "https://a.example/1",
        '<link rel="canonical" href="https://a.example/2">': "https://a.example/2",
        jsonld({"@type": "NewsArticle", "url": "https://a.example/3"}): "https://a.example/3",
        jsonld(
            {
                "@graph": [
                    {"@type": "Organization", "url": "https://a.example/"},
                    {"@type": ["NewsArticle"], "mainEntityOfPage": {"@id": "https://a.example/4"}},
                ]
            }
        ): "https://a.example/4",
        '<meta property="og:url" content="https://a.example/5">'
        '<link rel="canonical" href="https://a.example/6">': "https://a.example/5",
        '<link rel="canonical" href="javascript:alert(1)">': None,
        '<link rel="canonical" href="/relative">': None,
        jsonld({"@type": "Organization", "url": "https://a.example/"}): None,
        '<script type="application/ld+json">{not json</script>': None,
    }
    for head, url in stated.items():
        assert extract_html(page(head)).stated_url == url, head
    relative = '<link rel="canonical" href="/news/7">'
    assert extract_html(page(relative), url="https://b.example/x/y").stated_url == (
        "https://b.example/news/7"
    )


def test_the_article_links_to_the_page_it_came_from() -> None:
    def article(provenance: Provenance, html: str) -> object:
        raw = RawDocument(provenance=provenance, content=html, kind="html")
        return clean_document(raw, Settings())

    html = page('<link rel="canonical" href="https://a.example/kelvaro">')
    found = article(Provenance(source_path="saved/kelvaro.html"), html)
    assert getattr(found, "url", None) == "https://a.example/kelvaro"
    fetched = article(Provenance(source_path="x", url="https://mirror.example/k"), html)
    assert getattr(fetched, "url", None) == "https://mirror.example/k"  # as fetched
