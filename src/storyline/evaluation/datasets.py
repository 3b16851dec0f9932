"""Loaders for the labelled news corpora in ``../shared/eval`` used to score story clustering.

* **ECB+** (``eval/ecbplus``, see its MANIFEST.md): 982 articles in 43 topics, each topic
  split into two sub-topics (the original ECB event and a similar ECB+ event), 86 gold
  event clusters, plus the cross-document coreference chains. :func:`load_ecbplus`.
* **MultiLing 2011** (``eval/multiling2011``): 10 WikiNews topics of 10 English articles
  each, and 3 human 250-word reference summaries per topic.
  :func:`load_multiling_english`, :func:`load_multiling_references`.

:func:`to_jsonl` writes either corpus in storyline's JSON Lines input format so the CLI can
be run on it. The shared folder is ``../shared`` beside the repo unless ``STORYLINE_SHARED``
points elsewhere; a missing corpus raises FileNotFoundError naming the path looked in.

Data quirks worth knowing (checked against the files):

* ECB+ ``sentences`` are space-tokenised (``"Reid 's rep"``, ``"$1 , 199"``); ``text``
  keeps them so (mention strings match it), :meth:`EcbDoc.as_record` detokenises lightly.
* In ``*ecbplus`` documents the mention ``sentence`` numbers count the removed URL line as
  sentence 0, so they are one more than the index into ``sentences``; in ``*ecb``
  documents they are the index. :class:`EcbMention` keeps the raw number as
  ``xml_sentence`` and the index into ``sentences`` as ``sentence``.
* ``*ecb`` documents have no headline or date line (they open with the lead), so their
  ``title`` and ``date_line`` are None; for ``*ecbplus`` documents both are guessed from
  the first sentences, and some guesses are wrong (a lead taken as the title, a
  ``"8:24am:"`` line not seen as a date).
* The topic numbers are 1-45 without 15 and 17.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..clean.dates import parse_iso_or_text_date

__all__ = [
    "EcbChain",
    "EcbDoc",
    "EcbMention",
    "MultilingDoc",
    "detokenize",
    "ecbplus_dir",
    "load_ecbplus",
    "load_multiling_english",
    "load_multiling_references",
    "multiling_dir",
    "shared_dir",
    "to_jsonl",
]

ECBPLUS_FILE = "ecbplus_docs.jsonl.gz"
MULTILING_SOURCES = Path("data") / "SourceTexts"
MULTILING_REFERENCES = Path("data") / "Model Summaries" / "English"

_DATE_SEARCH_SENTENCES = 4  # the date line of an ecbplus document is among its first four
_MAX_DATE_LINE_TOKENS = 16
_MAX_TITLE_TOKENS = 40

_DATED_TITLE_RE = re.compile(r"^\d{4}/\d{2}/\d{2}\s+")  # "2005/01/08 Tsunami aid ..."

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_LINE_RE = re.compile(
    rf"\b{_MONTH}\b\s*\.?\s*\d"  # May 03 , 2013 / Dec . 7 , 2009
    rf"|\b\d{{1,2}}\s+{_MONTH}\b"  # 05 May 2010
    r"|\b\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b"  # 05/02/2013, 2012 - 04 - 04
    r"|\b(?:posted|published|updated)\b.*\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)


# --- where the data is ----------------------------------------------------------------


def shared_dir() -> Path:
    """The shared data folder: ``$STORYLINE_SHARED``, else ``../shared`` beside the repo."""
    override = os.environ.get("STORYLINE_SHARED")
    if override:
        return Path(override).expanduser().resolve()
    return (Path(__file__).resolve().parents[3] / ".." / "shared").resolve()


def ecbplus_dir() -> Path:
    """Where the ECB+ corpus lives (it may be absent)."""
    return shared_dir() / "eval" / "ecbplus"


def multiling_dir() -> Path:
    """Where the MultiLing 2011 pilot data lives (it may be absent)."""
    return shared_dir() / "eval" / "multiling2011"


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{what} not found at {path}; put the shared data folder beside the repo "
            "(../shared) or point STORYLINE_SHARED at a copy of it"
        )
    return path


# --- text helpers ---------------------------------------------------------------------

_DETOKENIZE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d) ([:/]) (?=\d)"), r"\1\2"),  # 7 : 15, 05 / 02 / 2013
    (re.compile(r"(\d) , (?=\d{3}\b)"), r"\1,"),  # 1 , 199
    (re.compile(r"(\d) \. (?=\d)"), r"\1."),  # 4 . 6
    (re.compile(r"\b([ap]) \. m \.", re.IGNORECASE), r"\1.m."),
    (re.compile(r"\b([A-Z]) ?\. (?=[A-Z]\b)"), r"\1."),  # U . S . / U. S.
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m|’s)\b", re.IGNORECASE), r"\1"),
    (re.compile(r" ([,.:;!?%)\]}”’])"), r"\1"),
    (re.compile(r"([(\[{$“‘]) "), r"\1"),
    (re.compile(r"`` ?| ?''"), '"'),
    (re.compile(r"([a-z0-9]) - (?=[a-z0-9])"), r"\1-"),  # 90 - day, court - mandated
)


def detokenize(sentence: str) -> str:
    """Undo the space tokenisation of ECB+ text, best effort: ``"Reid 's"`` -> ``"Reid's"``."""
    text = " ".join(sentence.split())
    for pattern, replacement in _DETOKENIZE_RULES:
        text = pattern.sub(replacement, text)
    return text


def _looks_like_date_line(sentence: str) -> bool:
    return (
        len(sentence.split()) <= _MAX_DATE_LINE_TOKENS
        and _DATE_LINE_RE.search(sentence) is not None
    )


def _title_and_date_line(sentences: list[str]) -> tuple[str | None, str | None]:
    """Guess an ecbplus document's headline and date line from its first sentences."""
    date_index = next(
        (
            index
            for index, sentence in enumerate(sentences[:_DATE_SEARCH_SENTENCES])
            if _looks_like_date_line(sentence)
        ),
        None,
    )
    title = next(
        (
            sentence
            for index, sentence in enumerate(sentences[:2])
            if index != date_index and len(sentence.split()) <= _MAX_TITLE_TOKENS
        ),
        None,
    )
    return title, (sentences[date_index] if date_index is not None else None)


