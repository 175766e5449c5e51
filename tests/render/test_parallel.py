"""Rendering in several processes writes the same bytes as rendering in one (`PROCSPEC_JOBS`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec import workers
from procspec.errors import ProcspecError
from procspec.reading.repository import load_repository
from procspec.rendering import plan, write
from procspec.rendering.output import MARKER, staged
from procspec.rendering.pages import VERBATIM

from ..conftest import EXAMPLES, TODAY
from .conftest import GitRepo, procspec

pytestmark = pytest.mark.skipif(not workers.can_fork(), reason="workers start by fork")


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def rendered(source: Path, out: Path, jobs: str, *extra: str) -> dict[str, bytes]:
    done = procspec("render", str(source), "--out", str(out), *extra, env={workers.ENV: jobs})
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
    monkeypatch.setenv(workers.ENV, "2")
    with pytest.raises(ProcspecError), staged(out.resolve(), repo.lang) as temp:
        write(found, temp)
    assert listing(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ut.")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("4", 4), ("", None), ("0", None), ("-2", None), ("två", None), ("²", None)],
)
def test_jobs_setting(value: str, expected: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.ENV, value)
    assert workers.requested() == expected
    wanted = expected if expected is not None else 1
    assert workers.jobs(10, threshold=200) == wanted
    if expected is None:
        assert workers.jobs(500, threshold=200) == workers.cores()


def test_jobs_default_uses_the_cores_this_process_may_run_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(workers.ENV, raising=False)
    assert workers.jobs(1, threshold=200) == 1
    assert 1 <= workers.jobs(10_000, threshold=200) <= (os.cpu_count() or 1)
