"""Quotes and speakers: who said what, merged across the articles that carry it.

A direct mention is text in quotation marks (curly, straight or single curly quotes,
possibly several sentences; a paragraph that opens a quote and leaves it open goes on in
the next one) of at least ``MIN_QUOTE_WORDS`` words; single quoted words are scare
quotes. A reported mention is the clause of "X said that ..." with a person, an official,
an organisation or an unnamed source as X (an outlet "reporting that" is an origin, not a
quote).

The speaker comes from the article's attributions (:mod:`.attributions`), the machinery
that gives facts their origins: the attribution whose content holds the quote ("“...,”
she added" with "she" resolved to the nearest named person; a quote that runs on after
"he said" into the next sentences), else the nearest speech verb in the quote's
sentence, else the nearest attribution of the sentence before.

Mentions merge into one :class:`Quote` when their texts match nearly verbatim
(``VERBATIM`` on rapidfuzz's ratio, or one contained in the other). A mention with the
same speaker and only moderately similar words (``PARAPHRASE`` on token_set_ratio) joins
as a paraphrase: an article that carries the quote only that way is listed in
``paraphrased`` (a reworded "quote").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from storyline.analyze.attributions import Attribution, find_attributions, title_person
from storyline.analyze.nlp import ParsedArticle
from storyline.analyze.origins import same_source
from storyline.analyze.phrases import (
    INSTITUTION_WORDS,
    RELAY_VERBS,
    REPORT_VERBS,
    ROLE_WORDS,
    child_of,
    describe,
    subject_of,
    word_set,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MIN_QUOTE_WORDS = 2
SCARE_WORDS = 3
"""Quoted words in a reporter's sentence, with no speaker, up to which they are scare
quotes (tuned on PolNeAR train, see benchmarks/quotes_polnear.py)."""
CUE_WORDS = 8
"""Words after a quote, to the paragraph's end, that are only its cue ("…," the
senator said on Monday.), so that the next paragraph's quote goes on from it."""
VERBATIM = 92.0
"""rapidfuzz ratio (0-100) at or above which two quoted texts are the same quote."""
PARAPHRASE = 60.0
"""token_set_ratio at or above which a same-speaker mention is a paraphrase of a quote."""

SPEECH_VERBS = REPORT_VERBS | word_set(
    "pledge promise vow describe call urge ask reply respond answer admit argue assert dub term "
    "recount recall exclaim shout scream testify joke quip"
)
REPORTED_VERBS = word_set(
    "say tell add note state explain announce confirm insist warn claim stress declare "
    "acknowledge admit argue assert reply respond answer promise pledge"
)
NAMING_WORDS = word_set("called named titled entitled dubbed nicknamed")
TITLE_NOUNS = word_set(
    "song anthem hymn album film movie book novel poem play show series programme program "
    "campaign slogan motto banner placard poster headline title project exhibition"
)
_SMALL_WORDS = word_set("a an the of to in on at by for from and or but with as its")
_QUOTE = re.compile(
    r"“(?P<curly>[^”\n]+)(?:”|(?=\n+“))"
    r"|\"(?P<straight>[^\"\n]+)\""
    r"|(?<![\w’'])‘(?P<single>[^’\n]*?[^\s’])’(?![\w’])"
)
_SPEAKING = frozenset(("person", "official", "organisation", "anonymous"))
_PRONOUNS = word_set("he she they i we")
_HE = word_set("he she")
_GENDERS = {"he": "he", "she": "she"}
_NOBODY = word_set("no every each any neither")
_HONORIFICS = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
_NOT_SPEAKERS = word_set("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY")
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,[^\n]{0,30}\(")
_Speaker = tuple[str, tuple[str, int, int] | None]


@dataclass(frozen=True)
class QuoteMention:
    """One place an article carries a quote (span of the quoted words in article.text)."""

    article: str
    sentence: int
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None = None
    speaker_span: tuple[str, int, int] | None = None
    paraphrase: bool = False  # joined its quote only by same speaker and similar words


@dataclass(frozen=True)
class Quote:
    """A quote merged across the articles that carry it."""

    text: str
    speaker: str | None
    speaker_span: tuple[str, int, int] | None  # (article, start, end) of the speaker's name
    direct: bool  # some outlet quotes it verbatim in quotation marks
    articles: tuple[str, ...]
    mentions: tuple[QuoteMention, ...]
    paraphrased: tuple[str, ...]  # articles carrying it only as a paraphrase
    entity: str | None = None  # the speaker's entity id, wired in by the caller

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "entity": self.entity,
            "direct": self.direct,
            "articles": list(self.articles),
            "paraphrased": list(self.paraphrased),
            "mentions": [
                {"article": m.article, "sentence": m.sentence, "start": m.start, "end": m.end}
                | {"text": m.text, "direct": m.direct, "paraphrase": m.paraphrase}
                | {"speaker": m.speaker}
                for m in self.mentions
            ],
        }


