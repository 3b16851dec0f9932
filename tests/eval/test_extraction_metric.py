"""The benchmark metric: hand-made cases, and the published table reproduced from saved outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.extraction import (
    DocumentScore,
    GroundTruthItem,
    evaluate,
    load_system_output,
    saved_systems,
    score_document,
    score_documents,
    shingles,
    tokenize,
)

# The repo README at commit 4a3bc97, as copied into MANIFEST.md: F1, precision, recall, accuracy.
PUBLISHED = {
    "rs_trafilatura": (0.970, 0.951, 0.990, 0.287),
    "go_trafilatura": (0.960, 0.940, 0.980, 0.287),
    "trafilatura": (0.958, 0.938, 0.978, 0.293),
    "newspaper": (0.949, 0.964, 0.934, 0.326),
    "news_please": (0.948, 0.964, 0.933, 0.326),
    "readability_js": (0.947, 0.914, 0.982, 0.166),
    "go_readability": (0.934, 0.900, 0.971, 0.188),
    "go_domdistiller": (0.927, 0.901, 0.956, 0.061),
    "readability": (0.922, 0.913, 0.931, 0.315),
    "goose3": (0.896, 0.940, 0.856, 0.232),
    "justext": (0.804, 0.858, 0.756, 0.088),
    "inscriptis": (0.679, 0.517, 0.992, 0.000),
    "html-text": (0.665, 0.500, 0.994, 0.000),
    "AutoExtract": (0.970, 0.984, 0.956, 0.470),
    "Diffbot": (0.951, 0.958, 0.944, 0.348),
    "dragnet": (0.907, 0.925, 0.889, 0.221),
    "boilerpipe": (0.860, 0.850, 0.870, 0.006),
}
TOLERANCE = 0.002

TEXT = "The quick brown fox jumps over the lazy dog while the cat sleeps."


# --- tokens and shingles ------------------------------------------------------------------


def test_tokenize_keeps_case_and_drops_punctuation() -> None:
    assert tokenize("Hello, World! It's 2019.") == ["Hello", "World", "It", "s", "2019"]
    assert tokenize("Hello", lowercase=True) == ["hello"]
    assert tokenize("") == []


def test_shingles_are_a_multiset_of_four_grams() -> None:
    grams = shingles(["a", "b", "c", "d", "a", "b", "c", "d"])
    assert sum(grams.values()) == 5
    assert grams[("a", "b", "c", "d")] == 2


def test_text_shorter_than_four_tokens_is_one_shingle() -> None:
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}


# --- one document -------------------------------------------------------------------------


def test_identical_texts_score_one() -> None:
    doc = score_document(TEXT, TEXT)
    assert (doc.precision, doc.recall, doc.exact) == (1.0, 1.0, True)
    assert doc.tp == pytest.approx(1.0)


def test_whitespace_and_punctuation_do_not_matter() -> None:
    doc = score_document(
        TEXT, "  The quick brown fox\n\njumps over the lazy dog -- while the cat sleeps"
    )
    assert (doc.precision, doc.recall, doc.exact) == (1.0, 1.0, True)


def test_case_matters() -> None:
    doc = score_document("Alpha beta gamma delta", "alpha beta gamma delta")
    assert (doc.precision, doc.recall, doc.exact) == (0.0, 0.0, False)
    assert score_document("Alpha beta gamma delta", "alpha beta gamma delta", lowercase=True).exact


def test_disjoint_texts_score_zero() -> None:
    doc = score_document(TEXT, "Completely different words appear in this other sentence")
    assert (doc.precision, doc.recall, doc.exact) == (0.0, 0.0, False)


def test_short_texts() -> None:
    assert score_document("Breaking news", "Breaking news").precision == 1.0
    assert score_document("Breaking news", "Breaking story").precision == 0.0
    # three tokens against four: the one short shingle is not among the long one's shingles
    assert score_document("a b c", "a b c d").recall == 0.0


def test_counts_are_normalised_per_document() -> None:
    # TEXT has 13 tokens, so 10 shingles; 5 more tokens in front add 5 shingles, one of
    # them a repeat of a true shingle: the multiset counts it as a false positive.
    doc = score_document(TEXT, "quick brown fox jumps over " + TEXT)
    assert doc.tp + doc.fp + doc.fn == pytest.approx(1.0)
    assert (doc.tp, doc.fp, doc.fn) == pytest.approx((10 / 15, 5 / 15, 0.0))
    assert doc.recall == 1.0
    assert doc.precision == pytest.approx(10 / 15)


def test_half_the_text_gives_recall_near_half() -> None:
    truth = " ".join(f"w{i}" for i in range(103))  # 100 shingles
    half = " ".join(f"w{i}" for i in range(53))  # the first 50 of them
    doc = score_document(truth, half)
    assert doc.precision == 1.0
    assert doc.recall == pytest.approx(0.5)


def test_empty_prediction_has_no_precision_and_zero_recall() -> None:
    doc = score_document(TEXT, "")
    assert doc.precision is None
    assert doc.recall == 0.0


def test_both_empty_counts_for_neither_mean() -> None:
    doc = score_document("", "")
    assert (doc.precision, doc.recall, doc.exact) == (None, None, True)


# --- averaging ----------------------------------------------------------------------------


def test_f1_comes_from_averaged_precision_and_recall() -> None:
    docs = [
        DocumentScore(tp=0.5, fp=0.5, fn=0.0, exact=False),  # P 0.5, R 1
        DocumentScore(tp=0.5, fp=0.0, fn=0.5, exact=False),  # P 1, R 0.5
        DocumentScore(tp=0.0, fp=0.0, fn=1.0, exact=False),  # empty prediction: R 0 only
        DocumentScore(tp=1.0, fp=0.0, fn=0.0, exact=True),
    ]
    scores = score_documents(docs, n_bootstrap=0)
    assert scores.precision == pytest.approx((0.5 + 1 + 1) / 3)
    assert scores.recall == pytest.approx((1 + 0.5 + 0 + 1) / 4)
    p, r = scores.precision, scores.recall
    assert scores.f1 == pytest.approx(2 * p * r / (p + r))
    assert scores.accuracy == pytest.approx(0.25)
    assert scores.n_documents == 4


def test_bootstrap_is_seeded() -> None:
    docs = [score_document(TEXT, TEXT[: 10 * i]) for i in range(1, 8)]
    first = score_documents(docs, n_bootstrap=200)
    assert first == score_documents(docs, n_bootstrap=200)
    assert 0 < first.f1_std < 0.5
    perfect = score_documents([score_document(TEXT, TEXT)] * 5, n_bootstrap=50)
    assert (perfect.f1, perfect.f1_std) == (1.0, 0.0)


def test_no_documents_scores_zero() -> None:
    assert score_documents([]).f1 == 0.0


def test_evaluate_requires_the_same_ids() -> None:
    truth = {"a": GroundTruthItem(article_body=TEXT, url="https://example.org/a")}
    with pytest.raises(ValueError, match="1 missing"):
        evaluate(truth, {"b": TEXT})
    scores, per_document = evaluate(truth, {"a": TEXT}, n_bootstrap=10)
    assert scores.f1 == 1.0
    assert per_document["a"].exact


@pytest.mark.parametrize("wrapped", [True, False])
def test_system_output_loader_unwraps(tmp_path: Path, wrapped: bool) -> None:
    items = {"a": {"articleBody": "text"}, "b": {"articleBody": None}, "c": {}}
    data = {"version": "1.0", "output": items} if wrapped else items
    path = tmp_path / "system.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_system_output(path) == {"a": "text", "b": "", "c": ""}


# --- the published table ------------------------------------------------------------------


@pytest.mark.eval
@pytest.mark.parametrize("system", sorted(PUBLISHED))
def test_saved_outputs_reproduce_the_published_table(
    system: str, extraction_dir: Path, ground_truth: dict[str, GroundTruthItem]
) -> None:
    """Case-sensitive tokens give every published figure to the third decimal."""
    path = saved_systems(extraction_dir).get(system)
    if path is None:
        pytest.skip(f"no saved output for {system} in {extraction_dir / 'output'}")
    scores, _ = evaluate(ground_truth, load_system_output(path), n_bootstrap=0)
    measured = (scores.f1, scores.precision, scores.recall, scores.accuracy)
    assert measured == pytest.approx(PUBLISHED[system], abs=TOLERANCE)


# F1 ± std in the repo README of the 2019 run (older outputs, same metric).
PUBLISHED_F1_STD = {"AutoExtract": 0.005, "Diffbot": 0.010, "html-text": 0.015}


@pytest.mark.eval
@pytest.mark.parametrize("system", sorted(PUBLISHED_F1_STD))
def test_bootstrap_std_matches_the_published_error_bars(
    system: str, extraction_dir: Path, ground_truth: dict[str, GroundTruthItem]
) -> None:
    predictions = load_system_output(saved_systems(extraction_dir)[system])
    scores, _ = evaluate(ground_truth, predictions)
    assert scores.f1_std == pytest.approx(PUBLISHED_F1_STD[system], abs=0.003)
