"""The HTML brief: escaped, checkable citations (offsets + hover text) and the sections."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from render_builders import PAYLOAD, contract_only, poisoned

from storyline.api import BriefRun, build_briefs, clean_articles
from storyline.dedupe.canonical import published_timestamp
from storyline.render.html import brief_to_html, briefs_to_html, template_environment


@pytest.fixture(scope="module")
def seeds_texts(seeds_dir: Path) -> dict[str, str]:
    """Article id -> cleaned text, as ``storyline clean`` gives it."""
    return {a.id: a.text for a in clean_articles([str(seeds_dir)]).articles}


def parse(html: str) -> Any:
    return lxml.html.document_fromstring(html)


def test_templates_autoescape() -> None:
    assert template_environment().autoescape is True


def test_page_has_each_summary_sentence_with_numbered_links_to_its_sources(
    seeds_brief: dict[str, Any],
) -> None:
    page = parse(brief_to_html(seeds_brief))
    assert page.findtext(".//title") == seeds_brief["headline"]
    assert page.findtext(".//h1") == seeds_brief["headline"]
    assert not page.xpath("//script | //link | //*[@src]")  # no external resources
    sources = page.xpath("//section[@class='sources']/ol/li")
    assert [li.get("data-article") for li in sources] == [a["id"] for a in seeds_brief["articles"]]
    number = {li.get("data-article"): li.get("id").removeprefix("src-") for li in sources}
    for li, article in zip(sources, seeds_brief["articles"], strict=True):
        path = li.xpath(".//code[@class='meta']")[0]
        assert path.get("title") == article["source_path"]  # the whole path on hover
        assert path.text == "seeds/" + Path(article["source_path"]).name  # the inputs' folder
        assert (article["outlet"] or "unknown outlet") in li.text_content()
    paragraphs = page.xpath("//section[@class='summary']/p[@class='sentence']")
    assert len(paragraphs) == len(seeds_brief["summary"])
    for p, sentence in zip(paragraphs, seeds_brief["summary"], strict=True):
        assert p.text == sentence["text"]
        links = p.xpath("./sup[@class='cite']/a")
        cited = [(a.get("data-article"), a.get("data-start"), a.get("data-end")) for a in links]
        expected = [(c["article"], str(c["start"]), str(c["end"])) for c in sentence["citations"]]
        assert sorted(cited) == sorted(expected)
        numbers = [int(a.text) for a in links]
        assert numbers == sorted(numbers)  # in the order of the Sources list
        for a in links:
            assert a.get("href") == f"#src-{a.text}" and a.text == number[a.get("data-article")]


def test_every_cited_span_slices_the_cleaned_text_to_its_title(
    seeds_brief: dict[str, Any], seeds_texts: dict[str, str]
) -> None:
    page = parse(brief_to_html(seeds_brief))
    cited = page.xpath("//a[@data-start]")
    counts = {
        "summary": sum(len(s["citations"]) for s in seeds_brief["summary"]),
        "timeline": sum(len(t["citations"]) for t in seeds_brief["timeline"]),
    }
    assert len(cited) >= sum(counts.values()) > 0
    for a in cited:
        text = seeds_texts[a.get("data-article")]
        title = a.get("title")
        assert title is not None
        assert text[int(a.get("data-start")) : int(a.get("data-end"))] == title
    # the same titles when the renderer is handed the texts instead
    again = parse(brief_to_html(seeds_brief, texts=seeds_texts)).xpath("//a[@data-start]")
    assert [a.get("title") for a in again] == [a.get("title") for a in cited]


def test_fact_table_and_sections(seeds_brief: dict[str, Any]) -> None:
    page = parse(brief_to_html(seeds_brief))
    table = page.xpath("//table[@class='facts']")[0]
    heads = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
    assert heads[0] == "Fact"
    assert heads[-3:] == ["articles, outlets", "independent origins", "origins"]
    assert {"The Hindu 1", "hani.co.kr 2", "The Moscow Times 5"} <= set(heads)
    first = [td.text_content() for td in table.xpath("./tbody/tr[1]/td")]
    top = seeds_brief["facts"][0]
    assert first[0] == top["text"] and first.count("\u2713") == len(top["articles"]) == 5
    assert first[-3:] == ["5 articles, 3 outlets (+2 of unknown outlet)", "1", "Vedomosti"]
    titles = [h.text for h in page.xpath("//section/h2")]
    assert titles == [
        "How coverage grew",
        "Facts across outlets",
        "Reported by one outlet only",
        "Timeline",
        "Quotes",
        "Who is cited",
        "People, places and organisations",
        "Sources",
    ]  # no "Disagreements": the seeds have none
    details = page.xpath("//section[@class='unique-details']//li")
    assert len(details) == len(seeds_brief["unique_details"])


def test_a_brief_with_only_the_contract_fields_renders(seeds_brief: dict[str, Any]) -> None:
    page = parse(brief_to_html(contract_only(seeds_brief)))
    assert len(page.xpath("//section[@class='timeline']/ul/li")) == len(seeds_brief["timeline"])
    summary = page.xpath("//section[@class='summary']//a[@data-start]")
    assert summary and all(a.get("title") for a in summary)  # from the facts' mentions


def test_body_alone_has_no_page_around_it(seeds_brief: dict[str, Any]) -> None:
    body = brief_to_html(seeds_brief, standalone=False)
    assert body.startswith("<article") and body.rstrip().endswith("</article>")
    assert "<html" not in body and "<style" not in body


def test_several_briefs_make_one_page_with_distinct_anchors(seeds_brief: dict[str, Any]) -> None:
    other = seeds_brief | {"story_id": "s-other", "headline": "Another story"}
    page = parse(briefs_to_html([seeds_brief, other]))
    assert len(page.xpath("//article[@class='brief']")) == 2
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    for a in page.xpath("//a[starts-with(@href, '#')]"):
        assert page.get_element_by_id(a.get("href")[1:]) is not None


def _assert_inert(html: str) -> None:
    page = parse(html)
    assert not page.xpath("//script | //img | //iframe")
    assert not [name for el in page.iter() for name in el.attrib if name.startswith("on")]
    assert not [h for h in page.xpath("//@href") if not h.startswith(("#", "https:"))]
    assert "&lt;script&gt;" in html


def test_article_text_is_escaped_everywhere(seeds_brief: dict[str, Any]) -> None:
    seeds_brief["articles"][0]["url"] = "javascript:alert(1)"
    first, second = (a["id"] for a in seeds_brief["articles"][:2])
    sides = [{"value": "6", "articles": [first], "text": "6"}, {"value": "8", "articles": [second]}]
    seeds_brief["conflicts"] = [{"kind": "update", "about": "x", "sides": sides}]
    seeds_brief["conflicts"][0]["sides"][1]["text"] = "8"
    html = brief_to_html(poisoned(seeds_brief))
    assert "Disagreements" in html
    _assert_inert(html)
    assert PAYLOAD not in html


def test_script_in_a_real_article_comes_out_escaped(tmp_path: Path) -> None:
    records = [
        {
            "id": "evil-1",
            "url": "javascript:alert(1)",
            "outlet": "Evil <b>Times</b>",
            "title": f"Strike {PAYLOAD} ends in Kelvaro",
            "published": "2024-06-10T08:00:00+00:00",
            "text": "Harbour workers in Kelvaro ended a nine-day strike on Friday after the "
            f"union accepted a pay rise of {PAYLOAD} percent.\n\nShips will sail again on "
            "Monday, according to the <img src=x onerror=alert(1)> harbour master.",
        },
        {
            "id": "evil-2",
            "url": "https://example.org/kelvaro",
            "outlet": "The Kelvaro Post",
            "title": "Kelvaro strike ends",
            "published": "2024-06-11T08:00:00+00:00",
            # not the payload sentence's twin: which outlet voices a fact two of them
            # state is the summarizer's choice, and the payload must reach the summary
            "text": "The port of Kelvaro reopened on Saturday after nine days without "
            "loading.\n\nShips will sail again on Monday, the harbour master said.",
        },
    ]
    path = tmp_path / "evil.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run: BriefRun = build_briefs([str(path)], one_story=True)
    [brief] = [b.to_dict() for b in run.briefs]
    mentions = [m["text"] for f in brief["facts"] for m in f["mentions"]]
    assert any(PAYLOAD in text for text in mentions)  # the pipeline kept it
    html = brief_to_html(brief)
    _assert_inert(html)
    assert PAYLOAD not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_each_fact_names_who_reported_it_first(seeds_brief: dict[str, Any]) -> None:
    page = parse(brief_to_html(seeds_brief))
    published = {a["id"]: a["published"] for a in seeds_brief["articles"]}
    outlet = {a["id"]: a["outlet"] for a in seeds_brief["articles"]}
    rows = page.xpath("//table[@class='facts']/tbody/tr")
    ordered = sorted(seeds_brief["facts"], key=lambda f: len(f["articles"]) < 2)
    checked = 0
    for row, fact in zip(rows, ordered, strict=False):
        cell = row.xpath("./td[@class='first']")[0]
        dated = sorted(
            (published_timestamp(published[a]), a) for a in fact["articles"] if published[a]
        )
        if not dated:
            assert cell.text_content() == "undated"
            continue
        first = dated[0][1]
        assert cell.text_content().startswith(str(outlet[first] or "unknown outlet"))
        assert cell.xpath(".//time")[0].get("datetime") == published[first]
        checked += 1
    assert checked >= 3
    # The Hindu (June 10) was first with the fact all five articles state
    top = rows[0].xpath("./td[@class='first']")[0]
    assert top.text_content().startswith("The Hindu") and "10 Jun 2024, 12:04" in top.text_content()


def test_conflicts_side_by_side_and_details_by_outlet(seeds_brief: dict[str, Any]) -> None:
    hindu, hani = seeds_brief["articles"][0], seeds_brief["articles"][1]
    seeds_brief["conflicts"] = [
        {
            "kind": "contradiction",
            "about": "date of the visit",
            "sides": [
                {"value": "June", "articles": [hindu["id"]], "text": "Putin could visit in June."},
                {"value": "July", "articles": [hani["id"]], "text": "Putin will visit in July."},
            ],
        }
    ]
    page = parse(brief_to_html(seeds_brief))
    [conflict] = page.xpath("//section[@class='conflicts']/div[@class='conflict']")
    sides = conflict.xpath("./div[@class='sides']/div[@class='side']")
    assert [s.xpath("./p[@class='value']")[0].text_content() for s in sides] == [
        "\u201cJune\u201d",
        "\u201cJuly\u201d",
    ]
    assert sides[0].xpath("./p[@class='side-outlets']")[0].text_content() == "The Hindu1"
    assert sides[1].xpath("./blockquote")[0].text == "Putin will visit in July."
    groups = page.xpath("//section[@class='unique-details']/div[@class='outlet-details']")
    by_outlet: dict[str, int] = {}
    for detail in seeds_brief["unique_details"]:
        source = next(a for a in seeds_brief["articles"] if a["id"] == detail["article"])
        key = source["outlet"] or source["id"]
        by_outlet[key] = by_outlet.get(key, 0) + 1
    assert sorted(len(g.xpath(".//li")) for g in groups) == sorted(by_outlet.values())
    named = [g.get("data-outlet") for g in groups]
    assert "hani.co.kr" in named and any(n.startswith("unknown outlet: ") for n in named)


def test_charts_are_inline_svg_without_script_or_style(seeds_brief: dict[str, Any]) -> None:
    page = parse(brief_to_html(seeds_brief))
    bars = page.xpath("//svg[@class='coverage']/rect[@class='bar']")
    dated = [a for a in seeds_brief["articles"] if a["published"]]
    assert sum(int(b.get("data-count")) for b in bars) == len(dated)
    assert page.xpath("//svg[@class='timeline-svg']//g[@class='event']")
    svg = page.xpath("//svg")
    assert svg and not [el for s in svg for el in s.iter() if "style" in el.attrib]


def test_a_summary_span_no_fact_quotes_still_has_its_text() -> None:
    from storyline.render.brief import cited_texts

    line = "``Kids need the band. Kids need the choir,'' Ann Berg said."
    brief: dict[str, Any] = {
        "facts": [],
        "unique_details": [],
        "quotes": [],
        "summary": [{"text": line, "citations": [{"article": "a", "start": 0, "end": 60}]}],
    }
    assert cited_texts(brief)[("a", 0, 60)] == line
