"""Runs the stages in order over a stream of inputs, keeping every rejection as data."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from typing import BinaryIO, TypeVar

from .clean import clean_document
from .cluster.features import ArticleFeatures, featurize
from .dedupe.minhash import Signature, signature_of
from .ingest import read_inputs
from .settings import Settings
from .types import Article, Provenance, RawDocument, Rejection

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

IN_FLIGHT_PER_JOB = 16


@dataclass
class RunSummary:
    """What a run read, produced and skipped (with reasons): printed at the end of a command."""

    articles: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def skipped(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejections)

    def line(self) -> str:
        text = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        if self.rejections:
            reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
            text += f"; skipped {len(self.rejections)} ({reasons})"
        return text


def _provenance_tag(provenance: Provenance) -> str:
    key = f"{provenance.source_path}|{provenance.line}|{provenance.offset}|{provenance.url}"
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=3).hexdigest()


def unique_article(article: Article, seen: set[str]) -> Article:
    """Give a second article with the same content id a suffix from its provenance, so
    every article in a run has its own id (identical copies stay linkable by content);
    ``seen``: the ids of the run so far (updated)."""
    if article.id in seen:
        new_id = f"{article.id}-{_provenance_tag(article.provenance)}"
        sentences = tuple(replace(s, article_id=new_id) for s in article.sentences)
        article = replace(article, id=new_id, sentences=sentences)
    seen.add(article.id)
    return article


def clean_inputs(
    paths: Sequence[str],
    settings: Settings,
    summary: RunSummary,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Read and clean every input; rejections go into ``summary``, articles are yielded."""
    yield from _run(paths, settings, summary, stdin, _clean_safely, unique_article)


def clean_each(
    documents: Iterable[RawDocument], settings: Settings
) -> Iterator[Article | Rejection]:
    """Each document's Article or Rejection, in order (in ``settings.jobs`` worker
    processes when above 1): for documents read elsewhere, e.g. fetched
    (``storyline.live``). Ids are the documents' own; see :func:`unique_article`.
    The workers start from a fork server, not a fork of this process: the caller may
    run threads (the fetcher's event loop), which a fork must not copy mid-step."""
    if settings.jobs > 1:
        context = multiprocessing.get_context("forkserver")
        yield from _in_processes(iter(documents), settings, _clean_safely, context)
    else:
        for document in documents:
            yield _clean_safely(document, settings)


@dataclass(frozen=True)
class Prepared:
    """A cleaned article with what dedupe and clustering need of it."""

    article: Article
    signature: Signature
    features: ArticleFeatures


def prepared_inputs(
    paths: Sequence[str],
    settings: Settings,
    summary: RunSummary,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Prepared]:
    """:func:`clean_inputs`, with each article's dedupe signature and clustering features
    computed beside its cleaning (in the worker processes when ``jobs`` > 1)."""
    yield from _run(paths, settings, summary, stdin, _prepare_safely, _unique_prepared)


def _run(
    paths: Sequence[str],
    settings: Settings,
    summary: RunSummary,
    stdin: BinaryIO | None,
    task: Callable[[RawDocument, Settings], _T | Rejection],
    rename: Callable[[_T, set[str]], _T],
) -> Iterator[_T]:
    items = read_inputs(paths, settings, stdin=stdin)
    if settings.jobs > 1:
        done = _in_processes(items, settings, task)
    else:
        done = (i if isinstance(i, Rejection) else task(i, settings) for i in items)
    seen: set[str] = set()
    for item in done:
        if isinstance(item, Rejection):
            summary.rejections.append(item)
        else:
            summary.articles += 1
            yield rename(item, seen)


def _unique_prepared(item: Prepared, seen: set[str]) -> Prepared:
    """``unique_article`` for a prepared article (its signature and features follow)."""
    article = unique_article(item.article, seen)
    if article.id == item.article.id:
        return item
    signature = replace(item.signature, article_id=article.id)
    return Prepared(article, signature, replace(item.features, article_id=article.id))


def _in_processes(
    items: Iterator[RawDocument | Rejection] | Iterator[RawDocument],
    settings: Settings,
    task: Callable[[RawDocument, Settings], _T | Rejection],
    context: BaseContext | None = None,
) -> Iterator[_T | Rejection]:
    """Run ``task`` in ``settings.jobs`` worker processes, in input order, with a bounded
    number of documents in flight so memory does not grow with the input."""
    window = settings.jobs * IN_FLIGHT_PER_JOB
    pending: deque[Future[_T | Rejection] | Rejection] = deque()
    with ProcessPoolExecutor(max_workers=settings.jobs, mp_context=context) as pool:
        for item in items:
            if isinstance(item, Rejection):
                pending.append(item)
            else:
                pending.append(pool.submit(task, item, settings))
            while len(pending) > window or (pending and isinstance(pending[0], Rejection)):
                yield _settle(pending.popleft())
        while pending:
            yield _settle(pending.popleft())


def _prepare_safely(raw: RawDocument, settings: Settings) -> Prepared | Rejection:
    cleaned = _clean_safely(raw, settings)
    if isinstance(cleaned, Rejection):
        return cleaned
    return Prepared(cleaned, signature_of(cleaned), featurize(cleaned))


def _settle(entry: Future[_T | Rejection] | Rejection) -> _T | Rejection:
    return entry if isinstance(entry, Rejection) else entry.result()


def _clean_safely(raw: RawDocument, settings: Settings) -> Article | Rejection:
    """Clean one document; a failure inside a library on one odd page becomes a
    rejection (the traceback goes to the debug log) and the batch goes on."""
    try:
        return clean_document(raw, settings)
    except (RecursionError, ValueError, TypeError, LookupError, AttributeError) as err:
        logger.debug("cleaning %s failed", raw.provenance.source_path, exc_info=True)
        return raw.reject(
            "clean",
            "clean-failed",
            f"could not be cleaned ({type(err).__name__}: {err}); "
            "run with --debug for the traceback",
        )
