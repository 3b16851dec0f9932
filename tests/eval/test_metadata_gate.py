"""Quality gate: title, author and date read from held-out labelled pages.

Fails below the floors in eval_baseline.json (``metadata_*``): titles on L3S-GN1's odd
positions (its even positions were read while writing the headline rules) and on
Readability's test pages, authors on Readability's pages and on the held-out half of the
Dragnet pages whose marked text opens with a "By" line, dates on Readability's pages.
Reads the pages with :func:`storyline.clean.html.extract_html` (the HTML path's metadata;
benchmarks/metadata_sets.py scores the whole ``clean_document`` beside trafilatura and
htmldate). Skips, naming where it looked, when the fetched data sets are absent.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from storyline.evaluation.multinews import data_dir
from storyline.evaluation.page_metadata import correct, labelled_pages, normalise_author

pytestmark = [pytest.mark.eval, pytest.mark.slow]

GATES = {
    # floor key: (field, data set, part)
    "metadata_title_l3s_heldout": ("title", "l3s-gn1", "held-out"),
    "metadata_title_readability": ("title", "readability", "held-out"),
    "metadata_author_readability": ("author", "readability", "held-out"),
    "metadata_author_dragnet_heldout": ("author", "dragnet-byline", "held-out"),
    "metadata_date_readability": ("date", "readability", "held-out"),
}


@pytest.fixture(scope="module")
def shares() -> dict[str, tuple[float, int]]:
    """Floor key -> (share correct, pages) over the labelled pages that were fetched."""
    from storyline.clean.html import extract_html

    pages = [
        page
        for page in labelled_pages(("readability", "l3s-gn1", "bylines"))
        if page.part == "held-out"
    ]
    if not pages:
        pytest.skip(
            f"no labelled metadata pages under {data_dir()} (data/boilerplate, "
            "data/readability; see benchmarks/README.md)"
        )
    tally: dict[str, list[bool]] = defaultdict(list)
    for page in pages:
        found = extract_html(page.html)
        day = (found.published or found.date or "")[:10]
        values = {"title": found.title, "author": found.author, "date": day}
        for key, (field, dataset, part) in GATES.items():
            label = getattr(page, field)
            if label and (page.dataset, page.part) == (dataset, part):
                tally[key].append(correct(field, values[field] or None, label, dataset))
    return {key: (sum(v) / len(v), len(v)) for key, v in tally.items()}


@pytest.mark.parametrize("key", sorted(GATES))
def test_metadata_share_is_above_its_floor(
    key: str, shares: dict[str, tuple[float, int]], baseline: dict[str, float]
) -> None:
    if key not in shares:
        pytest.skip(f"no labelled pages for {key} were fetched under {data_dir()}")
    share, n = shares[key]
    floor = baseline[key]
    assert share >= floor, f"{key}: {share:.3f} of {n} pages, below its floor {floor}"


def test_the_scorer_reads_an_initial_with_or_without_its_period() -> None:
    label = normalise_author("By Nelson D. Schwartz")  # labels are stored normalised
    assert correct("author", "Nelson D Schwartz", label, "readability")
    assert correct("author", "Nelson D. Schwartz", label, "readability")
    assert not correct("author", "Nelson Schwartz", label, "readability")
    assert correct("title", "Storm closes schools – ", "storm closes schools", "readability")


def test_the_site_part_diagnostic_drops_the_labels_last_part_only() -> None:
    from storyline.evaluation.page_metadata import correct_but_site

    label = "Storm closes schools - Example Courier"
    assert not correct("title", "Storm closes schools", label, "readability")
    assert correct_but_site("Storm closes schools", label, "readability")
    assert not correct_but_site("Example Courier", label, "readability")  # a site is none
    assert not correct_but_site("Storm closes", label, "readability")
    assert correct_but_site("Storm - closes", "Storm - closes - schools", "readability")
