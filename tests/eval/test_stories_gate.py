"""Quality gate: story clustering, end to end (``build_stories``), on ECB+ and MultiLing.

Fails below the floors in eval_baseline.json. ECB+ is scored on all 982 documents against
the 86 sub-topic stories and on the held-out topics 23-45 (settings were chosen on topics
1-22); MultiLing on its 10 topics. The topic level (stories grouped into threads) is
scored against ECB+'s 43 topics and MultiLing's 10 topics, whose gold "stories" are whole
topics. benchmarks/stories_quality.py prints the same scores.
"""

from __future__ import annotations

import pytest

from storyline.evaluation.datasets import ecbplus_dir, multiling_dir
from storyline.evaluation.stories import score_corpus

pytestmark = pytest.mark.eval


def test_ecbplus_story_clustering_is_above_its_floors(baseline: dict[str, float]) -> None:
    if not ecbplus_dir().is_dir():
        pytest.skip(f"ECB+ not found at {ecbplus_dir()}")
    every = score_corpus("ecbplus")
    scores = {s.part: s for s in every if s.level == "story"}
    topics = {s.part: s for s in every if s.level == "topic"}
    detail = {(s.level, s.part): f"F1 {s.bcubed_f1:.4f} ARI {s.ari:.4f}" for s in every}
    assert scores["all"].documents == 982
    assert scores["all"].bcubed_f1 >= baseline["stories_ecbplus_f1"], detail
    assert scores["held-out"].bcubed_f1 >= baseline["stories_ecbplus_heldout_f1"], detail
    assert scores["all"].ari >= baseline["stories_ecbplus_ari"], detail
    assert topics["all"].bcubed_f1 >= baseline["topics_ecbplus_f1"], detail
    assert topics["held-out"].bcubed_f1 >= baseline["topics_ecbplus_heldout_f1"], detail
    # a topic holds the two events of an ECB+ topic, never another topic's
    assert topics["all"].bcubed_p >= baseline["topics_ecbplus_precision"], detail


def test_multiling_story_clustering_is_above_its_floor(baseline: dict[str, float]) -> None:
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    score, topics = score_corpus("multiling")
    assert (score.level, topics.level) == ("story", "topic")
    assert score.documents == 100
    assert score.bcubed_f1 >= baseline["stories_multiling_f1"], score
    # precision first: MultiLing topics are never merged with each other
    assert score.bcubed_p >= baseline["stories_multiling_precision"], score
    # the topic level is what MultiLing's gold stories are: whole topics
    assert topics.bcubed_f1 >= baseline["topics_multiling_f1"], topics
    assert topics.bcubed_p >= baseline["stories_multiling_precision"], topics
