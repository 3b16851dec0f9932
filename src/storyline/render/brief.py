"""A terminal view of a brief (the JSON contract is ``Brief.to_dict``)."""

from __future__ import annotations

from typing import Any


def brief_to_text(brief: dict[str, Any]) -> str:
    number = {a["id"]: i for i, a in enumerate(brief["articles"], start=1)}
    lines = [f"{brief['headline'] or brief['story_id']}  [{brief['story_id']}]", ""]
    for i, article in enumerate(brief["articles"], start=1):
        when = (article["published"] or "undated")[:10]
        copy = "  (duplicate)" if article["duplicate_of"] else ""
        lines.append(f"  [{i}] {when}  {article['outlet'] or article['source_path']}{copy}")
    lines.append("")
    for sentence in brief["summary"]:
        refs = ",".join(str(number[c["article"]]) for c in sentence["citations"])
        lines.append(f"{sentence['text']} [{refs}]")
    lines.append("")
    for fact in brief["facts"][:8]:
        if fact["outlets"] > 1:
            origins = ", ".join(fact["origins"]) or "-"
            lines.append(
                f"  {fact['outlets']} outlets, {fact['independent_origins']} independent "
                f"origin(s) ({origins}): {fact['text']}"
            )
    for conflict in brief["conflicts"]:
        sides = " vs ".join(f"{s['value']!r}" for s in conflict["sides"])
        lines.append(f"  {conflict['kind']} on {conflict['about']}: {sides}")
    for quote in brief["quotes"][:5]:
        lines.append(f"  \u201c{quote['text']}\u201d \u2014 {quote['speaker'] or 'unknown'}")
    return "\n".join(lines) + "\n\n"
