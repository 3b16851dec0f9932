"""Citation precision of real briefs against a hand-judged set (JUDGING.md).

A pair is (a line, a sentence it cites): a summary sentence and each sentence it cites,
or a fact's text and each of its mentions. Pairs where the cited sentence *is* the line
(the sentence it was copied from) always support and are left out. Each pair is keyed
by the article id and character offsets of both sentences, so the label file holds no
article text: the text is regenerated from ``../shared`` by building the briefs again.

Stories: the seeds; the 10 MultiLing 2011 topics (each topic's 10 articles as one
story); ECB+ sub-topics of ``ECB_TUNE`` and ``ECB_HELDOUT`` (one story each, every
document an article with its URL). The **tuned** part is the seeds, MultiLing M000-M004
and ECB+ topics 1-6; the **held-out** part (MultiLing M005-M009, ECB+ topics 36-41) was
labelled after the last change to fact alignment and summaries and never tuned on.

Labels: ``supports``, ``partial`` or ``no``. Precision = supports / labelled pairs;
with partial counted half: (supports + partial / 2) / labelled pairs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from ..summarize import is_extract
from ..types import Article
from .datasets import load_ecbplus, multiling_dir, shared_dir

Span = tuple[str, int, int]  # (article id, start, end)
TextKey = tuple[str, str, str, str]  # (line article, line digest, cited article, cited digest)
LabelKey = tuple[Span, Span] | TextKey

ECB_TUNE = range(1, 7)
ECB_HELDOUT = range(36, 42)
MULTILING_TUNE = ("M000", "M001", "M002", "M003", "M004")
MULTILING_HELDOUT = ("M005", "M006", "M007", "M008", "M009")
LABELS = ("supports", "partial", "no")


@dataclass(frozen=True)
class Story:
    name: str  # "seeds", "M003", "ecb 36_1"
    split: str  # "tuned" or "heldout"
    brief: dict[str, Any]
    texts: dict[str, str]  # article id -> cleaned text


@dataclass(frozen=True)
class CitedPair:
    kind: str  # "summary" or "mention"
    story: str
    split: str
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


def _brief_of(paths: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    from ..api import build_briefs, clean_articles

    [brief] = build_briefs(paths, one_story=True).briefs
    texts = {a.id: a.text for a in clean_articles(paths).articles}
    return brief.to_dict(), texts


def _ecb_brief(articles: list[Article], name: str) -> dict[str, Any]:
    from ..analyze.story import analyze_story
    from ..summarize import make_brief

    analysis = analyze_story(articles)
    return make_brief(name, articles, {}, analysis, 120).to_dict()


def judged_stories(parts: Iterable[str] = ("tuned", "heldout")) -> Iterator[Story]:
    """The stories of the judged set (briefs built now, with the current code)."""
    from .facts import doc_article

    wanted = set(parts)
    sources = multiling_dir() / "data" / "SourceTexts"
    if "tuned" in wanted:
        brief, texts = _brief_of([str(shared_dir() / "seeds")])
        yield Story("seeds", "tuned", brief, texts)
    for topics, split in ((MULTILING_TUNE, "tuned"), (MULTILING_HELDOUT, "heldout")):
        if split not in wanted:
            continue
        for topic in topics:
            paths = sorted(str(p) for p in sources.glob(f"{topic}?.english"))
            brief, texts = _brief_of(paths)
            yield Story(topic, split, brief, texts)
    ecb = load_ecbplus()
    for numbers, part in ((ECB_TUNE, "tuned"), (ECB_HELDOUT, "heldout")):
        if part not in wanted:
            continue
        for subtopic in sorted({d.subtopic for d in ecb if d.topic in numbers}):
            docs = sorted((d for d in ecb if d.subtopic == subtopic), key=lambda d: d.doc_id)
            articles = [replace(doc_article(d), outlet=None) for d in docs]
            brief = _ecb_brief(articles, f"ecb {subtopic}")
            yield Story(f"ecb {subtopic}", part, brief, {a.id: a.text for a in articles})


def brief_pairs(
    brief: Mapping[str, Any], texts: Mapping[str, str], *, skip_same_text: bool = False
) -> Iterator[tuple[str, Span, Span]]:
    """Every (kind, line, cited) pair of a brief: each summary sentence and each fact's
    text against the other spans it cites, the copied sentence (the span whose text is the
    line, or is the line after an opening dateline: ``summarize.is_extract``) left out;
    with ``skip_same_text``, also any other span of the very same text."""

    def text(span: Span) -> str:
        return texts[span[0]][span[1] : span[2]]

    lines = [
        *(("summary", s["text"], s["citations"]) for s in brief["summary"]),
        *(("mention", f["text"], f["mentions"]) for f in brief["facts"]),
    ]
    for kind, line_text, cites in lines:
        spans = [(c["article"], c["start"], c["end"]) for c in cites]
        line = next((s for s in spans if is_extract(line_text, text(s))), None)
        if line is None:
            continue
        for cited in spans:
            if cited == line or (skip_same_text and text(cited).strip() == text(line).strip()):
                continue
            yield kind, line, cited


def cited_pairs(story: Story) -> list[CitedPair]:
    """Every (line, cited sentence) pair of a brief, the copied sentence left out."""

    def text(span: Span) -> str:
        return story.texts[span[0]][span[1] : span[2]]

    return [
        CitedPair(kind, story.name, story.split, line, cited, text(line), text(cited))
        for kind, line, cited in brief_pairs(story.brief, story.texts)
    ]


def labels_path() -> Path:
    return Path(__file__).resolve().parents[3] / "benchmarks" / "citations_judged.jsonl"


def span_digest(text: str) -> str:
    """The fingerprint of a judged span's text (whitespace folded). A label holds it beside
    the offsets, so that it still finds its pair when a cleaning change moves the
    offsets, and the label files hold no article text."""
    return hashlib.blake2b(" ".join(text.split()).encode(), digest_size=8).hexdigest()


def text_key(line_article: str, line_text: str, cited_article: str, cited_text: str) -> TextKey:
    return (line_article, span_digest(line_text), cited_article, span_digest(cited_text))


def load_labels(path: Path | None = None) -> dict[LabelKey, dict[str, Any]]:
    """(line, cited) -> the label record; also (line article, line digest, cited
    article, cited digest) -> the record, for the records that hold the digests."""
    found: dict[LabelKey, dict[str, Any]] = {}
    with (path or labels_path()).open(encoding="utf-8") as handle:
        for raw in handle:
            if raw.strip():
                record = json.loads(raw)
                line = span_of(record["line"])
                cited = span_of(record["cited"])
                found[(line, cited)] = record
                if "line_digest" in record and "cited_digest" in record:
                    key = (line[0], record["line_digest"], cited[0], record["cited_digest"])
                    found.setdefault(key, record)
    return found


def span_of(value: Any) -> Span:
    """A label file's ``[id, start, end]`` as a span."""
    return (str(value[0]), int(value[1]), int(value[2]))


