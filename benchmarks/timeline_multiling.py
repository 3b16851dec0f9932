"""Timeline dates on MultiLing 2011 (100 English WikiNews articles, 10 topics).

Two checks, each against something gold-like, printed as JSON:

* ``dateline``: each article's second line is its date ("Saturday, January 8, 2005"),
  the gold publication date (as ``MultilingDoc.published`` reads it). The article goes in
  with ``published`` withheld, and the timeline entry cited to the date-line sentence must
  carry exactly that day. Precision = right / dated entries on that line; recall = right /
  articles with a gold date line.
* ``weekday``: the strongest check. WikiNews often writes a weekday with its date
  ("on Sunday, January 23"). Each such phrase (outside the date line) is cut down to the
  weekday alone ("on Sunday") and the article, with ``published`` = the gold date, is run
  again: the weekday must resolve to the date the writer gave (its year is the one nearest
  the publication date). That tests the direction too ("will gather on Sunday" is ahead,
  "met on Sunday" behind). dateparser alone on the weekday is the baseline.
* ``relative``: the article goes in with ``published`` = the gold date and the date line
  removed. Each deictic mention ("on Saturday", "yesterday", "tomorrow": the ones resolved
  only through the publication date) is *corroborated* when its resolved day is written out
  in full elsewhere in the topic: a date with a month and a day ("February 27", "27 February
  2010") in another article, or another article's gold date. Corroboration is a lower bound
  on precision (a right date nobody else states is not corroborated). The same rate for
  dateparser alone on the same expressions (``RELATIVE_BASE`` = publication date, default
  settings) is the baseline.

    .venv/bin/python benchmarks/timeline_multiling.py
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from datetime import date, datetime

from storyline.analyze.nlp import parse_articles
from storyline.analyze.timeline import TimelineEntry, build_timeline
from storyline.clean.sentences import split_sentences
from storyline.evaluation.datasets import MultilingDoc, load_multiling_english
from storyline.types import Article, Provenance

_DEICTIC = re.compile(
    r"^(?:(?:on|last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|today|yesterday|tomorrow|tonight)$",
    re.I,
)
_SPELLED_DAY = re.compile(r"\d{1,2}\D+\d|[A-Z][a-z]+\.? \d|\d [A-Z]")  # "July 19", "19 July"


def _article(doc: MultilingDoc, text: str, published: str | None) -> Article:
    return Article(
        id=doc.doc_id,
        source_path=doc.doc_id,
        text=text,
        provenance=Provenance(source_path=doc.doc_id),
        published=published,
        sentences=split_sentences(text, doc.doc_id),
    )


def _without_date_line(doc: MultilingDoc) -> str:
    lines = doc.text.splitlines()
    return "\n".join(line for line in lines if line.strip() != (doc.date_line or "\0"))


def dateline_check(docs: list[MultilingDoc]) -> dict[str, float | int]:
    gold = {d.doc_id: (d.published or "")[:10] for d in docs if d.published}
    articles = [_article(d, d.text, None) for d in docs if d.doc_id in gold]
    predicted = right = 0
    for parsed in parse_articles(articles):
        line = next(s for s in parsed.article.sentences if s.text.strip() == _line(docs, parsed))
        days = [
            e.date
            for e in build_timeline([parsed])
            if e.precision == "day" and any(c.sentence == line.index for c in e.citations)
        ]
        predicted += bool(days)
        right += bool(days) and days[0] == gold[parsed.article.id]
    return {
        "articles_with_gold": len(gold),
        "predicted": predicted,
        "correct": right,
        "precision": round(right / max(predicted, 1), 4),
        "recall": round(right / len(gold), 4),
    }


def _line(docs: list[MultilingDoc], parsed: object) -> str:
    doc_id = parsed.article.id  # type: ignore[attr-defined]
    return next(d.date_line or "" for d in docs if d.doc_id == doc_id)


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_WEEKDAY_DATE = re.compile(
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))\b(?:,?\s+(?P<y>\d{{4}}))?"
)
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(_MONTH[3:-1].replace('"', "").split("|"))}


def _gold_day(m: re.Match[str], published: str) -> str | None:
    pub = datetime.fromisoformat(published[:10]).date()
    month = _MONTH_NUMBER[m.group("m1") or m.group("m2")]
    day = int(m.group("d1") or m.group("d2"))
    years = [int(m.group("y"))] if m.group("y") else [pub.year - 1, pub.year, pub.year + 1]
    options = []
    for year in years:
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    best = min(options, key=lambda d: abs((d - pub).days))
    return best.isoformat() if WEEKDAYS[best.weekday()] == m.group("wd") else None


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_check(docs: list[MultilingDoc]) -> dict[str, object]:
    import dateparser

    cases: list[tuple[Article, int, str, str]] = []  # article, offset, weekday, gold day
    for doc in docs:
        if not doc.published:
            continue
        text = _without_date_line(doc)
        for m in _WEEKDAY_DATE.finditer(text):
            gold = _gold_day(m, doc.published)
            if gold:
                cut = text[: m.start()] + m.group("wd") + text[m.end() :]
                cases.append((_article(doc, cut, doc.published), m.start(), m.group("wd"), gold))
    ours = base = answered = 0
    for (art, offset, weekday, gold), parsed in zip(
        cases, parse_articles([c[0] for c in cases]), strict=True
    ):
        days = [
            e.date
            for e in build_timeline([parsed])
            for c in e.citations
            if c.start <= offset < c.end and any(x.endswith(weekday) for x in e.expressions)
        ]
        answered += bool(days)
        ours += gold in days
        relative = datetime.fromisoformat((art.published or "")[:10])
        found = dateparser.parse(weekday, settings={"RELATIVE_BASE": relative})
        base += bool(found) and found.date().isoformat() == gold  # type: ignore[union-attr]
    n = max(len(cases), 1)
    return {
        "cases": len(cases),
        "answered": answered,
        "correct": ours,
        "accuracy": round(ours / n, 4),
        "dateparser_alone_correct": base,
        "dateparser_alone_accuracy": round(base / n, 4),
    }


def relative_check(docs: list[MultilingDoc]) -> dict[str, object]:
    import dateparser

    dated = [d for d in docs if d.published]
    articles = [_article(d, _without_date_line(d), d.published) for d in dated]
    spelled: dict[str, set[tuple[str, str]]] = defaultdict(set)  # topic -> (day, article)
    deictic: list[tuple[MultilingDoc, TimelineEntry, str]] = []
    for doc, parsed in zip(dated, parse_articles(articles), strict=True):
        spelled[doc.topic].add(((doc.published or "")[:10], doc.doc_id))
        for entry in build_timeline([parsed]):
            for expression in entry.expressions:
                if _DEICTIC.match(expression) and entry.date:
                    deictic.append((doc, entry, expression))
                elif entry.precision == "day" and entry.date and _SPELLED_DAY.search(expression):
                    spelled[doc.topic].add((entry.date, doc.doc_id))

    def corroborated(doc: MultilingDoc, day: str | None) -> bool:
        return any(d == day and a != doc.doc_id for d, a in spelled[doc.topic])

    ours = sum(corroborated(doc, entry.date) for doc, entry, _ in deictic)
    base = 0
    for doc, _, expression in deictic:
        base_time = datetime.fromisoformat((doc.published or "")[:10])
        found = dateparser.parse(expression, settings={"RELATIVE_BASE": base_time})
        base += corroborated(doc, found.date().isoformat() if found else None)
    n = max(len(deictic), 1)
    return {
        "deictic_mentions": len(deictic),
        "corroborated": ours,
        "corroborated_rate": round(ours / n, 4),
        "dateparser_alone_corroborated": base,
        "dateparser_alone_rate": round(base / n, 4),
        "planned_share": round(sum(e.status == "planned" for _, e, _ in deictic) / n, 4),
    }


def main() -> None:
    docs = load_multiling_english()
    start = time.perf_counter()
    report = {
        "dateline": dateline_check(docs),
        "weekday": weekday_check(docs),
        "relative": relative_check(docs),
    }
    parsed = parse_articles([_article(d, d.text, d.published) for d in docs])
    topics: dict[str, list[object]] = defaultdict(list)
    for doc, p in zip(docs, parsed, strict=True):
        topics[doc.topic].append(p)
    tick = time.perf_counter()
    entries = sum(len(build_timeline(group)) for group in topics.values())  # type: ignore[arg-type]
    report["story_timelines"] = {
        "topics": len(topics),
        "entries": entries,
        "build_seconds": round(time.perf_counter() - tick, 3),
    }
    report["total_seconds"] = round(time.perf_counter() - start, 2)  # type: ignore[assignment]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
