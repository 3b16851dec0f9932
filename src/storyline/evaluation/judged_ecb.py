"""Judged rounds on ECB+ briefs: citation precision and top-fact carriers (issue 15).

A round is a set of ECB+ sub-topics, each briefed as one story the way a user would
(``build_briefs(one_story=True)`` on the documents as JSON Lines), whose (line, cited
sentence) pairs and top facts were judged by hand under ``../shared/docs/JUDGING.md``:

- **tuned** (``TUNED_TOPICS``): the independent judge's round 1 (ECB+ topics 30-35 and
  42-45), read while tuning; pairs the judge did not see were labelled by us.
- **heldout** (``HELDOUT_TOPICS``): ECB+ topics 20-29, frozen before any change made
  for round 2, never read while tuning, labelled once at the end.

A pair is a summary sentence and each sentence it cites, or a fact's text and each of
its mentions (facts of two mentions or more), the copied sentence left out. Labels are
keyed by article id and offsets (``[id, start, end]`` of the line and of the cited
sentence), so the label files hold no article text.

Top facts: the first ``TOP_FACTS`` facts of the stories in ``TOP_FACT_STORIES``; each
is judged against every article of its story: a *carrier* has a sentence that SUPPORTS
the fact's text, a *partial* one only a sentence that PARTIAL-ly does. A fact's claim
(its ``articles``) is within 10% when ``|claimed - carriers| <= 0.1 * carriers``.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .citations import (
    LabelKey,
    Precision,
    TextKey,
    brief_pairs,
    precision,
    span_digest,
    span_of,
    text_key,
)
from .citations import load_labels as _load_labels
from .datasets import load_ecbplus

Span = tuple[str, int, int]  # (article id, start, end)

TUNED_TOPICS = (30, 31, 32, 33, 34, 35, 42, 43, 44, 45)
HELDOUT_TOPICS = tuple(range(20, 30))
"""Frozen before round 2 changed anything: ECB+ topics used by no other judged set
(citations_judged.py: 1-6 and 36-41; judge round 1: 30-35 and 42-45) and not by the
fact threshold's old tuning (topics 1-11)."""

TOP_FACT_STORIES = {
    "tuned": ("30_ecbplus", "31_ecb", "35_ecbplus", "42_ecbplus", "44_ecbplus", "45_ecbplus"),
    "heldout": (
        "20_ecb", "21_ecbplus", "22_ecb", "23_ecbplus", "24_ecb",
        "25_ecbplus", "26_ecb", "27_ecbplus", "28_ecb", "29_ecbplus",
    ),
}  # fmt: skip
"""Stories whose top facts are judged for carriers (the judge's six; for the held-out
part, the ecb sub-topic of even topics and the ecbplus one of odd topics)."""
TOP_FACTS = 3
LABELS = ("supports", "partial", "no")


@dataclass(frozen=True)
class Story:
    name: str  # the ECB+ sub-topic, "30_ecbplus"
    part: str  # "tuned" or "heldout"
    brief: dict[str, Any]
    texts: dict[str, str]  # article id -> cleaned text
    sentences: dict[str, list[tuple[int, int]]]  # article id -> sentence offsets


@dataclass(frozen=True)
class Pair:
    kind: str  # "summary" or "mention"
    story: str
    part: str
    line: Span
    cited: Span
    line_text: str
    cited_text: str

    @property
    def key(self) -> tuple[Span, Span]:
        return (self.line, self.cited)

    @property
    def text_key(self) -> TextKey:
        return text_key(self.line[0], self.line_text, self.cited[0], self.cited_text)


def parts_of(parts: Iterable[str]) -> dict[str, tuple[int, ...]]:
    topics = {"tuned": TUNED_TOPICS, "heldout": HELDOUT_TOPICS}
    return {part: topics[part] for part in parts}


