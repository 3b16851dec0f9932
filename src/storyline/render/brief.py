"""Views of a brief (the JSON contract is ``Brief.to_dict``): a terminal view, and the
numbered, cross-linked view that the Markdown and HTML renderers share.

``brief_view`` numbers the articles once (the "Sources" list), resolves every citation
to its number and, where the brief carries it, the exact text of the cited span (so a
reader can check it), and lays out the fact x outlet table. It reads only the brief
dict, so a brief loaded back from JSON or the store renders the same.
"""

from __future__ import annotations

import math
import shutil
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from ..dedupe.canonical import published_timestamp
from .charts import UNKNOWN, coverage_chart, day_of, timeline_chart
from .labels import display_title, shown_paths, when_label

MAX_TABLE_FACTS = 20
"""Rows of the fact x outlet table (the facts in most outlets first); the rest stay in JSON."""

LINK_SCHEMES = frozenset({"http", "https"})
"""An article's ``url`` becomes a link only with one of these schemes (never javascript:)."""

Span = tuple[str, int, int]  # (article id, start, end) in the article's cleaned text
Cite = Callable[..., dict[str, Any]]


def brief_view(
    brief: Mapping[str, Any],
    *,
    anchor: str = "",
    texts: Mapping[str, str] | None = None,
    article_pages: bool = False,
) -> dict[str, Any]:
    """The brief with numbered sources and resolved citations, ready for a template.

    ``anchor`` prefixes element ids (``{anchor}src-3``) so several briefs fit on one page.
    ``texts`` (article id -> cleaned text), when given, is sliced for each citation's
    text (and gives an untitled article its first words as a title); otherwise the text
    comes from the spans the brief itself quotes. ``article_pages``: each source links to
    its cleaned copy at ``/articles/{id}`` (the web app's pages).
    """
    sources = _sources(brief["articles"], texts or {}, article_pages)
    by_id = {s["id"]: s for s in sources}
    number = {s["id"]: s["n"] for s in sources}
    quoted = cited_texts(brief)

    def cite(citation: Mapping[str, Any], text: str | None = None) -> dict[str, Any]:
        article, start, end = citation["article"], citation["start"], citation["end"]
        if texts is not None and article in texts:
            text = texts[article][start:end]
        else:
            text = quoted.get((article, start, end), text)
        return {
            "n": number.get(article),
            "article": article,
            "sentence": citation.get("sentence"),
            "start": start,
            "end": end,
            "text": text,
        }

    columns = outlet_columns(brief["articles"], number)
    facts = sorted(brief["facts"], key=lambda f: len(f["articles"]) < 2)  # stable: multi first
    counted = [outlet_key(a) for a in brief["articles"]]
    details = [_detail(d, by_id.get(d["article"]), cite) for d in brief["unique_details"]]
    return {
        "anchor": anchor,
        "story_id": brief["story_id"],
        "headline": brief["headline"],
        "not_analysed": unanalysed_line(brief),
        "sources": sources,
        "outlets": sum(1 for c in columns if c["label"]),
        "carried": carried(len(counted), len(set(counted) - {None}), counted.count(None)),
        "summary": [
            {"text": s["text"], "citations": _by_number(cite(c) for c in s["citations"])}
            for s in brief["summary"]
        ],
        "columns": columns,
        "facts": [_fact_row(f, columns, by_id) for f in facts[:MAX_TABLE_FACTS]],
        "facts_left_out": max(0, len(facts) - MAX_TABLE_FACTS),
        "unique_details": details,
        "details_by_outlet": details_by_outlet(details, {s["n"]: s for s in sources}),
        "conflicts": [_conflict(c, number, by_id) for c in brief["conflicts"]],
        "quotes": [_quote(q, number, cite) for q in brief["quotes"]],
        "origins": [
            {"name": o["name"], "kind": o["kind"], "cited_by": len(set(o["cited_by"]))}
            for o in brief["origins"]
        ],
        "entities": [
            {**e, "others": [v for v in e["variants"] if v != e["name"]]} for e in brief["entities"]
        ],
        "timeline": [
            {**t, "citations": _by_number(cite(c) for c in t["citations"])}
            | {"end": t.get("end"), "expression": t.get("expression")}
            for t in brief["timeline"]
        ],
        "coverage": coverage_chart(
            [(outlet_key(a) or UNKNOWN, day_of(a["published"])) for a in brief["articles"]]
        ),
        "timeline_chart": timeline_chart(
            brief["timeline"],
            [d for a in brief["articles"] if (d := day_of(a["published"])) is not None],
        ),
    }


