"""Throughput of ``storyline stories``: the local engine against the Dask engine with 1 and
2 workers (one thread each), on the same input, on this machine.

The input is the synthetic corpus of ``benchmarks/stories_speed.py`` (articles drawn from
the sentences of ECB+ and MultiLing stories, any size), written once as JSON Lines. Each
configuration runs once to warm up (imports, model loading; for Dask the workers' too)
and then ``--runs`` times; the median is reported. A Dask cluster is started once per
worker count and reused by its runs; its start-up is reported apart (``cluster_start_s``).
Every Dask run is checked to give exactly the local stories.

Also printed, for the capacity model in docs/scale.md: the pickled size per article of
what the workers keep (features, dedupe signature, text) and of what comes back to the
client, and the workers' peak memory.

    .venv/bin/python benchmarks/dask_speed.py --size 2000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _median_run(runs: int, once: Any, *, warm_up: bool = True) -> tuple[float, Any]:
    if warm_up:
        once()
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = once()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _local(path: str, runs: int, jobs: int) -> tuple[dict[str, Any], Any]:
    from storyline.api import build_stories
    from storyline.settings import Settings

    settings = Settings(jobs=jobs)
    seconds, run = _median_run(runs, lambda: build_stories([path], settings=settings))
    row = {
        "engine": f"local jobs={jobs}",
        "median_s": round(seconds, 2),
        "articles_per_s": round(run.summary.articles / seconds, 1),
        "stages": {k: round(v, 2) for k, v in run.seconds.items()},
    }
    return row, run


def _dask(path: str, runs: int, workers: int, partition_bytes: int, local: Any) -> dict[str, Any]:
    import distributed

    from storyline.scale.engine import run_stories
    from storyline.settings import Settings

    settings = Settings()
    start = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )
    client = distributed.Client(cluster)
    started = time.perf_counter() - start
    try:

        def once() -> Any:
            return run_stories(client, [path], settings, partition_bytes=partition_bytes)

        first = time.perf_counter()
        once()  # the warm-up: the workers import storyline and load the model
        cold = time.perf_counter() - first
        seconds, run = _median_run(runs, once, warm_up=False)
        assert run.stories == local.stories and run.syndication == local.syndication
        assert run.duplicates == local.duplicates and run.summary == local.summary
        peak = client.run(_peak_rss_mib)
    finally:
        client.close()
        cluster.close()
    return {
        "engine": f"dask workers={workers}",
        "median_s": round(seconds, 2),
        "articles_per_s": round(run.summary.articles / seconds, 1),
        "stages": {k: round(v, 2) for k, v in run.seconds.items()},
        "cluster_start_s": round(started, 2),
        "first_run_s": round(cold, 2),
        "worker_peak_rss_mib": sorted(round(v) for v in peak.values()),
    }


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sizes(path: str, partition_bytes: int) -> dict[str, float]:
    """Pickled bytes per article of what a worker keeps and what the client receives."""
    from storyline.scale.partitions import plan_partitions
    from storyline.scale.work import Processed, digest_partition, process_partition
    from storyline.settings import Settings

    layout = plan_partitions([path], partition_bytes=partition_bytes)
    result = process_partition([(0, layout[0])], Settings())[0]
    kept = [item for item in result.items if isinstance(item, Processed)]
    digest = digest_partition([result])[0]
    count = len(kept)

    def per(value: object) -> float:
        return round(len(pickle.dumps(value, protocol=5)) / count)

    return {
        "articles_measured": count,
        "kept_per_article_b": per(kept),
        "features_per_article_b": per([k.features for k in kept]),
        "text_per_article_b": per([k.text for k in kept]),
        "signature_per_article_b": per([k.signature for k in kept]),
        "digest_per_article_b": per(digest.items),
    }


def _pass_cost(articles: int) -> dict[str, float]:
    """The clustering of one block: articles on nothing in common (random words and names
    from a large vocabulary), one language."""
    import random
    import resource

    from storyline.cluster.features import DocumentFrequencies, featurize
    from storyline.scale.blocks import cluster_block
    from storyline.settings import Settings
    from storyline.types import Article, Provenance

    rng = random.Random(1)
    vocabulary = [f"w{n}" for n in range(50_000)]
    names = [f"Name{n}" for n in range(20_000)]
    features, table = [], DocumentFrequencies()
    for n in range(articles):
        text = " ".join(rng.sample(vocabulary, 120) + rng.sample(names, 20))
        article = Article(f"a{n:07d}", "x", text, Provenance("x"), language="en")
        features.append(featurize(article))
        table.add(features[-1])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    stories = cluster_block(features, table, settings=Settings())
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    return {
        "articles": articles,
        "stories": len(stories),
        "ms_per_article": round(seconds / articles * 1000, 3),
        "peak_growth_per_article_b": round(grown / articles),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="synthetic articles")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per configuration")
    parser.add_argument("--partition-bytes", type=int, default=256 << 10)
    parser.add_argument(
        "--pass-articles", type=int, default=12_000, help="articles of the clustering-pass probe"
    )
    args = parser.parse_args()

    from stories_speed import build_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "corpus.jsonl")
        build_corpus(Path(path), args.size)
        megabytes = Path(path).stat().st_size / 1e6
        rows = []
        row, local = _local(path, args.runs, jobs=1)
        rows.append(row)
        rows.append(_local(path, args.runs, jobs=2)[0])
        for workers in (1, 2):
            rows.append(_dask(path, args.runs, workers, args.partition_bytes, local))
        sizes = _sizes(path, args.partition_bytes)
    report = {
        "articles": local.summary.articles,
        "input_mb": round(megabytes, 1),
        "partition_bytes": args.partition_bytes,
        "runs": args.runs,
        "results": rows,
        "sizes": sizes,
        "clustering_pass": _pass_cost(args.pass_articles),
    }
    print(json.dumps(report, indent=1))
    print(f"\n{'engine':<16} {'median s':>9} {'articles/s':>11}  stages (s)")
    for row in rows:
        stages = ", ".join(f"{k} {v}" for k, v in row["stages"].items())
        print(f"{row['engine']:<16} {row['median_s']:>9} {row['articles_per_s']:>11}  {stages}")


if __name__ == "__main__":
    main()
