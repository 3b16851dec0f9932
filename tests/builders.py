"""Small real-language articles for the tests (text we wrote ourselves)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from storyline.analyze.conflicts import Conflict
from storyline.clean.sentences import split_sentences
from storyline.types import Article, Provenance


def article(
    ident: str, text: str, *, outlet: str | None = None, published: str | None = None
) -> Article:
    return Article(
        id=ident,
        source_path=f"{ident}.txt",
        text=text,
        provenance=Provenance(source_path=f"{ident}.txt"),
        outlet=outlet,
        published=published,
        sentences=split_sentences(text, ident),
    )


def story_search(
    search: Callable[..., list[Conflict]],
    texts: tuple[str, ...],
    *,
    published: tuple[str, ...] | str,
    alike: bool = True,
    vectors: Any = None,
) -> list[Conflict]:
    """``search`` (a story-wide conflict search: parsed articles, candidate sentences,
    their owners, vectors, published dates) over one article per text. Sentence vectors
    are all alike, or all unlike (``alike=False``), unless given, so that only the
    search's rules are under test."""
    from storyline.analyze.nlp import parse_articles

    dates = (published,) * len(texts) if isinstance(published, str) else published
    articles = [article(f"a{i}", text, published=dates[i]) for i, text in enumerate(texts)]
    sentences = [s for a in articles for s in a.sentences]
    owner = [i for i, a in enumerate(articles) for _ in a.sentences]
    if vectors is None and alike:
        vectors = np.ones((len(sentences), 4), dtype=np.float32) / 2
    elif vectors is None:
        vectors = np.eye(len(sentences), 4, dtype=np.float32)
    published_of = {a.id: a.published for a in articles}
    return search(parse_articles(articles), sentences, owner, vectors, published_of)


def write_two_unrelated(folder: Path) -> None:
    """Two one-sentence articles about different events, as a.txt and b.txt."""
    (folder / "a.txt").write_text(
        "Harbour workers in Kelvaro ended a nine-day strike on Friday after the union "
        "accepted a pay rise.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "The Dunmore library reopened on Monday after a two-year renovation of its "
        "reading rooms.\n",
        encoding="utf-8",
    )
