"""Runs the stages in order over a stream of inputs, keeping every rejection as data."""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from .clean import clean_document
from .cluster.features import ArticleFeatures, featurize
from .dedupe.minhash import Signature, signature_of
from .languages import ANALYSIS_LANGUAGES, UNSUPPORTED, analysable, story_language
from .read import read_inputs
from .settings import Settings
from .types import Article, Provenance, RawDocument, Rejection

if TYPE_CHECKING:
    from .dedupe import SyndicationLink
    from .summarize import Brief

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

IN_FLIGHT_PER_JOB = 16
INLINE_FIRST = 64
"""Documents cleaned in the calling process before worker processes start (when ``jobs``
allows several): small inputs pay no start-up."""


@dataclass(frozen=True)
class Note:
    """Something a person should know about an input that was still used (bytes replaced,
    a stage skipped): one line on stderr, ``where`` as in a Rejection. ``skipped`` names
    a stage that did not run on it (the exit code says so)."""

    where: str
    message: str
    skipped: str | None = None


@dataclass
class RunSummary:
    """What a run read, produced and skipped (with reasons): printed at the end of a command."""

    articles: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    notices: int = 0  # copies of a short text seen NOTICE_COPIES+ times: a story each

    @property
    def skipped(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejections)

    def line(self) -> str:
        text = f"{self.articles} article{'s' if self.articles != 1 else ''}"
        if self.rejections:
            reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
            text += f"; skipped {len(self.rejections)} ({reasons})"
        if self.notices:
            text += (
                f"; {self.notices} notice{'s' if self.notices != 1 else ''} (a short text"
                " repeated on unrelated pages: a story of its own each)"
            )
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
    """Each document's Article or Rejection, in order (in ``settings.workers`` processes
    when above 1, once more than INLINE_FIRST documents came): for documents read
    elsewhere, e.g. fetched (``storyline.live``). Ids are the documents' own; see
    :func:`unique_article`. The workers start from a fork server, not a fork of this
    process: the caller may run threads (the fetcher's event loop), which a fork must not
    copy mid-step."""
    items = iter(documents)
    if settings.workers <= 1:
        yield from (_clean_safely(document, settings) for document in items)
        return
    for document in itertools.islice(items, INLINE_FIRST):
        yield _clean_safely(document, settings)
    more = next(items, None)
    if more is not None:
        context = multiprocessing.get_context("forkserver")
        yield from _in_processes(itertools.chain([more], items), settings, _clean_safely, context)


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
    done: Iterator[_T | Rejection]
    if settings.workers > 1:
        # the first documents in this process: a small input never waits for a pool
        head = list(itertools.islice(items, INLINE_FIRST))
        inline = (i if isinstance(i, Rejection) else task(i, settings) for i in head)
        more = next(items, None)
        rest = _in_processes(itertools.chain([more], items), settings, task) if more else ()
        done = itertools.chain(inline, rest)
    else:
        done = (i if isinstance(i, Rejection) else task(i, settings) for i in items)
    seen: set[str] = set()
    for item in done:
        if isinstance(item, Rejection):
            summary.rejections.append(item)
        else:
            summary.articles += 1
            renamed = rename(item, seen)
            article = renamed.article if isinstance(renamed, Prepared) else renamed
            assert isinstance(article, Article)
            note = decoding_note(article.provenance)
            if note is not None:
                summary.notes.append(note)
            yield renamed


def decoding_note(provenance: Provenance) -> Note | None:
    """A note when bytes of the input were replaced to keep the rest of it as UTF-8."""
    if not provenance.replaced_bytes:
        return None
    where = Rejection(provenance.source_path, "", "", "", provenance.line, provenance.offset)
    count = provenance.replaced_bytes
    return Note(
        where.where(),
        f"{count:,} byte{'s' if count != 1 else ''} that are not UTF-8 replaced with U+FFFD "
        f"(the first at byte {provenance.first_replaced or 0:,} of the document); the rest "
        "is read as UTF-8",
    )


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
    """Run ``task`` in ``settings.workers`` processes, in input order, with a bounded
    number of documents in flight so memory does not grow with the input."""
    window = settings.workers * IN_FLIGHT_PER_JOB
    pending: deque[Future[_T | Rejection] | Rejection] = deque()
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=context) as pool:
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


def story_brief(
    story_id: str,
    articles: Sequence[Article],
    duplicate_of: dict[str, str],
    syndication: Sequence[SyndicationLink],
    words: int,
) -> Brief:
    """Analyse one story (duplicates left out) and write its brief. A story in a language
    the analysis does not support (``languages.ANALYSIS_LANGUAGES``) is not analysed: its
    brief lists its articles, with ``"analysis": "unsupported-language"``."""
    from .analyze.story import StoryAnalysis, analyze_story
    from .summarize import make_brief

    originals = [a for a in articles if a.id not in duplicate_of]
    language = story_language(originals)
    if analysable(language):
        doubles = [(a, duplicate_of[a.id]) for a in articles if a.id in duplicate_of]
        analysis = analyze_story(originals, syndication=syndication, duplicates=doubles)
        return make_brief(story_id, articles, duplicate_of, analysis, words, language=language)
    nothing = StoryAnalysis(tuple(originals), (), (), (), (), (), (), ())
    return make_brief(
        story_id, articles, duplicate_of, nothing, words, status=UNSUPPORTED, language=language
    )


def unanalysed_note(brief: Brief) -> Note | None:
    """The stderr line for a brief whose story was not analysed (None when it was)."""
    if brief.status == "complete":
        return None
    supported = ", ".join(sorted(ANALYSIS_LANGUAGES))
    count = len(brief.articles)
    return Note(
        f"story {brief.story_id}",
        f"not analysed: its {count} article{'s are' if count != 1 else ' is'} in "
        f"{brief.language}, and the analysis and summary support {supported} only "
        "(cleaning, duplicates and stories were done; the brief says "
        '"analysis": "unsupported-language")',
        skipped="analysis",
    )