@dataclass(frozen=True)
class Precision:
    pairs: int
    labelled: int
    supports: int
    partial: int
    no: int

    @property
    def strict(self) -> float:
        return self.supports / self.labelled if self.labelled else 0.0

    @property
    def lenient(self) -> float:
        """Partial counted as half."""
        return (self.supports + self.partial / 2) / self.labelled if self.labelled else 0.0


class Keyed(Protocol):
    """A judged pair: its (line, cited) spans, and the same by the spans' texts."""

    @property
    def key(self) -> tuple[Span, Span]: ...

    @property
    def text_key(self) -> TextKey: ...


def label_of(pair: Keyed, labels: Mapping[LabelKey, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The pair's label: by its offsets, else by its texts (offsets moved since)."""
    record = labels.get(pair.key)
    return record if record is not None else labels.get(pair.text_key)


def precision(pairs: Iterable[Keyed], labels: Mapping[LabelKey, Mapping[str, Any]]) -> Precision:
    counted = {"supports": 0, "partial": 0, "no": 0}
    total = labelled = 0
    for pair in pairs:
        total += 1
        record = label_of(pair, labels)
        if record is not None:
            labelled += 1
            counted[record["label"]] += 1
    return Precision(total, labelled, counted["supports"], counted["partial"], counted["no"])


@dataclass(frozen=True)
class Carriers:
    """A top fact's claim against the judged labels of its mentions."""

    story: str
    claimed_articles: int
    claimed_outlets: int
    unknown_outlet_articles: int
    verified: int  # the text's article plus each mention judged to support it
    unjudged: int  # mentions without a label


def top_fact_carriers(
    story: Story, labels: Mapping[LabelKey, Mapping[str, Any]], top: int = 3
) -> list[Carriers]:
    """For the ``top`` facts of a brief in two or more articles: articles claimed vs the
    articles whose mention is judged to state the fact (the text's own counts)."""
    out = []
    texts = story.texts
    for fact in [f for f in story.brief["facts"] if len(f["articles"]) > 1][:top]:
        spans = [(m["article"], m["start"], m["end"]) for m in fact["mentions"]]
        line = next((s for s in spans if texts[s[0]][s[1] : s[2]] == fact["text"]), None)
        if line is None:
            continue
        judged = [
            label_of(
                CitedPair("mention", story.name, story.split, line, s, fact["text"],
                          texts[s[0]][s[1] : s[2]]),
                labels,
            )
            for s in spans
            if s != line
        ]  # fmt: skip
        verified = 1 + sum(1 for r in judged if r is not None and r["label"] == "supports")
        out.append(
            Carriers(story.name, len(fact["articles"]), fact["outlets"],
                     fact.get("unknown_outlet_articles", 0), verified,
                     sum(1 for r in judged if r is None))
        )  # fmt: skip
    return out
