"""Hostile input for the renderer tests: a brief whose every string carries a script tag."""

from __future__ import annotations

from typing import Any

PAYLOAD = "<script>alert(1)</script>"


def poisoned(value: Any) -> Any:
    """Every string of a brief with ``PAYLOAD`` appended (ids stay consistent)."""
    if isinstance(value, str):
        return value + PAYLOAD
    if isinstance(value, dict):
        return {key: poisoned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [poisoned(item) for item in value]
    return value


EXTRAS = {
    "summary": ("fact",),
    "facts": ("outlet_names",),
    "unique_details": ("fact_id", "outlet", "citation"),
    "conflicts": ("fact",),
    "quotes": ("paraphrased", "mentions"),
    "origins": ("variants", "cites"),
    "timeline": ("expression", "end", "expressions"),
}
"""Fields the pipeline adds beyond the ``storyline/brief/v1`` contract (DESIGN.md)."""


def contract_only(brief: dict[str, Any]) -> dict[str, Any]:
    """The brief with only the contract's fields, as another producer might write it."""
    out = dict(brief)
    for key, extras in EXTRAS.items():
        out[key] = [{k: v for k, v in item.items() if k not in extras} for item in brief[key]]
    return out
