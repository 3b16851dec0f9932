"""Scoring storyline's attributions and the baseline on a PolNeAR split (one run, the
same parses), for the benchmark and the quality gate."""

from __future__ import annotations

import time

from .attributions import Report, score_article
from .polnear import baseline_attributions, parsed_split, storyline_attributions
from .quotes import QuoteReport, Shown, baseline_quotes, score_quotes


def score_split(split: str) -> tuple[Report, Report, float]:
    """(storyline's report, the baseline's report, seconds storyline's attributions took)."""
    ours, baseline = Report(), Report()
    seconds = 0.0
    for gold, item in parsed_split(split):
        annotated = list(gold.attributions)
        sentences = item.article.sentences
        start = time.perf_counter()
        found = storyline_attributions(item)
        seconds += time.perf_counter() - start
        score_article(ours, gold.text, sentences, annotated, found)
        score_article(baseline, gold.text, sentences, annotated, baseline_attributions(item))
    return ours, baseline, seconds


def score_quote_split(split: str) -> tuple[QuoteReport, QuoteReport]:
    """(storyline's quotes, the baseline's) on a PolNeAR split, scored against the
    annotated attributions (:mod:`.quotes`)."""
    from ..analyze.quotes import extract_quotes

    ours, baseline = QuoteReport(), QuoteReport()
    for gold, item in parsed_split(split):
        shown = [
            Shown(m.start, m.end, m.speaker)
            for quote in extract_quotes([item])
            for m in quote.mentions
            if m.direct
        ]
        annotated = gold.attributions
        score_quotes(ours, gold.name, gold.text, annotated, shown, item.doc)
        found = baseline_quotes(gold.text, item.doc)
        score_quotes(baseline, gold.name, gold.text, annotated, found, item.doc)
    return ours, baseline
