"""Attributions: who each article says says (or thinks, or wants) what.

An :class:`Attribution` is one place an article names a source for a content: its
source phrase as written, its cue ("said", "according to", ":"), its content, the
source's kind and the name it resolves to. Candidates come from the parse
(:mod:`.cues`); the cue model (:mod:`.cue_model`) keeps those that are attributions;
wire tags ("MOSCOW (Reuters) -") are attributions of the copy to an agency.

Kinds come from evidence in the text only (:mod:`.phrases`): a cue word in the phrase
("the X newspaper", "news agency", "spokesman", "a diplomatic source", "a statement"), a
publishing verb ("X reported"), else the name's entity label (person, organisation; a
country speaks as an official). A name classified with a cue word anywhere in the story
lends that kind to its every mention.

Who a source is: a pronoun ("he said") is the nearest named person before it (in the
text, else in the title); "who" is the noun its clause hangs from; "the newspaper" or
"the agency" is the outlet the article named last, and stays unnamed where it named
none. Relays: "X, citing Y" and "quoted Y as saying" give Y an attribution ``through``
X (and "X cited Y" gives X one of its own, of Y); "Y told the X newspaper" and "Y, cited
by X" mark Y as reaching the article through X. An attribution whose cue lies inside
another one's content is ``nested``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from storyline.clean.metadata import dateline_end, wire_tag_start

from .cue_model import cue_model
from .cues import LISTENER_VERBS, CharSpan, Found, beside, find_cues, phrase_span, token_spans
from .nlp import ParsedArticle
from .phrases import (
    AUDIENCE_WORDS,
    PUBLISH_VERBS,
    RELAY_VERBS,
    TELL_VERBS,
    Source,
    agent_of,
    child_of,
    describe,
)
from .propositions import FRAME_VERBS, QUOTE_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

KINDS = (
    "person",
    "official",
    "organisation",
    "outlet",
    "agency",
    "document",
    "anonymous",
    "unknown",
)

_WIRE_END = re.compile(r"(?:^|\n)\s*[-–—]\s*\(?(?P<tag>[A-Z]{2,6})\)?\s*\Z")
_PERSON_PRONOUNS = frozenset(("he", "she", "him", "her"))
_GROUP_PRONOUNS = frozenset(("they", "we"))
_THING_PRONOUNS = frozenset(("it",))
_RELATIVES = frozenset(("who", "that", "which", "whom", "whose"))
_QUANTIFIERS = frozenset(
    ("some", "many", "others", "most", "few", "several", "both", "all", "none", "each")
)
_PEOPLE_KINDS = frozenset(("person", "official"))
_PUBLISHERS = frozenset(("outlet", "agency", "organisation", "official"))
_STRONG, _PUBLISHED, _GUESSED = 2, 1, 0


@dataclass(frozen=True)
class Attribution:
    """One attribution of an article (offsets into ``article.text``)."""

    article: str
    sentence: int  # the article sentence that holds the cue
    source: CharSpan  # the source phrase as written ("he", "the newspaper", "who")
    cue: CharSpan
    content: tuple[CharSpan, ...]
    kind: str
    name: str  # who the source is: the name in the phrase, or what a pronoun refers to
    name_span: CharSpan | None  # where that name is written in the text (None: the title)
    via: str  # "verb", "according to", "colon", "noun", "be", "citing", "wire-tag", ...
    through: str | None = None  # the relay the article reaches this source through
    through_anaphor: bool = False  # ``through`` is "the newspaper", not (yet) a name
    cites: str | None = None  # a source this one relays in the same clause
    nested: bool = False  # the cue lies inside another attribution's content
    named: bool = True  # the source has a name ("a diplomatic source" has none)
    anaphor: bool = False  # a pronoun or "the newspaper": who it is, the text says before
    lemma: str = ""  # the cue word's lemma ("say"; "according" for "according to")
    evidence: int = _GUESSED  # how sure the kind is: a cue word, a publishing verb, a guess
    states: bool = True  # its content states something (a clause, a quotation), not only
    # an act of the source ("has ruled Myanmar", "refused to honor the result"): only
    # then is the source an origin of what a sentence reports
    also: tuple[tuple[str, str, bool], ...] = ()  # the sources named with it ("officials
    # and a family spokesman"): (name, kind, named) of each one after the first
    frame: tuple[CharSpan, ...] = ()  # the phrases that say when or how the source spoke
    # ("For the first time since reading the report, X said ...", "On Monday"): part of
    # the attribution's sentence, not a claim of its own

    @property
    def start(self) -> int:
        return self.name_span[0] if self.name_span else self.source[0]

    @property
    def end(self) -> int:
        return self.name_span[1] if self.name_span else self.source[1]

    def to_dict(self, text: str) -> dict[str, Any]:
        """The ``attributions`` contract: spans with their text, kind, relay."""
        lo = min(s for s, _ in self.content)
        hi = max(e for _, e in self.content)
        return {
            "sentence": self.sentence,
            "source": {"text": text[self.source[0] : self.source[1]], **_span(self.source)},
            "cue": {"text": text[self.cue[0] : self.cue[1]], **_span(self.cue)},
            "content": {"start": lo, "end": hi, "spans": [list(s) for s in self.content]},
            "kind": self.kind,
            "through": self.through,
            "name": self.name,
            "via": self.via,
            "cites": self.cites,
            "nested": self.nested,
        }


def _span(span: CharSpan) -> dict[str, int]:
    return {"start": span[0], "end": span[1]}


def find_attributions(parsed: Sequence[ParsedArticle]) -> list[Attribution]:
    """Every attribution of the articles in text order, kinds made consistent across
    the story, then pronouns and "the newspaper" resolved within each article."""
    found = {item.id: article_attributions(item) for item in parsed}
    unified = _unify_kinds([a for atts in found.values() for a in atts])
    out: list[Attribution] = []
    for item in parsed:
        mine = [a for a in unified if a.article == item.id]
        out.extend(_unify_kinds(_resolve(item, mine)))
    return out


def article_attributions(item: ParsedArticle) -> list[Attribution]:
    """One article's attributions in text order, as written (nothing resolved yet)."""
    model = cue_model()
    candidates = find_cues(item.doc)
    accepted = [f for f in candidates if model.accepts(f)]
    accepted.extend(_sentence_relays(candidates, accepted))
    accepted.extend(_chained_relays(candidates, accepted))
    accepted = _without_inner_clauses(_without_bare_clauses(accepted))
    out: list[Attribution] = _wire_tags(item)
    for found in accepted:
        out.extend(_attributions_of(item, found, accepted))
    return _mark_nested(sorted(out, key=lambda a: (a.cue, a.source)))


