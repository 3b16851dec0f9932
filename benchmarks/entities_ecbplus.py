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
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable

from storyline.analyze.entities import extract_entities
from storyline.analyze.entity_names import name_key
from storyline.analyze.nlp import parse_articles
from storyline.evaluation.datasets import EcbDoc, detokenize, ecbplus_dir, load_ecbplus
from storyline.types import Article, Provenance, Sentence

ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC")
_STOP = frozenset(["the", "a", "an", "of", "'s", "’s", "and", "in", "on", "at", "for", "to"])
_WORD = re.compile(r"\w+")


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def to_article(doc: EcbDoc) -> Article:
    lines = [detokenize(s) for s in doc.sentences]
    sentences, start = [], 0
    for index, line in enumerate(lines):
        sentences.append(Sentence(doc.doc_id, index, start, start + len(line), line))
        start += len(line) + 1
    text = "\n".join(lines)
    return Article(
        id=doc.doc_id,
        source_path=doc.doc_id,
        text=text,
        provenance=Provenance(source_path=doc.doc_id),
        sentences=tuple(sentences),
    )


def complete_sentences() -> set[tuple[str, int]]:
    path = ecbplus_dir() / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8") as handle:
        return {
            (f"{row['Topic']}_{row['File']}", int(row["Sentence Number"]))
            for row in csv.DictReader(handle)
        }


def gold_mentions(doc: EcbDoc, complete: set[tuple[str, int]]) -> list[tuple[int, str, str]]:
    """(sentence index, text, instance id) of the doc's entity mentions in complete sentences."""
    out = []
    for chain in doc.cross_doc_coref:
        if not chain.tag.startswith(ENTITY_TAGS):
            continue
        for m in chain.mentions:
            if m.sentence is not None and (doc.doc_id, m.xml_sentence) in complete:
                out.append((m.sentence, detokenize(m.text), chain.instance_id))
    return out


def align(
    predicted: list[tuple[int, str, str, str]], gold: list[tuple[int, str, str]]
) -> list[tuple[str, str, str]]:
    """(our entity id, our name key, gold instance) for aligned mentions of one document."""
    options = []
    for p, (ps, ptext, _, _) in enumerate(predicted):
        pw = words(ptext)
        for g, (gs, gtext, _) in enumerate(gold):
            gw = words(gtext)
            if ps == gs and pw and gw and (pw <= gw or gw <= pw):
                options.append((-len(pw & gw) / len(pw | gw), p, g))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, p, g in sorted(options):
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            out.append((predicted[p][2], predicted[p][3], gold[g][2]))
    return out


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
    args = parser.parse_args(argv)
    started = time.perf_counter()
    complete = complete_sentences()
    by_subtopic: dict[str, list[EcbDoc]] = defaultdict(list)
    for doc in load_ecbplus():
        by_subtopic[doc.subtopic].append(doc)
    chosen = list(by_subtopic)[: args.subtopics or None]
    ours: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    gold_total = gold_named = aligned = predicted_total = docs = 0
    for subtopic in chosen:
        ecb_docs = by_subtopic[subtopic]
        docs += len(ecb_docs)
        entities = extract_entities(parse_articles([to_article(d) for d in ecb_docs]))
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
            matched = align(mine, gold)
            aligned += len(matched)
            ours_items += [(doc.doc_id, entity_id, g) for entity_id, _, g in matched]
            exact_items += [(doc.doc_id, key, g) for _, key, g in matched]
        ours += pair_counts(ours_items)
        exact += pair_counts(exact_items)
    report = {
        "subtopics": len(chosen),
        "documents": docs,
        "gold_entity_mentions": gold_total,
        "gold_mentions_with_a_capitalised_word": gold_named,
        "our_mentions_in_complete_sentences": predicted_total,
        "aligned_mentions": aligned,
        "cross_doc_pairs": {"storyline": scores(ours), "exact_name_baseline": scores(exact)},
        "seconds": round(time.perf_counter() - started, 1),
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
