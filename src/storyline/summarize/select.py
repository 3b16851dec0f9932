"""Which sentences make the brief, and in what order.

The units are the story's facts (``storyline.analyze.facts``): one statement and every
article sentence that makes it. Any self-contained mention of a fact may voice it (not
one opening with a pronoun, a connective or "the newspaper said", which need a sentence
before them). Which voices make the brief is a concept-coverage problem solved exactly
(:mod:`.coverage`): the brief within the word budget whose sentences cover the most
weight of the story's concepts, the word bigrams two or more of its articles use (more
when an article uses one in its lead); at most one voice per fact, never two near-repeats
(MiniLM cosine ``REPEAT_SIMILARITY`` or more). Room left in the budget is filled with the
sentences that add the most of the story's content words. A chosen line that states a
timeless generality, not news ("Malaria is a parasitic infection.": :func:`generic_statement`),
makes the brief be chosen again without it. A sentence is written less the
dateline that opens it ("PARIS (Agency) -- ", "LAGOS _ "): words no summary needs.

Order: the lead (the chosen fact stated earliest in an article, news putting its point
first; ties: the one whose concepts weigh most) first, then the rest
by the date of the earliest article that states them and their position in the articles:
chronology across days, reading order within one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ..analyze.facts import Fact, FactMention
from ..analyze.nlp import keeps_case
from ..clean.furniture import furniture_end
from ..clean.metadata import without_dateline
from ..dedupe.canonical import published_timestamp
from ..types import Article, Citation
from .coverage import (
    Candidate,
    Concept,
    choose,
    concept_weights,
    concepts,
    fill,
    term_weights,
    terms,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Vector = npt.NDArray[np.float32]

REPEAT_SIMILARITY = 0.8
"""Two sentences this similar (MiniLM cosine) are near-repeats: never both in a brief."""

MAX_REDRAWS = 12
"""Times the room of a line that names nothing is filled again (then such lines are just
left out)."""

REFILL_WORDS = 15
"""The room a left-out line leaves is filled only with sentences this long or longer:
short ones fill it best and are the most often fragments ("Wind turbines are part of
the plans.")."""

MIN_WORDS = 6
MAX_WORDS = 60
"""Sentences outside this length (captions, run-on lists) are not brief material."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PRONOUN_OPENERS = _words(
    "he she it they we i his her its their our this that these those such him them there's"
)
_CONNECTIVE_OPENERS = _words(
    "but and or so yet also however meanwhile moreover furthermore still instead "
    "besides nevertheless nonetheless thus therefore hence then likewise similarly "
    "additionally otherwise later earlier afterwards afterward now"
)
_REPORTING_VERBS = _words(
    "said says reported reports added adds noted notes stated states told wrote "
    "writes cited cites claimed claims quoted quotes explained explains continued"
)
_ANSWER = re.compile(r"\s*(?:yes|no|well|oh|okay|ok|sure|indeed)\s*[,!]", re.IGNORECASE)
"""An interjection opening a sentence ("Yes, ...", "Well, ..."): a reply to the one before."""
_BACK_PHRASES = frozenset({"for instance", "for example", "in another"})
"""Openers that point back: an instance of, or another one than, what came before."""
_INTRO_PRONOUN = re.compile(
    r"[^,:\"“`']{1,80}[,:]\s+(?:it(?:'s|’s)|(?:it|they)"
    r"(?:\s+(?:\w+ly|still|also|now|never|already|even|just|often|soon))?"
    r"\s+(?:is|was|are|were|has|have|had|will|would|can|could|may|might|must|should"
    r"|did|does|do))\b",
    re.IGNORECASE,
)
"""A main clause whose subject is "it" or "they", after an opening phrase and a comma or
colon ("Unlike most ferries, they were built of oak.", "Despite its prizes, it recently
has lost ...", "One problem: it's no longer true")."""
_EXPLETIVE_TAIL = re.compile(r"\b(?:to|that)\b")
"""An "it" that stands for what follows ("In Velmora, it is illegal to smoke.")."""
_CONTRACTIONS = ("'s", "'re", "'ve", "'ll", "'d", "'m")
_WORD = re.compile(r"[\w'’-]+")
_QUANTIFIERS = _words("several many some most both all few none others each")
_COPULAS = _words("are were is was have had will would can could")
_SAID_THIS = re.compile(r"\b(?:said|says|did|wrote|told \w+) (?:this|so)\b", re.IGNORECASE)
_QUOTE_SPEAKER = re.compile(r"(?:''|[”\"]),?\s+(\w+)\s+(\w+)[.,]\s+(?:``|[“\"])")
"""A speaker between two parts of one quotation: '…,'' he said. ``…'."""
_LIST_ITEM = re.compile(r"\s*[_•*–-]\s+")
"""A list mark opening a line ("_ Called the economy sparkling."): an item of a list,
which stands alone only when it is a sentence of its own."""
_TIME_AFTER = re.compile(
    r"(?:\w+\s+){0,2}(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+"
    r"(?:later|earlier|afterwards?)\b",
    re.IGNORECASE,
)
"""A line opening with a time counted from something before it ("Two days later, ...")."""
_THEN = re.compile(
    r"(?:at\s+(?:the|that)\s+(?:time|point|moment)|by\s+then|since\s+then|until\s+then|"
    r"after\s+that|before\s+that|even\s+then|back\s+then)\s*,",
    re.IGNORECASE,
)
"""A line opening with the time of something before it ("At the time, X was 4.")."""
_POINTING_OPENER = re.compile(
    r"(?:[A-Za-z]+\s+){1,3}(?:this|that|these|those|such)"
    r"(?!\s+(?:year|week|month|morning|afternoon|evening|night|weekend|season|spring|summer"
    r"|fall|autumn|winter|decade|century)\b)(?:\s+[a-z]+){0,2}\s*,",
    re.IGNORECASE,
)
"""A line opening with a phrase that points back ("In this regard, ...", "For that reason,
...", "Despite this, ..."): to what, the sentence before says; not a time of the report's
own ("In this year's race, ...")."""
_NEAR_TIME = (
    r"(?:this|these)\s+(?:past\s+)?(?:days|week|weekend|month|year|season|morning|afternoon"
    r"|evening|spring|summer|fall|autumn|winter)\b(?!['’])"
)
_THIS_TIME = re.compile(
    rf"(?:(?:earlier|later)\s+{_NEAR_TIME}|{_NEAR_TIME}|so\s+far(?:\s+{_NEAR_TIME})?)[\s,]*",
    re.IGNORECASE,
)
"""A line opening with a time counted from the day of the report ("This year, 13 people
...", "This week Ana Lind launched ...", "Earlier this week, ...", "So far, ..."): a time,
not a pointer back, unlike "That year" or "Two days later"."""
_EXTRAPOSED = re.compile(
    r"it\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|remains|remained|seems|seemed)"
    r"\s+(?:(?:\w+ly|still|also|now|not|long|widely|generally)\s+)?(?!so\b|such\b|too\b)\w+"
    r"\s+(?:that|whether)\b",
    re.IGNORECASE,
)
"""A line opening with an "it" that stands for the clause it announces ("It is estimated
that ...", "It was unclear whether ..."), not for something before it ("It was so calm
that ...": what was, the text before says)."""
_VERB_FIRST = re.compile(r"[A-Z][a-z]+\s+[a-z$]")
"""A line that may open with its verb: a list item cut from its head ("Was fined $200.",
"Wrote two books ...")."""
_THE_SOURCE_SAID = re.compile(r",\s+the\s+([a-z]+)\s+(\w+)[.!]?[\"'”’]*$")
"""A reporting frame closing the line with "the" + a common noun ("..., the paper said.")."""
_MEDIA_NOUNS = _words(
    "paper newspaper daily weekly agency report magazine station network broadcaster "
    "channel website"
)
"""Nouns by which a sentence points back to an outlet it named before ("the paper")."""
_BARE_COUNT = re.compile(
    r"\b(?:with|of)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"[.!]?[\"'”’]*$",
    re.IGNORECASE,
)
"""A count in words closing the line with no noun ("followed with five.", "one of
three."): what is counted, the sentence before says."""
_SHORT = 7
"""Words of a short sentence, which must name what it is about."""


def is_dependent(text: str) -> bool:
    """True for a sentence that needs the one before it to be understood.

    It opens with a pronoun or a connective ("He said...", "But...", "However, ..."), or
    with "the" + an outlet's noun + a reporting verb ("The newspaper said ...", "The report
    states ..."): a reference back to something the article named earlier; or it ends
    with a pronoun speaker ('"…," he said.', "…, said she."). A time counted from the
    report's day opening it ("This year, ...", "So far ...") is read past; an "it" that
    announces a clause ("It is estimated that ...") points back to nothing.
    """
    if time := _THIS_TIME.match(text):
        rest = text[time.end() :]  # "This year, he said ...": the rest is read as a line
        return not rest or is_dependent(rest[:1].upper() + rest[1:])
    words = _WORD.findall(text[:80])
    if not words:
        return True
    first = words[0].lower().replace("’", "'")
    if first.split("'")[0] in _PRONOUN_OPENERS and first.endswith(_CONTRACTIONS):
        return True  # "It's a story as old as history.": what "it" is, the text before says
    if _EXTRAPOSED.match(text):
        pass  # "It is estimated that ...": the "it" of what follows, which the line says
    elif first in _PRONOUN_OPENERS or first in _CONNECTIVE_OPENERS:
        return True
    if _ANSWER.match(text):
        return True  # "Yes, the players work hard ...": the answer to what came before
    if (
        first == "both"
        and text[:1].isalpha()
        and len(words) > 1
        and words[1].islower()
        and words[1] != "the"
    ):
        return True  # "Both later switched parties ...": both of whom, the text before says
    if len(words) > 2 and words[1].lower() == "such" and words[2].lower() != "as":
        return True  # "No such attempt was described ...": such as what, the text before says
    if first == "another" or " ".join(w.lower() for w in words[:2]) in _BACK_PHRASES:
        return True  # "For instance, ...", "In another tie, ...": of what, the text before says
    if (m := _INTRO_PRONOUN.match(text)) and not _EXPLETIVE_TAIL.search(text, m.end()):
        return True  # "On the outside, it's plain.": what "it" is, the text before says
    if first in _QUANTIFIERS and len(words) > 1 and words[1].lower() in _COPULAS:
        return True  # "Several are class-action suits": several of what, the text before says
    if _SAID_THIS.search(text):
        return True  # "X said this when ...": what, the sentence before says
    if item := _LIST_ITEM.match(text):
        rest = text[item.end() :]  # "_ Called the economy sparkling.": who, the head says
        return is_dependent(rest) or _subjectless(rest)
    if _TIME_AFTER.match(text) or _THEN.match(text) or _POINTING_OPENER.match(text):
        return True  # "Hours later, ...", "At the time, ...": of what, the sentence before says
    if (m := _THE_SOURCE_SAID.search(text)) and (
        m.group(1) in _MEDIA_NOUNS and m.group(2).lower() in _REPORTING_VERBS
    ):
        return True  # "..., the paper said.": which paper, the sentence before says
    if _BARE_COUNT.search(text):
        return True  # "X followed with five.": five what, the sentence before says
    if first == "the" and len(words) >= 3:
        noun, verb = words[1], words[2].lower()
        if noun in _MEDIA_NOUNS and verb in _REPORTING_VERBS:
            return True  # "The paper said ...": which paper (not "The experts said ...": the
            # claim stands; who they are, :func:`unnamed_subject` reads)
        # "The ship has never been found.": a short sentence about "the" something that
        # names nothing, no number, no date: which ship, only the sentences before say
        if len(text.split()) <= _SHORT and not any(
            w[:1].isupper() or w[:1].isdigit() for w in words[1:]
        ):
            return True
    # '"…," he said.': who "he" is, the sentence does not say
    last = [w.lower() for w in _WORD.findall(text[-40:])][-2:]
    if len(last) == 2 and (
        (last[0] in _PRONOUN_OPENERS and last[1] in _REPORTING_VERBS)
        or (last[0] in _REPORTING_VERBS and last[1] in _PRONOUN_OPENERS)
    ):
        return True
    # the same between two parts of a quotation the line runs on with: '"…," he said. "…"'
    if any(
        m.group(1).lower() in _PRONOUN_OPENERS and m.group(2).lower() in _REPORTING_VERBS
        for m in _QUOTE_SPEAKER.finditer(text)
    ):
        return True
    return _wholly_quoted(text)


_SPEAKER_SAID = re.compile(
    r"^(?P<speaker>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+(?:said|says|told\s+\w+|added|"
    r"noted|explained)(?:\s+that)?\s+(?=the\s)"
)
"""A named speaker opening the line, his claim opening with "the": "Berg said the …"."""
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"det", "amod", "compound"})
_AUXILIARY_DEPS = frozenset({"aux", "auxpass", "neg"})
_SUBJECT_REACH = 4
"""The last token a bare "the" + noun subject may end on: "The new labour permits"."""


def unnamed_subject(text: str) -> tuple[str, bool] | None:
    """The head noun of a line whose subject is "the" + a common noun and nothing more
    ("The center has offered …", "Berg said the therapies work …") when the line names
    nothing (no capitalised word past its opening and speaker, no figure): which center,
    which therapies, only the text before says, unless the story is about them. With it,
    whether the speaker is a bare single name ("Berg said …"), who is not identified
    either. None for any other line: a named subject, a subject with a complement ("The
    old method of grafting …"), a line naming a person, place or number."""
    speaker = _SPEAKER_SAID.match(text)
    claim = text[speaker.end() :] if speaker else text
    words = _WORD.findall(claim)
    if (
        len(words) < 3
        or words[0].lower() != "the"
        or any(w[:1].isupper() or w[:1].isdigit() for w in words[1:])
    ):
        return None
    from ..analyze.nlp import get_nlp

    doc = get_nlp()(claim)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or doc[0].lower_ != "the":
        return None
    subject = next((t for t in root.children if t.dep_ in _SUBJECT_DEPS), None)
    if (
        subject is None
        or subject.pos_ != "NOUN"
        or subject.i > _SUBJECT_REACH
        or any(c.dep_ not in _MODIFIER_DEPS for c in subject.children)
        or (subject.i + 1 != root.i and doc[subject.i + 1].dep_ not in _AUXILIARY_DEPS)
    ):
        return None  # a subject with a complement, or a clause between it and its verb
    bare_speaker = speaker is not None and len(speaker.group("speaker").split()) == 1
    return subject.lower_, bare_speaker


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
_BARE_NP_DEPS = frozenset({"det", "amod", "compound", "punct"})
_OBJECT_PRONOUNS = frozenset({"it", "them"})
_PERSON_OBJECTS = frozenset({"him", "her"})
_POINTING = frozenset({"the", "this", "that", "these", "those"})


@lru_cache(maxsize=4096)
def bare_arguments(text: str) -> tuple[str | None, ...]:
    """What the claim of a line is about and the line does not say: the head noun of each
    subject or object of its main verb (and of the clause a speaker's verb reports) that
    is "the" + a common noun and nothing more ("... won't prosecute the camper", "he
    welcomed the study", "The disease is ..."), unless the line names that noun before
    it, or a person's bare name ("Lundy pleaded guilty ...", but not the speaker of "Lundy
    said ...", whose claim may stand); None for an object "it" / "them" with no clause it
    stands for ("X called it the finest ..."; not "made it clear that ..."). Which camper,
    which Lundy, what "it" is, only the text before says, or an earlier line of the
    brief. Likewise an object "him" / "her" with no person named before it in the line
    ("Jurors convicted her in December"), and "that" / "this" standing alone as a subject
    or object anywhere in it (:func:`_pointing_pronouns`)."""
    from ..analyze.nlp import get_nlp

    doc = get_nlp()(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return ()
    verbs = [root, *(c for c in root.children if c.dep_ == "ccomp")]
    found: list[str | None] = [None for _ in _pointing_pronouns(doc)]
    for verb in verbs:
        for arg in verb.children:
            if arg.dep_ not in _ARGUMENT_DEPS:
                continue
            if arg.lower_ == "them" or (
                arg.dep_ == "dobj"
                and arg.lower_ in _OBJECT_PRONOUNS
                and (arg.lower_ != "it" or not any(_stands_for(c, doc) for c in verb.children))
            ):  # "them" is never the "it" of "made it clear that ..."
                found.append(None)
                continue
            if (
                arg.dep_ == "dobj"
                and arg.lower_ in _PERSON_OBJECTS
                and not any(e.label_ == "PERSON" and e.end <= arg.i for e in doc.ents)
            ):  # "Jurors convicted her": who, no name before it in the line says
                found.append(None)
                continue
            children = list(arg.children)
            if (
                arg.dep_ != "dobj"
                and arg.pos_ == "PROPN"
                and arg.ent_type_ in ("PERSON", "")
                and all(c.dep_ == "punct" or (c.dep_ == "appos" and c.like_num) for c in children)
                and not (verb is root and verb.lower_ in _REPORTING_VERBS)
                and not any(t.lower_ == arg.lower_ for t in doc[: arg.i])
            ):
                found.append(arg.lower_)  # "Lundy pleaded guilty ...": which Lundy
                continue
            found.extend(_pointed_inside(arg, doc))
            # the speaker of "..., the official said." (not "the paper"): the claim
            # stands, as that of "Lundy said ..." does
            speaker = arg.dep_ == "nsubj" and verb is root and verb.lower_ in _REPORTING_VERBS
            owner = _bare_owner(arg, doc)
            if owner is not None and not speaker:
                found.append(owner)  # "The committee's standards list ...": which committee
                continue
            if _bare_noun(arg, doc, appositions=True) and not (
                speaker and arg.lower_ not in _MEDIA_NOUNS
            ):
                found.append(arg.lower_)
    return tuple(found)


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}\Z")
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE", "TIME"})


def back_references(text: str, before: str) -> tuple[str, ...]:
    """The names a line's claim is about in a shortened form that its article gave in
    full before it (``before``: the article's text before the line): an acronym spelt out
    with it in brackets ("the National League for Democracy (NLD)", then "The NLD won
    ...") or a last name after a first ("Regis Philbin", then "Philbin did it ...").
    Who they are, only that earlier text says, unless an earlier line of the brief names
    them. A speaker's bare name ("Philbin said ...") leaves the claim standing, and a
    place is a place."""
    if not before:
        return ()
    found: list[str] = []
    for word, proper in _one_word_subjects(text):
        if not proper and re.search(rf"\b{re.escape(word.lower())}\b", before):
            continue  # a common noun after all: the text before writes it in lower case
        name = re.escape(word)
        if _ACRONYM.match(word):
            earlier = re.search(rf"[A-Z][\w'’-]*[^()\n]*\(\s*{name}\s*\)", before)
        elif word[:1].isupper() and word[1:].islower() and len(word) > 2:
            earlier = re.search(rf"\b[A-Z][a-z]+\.? {name}\b(?![ -][A-Z])", before)
        else:
            earlier = None
        if earlier is not None:
            found.append(word.lower())
    return tuple(found)


@lru_cache(maxsize=4096)
def _one_word_subjects(text: str) -> tuple[tuple[str, bool], ...]:
    """The one-word subjects of a line's claim that may be names (word, whether tagged a
    proper noun): a proper noun, or a capitalised word the tagger took for a common noun
    at the start of a sentence ("Jospin was responding ..."); not a speaker's ("Philbin
    said ..."), a place or a word the line used before."""
    from ..analyze.nlp import get_nlp

    doc = get_nlp()(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return ()
    out: list[tuple[str, bool]] = []
    for verb in (root, *(c for c in root.children if c.dep_ == "ccomp")):
        if verb.lower_ in _REPORTING_VERBS:
            continue  # "Kazantsev said ..., Interfax reported": a speaker
        for arg in verb.children:
            if (
                arg.dep_ not in ("nsubj", "nsubjpass")
                or not (arg.pos_ == "PROPN" or (arg.pos_ == "NOUN" and arg.text[:1].isupper()))
                or arg.ent_type_ in _PLACE_LABELS
                or any(c.dep_ not in ("det", "punct", "case") for c in arg.children)
                or any(t.lower_ == arg.lower_ for t in doc[: arg.i])
            ):
                continue
            out.append((arg.text, arg.pos_ == "PROPN"))
    return tuple(out)


_ANSWERING = frozenset({"comment", "return", "respond", "reply", "answer"})
_REFUSING = frozenset({"decline", "refuse"})
_ASKING = frozenset(
    {"call", "message", "email", "e-mail", "request", "inquiry", "query", "comment", "phone"}
)


@lru_cache(maxsize=4096)
def no_comment(text: str) -> bool:
    """Whether a line's claim is only that someone did not answer the reporter ("X did not
    immediately return calls Tuesday.", "A spokesman declined to comment.", "She could not
    be reached."): the reporter's note on the reporting, no event of the story."""
    from ..analyze.nlp import get_nlp

    doc = get_nlp()(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    verbs = [root]
    if root.lower_ in _REPORTING_VERBS or root.lemma_ in _REPORTING_VERBS:
        verbs = [c for c in root.children if c.dep_ == "ccomp"]
    return any(_not_answering(v) for v in verbs)


def _not_answering(verb: Token) -> bool:
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in verb.children):
        return False  # "... declined to comment, but said talks would resume": news
    negated = any(c.dep_ == "neg" for c in verb.children)
    if verb.lemma_ in _REFUSING:
        return any(c.dep_ == "xcomp" and _answering(c, True) for c in verb.children)
    if verb.lemma_ == "reach":
        return negated and any(c.dep_ == "auxpass" for c in verb.children)
    return negated and _answering(verb, False)


def _answering(verb: Token, alone: bool) -> bool:
    """A verb of answering whose object, if any, is the reporter's asking ("return
    calls", "respond to requests for comment", "comment" alone)."""
    if verb.lemma_ not in _ANSWERING:
        return False
    if verb.lemma_ == "comment":
        return True  # on whatever it is asked about
    asked = [
        t
        for c in verb.children
        if c.dep_ in ("dobj", "prep")
        for t in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"])
    ]
    if not asked:
        return alone
    return all(t.lemma_.lower() in _ASKING for t in asked)


def _bare_noun(noun: Token, doc: Doc, appositions: bool = False) -> bool:
    """Whether ``noun`` is "the" (or "this", "that" ...) + a common noun and nothing that
    says which: adjectives and compounds in lower case only, no figure, not named before
    it in the line. With ``appositions``, a description set off after it that names
    nothing either ("The president, a saxophone player who played in a band, ...") does
    not say which."""
    children = list(noun.children)
    allowed = _BARE_NP_DEPS | {"case"} | ({"appos"} if appositions else frozenset())
    return (
        noun.pos_ == "NOUN"
        and noun.text.islower()
        and any(c.dep_ == "det" and c.lower_ in _POINTING for c in children)
        and all(c.dep_ in allowed for c in children)
        and not any(t.text[:1].isupper() or t.like_num for t in list(noun.subtree)[1:])
        and not any(_same_noun(t.lower_, noun.lower_) for t in doc[: noun.left_edge.i])
    )


def _bare_owner(arg: Token, doc: Doc) -> str | None:
    """The owner of an argument when the owner is a bare "the" + noun ("The committee's
    standards", "the city's worst infestation"): which committee, which city, only the
    text before says, whatever the argument's own words."""
    owner = next((c for c in arg.children if c.dep_ == "poss"), None)
    if (
        owner is None
        or not _bare_noun(owner, doc)
        or any(t.text[:1].isupper() or t.like_num for t in arg.subtree if t not in owner.subtree)
    ):
        return None
    return owner.lower_


def _stands_for(clause: Token, doc: Doc) -> bool:
    """Whether a clause on a verb may be what its object "it" stands for ("made it clear
    that ...", "found it hard to ..."): a complement, or an adverbial clause not set off by
    a comma ("did it gladly, informing viewers ..." is another action)."""
    if clause.dep_ in ("ccomp", "xcomp"):
        return True
    start = clause.left_edge.i
    return clause.dep_ == "advcl" and not (start > 0 and doc[start - 1].text == ",")


_DEMONSTRATIVES = frozenset({"these", "those"})
_POINTING_PRONOUNS = frozenset({"that", "this"})


def _pointing_pronouns(doc: Doc) -> list[Token]:
    """ "that" / "this" standing alone as a subject or object of a verb other than the
    copula, outside a quotation and not a relative pronoun ("... not to let that happen
    again", "called this the worst flood"): what it stands for, only the text before
    says."""
    return [
        t
        for t in doc
        if t.lower_ in _POINTING_PRONOUNS
        and t.dep_ in ("nsubj", "nsubjpass", "dobj")
        and t.head.dep_ not in ("relcl", "acl")
        and (t.head.lemma_ != "be" or _explains(t.head))  # "this is part of ...": a
        # copula's subject may stand; not "that's because ...", "this is why ..."
        and not any(c.dep_ == "relcl" for c in t.children)
        and not _quoted_at(doc.text, t.idx)
    ]


_EXPLAINING = frozenset({"because", "why", "how"})


def _explains(copula: Token) -> bool:
    """Whether the copula's complement is a clause giving a reason or a way ("that's
    because ...", "this is why ...", "that is how ..."): an explanation of what the text
    before says."""
    return any(
        c.dep_ in ("advcl", "ccomp")
        and any(m.dep_ in ("mark", "advmod") and m.lower_ in _EXPLAINING for m in c.children)
        for c in copula.children
    )


def _pointed_inside(arg: Token, doc: Doc) -> list[str]:
    """Nouns inside an argument (not its head) that "these" / "those" / "such" point back
    to, with no clause of their own saying which ("The message in those speeches ...",
    "The crucial period for such factors ..."; not "those speeches that he gave in May",
    "ports such as Velmora"), unless the line names them before."""
    out = []
    for token in arg.subtree:
        if token is arg or token.pos_ != "NOUN" or not token.text.islower():
            continue
        if not any(
            (c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES)
            or (c.lower_ == "such" and c.i + 1 < len(doc) and doc[c.i + 1].lower_ != "as")
            for c in token.children
        ):
            continue
        if any(c.dep_ in ("relcl", "acl") for c in token.children):
            continue
        if _quoted_at(doc.text, token.idx):
            continue  # a speaker's "these elections": the speaker's own, said on the spot
        if not any(_same_noun(t.lower_, token.lower_) for t in doc[: token.left_edge.i]):
            out.append(token.lower_)
    return out


def _quoted_at(text: str, at: int) -> bool:
    """Whether a quotation opened before ``at`` in ``text`` is still open there (marks
    read as :func:`_mark_kind` reads them)."""
    inside = False
    for m in _MARK.finditer(text, 0, at):
        kind = _mark_kind(text, m.start(), m.group())
        inside = kind == "open" or (kind == "toggle" and not inside)
    return inside


def _same_noun(word: str, noun: str) -> bool:
    """Whether ``word`` names ``noun``: the same word, singular or plural, or a compound
    ending in it ("earthquake" for "the quake")."""
    word, noun = _singular(word), _singular(noun)
    return word == noun or (len(noun) >= 4 and word.endswith(noun))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _names(words: Iterable[str], head: str | None) -> bool:
    """Whether one of ``words`` (lower case) names ``head`` (nothing names "it": None)."""
    return head is not None and any(_same_noun(w, head) for w in words)


def _central(head: str | None, central: frozenset[str]) -> bool:
    """Whether the story is about ``head`` (:func:`central_words` name it), so that "the"
    + it needs no introduction; never for a word that is mostly a grammar word ("well",
    "part", "side": "as well" in every article makes no story about a well)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return head is not None and head not in STOP_WORDS and _names(central, head)


def _line_words(lines: Iterable[str]) -> list[str]:
    return [w.lower() for line in lines for w in _WORD.findall(line)]


def unnamed(text: str, before: Sequence[str]) -> list[str | None]:
    """The things a line's claim is about (:func:`bare_arguments`) that no line
    ``before`` it names."""
    heads = bare_arguments(text)
    if not heads:
        return []
    words = _line_words(before)
    return [h for h in heads if not _names(words, h)]


def unintroduced(text: str, before: Sequence[str], central: frozenset[str] = frozenset()) -> bool:
    """Whether a line's claim is about "the" something, someone or "it" that neither the
    line nor a line ``before`` it names, nor the story is about (a ``central`` word: "the
    boy" of a story about a boy)."""
    return any(not _central(h, central) for h in unnamed(text, before))


def _named_at(head: str | None, lines: Sequence[str]) -> int | None:
    """The first of ``lines`` that names ``head`` (never one for "it")."""
    return next((n for n, line in enumerate(lines) if _names(_line_words([line]), head)), None)


_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
"""Named-entity kinds that name an actor or an event of a story (not a nationality or
a region: "Americans", "sub-Saharan Africa")."""
_TIME_LABELS = frozenset({"DATE", "TIME"})
_TIMELESS_MODALS = frozenset({"can", "may", "might", "must", "should"})
"""Modals of a standing truth ("Smoke can kill"); "will", "would", "could" tell of an
event to come or one past."""
_DEFINITE = frozenset(
    {"the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your"}
)
_PRESENT = frozenset({"VBZ", "VBP"})


@lru_cache(maxsize=4096)
def generic_statement(text: str) -> bool:
    """Whether a line states a timeless generality rather than news: its main verb is in
    the simple present (or a present passive, or a modal of possibility: "can", "may"),
    no verb of it is past, perfect or progressive, it reports no one ("X says ..."), it
    has no date or time, its subject is a common noun with no definite determiner or
    possessor (a bare plural or mass noun, "an X": "Placements by agencies often cost
    nothing.", "Malaria is a parasitic infection."), and it names no person,
    organisation, place, product or event (a nationality or a region may stand: "a
    disease of Americans"). Background any story could carry, not a fact of this one.
    Read for the brief's lines only (it parses)."""
    from ..analyze.nlp import get_nlp

    doc = get_nlp()(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or any(e.label_ in _TIME_LABELS | _ACTOR_LABELS for e in doc.ents):
        return False
    if any(t.tag_ == "VBD" or (t.tag_ == "MD" and t.lower_ not in _TIMELESS_MODALS) for t in doc):
        return False  # a past event, or one to come
    if any(c.dep_ == "ccomp" for c in root.children):
        return False  # a report ("Experts say ..."): someone's claim, datable
    auxiliaries = [c for c in root.children if c.dep_ in _AUXILIARY_DEPS - {"neg"}]
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False  # perfect: an event up to now
    present = (
        root.tag_ in _PRESENT
        or (root.tag_ == "VB" and any(a.tag_ == "MD" for a in auxiliaries))
        or (
            root.tag_ == "VBN"
            and bool(auxiliaries)
            and all(a.tag_ in _PRESENT and a.lemma_ == "be" for a in auxiliaries)
        )
    )
    subject = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
    return (
        present
        and subject is not None
        and subject.pos_ == "NOUN"
        and not any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE)
            for c in subject.children
        )
    )


_FUNCTION_OPENERS = _words(
    "the a an this that these those some many most all no one two three in on at for by "
    "with from after before during since under over as if when while"
)
_FINITE_OR_PARTICIPLE = frozenset({"VBD", "VBN", "VBZ", "VBP"})


@lru_cache(maxsize=4096)
def opens_with_its_verb(text: str) -> bool:
    """Whether the text opens with its own verb, which has no subject: a list item
    continuing its head ("Wrote two books about the case."), or an imperative, advice or
    an exercise addressed to the reader ("Give them water, but don't overdo it."), not a
    report. Read for the brief's lines only (it parses)."""
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if not _VERB_FIRST.match(text) or first in _FUNCTION_OPENERS:
        return False
    from ..analyze.nlp import get_nlp

    doc = get_nlp()(text)
    return (
        len(doc) > 1
        and doc[0].pos_ in ("VERB", "AUX")
        and (
            doc[0].tag_ in _FINITE_OR_PARTICIPLE or (doc[0].tag_ == "VB" and doc[0].dep_ == "ROOT")
        )
        and _no_subject(doc)
    )


def _no_subject(doc: Doc) -> bool:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root is not None and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children
    )


def _subjectless(text: str) -> bool:
    """Whether the parse gives the text's main verb no subject ("Called the economy
    sparkling."): a list item continuing its head, not a sentence."""
    from ..analyze.nlp import get_nlp

    return _no_subject(get_nlp()(text))


def _wholly_quoted(text: str) -> bool:
    """A line that is one quotation and nothing else ('"You're going to get jacked. It's
    Gay Awareness Week."'): who says it, only the text around it tells."""
    if not text.startswith(("``", "“", '"')):
        return False
    close = next(  # inside the quotation, a mark that does not open one closes it
        (m for m in _MARK.finditer(text, 1) if _mark_kind(text, m.start(), m.group()) != "open"),
        None,
    )
    return close is not None and not text[close.end() :].strip(" .,;:!?")


_LIST_LEAD = re.compile(
    r"\b(?:can|could|will|would|may|might|must|should|include|includes|including|such as)"
    r"\s*:(?!\s*[\"“`'])",
    re.IGNORECASE,
)
"""A list's lead-in run on with its items, as a page flattened to text gives it
("Ransomware can: prevent you from ...", "The sections include: eggs, meats, ..."): no
sentence of its own (a quotation after the colon is a sentence: 'include: "..."')."""


_BULLET = re.compile(r"(?:--?|[_*\u2022\u00b7\u2013\u2014])\s")
"""A list item's mark ("-- $5 million for the program.", "_ The plan lapses."): the
item continues a lead-in in the sentence before, no line of its own."""


_FIRST_PERSON = re.compile(r"(?<![\w'’.-])(?:I|i)(?:['’](?:m|ve|d|ll))?(?![\w'’.-])")
"""The writer's "I" ("I", "I'm", "i've" in a lower-cased corpus)."""
_NUMERAL_BEFORE = re.compile(r"\S\s+[A-Z][a-z]+\s+\Z")
"""A name before an "I" past the first word: a numeral ("World War I", "Plan I")."""


def _usable(text: str) -> bool:
    if _LIST_LEAD.search(text) or _BULLET.match(text):
        return False
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return False
    stripped = text.rstrip("\"'”’) ")
    if stripped.endswith(("..", "…")):
        return False  # cut off: a teaser's "funded by the billionaire..."
    if text.startswith(("''", "”", "' ")):
        return False  # the rest of a quotation split off before: "''He's not shying away."
    if any(
        not _quoted_at(text, m.start()) and not _NUMERAL_BEFORE.search(text, 0, m.start())
        for m in _FIRST_PERSON.finditer(text)
    ):
        return False  # the writer speaking ("In this post, I assume ..."): a column's view
    if text.count("(") != text.count(")"):
        return False  # an aside cut from its bracket: "(Runoff from the glaciers adds to it."
    if any(not _quoted_at(text, m.start()) for m in re.finditer(r"\?", text)):
        return False  # the writer's question run on with a sentence: "Was it X's fault? ..."
    return stripped.endswith((".", "!")) and "?" not in text[-3:] and "http" not in text


def brief_text(sentence: str) -> str:
    """The sentence as the brief writes it: less the dateline that opens it ("PARIS
    (Agency) -- ", "LAGOS _ ") and the page furniture glued before it ("Share copy link
    ...", "( Jane Roe/The Daily ) ...": :func:`~storyline.clean.furniture.furniture_end`),
    a suffix of the sentence that :func:`verify_brief <storyline.summarize.verify_brief>`
    accepts."""
    text = without_dateline(sentence)
    return text[furniture_end(text) :]


_MARK = re.compile(r"``|''|[“”\"]")
_OPENS_AFTER = "([{—–-/"  # a mark after a space or one of these, before a word, opens


def _mark_kind(text: str, at: int, mark: str) -> str:
    """ "open", "close" or "toggle" for the quotation mark ``mark`` at ``text[at]``: curly
    marks and newswire's ```` say which; ``''`` and a straight ``"`` open where a word
    follows them after a space (''Girl, Interrupted''), close after a word or a stop."""
    if mark in ("``", "“"):
        return "open"
    if mark == "”":
        return "close"
    before = text[at - 1] if at else " "
    after = text[at + len(mark)] if at + len(mark) < len(text) else " "
    if (before.isspace() or before in _OPENS_AFTER) and (after.isalnum() or after in "`‘“'"):
        return "open"
    if not before.isspace():
        return "close"
    return "toggle"


def quotation_states(article: Article) -> list[tuple[bool, bool]]:
    """Per sentence of ``article``: whether it starts inside a quotation (one a sentence
    before it opened, or one it closes without opening: the rest of a quotation begun a
    paragraph before) and whether it ends inside one (it opens a quotation that a later
    sentence closes). Newswire's ASCII marks (````...''``), curly marks and straight
    ``"`` count; a paragraph break ends every quotation (a quotation running over
    paragraphs opens again in each, or its rest shows by a closing mark)."""
    states: list[tuple[bool, bool]] = []
    inside = False
    previous_end = 0
    for sentence in article.sentences:
        if "\n" in article.text[previous_end : sentence.start]:
            inside = False
        opened = inside
        seen_open = False
        for match in _MARK.finditer(sentence.text):
            kind = _mark_kind(sentence.text, match.start(), match.group())
            if kind == "toggle":
                kind = "close" if inside else "open"
            if kind == "open":
                inside = seen_open = True
            else:
                opened = opened or not (inside or seen_open)  # a closing mark unopened
                inside = False
        states.append((opened, inside))
        previous_end = sentence.end
    return states


@dataclass(frozen=True)
class Pick:
    """One brief sentence: the fact, the mention that voices it, its score (the weight
    of the story concepts it covers) and its text (:func:`brief_text` of the voice)."""

    fact: Fact
    voice: FactMention
    score: float
    text: str
    span: Citation | None = None  # the voice's span when it runs past its sentence (None: it)


_P = tuple[Pick, int]


@dataclass(frozen=True)
class Voice:
    """A mention that may voice its fact, and the span a brief line would take: its
    sentence, or, when a quotation runs over it and other sentences of its paragraph,
    the sentences from the one that opens the quotation to the one that closes it (a
    line never starts or stops inside a quotation)."""

    mention: FactMention
    text: str  # the span's text (the article's own characters)
    span: Citation | None = None  # None: the mention's sentence


def central_words(articles: Sequence[Article]) -> frozenset[str]:
    """The words (lower case) that half the story's articles or more use, two at least:
    what the story is about ("the quake" of a quake story needs no introduction)."""
    counts: dict[str, int] = {}
    for a in articles:
        for word in {w.lower() for w in _WORD.findall(a.text)}:
            counts[word] = counts.get(word, 0) + 1
    least = max(2, (len(articles) + 1) // 2)
    return frozenset(w for w, n in counts.items() if n >= least)


def _unintroduced(text: str, central: frozenset[str]) -> bool:
    """A line about "the" something the story is not about, naming nothing else ("The
    center has offered …"), or whose claim is that and whose speaker is a bare name
    ("Berg said the therapies work …"): it needs the sentences before it."""
    found = unnamed_subject(text)
    return found is not None and (found[1] or not _central(found[0], central))


_SECTION_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}: ")
"""A section label opening a paragraph of a roundup ("NORLAND: Smoking is banned in ...")."""


def _under_label(article: Article | None, start: int) -> bool:
    """Whether the sentence at ``start`` is inside, not at the head of, a paragraph that a
    section label opens ("NORLAND: Cafes are smoky. Two years ago, the government banned
    smoking ..."): which country "the government" is, only the label says."""
    if article is None:
        return False
    head = article.text.rfind("\n", 0, start) + 1
    return head < start and _SECTION_LABEL.match(article.text, head) is not None


def _voices(
    fact: Fact,
    articles: Mapping[str, Article],
    states: Mapping[str, Sequence[tuple[bool, bool]]],
    central: frozenset[str] = frozenset(),
    cased: frozenset[str] = frozenset(),
) -> list[Voice]:
    """The mentions that may voice the fact: usable and self-contained (in an article
    written in upper and lower case (``cased``), not about "the" something the story is not
    about and that the line does not name), the fact's own text first."""
    voices = []
    for m in fact.mentions:
        voice = _voice(m, articles.get(m.article), states.get(m.article, ()))
        if (
            voice is not None
            and _usable(voice.text)
            and not is_dependent(brief_text(voice.text))  # as the brief writes it
            and not (m.article in cased and _unintroduced(brief_text(voice.text), central))
            and not no_comment(brief_text(voice.text))
            and not _under_label(articles.get(m.article), m.start)
        ):
            voices.append(voice)
    return sorted(voices, key=lambda v: brief_text(v.text) != fact.text)


def _voice(
    mention: FactMention, article: Article | None, states: Sequence[tuple[bool, bool]]
) -> Voice | None:
    """The mention's span as a brief line."""
    if article is None or not 0 <= mention.sentence < len(states):
        return Voice(mention, mention.text)
    first = last = mention.sentence
    while first > 0 and states[first][0]:
        first -= 1  # the quotation opened in the sentence before
    while states[last][1] and last + 1 < len(states) and states[last + 1][0]:
        last += 1  # and runs on in the next one
    if states[first][0]:
        return None  # the rest of a quotation begun before the article's first sentence
    if first == last == mention.sentence:
        return Voice(mention, mention.text)
    start, end = article.sentences[first].start, article.sentences[last].end
    if "\n" in article.text[start:end]:
        return None  # the quotation runs over paragraphs: no line holds it whole
    return Voice(mention, article.text[start:end], Citation(mention.article, first, start, end))


def select_sentences(
    facts: Sequence[Fact],
    articles: Sequence[Article],
    vectors: Mapping[tuple[str, int], Vector],
    words: int,
) -> list[Pick]:
    """The brief's sentences within ``words`` words, in brief order (lead first)."""
    texts = [[s.text for s in a.sentences] for a in articles]
    weights = concept_weights(texts)
    by_id = {a.id: a for a in articles}
    states = {a.id: quotation_states(a) for a in articles}
    central = central_words(articles)
    cased = frozenset(a.id for a in articles if keeps_case(a))
    options: list[tuple[Fact, Voice]] = []
    candidates: list[Candidate] = []
    texts_of: list[str] = []
    for group, fact in enumerate(facts):
        for voice in _voices(fact, by_id, states, central, cased):
            text = brief_text(voice.text)
            options.append((fact, voice))
            texts_of.append(text)
            candidates.append(
                Candidate(len(text.split()), frozenset(concepts(text)), group, terms=terms(text))
            )
    repeats = _near_repeats([(f, v.mention) for f, v in options], vectors)
    fills = term_weights(texts)
    chosen = choose(candidates, weights, words, repeats)
    chosen = fill(candidates, chosen, fills, words, repeats)
    for _ in range(MAX_REDRAWS):
        # a timeless generality chosen: the brief is chosen again without it (the best
        # brief of the rest, short sentences too, not only a refill of its room)
        generic = {
            i
            for i in chosen
            if options[i][1].mention.article in cased and generic_statement(texts_of[i])
        }
        if not generic:
            break
        keep = [i for i in range(len(options)) if i not in generic]
        _, repeats = _among(keep, repeats)
        options = [options[i] for i in keep]
        candidates = [candidates[i] for i in keep]
        texts_of = [texts_of[i] for i in keep]
        chosen = choose(candidates, weights, words, repeats)
        chosen = fill(candidates, chosen, fills, words, repeats)
    dropped: set[int] = set()
    moves: dict[int, int] = {}  # option -> the option it must follow
    for _ in range(MAX_REDRAWS + 1):
        ordered = _ordered(
            sorted(
                (
                    (
                        Pick(
                            fact,
                            voice.mention,
                            sum(weights.get(c, 0.0) for c in candidates[i].concepts),
                            texts_of[i],
                            voice.span,
                        ),
                        i,
                    )
                    for i in chosen
                    for fact, voice in [options[i]]
                ),
                key=lambda p: (
                    min(m.sentence for m in p[0].fact.mentions),
                    -p[0].score,
                    p[0].fact.id,
                ),
            ),
            articles,
        )
        ordered = _moved(ordered, moves)
        bad = _unfit(ordered, cased, central, moves, by_id)
        if bad is None:
            break
        if bad >= 0:
            dropped.add(bad)
            chosen = _refill(
                [i for i in chosen if i != bad], dropped, candidates, weights, fills, words, repeats
            )
    return [pick for pick, index in ordered if index not in dropped]


def _unfit(
    ordered: list[_P],
    cased: frozenset[str],
    central: frozenset[str],
    moves: dict[int, int],
    articles: Mapping[str, Article] | None = None,
) -> int | None:
    """The first line of the brief that cannot stand where it is: a list item opening with
    its own verb, a timeless generality (:func:`generic_statement`; in an article written
    in upper and lower case), or a line about "the" something or someone no line before it names, or
    about "it" (its option index; unless the story is about it). One that a later line
    names is moved after that line instead (recorded in ``moves``; -1). None: all stand."""
    for n, (pick, index) in enumerate(ordered):
        if opens_with_its_verb(pick.text):
            return index  # "Wrote two books ...": a list item, who wrote, its head says
        if pick.voice.article in cased and generic_statement(pick.text):
            return index  # "Malaria is a parasitic infection.": background, no news
        if pick.voice.article not in cased:
            continue
        before = [p.text for p, _ in ordered[:n]]
        heads = unnamed(pick.text, before)
        shortened = _shortened(pick, articles, before)
        if not heads and not shortened:
            continue
        heads = [*heads, *shortened]
        at = [_named_at(h, [p.text for p, _ in ordered[n + 1 :]]) for h in heads]
        if index in moves:
            at = [None] * len(heads)  # moved once already: what it needs never comes
        missing = [h for h, a in zip(heads, at, strict=True) if a is None]
        if any(h in shortened or not _central(h, central) for h in missing):
            return index
        if len(missing) < len(heads):
            moves[index] = ordered[n + 1 + max(a for a in at if a is not None)][1]
            return -1
    return None


def _shortened(
    pick: Pick, articles: Mapping[str, Article] | None, before: Sequence[str]
) -> list[str]:
    """:func:`back_references` of a brief line that no line ``before`` it names."""
    article = articles.get(pick.voice.article) if articles else None
    start = pick.span.start if pick.span is not None else pick.voice.start
    if article is None:
        return []
    words = set(_line_words(before))
    return [h for h in back_references(pick.text, article.text[:start]) if h not in words]


def _moved(ordered: list[_P], moves: Mapping[int, int]) -> list[_P]:
    """``ordered`` with each option of ``moves`` put right after the one it must follow."""
    out = list(ordered)
    for index, anchor in moves.items():
        item = next((p for p in out if p[1] == index), None)
        if item is None or not any(p[1] == anchor for p in out):
            continue
        out.remove(item)
        out.insert(next(k for k, p in enumerate(out) if p[1] == anchor) + 1, item)
    return out


def _refill(
    kept: list[int],
    dropped: set[int],
    candidates: Sequence[Candidate],
    weights: dict[Concept, float],
    fills: dict[str, float],
    words: int,
    repeats: Sequence[tuple[int, int]],
) -> list[int]:
    """``kept`` and the best brief of the room left: the candidates neither ``dropped``,
    nor of a kept one's fact, nor near-repeating a kept one, chosen to cover the concepts
    the kept ones do not, then filled as a brief is."""
    groups = {candidates[i].group for i in kept}
    barred = {b for a, b in repeats if a in kept} | {a for a, b in repeats if b in kept}
    free = [
        i
        for i in range(len(candidates))
        if i not in dropped
        and i not in barred
        and candidates[i].group not in groups
        and candidates[i].words >= REFILL_WORDS
    ]
    covered = set().union(*(candidates[i].concepts for i in kept)) if kept else set()
    room = words - sum(candidates[i].words for i in kept)
    left = {c: w for c, w in weights.items() if c not in covered}
    _, pairs = _among(free, repeats)
    added = [free[k] for k in choose([candidates[i] for i in free], left, room, pairs)]
    usable = [
        i
        for i in range(len(candidates))
        if i not in dropped and (i in kept or i in added or candidates[i].words >= REFILL_WORDS)
    ]
    at, pairs = _among(usable, repeats)
    filled = fill(
        [candidates[i] for i in usable], [at[i] for i in kept + added], fills, words, pairs
    )
    return [usable[k] for k in filled]


def _among(
    indices: Sequence[int], repeats: Sequence[tuple[int, int]]
) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Positions of ``indices`` in their list, and the near-repeat pairs among them by
    those positions."""
    at = {i: k for k, i in enumerate(indices)}
    return at, [(at[a], at[b]) for a, b in repeats if a in at and b in at]


def _near_repeats(
    options: Sequence[tuple[Fact, FactMention]], vectors: Mapping[tuple[str, int], Vector]
) -> list[tuple[int, int]]:
    """Pairs of options whose sentences are near-repeats of each other."""
    known = [i for i, (_, m) in enumerate(options) if (m.article, m.sentence) in vectors]
    if len(known) < 2:
        return []
    rows = np.stack([vectors[(options[i][1].article, options[i][1].sentence)] for i in known])
    similar = np.argwhere(np.triu(rows @ rows.T, k=1) >= REPEAT_SIMILARITY)
    return [(known[a], known[b]) for a, b in similar]


def _ordered(picks: list[_P], articles: Sequence[Article]) -> list[_P]:
    """Picks (each with its option index) in brief order: the first given (the lead),
    then the rest by the day of the earliest article stating them and their position."""
    if not picks:
        return []
    day = {a.id: published_timestamp(a.published) // 86400 for a in articles}
    lengths = {a.id: max(len(a.sentences), 1) for a in articles}

    def key(item: _P) -> tuple[float, float, str]:
        pick = item[0]
        first_day = min(day.get(m.article, 0.0) for m in pick.fact.mentions)
        position = sum(m.sentence / lengths.get(m.article, 1) for m in pick.fact.mentions)
        return (first_day, position / len(pick.fact.mentions), pick.fact.id)

    lead, rest = picks[0], sorted(picks[1:], key=key)
    return [lead, *rest]


def headline(
    picks: Sequence[Pick], articles: Sequence[Article], embed: Callable[[list[str]], Vector]
) -> str | None:
    """The article title closest in meaning to the brief as a whole (its sentences'
    vectors averaged: a digest's title, close to one stray line of the brief, loses to
    the story's own); ties: the earliest article's. The lead sentence itself when no
    article has a title; None when empty."""
    titled = sorted(
        (a for a in articles if a.title), key=lambda a: (published_timestamp(a.published), a.id)
    )
    if not picks:
        return titled[0].title if titled else None
    if not titled:
        return picks[0].text
    titles = list(dict.fromkeys(a.title for a in titled if a.title))
    if len(titles) == 1:
        return titles[0]
    rows = embed([*(p.text for p in picks), *titles])
    similarity = rows[len(picks) :] @ rows[: len(picks)].mean(axis=0)
    return titles[int(np.argmax(similarity))]
