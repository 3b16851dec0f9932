"""Pages with a known title, publication date or author, to measure metadata extraction.

Labels come from fetched, git-ignored data (see ``storyline.evaluation.boilerplate``):

* **L3S-GN1**: the headline people marked on 621 Google News pages (title);
* **Readability**: ``expected-metadata.json`` of Mozilla Readability's test pages
  (``data/readability/test/test-pages``): title, byline, ``publishedTime``. These are
  Readability's expected outputs, checked by its maintainers, not independent labels:
  bylines that are not names (a date, "Contributors to ...") are dropped;
* **Dragnet bylines**: a Dragnet page whose human-marked article text opens (within its
  first ``BYLINE_LINES`` lines) with a "By ..." line is labelled with the names
  :func:`storyline.clean.metadata.parse_byline` reads there (author). The HTML extractor
  never sees that text: it reads the page's metadata, then trafilatura's guess, so the
  label is not its input, though a byline parser's slips ("Helen Briggs BBC News") are
  in the labels and count against every system alike;
* **URL dates**: a page whose URL (known from the data set, never given to the
  extractors) carries a full date (``/2019/11/27/``, ``2019-11-27``) is labelled with it:
  the Zyte benchmark's 181 pages and CleanEval's pages.

Parts: titles are tuned on the even positions of L3S-GN1 (sorted ids), authors may be
read on Dragnet's ``tune`` part (even positions); L3S-GN1's odd positions, Dragnet's
``held-out`` part and every other label are held out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .boilerplate import load_pages
from .extraction import load_ground_truth, load_html
from .multinews import data_dir

__all__ = [
    "LabelledPage",
    "correct",
    "correct_but_site",
    "labelled_pages",
    "normalise_author",
    "normalise_title",
    "same_author",
]


@dataclass(frozen=True)
class LabelledPage:
    dataset: str
    id: str
    html: str
    part: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})
_EDGE_PUNCT = " \t\n\"'.,:;|-"


def normalise_title(text: str | None, *, ascii_only: bool = False) -> str:
    """Case, quotes, dashes, spacing and edge punctuation do not count; ``ascii_only``
    drops what is not ASCII and "?" too (L3S-GN1's labels lost their non-ASCII
    characters to "?" or mojibake when the annotated pages were saved)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    if ascii_only:
        folded = "".join(ch for ch in folded if ch.isascii() and ch not in "?'\"")
    return " ".join(folded.split()).strip(_EDGE_PUNCT)


_BY = re.compile(r"^(?:by|par|von|por|di|door)\s+", re.IGNORECASE)


def normalise_author(text: str | None) -> str:
    if not text:
        return ""
    # initials with or without their period ("Nelson D. Schwartz" = "Nelson D Schwartz")
    return _BY.sub("", " ".join(normalise_title(text).replace(".", " ").split())).strip(_EDGE_PUNCT)


def same_author(found: str | None, label: str) -> bool:
    """The same names, in any order and with any separators ("A and B" = "B, A")."""

    def names(text: str | None) -> set[str]:
        parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\|)\s*", normalise_author(text))
        return {part for part in parts if part}

    return bool(names(found)) and names(found) == names(label)


_GOLD_SEPARATOR = re.compile(r"\s+(?:[|\-–—·]{1,2}|::)\s+")


def correct_but_site(found: str | None, label: str, dataset: str) -> bool:
    """A diagnostic, never a gate: is ``found`` the title ``label`` less its last part
    after a separator ("headline - Site" labelled, "headline" found)? Readability's
    expected titles are its own output and keep the site's name where the page's title
    has it; the target definition drops it. Strict :func:`correct` is the measure."""
    if correct("title", found, label, dataset):
        return True
    cut = list(_GOLD_SEPARATOR.finditer(label))
    return bool(cut) and correct("title", found, label[: cut[-1].start()], dataset)


def correct(field: str, found: str | None, label: str, dataset: str) -> bool:
    """Is ``found`` right for ``label``: a title the same once normalised (ASCII only on
    L3S-GN1), a date the same day (YYYY-MM-DD), an author the same names."""
    if field == "title":
        lossy = dataset == "l3s-gn1"
        return normalise_title(found, ascii_only=lossy) == normalise_title(label, ascii_only=lossy)
    if field == "date":
        return found == label
    return same_author(found, label)


_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([/-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?!\d)"
)


def url_date(url: str) -> str | None:
    m = _URL_DATE.search(url)
    if m is None:
        return None
    return f"{m.group(1)}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"


def _readability_pages() -> Iterator[LabelledPage]:
    root = data_dir() / "readability" / "test" / "test-pages"
    if not root.is_dir():
        raise FileNotFoundError(f"Readability test pages not found at {root}")
    for folder in sorted(p for p in root.iterdir() if (p / "source.html").is_file()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        byline = " ".join((meta.get("byline") or "").split())
        if not byline or any(ch.isdigit() for ch in byline) or "contributors" in byline.lower():
            byline = ""
        published = meta.get("publishedTime") or ""
        yield LabelledPage(
            "readability",
            folder.name,
            (folder / "source.html").read_text(encoding="utf-8", errors="replace"),
            "held-out",
            title=meta.get("title") or None,
            author=normalise_author(byline) or None,
            date=published[:10] if re.match(r"\d{4}-\d\d-\d\d", published) else None,
        )


def _l3s_pages() -> Iterator[LabelledPage]:
    for position, page in enumerate(load_pages("l3s-gn1")):
        if page.title:
            part = "tune" if position % 2 == 0 else "held-out"
            yield LabelledPage("l3s-gn1", page.id, page.html, part, title=page.title)


BYLINE_LINES = 8
"""How far into a page's marked article text a "By ..." line is looked for."""
_BY_LINE = re.compile(r"(?i)by\s+\w")


def _byline_pages() -> Iterator[LabelledPage]:
    from ..clean.metadata import parse_byline

    for page in load_pages("dragnet"):
        lines = [line.strip() for line in page.truth.split("\n") if line.strip()]
        for line in lines[:BYLINE_LINES]:
            name = parse_byline(line) if _BY_LINE.match(line) else None
            if name:
                yield LabelledPage("dragnet-byline", page.id, page.html, page.part, author=name)
                break


def _url_dated_pages() -> Iterator[LabelledPage]:
    truth = load_ground_truth()
    for doc_id, item in sorted(truth.items()):
        date = url_date(item.url)
        if date:
            yield LabelledPage("zyte-url", doc_id, load_html(doc_id), "held-out", date=date)
    for page in load_pages("cleaneval"):
        gold = Path(data_dir(), "boilerplate", page.id.split("/")[0], "GoldStandard")
        first = (gold / f"{page.id.split('/')[1]}.txt").read_text(errors="replace").split("\n")[0]
        date = url_date(first) if first.startswith("URL:") else None
        if date:
            yield LabelledPage("cleaneval-url", page.id, page.html, "held-out", date=date)


def labelled_pages(
    datasets: tuple[str, ...] = ("readability", "l3s-gn1", "url", "bylines"),
) -> list[LabelledPage]:
    """Every labelled page of the named sets that was fetched (the others are skipped)."""
    loaders = {
        "readability": _readability_pages,
        "l3s-gn1": _l3s_pages,
        "url": _url_dated_pages,
        "bylines": _byline_pages,
    }
    pages: list[LabelledPage] = []
    for name in datasets:
        try:
            pages.extend(loaders[name]())
        except FileNotFoundError:
            continue
    return pages
