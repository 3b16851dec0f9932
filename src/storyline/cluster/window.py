"""Which open groups (stories, topics) leave memory: shared by the story and topic indexes."""

from __future__ import annotations

from collections.abc import Iterable


def rows_to_retire(
    open_rows: Iterable[tuple[int, int | None, int]],
    *,
    limit: int | None,
    tick: int,
    grace: int,
    max_active: int | None,
) -> list[int]:
    """The rows to retire, from each open row's (row, last day, tick last joined).

    A row is stale when its last day is before ``limit`` (the window behind the newest
    date seen); it leaves when it is stale *and* nothing joined it in the last ``grace``
    ticks (a feed out of date order keeps joining old groups, which must not leave on the
    first newer date). Then, beyond ``max_active``, the least recently joined leave,
    stale ones first."""
    retired: list[int] = []
    live: list[tuple[bool, int, int]] = []
    for row, last_day, touched in open_rows:
        stale = limit is not None and last_day is not None and last_day < limit
        if stale and tick - touched >= grace:
            retired.append(row)
        else:
            live.append((not stale, touched, row))
    if max_active is not None and len(live) > max_active:
        live.sort()
        retired.extend(row for _fresh, _touched, row in live[: len(live) - max_active])
    return retired
