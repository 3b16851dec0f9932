"""Quality gate: extraction F1 of both cleaning paths on the 181 benchmark pages.

Fails below the floors in eval_baseline.json (``extraction_html_f1``,
``extraction_plain_f1``). Each path takes a few seconds; benchmarks/extraction.py prints
the same scores with error bars, speed and the worst documents.
"""

from __future__ import annotations

import time

import pytest

from storyline.evaluation.extraction import ExtractionScores, GroundTruthItem, evaluate
from storyline.evaluation.visible_text import visible_text

pytestmark = pytest.mark.eval


def _describe(scores: ExtractionScores, seconds: float) -> str:
    return (
        f"F1 {scores.f1:.4f} (P {scores.precision:.4f}, R {scores.recall:.4f}, "
        f"accuracy {scores.accuracy:.3f}) over {scores.n_documents} pages in {seconds:.1f} s"
    )


def test_html_path_f1_is_above_its_floor(
    ground_truth: dict[str, GroundTruthItem], pages: dict[str, str], baseline: dict[str, float]
) -> None:
    from storyline.clean.html import extract_html

    started = time.perf_counter()
    predictions = {
        doc_id: extract_html(html, url=ground_truth[doc_id].url).text
        for doc_id, html in pages.items()
    }
    seconds = time.perf_counter() - started
    scores, _ = evaluate(ground_truth, predictions, n_bootstrap=0)
    floor = baseline["extraction_html_f1"]
    assert scores.f1 >= floor, f"HTML path below its floor {floor}: {_describe(scores, seconds)}"


def test_plain_path_f1_is_above_its_floor(
    ground_truth: dict[str, GroundTruthItem], pages: dict[str, str], baseline: dict[str, float]
) -> None:
    try:
        from storyline.clean.plaintext import clean_plaintext
    except ModuleNotFoundError as err:
        if err.name != "storyline.clean.plaintext":
            raise
        pytest.skip("storyline.clean.plaintext does not exist yet")
    texts = {doc_id: visible_text(html) for doc_id, html in pages.items()}
    started = time.perf_counter()
    predictions = {doc_id: clean_plaintext(text).text for doc_id, text in texts.items()}
    seconds = time.perf_counter() - started
    scores, _ = evaluate(ground_truth, predictions, n_bootstrap=0)
    floor = baseline["extraction_plain_f1"]
    assert scores.f1 >= floor, f"plain path below its floor {floor}: {_describe(scores, seconds)}"


def _plain_f1(name: str, part: str | None = None) -> float:
    """Token F1 of the plain path on a fetched boilerplate set (``part``: its half);
    skips when the set is absent."""
    from storyline.clean.plaintext import clean_plaintext
    from storyline.evaluation.boilerplate import load_pages
    from storyline.evaluation.extraction import score_document, score_documents

    try:
        pages = [p for p in load_pages(name) if part is None or p.part == part]
    except FileNotFoundError as err:
        pytest.skip(str(err))
    scores = [score_document(p.truth, clean_plaintext(visible_text(p.html)).text) for p in pages]
    return score_documents(scores, n_bootstrap=0).f1


def test_plain_path_on_a_held_out_collection_is_above_its_floor(
    baseline: dict[str, float],
) -> None:
    """CleanPortalEval (71 news-portal pages) was never tuned on, by the rules or the line
    model; skipped when the fetched boilerplate sets are absent."""
    f1 = _plain_f1("cleanportaleval")
    floor = baseline["extraction_plain_cleanportaleval_f1"]
    assert f1 >= floor, f"plain path on CleanPortalEval: F1 {f1:.4f} < {floor}"


def test_plain_path_on_cleaneval_held_out_half_is_above_its_floor(
    baseline: dict[str, float],
) -> None:
    """CleanEval's held-out half (odd positions, 366 pages: forums, blogs, mostly prose
    pages, where cleaning used to lose to no cleaning at all) was never tuned on;
    skipped when the fetched boilerplate sets are absent."""
    f1 = _plain_f1("cleaneval", "held-out")
    floor = baseline["extraction_plain_cleaneval_heldout_f1"]
    assert f1 >= floor, f"plain path on CleanEval held out: F1 {f1:.4f} < {floor}"
