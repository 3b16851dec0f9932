"""The Markdown brief: cited summary, numbered sources, the fact table and the sections."""

from __future__ import annotations

import copy
import re
from typing import Any

from render_builders import PAYLOAD, contract_only, poisoned

from storyline.render.markdown import brief_to_markdown, briefs_to_markdown, md_escape

LINK = re.compile(r"\[(\d+)\]\(([^)]*)\)")


def section(markdown: str, title: str) -> list[str]:
    """The lines under ``## title`` (up to the next section)."""
    body = markdown.split(f"\n## {title}\n", 1)[1]
    return [line for line in body.split("\n## ", 1)[0].splitlines() if line.strip()]


def cells(row: str) -> list[str]:
    """A table row's cells (an escaped ``\\|`` stays inside its cell)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def test_headline_then_each_summary_sentence_with_links_to_the_articles_it_cites(
    seeds_brief: dict[str, Any],
) -> None:
    markdown = brief_to_markdown(seeds_brief)
    assert markdown.startswith(f"# {md_escape(seeds_brief['headline'])}\n")
    number = {a["id"]: n for n, a in enumerate(seeds_brief["articles"], start=1)}
    path = {number[a["id"]]: a["source_path"] for a in seeds_brief["articles"]}
    for sentence in seeds_brief["summary"]:
        [line] = [x for x in markdown.splitlines() if x.startswith(md_escape(sentence["text"]))]
        links = LINK.findall(line[len(md_escape(sentence["text"])) :])
        assert [int(n) for n, _ in links] == sorted(
            {number[c["article"]] for c in sentence["citations"]}
        )
        assert all(target == path[int(n)] for n, target in links)


def test_sources_list_every_article_with_its_outlet_in_brief_order(
    seeds_brief: dict[str, Any],
) -> None:
    lines = section(brief_to_markdown(seeds_brief), "Sources")
    articles = seeds_brief["articles"]
    assert len(lines) == len(articles) == 5
    for n, (line, article) in enumerate(zip(lines, articles, strict=True), start=1):
        assert line.startswith(f"{n}. ")
        assert f"]({article['source_path']})" in line
        assert md_escape(article["outlet"] or "unknown outlet") in line
    outlets = {a["outlet"] for a in articles} - {None}
    assert {"The Hindu", "hani.co.kr", "The Moscow Times"} <= outlets


def test_fact_table_puts_the_top_fact_first_with_its_outlets_and_origins(
    seeds_brief: dict[str, Any],
) -> None:
    header, rule, first, *rest = section(brief_to_markdown(seeds_brief), "Facts across outlets")
    heads = cells(header)
    assert heads[0] == "Fact"
    assert heads[-3:] == ["articles, outlets", "independent origins", "origins"]
    assert len(cells(rule)) == len(heads)
    top = seeds_brief["facts"][0]
    row = cells(first)
    assert row[0] == md_escape(top["text"])
    assert row[1:-3].count("\u2713") == len(top["articles"]) == 5
    # two seeds name no outlet: they are articles, never outlets
    carried = "5 articles, 3 outlets (+2 of unknown outlet)"
    assert row[-3:] == [carried, str(top["independent_origins"]), "Vedomosti"]
    shown = [cells(r) for r in rest if r.startswith("|")]
    counts = [int(r[-3].split()[0]) for r in [row, *shown]]
    assert counts[0] >= 2 and counts == sorted(counts, key=lambda n: n < 2)  # 2+ first


def test_sections_are_there_when_the_brief_has_them_and_left_out_when_empty(
    seeds_brief: dict[str, Any],
) -> None:
    markdown = brief_to_markdown(seeds_brief)
    assert len(section(markdown, "Reported by one outlet only")) == len(
        seeds_brief["unique_details"]
    )
    assert len(section(markdown, "Quotes")) == len(seeds_brief["quotes"])
    assert "- **Vedomosti** (outlet), cited by 5 articles" in section(markdown, "Who is cited")
    people = section(markdown, "People, places and organisations")
    putin = "- **Vladimir Putin** (PERSON, also \u201cPutin\u201d)"
    assert any(line.startswith(putin) for line in people)
    assert len(section(markdown, "Timeline")) == len(seeds_brief["timeline"])
    assert seeds_brief["conflicts"] == [] and "## Disagreements" not in markdown
    seeds_brief["conflicts"] = [
        {
            "kind": "update",
            "about": "magnitude",
            "sides": [
                {"value": "6.5", "articles": [seeds_brief["articles"][0]["id"]], "text": "a"},
                {"value": "8.8", "articles": [seeds_brief["articles"][1]["id"]], "text": "b"},
            ],
        }
    ]
    lines = section(brief_to_markdown(seeds_brief), "Disagreements")
    assert lines[0] == "- **update** about magnitude" and len(lines) == 3


def test_article_text_cannot_break_a_table_row_or_inject_markup(
    seeds_brief: dict[str, Any],
) -> None:
    assert md_escape("a | b\nc *d* <i>") == "a \\| b c \\*d\\* \\<i\\>"
    seeds_brief["facts"][0]["text"] = "Putin | Kim\nmet *again*"
    seeds_brief["articles"][0]["url"] = "javascript:alert(1)"
    markdown = brief_to_markdown(poisoned(seeds_brief))
    header, _, first, *_ = section(markdown, "Facts across outlets")
    assert len(cells(first)) == len(cells(header))
    assert "<script>" not in markdown and md_escape(PAYLOAD) in markdown
    assert "javascript:" not in markdown


def test_several_briefs_are_one_document_separated_by_rules(seeds_brief: dict[str, Any]) -> None:
    other = seeds_brief | {"story_id": "s-other", "headline": "Another story"}
    markdown = briefs_to_markdown([seeds_brief, other])
    first, second = markdown.split("\n---\n\n")
    assert first == brief_to_markdown(seeds_brief) and second.startswith("# Another story\n")


def test_a_brief_with_only_the_contract_fields_renders(seeds_brief: dict[str, Any]) -> None:
    markdown = brief_to_markdown(contract_only(seeds_brief))
    assert len(section(markdown, "Timeline")) == len(seeds_brief["timeline"])
    assert len(section(markdown, "Reported by one outlet only")) == len(
        seeds_brief["unique_details"]
    )


def test_reported_speech_is_never_shown_inside_quotation_marks(
    seeds_brief: dict[str, Any],
) -> None:
    from storyline.render.brief import brief_to_text
    from storyline.render.html import brief_to_html

    direct = [q for q in seeds_brief["quotes"] if q["direct"]]
    reported = [q for q in seeds_brief["quotes"] if not q["direct"]]
    assert direct and reported  # the seeds have both kinds
    seeds_brief["quotes"] = [direct[0], reported[0]]
    said, put = direct[0]["text"], reported[0]["text"]
    text = " ".join(brief_to_text(seeds_brief, width=10_000).split())
    markdown = brief_to_markdown(seeds_brief)
    html = " ".join(brief_to_html(seeds_brief).split())
    assert f"\u201c{said}\u201d" in text and f"\u201c{md_escape(said)}\u201d" in markdown
    assert f"(reported speech): {put}" in text
    assert f"(reported speech): {md_escape(put)}" in markdown
    assert f"\u201c{put}" not in text and f"\u201c{md_escape(put)}" not in markdown
    assert "(reported speech): " in html and f"&ldquo;{put}" not in html


def test_a_source_shows_the_outlet_it_counts_as(seeds_brief: dict[str, Any]) -> None:
    """An article with no stated outlet but a wire tag ("PARIS (Wirewire) -") is listed
    under the outlet the counts use, not as "unknown outlet"."""
    brief = copy.deepcopy(seeds_brief)
    first = brief["articles"][0]
    first["outlet"], first["counted_outlet"] = None, "Wirewire"
    [line, *_] = section(brief_to_markdown(brief), "Sources")
    assert "Wirewire" in line and "unknown outlet" not in line


def test_an_origin_without_a_name_is_shown_beside_the_named_ones(
    seeds_brief: dict[str, Any],
) -> None:
    from storyline.render.brief import fact_origins

    fact = {"origins": ["The Velmora Daily"], "independent_origins": 2}
    assert fact_origins(fact) == "The Velmora Daily (+own reporting of unknown outlet)"
    assert fact_origins({"origins": [], "independent_origins": 1}, empty="-") == (
        "own reporting of unknown outlet"
    )
    relayed = {"origins": ["Jon Roe", "The Velmora Daily"], "independent_origins": 1}
    assert fact_origins(relayed) == "Jon Roe, The Velmora Daily"  # one relayed voice
    assert fact_origins({"origins": [], "independent_origins": 0}, empty="-") == "-"
    # in the table, every row's origins account for its count
    _, _, *rows = section(brief_to_markdown(seeds_brief), "Facts across outlets")
    for row in (cells(r) for r in rows if r.startswith("|")):
        named = [] if row[-1] == "\u2014" else row[-1].split(", ")
        assert int(row[-2]) <= len(named) or "unknown outlet" in row[-1]