def stories(parts: Iterable[str] = ("tuned", "heldout")) -> Iterator[Story]:
    """The briefs of the chosen parts, built now with the current code."""
    from ..api import build_briefs, clean_articles

    docs = load_ecbplus()
    for part, topics in parts_of(parts).items():
        groups: dict[str, list[Any]] = {}
        for doc in docs:
            if int(doc.topic) in topics:
                groups.setdefault(str(doc.subtopic), []).append(doc)
        for name, group in sorted(groups.items()):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "in.jsonl"
                path.write_text("".join(json.dumps(d.as_record()) + "\n" for d in group))
                [brief] = build_briefs([str(path)], one_story=True).briefs
                articles = list(clean_articles([str(path)]).articles)
            yield Story(
                name,
                part,
                brief.to_dict(),
                {a.id: a.text for a in articles},
                {a.id: [(s.start, s.end) for s in a.sentences] for a in articles},
            )


def pairs_of(story: Story) -> list[Pair]:
    """Every (line, cited sentence) pair of a brief, the copied sentence (and any other
    span of the very same text) left out."""

    def text(span: Span) -> str:
        return story.texts[span[0]][span[1] : span[2]]

    return [
        Pair(kind, story.name, story.part, line, cited, text(line), text(cited))
        for kind, line, cited in brief_pairs(story.brief, story.texts, skip_same_text=True)
    ]


def load_labels(path: Path) -> dict[LabelKey, dict[str, Any]]:
    """(line, cited) -> the label record, and by the spans' digests (see
    :func:`.citations.load_labels`)."""
    return _load_labels(path) if path.is_file() else {}


Score = Precision
"""Pairs, labelled, supports, partial, no; ``strict`` and ``lenient`` (partial as half)."""
score = precision
"""The labels' counts over the pairs (one rule with :mod:`.citations`)."""


@dataclass(frozen=True)
class TopFact:
    story: str
    part: str
    rank: int
    line: Span | None  # the fact text's own mention
    text: str
    claimed: tuple[str, ...]  # the fact's ``articles``
    outlets: int
    unknown_outlet_articles: int


def top_facts(story: Story) -> list[TopFact]:
    if story.name not in TOP_FACT_STORIES.get(story.part, ()):
        return []
    out = []
    for rank, fact in enumerate(story.brief["facts"][:TOP_FACTS]):
        spans = [(m["article"], m["start"], m["end"]) for m in fact["mentions"]]
        line = next((s for s in spans if story.texts[s[0]][s[1] : s[2]] == fact["text"]), None)
        out.append(
            TopFact(story.name, story.part, rank, line, fact["text"], tuple(fact["articles"]),
                    fact["outlets"], fact.get("unknown_outlet_articles", 0))
        )  # fmt: skip
    return out


def load_carriers(path: Path) -> dict[Span | tuple[str, str], dict[str, Any]]:
    """Fact text span -> {"carriers": [...], "partial": [...], ...}; also (article, digest
    of the text) -> the record, for the records that hold ``line_digest``."""
    found: dict[Span | tuple[str, str], dict[str, Any]] = {}
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                record = json.loads(raw)
                line = span_of(record["line"])
                found[line] = record
                if "line_digest" in record:
                    found.setdefault((line[0], record["line_digest"]), record)
    return found


@dataclass(frozen=True)
class CarrierScore:
    fact: TopFact
    carriers: int  # articles judged to carry the fact (SUPPORTS)
    claimed_carriers: int  # claimed articles among them

    @property
    def within(self) -> bool:
        return abs(len(self.fact.claimed) - self.carriers) <= 0.1 * self.carriers


def carrier_scores(
    facts: Iterable[TopFact], carriers: Mapping[Span | tuple[str, str], Mapping[str, Any]]
) -> tuple[list[CarrierScore], list[TopFact]]:
    """Scores of the judged top facts, and the top facts without a judgement."""
    scored, missing = [], []
    for fact in facts:
        record = None
        if fact.line is not None:
            record = carriers.get(fact.line) or carriers.get((fact.line[0], span_digest(fact.text)))
        if record is None:
            missing.append(fact)
            continue
        truth = set(record["carriers"])
        scored.append(CarrierScore(fact, len(truth), len(truth & set(fact.claimed))))
    return scored, missing
