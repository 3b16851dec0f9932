"""Score ``build_stories`` against gold stories: ECB+ sub-topics and MultiLing topics.

Each corpus is written as storyline JSON Lines (``to_jsonl``: text, title, published as
the dataset gives them), run through the whole ``stories`` path (ingest, clean, dedupe,
features, clustering) and scored with BCubed and ARI. An article the cleaner rejects is
scored as a story of its own (it is still counted, never dropped from the gold).

Two levels are scored: ``story`` (the stories themselves; ECB+ gold: the 86 events) and
``topic`` (stories grouped into topics; ECB+ gold: the 43 topics, each holding two similar
events). MultiLing's gold "stories" are whole topics (an event and its aftermath over
months), so both levels are scored against them: they are what the topic level is for.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..api import build_stories
from ..settings import Settings
from .clustering import score_clustering
from .datasets import load_ecbplus, load_multiling_english, to_jsonl

ECB_TUNE_TOPICS = 22  # settings were chosen on topics 1-22; 23-45 are held out


@dataclass(frozen=True)
class StoriesScore:
    corpus: str
    level: str  # "story" or "topic"
    part: str
    documents: int
    gold_stories: int
    stories: int
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    ari: float
    seconds: float


def _score(
    corpus: str,
    level: str,
    part: str,
    pred: dict[str, str],
    gold: dict[str, str],
    seconds: float,
) -> StoriesScore:
    pred = {doc: pred.get(doc, "unclustered:" + doc) for doc in gold}
    s = score_clustering(pred, gold)
    return StoriesScore(
        corpus,
        level,
        part,
        len(gold),
        len(set(gold.values())),
        len(set(pred.values())),
        float(s["bcubed_p"]),
        float(s["bcubed_r"]),
        float(s["bcubed_f1"]),
        float(s["ari"]),
        seconds,
    )


def score_corpus(
    corpus: str, *, settings: Settings | None = None, incremental: bool = False
) -> list[StoriesScore]:
    """Scores for ``ecbplus`` (all, tune topics, held-out topics) or ``multiling`` (all),
    at the story level, then at the topic level.

    ``incremental`` feeds the articles one chunk at a time in file order, as a live feed.
    """
    topic: dict[str, int] = {}
    topic_gold: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{corpus}.jsonl"
        if corpus == "ecbplus":
            docs = load_ecbplus()
            gold = {d.doc_id: str(d.subtopic) for d in docs}
            topic = {d.doc_id: int(d.topic) for d in docs}
            topic_gold = {d.doc_id: str(d.topic) for d in docs}
            to_jsonl(docs, path)
        elif corpus == "multiling":
            mdocs = load_multiling_english()
            gold = {d.doc_id: str(d.topic) for d in mdocs}
            topic_gold = gold
            to_jsonl(mdocs, path)
        else:
            raise ValueError(f"unknown corpus {corpus!r}: use ecbplus or multiling")
        start = time.perf_counter()
        run = build_stories([str(path)], settings=settings, incremental=incremental)
        seconds = time.perf_counter() - start
    stories = {a.id: story.id for story in run.stories for a in story.articles}
    topics = {a.id: story.topic or story.id for story in run.stories for a in story.articles}
    scores = []
    for level, pred, truth in (("story", stories, gold), ("topic", topics, topic_gold)):
        scores.append(_score(corpus, level, "all", pred, truth, seconds))
        if topic:
            for part, tuned in (("tune", True), ("held-out", False)):
                sub = {d: g for d, g in truth.items() if (topic[d] <= ECB_TUNE_TOPICS) == tuned}
                scores.append(_score(corpus, level, part, pred, sub, seconds))
    return scores
