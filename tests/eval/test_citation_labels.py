"""Judged labels find their pair by offsets, and by the spans' texts once offsets move."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.evaluation.citations import CitedPair, label_of, load_labels, span_digest
from storyline.evaluation.judged_ecb import TopFact, carrier_scores, load_carriers

LINE = "Le Monde said the minister resigned on Tuesday."
CITED = "The minister resigned on Tuesday, officials said."


def _pair(line_start: int, cited_start: int, cited: str = CITED) -> CitedPair:
    return CitedPair(
        "mention", "story", "heldout",
        ("a1", line_start, line_start + len(LINE)),
        ("a2", cited_start, cited_start + len(cited)),
        LINE, cited,
    )  # fmt: skip


def test_a_label_follows_its_texts_when_offsets_move(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    record = {
        "line": ["a1", 0, len(LINE)],
        "cited": ["a2", 10, 10 + len(CITED)],
        "label": "supports",
        "line_digest": span_digest(LINE),
        "cited_digest": span_digest(CITED),
    }
    path.write_text(json.dumps(record) + "\n")
    labels = load_labels(path)
    assert label_of(_pair(0, 10), labels) == record  # by offsets
    found = label_of(_pair(7, 42), labels)  # offsets moved, same texts
    assert found is not None and found["label"] == "supports"
    assert label_of(_pair(7, 42, "The minister resigned on Monday."), labels) is None
    # whitespace does not change a digest; a word does
    assert span_digest("a  b\nc") == span_digest("a b c") != span_digest("a b d")


def test_a_label_without_digests_matches_by_offsets_only(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    record = {"line": ["a1", 0, len(LINE)], "cited": ["a2", 10, 10 + len(CITED)], "label": "no"}
    path.write_text(json.dumps(record) + "\n")
    labels = load_labels(path)
    assert label_of(_pair(0, 10), labels) == record
    assert label_of(_pair(7, 42), labels) is None


def test_top_fact_carriers_follow_the_text(tmp_path: Path) -> None:
    path = tmp_path / "carriers.jsonl"
    record = {"line": ["a1", 0, len(LINE)], "carriers": ["a1", "a2", "a3"],
              "line_digest": span_digest(LINE)}  # fmt: skip
    path.write_text(json.dumps(record) + "\n")
    moved = TopFact("story", "heldout", 0, ("a1", 5, 5 + len(LINE)), LINE, ("a1", "a2"), 2, 0)
    other = TopFact("story", "heldout", 1, ("a1", 5, 60), "Another fact.", (), 0, 0)
    scored, missing = carrier_scores([moved, other], load_carriers(path))
    assert [(s.carriers, s.claimed_carriers) for s in scored] == [(3, 2)]
    assert missing == [other]
