"""DUC 2006 and DUC 2007 newswire topics: articles, human summaries and the peers' summaries.

Fetched (never committed) into ``$STORYLINE_DATA/duc/DUC_data`` (default ``data/duc``,
git-ignored) from the public GitHub repository ``gsandeep1241/TextSummarizer``. The
articles are AP, New York Times and Xinhua newswire (AQUAINT), the sources of the DUC
2004 sets; DUC 2003/2004 and TAC themselves are hidden checks and never fetched.

* **DUC 2007 update task, set A** (``duc2007-a``): 10 topics of about 10 articles, each
  with 4 human summaries of 100 words and the 24 participants' 100-word summaries
  (``updateEval/ROUGE``): the closest to a DUC 2004 generic task. Held out.
* **DUC 2006** (``duc2006``): 50 topics of 25 articles, 4 human summaries of 250 words
  each and 35 participants' summaries (``NISTeval/ROUGE``). The topics were written for
  question-focused summaries; here they are summarized generically. Topics D0601-D0625
  (sorted) are ``tune``, D0626-D0650 ``held-out``.

Each article is written as a plain-text file (the headline, then one paragraph per
``<P>``), the way a user would hand storyline a news file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .multinews import data_dir
from .summaries import Topic

__all__ = ["DucTopic", "duc_dir", "duc_topics", "newswire_text"]

_TAG = re.compile(r"<(?P<name>HEADLINE|TEXT)>(?P<body>.*?)</(?P=name)>", re.S | re.I)
_PARAGRAPH = re.compile(r"<P>(.*?)</P>", re.S | re.I)


@dataclass(frozen=True)
class DucTopic(Topic):
    """A DUC topic: also the part it belongs to and the participants' summaries."""

    part: str = "held-out"
    peers: dict[str, str] = field(default_factory=dict)


def duc_dir() -> Path:
    return data_dir() / "duc" / "DUC_data"


def newswire_text(sgml: str) -> str:
    """A newswire document as plain text: headline, a blank line, its paragraphs."""
    parts = {m.group("name").upper(): m.group("body") for m in _TAG.finditer(sgml)}
    body = parts.get("TEXT", "")
    paragraphs = _PARAGRAPH.findall(body) or re.split(r"\n\s*\n|\n(?=[ \t])", body)
    lines = [" ".join(html.unescape(p).split()) for p in paragraphs]
    headline = " ".join(html.unescape(parts.get("HEADLINE", "")).split())
    return "\n\n".join(x for x in [headline, *lines] if x) + "\n"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace").strip()


def _topic(
    ident: str, docs: Path, models: list[Path], peers: list[Path], part: str, folder: Path
) -> DucTopic:
    paths = []
    texts = []
    for doc in sorted(p for p in docs.iterdir() if p.is_file()):
        text = newswire_text(_read(doc))
        path = folder / ident / f"{doc.name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        texts.append(text)
    return DucTopic(
        id=ident,
        paths=tuple(paths),
        texts=tuple(texts),
        bodies=tuple("\n".join(t.split("\n")[2:]) for t in texts),
        references=tuple(_read(m) for m in sorted(models)),
        part=part,
        peers={p.name.rsplit(".", 1)[1]: _read(p) for p in peers},
    )


def duc_topics(name: str, folder: Path) -> list[DucTopic]:
    """The topics of ``duc2007-a`` or ``duc2006``, their articles written under ``folder``."""
    root = duc_dir()
    if not root.is_dir():
        raise FileNotFoundError(f"DUC 2006/2007 not found at {root} (benchmarks/README.md)")
    topics = []
    if name == "duc2007-a":
        rouge = root / "DUC2007" / "updateEval" / "ROUGE"
        for docs in sorted((root / "DUC2007" / "duc2007_testdocs" / "update").glob("*/*-A")):
            key = f"{docs.name[:5]}-A"  # D0703A-A -> D0703-A
            models = list((rouge / "models").glob(f"{key}.M.100.*"))
            peers = [p for p in (rouge / "peers").glob(f"{key}.M.100.*") if p.suffix[1:].isdigit()]
            topics.append(_topic(docs.name, docs, models, peers, "held-out", folder))
    elif name == "duc2006":
        rouge = root / "DUC2006" / "NISTeval" / "ROUGE"
        for docs in sorted((root / "DUC2006" / "duc2006_docs").glob("D06*")):
            key = docs.name[:5]
            models = list((rouge / "models").glob(f"{key}.M.250.*"))
            peers = [p for p in (rouge / "peers").glob(f"{key}.M.250.*") if p.suffix[1:].isdigit()]
            part = "tune" if int(key[1:]) <= 625 else "held-out"
            topics.append(_topic(docs.name, docs, models, peers, part, folder))
    else:
        raise ValueError(f"unknown DUC set {name!r}: duc2007-a or duc2006")
    return topics
