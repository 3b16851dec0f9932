"""Boilerplate-removal data sets beyond the Zyte benchmark, scored with its metric.

Fetched (never committed) into ``$STORYLINE_DATA/boilerplate`` (default ``data/
boilerplate`` in the repo, git-ignored) from the public GitHub mirror
``j-szulc/html-cleaning-dataset-merged``, which keeps each set's original files in
``<set>/input`` (the page) and ``<set>/GoldStandard`` (what people marked as content):

* **CleanEval** (Baroni et al. 2008), ``cleaneval-dev`` and ``cleaneval-final``: pages of
  any kind (blogs, forums, shops) with the cleaned text, paragraph marks ``<p>``, ``<h>``,
  ``<l>`` and a first ``URL:`` line;
* **CleanPortalEval** (Endrédy & Novák 2013): 71 news-portal pages, CleanEval's format;
* **Dragnet** (Peters & Lecocq 2013): 1,382 news and blog pages; the gold text is the
  article, then (after a ``!@#$%^&*() COMMENTS`` line) the comments, which are dropped;
* **L3S-GN1** (Kohlschütter et al. 2010, as mirrored by ``page-signal``): 621 Google News
  pages of 2008 whose text blocks people labelled; the gold text is the headline and full
  text spans (``x-nc-sel1``, ``x-nc-sel2``), the headline kept apart as a title label;
* **Readability**: Mozilla Readability's test pages (``expected.html`` as text).

Every page belongs to a part: ``tune`` (constants may be chosen on it) or ``held-out``
(reported apart, never tuned on). Dragnet and CleanEval split by page (even and odd
positions of the sorted ids); L3S-GN1, CleanPortalEval and Readability are held out
whole, so they also measure how a rule carries over to a collection it never saw.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from ..errors import InputError
from ..read.decode import decode
from .multinews import data_dir

__all__ = ["DATASETS", "Page", "boilerplate_dir", "load_pages"]

DATASETS = ("cleaneval", "cleanportaleval", "dragnet", "l3s-gn1", "readability")
_FOLDERS = {
    "cleaneval": ("cleaneval-dev", "cleaneval-final"),
    "cleanportaleval": ("CleanPortalEval-master",),
    "dragnet": ("dragnet_data",),
    "l3s-gn1": ("page-signal-master",),
    "readability": ("readability",),
}
_SPLIT_BY_PAGE = frozenset({"cleaneval", "dragnet"})
_CLEANEVAL_MARK = re.compile(r"^\s*<(?:p|h|l)>\s*", re.MULTILINE | re.IGNORECASE)
_DRAGNET_COMMENTS = re.compile(r"!@#\$%\^&\*\(\)\s*COMMENTS")
_L3S_CONTENT = frozenset({"x-nc-sel1", "x-nc-sel2"})
_L3S_CLASS = re.compile(r"x-nc-sel\d")


@dataclass(frozen=True)
class Page:
    """One labelled page: its HTML, the gold article text and (when labelled) its title."""

    dataset: str
    id: str
    html: str
    truth: str
    part: str
    title: str | None = None


def boilerplate_dir() -> Path:
    return data_dir() / "boilerplate"


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return decode(data, html=path.suffix == ".html").text
    except InputError:  # a stray NUL in a crawled page: the extraction is still measured
        return data.replace(b"\x00", b"").decode("utf-8", "replace")


def _cleaneval_truth(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].startswith("URL:"):
        lines = lines[1:]
    return html_lib.unescape(_CLEANEVAL_MARK.sub("", "\n".join(lines))).strip()


def _l3s_truth(annotated: str) -> tuple[str, str | None]:
    """The headline and full-text spans of an L3S-GN1 page (the innermost label wins)."""
    root = lxml.html.fromstring(annotated.encode("utf-8", "surrogatepass"))
    for bad in root.iter("script", "style"):
        bad.drop_tree()
    body: list[str] = []
    title: list[str] = []

    def label(element: lxml.html.HtmlElement) -> str | None:
        for node in (element, *element.iterancestors()):
            found = _L3S_CLASS.search(node.get("class") or "")
            if found:
                return found.group()
        return None

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        own = label(element)
        outer = label(element.getparent()) if element.getparent() is not None else None
        for text, where in ((element.text, own), (element.tail, outer)):
            if text and text.strip() and where in _L3S_CONTENT:
                body.append(text)
                if where == "x-nc-sel1":
                    title.append(text)
    # the first headline span is the title (later ones are kickers and standfirsts)
    headline = " ".join(title[0].split()) if title else ""
    return " ".join(" ".join(body).split()), headline or None


def _truth(dataset: str, path: Path) -> tuple[str, str | None]:
    raw = _read(path)
    if dataset in ("cleaneval", "cleanportaleval"):
        return _cleaneval_truth(raw), None
    if dataset == "dragnet":
        return _DRAGNET_COMMENTS.split(raw, maxsplit=1)[0].strip(), None
    if dataset == "l3s-gn1":
        return _l3s_truth(raw)
    tree = lxml.html.fromstring(raw.encode("utf-8", "surrogatepass"))
    return "\n".join(line.strip() for line in tree.itertext() if line.strip()), None


def load_pages(dataset: str, directory: Path | None = None) -> Iterator[Page]:
    """The labelled pages of one data set, sorted by id; pages whose gold text is empty
    are skipped. Raises FileNotFoundError when the set was not fetched."""
    base = directory or boilerplate_dir()
    for folder in _FOLDERS[dataset]:
        root = base / folder
        if not (root / "input").is_dir():
            raise FileNotFoundError(
                f"{dataset} not found at {root}: fetch j-szulc/html-cleaning-dataset-merged "
                "into data/boilerplate (benchmarks/README.md, 'More extraction sets')"
            )
        names = sorted(p.stem for p in (root / "GoldStandard").glob("*.txt"))
        for position, name in enumerate(names):
            page_path = root / "input" / f"{name}.html"
            if not page_path.is_file():
                continue
            truth, title = _truth(dataset, root / "GoldStandard" / f"{name}.txt")
            if not truth.strip():
                continue
            part = "held-out"
            if dataset in _SPLIT_BY_PAGE and position % 2 == 0:
                part = "tune"
            yield Page(dataset, f"{folder}/{name}", _read(page_path), truth, part, title)