_BARE = frozenset(("aux", "auxpass", "neg", "prt"))


def _without_bare_clauses(accepted: list[Found]) -> list[Found]:
    """A relative clause on another attribution's source whose content is a bare
    infinitive, the verb with nothing but its auxiliaries ("an official who declined to be
    named said ..."), describes that source: it says nothing of its own."""
    heads = {f.source.i for f in accepted if f.source is not None}
    return [f for f in accepted if not _bare_clause(f, heads)]


def _bare_clause(found: Found, heads: set[int]) -> bool:
    cue = found.cue_token
    if cue.dep_ != "relcl" or cue.head.i not in heads or found.content_kind != "xcomp":
        return False
    clause = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    return clause is not None and all(c.dep_ in _BARE for c in clause.children)


def _without_inner_clauses(accepted: list[Found]) -> list[Found]:
    """A source phrase ends before a relative clause that makes an attribution of its own
    ("Jane Doe, who said the vote was close, added ..."): that clause is the other
    attribution's, not part of the name (an annotation where each token has one role
    marks it so)."""
    cues = {f.cue_token.i for f in accepted}
    out = []
    for found in accepted:
        head = found.source
        if head is not None and found.source_span is not None:
            inner = [
                c
                for c in head.rights
                if c.dep_ == "relcl"
                and c != found.cue_token
                and any(t.i in cues for t in c.subtree)
            ]
            if inner:
                span = phrase_span(head, found.cue_token, ("relcl",))
                if span[1] - span[0] < found.source_span[1] - found.source_span[0]:
                    found = replace(found, source_span=span)
        out.append(found)
    return out


def _sentence_relays(candidates: list[Found], accepted: list[Found]) -> list[Found]:
    """ "X said ..., citing Y": a relay verb with an object, in the sentence of an accepted
    attribution, relays it whatever the model's score of the relay alone (what the
    corpus marks is X's attribution; Y is found through it)."""
    sentences = {f.cue_token.sent.start for f in accepted}
    return [
        f
        for f in candidates
        if f not in accepted
        and f.via == "verb"
        and f.cue_token.lemma_.lower() in RELAY_VERBS
        and _relayed(f.cue_token) is not None
        and f.cue_token.sent.start in sentences
    ]


