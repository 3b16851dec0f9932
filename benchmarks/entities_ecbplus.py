"""Entity merging against ECB+ cross-document coreference (people, organisations, places).

For each gold sub-topic (a set of articles about one event), the documents' sentences
become articles (one sentence a line, so sentence numbers line up with the gold), and
``extract_entities`` runs over them as one story. Our mentions are aligned to the gold
entity mentions (HUMAN_PART*, NON_HUMAN_PART*, LOC* chains) of the same sentence when
one's word set contains the other's (best overlap first, one to one). Only sentences
listed in ``ECBplus_coreference_sentences.csv`` count.

Scores are pairwise over aligned mentions in *different* documents: a pair is predicted
same when we put both in one entity, gold same when they share an instance id. The same
pairs are scored for an exact-name baseline (same folded name = same entity) to show what
the merging adds. Gold mentions are mostly descriptions and pronouns ("the actress",
"she"), which a name tagger does not find; the aligned counts say how many were found.

    .venv/bin/python benchmarks/entities_ecbplus.py [--subtopics N]

``--subtopics N`` takes the first N sub-topics in file order (default: all 86).

``entity_types`` scores each storyline entity's type against the majority gold tag of its
aligned mentions, beside the spaCy-only type, on the tuning topics 1-22 and the held-out
topics 23-45 (see :mod:`storyline.evaluation.entity_types`); ``--errors`` lists the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable

from storyline.analyze.entities import extract_entities
from storyline.analyze.entity_names import name_key
from storyline.analyze.nlp import parse_articles
from storyline.evaluation.datasets import EcbDoc, load_ecbplus
from storyline.evaluation.entity_types import (
    TUNING_TOPICS,
    align,
    complete_sentences,
    gold_mentions,
    summarise,
    to_article,
    type_records,
)


def matched_pairs(
    predicted: list[tuple[int, str, str, str]], gold: list[tuple[int, str, str, str]]
) -> list[tuple[str, str, str]]:
    """(our entity id, our name key, gold instance) for aligned mentions of one document."""
    return [(predicted[p][2], predicted[p][3], gold[g][2]) for p, g in align(predicted, gold)]


def pair_counts(items: Iterable[tuple[str, str, str]]) -> Counter[str]:
    """tp/fp/fn over cross-document pairs of (doc, predicted cluster, gold cluster)."""
    listed = list(items)
    counts: Counter[str] = Counter()
    for i, (doc_a, pred_a, gold_a) in enumerate(listed):
        for doc_b, pred_b, gold_b in listed[i + 1 :]:
            if doc_a == doc_b:
                continue
            same_pred, same_gold = pred_a == pred_b, gold_a == gold_b
            counts["tp"] += same_pred and same_gold
            counts["fp"] += same_pred and not same_gold
            counts["fn"] += same_gold and not same_pred
    return counts


def scores(counts: Counter[str]) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subtopics", type=int, default=0, help="first N sub-topics (0: all)")
    parser.add_argument("--errors", action="store_true", help="list the entity-type errors")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    complete = complete_sentences()
    by_subtopic: dict[str, list[EcbDoc]] = defaultdict(list)
    for doc in load_ecbplus():
        by_subtopic[doc.subtopic].append(doc)
    chosen = list(by_subtopic)[: args.subtopics or None]
    ours: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    typed: dict[str, list[tuple[str, str, str, str | None, str]]] = defaultdict(list)
    gold_total = gold_named = aligned = predicted_total = docs = 0
    for subtopic in chosen:
        ecb_docs = by_subtopic[subtopic]
        docs += len(ecb_docs)
        parsed = parse_articles([to_article(d) for d in ecb_docs])
        entities = extract_entities(parsed)
        split = "tuning" if ecb_docs[0].topic in TUNING_TOPICS else "held-out"
        found = type_records(ecb_docs, parsed, entities, complete)
        typed[split] += [(subtopic, *record) for record in found]
        predicted: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
        for entity in entities:
            for m in entity.mentions:
                if m.sentence is not None:
                    predicted[m.article].append((m.sentence, m.text, entity.id, name_key(m.text)))
        ours_items, exact_items = [], []
        for doc in ecb_docs:
            gold = gold_mentions(doc, complete)
            gold_total += len(gold)
            gold_named += sum(any(w[:1].isupper() for w in g[1].split()) for g in gold)
            in_scope = {g[0] for g in gold}
            mine = [p for p in predicted[doc.doc_id] if p[0] in in_scope]
            predicted_total += len(mine)
            matched = matched_pairs(mine, gold)
            aligned += len(matched)
            ours_items += [(doc.doc_id, entity_id, g) for entity_id, _, g in matched]
            exact_items += [(doc.doc_id, key, g) for _, key, g in matched]
        ours += pair_counts(ours_items)
        exact += pair_counts(exact_items)
    errors: list[str] | None = [] if args.errors else None
    report = {
        "subtopics": len(chosen),
        "documents": docs,
        "gold_entity_mentions": gold_total,
        "gold_mentions_with_a_capitalised_word": gold_named,
        "our_mentions_in_complete_sentences": predicted_total,
        "aligned_mentions": aligned,
        "cross_doc_pairs": {"storyline": scores(ours), "exact_name_baseline": scores(exact)},
        "entity_types": [summarise(split, typed[split], errors).to_dict() for split in typed],
        "seconds": round(time.perf_counter() - started, 1),
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    for line in errors or []:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
