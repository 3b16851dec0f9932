"""Cited origins: where each article says its information comes from.

An :class:`Attribution` is one place an article names a source ("Courier reported",
"according to a diplomatic source", "(Reuters)"). Sources are found from the dependency
parse around reporting cues (the subject of "reported"/"said", the object of "according
to"/"citing", the receiver of "told X", the agent of "cited by X") and from wire tags.
Each gets a kind from grammar cue words only (no lists of outlet names): ``agency``,
``outlet``, ``official``, ``anonymous`` or ``document``. A name classified with a strong
cue anywhere in the story ("the Courier newspaper") lends its kind to every mention
of that name ("Courier said").

When one source relays another in the same clause ("Courier, citing a diplomatic
source"; "the ambassador told Courier"), the relay's attribution has ``cites`` set and
the relayed one has ``through`` set: the article relies on the relay, not directly on
the relayed source.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from storyline.analyze.nlp import ParsedArticle
from storyline.analyze.phrases import (
    PUBLISH_VERBS,
    RELAY_VERBS,
    REPORT_VERBS,
    TELL_VERBS,
    Source,
    according_to,
    agent_of,
    child_of,
    describe,
    negated,
    receiver_of,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


KINDS = ("outlet", "agency", "official", "anonymous", "document")

_WIRE_START = re.compile(
    r"\A\s*(?:[A-Z][\w.'’ -]{1,40}?(?:,\s*\w{3,9}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<tag>[A-Z][\w&.' -]{0,30}?)\)\s*[-–—:]"
)
_WIRE_END = re.compile(r"(?:^|\n)\s*[-–—]\s*(?P<tag>[A-Z][\w&.]{1,20}(?: [A-Z][\w&.]+){0,2})\s*\Z")


@dataclass(frozen=True)
class Attribution:
    """One place an article says where information comes from (span of the source name)."""

    article: str
    sentence: int
    start: int
    end: int
    name: str
    kind: str
    via: str | None
    cites: str | None = None  # this source relays ``cites`` in the same clause
    through: str | None = None  # this source reaches the article through ``through``
    phrase: str = ""  # the whole noun phrase, e.g. "Kelvaro business daily Courier"
    strong: bool = False  # kind given by a cue word, not guessed from the verb or NER


@dataclass(frozen=True)
class Origin:
    """A source the story's articles cite, merged across articles and spellings."""

    name: str
    kind: str
    cited_by: tuple[str, ...]
    variants: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "cited_by": list(self.cited_by),
            "variants": list(self.variants),
            "cites": list(self.cites),
        }


def find_attributions(parsed: Sequence[ParsedArticle]) -> list[Attribution]:
    """Every attribution in the articles, with kinds made consistent across the story."""
    found: list[Attribution] = []
    for item in parsed:
        found.extend(_resolve_anaphora(_wire_tags(item) + _article_attributions(item)))
    return _unify_kinds(found)


def _article_attributions(item: ParsedArticle) -> list[Attribution]:
    out: list[Attribution] = []
    for token in item.doc:
        if token.lower_ == "according" and (to := child_of(token, "prep", "to")) is not None:
            if (obj := child_of(to, "pobj")) is not None:
                out.extend(_from_relay(item, obj, None, "according to"))
        elif token.lemma_.lower() in REPORT_VERBS and token.pos_ == "VERB":
            out.extend(_from_verb(item, token))
    # dict.fromkeys, not set: the order of two attributions of one span (which the merge
    # keeps first) must not depend on the process's hash seed
    return sorted(dict.fromkeys(out), key=lambda a: (a.start, a.end))


