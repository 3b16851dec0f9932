"""A progress line for long runs (``stories``, ``brief``), on a terminal only: a rich
spinner on stderr that says what the run is doing and how far it got, gone when the run
ends. Piped or redirected stderr gets nothing (its lines stay what scripts read)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from ..api import Progress

STAGES = {"read": "read and cleaned", "briefs": "briefs built"}


@contextmanager
def terminal_progress(command: str) -> Iterator[Progress | None]:
    """A callback for :data:`storyline.api.Progress` that draws on a terminal, or None
    when stderr is not one."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Bar(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(f"storyline {command}: starting")

    def update(stage: str, done: int, total: int | None) -> None:
        count = f"{done}/{total}" if total is not None else str(done)
        what = STAGES.get(stage, stage)
        bar.update(task, description=f"storyline {command}: {count} {what}")

    with bar:
        yield update
