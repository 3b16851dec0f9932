"""visible_text: the whole page as text, laid out in lines, as the plain-text path's input."""

from __future__ import annotations

import pytest

from storyline.evaluation.extraction import GroundTruthItem, evaluate
from storyline.evaluation.visible_text import visible_text


def test_blocks_make_lines_and_paragraphs_blank_lines() -> None:
    html = (
        "<html><head><title>Tab title</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
        "<h1>A   headline</h1><p>First paragraph,\n  wrapped.</p><p>Second.</p>"
        "<div>footer</div></body></html>"
    )
    assert visible_text(html) == (
        "Home\nNews\n\nA headline\n\nFirst paragraph, wrapped.\n\nSecond.\n\nfooter"
    )


def test_invisible_content_is_dropped() -> None:
    html = (
        "<body><script>var x = 1;</script><style>p {}</style><!-- note -->"
        "<noscript>Enable JavaScript</noscript><template><p>later</p></template>"
        "<p hidden>secret</p><p style='display: none'>gone</p><svg><title>icon</title></svg>"
        "<select><option>One</option></select><p>Shown</p></body>"
    )
    assert visible_text(html) == "Shown"


def test_html_text_compat_keeps_title_and_noscript() -> None:
    html = "<title>Tab</title><noscript>Enable JavaScript</noscript><p hidden>x</p>"
    assert visible_text(html, html_text_compat=True) == "Tab\n\nEnable JavaScript\n\nx"


def test_inline_elements_are_spaced_unless_punctuation_follows() -> None:
    html = "<p><a>Home</a><a>World</a> and <b>bold</b>, (<i>aside</i>).</p>"
    assert visible_text(html) == "Home World and bold, (aside)."


def test_line_breaks_and_tables() -> None:
    html = (
        "<p>one<br>two<br><br>three</p>"
        "<table><tr><th>Team</th><th>Score</th></tr><tr><td>A</td><td>1</td></tr></table>"
    )
    assert visible_text(html) == "one\ntwo\n\nthree\n\nTeam\tScore\nA\t1"


def test_preformatted_text_keeps_its_lines() -> None:
    assert visible_text("<pre>a  b\n\n  c</pre>after") == "a  b\n\n  c\n\nafter"


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->", "<html></html>"])
def test_empty_pages_give_empty_text(html: str) -> None:
    assert visible_text(html) == ""


def test_odd_input_does_not_raise() -> None:
    declared = '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>ok</p></body></html>'
    assert visible_text(declared) == "ok"
    assert visible_text("plain text, no markup") == "plain text, no markup"
    assert visible_text("<p>nul\x00byte</p>") == "nulbyte"
    assert visible_text("<div>" * 500 + "deep" + "</div>" * 500) == "deep"


@pytest.mark.eval
def test_compat_mode_reproduces_the_html_text_baseline(
    ground_truth: dict[str, GroundTruthItem], pages: dict[str, str]
) -> None:
    """html-text 0.7 scores F1 0.665 / P 0.500 / R 0.994 on the benchmark."""
    predictions = {
        doc_id: visible_text(html, html_text_compat=True) for doc_id, html in pages.items()
    }
    scores, _ = evaluate(ground_truth, predictions, n_bootstrap=0)
    assert (scores.f1, scores.precision, scores.recall) == pytest.approx(
        (0.665, 0.500, 0.994), abs=0.003
    )


@pytest.mark.eval
def test_default_mode_keeps_the_article(
    ground_truth: dict[str, GroundTruthItem], pages: dict[str, str]
) -> None:
    """Dropping what a browser hides loses no article text and removes some furniture."""
    predictions = {doc_id: visible_text(html) for doc_id, html in pages.items()}
    scores, _ = evaluate(ground_truth, predictions, n_bootstrap=0)
    assert scores.recall >= 0.99
    assert scores.precision >= 0.51
