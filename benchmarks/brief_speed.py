"""Time to brief one story with the models already loaded (issue target: <= 1 s for a
10-article story).

Each MultiLing 2011 English topic (10 WikiNews articles) is read and cleaned first (not
timed), then ``analyze_story`` + ``make_brief`` are timed, three rounds per topic after a
warm-up that loads spaCy and the MiniLM model. Also the seeds (5 articles). Prints JSON:
the median seconds per story and the stage split of one round (spaCy parse, sentence
embeddings, the rest).

    .venv/bin/python benchmarks/brief_speed.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from storyline.analyze import facts, nlp
from storyline.analyze.story import analyze_story
from storyline.api import clean_articles
from storyline.evaluation.summaries import multiling_topics
from storyline.summarize import make_brief

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def main() -> None:
    stories = {
        t.id: list(clean_articles([str(p) for p in t.paths]).articles) for t in multiling_topics()
    }
    if SEEDS.is_dir():
        stories["seeds"] = list(clean_articles([str(SEEDS)]).articles)
    warm = next(iter(stories.values()))
    make_brief("warm", warm, {}, analyze_story(warm), 120)
    per_story: dict[str, float] = {}
    split: dict[str, dict[str, float]] = {}
    for name, articles in stories.items():
        rounds = []
        for _ in range(3):
            start = time.perf_counter()
            make_brief(name, articles, {}, analyze_story(articles), 120)
            rounds.append(time.perf_counter() - start)
        per_story[name] = statistics.median(rounds)
        t0 = time.perf_counter()
        nlp.parse_articles(articles)
        t1 = time.perf_counter()
        facts.embed_candidates(articles)
        t2 = time.perf_counter()
        split[name] = {
            "parse": round(t1 - t0, 3),
            "embed": round(t2 - t1, 3),
            "rest": round(per_story[name] - (t2 - t0), 3),
        }
    multiling = [v for k, v in per_story.items() if k != "seeds"]
    print(
        json.dumps(
            {
                "multiling_10_article_story_median_s": round(statistics.median(multiling), 3),
                "multiling_max_s": round(max(multiling), 3),
                "seeds_5_article_story_s": round(per_story.get("seeds", float("nan")), 3),
                "per_story_s": {k: round(v, 3) for k, v in per_story.items()},
                "split_s": split,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
