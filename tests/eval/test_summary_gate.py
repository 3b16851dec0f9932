"""Quality gate: storyline's summaries on MultiLing 2011 English, by ROUGE, plus the scorer.

The gate fails when the mean ROUGE-1 or ROUGE-2 F over the 10 topics (summaries cut to
250 words, 3 references each) is below ``summary_multiling_rouge1`` /
``summary_multiling_rouge2`` in eval_baseline.json. Summarising the 10 topics takes about
half a minute, so it is done once per module. benchmarks/summary_multiling.py prints the
same scores beside the pilot's peers and LexRank / TextRank.

The first tests check the scorer and the sumy baselines on hand-made text (no data).
"""

from __future__ import annotations

import pytest

from storyline.clean.sentences import split_sentences
from storyline.evaluation.datasets import multiling_dir
from storyline.evaluation.summaries import (
    SumyMethod,
    SystemScore,
    multiling_topics,
    peer_summaries,
    rouge_f,
    score_systems,
    storyline_summary,
    sumy_summary,
    truncate_words,
)

REFERENCE = (
    "The earthquake struck the coast on Saturday morning. Rescue teams searched collapsed "
    "buildings for survivors. The government declared a state of emergency."
)

ARTICLES = [
    "A strong earthquake struck the northern coast on Saturday. Thousands of buildings "
    "collapsed in the capital. Rescue teams searched the rubble for survivors all night.",
    "The government declared a state of emergency after the earthquake. Officials said the "
    "death toll was rising. Aid agencies sent tents and water to the coast.",
    "Football fans celebrated the league title in the streets. The earthquake forced the "
    "cancellation of a concert. Rescue teams from abroad arrived on Sunday.",
]


def test_rouge_f_is_one_for_a_copy_of_the_references_and_lower_for_other_text() -> None:
    assert rouge_f(REFERENCE, [REFERENCE, REFERENCE, REFERENCE]) == pytest.approx((1.0, 1.0))
    r1, r2 = rouge_f("Stock markets closed higher as tech shares rallied.", [REFERENCE])
    assert r1 < 0.2
    assert r2 == 0.0
    partial = rouge_f("Rescue teams searched the collapsed buildings.", [REFERENCE, "Nothing."])
    assert 0.0 < partial[1] < partial[0] < 1.0
    with pytest.raises(ValueError):
        rouge_f(REFERENCE, [])


def test_truncate_words_keeps_the_first_words() -> None:
    assert truncate_words("a  b\nc d", 3) == "a b c"
    assert truncate_words("a b", 250) == "a b"


@pytest.mark.parametrize("method", ["lexrank", "textrank"])
def test_sumy_summary_returns_whole_input_sentences_within_the_budget(
    method: SumyMethod,
) -> None:
    sentences = {s.text for text in ARTICLES for s in split_sentences(text, "t")}
    joined = " ".join(ARTICLES)
    for budget in (12, 30, 1000):
        summary = sumy_summary(ARTICLES, method, words=budget)
        assert summary
        assert len(summary.split()) <= budget
        picked = [s.text for s in split_sentences(summary, "s")]
        assert set(picked) <= sentences, picked
        positions = [joined.index(p) for p in picked]
        assert positions == sorted(positions)  # document order
    everything = sumy_summary(ARTICLES, method, words=1000)
    assert len(split_sentences(everything, "s")) == len(sentences)
    assert sumy_summary(ARTICLES, method, words=3) == ""  # no sentence is that short


# --- the gate on MultiLing ------------------------------------------------------------


@pytest.fixture(scope="module")
def storyline_scores() -> SystemScore:
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    [score] = score_systems({"storyline": storyline_summary}, multiling_topics(), words=250)
    return score


@pytest.mark.eval
def test_multiling_peers_and_topics_load() -> None:
    if not multiling_dir().is_dir():
        pytest.skip(f"MultiLing not found at {multiling_dir()}")
    topics = multiling_topics()
    assert [t.id for t in topics] == [f"M00{i}" for i in range(10)]
    assert all(len(t.paths) == 10 and len(t.references) == 3 for t in topics)
    peers = peer_summaries()
    assert len(peers) == 10
    assert all(set(by_topic) == {t.id for t in topics} for by_topic in peers.values())


@pytest.mark.eval
def test_storyline_summaries_are_above_their_rouge_floors(
    storyline_scores: SystemScore, baseline: dict[str, float]
) -> None:
    score = storyline_scores
    detail = (
        f"R-1 F {score.rouge1:.4f} R-2 F {score.rouge2:.4f}, {score.mean_words:.0f} words; "
        + ", ".join(f"{t.topic} {t.rouge1:.3f}/{t.rouge2:.3f}" for t in score.topics)
    )
    assert len(score.topics) == 10
    assert score.mean_words <= 250
    assert score.rouge1 >= baseline["summary_multiling_rouge1"], detail
    assert score.rouge2 >= baseline["summary_multiling_rouge2"], detail


# --- the gate on held-apart newswire: DUC 2007 update task, set A (fetched data) --------


@pytest.mark.eval
def test_storyline_on_duc2007_a_is_above_its_recall_floors(
    baseline: dict[str, float], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """ROUGE recall at 100 words on the 10 DUC 2007-A topics (never tuned on); the
    participants' own summaries are scored beside it by benchmarks/summary_duc.py."""
    from storyline.evaluation.summary_duc import duc_dir, duc_topics

    if not duc_dir().is_dir():
        pytest.skip(f"DUC 2006/2007 not fetched to {duc_dir()} (see benchmarks/README.md)")
    topics = duc_topics("duc2007-a", tmp_path_factory.mktemp("duc2007a"))
    summarize = lambda topic: storyline_summary(topic, words=100)  # noqa: E731
    [score] = score_systems({"storyline": summarize}, topics, words=100, measure="recall")
    detail = f"R-1 recall {score.rouge1:.4f}, R-2 recall {score.rouge2:.4f}"
    assert len(score.topics) == 10
    assert score.rouge1 >= baseline["summary_duc2007a_recall1"], detail
    assert score.rouge2 >= baseline["summary_duc2007a_recall2"], detail


# --- the gate on held-apart news clusters: Multi-News validation, held-out half ---------


@pytest.mark.eval
def test_storyline_on_multinews_heldout_is_above_its_recall_floors(
    baseline: dict[str, float], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """ROUGE recall at 100 words on 20 clusters of the held-out half of the Multi-News
    validation split (benchmarks/summary_multinews.py --size 20 prints LexRank beside
    it). Its few, short articles share few bigrams: the budget's slack must be spent."""
    from storyline.evaluation.multinews import multinews_path
    from storyline.evaluation.summary_multinews import multinews_topics

    if not multinews_path().is_file():
        pytest.skip(f"Multi-News validation not fetched to {multinews_path()}")
    try:
        topics = multinews_topics(20, "held-out", tmp_path_factory.mktemp("multinews"))
    except ValueError as error:  # fetched without its summaries (an older fetch)
        pytest.skip(str(error))
    summarize = lambda topic: storyline_summary(topic, words=100)  # noqa: E731
    [score] = score_systems({"storyline": summarize}, topics, words=100, measure="recall")
    detail = f"R-1 recall {score.rouge1:.4f}, R-2 recall {score.rouge2:.4f}"
    assert len(score.topics) == 20
    assert score.mean_words >= 90, detail  # the budget is spent
    assert score.rouge1 >= baseline["summary_multinews_heldout_recall1"], detail
    assert score.rouge2 >= baseline["summary_multinews_heldout_recall2"], detail