def _chained_relays(candidates: list[Found], accepted: list[Found]) -> list[Found]:
    """ "citing Z, which cited Y": a relay whose subject is the relative pronoun of an
    accepted relay's object goes on the chain (the model sees "which cited" alone)."""
    out: list[Found] = []
    chain = [f for f in accepted if f.cue_token.lemma_.lower() in RELAY_VERBS]
    while chain:
        objects = {_relayed(f.cue_token) for f in chain}
        chain = [
            f
            for f in candidates
            if f not in accepted
            and f not in out
            and f.via == "verb"
            and f.cue_token.lemma_.lower() in RELAY_VERBS
            and f.source is not None
            and f.source.lower_ in _RELATIVES
            and f.cue_token.dep_ == "relcl"
            and f.cue_token.head in objects
        ]
        out.extend(chain)
    return out


def _attributions_of(item: ParsedArticle, found: Found, accepted: list[Found]) -> list[Attribution]:
    """The attribution a candidate makes, or, for "X, citing Y", the one of Y through X."""
    cue = found.cue_token
    if found.via == "verb" and cue.lemma_.lower() in RELAY_VERBS:
        relayed = _relayed(cue)
        if relayed is not None:
            relays = _relay(item, found, relayed, accepted)
            own = _citing(item, found, accepted)
            return relays if own is None else [own, *relays]
    made = _make(item, found, found.source)
    if made is None:
        return []
    inner = _inner_relay(found)
    if inner is not None:  # "according to a report by X citing Y": Y, through X
        verb, relayed = inner
        cut = item.text[made.source[0] : verb.idx].rstrip(" ,")
        made = replace(made, source=(made.source[0], made.source[0] + len(cut)))
        span = phrase_span(relayed, verb, ("relcl", "acl", "xcomp", "ccomp", "advcl"))
        inside = Found(found.cue, verb, relayed, span, found.content, "citing", "relay")
        cited = _make(item, inside, relayed)
        if cited is not None:
            verb_span = (verb.idx, verb.idx + len(verb.text))
            cited = replace(cited, cue=verb_span, through=made.name, via="citing")
            return [made, cited]
    receiver = _receiver(cue) if found.via == "verb" else None
    relay = _outlet(receiver)
    if relay is None and found.source is not None:
        relay = _outlet(_citing_agent(found.source))
    if relay is None:
        return [made]
    return [replace(made, through=relay.name, through_anaphor=relay.anaphor)]


def _citing(item: ParsedArticle, found: Found, accepted: list[Found]) -> Attribution | None:
    """ "X cited Y", "X ..., citing Y": besides Y's attribution through X, X's own, of
    what it cites (the cue model accepting the citing verb with its object), with the
    citer's source phrase."""
    if found.content_kind != "dobj" or not cue_model().accepts(found):
        return None
    citer = _citer(found, accepted)
    if citer.source is None or citer.source_span is None:
        return None
    if citer is not found and (citer.source.lower_ in _RELATIVES or citer.via != "verb"):
        return None
    own = replace(found, source=citer.source, source_span=citer.source_span)
    return _make(item, own, citer.source)


def _make(item: ParsedArticle, found: Found, head: Token | None) -> Attribution | None:
    if head is None or found.source_span is None:
        return None
    found, head = _past_dateline(item, found, head)
    if _adjective_head(head):  # "Present and former officials said": the parse made
        # the first adjective the head; the officials are the source
        head = next((c for c in head.conjuncts if c.pos_ in ("NOUN", "PROPN")), head)
    lemma = found.cue_token.lemma_.lower()
    publishing = found.via == "verb" and lemma in PUBLISH_VERBS
    source = _describe(head, publishing=publishing)
    assert found.source_span is not None
    lo, hi = found.source_span
    if found.via == "colon" and not lo <= source.start < source.end <= hi:
        # "John McCain: Republican Anger ...": the parse may hang the headline on the
        # name; the source is what stands before the colon
        text = item.text[lo:hi]
        source = replace(source, name=text, start=lo, end=hi, phrase=text)
    sentence = item.sentence_at(found.cue[0])
    return Attribution(
        article=item.id,
        sentence=sentence.index if sentence is not None else -1,
        source=(lo, hi),
        cue=found.cue,
        content=found.content,
        kind=source.kind,
        name=source.name,
        name_span=(source.start, source.end),
        via=found.via,
        named=source.named and not source.anaphor,
        anaphor=source.anaphor,
        lemma=found.cue_token.lemma_.lower(),
        evidence=_STRONG if source.strong else (_PUBLISHED if publishing else _GUESSED),
        states=_states(item, found),
        also=_co_sources(head, publishing=publishing),
        frame=_frame_phrases(found),
    )


