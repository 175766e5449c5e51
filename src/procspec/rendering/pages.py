"""Rendering the planned documents one by one, in this process or in several.

A `Plan` holds every document of a render as a job: its file name, its template and what the
template is given. `Plan.text(i)` renders job `i` from the plan alone, so any process holding the
plan renders the same bytes. `write` renders every job into a folder: in this process for a small
repository (or with `PROCSPEC_JOBS=1`, read as for parsing in `procspec.reading.filestage`), else in
worker processes started as copies of this one (fork), which inherit the plan instead of receiving
it, render chunks of the processes' documents, write each file themselves and report only which
jobs are done, while this process writes the overviews. The file names, and so the folder, are the
same either way. A value that needs only what is loaded (the search index) can be an `Ahead`:
made by a copy of the process started before the plan, on a core that would otherwise wait.

While a render runs, Python's cycle collector leaves alone what exists before it (the loaded
repository, the views): it would walk those objects again and again while nothing among them can
become garbage (`procspec.collection.lean_gc`).
"""

from __future__ import annotations

import multiprocessing
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from procspec.collection import in_a_copy, lean_gc
from procspec.reading.filestage import available_cpus, requested_jobs
from procspec.rendering.fragment import scope_html
from procspec.rendering.jinja import environment

VERBATIM = "<verbatim>"
"""The template name of a job whose `text` is written as it is (scripts, the feed's assets), or
made (a `Later`) by whichever process writes the file."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 does not allow (its production `Char`): in the feed, it is U+FFFD."""

Job = tuple[str, str, dict[str, Any]]
"""(file name, template name or `VERBATIM`, what the template is given: values, or `Later`s)."""

Progress = Callable[[int, int, str], None]
"""(documents done, documents in all, file name) -> None."""

PARALLEL_FROM = 200
"""Processes from which a render uses every core (below it, starting workers costs more than it
saves)."""

_CHUNKS_PER_WORKER = 16
"""Jobs go out in chunks small enough that the workers finish together."""


class Later:
    """A value pages need, made when the first page that needs it is rendered, by the process
    that renders it (and kept there for the next page): work that would otherwise hold up
    every worker before the first page."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make: Callable[[], Any] | None = make
        self._value: Any = None

    def value(self) -> Any:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value


@dataclass(frozen=True)
class Plan:
    """Every document of one render, ready to be rendered in any order."""

    fmt: str
    fragment: bool
    base_url: str | None
    common: dict[str, Any]
    jobs: list[Job]
    process_pages: int
    """The first jobs are the processes' own documents; the rest are the overviews and the
    site's files (the search index among them), which read every process's view."""
    processes: int
    """How many processes the documents are about."""

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self.jobs]

    def text(self, index: int) -> str:
        """The document of job `index`."""
        name, template, given = self.jobs[index]
        context = {k: v.value() if isinstance(v, Later) else v for k, v in given.items()}
        if template == VERBATIM:
            text: str = context["text"]
        else:
            fmt = self.fmt
            path = f"{fmt}/{template}" if "." in template else f"{fmt}/{template}.{fmt}"
            text = (
                environment(fmt)
                .get_template(path)
                .render(**self.common, **context, current=template.split(".")[0])
            )
        if self.fragment and name.endswith(".html"):
            text = scope_html(text, self.base_url)
        if name.endswith(".xml"):
            # A commit message or author name from git is not checked as a spec's text is.
            text = _NOT_XML.sub("\ufffd", text)
        return text


class Ahead(Later):
    """A value made by a copy of this process (fork) started now, while this one goes on: work
    that needs only what is loaded already, on a core that would otherwise wait. `value()` waits
    for it. Where no copy can start (`can_fork`), or the copy fails, it is made here when first
    asked for, as a `Later` is, so a failure shows as it would without the copy."""

    def __init__(self, make: Callable[[], Any]) -> None:
        super().__init__(make)
        self._receive: Connection | None = None
        self._process: BaseProcess | None = None
        if not can_fork():
            return
        context = multiprocessing.get_context("fork")
        try:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_make_ahead, args=(make, send), daemon=True)
            process.start()
        except OSError:  # no process to spare: made here
            return
        send.close()
        self._receive, self._process = receive, process

    def value(self) -> Any:
        receive, self._receive = self._receive, None
        if receive is not None:
            try:
                made = receive.recv()
            except (EOFError, OSError):  # the copy failed: made here
                pass
            else:
                self._value, self._make = made, None
            finally:
                receive.close()
                self.cancel()
        return super().value()

    def cancel(self) -> None:
        """Stop the copy if it still runs (its value is not wanted, or has arrived)."""
        if self._receive is not None:
            self._receive.close()
            self._receive = None
        process, self._process = self._process, None
        if process is not None:
            if process.is_alive():
                process.terminate()
            process.join()


def _make_ahead(make: Callable[[], Any], send: Connection) -> None:
    """In the copy: make the value and send it. A failure sends nothing (the parent makes the
    value itself, and reports what fails there)."""
    _worker_start()
    try:
        send.send(make())
    except Exception:  # noqa: S110 - shown by the parent, which makes it again
        pass
    finally:
        send.close()


def compile_templates(fmt: str) -> None:
    """Compile every template of `fmt` now (the environment keeps them compiled)."""
    env = environment(fmt)
    for name in env.list_templates(filter_func=lambda n: n.startswith(f"{fmt}/")):
        env.get_template(name)


def can_fork() -> bool:
    """Whether workers can start as copies of this process: Linux and BSD. Not Windows, which
    cannot fork, nor macOS, where forking a process that uses the system's frameworks is unsafe;
    there each worker would have to load the repository again, which costs more than it saves."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def processes_for(processes: int) -> int:
    """How many processes render the documents of `processes` processes: `PROCSPEC_JOBS` when
    set (`procspec.reading.filestage`), else every CPU from `PARALLEL_FROM` processes on, else
    one; always one where workers cannot fork."""
    if not can_fork():
        return 1
    asked = requested_jobs()
    if asked is not None:
        return asked
    return available_cpus() if processes >= PARALLEL_FROM else 1


