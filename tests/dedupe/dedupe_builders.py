"""Synthetic articles for the dedupe tests: deterministic sentences of pseudo-words."""

from __future__ import annotations

import random

from storyline.types import Article, Provenance

_ONSETS = ["b", "br", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "st", "t", "v", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(1, 3)))


def sentence(rng: random.Random) -> str:
    """12-20 pseudo-words: two random sentences share no 8-word run."""
    words = [word(rng) for _ in range(rng.randint(12, 20))]
    return " ".join(words).capitalize() + "."


def sentences(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [sentence(rng) for _ in range(count)]


def article(ident: str, text: str, *, published: str | None = None) -> Article:
    return Article(
        id=ident,
        source_path=f"{ident}.txt",
        text=text,
        provenance=Provenance(source_path=f"{ident}.txt"),
        published=published,
    )