def cited_texts(brief: Mapping[str, Any]) -> dict[Span, str]:
    """The text of every span the brief itself quotes (fact mentions, single-outlet
    details, quote mentions, the span each summary line is written from), keyed by
    (article, start, end)."""
    found: dict[Span, str] = {}
    for fact in brief["facts"]:
        for m in fact["mentions"]:
            found[(m["article"], m["start"], m["end"])] = m["text"]
    for detail in brief["unique_details"]:
        if (c := detail.get("citation")) is not None:
            found.setdefault((c["article"], c["start"], c["end"]), detail["fact"])
    for quote in brief["quotes"]:
        for m in quote.get("mentions", ()):
            found.setdefault((m["article"], m["start"], m["end"]), m["text"])
    for line in brief["summary"]:  # its first citation is the span it was written from
        if line["citations"]:
            c = line["citations"][0]
            found.setdefault((c["article"], c["start"], c["end"]), line["text"])
    return found


def link_target(article: Mapping[str, Any]) -> str | None:
    """The article's url when it is a web address (http or https), else None."""
    url = article.get("url")
    if url and _scheme_and_host(url)[0] in LINK_SCHEMES:
        return str(url)
    return None


def outlet_key(article: Mapping[str, Any]) -> str | None:
    """The outlet an article counts as (``counted_outlet``, the rule of
    ``analyze.facts.outlet_of``), None when unknown; a brief from before that field: its
    outlet, else its url's host."""
    if "counted_outlet" in article:
        return str(article["counted_outlet"]) if article["counted_outlet"] else None
    if article.get("outlet"):
        return str(article["outlet"])
    host = _scheme_and_host(article["url"])[1] if article.get("url") else ""
    return host.removeprefix("www.") or None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def carried(articles: int, outlets: int, unknown: int) -> str:
    """ "10 articles, 1 outlet (+9 of unknown outlet)": what carries a fact or a story;
    articles of unknown outlet are never counted as outlets."""
    text = f"{_plural(articles, 'article')}, {_plural(outlets, 'outlet')}"
    return text + (f" (+{unknown} of unknown outlet)" if unknown else "")


def fact_carried(fact: Mapping[str, Any]) -> str:
    """:func:`carried` for one fact of a brief."""
    unknown = int(fact.get("unknown_outlet_articles", 0))
    return carried(len(fact["articles"]), int(fact["outlets"]), unknown)


def fact_origins(fact: Mapping[str, Any], *, empty: str = "") -> str:
    """The origins of one fact as shown: their names, and the origins without one (the
    own reporting of articles whose outlet is unknown, counted in ``independent_origins``
    but never named) after them: "The Daily (+own reporting of unknown outlet)"."""
    names = [str(name) for name in fact["origins"]]
    unnamed = int(fact["independent_origins"]) - len(names)
    if unnamed <= 0:
        return ", ".join(names) or empty
    tail = "own reporting of unknown outlet" if unnamed == 1 else f"{unnamed} unnamed"
    return f"{', '.join(names)} (+{tail})" if names else tail


def _scheme_and_host(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url)
        return parts.scheme.lower(), parts.hostname or ""
    except ValueError:  # not a URL at all ("http://[::1")
        return "", ""


def outlet_columns(
    articles: Iterable[Mapping[str, Any]], number: Mapping[str, int]
) -> list[dict[str, Any]]:
    """One column per outlet of the analysed (non-duplicate) articles, in source order."""
    columns: dict[str, dict[str, Any]] = {}
    for article in articles:
        if article["duplicate_of"]:
            continue
        key = outlet_key(article)
        column = columns.setdefault(
            key or f"article {article['id']}", {"label": key, "numbers": [], "articles": set()}
        )
        column["numbers"].append(number[article["id"]])
        column["articles"].add(article["id"])
    return list(columns.values())


