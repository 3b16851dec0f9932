"""Scoring attributions (source, cue, content) against annotated ones.

Spans are compared as sets of word tokens (``\\w+`` runs and single punctuation marks, by
character offsets), so a span that differs only by surrounding whitespace is the same
span. A predicted attribution *pairs* with a gold one when their contents share a token;
pairs are matched one to one, best source overlap first.

- **source**, over attributions that have a source: a match is *exact* when the two
  sources are the same tokens, and *overlapping* when their shared tokens are at least
  half of the longer one (``OVERLAP``);
- **cue**, over all attributions: matched like an overlapping source, content pairing
  not required;
- **content**: token F1 of the article's content tokens (union over its attributions);
- **false-attribution rate**: of the sentences where the annotation has no attribution at
  all (no source, cue or content token), the share in which a predicted attribution with
  a source has its cue or content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..types import Sentence

OVERLAP = 0.5
"""Shared tokens, as a share of the longer span, for an overlapping match."""

Spans = tuple[tuple[int, int], ...]
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Scored:
    """One attribution as the scorer sees it: its spans in the article's text."""

    source: Spans
    cue: Spans
    content: Spans


@dataclass
class Tally:
    """Counts of one metric, summed over articles."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: int, gold: int, matched: int) -> None:
        self.predicted += predicted
        self.gold += gold
        self.matched += matched


@dataclass
class Report:
    """Every figure of a run, summed over the articles scored."""

    source_exact: Tally = field(default_factory=Tally)
    source_overlap: Tally = field(default_factory=Tally)
    cue: Tally = field(default_factory=Tally)
    content: Tally = field(default_factory=Tally)
    quiet_sentences: int = 0  # sentences with no annotated attribution
    falsely_attributed: int = 0

    @property
    def false_attribution_rate(self) -> float:
        return self.falsely_attributed / self.quiet_sentences if self.quiet_sentences else 0.0

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name in ("source_exact", "source_overlap", "cue", "content"):
            tally: Tally = getattr(self, name)
            out |= {
                f"{name}_precision": tally.precision,
                f"{name}_recall": tally.recall,
                f"{name}_f1": tally.f1,
            }
        out["false_attribution_rate"] = self.false_attribution_rate
        return out


@lru_cache(maxsize=1 << 18)
def tokens(text: str, spans: Spans) -> frozenset[tuple[int, int]]:
    """The word tokens (by offsets) that lie inside ``spans`` (cached: a tuning run scores
    the same spans many times)."""
    found = set()
    for start, end in spans:
        for match in _TOKEN.finditer(text, start, end):
            found.add(match.span())
    return frozenset(found)


def overlaps(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> bool:
    return bool(a) and bool(b) and len(a & b) >= OVERLAP * max(len(a), len(b))


def score_article(
    report: Report,
    text: str,
    sentences: Sequence[Sentence],
    gold: Sequence[Scored],
    predicted: Sequence[Scored],
) -> None:
    """Add one article's counts to ``report``."""
    gold_sets = [_token_sets(text, g) for g in gold]
    pred_sets = [_token_sets(text, p) for p in predicted]
    sourced_gold = [g for g in gold_sets if g[0]]
    sourced_pred = [p for p in pred_sets if p[0]]
    exact, overlap = _match_sources(sourced_pred, sourced_gold)
    report.source_exact.add(len(sourced_pred), len(sourced_gold), exact)
    report.source_overlap.add(len(sourced_pred), len(sourced_gold), overlap)
    report.cue.add(len(pred_sets), len(gold_sets), _match_cues(pred_sets, gold_sets))
    gold_content = frozenset().union(*(g[2] for g in gold_sets))
    pred_content = frozenset().union(*(p[2] for p in pred_sets))
    report.content.add(len(pred_content), len(gold_content), len(pred_content & gold_content))
    annotated = frozenset().union(*(s | c | x for s, c, x in gold_sets))
    claimed = frozenset().union(*(c | x for _, c, x in sourced_pred))
    for sentence in sentences:
        inside = tokens(text, ((sentence.start, sentence.end),))
        if inside and not inside & annotated:
            report.quiet_sentences += 1
            report.falsely_attributed += bool(inside & claimed)


_Sets = tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]], frozenset[tuple[int, int]]]


def _token_sets(text: str, attribution: Scored) -> _Sets:
    return (
        tokens(text, attribution.source),
        tokens(text, attribution.cue),
        tokens(text, attribution.content),
    )


def _match_sources(pred: list[_Sets], gold: list[_Sets]) -> tuple[int, int]:
    """Matched (exact, overlapping) sources among pairs whose contents share a token."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p[2] & g[2]:
                shared = len(p[0] & g[0]) / max(len(p[0]), len(g[0]))
                pairs.append((-shared, -len(p[2] & g[2]), i, j))
    exact = _greedy(pair for pair in pairs if pred[pair[2]][0] == gold[pair[3]][0])
    overlap = _greedy(
        (pair for pair in pairs if overlaps(pred[pair[2]][0], gold[pair[3]][0])),
    )
    return exact, overlap


def _match_cues(pred: list[_Sets], gold: list[_Sets]) -> int:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if overlaps(p[1], g[1]):
                pairs.append((-len(p[1] & g[1]), 0, i, j))
    return _greedy(iter(pairs))


def _greedy(pairs: Iterable[tuple[float, int, int, int]]) -> int:
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for _, _, i, j in sorted(pairs):
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
    return len(used_pred)


def attributed(text: str, predicted: Scored, gold: Sequence[Scored]) -> bool:
    """Whether ``predicted`` is one of ``gold``: its content shares a token with a gold
    content and their sources overlap (``overlaps``)."""
    source, _, content = _token_sets(text, predicted)
    for other in gold:
        g_source, _, g_content = _token_sets(text, other)
        if content & g_content and overlaps(source, g_source):
            return True
    return False


def outermost(found: Sequence[Scored]) -> list[Scored]:
    """The attributions whose cue lies in no other one's content (an annotation where each
    token has one label, like PolNeAR's, marks only these)."""
    out = []
    for item in found:
        cue = item.cue[0][0]
        inside = any(
            other is not item
            and _within(cue, other.content)
            and not _within(other.cue[0][0], item.content)
            for other in found
        )
        if not inside:
            out.append(item)
    return out


def _within(char: int, spans: Spans) -> bool:
    return any(start <= char < end for start, end in spans)
