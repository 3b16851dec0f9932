"""Score story clustering end to end against gold stories, in batch and through the store.

Corpora (each written as storyline JSON Lines and run through the whole ``stories`` path:
ingest, clean, dedupe, features, clustering; an article the cleaner rejects is scored as
a story of its own, never dropped from the gold):

- ``ecbplus``: 982 articles, 86 gold stories (43 topics x 2 similar events); parts
  ``tune`` (topics 1-22, where settings were chosen) and ``held-out`` (23-45);
- ``multiling``: 100 WikiNews articles, 10 topics that run for months (never tuned on);
- ``multinews-N``: N Multi-News validation clusters pooled (2-10 articles each, lower-
  cased, no dates: a day of news at real density); ``-tune`` / ``-held-out`` halves
  (:mod:`.multinews`); ``multinews-5000`` draws from both halves;
- ``pooled``: ECB+, MultiLing and 500 held-out Multi-News clusters in one input.

Variants: ``+lower`` lower-cases every text and title, ``+dateless`` drops the input's
dates, so the scores show what case and dates contribute (batch clustering compares no
dates; the cleaner may still read one in the text).

Two levels are scored: ``story`` and ``topic`` (stories grouped into threads; ECB+ gold:
its 43 topics; MultiLing's gold "stories" are whole topics, so both levels are scored
against them; elsewhere the story gold).

:func:`score_store` scores what ``storyline ingest`` leaves in a store after taking the
articles in publication order in batches of ``batch_size``, against the same gold and
against the batch run.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..api import build_stories
from ..settings import Settings
from .clustering import score_clustering
from .datasets import load_ecbplus, load_multiling_english
from .multinews import load_clusters, pool, records

ECB_TUNE_TOPICS = 22  # settings were chosen on topics 1-22; 23-45 are held out
POOLED_MULTINEWS = 500


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


@dataclass(frozen=True)
class Corpus:
    """Input records, gold story and gold topic of each id, and parts to score apart."""

    name: str
    records: list[dict[str, Any]]
    gold: dict[str, str]
    topic_gold: dict[str, str]
    parts: dict[str, set[str]]


def _ecbplus() -> Corpus:
    docs = load_ecbplus()
    gold = {d.doc_id: f"ecb{d.subtopic}" for d in docs}
    topics = {d.doc_id: f"ecb{d.topic}" for d in docs}
    parts = {
        "tune": {d.doc_id for d in docs if int(d.topic) <= ECB_TUNE_TOPICS},
        "held-out": {d.doc_id for d in docs if int(d.topic) > ECB_TUNE_TOPICS},
    }
    return Corpus("ecbplus", [d.as_record() for d in docs], gold, topics, parts)


def _multiling() -> Corpus:
    docs = load_multiling_english()
    gold = {d.doc_id: f"ml{d.topic}" for d in docs}
    return Corpus("multiling", [d.as_record() for d in docs], gold, gold, {})


def _multinews(size: int, part: str | None) -> Corpus:
    clusters = load_clusters()
    if part is None:
        chosen = [c for half in ("tune", "held-out") for c in pool(clusters, size // 2, half)]
        name = f"multinews-{size}"
    else:
        chosen = pool(clusters, size, part)
        name = f"multinews-{size}-{part}"
    found, gold = records(chosen)
    return Corpus(name, list(found), gold, gold, {})


def _pooled() -> Corpus:
    parts = [_ecbplus(), _multiling(), _multinews(POOLED_MULTINEWS, "held-out")]
    merged = Corpus("pooled", [], {}, {}, {})
    for corpus in parts:
        merged.records.extend(corpus.records)
        merged.gold.update(corpus.gold)
        merged.topic_gold.update(corpus.topic_gold)
        merged.parts[corpus.name] = set(corpus.gold)
    return merged


def load_corpus(name: str) -> Corpus:
    """A corpus by name, with ``+lower`` / ``+dateless`` variants (see the module doc)."""
    base, *variants = name.split("+")
    corpus: Corpus
    if base == "ecbplus":
        corpus = _ecbplus()
    elif base == "multiling":
        corpus = _multiling()
    elif base == "pooled":
        corpus = _pooled()
    elif base.startswith("multinews-"):
        size, _, part = base.removeprefix("multinews-").partition("-")
        corpus = _multinews(int(size), part or None)
    else:
        raise ValueError(f"unknown corpus {name!r}")
    for variant in variants:
        if variant not in ("lower", "dateless"):
            raise ValueError(f"unknown variant {variant!r}: use lower or dateless")
        corpus = replace(corpus, records=[_vary(r, variant) for r in corpus.records])
    return replace(corpus, name=name)


def _vary(record: dict[str, Any], variant: str) -> dict[str, Any]:
    out = dict(record)
    if variant == "lower":
        for key in ("text", "title"):
            if out.get(key):
                out[key] = out[key].lower()
    else:
        out.pop("published", None)
    return out


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


def _scores(
    corpus: Corpus, stories: dict[str, str], topics: dict[str, str], seconds: float
) -> list[StoriesScore]:
    out = []
    for level, pred, truth in (
        ("story", stories, corpus.gold),
        ("topic", topics, corpus.topic_gold),
    ):
        out.append(_score(corpus.name, level, "all", pred, truth, seconds))
        for part, members in corpus.parts.items():
            sub = {d: g for d, g in truth.items() if d in members}
            out.append(_score(corpus.name, level, part, pred, sub, seconds))
    return out


def _write(corpus: Corpus, folder: Path) -> Path:
    import json

    path = folder / f"{corpus.name.replace('+', '_')}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in corpus.records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def score_corpus(
    corpus: str | Corpus, *, settings: Settings | None = None, incremental: bool = False
) -> list[StoriesScore]:
    """Story-level scores (all, then each part), then topic-level scores, of one corpus.

    ``incremental`` feeds the articles in file order, as a live feed."""
    found = load_corpus(corpus) if isinstance(corpus, str) else corpus
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(found, Path(tmp))
        start = time.perf_counter()
        run = build_stories([str(path)], settings=settings, incremental=incremental)
        seconds = time.perf_counter() - start
    stories = {a.id: story.id for story in run.stories for a in story.articles}
    topics = {a.id: story.topic or story.id for story in run.stories for a in story.articles}
    return _scores(found, stories, topics, seconds)


@dataclass(frozen=True)
class StoreScore:
    corpus: str
    batch_size: int
    against_gold: StoriesScore
    against_batch: StoriesScore
    batch_f1: float  # the batch run against gold, for comparison
    articles_per_second: float
    peak_rss_mib: float


def score_store(
    corpus: str | Corpus, *, batch_size: int, settings: Settings | None = None
) -> StoreScore:
    """Ingest the corpus into a new store in publication order (undated first), in
    batches of ``batch_size`` without briefs, and score the store's stories against gold
    and against the batch run of ``storyline stories``."""
    import resource

    from ..ingest import ingest
    from ..store import open_store

    found = load_corpus(corpus) if isinstance(corpus, str) else corpus
    ordered = sorted(found.records, key=lambda r: (r.get("published") or "", r["id"]))
    ordered_corpus = replace(found, records=ordered)
    batch = {s.part: s for s in score_corpus(found, settings=settings) if s.level == "story"}
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(ordered_corpus, Path(tmp))
        db = str(Path(tmp) / "store.db")
        start = time.perf_counter()
        ingest([str(path)], db, settings=settings, batch_size=batch_size, briefs=False)
        seconds = time.perf_counter() - start
        with open_store(db) as store:
            stored = store.dump()
        run = build_stories([str(path)], settings=settings)
    members = {row["article_id"]: row["story_id"] for row in stored["story_articles"]}
    reference = {a.id: story.id for story in run.stories for a in story.articles}
    gold_score = _score(found.name, "story", "all", members, found.gold, seconds)
    batch_score = _score(found.name, "story", "all", members, reference, seconds)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return StoreScore(
        found.name,
        batch_size,
        gold_score,
        batch_score,
        batch["all"].bcubed_f1,
        len(found.records) / seconds if seconds else 0.0,
        rss,
    )
