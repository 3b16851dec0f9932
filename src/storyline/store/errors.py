"""The store's one exception: something about the database file a person can fix."""

from __future__ import annotations

from ..errors import StorylineError


class StoreError(StorylineError):
    """The database cannot be opened, migrated, locked or written as asked."""

    code = "store"
