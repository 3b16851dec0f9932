"""Which attribution candidates are attributions: a linear model over parse features.

A candidate of :mod:`.cues` (a verb with a subject and a complement, "according to", a
noun with a possessive or a "from"/"by" source, a framing preposition, a line-head
colon) is described by features of the parse only: the cue's lemma and how it takes its
content (with the common noun of its object or the preposition before it: "made the
case", "spoke about"), the verb's form, what kind of word the source is (pronoun,
common-noun lemma, entity label: never a proper name), whether the cue sits inside a
quotation, whether the content holds one, and conjunctions of the lemma with these (how
and where it takes its content, its tag, its source's dependency, the content's length).
A logistic model weighs them; a candidate is an attribution when its probability reaches
the model's threshold.

The weights (``cue_model.json`` beside this module) are fitted on the train split of
PolNeAR by ``benchmarks/train_cue_model.py``, which also picks the threshold on
held-out folds of that split; the dev split is only reported.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .cues import Found, doc_text
from .phrases import child_of

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_FILE = "cue_model.json"

_PRONOUNS = frozenset(("i", "we", "you", "he", "she", "they", "it", "who", "that", "which", "this"))
_PRONOUNS |= {"these", "those", "one"}
_QUOTE_MARKS = ("“", "”", '"', "''")
_lock = threading.Lock()
_model: CueModel | None = None


@dataclass(frozen=True)
class CueModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, found: Found) -> float:
        total = self.bias + sum(self.weights.get(f, 0.0) for f in features(found))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def accepts(self, found: Found) -> bool:
        return self.probability(found) >= self.threshold


def cue_model() -> CueModel:
    """The shipped model, read once per process."""
    global _model
    with _lock:
        if _model is None:
            raw = json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text("utf-8"))
            _model = CueModel(
                {str(k): float(v) for k, v in raw["weights"].items()},
                float(raw["bias"]),
                float(raw["threshold"]),
            )
        return _model


def features(found: Found) -> list[str]:
    """The names of the candidate's features (each weighs 1 when present)."""
    cue = found.cue_token
    lemma = _cue_lemma(found)
    how = found.content_kind
    out = [
        f"via={found.via}",
        f"lemma={lemma}",
        f"how={how}",
        f"lemma|how={lemma}|{how}",
        f"via|how={found.via}|{how}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"lemma|dep={lemma}|{cue.dep_}",
    ]
    if found.in_quote:
        out += ["in_quote", f"in_quote|lemma={lemma}"]
    if any(c.dep_ == "neg" for c in cue.children):
        out.append("negated")
    if how == "xcomp":
        clause = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if clause is not None:
            out.append(f"lemma|xcomp={lemma}|{clause.lemma_.lower()}")
    if how == "dobj" and (obj := child_of(cue, "dobj")) is not None and obj.pos_ == "NOUN":
        out.append(f"lemma|obj={lemma}|{obj.lemma_.lower()}")  # "made the case", "has a plan"
    if how == "prep":
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i), None)
        if prep is not None:
            out.append(f"lemma|prep={lemma}|{prep.lower_}")  # "spoke about", not "spoke at"
    if (
        cue.dep_ in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl")
        and cue.head != cue
        and cue.head.pos_ != "PROPN"  # a word, never a name
    ):
        out.append(f"head={cue.dep_}:{cue.head.lemma_.lower()}")
    if found.source is not None and found.source.head != cue and found.via == "verb":
        out += ["inherited", f"inherited|lemma={lemma}"]
    out.append(f"lemma|tag={lemma}|{cue.tag_}")
    source = _source_features(found.source, lemma)
    out += source
    if found.via in ("prep", "noun-by"):  # "in a poll", "criticism from X": which nouns
        out.append(f"{found.via}|{source[0]}|{cue.lower_}")
    out.append(f"content_len={_bucket(sum(e - s for s, e in found.content) // 6)}")
    if _quoted(found):
        out += ["content_quoted", f"content_quoted|via={found.via}"]
    if _headline_case(cue):
        out.append("headline_case")
    return out + _conjunctions(found, lemma, source)


def _conjunctions(found: Found, lemma: str, source: list[str]) -> list[str]:
    """Pairs and triples of the features above, each with the cue's lemma or the kind of
    candidate: how one cue takes its content, where it stands, who says it and how much it
    says ("make" with a clause but not as a relative clause, "say" inside a quotation with
    an object)."""
    cue = found.cue_token
    how = found.content_kind
    kind = source[0].removeprefix("src=") if source[0].startswith("src=") else "-"
    where = source[-1].removeprefix("src_dep=") if found.source is not None else "-"
    length = _bucket(sum(e - s for s, e in found.content) // 6)
    return [
        f"l|h|d={lemma}|{how}|{cue.dep_}",
        f"l|sd={lemma}|{where}",
        f"l|cl={lemma}|{length}",
        f"l|t|h={lemma}|{cue.tag_}|{how}",
        f"v|s|h={found.via}|{kind}|{how}",
        f"l|q|h={lemma}|{found.in_quote}|{how}",
    ]


def _cue_lemma(found: Found) -> str:
    if found.via in ("according to", "colon"):
        return found.via
    token = found.cue_token
    return f"{token.lemma_.lower()}/{token.pos_}"


def _source_features(source: Token | None, lemma: str) -> list[str]:
    if source is None:
        return ["no_source"]
    word = source.lower_
    if (word in _PRONOUNS and source.pos_ == "PRON") or source.tag_ in ("WP", "WDT"):
        kind = f"pron:{word}"
    elif source.ent_type_:
        kind = f"ent:{source.ent_type_}"
    elif source.pos_ == "NOUN":
        kind = f"noun:{source.lemma_.lower()}"
    else:
        kind = f"pos:{source.pos_}"
    coarse = "person" if source.ent_type_ == "PERSON" or word in ("he", "she") else kind[:4]
    return [f"src={kind}", f"src|lemma={coarse}|{lemma}", f"src_dep={source.dep_}"]


def _quoted(found: Found) -> bool:
    """The content holds a quotation mark."""
    text = doc_text(found.cue_token.doc)
    return any(q in text[s:e] for s, e in found.content for q in _QUOTE_MARKS)


def _bucket(n: int) -> str:
    for limit in (1, 3, 8, 20):
        if n <= limit:
            return f"<={limit}"
    return ">20"


def _headline_case(token: Token) -> bool:
    """The cue's line is a headline: most of its words are capitalised."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    words = text[start : end if end >= 0 else len(text)].split()
    capital = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and capital >= 0.7 * len(words)
