"""JSON Schemas of storyline's output contracts, shipped with the package.

``brief_schema()`` is the ``storyline/brief/v1`` contract (DESIGN.md) as JSON Schema
draft 2020-12: every contract field required, typed, with its enums; fields may be added.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

BRIEF_SCHEMA_FILE = "brief-v1.schema.json"

__all__ = ["BRIEF_SCHEMA_FILE", "brief_schema"]


def brief_schema() -> dict[str, Any]:
    """The brief contract's JSON Schema (a fresh copy: callers may change it)."""
    return json.loads(_brief_schema_text())  # type: ignore[no-any-return]


@cache
def _brief_schema_text() -> str:
    return resources.files(__name__).joinpath(BRIEF_SCHEMA_FILE).read_text(encoding="utf-8")
