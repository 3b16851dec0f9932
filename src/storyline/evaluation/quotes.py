"""Scoring quotes and their speakers against annotated attributions (PolNeAR).

A *gold quote* is a run of text in quotation marks (within one paragraph; a paragraph
that opens a quote and leaves it open ends its run there) of at least ``GOLD_WORDS``
words that lies in the content of an annotated attribution; its speaker is that
attribution's source. Figures:

- **quote recall**: gold quotes that a shown quote (a direct mention) overlaps;
- **quote precision**: shown quotes that overlap a quoted run inside some annotated
  content (any length): quoted words the annotation gives to nobody (scare quotes, titles
  of works, the reporter's own words) count against it;
- **speaker accuracy**: of the gold quotes with a named (not pronoun) source, the share
  found with that source as speaker: a head word of the source (its root, or the last
  word of a name in it that is not a modifier) is the speaker's last word, or at least
  half the longer one's words are shared. A quote not found or found with no speaker
  is wrong. ``speaker_accuracy_found`` is the same over the quotes found only;
- pronoun sources ("he said"): PolNeAR does not link them to a name, so they are counted
  apart (found, given a speaker);
- quotes whose annotation has no source, and quoted runs in no annotated content: the
  share shown with a speaker (lower is better: there is no speaker to give).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attributions import OVERLAP, Scored

if TYPE_CHECKING:
    from spacy.tokens import Doc

GOLD_WORDS = 3
"""Words a quoted run needs to be a gold quote (two-word runs are often scare quotes)."""

_RUN = re.compile(r"“(?P<curly>[^“”\n]+)(?:”|(?=\n))|\"(?P<straight>[^\"\n]+)\"")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
PRONOUNS = frozenset(
    ("he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "us", "me")
)


@dataclass(frozen=True)
class Shown:
    """A quote as shown (span of the quoted words) with its speaker's name, if any."""

    start: int
    end: int
    speaker: str | None


@dataclass
class QuoteReport:
    gold: int = 0  # gold quotes
    found: int = 0
    shown: int = 0  # shown quotes
    shown_right: int = 0  # ... overlapping an attributed quoted run
    named: int = 0  # gold quotes with a named source
    named_found: int = 0
    named_right: int = 0
    pronoun: int = 0
    pronoun_found: int = 0
    pronoun_given: int = 0
    sourceless: int = 0  # found gold quotes whose annotation has no source
    sourceless_given: int = 0
    unattributed: int = 0  # quoted runs of >= GOLD_WORDS in no annotated content
    unattributed_given: int = 0
    wrong: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 0.0

        recall, precision = share(self.found, self.gold), share(self.shown_right, self.shown)
        return {
            "quote_recall": recall,
            "quote_precision": precision,
            "quote_f1": 2 * recall * precision / (recall + precision) if recall + precision else 0,
            "speaker_accuracy": share(self.named_right, self.named),
            "speaker_accuracy_found": share(self.named_right, self.named_found),
            "pronoun_found": share(self.pronoun_found, self.pronoun),
            "pronoun_given": share(self.pronoun_given, self.pronoun_found),
            "sourceless_given": share(self.sourceless_given, self.sourceless),
            "unattributed_given": share(self.unattributed_given, self.unattributed),
            "gold_quotes": self.gold,
            "gold_named": self.named,
            "gold_pronoun": self.pronoun,
            "shown_quotes": self.shown,
        }


def quoted_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the words inside quotation marks, one per paragraph."""
    return [m.span(m.lastgroup or 0) for m in _RUN.finditer(text)]


def words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def same_speaker(speaker: str, source: str, heads: set[str]) -> bool:
    """Whether a shown speaker is the annotated source: a head word of the source is the
    speaker's last word, or at least half the longer one's words are shared."""
    said, gold = words(speaker), words(source)
    if not said or not gold:
        return False
    if any(words(h)[-1:] == said[-1:] for h in heads):
        return True
    shared = len(set(said) & set(gold))
    return shared >= OVERLAP * max(len(set(said)), len(set(gold)))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _holder(run: tuple[int, int], gold: Sequence[Scored]) -> Scored | None:
    """The annotated attribution whose content holds most of the run (the innermost on
    a tie)."""
    best: tuple[int, int, Scored] | None = None
    for att in gold:
        covered = sum(_overlap(run, span) for span in att.content)
        if covered * 2 < run[1] - run[0]:
            continue
        size = sum(e - s for s, e in att.content)
        if best is None or (covered, -size) > (best[0], -best[1]):
            best = (covered, size, att)
    return best[2] if best else None


def _heads(doc: Doc | None, spans: Sequence[tuple[int, int]]) -> set[str]:
    """The head word of an annotated source, and the last word of each name it holds
    that is not a modifier ("Her campaign manager, Anna Berg": "manager" and "Berg";
    "a Berg campaign official": "official" only)."""
    if doc is None or not spans:
        return set()
    start, end = spans[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return set()
    heads = {span.root.text}
    for ent in span.ents:
        if ent.label_ in ("PERSON", "ORG") and ent.root.dep_ not in ("compound", "poss"):
            heads.add(ent[-1].text)
    return heads


def score_quotes(
    report: QuoteReport,
    name: str,
    text: str,
    gold: Sequence[Scored],
    shown: Sequence[Shown],
    doc: Doc | None = None,
) -> None:
    """Add one article's counts to ``report``."""
    runs = quoted_runs(text)
    attributed = [r for r in runs if _holder(r, gold) is not None]
    for quote in shown:
        report.shown += 1
        report.shown_right += any(_overlap((quote.start, quote.end), r) for r in attributed)
    for run in runs:
        if len(words(text[run[0] : run[1]])) < GOLD_WORDS:
            continue
        holder = _holder(run, gold)
        found = max(shown, key=lambda q: _overlap((q.start, q.end), run), default=None)
        if found is not None and not _overlap((found.start, found.end), run):
            found = None
        if holder is None:
            report.unattributed += 1
            report.unattributed_given += found is not None and found.speaker is not None
            continue
        report.gold += 1
        report.found += found is not None
        speaker = found.speaker if found is not None else None
        source = " ".join(text[s:e] for s, e in holder.source)
        if not source:
            report.sourceless += found is not None
            report.sourceless_given += speaker is not None
        elif words(source) and all(w in PRONOUNS for w in words(source)):
            report.pronoun += 1
            report.pronoun_found += found is not None
            report.pronoun_given += speaker is not None
        else:
            report.named += 1
            report.named_found += found is not None
            right = speaker is not None and same_speaker(
                speaker, source, _heads(doc, holder.source)
            )
            report.named_right += right
            if found is not None and not right:
                report.wrong.append((name, text[run[0] : run[1]][:80], source, speaker))


def nearest_person(doc: Doc) -> Callable[[int], str | None]:
    """The baseline's speaker: the nearest PERSON entity that ends before ``char``."""
    people = [(e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]

    def before(char: int) -> str | None:
        found = [t for end, t in people if end <= char]
        return found[-1] if found else None

    return before


def baseline_quotes(text: str, doc: Doc) -> list[Shown]:
    """The baseline: every quoted run of at least two words, said by the nearest person
    named before it."""
    speaker = nearest_person(doc)
    return [Shown(s, e, speaker(s)) for s, e in quoted_runs(text) if len(words(text[s:e])) >= 2]