def _past_dateline(item: ParsedArticle, found: Found, head: Token) -> tuple[Found, Token]:
    """The source less the dateline that opens its sentence ("ANKARA, Feb. 6 (Agency) --
    NATO Secretary-General Jane Doe today said ...", "CITY, Country (AP) _ Turkey said
    ..."): the parse may make the dateline's place or month the subject. The phrase then
    starts after the dateline (or is the noun phrase there, when the parse left it all in
    the dateline) and its head is the head of that phrase."""
    assert found.source_span is not None
    sentence = item.sentence_at(found.cue[0])
    if sentence is None or head.idx >= sentence.start + _DATELINE_REACH:
        return found, head
    end = dateline_end(item.text[sentence.start : sentence.end])
    if end is None or head.idx >= sentence.start + end:
        return found, head
    cut = sentence.start + end
    lo, hi = found.source_span
    stop = hi if hi > cut else found.cue[0]
    tokens = [t for t in item.doc if max(lo, cut) <= t.idx < stop and not t.is_space]
    if hi <= cut:  # "... (Agency) -- Turkey today welcomed": the noun phrase after it
        run = []
        for t in tokens:
            if t.pos_ not in _PHRASE_POS:
                break
            run.append(t)
        tokens = run
    while tokens and tokens[-1].tag_ == "POS":  # "... -- Turkey's leading activist was
        # released and said": the parse cut the phrase at the owner; its noun follows
        grown = len(tokens)
        while tokens[-1].i + 1 < len(item.doc):
            following = item.doc[tokens[-1].i + 1]
            if following.idx >= found.cue[0] or not _in_phrase(following):
                break
            tokens.append(following)
        if len(tokens) == grown:
            break
    while tokens and (tokens[-1].is_punct or tokens[-1].ent_type_ in ("DATE", "TIME")):
        tokens.pop()  # "Turkey today welcomed": Turkey
    nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN")]
    if not nouns:
        return found, head
    inside = {t.i for t in tokens}
    root = next((t for t in nouns if t.head.i not in inside), nouns[-1])
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return replace(found, source_span=span), root


_DATELINE_REACH = 80
"""A dateline is within the first characters of its sentence (a bound, not tuned)."""
_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"})


def _adjective_head(head: Token) -> bool:
    """A source head that is an adjective coordinated with the noun phrase it modifies
    ("Present and former intelligence officials"): tagged an adjective, or a capitalised
    word opening the sentence that names nothing (no entity) and has nothing of its own."""
    if head.pos_ == "ADJ":
        return True
    return (
        head.pos_ == "PROPN"
        and not head.ent_type_
        and head.i == head.sent.start
        and all(c.dep_ in ("cc", "conj") for c in head.children)
        and any(c.dep_ == "conj" and c.pos_ == "NOUN" for c in head.children)
    )


def _in_phrase(token: Token) -> bool:
    """A word of a noun phrase: a noun, adjective, determiner or number, or a participle
    or noun modifying the next word ("leading", "human rights")."""
    return token.pos_ in _PHRASE_POS or token.dep_ in ("amod", "compound")


def _co_sources(head: Token, *, publishing: bool) -> tuple[tuple[str, str, bool], ...]:
    """The sources coordinated with the head of a source phrase ("according to officials
    and a family spokesman", "Police and two witnesses said"): each a voice of its own."""
    out = []
    for other in head.conjuncts:
        if other.i <= head.i or other.pos_ not in ("NOUN", "PROPN"):
            continue
        source = _describe(other, publishing=publishing)
        if source.anaphor:
            continue
        out.append((source.name, source.kind, source.named))
    return tuple(out)


_FRAME_DEPS = frozenset({"prep", "npadvmod", "advmod"})


def _frame_phrases(found: Found) -> tuple[CharSpan, ...]:
    """The prepositional and adverbial phrases on a verb cue, outside its content and
    source: when, where and how the source spoke ("For the first time since reading the
    report", "on Thursday", "in a statement"). A clause on the cue ("After the bomb killed
    12, police said ...") is a claim of its own and is not among them."""
    if found.via != "verb":
        return ()
    cue = found.cue_token
    out = []
    for child in cue.children:
        if child.dep_ not in _FRAME_DEPS:
            continue
        tokens = list(child.subtree)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if any(s < end and start < e for s, e in found.content):
            continue
        out.append((start, end))
    return tuple(out)


_ESTIMATING = frozenset({"predict", "forecast", "estimate", "project", "expect"})
_SAYING = (
    (FRAME_VERBS - {"claim"}) | PUBLISH_VERBS | RELAY_VERBS | TELL_VERBS | LISTENER_VERBS
) | _ESTIMATING
"""Verbs whose object is what was said, published or forecast ("predicted earnings of 54
cents a share"). "Claim" is not among them: with a noun for object it takes something
("claimed the life of", "claimed victory")."""
_ACTS = frozenset({"dobj", "prep", "xcomp"})


