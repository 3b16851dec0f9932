"""The five seed articles: no duplicates; the two built on one wire report are linked."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.api import clean_articles
from storyline.dedupe import find_duplicates, find_syndication
from storyline.types import Article

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    articles = list(clean_articles([str(SEEDS)]).articles)
    return {Path(a.source_path).name[:3]: a for a in articles}


def test_no_duplicates_among_the_seeds(seeds: dict[str, Article]) -> None:
    assert len(seeds) == 5
    assert find_duplicates(list(seeds.values())) == []


def test_the_shared_wire_text_pair_is_linked(seeds: dict[str, Article]) -> None:
    names = {article.id: name for name, article in seeds.items()}
    links = find_syndication(list(seeds.values()))
    pairs = {frozenset((names[k.a], names[k.b])): k for k in links}
    assert frozenset(("002", "003")) in pairs
    link = pairs[frozenset(("002", "003"))]
    assert link.shared_chars >= 400
    assert link.shared_sentences >= 1
    assert len(links) <= 2  # not everything linked to everything