def extract_quotes(
    parsed: Sequence[ParsedArticle], attributions: Sequence[Attribution] | None = None
) -> list[Quote]:
    """Quotes in the articles, merged across outlets, most widely carried first."""
    if attributions is None:
        attributions = find_attributions(parsed)
    mentions: list[QuoteMention] = []
    for item in map(_typeset, parsed):
        mine = [a for a in attributions if a.article == item.id and a.via != "wire-tag"]
        direct = _direct_mentions(item, mine)
        mentions.extend(direct)
        mentions.extend(_reported_mentions(item, mine, direct))
    return merge_mentions(mentions)


def _typeset(item: ParsedArticle) -> ParsedArticle:
    """The article as the quote search reads it: newswire's ASCII marks (````We won,''
    he said``, as AP and NYT wire copy writes them) as curly ones, each two characters
    long (a space beside the mark) so that every offset stays the article's."""
    text = item.text
    if "``" not in text and "''" not in text:
        return item
    shadowed = ParsedArticle(item.article, item.doc)
    shadowed.__dict__["text"] = text.replace("``", " “").replace("''", "” ")  # cached_property
    return shadowed


def _direct_mentions(item: ParsedArticle, mine: list[Attribution]) -> list[QuoteMention]:
    out: list[QuoteMention] = []
    text = item.text
    matches = list(_QUOTE.finditer(text))
    quoted = [m.span() for m in matches]
    spoken = [a for a in mine if not _within(a, quoted)]
    runs_on: list[int] = []  # mentions whose paragraph leaves the quote open
    for match in matches:
        group = next(g for g in ("curly", "straight", "single") if match.group(g) is not None)
        start, end = match.span(group)
        words = text[start:end].strip(" ,.;:")
        if len(words.split()) < MIN_QUOTE_WORDS:
            continue
        sentence = item.sentence_at(start)
        speaker = _speaker(item, match.start(), match.end(), spoken, quoted)
        opens = _opens(item, match.start())
        if speaker is None and opens:
            speaker = _introduced(item, out[-1] if out else None, match.start())
        if speaker is None and not opens and len(words.split()) <= SCARE_WORDS:
            continue  # a few quoted words in the reporter's own sentence: scare quotes
        if _is_title(text, match.start(), match.end(), words, opens or speaker is not None):
            continue  # a song, a slogan, a banner, a headline: a name, nobody's speech
        if speaker is None and group == "curly" and not text.startswith("”", match.end() - 1):
            runs_on.append(len(out))
        out.append(
            _mention(item.id, sentence.index if sentence else -1, start, end, text, True, speaker)
        )
    for index in reversed(runs_on):  # the quote goes on: its speaker is the next part's
        if index + 1 < len(out) and out[index + 1].speaker is not None:
            following = out[index + 1]
            out[index] = replace(
                out[index], speaker=following.speaker, speaker_span=following.speaker_span
            )
    return out


def _is_title(text: str, start: int, end: int, words: str, spoken: bool) -> bool:
    """Whether quoted words are a title or a name, not speech. They open with a capital
    and come after "called", "named", "titled", "dubbed", "known as"; or next to a title
    noun ("the song “…”", "a banner with “…”", "the “…” slogan"); or every word is
    capitalised ("held the “Torch of Peace Relay” in May") and the quote is not
    ``spoken`` (it neither opens its sentence nor has a speaker)."""
    if not words[:1].isupper():
        return False  # a title is capitalised: the campaign “to go on” is someone's words
    lead = re.split(r"[.!?:;\n”\"]", text[max(0, start - 40) : start])[-1]
    before = re.findall(r"[\w’']+", lead.lower())[-3:]
    if (before[-1:] and before[-1] in NAMING_WORDS) or before[-2:] == ["known", "as"]:
        return True
    near = before[-1:] if re.search(r"\w\s*$", lead) else []
    if near in (["with"], ["of"]):
        near += before[-2:-1]
    follows = re.match(r"[”\"’]? ([a-z]+)", text[end - 1 : end + 20])  # the “…” slogan
    if follows and text[end - 2 : end - 1].isalnum():
        near.append(follows.group(1))
    if any(w in TITLE_NOUNS or w[:-1] in TITLE_NOUNS for w in near):
        return True
    if spoken:
        return False
    tokens = re.findall(r"[^\W\d_][\w’'-]*", words)
    capitals = [t for t in tokens if t[0].isupper()]
    return len(capitals) >= 2 and all(t[0].isupper() or t.lower() in _SMALL_WORDS for t in tokens)


