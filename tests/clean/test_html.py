"""The HTML path: trafilatura's text plus the page's own timestamps and site name."""

from __future__ import annotations

from storyline.clean import clean_document
from storyline.clean.html import extract_html, page_timestamps
from storyline.settings import Settings
from storyline.types import Article, Provenance, RawDocument

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network to the northern suburbs,"
    " a project that has been debated for more than a decade.",
    "Supporters said the new line would cut commuting times in half for thousands of"
    " residents who now depend on crowded buses.",
    "Opponents argued that the cost, estimated at 400 million euros, would strain the"
    " budget for years and delay repairs to existing lines.",
]

PAGE = f"""<!doctype html><html lang="en"><head>
<title>Council backs tram extension | The Example Courier</title>
<meta property="og:site_name" content="The Example Courier">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<meta property="article:modified_time" content="2024-03-05T11:00:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council backs tram extension</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer><p>Subscribe to our newsletter for more updates.</p></footer>
</body></html>"""


def test_extract_html_text_and_metadata() -> None:
    page = extract_html(PAGE)
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    assert "Home" not in page.text
    assert page.sitename == "The Example Courier"
    assert page.published == "2024-03-05T09:30:00+01:00"
    assert page.updated == "2024-03-05T11:00:00+01:00"


def test_page_timestamps_from_json_ld() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2024-06-10T12:04:00+05:30"}</script></head><body></body></html>'
    )
    assert page_timestamps(page)["published"] == "2024-06-10T12:04:00+05:30"
    assert page_timestamps("not html at all")["published"] is None


def test_clean_document_html() -> None:
    raw = RawDocument(Provenance("page.html", url="https://news.example.org/a"), PAGE, "html")
    article = clean_document(raw, Settings())
    assert isinstance(article, Article)
    assert article.title == "Council backs tram extension"
    assert article.published == "2024-03-05T09:30:00+01:00"
    assert article.updated == "2024-03-05T11:00:00+01:00"
    assert article.outlet == "The Example Courier"
    assert article.language == "en"
    assert article.url == "https://news.example.org/a"


def _page_with(head: str, before_body: str) -> str:
    return (
        f"<!doctype html><html><head><title>Council backs tram extension</title>{head}"
        f"</head><body><article><h1>Council backs tram extension</h1>{before_body}"
        f"{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>"
    )


def test_a_visible_by_line_is_the_author_before_the_author_meta() -> None:
    page = _page_with('<meta name="author" content="World News">', "<p>By Jane Doe</p>")
    assert extract_html(page).author == "Jane Doe"


def test_by_alone_on_its_line_takes_the_name_after_it() -> None:
    page = _page_with("", "<div><span>By</span></div><div><a>Jane Doe</a></div>")
    assert extract_html(page).author == "Jane Doe"


def test_the_json_ld_person_comes_before_a_visible_by_line() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "author": {"@type": "Person", "name": "Angela Merkel"}}</script>'
    )
    page = _page_with(head, "<p>By Jane Doe</p>")
    assert extract_html(page).author == "Angela Merkel"


def test_the_author_meta_when_no_line_reads_by() -> None:
    page = _page_with('<meta name="author" content="Jane Doe">', "")
    assert extract_html(page).author == "Jane Doe"


def _page_titled(title: str, before_body: str) -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        "<div><a href='/'>Home</a></div><div>Riverside Sports Wire</div>"
        f"{before_body}<div>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )


def test_the_headline_like_line_just_before_the_body_beats_a_section_title() -> None:
    page = _page_titled(
        "riverside.example - Riverside Sports Wire", "<div>Tram extension wins council vote</div>"
    )
    assert extract_html(page).title == "Tram extension wins council vote"


def test_a_wrapped_line_of_prose_before_the_body_is_no_headline() -> None:
    page = _page_titled(
        "riverside.example - Riverside Sports Wire",
        "<div>Tram extension wins council vote after<br>a long debate in the chamber</div>",
    )
    assert extract_html(page).title != "Tram extension wins council vote after"


