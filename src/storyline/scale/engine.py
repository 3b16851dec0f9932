"""The Dask engine: ``build_stories`` with its work spread over a Dask cluster.

Stages (see docs/scale.md):

1. a bag over the input partitions: read, clean, dedupe signature and features of
   every article, persisted on the workers; only digests
   (metadata, signature, date, language) come back to the client;
2. the client: ids, the run summary and duplicates in input order (:mod:`.settle`);
3. a tree reduction of the document frequencies over the partitions;
4. blocks (:mod:`.blocks`): the features shuffled by language, each block clustered by
   the local engine on a worker (one block when some language is unknown);
5. syndication: the texts shuffled by story, each story's links found on a worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, BinaryIO, Protocol, cast

import dask.bag
import distributed

from ..api import StoryRun
from ..cluster.stories import Story
from ..dedupe import SyndicationLink
from ..settings import Settings
from .blocks import assign_blocks
from .partitions import plan_partitions, range_start
from .settle import Settled, assemble, plans, settle, shared_stories
from .work import (
    Hook,
    block_features,
    cluster_group,
    digest_partition,
    partial_frequencies,
    process_partition,
    story_texts,
    sum_frequencies,
    syndicate_group,
)

logger = logging.getLogger(__name__)

LOCAL_WORKERS = 2
"""Workers of the cluster started when no scheduler is given (one thread each)."""

# Dask's functions carry no type annotations: they are reached through ``Any`` (a bag is
# ``Bag``), and the client through the few methods used here.
db: Any = dask.bag
Bag = Any


class Client(Protocol):
    def persist(self, collection: Bag) -> Bag: ...

    def compute(self, collection: Bag) -> Any: ...


@contextmanager
def connect(scheduler: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a local cluster started here
    (loopback only, no dashboard) and closed on exit."""
    dask_distributed: Any = distributed
    if scheduler is not None:
        client = dask_distributed.Client(scheduler)
        try:
            yield cast(Client, client)
        finally:
            client.close()
        return
    cluster = dask_distributed.LocalCluster(
        n_workers=LOCAL_WORKERS,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # the scheduler's HTTP endpoint (health, metrics; no dashboard) on a free port
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )
    try:
        client = dask_distributed.Client(cluster)
        try:
            yield cast(Client, client)
        finally:
            client.close()
    finally:
        cluster.close()


def run_stories(
    client: Client,
    paths: Sequence[str],
    settings: Settings,
    *,
    partition_bytes: int,
    stdin: BinaryIO | None = None,
    hook: Hook | None = None,
) -> StoryRun:
    """``build_stories(paths, settings=settings)`` computed on ``client``'s cluster.

    ``hook`` runs first in each partition's task with the partition's number (tests use
    it to kill a worker)."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    layout = plan_partitions(paths, partition_bytes=partition_bytes, stdin=stdin)
    specs = db.from_sequence(list(enumerate(layout)), npartitions=len(layout))
    parts = client.persist(specs.map_partitions(process_partition, settings, hook))
    digests = client.compute(parts.map_partitions(digest_partition)).result()
    clock = _lap(seconds, "per_article", clock)
    settled = settle(digests, [range_start(partition) for partition in layout])
    clock = _lap(seconds, "dedupe", clock)
    stories = _cluster(client, parts, settled, settings)
    clock = _lap(seconds, "cluster", clock)
    syndication = _syndicate(client, parts, settled, stories)
    _lap(seconds, "syndication", clock)
    return assemble(settled, stories, syndication, seconds)


def _cluster(client: Client, parts: Bag, settled: Settled, settings: Settings) -> list[Story]:
    """Stories of the clustered articles, one block per language (:mod:`.blocks`), each
    clustered on a worker with the corpus's document frequencies."""
    blocks, count = assign_blocks([a.language for a in settled.clustered])
    logger.debug("clustering %d articles in %d block(s)", len(blocks), count)
    counted = db.from_sequence(plans(settled, blocks), npartitions=parts.npartitions)
    partials = db.map_partitions(partial_frequencies, parts, counted)
    frequencies = client.persist(partials.reduction(sum_frequencies, sum_frequencies))
    routed = db.from_sequence(plans(settled, blocks), npartitions=parts.npartitions)
    keyed = db.map_partitions(block_features, parts, routed)
    groups = keyed.groupby(itemgetter(0), shuffle="tasks")
    clustered = groups.map(cluster_group, frequencies, settings)
    results: list[tuple[int, list[Story]]] = client.compute(clustered).result()
    return [story for _block, found in sorted(results, key=itemgetter(0)) for story in found]


def _syndicate(
    client: Client, parts: Bag, settled: Settled, stories: list[Story]
) -> list[SyndicationLink]:
    """Syndication links inside each story of two or more articles, found per story."""
    shared = shared_stories(stories)
    if not shared:
        return []
    blocks = [0] * len(settled.clustered)
    routed = db.from_sequence(plans(settled, blocks, shared), npartitions=parts.npartitions)
    texts = db.map_partitions(story_texts, parts, routed)
    links = texts.groupby(itemgetter(0), shuffle="tasks").map(syndicate_group).flatten()
    found: list[SyndicationLink] = client.compute(links).result()
    return found


def _lap(seconds: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    seconds[stage] = seconds.get(stage, 0.0) + now - since
    return now