def _sources(
    articles: Iterable[Mapping[str, Any]], texts: Mapping[str, str], article_pages: bool
) -> list[dict[str, Any]]:
    articles = list(articles)
    number = {a["id"]: n for n, a in enumerate(articles, start=1)}
    shown = shown_paths(a["source_path"] for a in articles)
    return [
        {
            "n": number[a["id"]],
            "id": a["id"],
            "outlet": outlet_key(a),
            "title": a["title"],
            "display_title": display_title(a["title"], texts.get(a["id"])),
            "published": a["published"],
            "day": (a["published"] or "")[:10] or None,
            "when": when_label(a["published"]),
            "href": link_target(a),
            "site": site_name(a.get("url")),
            "page": f"/articles/{url_quote(a['id'], safe='')}" if article_pages else None,
            "source_path": a["source_path"],
            "shown_path": shown.get(a["source_path"], a["source_path"]),
            "copy_of": number.get(a["duplicate_of"]) if a["duplicate_of"] else None,
        }
        for a in articles
    ]


def site_name(url: str | None) -> str | None:
    """The web site an article's URL is on (its host without ``www.``), or None."""
    if not url:
        return None
    scheme, host = _scheme_and_host(url)
    return host.removeprefix("www.") or None if scheme in LINK_SCHEMES else None


def first_reported(
    article_ids: Iterable[str], by_id: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any] | None:
    """The earliest published of ``article_ids`` (duplicates included): its outlet(s),
    source numbers and time; articles dated the same day without a time, or at the same
    moment, share first place. None when none of them is dated."""
    dated = []
    for ident in dict.fromkeys(article_ids):
        source = by_id.get(ident)
        if source is None or not source["published"]:
            continue
        moment = published_timestamp(source["published"])
        if math.isfinite(moment):
            dated.append((moment, source))
    if not dated:
        return None
    dated.sort(key=lambda item: (item[0], item[1]["n"]))
    earliest, first = dated[0]
    firsts = [
        source
        for moment, source in dated
        if moment == earliest
        or (
            source["published"][:10] == first["published"][:10]
            and min(len(source["published"]), len(first["published"])) <= 10
        )
    ]
    return {
        "outlets": list(dict.fromkeys(s["outlet"] or UNKNOWN for s in firsts)),
        "numbers": [s["n"] for s in firsts],
        "when": first["when"],
        "published": first["published"],
        "of": len(dated),
    }


