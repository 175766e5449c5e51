"""The check on every core (`procspec.checking.pool`) says what a check in one process says.

Each comparison validates a real repository on disk in one process (`PROCSPEC_JOBS=1`) and forced
onto worker processes (`PROCSPEC_JOBS=2` or 3, whatever the size), and requires the same report:
every failing rule case, edits up and down the hierarchy of the Botkyrka example (roles, levels
and types are inherited from processes another worker read), duplicate ids, a parent cycle, the
history rules in a real git repository, and the per-file results kept for the next run. The
workers are real forked processes.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from procspec.checking import pool
from procspec.checking.facts import Facts
from procspec.cli.app import main
from procspec.features import cache, incremental
from procspec.reading import filecache, filestage
from procspec.reading.repository import open_repository

from ..conftest import REPOS, copy_example
from ..git.conftest import GitRepo, git_repo  # noqa: F401  (a fixture)
from ..rules.test_rule_cases import _cases, apply
from .conftest import TODAY, answered, read_processes
from .test_incremental import EDITS

Report = Callable[..., tuple[int, str]]


@pytest.fixture
def report(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Report:
    """`procspec validate ROOT --format json --today TODAY [args]` with `PROCSPEC_JOBS=jobs`
    → (exit status, report)."""

    def invoke(root: Path, jobs: int, *args: str) -> tuple[int, str]:
        monkeypatch.setenv(filestage.JOBS_VARIABLE, str(jobs))
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(["validate", str(root), "--format", "json", "--today", TODAY, *args])
        return int(done.value.code or 0), capsys.readouterr().out

    return invoke


@pytest.fixture
def spread(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each full run was done by the workers (True) or in one process (False)."""
    return answered(monkeypatch, incremental, "check_on_cores")


def same_on_cores(root: Path, report: Report, spread: list[bool], *jobs: int) -> str:
    """The report on one core, after requiring the same report with each of `jobs` workers."""
    serial = report(root, 1, "--no-cache")
    for count in jobs or (2,):
        spread.clear()
        assert report(root, count, "--no-cache") == serial, f"{count} workers"
        assert spread == [True], "the workers did the check"
    return serial[1]


def _failing_cases() -> list[Any]:
    return [case for case in _cases() if case.values[1] == "fail"]


@pytest.mark.parametrize(("case", "kind"), _failing_cases())
def test_every_failing_rule_case_says_the_same(
    tmp_path: Path, case: dict[str, Any], kind: str, report: Report, spread: list[bool]
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPOS / case.get("base", "orebro"), root)
    apply(root, case[kind])
    assert case["code"] in same_on_cores(root, report, spread)


@pytest.fixture
def botkyrka(tmp_path: Path) -> Path:
    root = copy_example("botkyrka", tmp_path / "botkyrka")
    return root


@pytest.mark.parametrize("name", sorted(EDITS))
def test_the_hierarchy_edits_say_the_same(
    botkyrka: Path, name: str, report: Report, spread: list[bool]
) -> None:
    EDITS[name](botkyrka)
    same_on_cores(botkyrka, report, spread, 2, 3)


def test_duplicate_ids_and_a_cycle_say_the_same(
    tmp_path: Path, generator: ModuleType, report: Report, spread: list[bool]
) -> None:
    """Two files with one id (the first unreadable: the rules read the second), a parent cycle
    and a parent that does not exist, in a corpus whose parents another worker reads."""
    root = tmp_path / "korpus"
    made = generator.generate(root, 30)
    files = [root / spec.rel for spec in made]
    twin = root / "processer" / "kopior" / files[0].name
    twin.parent.mkdir()
    shutil.copy(files[0], twin)
    files[0].write_text("namn: [\n", encoding="utf-8")
    first, second = files[5], files[6]
    for path, parent in ((first, second.stem), (second, first.stem), (files[7], "finns-inte")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith("överordnad:")]
        path.write_text("".join(kept) + f"överordnad: {parent}\n", encoding="utf-8")
    text = same_on_cores(root, report, spread, 2, 3)
    assert "PS106" in text and "PS302" in text and "PS301" in text


