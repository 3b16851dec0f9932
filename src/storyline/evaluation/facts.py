"""Score fact alignment against ECB+ cross-document event coreference.

Gold: within one ECB+ sub-topic (one real event, reported by several outlets), two
sentences of different documents state the same fact when both mention the same event
instance (a ``CROSS_DOC_COREF`` chain tagged ``ACTION_*``). Only sentences whose
coreference annotation is complete (``ECBplus_coreference_sentences.csv``) are scored.
It is a loose gold: two sentences can mention one event and still say different things
about it, so precision is a lower bound.

Each document becomes an article whose sentences are exactly the corpus sentences
(detokenised, one per line), so gold and predicted sentences line up by index. Predicted
links: pairs of mentions of one fact from different documents. Scored: pairwise
precision, recall and F1 over cross-document pairs of annotated sentences.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..analyze.facts import FACT_THRESHOLD, align_facts
from ..types import Article, Provenance, Sentence
from .datasets import EcbDoc, detokenize, ecbplus_dir, load_ecbplus

Pair = tuple[tuple[str, int], tuple[str, int]]


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int


def annotated_sentences(directory: Path | None = None) -> set[tuple[str, int]]:
    """(doc_id, xml sentence number) of sentences whose annotation is complete."""
    path = (directory or ecbplus_dir()) / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return {
            (f"{row['Topic']}_{row['File']}", int(row["Sentence Number"]))
            for row in rows
            if row.get("Sentence Number", "").strip().isdigit()
        }


def doc_article(doc: EcbDoc) -> Article:
    """An article whose sentences are the corpus sentences, one per line."""
    lines = [detokenize(s) for s in doc.sentences]
    text = "\n".join(lines)
    sentences, start = [], 0
    for index, line in enumerate(lines):
        sentences.append(Sentence(doc.doc_id, index, start, start + len(line), line))
        start += len(line) + 1
    return Article(
        id=doc.doc_id,
        source_path=doc.doc_id,
        text=text,
        provenance=Provenance(source_path=doc.doc_id),
        url=doc.url,
        outlet=doc.doc_id,  # each document counts as its own outlet
        published=doc.published,
        sentences=tuple(sentences),
    )


def gold_pairs(docs: Sequence[EcbDoc], annotated: set[tuple[str, int]]) -> set[Pair]:
    """Cross-document sentence pairs sharing an event instance, both annotated."""
    by_instance: dict[str, set[tuple[str, int]]] = {}
    for doc in docs:
        offset = 1 if doc.is_ecbplus else 0
        for chain in doc.cross_doc_coref:
            if not chain.tag.startswith("ACTION"):
                continue
            for mention in chain.mentions:
                if mention.sentence is None:
                    continue
                if (doc.doc_id, mention.sentence + offset) in annotated:
                    by_instance.setdefault(chain.instance_id, set()).add(
                        (doc.doc_id, mention.sentence)
                    )
    pairs: set[Pair] = set()
    for members in by_instance.values():
        pairs.update(_cross_pairs(members))
    return pairs


def _cross_pairs(members: Iterable[tuple[str, int]]) -> Iterable[Pair]:
    for a, b in combinations(sorted(members), 2):
        if a[0] != b[0]:
            yield (a, b)


def predicted_pairs(
    docs: Sequence[EcbDoc], annotated: set[tuple[str, int]], threshold: float | None
) -> set[Pair]:
    articles = [doc_article(doc) for doc in docs]
    offsets = {doc.doc_id: (1 if doc.is_ecbplus else 0) for doc in docs}
    pairs: set[Pair] = set()
    for fact in align_facts(articles, threshold=FACT_THRESHOLD if threshold is None else threshold):
        members = [
            (m.article, m.sentence)
            for m in fact.mentions
            if (m.article, m.sentence + offsets[m.article]) in annotated
        ]
        pairs.update(_cross_pairs(members))
    return pairs


def score_pairs(predicted: set[Pair], gold: set[Pair]) -> PairScore:
    correct = len(predicted & gold)
    p = correct / len(predicted) if predicted else 0.0
    r = correct / len(gold) if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PairScore(p, r, f1, len(predicted), len(gold), correct)


def score_fact_alignment(
    *, topics: Iterable[int] | None = None, threshold: float | None = None
) -> PairScore:
    """Pairwise P/R/F1 of fact alignment over the ECB+ sub-topics (of ``topics``)."""
    docs = load_ecbplus()
    wanted = set(topics) if topics is not None else None
    annotated = annotated_sentences()
    by_story: dict[str, list[EcbDoc]] = {}
    for doc in docs:
        if wanted is None or doc.topic in wanted:
            by_story.setdefault(doc.subtopic, []).append(doc)
    predicted: set[Pair] = set()
    gold: set[Pair] = set()
    for story_docs in by_story.values():
        gold |= gold_pairs(story_docs, annotated)
        predicted |= predicted_pairs(story_docs, annotated, threshold)
    return score_pairs(predicted, gold)