# --- ECB+ -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EcbMention:
    """One mention of a cross-document coreference chain."""

    text: str
    tag: str
    sentence: int | None  # index into EcbDoc.sentences; None when it points at no sentence
    xml_sentence: int  # the sentence number as annotated (ecbplus: URL line = 0)


@dataclass(frozen=True)
class EcbChain:
    """A cross-document coreference instance: the same event or entity across documents."""

    instance_id: str
    descriptor: str
    tag: str
    mentions: tuple[EcbMention, ...]


@dataclass(frozen=True)
class EcbDoc:
    """One ECB+ article with its gold topic and sub-topic (the story-clustering label)."""

    doc_id: str
    topic: int
    subtopic: str
    url: str | None
    sentences: tuple[str, ...]
    title: str | None
    date_line: str | None
    cross_doc_coref: tuple[EcbChain, ...]

    @property
    def text(self) -> str:
        """The sentences joined by newlines, space-tokenised as in the corpus."""
        return "\n".join(self.sentences)

    @property
    def is_ecbplus(self) -> bool:
        """True for the ECB+ half of a topic (``*ecbplus``), False for the original ECB."""
        return self.doc_id.endswith("ecbplus")

    @property
    def published(self) -> str | None:
        """The date line as ISO 8601 via storyline's date parser; None when it fails."""
        if self.date_line is None:
            return None
        return parse_iso_or_text_date(detokenize(self.date_line))

    def as_record(self) -> dict[str, str]:
        """storyline's JSON Lines input record: id, detokenised text, title, published."""
        record = {"id": self.doc_id, "text": "\n".join(detokenize(s) for s in self.sentences)}
        if self.title:
            record["title"] = detokenize(self.title)
        published = self.published
        if published:
            record["published"] = published
        if self.url:
            record["url"] = self.url
        return record


def _mention(raw: Mapping[str, Any], offset: int, n_sentences: int) -> EcbMention:
    xml_sentence = int(raw["sentence"])
    index = xml_sentence - offset
    return EcbMention(
        text=str(raw["text"]),
        tag=str(raw["tag"]),
        sentence=index if 0 <= index < n_sentences else None,
        xml_sentence=xml_sentence,
    )