BUDGET = "processer/följa-upp-budget.yaml"


def test_the_history_rules_say_the_same(
    git_repo: Callable[..., GitRepo],  # noqa: F811
    report: Report,
    spread: list[bool],
) -> None:
    repo = git_repo()  # committed 2025-01-10: both files are due for review (PS601)
    text = repo.read(BUDGET) + "fastställd:\n  av: anna.berg\n  datum: 2026-03-01\n"
    repo.write(BUDGET, text)
    repo.commit("Fastställd", "2026-03-01T16:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-04-10T10:00:00+02:00")  # changed after approval
    said = same_on_cores(repo.root, report, spread)
    assert "PS601" in said and "PS603" in said


def test_the_results_kept_for_the_next_run_are_the_same(
    botkyrka: Path, report: Report, spread: list[bool]
) -> None:
    """The per-file results (`incremental`) and the per-file cache entries the workers store."""
    kept = botkyrka / cache.FOLDER / incremental.ENTRY_FILE
    serial = report(botkyrka, 1)
    entry, entries = kept.read_bytes(), stored_entries(botkyrka)
    shutil.rmtree(botkyrka / cache.FOLDER)
    spread.clear()
    assert report(botkyrka, 2) == serial
    assert spread == [True]
    assert kept.read_bytes() == entry
    assert stored_entries(botkyrka) == entries


def stored_entries(root: Path) -> dict[str, bytes]:
    """Every entry in the per-file cache's packs, by key."""
    fd = os.open(root / cache.FOLDER / filecache.SUBFOLDER, os.O_RDONLY)
    try:
        return {
            key: filecache.read_at(fd, *where) or b""
            for key, where in filecache.index_folder(fd).items()
        }
    finally:
        os.close(fd)


def _die(*args: object) -> object:
    os._exit(3)  # a worker killed mid-file


def _fail(*args: object) -> object:
    raise MemoryError


