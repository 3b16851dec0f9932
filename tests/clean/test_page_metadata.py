"""A page's headline without its site name, and its dates checked against each other."""

from __future__ import annotations

import lxml.html

from storyline.clean.headline import page_headline, page_headlines
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


def test_a_domain_before_a_colon_is_dropped() -> None:
    page = (
        "<html><head><title>lemonde.fr: Council backs tram extension plan</title></head>"
        "<body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Council backs tram extension plan"


def test_a_colon_inside_a_headline_is_kept() -> None:
    page = (
        "<html><head><title>Algeria: army reports northern attack</title></head>"
        "<body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Algeria: army reports northern attack"


def test_a_heading_that_is_a_title_part_beats_one_the_title_opens_with() -> None:
    page = (
        "<html><head><title>Le Monde - Storm closes schools across the county - Weather"
        "</title></head><body><h1>Storm closes schools across the county - Weather</h1>"
        "<h1>Storm closes schools across the county</h1></body></html>"
    )
    assert page_headline(_root(page)) == "Storm closes schools across the county"


def test_a_title_part_a_heading_opens_with_before_its_date_is_the_headline() -> None:
    page = (
        "<html><head><title>Tram plan wins council vote: News: Local: Example Courier"
        "</title></head><body><h2>Tram plan wins council vote 28/12/2007 11:27 - (SA)</h2>"
        "</body></html>"
    )
    assert page_headline(_root(page)) == "Tram plan wins council vote"


def test_a_heading_that_adds_words_is_not_cut_to_the_title() -> None:
    page = (
        "<html><head><title>Tram plan wins council vote: News: Local: Example Courier"
        "</title></head><body><h2>Tram plan wins council vote after long delay</h2>"
        "</body></html>"
    )
    assert page_headline(_root(page)) != "Tram plan wins council vote"


def test_a_title_that_shares_no_word_with_the_article_gives_way() -> None:
    page = (
        "<html><head><title>Example Courier</title></head><body>"
        "<h2>Storm closes schools across the county</h2><p>x</p></body></html>"
    )
    body = "Heavy snow closed every school in the county on Monday."
    assert page_headlines(_root(page)).best() == "Example Courier"
    assert page_headline(_root(page), body=body) == "Storm closes schools across the county"
    assert page_headline(_root(page), body="Nothing in common here.") is None


def test_chinese_titles_share_characters_with_their_article() -> None:
    page = "<html><head><title>宇航员在太空中喝酒</title></head><body><p>x</p></body></html>"
    body = "据报道，宇航员在太空中不能喝酒。"
    assert page_headline(_root(page), body=body) == "宇航员在太空中喝酒"


def test_a_short_capitalised_name_ending_a_title_is_dropped() -> None:
    page = (
        "<html><head><title>Storm closes schools across the county - The Daily Item"
        "</title></head><body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Storm closes schools across the county"


def test_a_headline_that_mentions_the_site_is_no_site_name() -> None:
    page = (
        "<html><head><title>Le Monde buys a printing house in Lyon | Le Monde</title>"
        '<meta property="og:site_name" content="Le Monde"></head>'
        "<body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Le Monde buys a printing house in Lyon"


def test_a_section_that_names_the_site_is_dropped() -> None:
    page = (
        "<html><head><title>Storm closes schools across the county - Le Monde Politique"
        '</title><meta property="og:site_name" content="Le Monde"></head>'
        "<body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Storm closes schools across the county"


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


def test_a_stated_author_loses_a_role_or_outlet_after_a_separator() -> None:
    from storyline.clean.page_author import page_author, stated_names

    assert stated_names("Jane Doe, Staff writer") == "Jane Doe"
    assert stated_names("Jane Doe | Le Monde") == "Jane Doe"
    assert stated_names("Analysis by Jane Doe, Staff writer") == "Jane Doe"
    assert stated_names("Angela Merkel, Jane Doe") == "Angela Merkel, Jane Doe"
    assert stated_names("Organization for Transformative Works") == (
        "Organization for Transformative Works"
    )
    page = '<html><head><meta name="author" content="Jane Doe, Senior Editor"></head></html>'
    assert page_author(_root(page)) == "Jane Doe"


_BODY = "Heavy snow closed every school in the county on Monday, officials said."


def test_the_title_part_shown_nearest_before_the_article_is_the_headline() -> None:
    # the pipe rule alone would keep the longer, site side of the title
    page = (
        "<html><head><title>Example Courier - Riverside News, Weather and Sports | "
        "Storm closes schools</title></head><body><p>x</p></body></html>"
    )
    lines = ["Home", "Riverside News, Weather and Sports", "Weather", "Storm closes schools"]
    headlines = page_headlines(_root(page))
    assert headlines.best(_BODY) != "Storm closes schools"
    assert headlines.shown(lines, _BODY) == "Storm closes schools"
    # a title part shown far from the article, with the headline absent, is not taken
    assert headlines.shown(["Storm Report", "Contact us"], _BODY) is None


def test_a_shown_title_part_followed_by_a_date_is_the_part() -> None:
    page = "<html><head><title>Storm closes schools - Example Courier</title></head></html>"
    lines = ["News", "Monday, 14 January 2008 Storm closes schools"]
    assert page_headlines(_root(page)).shown(lines, _BODY) == "Storm closes schools"


def test_a_shown_heading_must_read_like_a_headline_and_not_a_section() -> None:
    page = (
        "<html><head><title>Example Courier</title></head><body>"
        "<h2>Storm closes schools across the county</h2><h2>Sports Wire</h2>"
        "<h2>Courier - January 14, 2008</h2><p>x</p></body></html>"
    )
    headlines = page_headlines(_root(page))
    lines = ["Sports Wire", "Storm closes schools across the county", "Courier - January 14, 2008"]
    assert headlines.shown(lines, _BODY) == "Storm closes schools across the county"
    assert headlines.shown(["Sports Wire"], _BODY) is None


def test_a_dash_spaced_on_one_side_separates_a_section() -> None:
    page = (
        "<html><head><title>Music- Storm closes schools across the county</title></head>"
        "<body><ul><li><a href='/music'>Music</a></li></ul><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Storm closes schools across the county"
    page = page.replace("Music- ", "Example Courier - Fair. Accurate. On Time. -")
    assert page_headline(_root(page)) == "Storm closes schools across the county"


def test_what_the_title_adds_to_the_og_title_is_the_site() -> None:
    # the logo is the page's <h1>, the title part it matches is the site's name
    page = (
        "<html><head><title>Storm closes schools across the county | Courier Politics"
        '</title><meta property="og:title" content="Storm closes schools across the county">'
        "</head><body><h1>Courier Politics</h1><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Storm closes schools across the county"


def test_the_pages_address_names_the_site() -> None:
    page = (
        "<html><head><title>Storm closes schools across the county - CourierDaily online "
        "edition</title></head><body><p>x</p></body></html>"
    )
    assert page_headlines(_root(page)).best() != "Storm closes schools across the county"
    assert page_headlines(_root(page), url="https://www.courierdaily.example/a").best() == (
        "Storm closes schools across the county"
    )


def test_a_part_both_titles_share_is_no_site_name() -> None:
    page = (
        "<html><head><title>Storm update - Schools close - Storm update - Schools close - "
        'County News</title><meta property="og:title" content="Storm update - Schools close">'
        "</head><body><p>x</p></body></html>"
    )
    assert page_headline(_root(page)) == "Storm update - Schools close"


def test_a_chinese_headline_naming_the_site_is_no_site_name() -> None:
    # counted in words, a headline without spaces would be "short" like a site's label
    page = (
        "<html><head><title>新竹尖石美樹營地賞楓之旅第二天的紀錄 @ 藍天部落</title>"
        '<meta property="og:site_name" content="藍天部落"></head><body><p>x</p></body></html>'
    )
    assert page_headline(_root(page)) == "新竹尖石美樹營地賞楓之旅第二天的紀錄 @ 藍天部落"


_ARTICLE = "".join(
    f"<p>Finance ministers of the euro area met in Brussels on Monday, paragraph {i}, to "
    "discuss budget rules that several governments want loosened after slow growth.</p>"
    for i in range(5)
)


def test_an_unclosed_title_is_closed_where_markup_begins() -> None:
    from storyline.clean.html import close_title, extract_html

    page = (
        "<html><head><title>Ministers split over budget rules - Le Monde</titavaScript"
        ' src="/x.js"></script></head><body><article>' + _ARTICLE + "</article></body></html>"
    )
    closed = close_title(page)
    assert "<title>Ministers split over budget rules - Le Monde</title>" in closed
    found = extract_html(page)
    assert found.title == "Ministers split over budget rules"
    assert "Finance ministers" in found.text
    # a closed title is left alone
    whole = "<html><head><title>A <b> in a title</title></head><body></body></html>"
    assert close_title(whole) == whole


def test_a_title_holding_markup_or_script_is_no_headline() -> None:
    from storyline.clean.headline import is_markup

    assert is_markup("BBC Sport library-->")
    assert is_markup('Headline(The Times)ntById("font"); obj.style.size = 3')
    assert not is_markup("Economy under stress; time to be careful?")
    assert not is_markup("Minister: 'we will act' (video)")
    page = (
        "<html><head><title>Sport library--> <script src='/a.js'></script></title></head>"
        "<body><p>x</p></body></html>"
    )
    assert page_headlines(_root(page)).titles == ()


def test_a_heading_repeating_a_whole_stated_title_is_the_headline() -> None:
    from storyline.clean.html import extract_html

    # the article never uses the headline's words ("Oct." for "October"): the og:title
    # and the heading agreeing word for word still name it, over a later heading that
    # shares words with the article
    body = "".join(
        f"<p>VISIT the show, Oct. {i}, in Harrisburg; riders compete for prizes there.</p>"
        for i in range(6)
    )
    page = (
        "<html><head><title>4 Things to Do in October - Riding Monthly</title>"
        '<meta property="og:title" content="4 Things to Do in October"></head><body>'
        f"<h1>4 Things to Do in October</h1><article>{body}</article>"
        "<h1>Get more prizes and riders news in your inbox!</h1></body></html>"
    )
    headlines = page_headlines(_root(page))
    assert headlines.whole and headlines.agreed == "4 Things to Do in October"
    assert extract_html(page).title == "4 Things to Do in October"


def test_a_role_or_an_outlet_after_listed_names_is_no_name() -> None:
    from storyline.clean.page_author import listed_names, stated_names

    # a later part ending in a role is the role, not a second author
    assert stated_names("JANE DOE, AP Auto Writer") == "JANE DOE"
    # names in capitals, then a part written otherwise: the outlet
    assert stated_names("JANE DOE and JOHN ROE, Associated Press") == "JANE DOE and JOHN ROE"
    assert stated_names("JANE DOE, JOHN ROE") == "JANE DOE, JOHN ROE"
    # a role after the names, no separator
    assert stated_names("Jane Doe News reporter") == "Jane Doe"
    assert stated_names("Jane Doe and John Roe") == "Jane Doe and John Roe"
    # logins and dates are no names; a ';'-joined list is read name by name
    assert stated_names("admin") is None
    assert stated_names("jane-d") is None
    assert listed_names("Jane Doe Monday; November") == "Jane Doe"
    assert listed_names("Jane Doe; John Roe") == "Jane Doe, John Roe"


def test_the_sites_name_is_no_author_beside_a_person() -> None:
    from storyline.clean.page_author import without_site

    sites = {"lemonde", "lemondefr"}
    assert without_site("Jane Doe, Le Monde", sites) == "Jane Doe"
    assert without_site("Le Monde", sites) is None
    assert without_site("Jane Doe", sites) == "Jane Doe"


def _byline_page(head: str, top: str) -> str:
    return (
        f"<html><head>{head}</head><body><div class='related'><ul>"
        "<li><a href='/a'>Another story about the budget talks in Berlin</a>"
        "<span class='author'>Angela Merkel</span></li></ul></div><article>"
        f"<h1>Euro ministers split over budget rules as talks drag on</h1>{top}"
        f"{_ARTICLE}</article></body></html>"
    )


def test_an_author_marked_in_markup_between_headline_and_body() -> None:
    from storyline.clean.html import extract_html
    from storyline.clean.page_author import marked_authors

    head = "<title>Euro ministers split over budget rules as talks drag on</title>"
    page = _byline_page(head, "<div><span class='byline'>Jane Doe</span></div>")
    assert marked_authors(_root(page)) == ["Angela Merkel", "Jane Doe"]
    # the related story's author, shown before the headline, is not the article's
    assert extract_html(page).author == "Jane Doe"
    # "Par <span class=author>Jane Doe</span>": the name, without the foreign "By"
    page = _byline_page(head, "<p class='signature'>Par <a rel='author'>Jane Doe</a></p>")
    assert extract_html(page).author == "Jane Doe"
    # a JSON-LD author that is only the site's name gives way to the marked byline
    site = (
        '<meta property="og:site_name" content="Le Monde"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Le Monde"}}</script>'
    )
    page = _byline_page(head + site, "<div><span class='byline'>Jane Doe</span></div>")
    assert extract_html(page).author == "Jane Doe"


def test_site_names_after_titles_in_scripts_written_without_spaces() -> None:
    headline = "人工智能迈上新台阶"
    for title in (f"{headline}_科技_新闻网", f"{headline}｜新闻网", f"{headline} - 新闻网"):
        page = f"<html><head><title>{title}</title></head><body><p>x</p></body></html>"
        assert page_headline(_root(page)) == headline, title
    # an underscore is the title's own where another separator marks the site
    own = "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家"
    page = f"<html><head><title>{own} :: 痞客邦博客 ::</title></head><body></body></html>"
    assert page_headline(_root(page)) == own


def test_a_topic_link_is_no_author_and_parsely_names_one() -> None:
    from storyline.clean.page_author import marked_authors, meta_author

    topic = "<html><body><a href='/topics/people/angela-merkel'>Angela Merkel</a></body></html>"
    assert marked_authors(_root(topic)) == []
    writer = "<html><body><a href='/authors/jane-doe'>Jane Doe</a></body></html>"
    assert marked_authors(_root(writer)) == ["Jane Doe"]
    parsely = '<html><head><meta name="parsely-author" content="Jane Doe"></head></html>'
    assert meta_author(_root(parsely)) == "Jane Doe"
