"""Rendering in several processes writes the same bytes as rendering in one (`PROCSPEC_JOBS`)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.errors import ProcspecError
from procspec.reading.filestage import JOBS_VARIABLE, available_cpus
from procspec.reading.repository import load_repository
from procspec.rendering import plan, write
from procspec.rendering.output import MARKER, staged
from procspec.rendering.pages import PARALLEL_FROM, VERBATIM, Ahead, can_fork, processes_for

from ..conftest import EXAMPLES, TODAY
from .conftest import GitRepo, procspec

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers start by fork")


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def rendered(source: Path, out: Path, jobs: str, *extra: str) -> dict[str, bytes]:
    done = procspec("render", str(source), "--out", str(out), *extra, env={JOBS_VARIABLE: jobs})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return listing(out)


@pytest.mark.parametrize("example", ["botkyrka", "orebro"])
@pytest.mark.parametrize(
    "options", [(), ("--format", "md"), ("--fragment",)], ids=["html", "md", "fragment"]
)
def test_parallel_render_is_byte_identical(
    example: str, options: tuple[str, ...], tmp_path: Path
) -> None:
    one = rendered(EXAMPLES / example, tmp_path / "one", "1", *options)
    three = rendered(EXAMPLES / example, tmp_path / "three", "3", *options)
    assert one == three
    assert MARKER in one and len(one) > 10


def test_parallel_render_in_git(liten_git: Callable[[], GitRepo], tmp_path: Path) -> None:
    repo = liten_git()
    edit = repo.root / "processer" / "följa-upp-budget.yaml"
    edit.write_text(edit.read_text(encoding="utf-8") + "# En kommentar\n", encoding="utf-8")
    repo.commit("Kommentera budgetprocessen", "2026-03-01T09:00:00+01:00")
    one = rendered(repo.root, tmp_path / "one", "1")
    two = rendered(repo.root, tmp_path / "two", "2")
    assert one == two
    assert b"Kommentera budgetprocessen" in one["andringar.html"]


def test_a_failing_worker_fails_the_render_and_keeps_the_output(
    liten: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page a worker cannot write fails the render as it would in one process: the previous
    output as it was, no temporary folder left behind."""
    out = tmp_path / "ut"
    before = rendered(liten, out, "1")
    repo = load_repository(liten)
    found = plan(repo, None, TODAY)
    # A name in a folder that does not exist: the worker's write fails (FileNotFoundError).
    found.jobs.insert(0, ("saknas/sida.html", VERBATIM, {"text": "<p>sida</p>"}))
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    with pytest.raises(ProcspecError), staged(out.resolve(), repo.lang) as temp:
        write(found, temp)
    assert listing(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ut.")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("4", 4), ("", None), ("0", None), ("-2", None), ("två", None), ("²", None)],
)
def test_jobs_setting(value: str, expected: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """`PROCSPEC_JOBS` decides, whatever the size; anything but a whole number from 1 is the
    default: every CPU for a large repository, one process for a small one."""
    monkeypatch.setenv(JOBS_VARIABLE, value)
    if expected is not None:
        assert processes_for(10) == processes_for(10 * PARALLEL_FROM) == expected
    else:
        assert processes_for(PARALLEL_FROM - 1) == 1
        assert processes_for(PARALLEL_FROM) == available_cpus()


def _where() -> int:
    return os.getpid()


def test_a_value_made_ahead_is_made_by_a_copy_of_this_process() -> None:
    ahead = Ahead(_where)
    made = ahead.value()
    assert isinstance(made, int) and made != os.getpid()
    assert ahead.value() == made  # kept, not made again


def test_a_copy_that_fails_leaves_the_value_to_this_process() -> None:
    parent = os.getpid()

    def only_here() -> int:
        if os.getpid() != parent:
            raise RuntimeError("not in the copy")
        return parent

    assert Ahead(only_here).value() == parent


def test_a_failure_here_shows_as_without_the_copy() -> None:
    def broken() -> int:
        raise ValueError("trasig")

    with pytest.raises(ValueError, match="trasig"):
        Ahead(broken).value()


def test_a_value_no_longer_wanted_stops_its_copy() -> None:
    ahead = Ahead(lambda: time.sleep(60))
    process = ahead._process
    assert process is not None and process.is_alive()
    ahead.cancel()
    assert not process.is_alive()
