"""A brief as Markdown: the cited summary, numbered sources, and the cross-source sections.

Every summary sentence is followed by numbered links (``[2](url-or-path)``) whose numbers
index the "Sources" list. Article text is escaped so it cannot open emphasis, links, raw
HTML or break a table row; empty sections are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .brief import brief_view

__all__ = ["brief_to_markdown", "briefs_to_markdown", "md_escape"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_DESTINATION_UNSAFE = re.compile(r"[\s()<>]")
_NO_LINK = frozenset({"", "-", "<stdin>"})


def md_escape(text: str) -> str:
    """Article text as literal Markdown inline text, on one line (safe in a table cell)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def briefs_to_markdown(briefs: Sequence[Mapping[str, Any]]) -> str:
    """Several briefs as one document, separated by horizontal rules."""
    return "\n---\n\n".join(brief_to_markdown(brief) for brief in briefs)


def brief_to_markdown(brief: Mapping[str, Any]) -> str:
    view = brief_view(brief)
    links = {s["n"]: _destination(s) for s in view["sources"]}
    parts = [
        _head(view, links),
        _sources(view),
        _fact_table(view),
        _details(view, links),
        _conflicts(view, links),
        _quotes(view, links),
        _origins(view),
        _entities(view),
        _timeline(view, links),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _destination(source: Mapping[str, Any]) -> str | None:
    target = str(source["href"] or source["source_path"])
    if target in _NO_LINK:
        return None
    if _DESTINATION_UNSAFE.search(target):
        return "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"
    return target


def _refs(numbers: Iterable[int | None], links: Mapping[int, str | None]) -> str:
    seen = sorted({n for n in numbers if n is not None})
    return " ".join(f"[{n}]({links[n]})" if links.get(n) else f"\\[{n}\\]" for n in seen)


def _section(title: str, lines: Sequence[str]) -> str:
    return f"## {title}\n\n" + "\n".join(lines) if lines else ""


def _head(view: Mapping[str, Any], links: Mapping[int, str | None]) -> str:
    title = md_escape(view["headline"] or f"Story {view['story_id']}")
    about = f"*Story {md_escape(view['story_id'])}: {md_escape(view['carried'])}.*"
    summary = [
        f"{md_escape(s['text'])} {_refs((c['n'] for c in s['citations']), links)}".rstrip()
        for s in view["summary"]
    ]
    if view["not_analysed"]:
        summary = [f"> {md_escape(view['not_analysed'])}"]
    return "\n\n".join([f"# {title}", about, *(["\n".join(summary)] if summary else [])])


def _sources(view: Mapping[str, Any]) -> str:
    lines = []
    for s in view["sources"]:
        name = md_escape(s["title"] or s["source_path"])
        target = _destination(s)
        title = f"[{name}]({target})" if target else name
        bits = [md_escape(s["outlet"] or "unknown outlet"), title]
        if s["day"]:
            bits.append(s["day"])
        if s["copy_of"]:
            bits.append(f"copy of {s['copy_of']}")
        lines.append(f"{s['n']}. " + " \u2014 ".join(bits))
    return _section("Sources", lines)


def _fact_table(view: Mapping[str, Any]) -> str:
    if not view["facts"]:
        return ""
    heads = [_column_label(c) for c in view["columns"]]
    rows = [
        "| Fact | " + " | ".join(heads) + " | articles, outlets | independent origins | origins |",
        "|---|" + ":-:|" * len(heads) + "--:|--:|---|",
    ]
    for fact in view["facts"]:
        cells = ["\u2713" if cell else " " for cell in fact["cells"]]
        origins = md_escape(fact["origins_shown"]) or "\u2014"
        row = [md_escape(fact["text"]), *cells, md_escape(fact["carried"])]
        rows.append("| " + " | ".join([*row, str(fact["independent_origins"]), origins]) + " |")
    if view["facts_left_out"]:
        rows.append(f"\n{view['facts_left_out']} more facts are in the JSON brief.")
    return _section("Facts across outlets", rows)


def _column_label(column: Mapping[str, Any]) -> str:
    numbers = "".join(f"\\[{n}\\]" for n in column["numbers"])
    return f"{md_escape(column['label'])} {numbers}" if column["label"] else numbers


def _details(view: Mapping[str, Any], links: Mapping[int, str | None]) -> str:
    lines = []
    for detail in view["unique_details"]:
        by = f" \u2014 {md_escape(detail['outlet'])}" if detail["outlet"] else ""
        lines.append(f"- {md_escape(detail['text'])}{by} {_refs([detail['n']], links)}")
    return _section("Reported by one outlet only", lines)


def _conflicts(view: Mapping[str, Any], links: Mapping[int, str | None]) -> str:
    lines = []
    for conflict in view["conflicts"]:
        lines.append(f"- **{md_escape(conflict['kind'])}** about {md_escape(conflict['about'])}")
        for side in conflict["sides"]:
            lines.append(
                f"  - \u201c{md_escape(side['value'])}\u201d {_refs(side['numbers'], links)}: "
                f"{md_escape(side['text'])}"
            )
    return _section("Disagreements", lines)


def _quotes(view: Mapping[str, Any], links: Mapping[int, str | None]) -> str:
    lines = []
    for quote in view["quotes"]:
        speaker = md_escape(quote["speaker"] or "unknown speaker")
        text = md_escape(quote["text"])
        # reported speech is the outlet's words: never inside quotation marks
        said = f": \u201c{text}\u201d" if quote["direct"] else f" (reported speech): {text}"
        lines.append(f"- **{speaker}**{said} " + _refs(quote["numbers"], links))
    return _section("Quotes", lines)


def _origins(view: Mapping[str, Any]) -> str:
    lines = [
        f"- **{md_escape(o['name'])}** ({md_escape(o['kind'])}), "
        f"cited by {_plural(o['cited_by'], 'article')}"
        for o in view["origins"]
    ]
    return _section("Who is cited", lines)


def _entities(view: Mapping[str, Any]) -> str:
    lines = []
    for e in view["entities"]:
        also = ", also " + ", ".join(f"\u201c{md_escape(v)}\u201d" for v in e["others"])
        roles = "; " + ", ".join(md_escape(r) for r in e["roles"]) if e["roles"] else ""
        count = len(e["articles"])
        lines.append(
            f"- **{md_escape(e['name'])}** ({md_escape(e['type'])}{also if e['others'] else ''}): "
            f"{_plural(e['mentions'], 'mention')} in {_plural(count, 'article')}{roles}"
        )
    return _section("People, places and organisations", lines)


def _timeline(view: Mapping[str, Any], links: Mapping[int, str | None]) -> str:
    lines = []
    for t in view["timeline"]:
        when = t["date"] or (f"undated ({t['expression']})" if t["expression"] else "undated")
        if t.get("end"):
            when += f" to {t['end']}"
        lines.append(
            f"- **{md_escape(when)}** ({md_escape(t['status'])}): {md_escape(t['text'])} "
            + _refs((c["n"] for c in t["citations"]), links)
        )
    return _section("Timeline", lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
