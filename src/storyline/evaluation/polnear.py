"""PolNeAR: political news articles annotated with attributions (source, cue, content).

PolNeAR (Newell, Margolin and Ruths, LREC 2018; github.com/networkdynamics/PolNeAR) holds
1,008 articles from 7 US outlets about the 2016 election, each attribution annotated in
brat standoff files as a cue ("said"), its content and, most of the time, its source. It
is not shipped with storyline: copy ``data/{train,dev}/{text,attributions}`` of the
repository into ``data/polnear/`` of the checkout (git-ignored) or point
``STORYLINE_POLNEAR`` at such a folder.

Only ``train`` (tuning) and ``dev`` (reporting) are read here: the test split is a held
apart check and :func:`load_split` refuses it. An article annotated by several
annotators (the agreement sample) is read from the first annotator's file by name.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..analyze.nlp import MAX_PARSE_CHARS, ParsedArticle, parse_articles
from ..analyze.phrases import REPORT_VERBS
from ..clean.sentences import split_sentences
from ..types import Article, Provenance
from .attributions import Scored, Spans

if TYPE_CHECKING:
    from spacy.tokens import Token

SPLITS = ("train", "dev")
"""The splits storyline reads; the test split is never opened."""

_ANNOTATOR = re.compile(r"_[0-9a-f]{4}\.ann\Z")

GoldAttribution = Scored
"""One annotated attribution, in the scorer's own form (character spans; brat allows
discontinuous ones); ``source`` is empty when the annotator found none."""


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def polnear_dir() -> Path:
    """Where PolNeAR is: ``$STORYLINE_POLNEAR`` or ``data/polnear`` of the checkout."""
    env = os.environ.get("STORYLINE_POLNEAR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data" / "polnear"


def polnear_available(split: str = "dev") -> bool:
    folder = polnear_dir() / split
    return (folder / "text").is_dir() and (folder / "attributions").is_dir()


def polnear_missing(split: str = "dev") -> str | None:
    """Why ``split`` cannot be read (what to fetch, and where), or None when it is there:
    the one message of the gates and benchmarks that skip without it."""
    if polnear_available(split):
        return None
    return (
        f"PolNeAR {split} not found in {polnear_dir()}: copy data/{split}/{{text,attributions}} "
        "of github.com/networkdynamics/PolNeAR there (see storyline/evaluation/polnear.py)"
    )


def load_split(split: str, root: Path | None = None) -> list[GoldArticle]:
    """The articles of ``train`` or ``dev`` with their attributions, by file name."""
    if split not in SPLITS:
        raise ValueError(f"PolNeAR split {split!r} is not read here (only {', '.join(SPLITS)})")
    folder = (root or polnear_dir()) / split
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(_ANNOTATOR.sub("", path.name), path)
    articles = []
    for name, ann in sorted(chosen.items()):
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        attributions = tuple(parse_brat(ann.read_text(encoding="utf-8")))
        articles.append(GoldArticle(name, text, attributions))
    return articles


def parse_brat(standoff: str) -> Iterator[GoldAttribution]:
    """Attributions of a brat standoff file: each ``E`` event's Source, Cue and Content."""
    spans: dict[str, Spans] = {}
    events: list[list[str]] = []
    for line in standoff.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            label, _, where = fields[1].partition(" ")
            if label in ("Source", "Cue", "Content"):
                spans[fields[0]] = _spans(where)
        elif fields[0].startswith("E"):
            events.append(fields[1].split())
    for roles in events:
        found: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role in roles[1:]:
            kind, _, ref = role.partition(":")
            kind = kind.rstrip("0123456789")  # "Content2": a second content span
            if kind in found and ref in spans:
                found[kind].extend(spans[ref])
        if found["Cue"]:
            yield GoldAttribution(
                tuple(sorted(found["Source"])),
                tuple(sorted(found["Cue"])),
                tuple(sorted(found["Content"])),
            )


def _spans(where: str) -> Spans:
    out = []
    for part in where.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def as_article(gold: GoldArticle) -> Article:
    """The article as storyline reads it: the annotated text as is, with our sentences."""
    return Article(
        id=gold.name,
        source_path=f"{gold.name}.txt",
        text=gold.text,
        provenance=Provenance(source_path=f"{gold.name}.txt"),
        sentences=split_sentences(gold.text, gold.name),
    )


def parsed_split(split: str, root: Path | None = None) -> list[tuple[GoldArticle, ParsedArticle]]:
    """The split's articles with their spaCy parses, cached beside the data (a parse of
    the train split takes minutes)."""
    from spacy.tokens import DocBin

    from ..analyze.nlp import MODEL_DIRECTORY, get_nlp

    golds = load_split(split, root)
    articles = [as_article(g) for g in golds]
    texts = hashlib.sha256("\0".join(a.text[:MAX_PARSE_CHARS] for a in articles).encode())
    cache = (root or polnear_dir()) / f".parsed-{split}-{MODEL_DIRECTORY}-{texts.hexdigest()[:12]}"
    nlp = get_nlp()
    if cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = [item.doc for item in parse_articles(articles)]
        DocBin(docs=docs).to_disk(cache)
    return [(g, ParsedArticle(a, d)) for g, a, d in zip(golds, articles, docs, strict=True)]


def storyline_attributions(item: ParsedArticle) -> list[Scored]:
    """What storyline finds in a PolNeAR article, as the corpus marks attributions: outer
    ones only (each token has one label there), and no second attribution for a source a
    relay cites ("X reported, citing Y" is X's in PolNeAR)."""
    from ..analyze.attributions import find_attributions

    return [
        Scored((a.source,), (a.cue,), a.content)
        for a in find_attributions([item])
        if not a.nested and a.via != "citing"
    ]


def baseline_attributions(item: ParsedArticle) -> list[Scored]:
    """The baseline: the subject of a reporting verb (its clausal complement, else the
    rest of its sentence, is the content) and the object of "according to"."""
    out = []
    for token in item.doc:
        head: Token | None = None
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORT_VERBS:
            head = next((c for c in token.children if c.dep_ == "nsubj"), None)
            cue = (token.idx, token.idx + len(token.text))
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        elif token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            head = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            cue = (token.idx, to.idx + len(to.text)) if to else (0, 0)
            clause = None
        if head is None:
            continue
        source = _extent(list(head.subtree))
        content: tuple[tuple[int, int], ...]
        if clause is not None:
            content = (_extent(list(clause.subtree)),)
        else:
            skip = {t.i for t in head.subtree} | {token.i}
            if token.lower_ == "according":
                skip |= {t.i for t in token.subtree}
            rest = [t for t in token.sent if t.i not in skip and not t.is_punct]
            content = (_extent(rest),) if rest else ()
        out.append(Scored((source,), (cue,), content))
    return out


def _extent(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
