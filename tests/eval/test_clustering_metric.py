"""The clustering metrics on hand-made cases, and the ECB+ / MultiLing loaders on the real data."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.evaluation.clustering import adjusted_rand_index, bcubed, score_clustering
from storyline.evaluation.datasets import (
    EcbDoc,
    MultilingDoc,
    detokenize,
    ecbplus_dir,
    load_ecbplus,
    load_multiling_english,
    load_multiling_references,
    multiling_dir,
    to_jsonl,
)
from storyline.read.jsonl import read_jsonl
from storyline.settings import Settings
from storyline.types import RawDocument

HAS_SKLEARN = importlib.util.find_spec("sklearn") is not None


def labels(*clusters: str) -> dict[str, str]:
    """``labels("ab", "cde")`` -> items a, b in cluster 0 and c, d, e in cluster 1."""
    return {item: str(index) for index, cluster in enumerate(clusters) for item in cluster}


GOLD = labels("abc", "de", "fghi", "j")  # sizes 3, 2, 4, 1: n = 10


# --- BCubed -----------------------------------------------------------------------------


def test_perfect_clustering_scores_one() -> None:
    renamed = {item: f"x{label}" for item, label in GOLD.items()}  # label names do not matter
    assert bcubed(renamed, GOLD) == (1.0, 1.0, 1.0)
    assert adjusted_rand_index(renamed, GOLD) == 1.0


def test_all_in_one_cluster_has_full_recall() -> None:
    one = dict.fromkeys(GOLD, "all")
    precision, recall, f1 = bcubed(one, GOLD)
    sizes = Counter(GOLD.values()).values()
    expected = sum(size * size for size in sizes) / len(GOLD) ** 2  # Σ|g|² / n² = 30/100
    assert recall == 1.0
    assert precision == pytest.approx(expected) == pytest.approx(0.3)
    assert f1 == pytest.approx(2 * 0.3 / 1.3)
    assert adjusted_rand_index(one, GOLD) == pytest.approx(0.0)


def test_singletons_have_full_precision() -> None:
    singletons = {item: item for item in GOLD}
    precision, recall, _ = bcubed(singletons, GOLD)
    assert precision == 1.0
    assert recall == pytest.approx(4 / 10)  # Σ_g |g|·(1/|g|) / n = k / n
    assert adjusted_rand_index(singletons, GOLD) == pytest.approx(0.0)


def test_bcubed_hand_computed() -> None:
    gold = labels("abc", "de")
    pred = labels("ab", "cde")
    # precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/15
    # recall per item:    a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> 11/15
    precision, recall, f1 = bcubed(pred, gold)
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)
    # An asymmetric case: one gold cluster split into three.
    precision, recall, f1 = bcubed(labels("ab", "c", "d"), labels("abcd"))
    assert precision == 1.0
    assert recall == pytest.approx((2 / 4 + 2 / 4 + 1 / 4 + 1 / 4) / 4)
    assert f1 == pytest.approx(2 * 0.375 / 1.375)


def test_f1_is_harmonic_mean_of_averages_not_mean_of_item_f1() -> None:
    gold = labels("abcd", "e")
    pred = labels("abcde")
    precision, recall, f1 = bcubed(pred, gold)
    assert precision == pytest.approx((4 * 4 / 5 + 1 / 5) / 5)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


# --- ARI --------------------------------------------------------------------------------


def test_ari_known_example() -> None:
    # scikit-learn's documented example: ARI([0,0,1,1,2,2] vs [0,0,0,1,1,1]) = 8/33 = 0.2424...
    gold = labels("abc", "def")
    pred = labels("ab", "cd", "ef")
    # index Σ C(n_ij,2) = 2; Σ C(a,2) = 3; Σ C(b,2) = 6; C(6,2) = 15; E = 1.2; max = 4.5
    assert adjusted_rand_index(pred, gold) == pytest.approx(float(Fraction(8, 33)))
    assert adjusted_rand_index(gold, pred) == pytest.approx(float(Fraction(8, 33)))


def test_ari_can_be_negative_and_degenerate_cases_are_one() -> None:
    assert adjusted_rand_index(labels("ab", "cd"), labels("ac", "bd")) == pytest.approx(-0.5)
    assert adjusted_rand_index({"a": "x"}, {"a": "y"}) == 1.0
    singletons = {item: item for item in "abc"}
    assert adjusted_rand_index(singletons, singletons) == 1.0


@pytest.mark.skipif(not HAS_SKLEARN, reason="scikit-learn is not installed")
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=40))
def test_ari_matches_sklearn(pairs: list[tuple[int, int]]) -> None:
    from sklearn.metrics import adjusted_rand_score

    pred = {str(i): p for i, (p, _) in enumerate(pairs)}
    gold = {str(i): g for i, (_, g) in enumerate(pairs)}
    expected = adjusted_rand_score([g for _, g in pairs], [p for p, _ in pairs])
    assert adjusted_rand_index(pred, gold) == pytest.approx(expected, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=30))
def test_bcubed_swaps_precision_and_recall(pairs: list[tuple[int, int]]) -> None:
    pred = {str(i): p for i, (p, _) in enumerate(pairs)}
    gold = {str(i): g for i, (_, g) in enumerate(pairs)}
    precision, recall, f1 = bcubed(pred, gold)
    back_precision, back_recall, back_f1 = bcubed(gold, pred)
    assert precision == pytest.approx(back_recall)
    assert recall == pytest.approx(back_precision)
    assert f1 == pytest.approx(back_f1)
    assert 0 < precision <= 1 and 0 < recall <= 1


# --- inputs and the report --------------------------------------------------------------


def test_mismatched_items_raise() -> None:
    with pytest.raises(ValueError, match="same items"):
        bcubed({"a": "1", "b": "1"}, {"a": "1"})
    with pytest.raises(ValueError, match="same items"):
        adjusted_rand_index({"a": "1"}, {"a": "1", "z": "2"})
    with pytest.raises(ValueError, match="same items"):
        score_clustering({"a": "1", "b": "2"}, {"a": "1", "c": "2"})
    with pytest.raises(ValueError, match="no items"):
        bcubed({}, {})


def test_score_clustering_report() -> None:
    pred = labels("ab", "cd", "ef")
    gold = labels("abc", "def")
    report = score_clustering(pred, gold)
    assert set(report) == {
        "bcubed_p",
        "bcubed_r",
        "bcubed_f1",
        "ari",
        "n_items",
        "n_pred_clusters",
        "n_gold_clusters",
    }
    assert (report["n_items"], report["n_pred_clusters"], report["n_gold_clusters"]) == (6, 3, 2)
    assert report["ari"] == pytest.approx(8 / 33)
    assert (report["bcubed_p"], report["bcubed_r"], report["bcubed_f1"]) == bcubed(pred, gold)


def test_integer_labels_are_accepted() -> None:
    assert bcubed({"a": 0, "b": 0}, {"a": "x", "b": "x"}) == (1.0, 1.0, 1.0)


# --- text helpers ---------------------------------------------------------------------


def test_detokenize() -> None:
    assert detokenize("the 33-year-old actress 's rep , Jack .") == (
        "the 33-year-old actress's rep, Jack."
    )
    assert detokenize("a 90 - day court - mandated stay") == "a 90-day court-mandated stay"
    assert detokenize("7 : 15 a . m . Dec . 7 , 2009") == "7:15 a.m. Dec. 7, 2009"
    assert detokenize("from $1 , 199 in the U. S .") == "from $1,199 in the U.S."


def test_missing_data_raises_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_SHARED", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="STORYLINE_SHARED"):
        load_ecbplus()
    with pytest.raises(FileNotFoundError, match="MultiLing"):
        load_multiling_english()
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        load_multiling_references()


def _read_back(path: Path) -> list[RawDocument]:
    with path.open("rb") as handle:
        items = list(read_jsonl(handle, str(path), Settings()))
    assert all(isinstance(item, RawDocument) for item in items)
    return [item for item in items if isinstance(item, RawDocument)]


def test_to_jsonl_writes_storyline_input(tmp_path: Path) -> None:
    docs = [
        EcbDoc(
            doc_id="1_1ecbplus",
            topic=1,
            subtopic="1_ecbplus",
            url="http://example.com/a",
            sentences=("Lohan checks into rehab", "May 03 , 2013", "She 's there ."),
            title="Lohan checks into rehab",
            date_line="May 03 , 2013",
            cross_doc_coref=(),
        ),
        MultilingDoc(doc_id="M0000", topic="M000", text="Body text.", title="T", date_line=None),
    ]
    path = tmp_path / "docs.jsonl"
    assert to_jsonl(docs, path) == 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records[0] == {
        "id": "1_1ecbplus",
        "text": "Lohan checks into rehab\nMay 03, 2013\nShe's there.",
        "title": "Lohan checks into rehab",
        "published": "2013-05-03",
        "url": "http://example.com/a",
    }
    assert records[1] == {"id": "M0000", "text": "Body text.", "title": "T"}
    raw = _read_back(path)
    assert [(doc.id, doc.title, doc.published) for doc in raw] == [
        ("1_1ecbplus", "Lohan checks into rehab", "2013-05-03"),
        ("M0000", "T", None),
    ]


# --- the real data (marker eval; skipped without ../shared) ---------------------------


@pytest.fixture(scope="module")
def ecb_docs() -> list[EcbDoc]:
    directory = ecbplus_dir()
    if not (directory / "ecbplus_docs.jsonl.gz").is_file():
        pytest.skip(f"ECB+ not found in {directory}; set STORYLINE_SHARED")
    return load_ecbplus(directory)


@pytest.fixture(scope="module")
def multiling_docs() -> list[MultilingDoc]:
    directory = multiling_dir()
    if not (directory / "data" / "SourceTexts").is_dir():
        pytest.skip(f"MultiLing 2011 not found in {directory}; set STORYLINE_SHARED")
    return load_multiling_english(directory)


@pytest.mark.eval
def test_ecbplus_counts(ecb_docs: list[EcbDoc]) -> None:
    assert len(ecb_docs) == 982
    assert len({doc.doc_id for doc in ecb_docs}) == 982
    assert len({doc.subtopic for doc in ecb_docs}) == 86
    assert len({doc.topic for doc in ecb_docs}) == 43
    assert {doc.subtopic for doc in ecb_docs} == {
        f"{doc.topic}_{'ecbplus' if doc.is_ecbplus else 'ecb'}" for doc in ecb_docs
    }
    plus = [doc for doc in ecb_docs if doc.is_ecbplus]
    assert len(plus) == 502
    assert all(doc.url for doc in plus)
    assert not any(doc.url or doc.title or doc.date_line for doc in ecb_docs if not doc.is_ecbplus)
    assert all(doc.sentences and doc.text for doc in ecb_docs)
    # Best-effort headline and date line: most ecbplus documents have both.
    assert sum(doc.title is not None for doc in plus) >= 450
    assert sum(doc.date_line is not None for doc in plus) >= 400
    first = next(doc for doc in ecb_docs if doc.doc_id == "1_10ecbplus")
    assert first.title == "Lindsay Lohan checks into Betty Ford Center"
    assert first.date_line == "May 03 , 2013"
    assert first.published == "2013-05-03"


@pytest.mark.eval
def test_ecbplus_mentions_point_at_their_sentences(ecb_docs: list[EcbDoc]) -> None:
    mentions = [
        (doc, mention)
        for doc in ecb_docs
        for chain in doc.cross_doc_coref
        for mention in chain.mentions
    ]
    assert len(mentions) > 17_000
    found = sum(
        mention.sentence is not None and mention.text in doc.sentences[mention.sentence]
        for doc, mention in mentions
    )
    assert found / len(mentions) > 0.99  # ecbplus numbers are shifted by the removed URL line
    assert all(chain.instance_id for doc in ecb_docs for chain in doc.cross_doc_coref)


@pytest.mark.eval
def test_multiling_counts(multiling_docs: list[MultilingDoc]) -> None:
    assert len(multiling_docs) == 100
    topics = Counter(doc.topic for doc in multiling_docs)
    assert topics == {f"M00{t}": 10 for t in range(10)}
    assert all(doc.text.strip() and doc.title for doc in multiling_docs)
    assert sum(doc.date_line is not None for doc in multiling_docs) >= 95
    first = multiling_docs[0]
    assert first.doc_id == "M0000"
    assert first.title == "Tsunami aid donations in 2005 deductible for 2004 in the U.S."
    assert first.published == "2005-01-08"
    references = load_multiling_references(multiling_dir())
    assert set(references) == set(topics)
    assert all(len(texts) == 3 for texts in references.values())
    assert all(150 < len(text.split()) < 300 for texts in references.values() for text in texts)


@pytest.mark.eval
def test_corpora_export_and_read_back(
    ecb_docs: list[EcbDoc], multiling_docs: list[MultilingDoc], tmp_path: Path
) -> None:
    path = tmp_path / "corpus.jsonl"
    assert to_jsonl([*ecb_docs, *multiling_docs], path) == 1082
    raw = _read_back(path)
    assert len(raw) == 1082
    assert [doc.id for doc in raw] == [d.doc_id for d in ecb_docs] + [
        d.doc_id for d in multiling_docs
    ]
