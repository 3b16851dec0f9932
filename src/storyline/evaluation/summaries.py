"""ROUGE scoring of multi-document summaries on MultiLing 2011 English (10 topics).

Every system is cut to the same word cap (:func:`truncate_words`, 250 words as in the
task) and scored by the same scorer in the same run: :func:`rouge_f` is ROUGE-1 and
ROUGE-2 F-measure from ``rouge-score`` (Porter stemming, its own lower-casing ``[a-z0-9]+``
tokenizer, no stop-word removal), computed against each of the three human references and
averaged (the spirit of ROUGE-1.5.5 ``-f A``; 1.5.5 pools the counts over the references
before taking P and R, which differs little with references of equal length).

Systems:

* **storyline**: :func:`storyline_summary`, the one-story brief of a topic's 10 articles;
* **peers**: :func:`peer_summaries`, the 10 submissions of the 2011 pilot
  (``data/correctedSubmissions/ID<k>/English/M00<T>``, files without an extension; ID9 is
  the centroid baseline, ID10 a topline that used the model summaries);
* **LexRank** and **TextRank** from ``sumy``: :func:`sumy_summary`.

The published figures (:func:`published_rouge`) come from ROUGE-1.5.5 with another
tokenizer and sentence splitter, so only comparisons within one run of :func:`score_systems`
are like for like. ``rouge-score`` and ``sumy`` are imported when first used.
"""

from __future__ import annotations

import csv
import re
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..clean.sentences import split_sentences
from .datasets import (
    MULTILING_SOURCES,
    MultilingDoc,
    load_multiling_english,
    load_multiling_references,
    multiling_dir,
)

__all__ = [
    "PEER_TEAMS",
    "SUMMARY_WORDS",
    "Measure",
    "SumyMethod",
    "SumyTokenizer",
    "SystemScore",
    "Topic",
    "TopicScore",
    "multiling_topics",
    "peer_label",
    "peer_summaries",
    "published_rouge",
    "rouge_f",
    "score_systems",
    "storyline_summary",
    "sumy_summary",
    "truncate_words",
]

SUMMARY_WORDS = 250
"""The word cap of the MultiLing 2011 task; every system is scored at it."""

PEER_TEAMS: dict[int, str] = {
    1: "CIST",
    2: "CLASSY",
    3: "JRC",
    4: "LIF",
    5: "SIEL_IIITH",
    6: "TALN_UPF",
    7: "UBSummarizer",
    8: "UoEssex",
    9: "CentroidBaseline",
    10: "GATopline",
}
"""Peer id -> team, from ``data/PublishedEvaluation/README.txt``."""

PEER_DIR = Path("data") / "correctedSubmissions"
PUBLISHED_DIR = Path("data") / "PublishedEvaluation" / "AutomaticEvaluation" / "ROUGE" / "Averages"

SumyMethod = Literal["lexrank", "textrank"]

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


# --- data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """One MultiLing topic: its English articles in document order and its references."""

    id: str  # "M000"
    paths: tuple[Path, ...]  # data/SourceTexts/M000<D>.english, D = 0..9
    texts: tuple[str, ...]  # the files as they are
    bodies: tuple[str, ...]  # the texts less the headline and date lines
    references: tuple[str, ...]  # the human 250-word summaries A, B, C


def multiling_topics(directory: Path | None = None) -> list[Topic]:
    """The 10 English topics, by id, each with its 10 source texts and 3 references."""
    root = directory or multiling_dir()
    references = load_multiling_references(root)
    docs: dict[str, list[MultilingDoc]] = {}
    for doc in load_multiling_english(root):
        docs.setdefault(doc.topic, []).append(doc)
    return [
        Topic(
            id=topic,
            paths=tuple(root / MULTILING_SOURCES / f"{doc.doc_id}.english" for doc in members),
            texts=tuple(doc.text for doc in members),
            bodies=tuple(_body(doc) for doc in members),
            references=tuple(references.get(topic, ())),
        )
        for topic, members in sorted(docs.items())
    ]


