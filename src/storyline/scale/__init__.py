"""Scale-out: the stories of ``build_stories`` computed on a Dask cluster.

An optional extra (``pip install 'storyline[dask]'``): the core installs and runs without
Dask. Scale changes where stages run, never what they compute: the same input gives the
same stories, ids, duplicates and syndication links as the local engine. See
docs/scale.md for what runs where and why the result is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import StorylineError, UsageError
from ..settings import Settings
from .partitions import DEFAULT_PARTITION_BYTES

if TYPE_CHECKING:
    from ..api import StoryRun
    from ..cluster.features import ArticleFeatures
    from ..ingest import IngestProgress, IngestResult
    from ..types import Article

__all__ = ["DEFAULT_PARTITION_BYTES", "build_stories_dask", "ingest_dask"]


def build_stories_dask(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    scheduler: str | None = None,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    stdin: BinaryIO | None = None,
) -> StoryRun:
    """``storyline.api.build_stories(paths, settings=settings)`` (batch mode) on Dask.

    ``scheduler`` is the address of a running Dask scheduler (its workers need storyline
    installed and the same paths readable); None starts a local cluster of two worker
    processes, one thread each, on the loopback interface, and closes it at the end.
    ``partition_bytes`` is the input per partition: small files are grouped up to it and
    larger JSON Lines files cut into ranges of it.
    """
    settings = settings or Settings()
    with _client(scheduler, partition_bytes) as client:
        from .engine import run_stories  # Dask is there: _client checked

        return run_stories(client, paths, settings, partition_bytes=partition_bytes, stdin=stdin)


def ingest_dask(
    paths: Sequence[str],
    db: str,
    *,
    settings: Settings | None = None,
    scheduler: str | None = None,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    stdin: BinaryIO | None = None,
    words: int = 120,
    progress: Callable[[IngestProgress], None] | None = None,
    batch_size: int | None = None,
    briefs: bool = True,
) -> IngestResult:
    """``storyline.ingest.ingest(paths, db, ...)`` with the articles read, cleaned and
    featurized on Dask (``scheduler`` and ``partition_bytes`` as for
    :func:`build_stories_dask`); the store it leaves is the local ingest's (with the same
    ``batch_size``, default ``INGEST_BATCH``)."""
    from ..ingest import INGEST_BATCH, ingest
    from ..pipeline import RunSummary

    settings = settings or Settings()
    with _client(scheduler, partition_bytes) as client:
        from .ingest import dask_articles  # Dask is there: _client checked

        def source(summary: RunSummary) -> Iterator[tuple[Article, ArticleFeatures]]:
            return dask_articles(
                client, paths, settings, summary, partition_bytes=partition_bytes, stdin=stdin
            )

        return ingest(
            paths,
            db,
            settings=settings,
            words=words,
            progress=progress,
            batch_size=INGEST_BATCH if batch_size is None else batch_size,
            source=source,
            briefs=briefs,
        )


@contextmanager
def _client(scheduler: str | None, partition_bytes: int) -> Iterator[Any]:
    """A Dask client on ``scheduler`` (None: a local cluster), closed at the end; a
    missing Dask or an unreachable scheduler is one clear error."""
    if partition_bytes < 1:
        raise UsageError(f"partition_bytes must be at least 1, not {partition_bytes}")
    try:
        from .engine import connect
    except ImportError as err:
        raise UsageError(
            f"the dask engine needs Dask ({err}); install it with pip install 'storyline[dask]'"
        ) from err
    try:
        with connect(scheduler) as client:
            yield client
    except OSError as err:
        where = f"the scheduler at {scheduler}" if scheduler else "the local Dask cluster"
        raise StorylineError(
            f"could not run on {where} ({err}); check the address and that it is up",
            code="dask",
        ) from err
