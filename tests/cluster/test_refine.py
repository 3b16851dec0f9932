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


def test_deeper_splits_need_stronger_evidence() -> None:
    rng = np.random.default_rng(8)
    shared = rng.standard_normal(64)
    centers = [shared + rng.standard_normal(64) for _ in range(2)]
    # the second event has two loose halves
    halves = [centers[1] + 0.5 * rng.standard_normal(64) for _ in range(2)]
    rows = _unit(
        np.vstack(
            [
                _group(centers[0], 8, 0.3, 9),
                _group(halves[0], 6, 0.35, 10),
                _group(halves[1], 6, 0.35, 11),
            ]
        )
    )
    # the halves are well enough apart to pass the deeper bar too
    assert [sorted(g) for g in split_topic(rows)] == [
        list(range(8)),
        list(range(8, 14)),
        list(range(14, 20)),
    ]
    patch = pytest.MonkeyPatch()
    patch.setattr(refine, "DEEPER_SPLIT", 0.99)
    try:  # with a bar out of reach, only the topic's first split is made
        assert [sorted(g) for g in split_topic(rows)] == [list(range(8)), list(range(8, 20))]
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
    clean = silhouette(distances, np.array([0, 1]), np.array([2, 3]))
    assert np.isclose(clean, (0.9 - 0.1) / 0.9)
    mixed = silhouette(distances, np.array([0, 2]), np.array([1, 3]))
    assert mixed < 0