def _describes(token: Token, span: Span) -> bool:
    """Whether ``token`` lies in a relative clause inside ``span``: a description of a
    noun of the object ("ratified the treaty, which must be ratified by 40 states"), not
    a claim the source makes."""
    for ancestor in [token, *token.ancestors]:
        if not span.start <= ancestor.i < span.end:
            return False
        if ancestor.dep_ == "relcl":
            return True
    return False


def _clause_word(token: Token) -> bool:
    """A verb heading a clause ("of firing missiles", "that he lied"), or the "that" /
    "whether" a clause opens with where the parse hung it on a noun; not a participle
    used as an adjective ("the best-known skipper")."""
    if token.dep_ == "mark":
        return True
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound", "nmod")


def _states(item: ParsedArticle, found: Found) -> bool:
    """Whether a verb's content states something someone said or holds: a clause, a
    quotation, or the object of a verb of saying or publishing ("reported the plans").
    An infinitive ("refused to honor the result", "promised to hand over power") or an
    object with no verb in it ("has ruled Myanmar since 1962", "expressed concern over
    the ties") tells what the source did, which the outlet reports."""
    if found.via != "verb" or found.content_kind not in _ACTS:
        return True
    if found.cue_token.lemma_.lower() in _SAYING:
        return True  # "reported the plans", "urged Israel to ...": what it published or said
    if found.content_kind == "xcomp":
        return False
    for start, end in found.content:
        if any(mark in item.text[start:end] for mark in QUOTE_MARKS):
            return True
        span = item.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(_clause_word(t) and not _describes(t, span) for t in span):
            return True  # "accused Russia of firing missiles": the claim it makes
    return False


def _describe(head: Token, *, publishing: bool) -> Source:
    """The source a phrase names; pronouns and unnamed phrases come back unnamed (their
    ``name`` is the phrase, resolved later where the text says who)."""
    if head.lower_ in _RELATIVES and head.dep_ in ("nsubj", "nsubjpass"):
        clause = head.head
        if clause.dep_ == "relcl" and clause.head != clause:
            head = clause.head  # "officials who said": the officials
    found = describe(head, publishing=publishing)
    if found is not None:
        return found
    start, end = head.idx, head.idx + len(head.text)
    if head.lower_ in _QUANTIFIERS:  # "some believe", "many said": unnamed people
        return Source(head.text, start, end, "anonymous", False, head.text, named=False)
    if head.pos_ == "PRON":
        return Source(head.text, start, end, "unknown", False, head.text, anaphor=True)
    phrase = head.doc[head.left_edge.i : head.i + 1]
    kind = "anonymous" if head.tag_ in ("NNS", "NNPS") or head.pos_ == "NUM" else "unknown"
    text = phrase.text
    return Source(text, phrase.start_char, phrase.end_char, kind, False, text, named=False)


def _relayed(cue: Token) -> Token | None:
    """Y of "citing Y" and of "quoted Y as saying"."""
    return child_of(cue, "dobj")


def _relay(
    item: ParsedArticle, found: Found, relayed: Token, accepted: list[Found]
) -> list[Attribution]:
    """ "X reported ..., citing Y": Y is the source of X's content, reached through X."""
    cue = found.cue_token
    citer_found = _citer(found, accepted)
    citer = _make(item, citer_found, citer_found.source)
    span = phrase_span(relayed, cue, ("relcl", "acl", "xcomp", "ccomp", "advcl"))
    content = _relay_content(found, accepted, span[1])
    relay = Found(found.cue, cue, relayed, span, content, "citing", "relay")
    made = _make(item, relay, relayed)
    if made is None:
        return []
    through = citer.name if citer is not None else None
    return [replace(made, through=through, via="citing")]


def _citer(found: Found, accepted: list[Found]) -> Found:
    """Who cites: the subject of "which cited Y" (its own candidate), else the candidate
    of the sentence with the same subject ("X reported ..., citing Y"), else the one just
    before ("according to X citing Y"), else the citing verb's own subject."""
    source = found.source
    if source is None or source.lower_ in _RELATIVES:
        return found
    cue = found.cue_token
    here = [f for f in accepted if f is not found and f.cue_token.sent == cue.sent]
    noun = cue.head
    if cue.dep_ == "acl" and noun.pos_ in ("NOUN", "PROPN"):  # "a report by X citing Y"
        holding = [
            f
            for f in here
            if f.source_span is not None and f.source_span[0] <= noun.idx < f.source_span[1]
        ]
        if holding:
            return holding[0]
        span = (noun.left_edge.idx, noun.idx + len(noun.text))
        return replace(found, source=noun, source_span=span)
    between = [f for f in here if f.via == "according to" and source.i < f.cue_token.i < cue.i]
    if between and source.head != cue:  # "X will go, according to Z, citing Y": Z cites
        return between[-1]
    same = [f for f in here if f.source == source]
    if same:
        return min(same, key=lambda f: abs(f.cue[0] - found.cue[0]))
    before = [f for f in here if f.cue[0] < found.cue[0] and f.source is not None]
    return before[-1] if before else found


