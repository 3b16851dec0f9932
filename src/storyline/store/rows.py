"""Small helpers shared by the store's SQL modules."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def dumps(value: Any) -> str:
    """Compact JSON, keeping non-ASCII text as is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """A cursor's rows as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