def test_the_title_part_sharing_words_with_the_body_is_the_headline() -> None:
    # the headline is not shown; the longest title part is the site's description
    page = _page_titled(
        "Riverside Courier - Riverside News, Weather and Sports | Council backs tram extension",
        "",
    )
    assert extract_html(page).title == "Council backs tram extension"


def test_a_wrapped_first_line_of_prose_is_no_headline() -> None:
    wrapped = "<p>Storm closes schools across the county as snow<br>keeps falling on Monday.</p>"
    page = (
        "<!doctype html><html><head><title>Example Courier</title></head><body>"
        f"<div>{wrapped}{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )
    assert extract_html(page).title != "Storm closes schools across the county as snow"


def test_a_title_and_heading_that_agree_beat_a_nearer_heading() -> None:
    page = (
        "<!doctype html><html><head><title>Council backs tram extension | Courier</title>"
        "</head><body><h1>Council backs tram extension</h1>"
        + "".join(f"<div><a href='/s{i}'>Section {i}</a></div>" for i in range(40))
        + "<h1>Tram opponents count the cost</h1>"
        f"<div>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )
    assert extract_html(page).title == "Council backs tram extension"


def test_the_headline_in_a_layout_table_cell_before_the_body_is_found() -> None:
    # trafilatura joins the cell's headline and first paragraph into one line that the
    # page never shows: the body starts at its first sentence shown on the page
    cell = "".join(f"<p>{p.replace(' on ', '  on ')}</p>" for p in PARAGRAPHS)
    page = (
        "<html><head></head><body><h2>Site Navigation</h2>"
        "<table><tr><td><a href='/'>Home</a></td><td><a href='/n'>Local News</a></td></tr>"
        "</table><table><tr><td><span>Local News</span></td></tr><tr><td>"
        f"<font size=4><b>Council backs tram extension</b></font><br>{cell}"
        "</td></tr></table></body></html>"
    )
    assert extract_html(page).title == "Council backs tram extension"


def _untitled_page(before_body: str) -> str:
    return (
        "<html><head></head><body><h2>Site Navigation</h2><div><a href='/'>Home</a></div>"
        f"{before_body}<div>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )


def test_a_caption_between_the_headline_and_the_body_is_no_headline() -> None:
    page = _untitled_page(
        "<div class='story'>Council backs tram extension</div><div><img src='t.jpg' alt=''>"
        "<div class='cap'>Supporters of the tram network gathered outside the hall</div></div>"
    )
    assert extract_html(page).title == "Council backs tram extension"


def test_a_line_shown_as_a_heading_beats_a_nearer_headline_like_line() -> None:
    page = _untitled_page(
        "<div><h3>Council backs tram extension</h3></div>"
        "<table><tr><td>Print this tram story</td></tr></table>"
    )
    assert extract_html(page).title == "Council backs tram extension"


def _page_with_heading(head: str) -> str:
    """A page with ``head`` and a heading just before the article body."""
    return (
        f"<html><head>{head}</head><body>"
        "<div><a href='/'>Home</a></div><h3>Council backs tram extension to the suburbs</h3>"
        f"<div>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )


def test_a_heading_before_the_body_beats_a_title_sharing_fewer_of_its_words() -> None:
    # the title names the site and a section; the heading just before the body says more
    # of what the article says
    page = _page_with_heading("<title>Example Courier - City Council</title>")
    assert extract_html(page).title == "Council backs tram extension to the suburbs"


def test_a_title_written_for_the_article_beats_a_heading_sharing_more_words() -> None:
    # og:title is the article's own; the heading before the body may be a dek or a
    # headline with a dateline run into it
    page = _page_with_heading(
        "<title>Tram plan approved</title><meta property='og:title' content='Tram plan approved'>"
    )
    assert extract_html(page).title == "Tram plan approved"


def test_a_part_of_a_title_written_for_the_article_beats_a_heading_too() -> None:
    page = _page_with_heading(
        "<title>Tram plan approved | Example Courier</title>"
        "<meta property='og:site_name' content='Example Courier'>"
        "<meta property='og:title' content='Tram plan approved | Example Courier'>"
    )
    assert extract_html(page).title == "Tram plan approved"
