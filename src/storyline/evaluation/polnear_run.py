"""Scoring storyline's attributions and the baseline on a PolNeAR split (one run, the
same parses), for the benchmark and the quality gate."""

from __future__ import annotations

import time

from .attributions import Report, score_article
from .polnear import baseline_attributions, parsed_split, storyline_attributions


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
