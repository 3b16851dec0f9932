"""The ``clean`` contract: one JSON object per article, and a terminal view."""

from __future__ import annotations

from typing import Any

from ..types import Article


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article as the ``storyline clean --format json`` contract (DESIGN.md) has it."""
    provenance = article.provenance
    return {
        "id": article.id,
        "source_path": article.source_path,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "updated": article.updated,
        "outlet": article.outlet,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "word_count": article.word_count,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "sentences": [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in article.sentences
        ],
        "provenance": {
            "line": provenance.line,
            "offset": provenance.offset,
            "fetched": provenance.fetched,
            "entry": provenance.entry,
            "kind": article.kind,
            "encoding": provenance.encoding,
            "encoding_evidence": provenance.encoding_evidence,
            "replaced_bytes": provenance.replaced_bytes,
            "first_replaced": provenance.first_replaced,
        },
    }


def article_to_text(article: Article) -> str:
    """A terminal view: metadata, the cleaned text, and what was removed and why."""
    head = [f"== {article.source_path}  [{article.id}]"]
    for label, value in (
        ("title", article.title),
        ("outlet", article.outlet),
        ("published", article.published),
        ("updated", article.updated),
        ("byline", article.byline),
        ("dateline", article.dateline),
        ("language", article.language),
    ):
        if value:
            head.append(f"{label:>9}: {value}")
    head.append(f"{'words':>9}: {article.word_count}, {len(article.sentences)} sentences")
    lines = [*head, "", article.text, ""]
    if article.removed:
        lines.append(f"-- removed {len(article.removed)}:")
        for piece in article.removed:
            text = piece.text if len(piece.text) <= 70 else piece.text[:67] + "..."
            lines.append(f"   [{piece.reason}] {text}")
        lines.append("")
    return "\n".join(lines)