def _relay_content(
    found: Found, accepted: list[Found], after: int, depth: int = 0
) -> tuple[CharSpan, ...]:
    """What the relayed source says: what "quoted Y as saying" says, else the citer's
    content; for "Z, which cited Y", what Z was cited for; else the rest of the
    sentence ("X cited Y to report that ...")."""
    if found.content_kind == "as-saying":
        return found.content
    citer = _citer(found, accepted)
    if citer is not found:
        return citer.content
    cue, source = found.cue_token, found.source
    if source is not None and source.lower_ in _RELATIVES and depth < 3:
        noun = source.head.head
        for outer in accepted:
            if outer.cue_token.lemma_.lower() in RELAY_VERBS and _relayed(outer.cue_token) == noun:
                return _relay_content(outer, accepted, after, depth + 1)
    rest = token_spans(t for t in cue.sent if t.idx >= after)
    return rest or beside(cue) or found.content


def _receiver(verb: Token) -> Token | None:
    """The outlet a source told ("told the X newspaper", "said to X")."""
    obj = None
    if verb.lemma_.lower() == "tell":
        obj = child_of(verb, "dobj") or child_of(verb, "dative")
    if obj is None and (to := child_of(verb, "prep", "to")) is not None:
        obj = child_of(to, "pobj")
    if obj is None or obj.lower_ in AUDIENCE_WORDS or obj.pos_ == "PRON":
        return None
    return obj


def _inner_relay(found: Found) -> tuple[Token, Token] | None:
    """(verb, Y) of a relay inside the source phrase: "a report by X citing Y"."""
    if found.source is None or found.source_span is None:
        return None
    lo, hi = found.source_span
    for token in found.source.subtree:
        if not lo <= token.idx < hi or token.dep_ != "acl" or token.tag_ != "VBG":
            continue
        if token.lemma_.lower() in RELAY_VERBS and (obj := child_of(token, "dobj")) is not None:
            return token, obj
    return None


