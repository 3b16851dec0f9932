"""``storyline brief --format markdown|html|text`` through ``storyline.cli.main``."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from builders import write_two_unrelated

from storyline.cli import main
from storyline.render.brief import brief_to_text


def test_markdown_and_html_formats(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(seeds_dir), "--format", "markdown", "--words", "60"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# Putin to visit North Korea")
    assert "\n## Sources\n" in markdown and "\n---\n" not in markdown

    assert main(["brief", str(seeds_dir), "--format", "html", "--words", "60"]) == 0
    html, err = capsys.readouterr()
    assert "1 brief" in err
    page = lxml.html.document_fromstring(html)
    assert len(page.xpath("//article[@class='brief']")) == 1
    cites = page.xpath("//section[@class='summary']//a[@data-start]")
    assert cites and all(a.get("title") for a in cites)


def test_several_stories_in_markdown_and_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_two_unrelated(tmp_path)
    assert main(["brief", str(tmp_path), "--format", "markdown"]) == 0
    documents = capsys.readouterr().out.split("\n---\n\n")
    assert len(documents) == 2 and all(d.startswith("# ") for d in documents)
    assert main(["brief", str(tmp_path), "--format", "html"]) == 0
    page = lxml.html.document_fromstring(capsys.readouterr().out)
    assert len(page.xpath("//article[@class='brief']")) == 2
    assert page.findtext(".//title") == "2 stories"


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["brief", "x", "--format", "yaml"])
    assert exit_info.value.code == 2
    assert "markdown" in capsys.readouterr().err


def test_terminal_view_wraps_the_summary_and_counts_the_sections() -> None:
    article = {"id": "a", "published": None, "outlet": "Post", "source_path": "a.txt"}
    brief = {
        "story_id": "s1",
        "headline": "Kelvaro strike ends",
        "articles": [article | {"duplicate_of": None}],
        "summary": [{"text": " ".join(["word"] * 41), "citations": [{"article": "a"}]}],
        "facts": [],
        "unique_details": [],
        "conflicts": [],
        "quotes": [],
        "entities": [],
        "timeline": [],
    }
    text = brief_to_text(brief, width=50)
    summary = [line for line in text.splitlines() if line.startswith("word")]
    assert len(summary) > 1 and all(len(line) <= 50 for line in summary)
    assert summary[-1].endswith("[1]")
    assert "0 facts (0 in 2+ articles)" in text