def _from_verb(item: ParsedArticle, verb: Token) -> list[Attribution]:
    lemma = verb.lemma_.lower()
    if negated(verb) or (lemma == "point" and child_of(verb, "prt", "out") is None):
        return []
    if verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in RELAY_VERBS:
        return []  # "quoted X as saying": the quote verb covers it
    agent = agent_of(verb)
    if agent is not None:  # "a diplomat cited by Courier", "as confirmed by X"
        relayed = verb.head if lemma in RELAY_VERBS and verb.dep_ == "acl" else None
        return _from_relay(item, agent, relayed, "cited by" if relayed is not None else lemma)
    subject = subject_of(verb)
    if (
        lemma in RELAY_VERBS
        and verb.dep_ == "advcl"
        and verb.head.lemma_.lower() not in REPORT_VERBS
    ):
        subject = according_to(verb) or _sentence_reporter(verb)  # "..., Y said, citing Z"
    relayed = None
    if lemma in RELAY_VERBS:
        relayed = child_of(verb, "dobj")
    elif lemma in TELL_VERBS:
        receiver = receiver_of(verb)
        if receiver is not None and subject is not None:
            # "X told Courier": the article relies on Courier, which relays X
            return _from_relay(item, receiver, subject, "told")
    if subject is None:
        return _from_relay(item, relayed, None, "citing") if relayed is not None else []
    return _from_relay(item, subject, relayed, "citing" if relayed is not None else lemma)


def _sentence_reporter(verb: Token) -> Token | None:
    """The subject of another reporting verb in the sentence ("..., X said, citing Y")."""
    for other in verb.sent:
        if other is not verb and other.lemma_.lower() in REPORT_VERBS and other.pos_ == "VERB":
            found = subject_of(other)
            if found is not None:
                return found
    return None


def _from_relay(
    item: ParsedArticle, head: Token, relayed: Token | None, via: str
) -> list[Attribution]:
    """Attributions for ``head`` and, when it relays one, the source it relays."""
    publishing = via in PUBLISH_VERBS or via in ("told", "cited by", "citing")
    source = describe(head, publishing=publishing)
    inner = describe(relayed) if relayed is not None else None
    out: list[Attribution] = []
    if source is not None:
        cites = inner.name if inner is not None else None
        out.append(_attribution(item, source, via, cites=cites))
    if inner is not None:
        through = source.name if source is not None else None
        out.append(
            _attribution(item, inner, "citing" if via != "told" else "told", through=through)
        )
    return out


def _attribution(
    item: ParsedArticle,
    source: Source,
    via: str | None,
    cites: str | None = None,
    through: str | None = None,
) -> Attribution:
    sentence = item.sentence_at(source.start)
    return Attribution(
        item.id,
        sentence.index if sentence is not None else -1,
        source.start,
        source.end,
        source.name,
        source.kind,
        via,
        cites=cites,
        through=through,
        phrase=source.phrase if not source.anaphor else f"{source.phrase}#anaphor",
        strong=source.strong,
    )


def _wire_tags(item: ParsedArticle) -> list[Attribution]:
    text = item.article.text
    out: list[Attribution] = []
    for match in (_WIRE_START.search(text[:200]), _WIRE_END.search(text[-60:])):
        if match is None:
            continue
        offset = 0 if match.re is _WIRE_START else max(0, len(text) - 60)
        start, end = match.start("tag") + offset, match.end("tag") + offset
        sentence = item.sentence_at(start)
        index = sentence.index if sentence is not None else 0
        tag = match.group("tag").strip()
        out.append(Attribution(item.id, index, start, end, tag, "agency", "wire-tag", strong=True))
    return out


def _resolve_anaphora(found: list[Attribution]) -> list[Attribution]:
    """ "the newspaper", "the report" -> the latest named outlet or agency before it."""
    out: list[Attribution] = []
    last: dict[str, Attribution] = {}
    renamed: dict[tuple[int, str], str] = {}
    for att in sorted(_merge_spans(found), key=lambda a: a.start):
        if att.phrase.endswith("#anaphor"):
            wanted = ("agency", "outlet") if att.kind == "agency" else ("outlet", "agency")
            target = last.get(wanted[0]) or last.get(wanted[1])
            if target is not None:
                renamed[(att.sentence, att.name)] = target.name
                att = replace(att, name=target.name, kind=target.kind, strong=target.strong)
            elif att.kind != "document":
                continue
            att = replace(att, phrase=att.phrase.removesuffix("#anaphor"))
        elif att.kind in ("outlet", "agency") and att.through is None and _is_named(att):
            last[att.kind] = att
        out.append(att)
    return [_rename(att, renamed) for att in out]