def _citing_agent(head: Token) -> Token | None:
    """X of "a diplomat cited by X", "an official quoted by X"."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in RELAY_VERBS:
            return agent_of(child)
    return None


def _outlet(token: Token | None) -> Source | None:
    """The outlet or agency a phrase names ("the X newspaper"), or refers back to ("the
    newspaper")."""
    if token is None:
        return None
    found = describe(token, publishing=True)
    if found is None or found.kind not in ("outlet", "agency"):
        return None
    return found if found.named or found.anaphor else None


def _wire_tags(item: ParsedArticle) -> list[Attribution]:
    """ "MOSCOW (Reuters) -" and a closing "- AP": the copy comes from an agency; the
    content is the sentence the tag opens or closes."""
    text = item.text
    out: list[Attribution] = []
    tail = max(0, len(text) - 60)
    for match, opening in ((wire_tag_start(text), True), (_WIRE_END.search(text[tail:]), False)):
        if match is None:
            continue
        offset = 0 if opening else tail
        start, end = match.start("tag") + offset, match.end("tag") + offset
        opened = item.sentence_at(match.end() + offset) if opening else None
        sentence = opened or item.sentence_at(start) or item.sentence_at(max(0, start - 2))
        if sentence is None:
            continue
        content = (max(sentence.start, match.end() + offset), sentence.end)
        if content[0] >= content[1]:
            content = (sentence.start, sentence.end)
        tag = match.group("tag").strip()
        cue = (start - 1 if opening else match.start() + offset, end + 1)
        cue = (max(cue[0], 0), min(cue[1], len(text)))
        out.append(
            Attribution(
                item.id,
                sentence.index,
                (start, end),
                cue,
                (content,),
                "agency",
                tag,
                (start, end),
                "wire-tag",
                evidence=_STRONG,
            )
        )
    return out


def _resolve(item: ParsedArticle, found: list[Attribution]) -> list[Attribution]:
    """Pronouns to the nearest named person (or group) before them, "the newspaper" to
    the outlet the article named last; what the text does not resolve stays unnamed."""
    out: list[Attribution] = []
    for att in found:
        if att.through_anaphor:
            att = _resolve_through(att, out)
        if not att.anaphor:
            out.append(att)
            continue
        word = item.text[att.source[0] : att.source[1]].lower()
        target = _antecedent(item, att, word, out)
        out.append(replace(target, anaphor=False) if target is not None else att)
    return out


def _spoken_of(item: ParsedArticle, att: Attribution) -> tuple[CharSpan, ...]:
    """The text a pronoun speaker's words take: its content, and when the pronoun comes
    after what it says ("X wore white and Y wore black, he said."), all of its sentence
    before it, whose people are spoken of, not speaking."""
    if min(s for s, _ in att.content) >= att.source[0]:
        return att.content
    sentence = item.sentence_at(att.source[0])
    if sentence is None:
        return att.content
    return (*att.content, (sentence.start, att.source[0]))


def _speaker_before(
    att: Attribution, before: list[Attribution], *, nested: bool
) -> Attribution | None:
    """The last attribution before ``att``'s cue (no wire tag; ``nested`` ones too or
    not): whose words the text gave just before."""
    return next(
        (
            a
            for a in reversed(before)
            if a.cue[0] < att.cue[0] and a.via != "wire-tag" and (nested or not a.nested)
        ),
        None,
    )


def _group_before(att: Attribution, before: list[Attribution]) -> Attribution | None:
    """What "they" / "we" speaking right after a group's words refers to: the source of
    the sentence before when that source is a group ("Several governments urged ... .
    They said ..."), not a single person."""
    last = _speaker_before(att, before, nested=True)
    if (
        last is None
        or last.anaphor
        or (last.kind in _PEOPLE_KINDS and last.named)  # one person, not a "they"
        or last.sentence not in (att.sentence - 1, att.sentence)
    ):
        return None
    return last


def _unnamed_speaker(att: Attribution, before: list[Attribution]) -> Attribution | None:
    """The speaker of the sentence before ``att``'s when that speaker has no name ("The
    pilot, who asked not to be identified, said ..."): who a "he said" right after is,
    rather than a person the text named earlier. Only the sentence right before counts."""
    last = _speaker_before(att, before, nested=False)
    if (
        last is None
        or last.named
        or last.anaphor
        or last.kind not in _PEOPLE_KINDS | {"anonymous", "unknown"}
        or last.sentence != att.sentence - 1
    ):
        return None
    return last


def _resolve_through(att: Attribution, before: list[Attribution]) -> Attribution:
    """ "told the newspaper": the outlet the article named last, where it named one."""
    outlets = [a for a in before if a.named and a.kind in ("outlet", "agency") and not a.through]
    if not outlets:
        return att
    return replace(att, through=outlets[-1].name, through_anaphor=False)


def _antecedent(
    item: ParsedArticle, att: Attribution, word: str, before: list[Attribution]
) -> Attribution | None:
    named = [a for a in before if a.named and a.cue[0] < att.cue[0] and a.via != "wire-tag"]
    if word in _PERSON_PRONOUNS:
        people = [a for a in named if a.kind in _PEOPLE_KINDS]
        entity = _person_entity(item, att.source[0], _spoken_of(item, att))
        unnamed = _unnamed_speaker(att, before)
        if unnamed is not None:  # "The pilot, who asked not to be named, said he saw the
            # Kennedy party ... . X wore black, he said.": the pilot, not a person the pilot
            # spoke of, nor one named before the pilot
            rivals = [people[-1].end] if people else []
            if entity is not None and not _within(entity[1], unnamed.content):
                rivals.append(entity[1])
            if all(unnamed.cue[0] > at for at in rivals):
                return replace(
                    att, name=unnamed.name, name_span=unnamed.name_span, kind=unnamed.kind
                )
        if entity is not None and (not people or entity[1] > people[-1].end):
            found = (entity[1], entity[2])
            return replace(att, name=entity[0], name_span=found, kind="person", named=True)
        if people:
            return _as(att, people[-1])
        title = title_person(item)
        if title is not None:
            return replace(att, name=title, name_span=None, kind="person", named=True)
        return None
    if word in _GROUP_PRONOUNS:
        group = _group_before(att, before)
        return None if group is None else replace(_as(att, group), named=group.named)
    if word in _THING_PRONOUNS:
        return None
    if att.kind in ("outlet", "agency"):
        outlets = [a for a in named if a.kind in ("outlet", "agency") and a.through is None]
        same = [a for a in outlets if a.kind == att.kind] or outlets
        if not same or _one_of_several(item, same[-1]):
            return None  # "X and Y reported ... the newspaper said": the text says not which
        return _as(att, same[-1])
    if att.kind == "document":  # "the report": the last outlet (or publisher) named
        publishers = [a for a in named if a.kind in _PUBLISHERS and a.through is None]
        if "report" in word:
            outlets = [a for a in publishers if a.kind in ("outlet", "agency")]
            chosen = outlets or publishers
        else:  # "the statement": whoever the text says issued one ("X said in a statement")
            noun = word.split()[-1] if word.split() else word
            chosen = [a for a in publishers if _mentions(item, a, noun)]
        return _as(att, chosen[-1]) if chosen else None
    return None


def _mentions(item: ParsedArticle, att: Attribution, noun: str) -> bool:
    """Whether an attribution's cue names a document by ``noun`` outside what is said
    ("X said in a statement", "In a statement, X announced"; not "X said Y wrote a
    statement")."""
    cue = item.doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
    if cue is None or not len(cue):
        return False
    return any(
        (t.lower_ == noun or t.lemma_.lower() == noun)
        and not any(s <= t.idx < e for s, e in att.content)
        for t in cue.root.subtree
    )


def _one_of_several(item: ParsedArticle, att: Attribution) -> bool:
    """Whether a source is named together with another ("Le Monde and Le Figaro")."""
    if att.name_span is None:
        return False
    span = item.doc.char_span(*att.name_span, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


def _as(att: Attribution, target: Attribution) -> Attribution:
    return replace(
        att,
        name=target.name,
        name_span=target.name_span,
        kind=target.kind,
        named=True,
        evidence=target.evidence,
    )


def _person_entity(
    item: ParsedArticle, char: int, content: Sequence[CharSpan] = ()
) -> tuple[str, int, int] | None:
    """The last PERSON entity of the text before ``char`` that can speak: not the object
    of "of"/"in"/"from" ("the mayor of Dunmore" is a place the tagger took for a name),
    nor a lowercase word in a text that capitalises names, nor a person the pronoun's
    own content speaks of ("X wore black pants, he said": "he" is not X); a surname alone
    is the full name written before it ("Lopez": "Mary Lopez")."""
    last = None
    full: dict[str, str] = {}
    for ent in item.doc.ents:
        if ent.start_char >= char:
            break
        if ent.label_ != "PERSON":
            continue
        if _within(ent.start_char, content):
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in ("of", "in", "from", "at", "near"):
            continue
        if ent.text.islower() and item.cased:
            continue  # "the timber wolf": a common noun the tagger took for a name
        words = ent.text.split()
        name = ent.text if len(words) > 1 else full.get(words[0], ent.text)
        if len(words) > 1:
            full[words[-1]] = ent.text
        last = (name, ent.start_char, ent.end_char)
    return last


def title_person(item: ParsedArticle) -> str | None:
    """A person the article's title names ("Merkel: ..."), for a speaker the body names
    only by pronoun."""
    title = item.article.title
    if not title:
        return None
    from .nlp import get_nlp

    for ent in get_nlp()(title[:300]).ents:
        if ent.label_ == "PERSON":
            return str(ent.text)
    return None


def _mark_nested(found: list[Attribution]) -> list[Attribution]:
    out = []
    for att in found:
        inside = any(
            other is not att
            and _within(att.cue[0], other.content)
            and not _within(other.cue[0], att.content)
            for other in found
            if other.via not in ("wire-tag", "citing")
        )
        relay = att.via == "citing"  # nested exactly when its citer is
        out.append(replace(att, nested=inside) if inside and not relay else att)
    return out


def _within(char: int, spans: Sequence[CharSpan]) -> bool:
    return any(start <= char < end for start, end in spans)


def _unify_kinds(found: list[Attribution]) -> list[Attribution]:
    """One kind per named source across the story: a cue word beats a publishing verb,
    which beats an entity label; then the most frequent."""
    votes: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)
    for att in found:
        if att.named:
            votes[name_key(att.name)][(att.evidence, att.kind)] += 1
    kinds = {
        key: max(counter.items(), key=lambda kv: (kv[0][0], kv[1], kv[0][1]))[0][1]
        for key, counter in votes.items()
    }
    return [replace(a, kind=kinds[name_key(a.name)]) if a.named else a for a in found]


def name_key(name: str) -> str:
    """A name folded for comparison: case, punctuation, articles and plural -s dropped."""
    words = re.sub(r"[^\w\s]", " ", name.casefold().replace("-", " ")).split()
    words = [w for w in words if w not in ("the", "a", "an")]
    return " ".join(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words
    )