def _write_one(found: Plan, folder: Path, index: int) -> None:
    name = found.jobs[index][0]
    (folder / name).write_text(found.text(index), encoding="utf-8", newline="\n")


def _chunks(found: Plan, processes: int) -> list[tuple[int, int]]:
    """Ranges of the processes' own documents, small enough that the workers finish together."""
    first = found.process_pages
    size = max(1, first // (processes * _CHUNKS_PER_WORKER))
    return [(i, min(i + size, first)) for i in range(0, first, size)]


_ACTIVE: tuple[Plan, Path] | None = None
"""The plan and folder of the running parallel write: workers inherit it when they start."""


def _worker_start() -> None:
    """How a page worker or a copy made ahead starts: Ctrl-C reaches every process of the
    terminal's group, and the parent stops them; they do one job and end (`in_a_copy`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    in_a_copy()


def _write_chunk(bounds: tuple[int, int]) -> tuple[int, int]:
    assert _ACTIVE is not None, "a worker starts from a parent that set the plan"
    found, folder = _ACTIVE
    for index in range(*bounds):
        _write_one(found, folder, index)
    return bounds


def write(found: Plan, folder: Path, progress: Progress | None = None) -> list[str]:
    """Render every job of `found` into `folder` (see the module docstring); returns the file
    names in the plan's order."""
    global _ACTIVE
    count = len(found.jobs)
    processes = processes_for(found.processes)
    with lean_gc():
        if processes <= 1 or count <= 1:
            for index in range(count):
                _write_one(found, folder, index)
                if progress is not None:
                    progress(index + 1, count, found.jobs[index][0])
            return found.names
        compile_templates(found.fmt)  # once here, not once in every worker
        _ACTIVE = (found, folder)
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(processes, initializer=_worker_start) as pool:
                pending = pool.imap_unordered(_write_chunk, _chunks(found, processes))
                # Meanwhile this process writes the overviews and the site's files: they read
                # every view, which in a worker would be copied page by page (copy-on-write).
                done = 0
                for index in range(found.process_pages, count):
                    _write_one(found, folder, index)
                    done += 1
                    if progress is not None:
                        progress(done, count, found.jobs[index][0])
                for start, stop in pending:
                    done += stop - start
                    if progress is not None:
                        progress(done, count, found.jobs[stop - 1][0])
        finally:
            _ACTIVE = None
    return found.names
