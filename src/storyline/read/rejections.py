"""Rejection records for the ingest stage: stable reason codes, messages a person can act on."""

from __future__ import annotations

from ..errors import StorylineError
from ..types import Rejection

STAGE = "ingest"

#: Every reason code ingest uses; tests and the run summary count by these.
REASONS = (
    "not-found",
    "empty",
    "binary",
    "undecodable",
    "too-large",
    "truncated",
    "bad-json",
    "bad-record",
    "unreadable",
    "unsupported",
)

_LIMIT_HINT = "set STORYLINE_MAX_DOCUMENT_BYTES to raise it"


def reject(
    source_path: str,
    reason: str,
    message: str,
    *,
    line: int | None = None,
    offset: int | None = None,
) -> Rejection:
    """A Rejection from the ingest stage; ``reason`` must be one of :data:`REASONS`."""
    assert reason in REASONS, reason
    return Rejection(source_path, STAGE, reason, message, line=line, offset=offset)


def from_error(
    err: StorylineError,
    source_path: str,
    *,
    line: int | None = None,
    offset: int | None = None,
) -> Rejection:
    """Turn a decoding error into a Rejection; ``line``/``offset`` override the error's own."""
    return reject(
        source_path,
        err.code,
        err.message,
        line=err.line if line is None else line,
        offset=err.offset if offset is None else offset,
    )


def too_large(
    source_path: str,
    what: str,
    size: int | None,
    limit: int,
    *,
    line: int | None = None,
    offset: int | None = None,
) -> Rejection:
    """``what`` ("file", "line", "WARC record"...) is over ``limit`` bytes; ``size`` if known."""
    if size is None:
        message = f"{what} is over the {limit:,}-byte limit ({_LIMIT_HINT})"
    else:
        message = f"{what} is {size:,} bytes, over the {limit:,}-byte limit ({_LIMIT_HINT})"
    return reject(source_path, "too-large", message, line=line, offset=offset)