def _body(doc: MultilingDoc) -> str:
    """The article less its first line (the headline) and its date line."""
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    if doc.date_line is not None and len(lines) > 1 and lines[1] == doc.date_line:
        return "\n\n".join(lines[2:])
    return "\n\n".join(lines[1:])


def peer_label(peer: int) -> str:
    """``"ID2 CLASSY"``: the id the published CSVs use, then the team."""
    return f"ID{peer} {PEER_TEAMS.get(peer, '?')}"


def peer_summaries(directory: Path | None = None) -> dict[str, dict[str, str]]:
    """System label (``"ID2 CLASSY"``) -> topic (``"M000"``) -> its English summary, by id."""
    folder = (directory or multiling_dir()) / PEER_DIR
    peers: dict[str, dict[str, str]] = {}
    found = [p for p in folder.glob("ID*") if p.is_dir() and p.name[2:].isdigit()]
    for peer in sorted(found, key=lambda p: int(p.name[2:])):
        english = peer / "English"
        if not english.is_dir():
            continue
        peers[peer_label(int(peer.name[2:]))] = {
            path.name[:4]: path.read_text(encoding="utf-8").strip()
            for path in sorted(english.iterdir())
            if path.is_file()
        }
    return peers


def published_rouge(directory: Path | None = None) -> dict[str, tuple[float, float]]:
    """System label -> published English (ROUGE-1 F, ROUGE-2 F) from ROUGE-1.5.5."""
    folder = (directory or multiling_dir()) / PUBLISHED_DIR
    scores: dict[int, dict[int, float]] = {}  # peer -> n -> F
    for n in (1, 2):
        with (folder / f"ENGLISH_ROUGE-{n}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):  # runid "ID10_ROUGE-1"
                peer = int(row["runid"].split("_")[0].removeprefix("ID"))
                scores.setdefault(peer, {})[n] = float(row["f-score"])
    return {peer_label(peer): (f[1], f[2]) for peer, f in sorted(scores.items())}


# --- scoring --------------------------------------------------------------------------

_scorer: Any = None


def _rouge_scorer() -> Any:
    global _scorer
    if _scorer is None:
        from rouge_score import rouge_scorer  # type: ignore[import-untyped, unused-ignore]

        _scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    return _scorer


Measure = Literal["f", "recall"]


def rouge_f(summary: str, references: Sequence[str], measure: Measure = "f") -> tuple[float, float]:
    """(ROUGE-1, ROUGE-2) F-measure (or recall) of ``summary``, each the mean over
    ``references``."""
    if not references:
        raise ValueError("rouge_f needs at least one reference summary")
    scorer = _rouge_scorer()
    field = "fmeasure" if measure == "f" else "recall"
    r1 = r2 = 0.0
    for reference in references:
        scores = scorer.score(reference, summary)  # (target, prediction)
        r1 += float(getattr(scores["rouge1"], field))
        r2 += float(getattr(scores["rouge2"], field))
    return r1 / len(references), r2 / len(references)


def truncate_words(text: str, words: int = SUMMARY_WORDS) -> str:
    """The first ``words`` whitespace-separated words of ``text``, joined by spaces."""
    return " ".join(text.split()[:words])


@dataclass(frozen=True)
class TopicScore:
    topic: str
    rouge1: float
    rouge2: float
    words: int  # of the scored (truncated) summary
    seconds: float  # to produce the summary


@dataclass(frozen=True)
class SystemScore:
    system: str
    rouge1: float  # mean over topics
    rouge2: float
    mean_words: float
    topics: tuple[TopicScore, ...]

    @property
    def median_seconds(self) -> float:
        return statistics.median(t.seconds for t in self.topics) if self.topics else 0.0


def score_systems(
    summarizers: Mapping[str, Callable[[Topic], str]],
    topics: Sequence[Topic] | None = None,
    *,
    words: int = SUMMARY_WORDS,
    measure: Measure = "f",
) -> list[SystemScore]:
    """Score each system on every topic at the ``words`` cap, in the order given."""
    topics = list(topics) if topics is not None else multiling_topics()
    results = []
    for system, summarize in summarizers.items():
        rows = []
        for topic in topics:
            start = time.perf_counter()
            text = summarize(topic)
            seconds = time.perf_counter() - start
            scored = truncate_words(text, words)
            r1, r2 = rouge_f(scored, topic.references, measure)
            rows.append(TopicScore(topic.id, r1, r2, len(scored.split()), seconds))
        results.append(
            SystemScore(
                system=system,
                rouge1=statistics.fmean(r.rouge1 for r in rows) if rows else 0.0,
                rouge2=statistics.fmean(r.rouge2 for r in rows) if rows else 0.0,
                mean_words=statistics.fmean(r.words for r in rows) if rows else 0.0,
                topics=tuple(rows),
            )
        )
    return results


# --- systems --------------------------------------------------------------------------


def storyline_summary(topic: Topic, words: int = SUMMARY_WORDS) -> str:
    """storyline's summary of the topic's articles, read as one story, ``words`` long.

    The ``.english`` files are sniffed as plain text by the ingest (no rejections).
    """
    from ..api import build_briefs

    run = build_briefs([str(path) for path in topic.paths], one_story=True, words=words)
    if not run.briefs:
        return ""
    return " ".join(sentence.text for sentence in run.briefs[0].summary)


class SumyTokenizer:
    """sumy's tokenizer interface without nltk data: storyline's sentence splitter, a regex."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph, "sumy"))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _budget(words: int) -> Callable[[Sequence[Any]], list[Any]]:
    """A sumy ``sentences_count``: walks the ranking, keeps each whole sentence that fits."""

    def choose(ranked: Sequence[Any]) -> list[Any]:
        chosen: list[Any] = []
        seen: set[str] = set()
        used = 0
        for info in ranked:  # SentenceInfo(sentence, order, rating), best first
            text = str(info.sentence)
            size = len(text.split())
            if size == 0 or text in seen or used + size > words:
                continue
            chosen.append(info)
            seen.add(text)
            used += size
        return chosen

    return choose


def sumy_summary(texts: Sequence[str], method: SumyMethod, words: int = SUMMARY_WORDS) -> str:
    """A LexRank or TextRank extract of ``texts`` (one document), at most ``words`` long.

    Every non-blank line is a paragraph (sumy's plain-text parser would join lines not
    separated by a blank one, so a headline and the lead could become one "sentence").
    Sentences are taken in the method's ranking, each whole one that still fits the budget
    (a longer one is skipped, the next tried; exact repeats are skipped), and output in
    document order.
    """
    from sumy.nlp.stemmers import Stemmer  # type: ignore[import-untyped, unused-ignore]
    from sumy.parsers.plaintext import (  # type: ignore[import-untyped, unused-ignore]
        PlaintextParser,
    )
    from sumy.summarizers.lex_rank import (  # type: ignore[import-untyped, unused-ignore]
        LexRankSummarizer,
    )
    from sumy.summarizers.text_rank import (  # type: ignore[import-untyped, unused-ignore]
        TextRankSummarizer,
    )
    from sumy.utils import get_stop_words  # type: ignore[import-untyped, unused-ignore]

    classes = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}
    if method not in classes:
        raise ValueError(f"unknown sumy method {method!r}; use one of {sorted(classes)}")
    summarizer = classes[method](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    lines = (line.strip() for text in texts for line in text.splitlines())
    document = PlaintextParser("\n\n".join(x for x in lines if x), SumyTokenizer()).document
    chosen = summarizer(document, _budget(words))
    return " ".join(str(sentence) for sentence in chosen)
