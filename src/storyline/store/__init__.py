"""The SQLite store: all of storyline's SQL and schema migrations live here.

``open_store(path, writer=True)`` for the one process that ingests (it holds
``<db>.lock``); ``open_store(path)`` for readers such as the web server.
"""

from __future__ import annotations

from .articles import text_hash
from .connection import WriterLock, real_path
from .errors import StoreDamagedError, StoreError, StoreLockedError, damaged
from .salvage import Salvage, integrity_problems, salvage
from .search import SearchFilters
from .store import Store, open_store

__all__ = [
    "Salvage",
    "SearchFilters",
    "Store",
    "StoreDamagedError",
    "StoreError",
    "StoreLockedError",
    "WriterLock",
    "damaged",
    "integrity_problems",
    "open_store",
    "real_path",
    "salvage",
    "text_hash",
]
