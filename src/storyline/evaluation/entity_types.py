"""Entity typing against ECB+: is a storyline entity's type the type of its gold mentions?

Each gold sub-topic's documents run through ``extract_entities`` as one story (one sentence
a line, so sentence numbers line up with the gold). Our mentions are aligned one to one to
the gold entity mentions of the same sentence when one's word set holds the other's (best
overlap first); only sentences listed in ``ECBplus_coreference_sentences.csv`` count.

A storyline entity is scored when the majority gold tag of its aligned mentions maps to one
of our families: ``HUMAN_PART_PER`` -> PERSON, ``HUMAN_PART_ORG`` -> ORG, ``LOC_*`` and
``HUMAN_PART_GPE`` (a country or city acting) -> PLACE (our GPE, LOC and FAC). Objects,
vehicles and generic participants have no family of ours and are left out. Beside the
storyline type, the same entity gets the *spaCy-only* type: the most frequent raw
``en_core_web_sm`` label over the entity's mentions (no repairs, no context votes); an
entity none of whose mentions spaCy tagged as a person, organisation or place counts wrong.

Topics 1-22 are the tuning split and 23-45 the held-out split.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.analyze.entities import Entity, extract_entities
from storyline.analyze.entity_names import name_key
from storyline.analyze.nlp import ParsedArticle, parse_articles
from storyline.evaluation.datasets import EcbDoc, detokenize, ecbplus_dir, load_ecbplus
from storyline.types import Article, Provenance, Sentence

__all__ = [
    "TUNING_TOPICS",
    "TypeScore",
    "align",
    "complete_sentences",
    "gold_family",
    "gold_mentions",
    "score_entity_types",
    "summarise",
    "to_article",
    "type_family",
    "type_records",
]

ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC")
TUNING_TOPICS = range(1, 23)
"""ECB+ topics 1-22 tune; 23-45 are held out."""

_STOP = frozenset(["the", "a", "an", "of", "'s", "’s", "and", "in", "on", "at", "for", "to"])
_WORD = re.compile(r"\w+")
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def to_article(doc: EcbDoc) -> Article:
    """The document as an article, one gold sentence a line."""
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


def gold_mentions(doc: EcbDoc, complete: set[tuple[str, int]]) -> list[tuple[int, str, str, str]]:
    """(sentence index, text, instance id, tag) of the doc's entity mentions in complete
    sentences."""
    out = []
    for chain in doc.cross_doc_coref:
        if not chain.tag.startswith(ENTITY_TAGS):
            continue
        for m in chain.mentions:
            if m.sentence is not None and (doc.doc_id, m.xml_sentence) in complete:
                out.append((m.sentence, detokenize(m.text), chain.instance_id, m.tag or chain.tag))
    return out


def align(
    predicted: Sequence[tuple[int, str, str, str]], gold: Sequence[tuple[int, str, str, str]]
) -> list[tuple[int, int]]:
    """(index into predicted, index into gold) pairs for one document, one to one."""
    options = []
    for p, (ps, ptext, _, _) in enumerate(predicted):
        pw = words(ptext)
        for g, (gs, gtext, _, _) in enumerate(gold):
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
            out.append((p, g))
    return out


def gold_family(tag: str) -> str | None:
    """Our family of an ECB+ entity tag, or None when we have no such type."""
    if tag == "HUMAN_PART_PER":
        return "PERSON"
    if tag == "HUMAN_PART_ORG":
        return "ORG"
    if tag.startswith("LOC") or tag == "HUMAN_PART_GPE":
        return "PLACE"
    return None


def type_family(label: str) -> str:
    return "PLACE" if label in _PLACES else label


@dataclass(frozen=True)
class TypeScore:
    """Entity-type accuracy of one split, storyline beside spaCy-only."""

    split: str
    entities: int
    storyline_correct: int
    spacy_correct: int
    confusion: dict[str, int]  # "GOLD->OURS" counts of storyline's errors

    @property
    def storyline_accuracy(self) -> float:
        return self.storyline_correct / self.entities if self.entities else 0.0

    @property
    def spacy_accuracy(self) -> float:
        return self.spacy_correct / self.entities if self.entities else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "split": self.split,
            "entities": self.entities,
            "storyline_accuracy": round(self.storyline_accuracy, 4),
            "spacy_only_accuracy": round(self.spacy_accuracy, 4),
            "storyline_errors": dict(sorted(self.confusion.items(), key=lambda kv: -kv[1])),
        }


def _spacy_label(parsed: ParsedArticle, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for ent in parsed.doc.ents:
        overlap = min(end, ent.end_char) - max(start, ent.start_char)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, ent.label_)
    return best[1] if best else None


def _spacy_type(entity: Entity, by_id: dict[str, ParsedArticle]) -> str | None:
    labels: Counter[str] = Counter()
    for m in entity.mentions:
        label = _spacy_label(by_id[m.article], m.start, m.end)
        if label in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
            labels[type_family(label)] += 1
    return min(labels, key=lambda t: (-labels[t], t)) if labels else None


def type_records(
    docs: Sequence[EcbDoc],
    parsed: Sequence[ParsedArticle],
    entities: Sequence[Entity],
    complete: set[tuple[str, int]],
) -> Iterable[tuple[str, str, str | None, str]]:
    """(gold family, storyline family, spaCy-only family, entity name) per scored entity."""
    by_id = {p.id: p for p in parsed}
    predicted: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            if m.sentence is not None:
                predicted[m.article].append((m.sentence, m.text, entity.id, name_key(m.text)))
    gold_tags: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        gold = gold_mentions(doc, complete)
        in_scope = {g[0] for g in gold}
        mine = [p for p in predicted[doc.doc_id] if p[0] in in_scope]
        for p, g in align(mine, gold):
            gold_tags[mine[p][2]][gold[g][3]] += 1
    for entity in entities:
        tags = gold_tags.get(entity.id)
        if not tags:
            continue
        top = min(tags, key=lambda t: (-tags[t], t))
        family = gold_family(top)
        if family is None:
            continue
        yield family, type_family(entity.type), _spacy_type(entity, by_id), entity.name


def score_entity_types(
    split: str = "held-out", subtopics: int = 0, examples: list[str] | None = None
) -> TypeScore:
    """Type accuracy on ``split`` ("tuning": topics 1-22, "held-out": 23-45, "all").

    ``subtopics`` > 0 takes only the first N sub-topics of the split; ``examples``, when
    given, collects a line per storyline error.
    """
    complete = complete_sentences()
    by_subtopic: dict[str, list[EcbDoc]] = defaultdict(list)
    for doc in load_ecbplus():
        tuned = doc.topic in TUNING_TOPICS
        if split == "all" or (split == "tuning") == tuned:
            by_subtopic[doc.subtopic].append(doc)
    chosen = list(by_subtopic)[: subtopics or None]
    records = []
    for subtopic in chosen:
        docs = by_subtopic[subtopic]
        parsed = parse_articles([to_article(d) for d in docs])
        found = type_records(docs, parsed, extract_entities(parsed), complete)
        records += [(subtopic, *record) for record in found]
    return summarise(split, records, examples)


def summarise(
    split: str,
    records: Iterable[tuple[str, str, str, str | None, str]],
    examples: list[str] | None = None,
) -> TypeScore:
    """A split's score from (sub-topic, gold, storyline, spaCy-only, name) records."""
    total = ours = spacy = 0
    confusion: Counter[str] = Counter()
    for subtopic, gold, mine, base, name in records:
        total += 1
        ours += mine == gold
        spacy += base == gold
        if mine != gold:
            confusion[f"{gold}->{mine}"] += 1
            if examples is not None:
                examples.append(f"{subtopic}: {name!r} gold {gold}, ours {mine}, spaCy {base}")
    return TypeScore(split, total, ours, spacy, dict(confusion))
