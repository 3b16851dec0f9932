"""Batch refinement: a topic's stories are its well-separated groups of articles."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.cluster import refine
from storyline.cluster.refine import MIN_SIDE, silhouette, split_topic


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _group(center: np.ndarray, count: int, spread: float, seed: int) -> np.ndarray:
    noise = np.random.default_rng(seed).standard_normal((count, len(center)))
    return center + spread * noise


def test_two_separated_events_of_one_topic_split_and_a_continuum_does_not() -> None:
    rng = np.random.default_rng(0)
    shared = rng.standard_normal(64)  # what the topic's articles have in common
    event_a, event_b = rng.standard_normal(64), rng.standard_normal(64)
    rows = _unit(
        np.vstack([_group(shared + event_a, 8, 0.3, 1), _group(shared + event_b, 7, 0.3, 2)])
    )
    groups = split_topic(rows)
    assert sorted(map(tuple, groups)) == [tuple(range(8)), tuple(range(8, 15))]
    # one loose story: articles far from each other but with no gap between groups
    [whole] = split_topic(_unit(_group(shared, 15, 0.9, 3)))
    assert sorted(whole) == list(range(15))


def test_small_topics_and_tiny_sides_stay_whole() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal(32), rng.standard_normal(32)
    small = _unit(np.vstack([_group(a, 3, 0.1, 4), _group(b, 2, 0.1, 5)]))
    assert [sorted(g) for g in split_topic(small)] == [list(range(5))]
    # an outlier pair is not a story of its own: a side needs MIN_SIDE articles
    outliers = _unit(np.vstack([_group(a, 10, 0.1, 6), _group(b, MIN_SIDE - 1, 0.1, 7)]))
    assert len(split_topic(outliers)) == 1


def _two_groups(shared_weight: float, spread: float) -> tuple[np.ndarray, np.ndarray]:
    """Two groups of 8 (rows 0-7, 8-15) around centers that share ``shared_weight`` of a
    common direction; their rows and distances."""
    rng = np.random.default_rng(8)
    shared = rng.standard_normal(64)
    centers = [shared_weight * shared + rng.standard_normal(64) for _ in range(2)]
    rows = _unit(np.vstack([_group(centers[0], 8, spread, 9), _group(centers[1], 8, spread, 10)]))
    distances = np.clip(1 - rows @ rows.T, 0, 2).astype(np.float64)
    np.fill_diagonal(distances, 0)
    return rows, distances


def test_a_part_of_a_cut_needs_stronger_evidence_to_be_cut_again() -> None:
    rows, distances = _two_groups(0.5, 1.7)
    score = silhouette(distances, np.array([1] * 8 + [2] * 8))
    assert refine.FIRST_SPLIT <= score < refine.DEEPER_SPLIT
    # as a whole topic the two groups come apart; as a part of an earlier cut they would not
    assert sorted(sorted(g) for g in split_topic(rows)) == [list(range(8)), list(range(8, 16))]
    assert refine._best_cut(distances, refine.DEEPER_SPLIT) is None


def test_two_versions_of_one_story_are_never_cut_apart() -> None:
    rows, distances = _two_groups(1.5, 0.8)  # well separated, but alike on average
    assert silhouette(distances, np.array([1] * 8 + [2] * 8)) > 0.5
    assert (rows[:8] @ rows[8:].T).mean() >= refine.SAME_STORY
    assert len(split_topic(rows)) == 1
    patch = pytest.MonkeyPatch()
    patch.setattr(refine, "SAME_STORY", 0.99)
    try:
        assert len(split_topic(rows)) == 2
    finally:
        patch.undo()


def test_silhouette_of_a_clean_and_a_random_split() -> None:
    distances = np.array(
        [
            [0.0, 0.1, 0.9, 0.9],
            [0.1, 0.0, 0.9, 0.9],
            [0.9, 0.9, 0.0, 0.1],
            [0.9, 0.9, 0.1, 0.0],
        ]
    )
    clean = silhouette(distances, np.array([1, 1, 2, 2]))
    assert np.isclose(clean, (0.9 - 0.1) / 0.9)
    assert silhouette(distances, np.array([1, 2, 1, 2])) < 0
    # a point alone in its group scores 0
    assert np.isclose(silhouette(distances, np.array([1, 1, 2, 3])), 2 * (0.8 / 0.9) / 4)


def test_a_topic_of_several_events_comes_apart_in_one_cut() -> None:
    rng = np.random.default_rng(12)
    shared = rng.standard_normal(256)  # the subject every event shares
    events = [shared + 0.9 * rng.standard_normal(256) for _ in range(5)]
    rows = _unit(np.vstack([_group(event, 6, 1.0, 20 + n) for n, event in enumerate(events)]))
    # cut in two, each half still holds several events: too low a silhouette to cut
    distances = np.clip(1 - rows @ rows.T, 0, 2).astype(np.float64)
    np.fill_diagonal(distances, 0)
    two = [np.array([1] * 6 * k + [2] * 6 * (5 - k)) for k in (1, 2)]
    assert max(silhouette(distances, labels) for labels in two) < refine.FIRST_SPLIT
    assert sorted(sorted(g) for g in split_topic(rows)) == [
        list(range(n, n + 6)) for n in range(0, 30, 6)
    ]
