"""People, organisations and places of a story, merged across articles over spelling variants.

Mentions come from spaCy's NER (``en_core_web_sm`` 3.8, see :mod:`storyline.analyze.nlp`),
repaired by general rules for its systematic errors:

* a title word inside a non-person span splits it ("Palace Spokesperson Anna" +
  "Lenko" -> "Palace" and "Anna Lenko");
* a comma inside an organisation or person span splits it ("Courier, Marko"), and so
  does a line break or a spaced dash in any span (a headline run into a name);
* a person span that holds another person's full name at its start or end is cut to it
  ("Lindsay Lohan Checks Into Rehab", "Comedian Ellen DeGeneres");
* a name's type is voted over all its mentions, and a mention in a telling context
  ("the X newspaper", "the X region") outvotes a bare label, so a newspaper tagged as a
  person in one article is still one organisation.

Names are then merged (:mod:`storyline.analyze.entity_names`): exact after folding case,
hyphens and diacritics; transliteration token by token, where short tokens must be equal
(Kim Dae-jung, Kim Young-sam and Kim Jong-pil stay three people); a middle name more
(George Bush = George W. Bush); an acronym (ICC); and a single-name mention ("Lenko",
"Kim") joins the one full name it can be. When several full names share it, the ones in
the same article are kept and the most widespread wins only when it is in strictly more
articles than every other; otherwise the mention stays on its own. Finally exact variants
the tagger missed in other places are added as mentions. Roles come from appositions and
title modifiers in the dependency parse ("Kelvaro's ambassador to Orsan").
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from storyline.analyze.entity_names import (
    HONORIFICS,
    ORG_WORDS,
    PLACE_WORDS,
    TITLE_WORDS,
    acronym_of,
    known_part,
    name_key,
    name_tokens,
    same_name,
    same_person_longer,
    tokens_match,
)
from storyline.analyze.nlp import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["Entity", "EntityMention", "entity_at", "extract_entities"]

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")
"""People, organisations, and places (countries and cities, other locations, facilities)."""

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_CONTEXT_VOTE = 3  # "the X newspaper" outweighs three bare labels
_MAX_ROLE_TOKENS = 10
_MAX_ROLES = 5
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_LEADING_DROP = frozenset({"the", "a", "an"})
_PLACE_PREPOSITIONS = frozenset(["in", "near", "outside", "across", "throughout", "inside", "into"])
"""Prepositions after which a name is a place ("in X"), never a person."""
_LOOSE_PLACE_PREPOSITIONS = frozenset(["at", "from"])
"""Prepositions after which a name is more often a place than a person ("at X")."""
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "relcl", "ccomp", "advcl", "dobj"})


@dataclass(frozen=True)
class EntityMention:
    """One place an entity is named: ``text == article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str
    sentence: int | None


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place of a story, with every way it was named."""

    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: tuple[EntityMention, ...]
    roles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The brief contract's entity object (``mentions`` is the count)."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "variants": list(self.variants),
            "articles": list(self.articles),
            "mentions": len(self.mentions),
            "roles": list(self.roles),
        }


@dataclass
class _Mention:
    mention: EntityMention
    label: str
    key: str
    votes: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)


# --- finding mentions ---------------------------------------------------------------------


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, form of address and a trailing possessive from a span."""
    while start < end and (
        doc[start].lower_ in _LEADING_DROP
        or doc[start].lower_.rstrip(".") in HONORIFICS
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE_TOKENS or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _split_title(doc: Doc, ent: Span, following: Span | None) -> list[tuple[int, int, str]]:
    """'Palace Spokesperson Anna' (ORG) before 'Lenko': the title splits the span."""
    titles = [t.i for t in ent if t.lower_ in TITLE_WORDS]
    if not titles or titles[-1] >= ent.end - 1:
        return [(ent.start, ent.end, ent.label_)]
    last = titles[-1]
    name = doc[last + 1 : ent.end]
    if not all(t.is_title for t in name):
        return [(ent.start, ent.end, ent.label_)]
    first = last
    while first - 1 >= ent.start and doc[first - 1].lower_ in TITLE_WORDS:
        first -= 1
    parts = [(ent.start, first, ent.label_)] if first > ent.start else []
    if following is not None and following.label_ == "PERSON" and following.start == ent.end:
        parts.append((last + 1, following.end, "PERSON"))
    else:
        parts.append((last + 1, ent.end, "PERSON"))
    return parts


def _breaks(doc: Doc, i: int, label: str) -> bool:
    """Whether token ``i`` separates two names inside one tagged span."""
    token = doc[i]
    if token.is_space or "\n" in token.text:
        return True  # a headline or date line ran into the name
    if token.text == ",":
        return label in ("ORG", "PERSON")  # "Courier, Marko"; not "Portland, Oregon"
    spaced = bool(token.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)
    return spaced and token.is_punct  # "Esther Williams - Esther Williams", "X | Y"


def _split_breaks(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A name holds no comma, line break or spaced dash, so each part is its own mention."""
    parts, lo = [], start
    for i in range(start, end):
        if _breaks(doc, i, label):
            parts.append((lo, i, label))
            lo = i + 1
        elif "\n" in doc[i].whitespace_:
            parts.append((lo, i + 1, label))
            lo = i + 1
    parts.append((lo, end, label))
    return parts


def _spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Entity spans (token start, end, label) after the NER repairs."""
    ents = list(doc.ents)
    out: list[tuple[int, int, str]] = []
    absorbed: set[int] = set()
    for n, ent in enumerate(ents):
        if n in absorbed or ent.label_ not in ENTITY_TYPES:
            continue
        following = ents[n + 1] if n + 1 < len(ents) else None
        pieces = (
            _split_title(doc, ent, following)
            if ent.label_ != "PERSON"
            else [(ent.start, ent.end, ent.label_)]
        )
        if following is not None and pieces[-1][1] == following.end:
            absorbed.add(n + 1)
        for start, end, label in pieces:
            for a, b, lab in _split_breaks(doc, start, end, label):
                a, b = _trim(doc, a, b)
                if label == "PERSON":
                    while a < b and doc[a].lower_ in TITLE_WORDS:
                        a += 1
                if b > a and any(t.is_alpha and t.text[:1].isupper() for t in doc[a:b]):
                    out.append((a, b, lab))
    return out


def _before(doc: Doc, a: int) -> Token | None:
    """The word before a name, over a determiner ("in the X")."""
    i = a - 1
    if i >= 0 and doc[i].lower_ in _LEADING_DROP:
        i -= 1
    return doc[i] if i >= 0 else None


def _votes(
    doc: Doc, a: int, b: int, label: str, spans: dict[int, tuple[int, str]], ents: set[int]
) -> Counter[str]:
    """The label of doc[a:b], outvoted by the words around it (``spans``: the article's
    entity spans by start, ``ents``: their tokens).

    A telling head or apposition ("the X newspaper", "the X region"), a preposition of
    place ("in X", "near X"), a state or country after a comma ("X, Chile") make a place of
    a name tagged as a person; a form of address or a title right before it ("Mr X",
    "Senator X") makes a person.
    """
    votes: Counter[str] = Counter({label: 1})
    span = doc[a:b]
    root = span.root
    near = [root.head] if root.dep_ in ("compound", "appos", "nmod") else []
    near += [c for c in root.children if c.dep_ in ("appos", "compound", "amod", "nmod")]
    lemmas = {t.lemma_.lower() for t in near if t.i not in ents}
    place = label if label in _PLACES else "GPE"
    if lemmas & ORG_WORDS:
        votes["ORG"] += _CONTEXT_VOTE
    elif lemmas & PLACE_WORDS and label != "GPE":
        votes["LOC"] += _CONTEXT_VOTE
    possessive = b < len(doc) and doc[b].text in _POSSESSIVE_TOKENS
    before = _before(doc, a)
    if before is not None and before.i not in ents:
        word = before.lower_.rstrip(".")
        if word in HONORIFICS or (word in TITLE_WORDS and doc[a - 1].i == before.i):
            votes["PERSON"] += _CONTEXT_VOTE
        elif label == "PERSON" and not possessive:
            if word in _PLACE_PREPOSITIONS or (
                word == "of" and before.i > 0 and doc[before.i - 1].lemma_.lower() in PLACE_WORDS
            ):  # "in X", "the port of X"
                votes[place] += _CONTEXT_VOTE
            elif word in _LOOSE_PLACE_PREPOSITIONS:
                votes[place] += 1
    after = spans.get(b + 1)
    if b + 1 < len(doc) and doc[b].text == "," and after is not None and after[1] == "GPE":
        end = after[0]
        if not (end < len(doc) and doc[end].text in _POSSESSIVE_TOKENS):
            votes[place] += _CONTEXT_VOTE
    return votes


# --- roles ---------------------------------------------------------------------------------


def _clean_role(tokens: Iterable[Token], ents: set[int]) -> str | None:
    toks = list(tokens)
    while toks and (toks[0].is_punct or toks[0].lower_ in _LEADING_DROP):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    toks = [t for t in toks if t.lower_.rstrip(".") not in HONORIFICS]
    if not toks or len(toks) > _MAX_ROLE_TOKENS or any(t.text in (",", ";", "(") for t in toks):
        return None
    if toks and toks[-1].pos_ in ("ADP", "DET", "CCONJ", "PART", "SCONJ"):
        return None  # a cut-off phrase ("General Secretary of the")
    inside = {t.i for t in toks}
    if any(t.dep_ in _CLAUSE_DEPS and t.head.i in inside and t.head.i != t.i for t in toks):
        return None  # a clause, not a noun phrase
    heads = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    if not any(t.i not in ents and t.pos_ in ("NOUN", "PROPN") for t in heads):
        return None  # the phrase is headed by a name or a modifier, not a title
    if not any(t.lower_ in TITLE_WORDS or (t.pos_ == "NOUN" and t.is_lower) for t in toks):
        return None  # "ICC", "South Sudan": a name, not a role
    text = "".join(t.text_with_ws for t in toks).strip()
    return re.sub(r"\s+", " ", text)


def _roles(doc: Doc, start: int, end: int, ents: set[int]) -> list[str]:
    """Appositions and title modifiers of the mention doc[start:end]."""
    span = doc[start:end]
    root = span.root
    found: list[str | None] = []
    if root.left_edge.i < start:  # "palace spokesperson Anna Lenko"
        found.append(_clean_role(doc[root.left_edge.i : start], ents))
    if root.dep_ == "appos" and root.head.i < start:  # "Russia's ambassador ..., Pavel O."
        found.append(_clean_role(doc[root.head.left_edge.i : start], ents))
    prep = root.head
    if (  # misparsed "ambassador to Velmora Pavel Orsk"
        root.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.head.lower_ in TITLE_WORDS
        and root.left_edge.i < start
    ):
        found.append(_clean_role(doc[prep.head.left_edge.i : start], ents))
    for child in root.children:  # "Pavel Orsk, the Russian ambassador to ..."
        if child.dep_ == "appos" and child.i >= end:
            found.append(_clean_role(doc[child.left_edge.i : child.right_edge.i + 1], ents))
    return [role for role in found if role]


def _mentions(parsed: ParsedArticle) -> list[_Mention]:
    doc = parsed.doc
    spans = _spans(doc)
    ents = {i for a, b, _ in spans for i in range(a, b)}
    starts = {a: (b, label) for a, b, label in spans}
    out = []
    for a, b, label in spans:
        span = doc[a:b]
        sentence = parsed.sentence_at(span.start_char)
        mention = EntityMention(
            parsed.id,
            span.start_char,
            span.end_char,
            span.text,
            sentence.index if sentence else None,
        )
        key = name_key(span.text)
        if key:
            out.append(
                _Mention(
                    mention,
                    label,
                    key,
                    _votes(doc, a, b, label, starts, ents),
                    _roles(doc, a, b, ents),
                )
            )
    return out


def _cut_to_known_names(mentions: list[_Mention]) -> None:
    """'Lindsay Lohan Checks Into Rehab' -> 'Lindsay Lohan' when that name is seen alone."""
    counts = Counter(m.key for m in mentions if m.label == "PERSON")
    for m in mentions:
        if m.label not in ("PERSON", "ORG") or m.key.count(" ") < 2:
            continue
        part = known_part(m.key, counts)
        if part is None or (m.label == "ORG" and set(m.key.split()) & ORG_WORDS):
            continue  # "Betty Ford Center" is not Betty Ford
        text = m.mention.text
        words = list(re.finditer(r"\S+", text))
        pairs = ((a, b) for a in range(len(words)) for b in range(a + 1, len(words) + 1))
        for a, b in pairs:
            lo, hi = words[a].start(), words[b - 1].end()
            if name_key(text[lo:hi]) == part:
                start = m.mention.start
                m.mention = replace(m.mention, start=start + lo, end=start + hi, text=text[lo:hi])
                m.key = part
                break


# --- merging -----------------------------------------------------------------------------


class _Clusters:
    """Union-find over name keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _family(kind: str) -> str:
    return "PLACE" if kind in _PLACES else kind


def _merge_names(types: dict[str, str]) -> _Clusters:
    """Union the multi-token names that are one name (transliteration, middle name, acronym)."""
    clusters = _Clusters(types)
    keys = sorted(types)
    tokens = {k: tuple(k.split()) for k in keys}
    multi = [k for k in keys if len(tokens[k]) > 1]
    for n, a in enumerate(multi):
        for b in multi[n + 1 :]:
            if _family(types[a]) == _family(types[b]) and same_name(tokens[a], tokens[b]):
                clusters.union(a, b)
    for short in multi:
        if types[short] != "PERSON":
            continue
        longer = {
            clusters.find(k)
            for k in multi
            if types[k] == "PERSON" and same_person_longer(tokens[short], tokens[k])
        }
        if len(longer) == 1:
            clusters.union(short, longer.pop())
    return clusters


def _merge_acronyms(
    clusters: _Clusters, types: dict[str, str], surfaces: dict[str, set[str]]
) -> None:
    for key, kind in sorted(types.items()):
        if kind == "PERSON" or " " in key:
            continue
        targets = {
            clusters.find(other)
            for other, other_kind in types.items()
            if other != key
            and _family(other_kind) == _family(kind)
            and any(acronym_of(a, b) for a in surfaces[key] for b in surfaces[other])
        }
        if len(targets) == 1:
            clusters.union(key, targets.pop())


def _resolve_short(
    mentions: list[_Mention], clusters: _Clusters, types: dict[str, str]
) -> dict[int, str]:
    """Which cluster each single-name person mention ("Lenko", "Kim") joins, when known."""
    full: dict[str, set[str]] = defaultdict(set)  # cluster -> tokens at either end of a name
    articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        root = clusters.find(m.key)
        toks = m.key.split()
        if types[m.key] == "PERSON" and len(toks) > 1:
            full[root] |= {toks[0], toks[-1]}
            articles[root].add(m.mention.article)
    joined: dict[int, str] = {}
    for n, m in enumerate(mentions):
        if " " in m.key:
            continue
        # a bare name tagged ORG or a place with nothing telling around it may be a person
        loose = m.label != "PERSON" and m.votes.total() <= 1
        if types[m.key] != "PERSON" and not loose:
            continue
        candidates = {c for c, ends in full.items() if any(tokens_match(m.key, e) for e in ends)}
        local = {c for c in candidates if m.mention.article in articles[c]}
        if types[m.key] != "PERSON":
            candidates = local
        pool = sorted(local or candidates, key=lambda c: (-len(articles[c]), c))
        if len(pool) == 1 or (
            len(pool) > 1 and len(articles[pool[0]]) > len(articles[pool[1]]) and local
        ):
            joined[n] = pool[0]
            m.votes = Counter({"PERSON": 1})
    return joined


def _choose_type(members: list[_Mention]) -> str:
    votes: Counter[str] = Counter()
    for m in members:
        votes.update(m.votes)
    return min(votes, key=lambda t: (-votes[t], ENTITY_TYPES.index(t)))


def _entity(members: list[_Mention], kind: str, order: dict[str, int]) -> Entity:
    members.sort(key=lambda m: (order[m.mention.article], m.mention.start))
    counts = Counter(m.mention.text for m in members)
    name = min(counts, key=lambda v: (-len(name_tokens(v)), -counts[v], v))
    variants = tuple(sorted(counts, key=lambda v: (-counts[v], v)))
    role_counts: Counter[str] = Counter()
    first_form: dict[str, str] = {}
    for m in members:
        for role in m.roles:
            low = role.lower().replace("’", "'")
            first_form.setdefault(low, role)
            role_counts[low] += 1
    roles = tuple(first_form[r] for r, _ in role_counts.most_common(_MAX_ROLES))
    digest = hashlib.blake2b(f"{kind}:{name_key(name)}".encode(), digest_size=6).hexdigest()
    articles = tuple(dict.fromkeys(m.mention.article for m in members))
    return Entity(
        id="e" + digest,
        name=name,
        type=kind,
        variants=variants,
        articles=articles,
        mentions=tuple(m.mention for m in members),
        roles=roles if kind in ("PERSON", "ORG") else (),
    )


def _untagged(
    parsed: Sequence[ParsedArticle], groups: dict[str, list[_Mention]]
) -> dict[str, list[_Mention]]:
    """Exact variants the tagger missed elsewhere ("Kelvaro's Courier newspaper")."""
    owners: dict[str, set[str]] = defaultdict(set)
    for root, members in groups.items():
        for m in members:
            if len(m.mention.text) >= 4:
                owners[m.mention.text].add(root)
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for members in groups.values():
        for m in members:
            taken[m.mention.article].append((m.mention.start, m.mention.end))
    added: dict[str, list[_Mention]] = defaultdict(list)
    for variant, roots in sorted(owners.items()):
        if len(roots) != 1:
            continue
        root = next(iter(roots))
        pattern = re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-]|\s+[A-Z])")
        for p in parsed:
            text = p.text
            for match in pattern.finditer(text):
                lo, hi = match.span()
                if re.search(r"[A-Z]\w*\s+$", text[max(0, lo - 30) : lo]) and not any(
                    a <= lo - 2 < b for a, b in taken[p.id]
                ):
                    continue  # part of a longer capitalised name
                if any(a < hi and lo < b for a, b in taken[p.id]):
                    continue
                sentence = p.sentence_at(lo)
                mention = EntityMention(p.id, lo, hi, variant, sentence.index if sentence else None)
                added[root].append(_Mention(mention, "", name_key(variant)))
                taken[p.id].append((lo, hi))
    return added


def _common_words(parsed: Sequence[ParsedArticle], mentions: list[_Mention]) -> set[str]:
    """One-word names the story also writes in lower case ("Mommy" beside "mommy").

    A word no article capitalises mid-sentence is a common noun the tagger took for a name
    (a form of address, a headline word); a word that ends a longer name ("Bush" of "George
    Bush") is kept.
    """
    single = {m.key for m in mentions if " " not in m.key and m.key.isalpha()}
    in_names = {t for m in mentions if " " in m.key for t in m.key.split()}
    candidates = single - in_names
    if not candidates:
        return set()
    lower: set[str] = set()
    for p in parsed:
        for token in p.doc:
            if token.is_lower and token.text in candidates and not token.is_sent_start:
                lower.add(token.text)
    return lower


def extract_entities(parsed: Sequence[ParsedArticle]) -> list[Entity]:
    """The story's people, organisations and places, most mentioned first (then by name)."""
    mentions = [m for p in parsed for m in _mentions(p)]
    common = _common_words(parsed, mentions)
    mentions = [m for m in mentions if m.key not in common]
    _cut_to_known_names(mentions)
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m.key].append(m)
    types = {key: _choose_type(members) for key, members in by_key.items()}
    clusters = _merge_names(types)
    _merge_acronyms(clusters, types, {k: {m.mention.text for m in v} for k, v in by_key.items()})
    joined = _resolve_short(mentions, clusters, types)
    groups: dict[str, list[_Mention]] = defaultdict(list)
    for n, m in enumerate(mentions):
        groups[joined.get(n) or clusters.find(m.key)].append(m)
    kinds = {root: _choose_type(members) for root, members in groups.items()}
    for root, extra in _untagged(parsed, groups).items():
        groups[root].extend(extra)
    order = {p.id: n for n, p in enumerate(parsed)}
    entities = [_entity(members, kinds[root], order) for root, members in groups.items()]
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.type))
    return _unique_ids(entities)


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    seen: Counter[str] = Counter()
    out = []
    for entity in entities:
        seen[entity.id] += 1
        if seen[entity.id] > 1:
            entity = Entity(**{**entity.__dict__, "id": f"{entity.id}-{seen[entity.id]}"})
        out.append(entity)
    return out


def entity_at(entities: Iterable[Entity], article_id: str, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``article_id[start:end]`` most, if any."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for m in entity.mentions:
            if m.article == article_id and m.start < end and start < m.end:
                overlap = min(end, m.end) - max(start, m.start)
                if best is None or overlap > best[0]:
                    best = (overlap, entity)
    return best[1] if best else None
