"""A page's headline without its site name, and its dates checked against each other."""

from __future__ import annotations

import lxml.html

from storyline.clean.headline import page_headline
from storyline.clean.page_dates import consistent_update, resolve_dates, stated_dates


def _root(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def test_site_suffix_dropped_when_the_site_shows_elsewhere() -> None:
    page = (
        "<html><head><title>Council backs tram extension plan | Example Courier</title>"
        '<meta property="og:site_name" content="Example Courier"></head>'
        "<body><p>Text</p></body></html>"
    )
    assert page_headline(_root(page)) == "Council backs tram extension plan"


def test_heading_that_the_title_opens_with_is_the_headline() -> None:
    page = (
        "<html><head><title>Storm closes schools across the county - Local - Daily Item"
        "</title></head><body><h1>Storm closes schools across the county</h1></body></html>"
    )
    assert page_headline(_root(page)) == "Storm closes schools across the county"


def test_a_dash_inside_a_headline_is_kept_without_a_site_name() -> None:
    page = (
        "<html><head><title>Rates rise again - and borrowers feel it</title></head>"
        "<body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Rates rise again - and borrowers feel it"


def test_a_cited_works_date_is_not_the_pages() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2021-04-02T08:00:00Z", "citation": {"@type": "ScholarlyArticle",'
        ' "datePublished": "2009-01-01"}}</script></head><body></body></html>'
    )
    published, _ = resolve_dates(stated_dates(_root(page)), None)
    assert published is not None and published.startswith("2021-04-02T08:00")


def test_a_solar_hijri_year_is_ignored() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="1399-02-21T10:00:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2020-05-10T10:00:00+04:30"}</script></head><body></body></html>'
    )
    published, _ = resolve_dates(stated_dates(_root(page)), None)
    assert published is not None and published.startswith("2020-05-10")


def test_ambiguous_day_month_reads_before_the_update() -> None:
    page = (
        '<html lang="en-US"><head><meta name="pubdate" content="10/05/2022">'
        '<meta property="article:modified_time" content="2022-05-11T09:00:00"></head>'
        "<body></body></html>"
    )
    published, updated = resolve_dates(stated_dates(_root(page)), None)
    assert published == "2022-05-10"  # month-first would be 5 October, after the update
    assert updated == "2022-05-11T09:00:00"


def test_published_never_after_updated() -> None:
    assert consistent_update("2022-10-05", "2022-05-10") is None
    assert consistent_update("2022-05-10T10:00:00+00:00", "2022-05-10T12:00:00+00:00")
    assert consistent_update(None, "2022-05-10") == "2022-05-10"


def test_author_from_the_pages_own_json_ld_then_meta() -> None:
    from storyline.clean.page_author import clean_author, page_author

    page = (
        '<html><head><meta name="author" content="Desk Editor">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '[{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Organization", "name": "Wire"}]}'
        "</script></head><body></body></html>"
    )
    assert page_author(_root(page)) == "Ana Ruiz"
    meta_only = '<html><head><meta name="author" content="By Sam Lee"></head></html>'
    assert page_author(_root(meta_only)) == "Sam Lee"
    assert clean_author("Laura June Topolsky July") == "Laura June Topolsky"
    assert clean_author("https://example.org/staff") is None