def _ecb_doc(raw: Mapping[str, Any]) -> EcbDoc:
    doc_id = str(raw["doc_id"])
    sentences = [str(sentence) for sentence in raw["sentences"]]
    plus = doc_id.endswith("ecbplus")
    offset = 1 if plus else 0  # the URL line (sentence 0) was removed from ecbplus docs
    title, date_line = _title_and_date_line(sentences) if plus else (None, None)
    chains = tuple(
        EcbChain(
            instance_id=str(chain["instance_id"]),
            descriptor=str(chain.get("descriptor") or ""),
            tag=str(chain.get("tag") or ""),
            mentions=tuple(_mention(m, offset, len(sentences)) for m in chain["mentions"]),
        )
        for chain in raw.get("cross_doc_coref") or ()
    )
    return EcbDoc(
        doc_id=doc_id,
        topic=int(raw["topic"]),
        subtopic=str(raw["subtopic"]),
        url=str(raw["url"]) if raw.get("url") else None,
        sentences=tuple(sentences),
        title=title,
        date_line=date_line,
        cross_doc_coref=chains,
    )


def load_ecbplus(directory: Path | None = None) -> list[EcbDoc]:
    """The 982 ECB+ documents from ``ecbplus_docs.jsonl.gz``, in file order."""
    path = _require((directory or ecbplus_dir()) / ECBPLUS_FILE, "the ECB+ corpus")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [_ecb_doc(json.loads(line)) for line in handle if line.strip()]


# --- MultiLing 2011 -------------------------------------------------------------------


@dataclass(frozen=True)
class MultilingDoc:
    """One English MultiLing source article; ``topic`` (e.g. ``"M003"``) is the gold cluster.

    ``title`` is the first non-blank line, less the ``yyyy/mm/dd`` one file prefixes it with;
    ``date_line`` is the second when storyline's date parser reads it (98 of 100 files).
    """

    doc_id: str
    topic: str
    text: str
    title: str | None
    date_line: str | None

    @property
    def published(self) -> str | None:
        """The date line as ISO 8601; None when there is none."""
        return parse_iso_or_text_date(self.date_line) if self.date_line else None

    def as_record(self) -> dict[str, str]:
        """storyline's JSON Lines input record: id, text, title, published."""
        record = {"id": self.doc_id, "text": self.text}
        if self.title:
            record["title"] = self.title
        published = self.published
        if published:
            record["published"] = published
        return record


def _multiling_doc(path: Path) -> MultilingDoc:
    text = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = _DATED_TITLE_RE.sub("", lines[0]) if lines else None
    date_line = lines[1] if len(lines) > 1 and parse_iso_or_text_date(lines[1]) else None
    return MultilingDoc(
        doc_id=path.name.split(".")[0],
        topic=path.name[:4],
        text=text,
        title=title,
        date_line=date_line,
    )


def load_multiling_english(directory: Path | None = None) -> list[MultilingDoc]:
    """The 100 English source texts (``data/SourceTexts/M00<T><D>.english``), by name."""
    sources = _require((directory or multiling_dir()) / MULTILING_SOURCES, "MultiLing 2011")
    paths = sorted(
        path for path in sources.iterdir() if path.is_file() and path.suffix == ".english"
    )
    return [_multiling_doc(path) for path in paths]


def load_multiling_references(directory: Path | None = None) -> dict[str, list[str]]:
    """Topic (``"M000"``) -> its English model summaries (``M000.A.250`` ...), in name order."""
    folder = _require(
        (directory or multiling_dir()) / MULTILING_REFERENCES, "the MultiLing English summaries"
    )
    references: dict[str, list[str]] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name.endswith(".250"):
            references.setdefault(path.name[:4], []).append(
                path.read_text(encoding="utf-8").strip()
            )
    return references


# --- export ---------------------------------------------------------------------------


class _Recordable(Protocol):
    def as_record(self) -> dict[str, str]: ...


def to_jsonl(docs: Iterable[_Recordable], path: Path | str) -> int:
    """Write ``docs`` as storyline JSON Lines (``{"id","text","title"?,"published"?}``).

    Returns the number of records written. ``published`` is ISO 8601 when the date
    line could be read; ECB+ text is detokenised (see :func:`detokenize`).
    """
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc.as_record(), ensure_ascii=False) + "\n")
            count += 1
    return count