def _rename(att: Attribution, renamed: dict[tuple[int, str], str]) -> Attribution:
    through = renamed.get((att.sentence, att.through or ""), att.through)
    cites = renamed.get((att.sentence, att.cites or ""), att.cites)
    return replace(att, through=through, cites=cites)


def _merge_spans(found: list[Attribution]) -> list[Attribution]:
    """One attribution per span, keeping what each cue learnt about relays."""
    spans: dict[tuple[int, int], Attribution] = {}
    for att in found:
        seen = spans.get((att.start, att.end))
        if seen is None:
            spans[(att.start, att.end)] = att
        else:
            spans[(att.start, att.end)] = replace(
                seen,
                cites=seen.cites or att.cites,
                through=seen.through or att.through,
                strong=seen.strong or att.strong,
            )
    return list(spans.values())


def _is_named(att: Attribution) -> bool:
    return att.name[:1].isupper()


def _unify_kinds(found: list[Attribution]) -> list[Attribution]:
    """One kind per name across the story: strong cues win over guesses from verbs."""
    votes: dict[str, Counter[tuple[bool, str]]] = defaultdict(Counter)
    for att in found:
        votes[_key(att.name)][(att.strong, att.kind)] += 1
    kinds = {
        key: max(counter.items(), key=lambda kv: (kv[0][0], kv[1]))[0][1]
        for key, counter in votes.items()
    }
    return [replace(att, kind=kinds[_key(att.name)]) for att in found]


def _key(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", name.casefold().replace("-", " ")).split()
    words = [w for w in words if w not in ("the", "a", "an")]
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )


def same_source(a: str, b: str) -> bool:
    """Whether two source names are spellings of one origin ("Lenko" / "Anna Lenko")."""
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    if not (a[:1].isupper() and b[:1].isupper()):
        return False
    short, long = sorted((ka, kb), key=len)
    return long.endswith(" " + short) or fuzz.ratio(ka, kb) >= 90


def story_origins(attributions: Iterable[Attribution]) -> list[Origin]:
    """Origins merged across articles and spellings, most cited first."""
    groups: list[list[Attribution]] = []
    for att in attributions:
        for group in groups:
            if group[0].kind == att.kind and same_source(group[0].name, att.name):
                group.append(att)
                break
        else:
            groups.append([att])
    origins = [_origin(group) for group in groups]
    return sorted(origins, key=lambda o: (-len(o.cited_by), o.name))


def _origin(group: list[Attribution]) -> Origin:
    names = Counter(att.name for att in group)
    name = max(
        names, key=lambda n: (n[:1].isupper(), len(n.split()) if n[:1].isupper() else 0, names[n])
    )
    cited_by = tuple(dict.fromkeys(att.article for att in group))
    cites = tuple(dict.fromkeys(att.cites for att in group if att.cites))
    return Origin(name, group[0].kind, cited_by, tuple(sorted(names)), cites)


def sentence_origins(
    attributions: Iterable[Attribution],
    article_id: str,
    sentence_index: int,
    *,
    own: str | None = None,
) -> list[str]:
    """Origin names a sentence relies on.

    The rule: a sentence with attributions relies on those the article reaches directly
    (a relayed source counts as its relay: "X told Courier" -> Courier). A sentence
    without one relies on the article's primary origin (its most often cited outlet or
    agency, earliest on ties) when it comes at or after that origin's first mention;
    otherwise, and in an article that cites no outlet or agency, on the article's own
    reporting: ``own`` (its outlet's name), or the article id when that is unknown.
    """
    mine = [a for a in attributions if a.article == article_id]
    here = [a for a in mine if a.sentence == sentence_index]
    if here:
        names = [a.through or a.name for a in here]
        return list(dict.fromkeys(names))
    reporters = [a for a in mine if a.kind in ("outlet", "agency") and a.through is None]
    if reporters:
        counts = Counter(a.name for a in reporters)
        first = {a.name: a.sentence for a in reversed(reporters)}
        primary = max(counts, key=lambda n: (counts[n], -first[n]))
        if sentence_index >= first[primary]:
            return [primary]
    return [own or article_id]
