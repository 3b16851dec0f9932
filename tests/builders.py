"""Small real-language articles for the tests (text we wrote ourselves)."""

from __future__ import annotations

from pathlib import Path

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