def details_by_outlet(
    details: Sequence[Mapping[str, Any]], by_number: Mapping[int | None, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Single-outlet details grouped by their outlet (by source number of its first
    article); details of unknown outlet grouped per article, named by its title."""
    groups: dict[str, dict[str, Any]] = {}
    for detail in details:
        key = detail["outlet"] or f"#{detail['n']}"
        source = by_number.get(detail["n"])
        label = detail["outlet"] or (f"{UNKNOWN}: {source['display_title']}" if source else UNKNOWN)
        group = groups.setdefault(key, {"outlet": label, "numbers": [], "details": []})
        if detail["n"] is not None and detail["n"] not in group["numbers"]:
            group["numbers"].append(detail["n"])
        group["details"].append(detail)
    return sorted(groups.values(), key=lambda g: min(g["numbers"], default=math.inf))


def _by_number(citations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citations in source order (a number unknown to the brief last)."""
    return sorted(citations, key=lambda c: (c["n"] is None, c["n"] or 0))


def _numbers(articles: Iterable[str], number: Mapping[str, int]) -> list[int]:
    return sorted({number[a] for a in articles if a in number})


def _fact_row(
    fact: Mapping[str, Any],
    columns: list[dict[str, Any]],
    by_id: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    mine = set(fact["articles"])
    return {
        "first": first_reported(fact["articles"], by_id),
        "text": fact["text"],
        "cells": [bool(mine & column["articles"]) for column in columns],
        "outlets": fact["outlets"],
        "carried": fact_carried(fact),
        "independent_origins": fact["independent_origins"],
        "origins": list(fact["origins"]),
        "origins_shown": fact_origins(fact),
    }


def _detail(
    detail: Mapping[str, Any], source: Mapping[str, Any] | None, cite: Cite
) -> dict[str, Any]:
    citation = detail.get("citation")
    return {
        "text": detail["fact"],
        "n": source["n"] if source else None,
        "outlet": source["outlet"] if source else None,
        "citation": cite(citation, detail["fact"]) if citation else None,
    }


def _conflict(
    conflict: Mapping[str, Any],
    number: Mapping[str, int],
    by_id: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    return {
        "kind": conflict["kind"],
        "about": conflict["about"],
        "sides": [
            {
                "value": s["value"],
                "text": s["text"],
                "numbers": _numbers(s["articles"], number),
                "outlets": list(
                    dict.fromkeys(
                        by_id[a]["outlet"] or UNKNOWN for a in s["articles"] if a in by_id
                    )
                ),
            }
            for s in conflict["sides"]
        ],
    }


def _quote(quote: Mapping[str, Any], number: Mapping[str, int], cite: Cite) -> dict[str, Any]:
    mentions = quote.get("mentions") or []
    return {
        "text": quote["text"],
        "speaker": quote["speaker"],
        "direct": quote["direct"],
        "numbers": _numbers(quote["articles"], number),
        "citations": [cite(m, m["text"]) for m in mentions],
    }


# --- terminal view ------------------------------------------------------------------------


def unanalysed_line(brief: Mapping[str, Any]) -> str | None:
    """Why a brief has no summary or analysis (its story's language), or None when it has
    them. Briefs stored before the field existed were analysed."""
    if brief.get("analysis", "complete") == "complete":
        return None
    from ..languages import ANALYSIS_LANGUAGES

    supported = ", ".join(sorted(ANALYSIS_LANGUAGES))
    return (
        f"Not analysed: this story is in {brief.get('language') or 'another language'}, and "
        f"the analysis and summary support {supported} only."
    )


def brief_to_text(brief: Mapping[str, Any], *, width: int | None = None) -> str:
    """A terminal view: sources, the cited summary and corroboration, wrapped to ``width``."""
    width = width or min(100, shutil.get_terminal_size((100, 24)).columns)
    number = {a["id"]: i for i, a in enumerate(brief["articles"], start=1)}
    lines = [f"{brief['headline'] or brief['story_id']}  [{brief['story_id']}]", ""]
    if unanalysed_line(brief):
        lines[1:1] = [str(unanalysed_line(brief))]
    for i, article in enumerate(brief["articles"], start=1):
        when = (article["published"] or "undated")[:10]
        copy = "  (duplicate)" if article["duplicate_of"] else ""
        lines.append(f"  [{i}] {when}  {article['outlet'] or article['source_path']}{copy}")
    lines.append("")
    for sentence in brief["summary"]:
        cited = _numbers((c["article"] for c in sentence["citations"]), number)
        refs = ",".join(str(n) for n in cited)
        lines.extend(textwrap.wrap(f"{sentence['text']} [{refs}]", width) or [""])
    notes = []
    for fact in brief["facts"][:8]:
        if len(fact["articles"]) > 1:
            origins = fact_origins(fact, empty="-")
            notes.append(
                f"{fact_carried(fact)}, {fact['independent_origins']} independent "
                f"origin(s) ({origins}): {fact['text']}"
            )
    for conflict in brief["conflicts"]:
        sides = " vs ".join(f"{s['value']!r}" for s in conflict["sides"])
        notes.append(f"{conflict['kind']} on {conflict['about']}: {sides}")
    for quote in brief["quotes"][:5]:
        speaker = quote["speaker"] or "unknown"
        if quote["direct"]:
            notes.append(f"\u201c{quote['text']}\u201d \u2014 {speaker}")
        else:  # reported speech is the outlet's words: never inside quotation marks
            notes.append(f"{speaker} (reported speech): {quote['text']}")
    notes.append(_counts(brief))
    lines.append("")
    for note in notes:
        lines.extend(textwrap.wrap(note, width, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(lines) + "\n\n"


def _counts(brief: Mapping[str, Any]) -> str:
    shared = sum(len(f["articles"]) > 1 for f in brief["facts"])
    return (
        f"{len(brief['facts'])} facts ({shared} in 2+ articles), "
        f"{len(brief['unique_details'])} single-outlet details, "
        f"{len(brief['conflicts'])} conflicts, {len(brief['quotes'])} quotes, "
        f"{len(brief['entities'])} entities, {len(brief['timeline'])} timeline entries"
    )
