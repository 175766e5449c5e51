"""The records of the validate cache: a process file whose stat is unchanged is not read again.

A record (size, modification and change time, inode, digest) spares reading a file only while the
file's `lstat` gives the same four values; a file changed shortly before the key was computed is
not recorded, and a crafted record never raises and never gives a hit with the wrong outcome.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from procspec.features import cache, incremental
from procspec.reading import repository

from .conftest import TODAY, Run, read_processes

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"
PROCESSES = {BUDGET, STYRNING}
DAY = date.fromisoformat(TODAY)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "orebro"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    return root


def entry(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / cache.FOLDER / cache.RESULT_FILE).read_bytes())
    return data


def write_entry(root: Path, data: dict[str, Any]) -> None:
    (root / cache.FOLDER / cache.RESULT_FILE).write_text(json.dumps(data), encoding="utf-8")


def rewrite_keeping_size(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as many bytes) and set the modification time back as it was."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    data = path.read_bytes()
    assert old.encode() in data
    path.write_bytes(data.replace(old.encode(), new.encode(), 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_hit_reads_no_process_file(repo: Path, run: Run, settled: None, fed: list[str]) -> None:
    first = run(repo)
    assert set(entry(repo)["stats"]) == PROCESSES
    fed.clear()
    assert run(repo) == first
    assert fed and not read_processes(fed)  # procspec.yaml and personer.yaml are read
    without = entry(repo)
    without["stats"] = {}
    write_entry(repo, without)
    fed.clear()
    assert run(repo) == first
    assert read_processes(fed) == PROCESSES
    assert set(entry(repo)["stats"]) == PROCESSES  # the hit stored the records it could trust


def test_a_same_size_rewrite_with_the_old_modification_time_shows(
    repo: Path, run: Run, settled: None
) -> None:
    first = run(repo)
    assert BUDGET in entry(repo)["stats"]
    ctime = (repo / BUDGET).stat().st_ctime_ns
    time.sleep(0.01)  # past the file system's timestamp tick
    rewrite_keeping_size(repo / BUDGET, "anna.berg", "anna.bxrg")
    assert (repo / BUDGET).stat().st_ctime_ns != ctime
    expected = run(repo, "--no-cache")
    assert expected != first
    assert run(repo) == expected


def test_a_file_changed_just_before_the_run_is_not_recorded(
    repo: Path, run: Run, fed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The others are settled (older than `RACY_NS`); the edited file is not, and a rewrite of the
    same size with the same modification time is read and shows."""
    monkeypatch.setattr(cache, "RACY_NS", 500_000_000)
    time.sleep(0.6)
    rewrite_keeping_size(repo / BUDGET, "cecilia.dahl", "cecilia.dahm")
    first = run(repo)
    assert set(entry(repo)["stats"]) == {STYRNING}
    rewrite_keeping_size(repo / BUDGET, "cecilia.dahm", "cecilia.dahl")
    fed.clear()
    second = run(repo)
    assert BUDGET in read_processes(fed)
    assert second == run(repo, "--no-cache")
    assert second != first


def test_a_miss_reads_only_the_changed_file(
    repo: Path, run: Run, settled: None, fed: list[str]
) -> None:
    """The key before the run trusts the records of the stored entry, and the key after the run
    those of the key before it."""
    run(repo)
    (repo / cache.FOLDER / incremental.ENTRY_FILE).unlink()  # a full run, not a kept one
    time.sleep(0.01)
    rewrite_keeping_size(repo / BUDGET, "anna.berg", "anna.bxrg")
    fed.clear()
    second = run(repo)
    assert read_processes(fed) == {BUDGET}
    assert fed.count(BUDGET) == 1
    assert second == run(repo, "--no-cache")
    fed.clear()
    assert run(repo) == second
    assert not read_processes(fed)