@pytest.mark.parametrize("failure", [_die, _fail])
@pytest.mark.parametrize("where", ["_document", "load_process", "facts_of", "context"])
def test_a_failing_worker_leaves_the_check_to_one_process(
    botkyrka: Path,
    report: Report,
    spread: list[bool],
    monkeypatch: pytest.MonkeyPatch,
    failure: Callable[..., object],
    where: str,
) -> None:
    expected = report(botkyrka, 1, "--no-cache")
    real = getattr(pool, where)
    parent = os.getpid()

    def failing(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent:  # in the workers only (this process runs the shared rules)
            return failure(*args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pool, where, failing)  # the forked workers inherit it
    spread.clear()
    assert report(botkyrka, 2, "--no-cache") == expected
    assert spread == [False]
    assert multiprocessing.active_children() == []


def test_a_failure_of_the_history_is_raised(botkyrka: Path) -> None:
    repo, paths = open_repository(botkyrka)

    def history_for(_: object) -> None:
        raise RuntimeError("git")

    with pytest.raises(RuntimeError, match="git"):
        pool.check_on_cores(repo, paths, date(2026, 11, 25), history_for, jobs=2)
    assert multiprocessing.active_children() == []


def test_progress_counts_every_file_once(botkyrka: Path) -> None:
    repo, paths = open_repository(botkyrka)
    seen: list[tuple[int, int, str]] = []
    done = pool.check_on_cores(
        repo, paths, date(2026, 11, 25), lambda _: None, jobs=2,
        progress=lambda n, total, rel: seen.append((n, total, rel)),
    )  # fmt: skip
    assert done is not None
    assert [n for n, _, _ in seen] == list(range(1, len(paths) + 1))
    assert {total for _, total, _ in seen} == {len(paths)}
    assert sorted(rel for _, _, rel in seen) == sorted(one.facts.rel for one in done.files)


def test_one_core_or_few_files_leave_the_check_to_one_process(
    botkyrka: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, paths = open_repository(botkyrka)
    monkeypatch.delenv(filestage.JOBS_VARIABLE, raising=False)
    assert len(paths) < filestage.PARALLEL_MIN
    assert pool.check_on_cores(repo, paths, date(2026, 11, 25), lambda _: None) is None
    assert pool.check_on_cores(repo, paths, date(2026, 11, 25), lambda _: None, jobs=1) is None


def _facts(rel: str, parent: str | None = None, readable: bool = True) -> Facts:
    stem = Path(rel).stem
    return Facts(rel, stem, stem, readable, parent=parent if readable else None)


def test_a_file_is_checked_once_the_facts_above_it_are_known() -> None:
    """`_Known.settled`: every file with the id, then with its parent's id, and so on up."""
    rels = ["a/barn.yaml", "a/mor.yaml", "b/mor.yaml", "a/mormor.yaml", "a/ensam.yaml"]
    known = pool._Known([Path(rel).stem for rel in rels])
    known.add(0, _facts(rels[0], "mor"))
    assert not known.settled("barn")  # the parent is not known yet
    assert known.settled("ensam") is False  # not even its own file
    known.add(1, _facts(rels[1], readable=False))
    assert not known.settled("barn")  # the other file with the parent's id may be the one
    known.add(2, _facts(rels[2], "mormor"))
    assert not known.settled("barn")  # the grandparent is not known yet
    known.add(3, _facts(rels[3], "saknas"))
    assert known.settled("barn")  # "saknas" names no file: the chain ends there
    assert known.facts["mor"].rel == "b/mor.yaml"  # the first that validated
    known.add(4, _facts(rels[4], "ensam"))  # its own parent: a cycle ends the chain
    assert known.settled("ensam")
    with pytest.raises(pool.PoolFailed):
        known.add(4, _facts(rels[4]))  # a file sent twice
    with pytest.raises(pool.PoolFailed):
        known.add(2, _facts(rels[2]))  # the same, under an id with two files
    with pytest.raises(pool.PoolFailed):
        known.add(0, _facts("a/annan.yaml"))  # a file under another id


def test_stale_entries_are_pruned_and_the_workers_entries_kept(
    botkyrka: Path, report: Report, spread: list[bool]
) -> None:
    """The workers store the entries; this process prunes, knowing every worker's."""
    files = botkyrka / cache.FOLDER / filecache.SUBFOLDER
    found: list[dict[str, bytes]] = []
    for jobs in (1, 2):
        shutil.rmtree(botkyrka / cache.FOLDER, ignore_errors=True)
        files.mkdir(parents=True)
        stale = [(f"{n:040x}", b"stale") for n in range(400)]  # more than `PRUNE_MIN`
        (files / filecache.pack_name()).write_bytes(filecache.pack(stale))
        spread.clear()
        report(botkyrka, jobs)
        assert spread == [jobs > 1]
        found.append(stored_entries(botkyrka))
    assert found[0].keys() == found[1].keys()
    assert not any(key.startswith("0000") for key in found[1])


def test_a_file_saved_during_the_run_is_not_kept_under_its_old_key(
    tmp_path: Path,
    generator: ModuleType,
    report: Report,
    spread: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file saved after the key was taken and before a worker read it: the outcome of its new
    content must not be stored under the key of its old content, or saving the old content back
    would be served the new content's problems."""
    root = tmp_path / "korpus"
    made = generator.generate(root, 3 * pool.BATCH)
    last = root / made[-1].rel
    before = last.read_text(encoding="utf-8")
    clean = report(root, 1, "--no-cache")
    real = pool._Run._take

    def take(self: pool._Run, message: pool.Files) -> None:
        real(self, message)
        if last.read_text(encoding="utf-8") == before:  # the first files are read, not the last
            last.write_text(before + "okänd_nyckel: 1\n", encoding="utf-8")

    monkeypatch.setattr(pool._Run, "_take", take)
    spread.clear()
    assert "PS005" in report(root, 2)[1]
    assert spread == [True]
    monkeypatch.setattr(pool._Run, "_take", real)
    last.write_text(before, encoding="utf-8")
    assert report(root, 2) == clean


def _take_all(shares: Any, out: Any, pause: float) -> None:
    import time

    while taken := shares.take():
        out.put((os.getpid(), taken.start, taken.stop))
        time.sleep(pause * len(taken))
    out.put(None)


def test_the_workers_take_every_file_once_and_a_slow_one_takes_fewer() -> None:
    """The batches the workers take from the counter they share cover every file once, shrink
    towards the end, and a worker whose files cost more takes fewer of them."""
    fork = multiprocessing.get_context("fork")
    files = 1000
    shares = pool._Shares(fork.Value("q", 0), files, 2)
    out = fork.Queue()
    workers = [
        fork.Process(target=_take_all, args=(shares, out, pause)) for pause in (0.0002, 0.002)
    ]
    for worker in workers:
        worker.start()
    taken: list[tuple[int, int, int]] = []
    ended = 0
    while ended < len(workers):
        item = out.get(timeout=60)
        if item is None:
            ended += 1
        else:
            taken.append(item)
    for worker in workers:
        worker.join()
    numbers = sorted(n for _, start, stop in taken for n in range(start, stop))
    assert numbers == list(range(files))
    sizes = [stop - start for _, start, stop in sorted(taken, key=lambda one: one[1])]
    assert max(sizes) == pool.BATCH and sizes[-1] <= pool.LAST_BATCH
    assert sizes == sorted(sizes, reverse=True)
    fast, slow = (workers[0].pid, workers[1].pid)
    count = {pid: sum(stop - start for p, start, stop in taken if p == pid) for pid in (fast, slow)}
    assert count[fast] > 2 * count[slow]


def test_the_key_after_a_run_on_cores_reads_only_the_files_saved_during_it(
    tmp_path: Path,
    generator: ModuleType,
    report: Report,
    spread: list[bool],
    monkeypatch: pytest.MonkeyPatch,
    settled: None,
    fed: list[str],
) -> None:
    """With the records of a stored entry, the key after the run reads neither the unchanged
    files nor the one changed before the run, but reads the one saved after the key was taken and
    before the workers read it: same size, its modification time set back, only its change time
    moved."""
    root = tmp_path / "korpus"
    made = generator.generate(root, 3 * pool.BATCH)
    first, last = made[0].rel, made[-1].rel
    report(root, 2)
    (root / cache.FOLDER / incremental.ENTRY_FILE).unlink()  # a full run, not a kept one
    with (root / first).open("a", encoding="utf-8") as changed:
        changed.write("# ändrad\n")
    clean = report(root, 1, "--no-cache")
    before = os.stat(root / last)

    def rewrite(old: bytes, new: bytes) -> None:
        data = (root / last).read_bytes()
        assert old in data
        (root / last).write_bytes(data.replace(old, new, 1))
        os.utime(root / last, ns=(before.st_atime_ns, before.st_mtime_ns))

    real = incremental.check_on_cores

    def check_on_cores(*args: Any, **kwargs: Any) -> Any:
        rewrite(b"namn:", b"nman:")
        return real(*args, **kwargs)

    monkeypatch.setattr(incremental, "check_on_cores", check_on_cores)
    spread.clear()
    fed.clear()
    assert "PS005" in report(root, 2)[1]
    assert spread == [True]
    assert os.stat(root / last).st_mtime_ns == before.st_mtime_ns
    assert read_processes(fed) == {first, last}
    monkeypatch.setattr(incremental, "check_on_cores", real)
    rewrite(b"nman:", b"namn:")
    assert report(root, 2) == clean