def _within(att: Attribution, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether an attribution is said inside quoted words (its cue or its source's name
    there): the quoted speaker's words, never who says the quote."""
    return _in_quotes(att.cue[0], quoted) or _in_quotes(att.start, quoted)


def _in_quotes(char: int, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether the character at ``char`` lies inside one of the ``quoted`` spans."""
    return any(s <= char < e for s, e in quoted)


def _opens(item: ParsedArticle, start: int) -> bool:
    """Whether the quotation mark at ``start`` opens its sentence (or paragraph)."""
    sentence = item.sentence_at(start)
    lo = sentence.start if sentence is not None else item.text.rfind("\n", 0, start) + 1
    return not re.search(r"\w", item.text[lo:start])


def _continued(item: ParsedArticle, previous: QuoteMention, start: int) -> _Speaker | None:
    """A quote opening its sentence with no cue of its own goes on from the quote before:
    in the same paragraph, or in the paragraph just before when it ends with that quote or
    with a colon ("Stated X:") and the new paragraph opens with the quote. A person the
    text brings in as a subject between the two ("Anna Berg, a reporter, was there.
    “…”") says it instead."""
    if previous.speaker is None:
        return None
    between = item.text[previous.end : start]
    if len(re.findall(r"\n+", between)) > 1 or ("\n" in between and not _ends_paragraph(between)):
        return None
    if "\n" in between and not _opens_paragraph(item.text, start):
        return None
    own = previous.speaker_span[1:] if previous.speaker_span is not None else None
    other = _subject_between(item, previous.end, start, previous.speaker, own)
    if other is not None:
        return other
    return previous.speaker, previous.speaker_span


def _introduced(item: ParsedArticle, previous: QuoteMention | None, start: int) -> _Speaker | None:
    """The speaker of a quote that opens its sentence with no cue, after a quote with a
    speaker: a person brought in as a subject earlier in its paragraph (after the quote
    before), else the speaker of the quote before goes on (:func:`_continued`)."""
    if previous is None or previous.speaker is None:
        return None
    lo = max(item.text.rfind("\n", 0, start) + 1, previous.end)
    own = previous.speaker_span[1:] if previous.speaker_span else None
    named = _subject_between(item, lo, start, previous.speaker, own)
    return named if named is not None else _continued(item, previous, start)


def _opens_paragraph(text: str, start: int) -> bool:
    return not re.search(r"\w", text[text.rfind("\n", 0, start) + 1 : start])


def _subject_between(
    item: ParsedArticle, lo: int, hi: int, speaker: str | None, own: tuple[int, int] | None
) -> _Speaker | None:
    """The last person named as a clause's subject between ``lo`` and ``hi`` (outside
    quoted words) who is not the speaker already known (``own`` is the span of that
    speaker's name)."""
    last: _Speaker | None = None
    known = set(speaker.split()) if speaker else set()
    quoted = [m.span() for m in _QUOTE.finditer(item.text, lo, hi)]
    for ent in item.doc.ents:
        if ent.start_char < lo or ent.end_char > hi or ent.label_ != "PERSON":
            continue
        if _in_quotes(ent.start_char, quoted):
            continue
        if own is not None and ent.start_char < own[1] and own[0] < ent.end_char:
            continue
        if known & set(ent.text.split()):
            continue  # the speaker again, by surname
        root = ent.root
        head = root.head if root.dep_ == "appos" else root
        if head.dep_ in ("nsubj", "nsubjpass"):
            last = (ent.text, (item.id, ent.start_char, ent.end_char))
    return last


def _ends_paragraph(between: str) -> bool:
    """The text between a quote and the next paragraph's is only the quote's cue."""
    return len(between.split("\n")[0].split()) <= CUE_WORDS


def _reported_mentions(
    item: ParsedArticle, mine: list[Attribution], direct: list[QuoteMention]
) -> list[QuoteMention]:
    """ "X said (that) ..." with a speaking X (not an outlet) and no quotation marks."""
    quoted = [(m.start, m.end) for m in direct]
    out: list[QuoteMention] = []
    for att in mine:
        if att.via != "verb" or att.lemma not in REPORTED_VERBS or att.kind not in _SPEAKING:
            continue
        if att.nested or len(att.content) != 1 or att.content[0][0] < att.cue[1]:
            continue  # only "X said (that) ...": the clause after the verb
        start, end = att.content[0]
        if item.text[start : start + 5].lower() == "that ":
            start += 5
        end = _without_gloss(item, start, end)
        if any(a < end and start < b for a, b in quoted) or _QUOTE.search(item.text[start:end]):
            continue
        sentence = item.sentence_at(start)
        index = sentence.index if sentence else -1
        out.append(_mention(item.id, index, start, end, item.text, False, _named(att)))
    return out


def _without_gloss(item: ParsedArticle, start: int, end: int) -> int:
    """The end of reported content before a writer's gloss: a participle clause after a
    comma that hangs from the content's verb ("promised to build schools, underscoring
    the government's focus" -> "to build schools"): reported speech is the outlet's
    wording, and the gloss is the least likely part of it to be the speaker's."""
    span = item.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    for token in span:
        before = token.nbor(-1) if token.i > span.start else None
        if (
            token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and before is not None
            and before.text == ","
            and span.start <= token.head.i < token.i
        ):
            return before.idx
    return end


def _named(att: Attribution) -> _Speaker:
    span = (att.article, *att.name_span) if att.name_span is not None else None
    return att.name, span


def _mention(
    article: str,
    sentence: int,
    start: int,
    end: int,
    text: str,
    direct: bool,
    speaker: _Speaker | None,
) -> QuoteMention:
    name, span = speaker if speaker is not None else (None, None)
    return QuoteMention(article, sentence, start, end, text[start:end], direct, name, span)


def _speaker(
    item: ParsedArticle,
    start: int,
    end: int,
    mine: list[Attribution],
    quoted: Sequence[tuple[int, int]] = (),
) -> _Speaker | None:
    """Who says the quote at ``start:end`` (quotation marks included): the attribution
    whose content holds it, else the speech verb next to it, else the attribution of the
    sentence before when the quote opens its sentence; never a name in quoted words."""
    holding = [
        a
        for a in mine
        if any(s < end and start < e for s, e in a.content) and not _no_speaker(item, a)
    ]
    named = _beside(item, start)  # "Anna Berg: “…”"
    if named is not None and _in_quotes(named.idx, quoted):
        named = None
    if holding:
        att = min(holding, key=lambda a: (a.nested, _distance(a.cue, start, end)))
        if named is None or named.idx < att.cue[0]:  # the name nearer than the cue
            return _resolved(item, att, quoted, mine)
    if named is not None:
        return _speaker_of(item, named, mine)
    verbs = _speech_verbs(item, start, end)
    for verb in verbs:
        token = _speaker_token(verb)
        if token is None or _in_quotes(token.idx, quoted):
            token = _inverted(item, verb, end)  # '"…," said X' parsed with X's object
        if token is None:
            continue
        if token.lower_ in _PRONOUNS:
            if token.lower_ not in _HE:
                return None
            return _person_before(item, token.idx, mine, quoted, token.lower_)
        return _speaker_of(item, token, mine)
    for verb in _adjacent_verbs(item, start, end):
        token = _speaker_token(verb)
        if token is None:
            token = _inverted(item, verb, end)
        if token is None or _in_quotes(token.idx, quoted) or token.ent_type_ in _NOT_SPEAKERS:
            continue  # '“Mercy Street” returns to the stage': the quote is a title
        if token.lower_ in _HE:
            return _person_before(item, token.idx, mine, quoted, token.lower_)
        found = _speaker_of(item, token, mine) if token.pos_ != "PRON" else None
        if found is not None:
            return found
    if not _opens(item, start):
        return None
    here = item.sentence_at(start)
    near = here.index - 1 if here is not None else -1
    before = [a for a in mine if a.cue[0] < start and a.sentence >= near]
    if before:
        att = max(before, key=lambda a: a.cue[0])
        lo = max(att.end, att.cue[1])
        other = _subject_between(item, lo, start, att.name, att.name_span) if lo < start else None
        return other if other is not None else _resolved(item, att, quoted, mine)
    return None


def _no_speaker(item: ParsedArticle, att: Attribution) -> bool:
    """A source the parse took from a date, a time or a number ("Tuesday at the
    university, X said": "Tuesday"), or from a dateline ("PARIS, May 2 (Agency) —")."""
    span = item.doc.char_span(att.start, att.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if span.root.ent_type_ in _NOT_SPEAKERS:
        return True
    opens_line = att.start == 0 or item.text[att.start - 1] == "\n"
    return opens_line and bool(_DATELINE.match(item.text, att.start))


def _beside(item: ParsedArticle, start: int) -> Token | None:
    """A name the quote follows with a colon ("- Anna Berg: “…”")."""
    lead = item.text[:start].rstrip()
    if lead.endswith(":"):
        colon = len(lead) - 1
        for ent in item.doc.ents:
            if ent.end_char == colon and ent.label_ in ("PERSON", "ORG"):
                return None if _addressee(ent.root) else ent.root
    return None


def _resolved(
    item: ParsedArticle,
    att: Attribution,
    quoted: Sequence[tuple[int, int]],
    mine: Sequence[Attribution] = (),
) -> _Speaker | None:
    """The attribution's source; "he"/"she" again as the nearest person named before it
    outside quoted words (the attribution's own antecedent may lie inside a quote)."""
    word = item.text[att.source[0] : att.source[1]].lower()
    if word in _HE:
        return _person_before(item, att.source[0], mine, quoted, word)
    if word in _PRONOUNS and att.name.lower() == word:
        return None  # "they said": nobody the text names
    return _named(att)


def _person_before(
    item: ParsedArticle,
    char: int,
    mine: Sequence[Attribution],
    quoted: Sequence[tuple[int, int]],
    pronoun: str = "",
) -> _Speaker | None:
    """The nearest person before ``char`` that "he" or "she" (``pronoun``) can stand
    for, outside quoted words: a PERSON entity (not the object of "of", "in", "from": a
    place; not the owner in "Anna Berg's office"), a surname alone standing for the full
    name written before it, a person described as a clause's subject ("The 27-year-old
    was arrested", "the spokesman declined"), else a person or official an attribution
    names. Of the people in that name's sentence, a subject goes before an object ("X
    praised Y. “…,” he said": X), the subject of the higher clause before another's
    ("The spokesman, speaking after X left, declined": the spokesman). A person the text
    shows to be of the other gender ("Ms. Berg", "Berg said her …") is skipped; with
    nobody left, no speaker. With nobody named or described before it at all, the person
    the title names ("Anna Berg: …"), whom the body calls only "she"."""
    want = _GENDERS.get(pronoun, "")
    genders = _genders(item, quoted) if want else {}

    def fits(name: str) -> bool:
        return genders.get(name, want) == want

    last: _Speaker | None = None
    subject: tuple[int, _Speaker] | None = None  # (clause depth, person) of a subject
    in_sentence = -1
    full: dict[str, str] = {}
    candidates = _people_before(item, char, quoted, full)
    for _at, root, speaker in candidates:
        if not fits(speaker[0]):
            continue
        last = speaker
        if root.sent.start != in_sentence:
            subject = None
        in_sentence = root.sent.start
        head = root.head if root.dep_ in ("appos", "compound") else root
        if head.dep_ in ("nsubj", "nsubjpass"):
            depth = _depth(head.head)
            if subject is None or depth <= subject[0]:
                subject = (depth, last)
    if subject is not None:
        last = subject[1]  # "X praised Y ...": he is the subject, not a person named after
    people = [
        a
        for a in mine
        if (a.kind in ("person", "official") or (a.kind == "anonymous" and _single(item, a)))
        and (a.name_span or a.source)[1] <= char
        and item.text[a.source[0] : a.source[1]].lower() not in _PRONOUNS
        and not _in_quotes(a.start, quoted)
        and fits(a.name)
    ]
    if people and (last is None or last[1] is None or people[-1].start > last[1][1]):
        return _named(people[-1])
    if last is None and not candidates and pronoun:  # nobody before: the title's person
        title = title_person(item)
        return (title, None) if title is not None and fits(title) else None
    return last


def _people_before(
    item: ParsedArticle, char: int, quoted: Sequence[tuple[int, int]], full: dict[str, str]
) -> list[tuple[int, Token, _Speaker]]:
    """People the text names or describes before ``char`` (see :func:`_person_before`),
    in text order: (where, the phrase's root token, the speaker)."""
    out: list[tuple[int, Token, _Speaker]] = []
    for ent in item.doc.ents:
        if ent.start_char >= char:
            break
        if ent.label_ != "PERSON" or _in_quotes(ent.start_char, quoted):
            continue
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in ("of", "in", "from", "at", "near"):
            continue
        if _addressee(root) or (root.dep_ == "compound" and root.head.ent_type_ != "PERSON"):
            continue  # "told Le Monde", "the Anna Berg apartments": not a speaker
        if root.dep_ == "poss" and root.head.lemma_.lower() in ROLE_WORDS:
            continue  # "Anna Berg's office", "Anna Berg's spokesman": not Anna Berg
        words = ent.text.split()
        name = ent.text if len(words) > 1 else full.get(words[0], ent.text)
        if len(words) > 1:
            full[words[-1]] = ent.text
        out.append((ent.start_char, root, (name, (item.id, ent.start_char, ent.end_char))))
    for token in item.doc:
        if token.idx >= char:
            break
        if token.dep_ not in ("nsubj", "nsubjpass") or token.ent_type_ == "PERSON":
            continue
        if _in_quotes(token.idx, quoted):
            continue
        if _aged(token):  # "the 27-year-old": no name, only the phrase
            lo, hi = token.left_edge.idx, token.idx + len(token.text)
            described: tuple[str, int, int] | None = (item.text[lo:hi], lo, hi)
        else:
            source = describe(token) if _described_person(token) else None
            described = (source.name, source.start, source.end) if source else None
            named = _named_role(token, out) if source is not None else None
            if named is not None:  # "the former president": the one named as president
                out.append((token.idx, token, named))
                continue
        if described is None or any(s == described[1] for s, _, _ in out):
            continue  # "the spokesman, Anna Berg": her name is listed already
        out.append((token.idx, token, (described[0], (item.id, *described[1:]))))
    return sorted(out, key=lambda found: found[0])


def _clause_of(token: Token) -> Token:
    """The verb of the clause a word stands in."""
    while token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
    return token


def _depth(verb: Token) -> int:
    """How many clauses down from its sentence's main clause a verb stands (verbs joined
    by "and" count as one clause)."""
    depth = 0
    while verb.dep_ != "ROOT" and verb.head is not verb:
        depth += verb.dep_ != "conj"
        verb = verb.head
    return depth


def _described_person(token: Token) -> bool:
    """One person described by a role noun, not named ("the spokesman", "a senior
    official"), singular; not "no official", "every senator"."""
    lemma = token.lemma_.lower()
    if any(c.dep_ == "det" and c.lower_ in _NOBODY for c in token.children):
        return False
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NN"
        and lemma in ROLE_WORDS
        and lemma not in INSTITUTION_WORDS
    )


def _named_role(token: Token, before: Sequence[tuple[int, Token, _Speaker]]) -> _Speaker | None:
    """The person a definite description mentions again: "the former president" right
    after "President Anna Berg" or "Anna Berg, the president" (the last person named
    before it, named with that role noun)."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    named = [(root, speaker) for _at, root, speaker in before if root.i < token.i]
    if not named:
        return None
    root, speaker = named[-1]
    near = [c for c in root.children if c.dep_ in ("compound", "appos")]
    if root.dep_ == "appos":
        near.append(root.head)
    lemma = token.lemma_.lower()
    if any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() == lemma for t in near):
        return speaker
    return None


def _aged(token: Token) -> bool:
    """A person described by an age ("the 27-year-old")."""
    if token.lower_.endswith("year-old"):
        return True
    return token.lower_ == "old" and token.i >= 2 and token.nbor(-1).lower_ in ("-", "year")


def _single(item: ParsedArticle, att: Attribution) -> bool:
    """An unnamed source that is one person ("a senior official", not "officials")."""
    span = item.doc.char_span(att.source[0], att.source[1], alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.tag_ in ("NN", "NNP")


def _genders(item: ParsedArticle, quoted: Sequence[tuple[int, int]]) -> dict[str, str]:
    """The gender the text shows for a person (by full name), from an honorific before a
    mention ("Mr.", "Ms.") or a gendered possessive or reflexive pronoun in the clause
    whose subject that person is, the only person named in the sentence ("Anna Berg
    thanked her staff"), outside quoted words; a name with evidence both ways has none,
    and a surname alone that two people named in the text share gives none."""
    votes: dict[str, Counter[str]] = {}
    full: dict[str, str] = {}  # surname -> the full name written last
    people = [e for e in item.doc.ents if e.label_ == "PERSON"]
    names: dict[str, set[str]] = {}  # surname -> the full names written with it
    for ent in people:
        names.setdefault(ent.text.split()[-1], set()).add(ent.text)
    for ent in people:
        if _in_quotes(ent.start_char, quoted):
            continue
        words = ent.text.split()
        if len(words) == 1 and len(names[words[0]] - {words[0]}) > 1:
            continue  # "Berg" where Anna Berg and Paul Berg are both named
        key = ent.text if len(words) > 1 else full.get(words[0], ent.text)
        if len(words) > 1:
            full[words[-1]] = ent.text
        before = item.doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        if before in _HONORIFICS:
            votes.setdefault(key, Counter())[_HONORIFICS[before]] += 1
        root = ent.root
        others = [
            e for e in ent.sent.ents if e.label_ == "PERSON" and e.text.split()[-1] != words[-1]
        ]
        if others or root.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for token in ent.sent:
            if token.i < ent.end or token.pos_ != "PRON" or _in_quotes(token.idx, quoted):
                continue
            if not (token.morph.get("Poss", []) or token.morph.get("Reflex", [])):
                continue  # "X told them that she …": she may be anyone
            gender = token.morph.get("Gender", [])
            if gender and gender[0] in ("Masc", "Fem") and _clause_of(token) == root.head:
                votes.setdefault(key, Counter())["he" if gender[0] == "Masc" else "she"] += 1
    out: dict[str, str] = {}
    for key, counts in votes.items():
        (top, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:
            out[key] = top
    return out


def _addressee(token: Token) -> bool:
    """Whether a name is who the words were said to ("told Le Monde:", "said to X"): the
    listener or the outlet that carried them, never their speaker."""
    if token.dep_ in ("dobj", "dative") and token.head.lemma_.lower() == "tell":
        return True
    to = token.head
    return (
        token.dep_ == "pobj"
        and to.lower_ == "to"
        and to.head.pos_ == "VERB"
        and to.head.lower_ != "according"
    )


def _inverted(item: ParsedArticle, verb: Token, end: int) -> Token | None:
    """X of '"…," said X' where the parse made a phrase of the quote the verb's subject:
    the noun phrase right after a verb that directly follows the quote."""
    if verb.idx < end or item.text[end : verb.idx].strip(" ,") or verb.i + 1 >= len(item.doc):
        return None
    for chunk in item.doc.noun_chunks:
        if chunk.start == verb.i + 1 and chunk.root.pos_ in ("PROPN", "NOUN"):
            return chunk.root
    return None


def _distance(cue: tuple[int, int], start: int, end: int) -> int:
    return start - cue[1] if cue[1] <= start else max(0, cue[0] - end)


def _speaker_of(item: ParsedArticle, token: Token, mine: list[Attribution]) -> _Speaker | None:
    source = describe(token)
    if source is None:
        return None
    for att in mine:  # an attribution already resolved "the newspaper" -> its name
        if att.source[0] < source.end and source.start < att.source[1]:
            return _named(att)
    return source.name, (item.id, source.start, source.end)


def _speech_verbs(item: ParsedArticle, start: int, end: int) -> list[Token]:
    """Speech verbs outside the quote in its sentence(s), nearest first."""
    sents: list[Span] = []
    lead = item.text[:start].rstrip()
    chars = (start, end - 1, len(lead) - 1) if lead.endswith(":") else (start, end - 1)
    for char in chars:  # "Stated X:" before a quote opening the next paragraph
        sentence = item.sentence_at(char)
        lo, hi = (sentence.start, sentence.end) if sentence is not None else (char, char + 1)
        span = item.doc.char_span(lo, min(hi, len(item.text)), alignment_mode="expand")
        if span is not None and span not in sents:
            sents.append(span)
    verbs = [
        t
        for sent in sents
        for t in sent
        if (t.pos_ == "VERB" or t.lower_ == "according")
        and (t.lemma_.lower() in SPEECH_VERBS or t.lower_ == "according")
        and not start <= t.idx < end
    ]
    return sorted(verbs, key=lambda t: start - t.idx if t.idx < start else t.idx - end)


def _adjacent_verbs(item: ParsedArticle, start: int, end: int) -> list[Token]:
    """A verb the quote stands against with only punctuation between, whatever the verb
    (how it was said: '“…!” beamed X', '“…,” X tweeted.', 'X shot back, “…”'): after
    the quote, the verb itself or the verb of a name that ends its clause; before it,
    the verb it follows."""
    doc = item.doc
    out: list[Token] = []
    rest = doc.char_span(end, len(doc.text), alignment_mode="contract")  # tokens from ``end``
    after = [t for t in (rest[:4] if rest is not None else ()) if not t.is_punct][:3]
    tail = item.text[max(0, end - 3) : end + 1]  # speech ends '“…,”', '“…!”', '“…”,'
    closed = bool(re.search(r"[,!?…]\W{0,2}$|,$", tail))  # not '“Build it” alarmed X'
    if after and closed and item.text[end : after[0].idx].strip(' ,!?.”"’') == "":
        first = after[0]
        if first.pos_ == "VERB":
            out.append(first)
        elif first.dep_ in ("nsubj", "compound") and first.pos_ in ("PROPN", "NOUN"):
            noun = first if first.dep_ == "nsubj" else first.head
            verb = noun.head
            if noun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.i == noun.i + 1:
                out.append(verb)  # '“…,” Anna Berg tweeted.'
    head = doc.char_span(0, start, alignment_mode="contract")  # tokens ending by ``start``
    k = head.end if head is not None else 0
    word = next((doc[i] for i in range(k - 1, -1, -1) if not doc[i].is_punct), None)
    before = [word] if word is not None else []
    if before and item.text[before[0].idx + len(before[0].text) : start].strip() in (",", ":"):
        verb = before[0] if before[0].pos_ == "VERB" else before[0].head
        if verb.pos_ == "VERB" and verb.i - before[0].i in (0, -1):
            out.append(verb)  # 'Anna Berg shot back, “…”'
    return out


def _speaker_token(verb: Token) -> Token | None:
    if verb.lower_ == "according":
        to = child_of(verb, "prep", "to")
        return child_of(to, "pobj") if to is not None else None
    by = child_of(verb, "agent")
    if by is not None:
        return child_of(by, "pobj")
    if verb.lemma_.lower() in RELAY_VERBS and child_of(verb, "prep", "as") is not None:
        return child_of(verb, "dobj")  # "quoted X as saying"
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "as"
        and verb.head.head.lemma_.lower() in RELAY_VERBS
    ):
        return child_of(verb.head.head, "dobj")
    return subject_of(verb)


def _norm(text: str) -> str:
    text = text.casefold().replace("’", "'")
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def is_verbatim(a: str, b: str) -> bool:
    """Whether two quoted texts are the same words (one may quote part of the other)."""
    na, nb = _norm(a), _norm(b)
    short, long = sorted((na, nb), key=len)
    if not short:
        return False
    if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long):
        return True
    return fuzz.ratio(na, nb) >= VERBATIM


def is_paraphrase(a: str, b: str) -> bool:
    """Whether two texts share enough words to be one statement reworded."""
    return fuzz.token_set_ratio(_norm(a), _norm(b)) >= PARAPHRASE


def merge_mentions(mentions: Sequence[QuoteMention]) -> list[Quote]:
    """Group mentions into quotes: verbatim matches first, then same-speaker paraphrases.

    Of two verbatim groups that paraphrase each other, the one more articles carry is the
    quote and the other's mentions join it as paraphrases.
    """
    groups: list[list[QuoteMention]] = []
    for mention in sorted((m for m in mentions if m.direct), key=lambda m: -len(m.text)):
        target = _verbatim_group(groups, mention)
        if target is None:
            groups.append([mention])
        else:
            target.append(mention)
    groups.sort(key=lambda g: (-len({m.article for m in g}), -max(len(m.text) for m in g)))
    kept: list[list[QuoteMention]] = []
    for group in groups:
        target = next((k for k in kept if any(_paraphrase_group([k], m) for m in group)), None)
        if target is None:
            kept.append(group)
        else:
            target.extend(_as_paraphrase(m) for m in group)
    for mention in (m for m in mentions if not m.direct):
        target = _paraphrase_group(kept, mention)
        if target is None:
            kept.append([mention])
        else:
            target.append(mention)
    quotes = [_quote(group) for group in kept]
    first = {id(q): min((m.article, m.start) for m in q.mentions) for q in quotes}
    return sorted(quotes, key=lambda q: (-len(q.articles), first[id(q)]))


def _verbatim_group(
    groups: list[list[QuoteMention]], mention: QuoteMention
) -> list[QuoteMention] | None:
    for group in groups:
        if any(m.direct and not m.paraphrase and is_verbatim(m.text, mention.text) for m in group):
            return group
    return None


def _paraphrase_group(
    groups: list[list[QuoteMention]], mention: QuoteMention
) -> list[QuoteMention] | None:
    if mention.speaker is None:
        return None
    for group in groups:
        for m in group:
            if (
                m.speaker
                and same_source(m.speaker, mention.speaker)
                and is_paraphrase(m.text, mention.text)
            ):
                return group
    return None


def _as_paraphrase(mention: QuoteMention) -> QuoteMention:
    return QuoteMention(
        mention.article,
        mention.sentence,
        mention.start,
        mention.end,
        mention.text,
        mention.direct,
        mention.speaker,
        mention.speaker_span,
        paraphrase=True,
    )


def _quote(group: list[QuoteMention]) -> Quote:
    verbatim = [m for m in group if m.direct and not m.paraphrase]
    lead = max(verbatim or group, key=lambda m: len(m.text))
    articles = tuple(dict.fromkeys(m.article for m in sorted(group, key=lambda m: m.article)))
    exact = {m.article for m in verbatim}
    paraphrased = tuple(a for a in articles if a not in exact) if verbatim else ()
    names = Counter(m.speaker for m in group if m.speaker)
    speaker: str | None = None
    span: tuple[str, int, int] | None = None
    if names:
        speaker = max(names, key=lambda n: (names[n], len(n.split()), len(n)))
        span = next(m.speaker_span for m in group if m.speaker == speaker)
    mentions = tuple(sorted(group, key=lambda m: (m.article, m.start)))
    return Quote(
        lead.text.strip(" ,;:"), speaker, span, bool(verbatim), articles, mentions, paraphrased
    )
