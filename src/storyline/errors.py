"""One small exception tree with stable codes and messages a person can act on."""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose.

    ``code`` is stable (tests and the run summary count by it); ``path``, ``line`` and
    ``offset`` say where the problem is when it comes from an input.
    """

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        offset: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.offset = offset
        if code is not None:
            self.code = code

    def where(self) -> str:
        """``path:line`` or ``path@offset``, or an empty string when unknown."""
        if self.path is None:
            return ""
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
        if self.offset is not None:
            place += f" (offset {self.offset})"
        return place

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class InputError(StorylineError):
    """An input could not be read or decoded: the file is skipped, the batch goes on."""

    code = "unreadable"


class UsageError(StorylineError):
    """The command or the settings were used wrongly."""

    code = "usage"
