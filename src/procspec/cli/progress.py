"""The progress bar of a long run, on stderr when it is a terminal.

rich is imported only when the bar is shown: a run in CI or a pipe, or a cache hit, does not pay
for it."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def progress(
    label: str | Callable[[], str], from_files: int = 0
) -> Iterator[Callable[[int, int, str], None] | None]:
    """A rich progress bar on stderr, only when stderr is a terminal, shown once more than
    `from_files` files are to be done; `advance(done, total, name)` moves it. `label` may be a
    function, called only when the bar is shown."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task: list[object] = []

        def advance(done: int, total: int, name: str) -> None:
            if total <= from_files:
                return
            if not task:
                text = label if isinstance(label, str) else label()
                task.append(bar.add_task(text, total=total))
            bar.update(task[0], completed=done, total=total)  # type: ignore[arg-type]

        yield advance
