"""Small real-language articles for the analysis tests (text we wrote ourselves)."""

from __future__ import annotations

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