def test_a_file_saved_during_a_run_with_records_is_not_stored_under_its_old_key(
    repo: Path, run: Run, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key after the run trusts a record only while the file's stat is unchanged: a file
    saved after the key was taken and before the run read it is read again."""
    run(repo)
    (repo / cache.FOLDER / incremental.ENTRY_FILE).unlink()  # a full run, not a kept one
    time.sleep(0.01)
    rewrite_keeping_size(repo / STYRNING, "bo.ek", "bo.ex")  # a miss; the key trusts BUDGET
    expected = run(repo, "--no-cache")
    real = repository.read_records
    saved: list[bool] = []

    def read_records(*args: Any, **kwargs: Any) -> Any:
        if not saved:
            saved.append(True)
            rewrite_keeping_size(repo / BUDGET, "anna.berg", "anna.bxrg")
        return real(*args, **kwargs)

    monkeypatch.setattr(repository, "read_records", read_records)
    assert run(repo) != expected  # the run read the saved file
    assert saved
    monkeypatch.setattr(repository, "read_records", real)
    rewrite_keeping_size(repo / BUDGET, "anna.bxrg", "anna.berg")
    assert run(repo) == expected


def test_the_digest_from_a_record_is_the_digest_read(
    repo: Path, settled: None, fed: list[str]
) -> None:
    plan = cache.Plan("processer", None)
    read = cache.Hashed()
    key = cache.compute_key(repo, plan, DAY, read)
    assert read_processes(fed) == PROCESSES
    records = read.records()
    assert set(records) == PROCESSES
    for rel, record in records.items():
        assert record[4] == read.files[rel] == cache._digest(rel, repo / rel)[0]
    fed.clear()
    trusted = cache.Hashed()
    assert cache.compute_key(repo, plan, DAY, trusted, records) == key
    assert not read_processes(fed)
    assert (trusted.files, trusted.stats) == (read.files, read.stats)


def test_a_link_and_a_large_file_are_never_trusted(
    repo: Path, settled: None, fed: list[str]
) -> None:
    """A record is not used for a link (even with its target's identity) or a file too large to
    be read."""
    (repo / "processer" / "länk.yaml").symlink_to(repo / BUDGET)
    (repo / "processer" / "stor.yaml").write_bytes(b"#" * (cache.MAX_HASHED_BYTES + 1))
    plan = cache.Plan("processer", None)
    read = cache.Hashed()
    key = cache.compute_key(repo, plan, DAY, read)
    assert set(read.records()) == PROCESSES
    lies = {
        rel: (*cache._identity(os.stat(repo / rel)), "0" * 40)
        for rel in ("processer/länk.yaml", "processer/stor.yaml")
    }
    fed.clear()
    assert cache.compute_key(repo, plan, DAY, None, lies) == key
    assert read_processes(fed) == PROCESSES | set(lies)


CRAFTED: list[Any] = [
    None,
    5,
    "stats",
    [1, 2, 3],
    {BUDGET: None},
    {BUDGET: "x"},
    {BUDGET: [1, 2, 3]},
    {BUDGET: [1, 2, 3, 4, 5, 6]},
    {BUDGET: [True, 1, 2, 3, "0" * 40]},
    {BUDGET: ["1", "2", "3", "4", "0" * 40]},
    {BUDGET: [1.5, 2, 3, 4, "0" * 40]},
    {BUDGET: [1, 2, 3, 4, 5]},
    {BUDGET: [1, 2, 3, 4, "\ud800" * 40]},
    {BUDGET: [1, 2, 3, 4, "ZZ" * 20]},
    {BUDGET: [10**40, -(10**40), 0, -1, "0" * 40]},
    {BUDGET: {"size": 1}},
    {BUDGET: [[1], {}, None, "", []]},
]


@pytest.mark.parametrize("stats", CRAFTED)
def test_malformed_records_are_ignored(repo: Path, run: Run, settled: None, stats: Any) -> None:
    first = run(repo)
    crafted = entry(repo)
    crafted["stats"] = stats
    write_entry(repo, crafted)
    assert cache.lookup(repo, DAY) is not None
    write_entry(repo, crafted)
    assert run(repo) == first


def test_a_record_whose_digest_lies_gives_no_hit(repo: Path, run: Run, settled: None) -> None:
    """The digest of the old content, with stat fields that are not the file's: the file is read
    and its change shows."""
    run(repo)
    stored = entry(repo)
    digest = stored["stats"][BUDGET][4]
    time.sleep(0.01)
    rewrite_keeping_size(repo / BUDGET, "anna.berg", "anna.bxrg")
    expected = run(repo, "--no-cache")
    now = os.stat(repo / BUDGET)
    for fields in (
        [int.from_bytes(os.urandom(6), "big") for _ in range(4)],
        [now.st_size, now.st_mtime_ns, now.st_ctime_ns + 1, now.st_ino],
        [now.st_size, now.st_mtime_ns, now.st_ctime_ns, now.st_ino + 1],
    ):
        stored["stats"][BUDGET] = [*fields, digest]
        write_entry(repo, stored)
        assert cache.lookup(repo, DAY) is None
        write_entry(repo, stored)
        assert run(repo) == expected
