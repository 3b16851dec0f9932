"""A terminal view of one article's attributions (``storyline attributions --format text``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..types import Article

MAX_CONTENT = 90
"""Characters of an attribution's content shown in the terminal view."""


def attributions_to_text(article: Article, found: Sequence[Mapping[str, Any]]) -> str:
    """The article's header, then one block per attribution: who, the cue, what."""
    lines = [f"== {article.source_path}  [{article.id}]  {len(found)} attributions"]
    for att in found:
        source, cue, content = att["source"], att["cue"], att["content"]
        said = (
            " ".join(article.text[s:e] for s, e in content.get("spans", ()))
            or (article.text[content["start"] : content["end"]])
        )
        if len(said) > MAX_CONTENT:
            said = said[: MAX_CONTENT - 3] + "..."
        who = source["text"]
        if att.get("name") and att["name"] != who:
            who += f" (= {att['name']})"
        relay = f", through {att['through']}" if att.get("through") else ""
        lines.append(f"  [{att['sentence']}] {who} <{att['kind']}{relay}> {cue['text']!r}: {said}")
    return "\n".join(lines) + "\n"
