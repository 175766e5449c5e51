"""The validate cache (`.procspec-cache/`) must never hide a problem, and never fail a run.

Each test validates once (storing the outcome), changes one thing the outcome depends on, and
validates again: the problem must appear. Runs are in-process through `procspec.cli.app.main`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from procspec.cli.app import main
from procspec.features import cache
from procspec.reading import cachefolder

from .conftest import TODAY, Run


def codes(report: dict[str, object]) -> list[str]:
    return sorted(p["code"] for p in report["problems"])  # type: ignore[attr-defined,index]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "orebro"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stored(root: Path) -> bool:
    return (root / cache.FOLDER / cache.RESULT_FILE).is_file()


def test_a_second_run_is_a_hit_with_the_same_report(repo: Path, run: Run) -> None:
    status, first = run(repo)
    assert stored(repo)
    assert cache.lookup(repo, cache_day()) is not None
    assert run(repo) == (status, first)
    assert run(repo, "--no-cache") == (status, first)
    assert (repo / cache.FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def cache_day() -> object:
    from datetime import date

    return date.fromisoformat(TODAY)


def test_a_changed_roster_entry_shows(repo: Path, run: Run) -> None:
    assert run(repo)[0] == 0
    edit(repo / "personer.yaml", "anna.berg:", "anna.bergström:")
    status, report = run(repo)
    assert status == 1
    assert "PS204" in codes(report)


def test_a_changed_profile_file_shows(repo: Path, run: Run) -> None:
    (repo / "profil.yaml").write_text("namn: vår-kommun\nbas: orebro\n", encoding="utf-8")
    edit(repo / "procspec.yaml", "profil: orebro", "profil: profil.yaml")
    status, report = run(repo)
    assert status == 0, report
    (repo / "profil.yaml").write_text(
        "namn: vår-kommun\nbas: orebro\nmax_namnlängd: 12\n", encoding="utf-8"
    )
    _, report = run(repo)
    assert "PS104" in codes(report)


def test_a_removed_parent_shows_in_its_child(repo: Path, run: Run) -> None:
    assert run(repo)[0] == 0
    parent = repo / "processer" / "skapa-förutsättningar-för-styrning.yaml"
    parent.rename(parent.with_name("skapa-förutsättningar-för-ledning.yaml"))
    status, report = run(repo)
    assert status == 1
    assert "PS301" in codes(report)


def test_an_added_file_shows(repo: Path, run: Run) -> None:
    assert run(repo)[0] == 0
    (repo / "processer" / "ny").mkdir()
    (repo / "processer" / "ny" / "tom.yaml").write_text("", encoding="utf-8")
    status, report = run(repo)
    assert status == 1
    assert "PS003" in codes(report)


def test_another_day_shows(repo: Path, run: Run) -> None:
    _, before = run(repo)
    _, later = run(repo, "--today", "2031-01-01")
    assert codes(later) != codes(before)


def git(root: Path, *args: str, when: str = "2026-01-15T10:00:00+01:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Åsa Öberg",
        "GIT_AUTHOR_EMAIL": "asa.oberg@example.org",
        "GIT_COMMITTER_NAME": "Åsa Öberg",
        "GIT_COMMITTER_EMAIL": "asa.oberg@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_a_commit_shows(repo: Path, run: Run) -> None:
    """The same bytes committed on another day: no file changes, only git, and the spec is now
    changed after its approval (PS603). The cache must see it."""
    spec = repo / "processer" / "följa-upp-budget.yaml"
    with spec.open("a", encoding="utf-8") as handle:
        handle.write("fastställd:\n  av: anna.berg\n  datum: 2026-03-01\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Lägg till processerna", when="2026-01-15T10:00:00+01:00")
    edit(spec, "Att säkra", "Att säkerställa")
    git(repo, "commit", "-q", "-a", "-m", "Ändra syftet", when="2026-02-01T10:00:00+01:00")
    status, before = run(repo)
    assert status == 0 and "PS603" not in codes(before), before
    assert run(repo) == (status, before)
    git(repo, "reset", "-q", "--soft", "HEAD~1")
    git(repo, "commit", "-q", "-m", "Ändra syftet", when="2026-10-01T10:00:00+01:00")
    _, after = run(repo)
    assert "PS603" in codes(after)
    clean = subprocess.run(
        ["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert clean.stdout == ""  # the cache folder ignores itself


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\xff not json",
        b"{}",
        b'{"format": 1, "settings": 5}',
        b"[1, 2, 3]",
        json.dumps({"format": 1, "problems": [{"path": 1}]}).encode(),
    ],
)
def test_a_corrupt_cache_is_ignored(repo: Path, run: Run, garbage: bytes) -> None:
    expected = run(repo, "--no-cache")
    (repo / cache.FOLDER).mkdir()
    (repo / cache.FOLDER / cache.RESULT_FILE).write_bytes(garbage)
    assert run(repo) == expected
    assert run(repo) == expected  # rewritten, and now a hit


@pytest.mark.parametrize(
    "problem",
    [
        {"line": "1", "severity": "bad", "message": "m"},
        {"message": {"key": "joined", "params": {"parts": 5}}},
        {"message": {"key": "no.such.message"}},
        {"message": {"key": "PS602.absent"}},  # its text needs a reason
    ],
)
def test_a_forged_hit_with_bad_problems_is_ignored(
    repo: Path, run: Run, problem: dict[str, object]
) -> None:
    expected = run(repo)
    entry = json.loads((repo / cache.FOLDER / cache.RESULT_FILE).read_text(encoding="utf-8"))
    entry["problems"] = [{"path": "x", "line": 1, "column": 1, "code": "PS001",
                          "severity": "error", "message": "m"} | problem]  # fmt: skip
    (repo / cache.FOLDER / cache.RESULT_FILE).write_text(json.dumps(entry), encoding="utf-8")
    assert run(repo) == expected
    for output in ("text", "github"):  # every format puts the problems in words
        with pytest.raises(SystemExit) as done:
            main(["validate", str(repo), "--format", output, "--today", TODAY])
        assert done.value.code == expected[0]


def test_a_path_that_does_not_exist_is_an_error_however_warm_the_cache(
    repo: Path, capsys: pytest.CaptureFixture[str], run: Run
) -> None:
    """A mistyped path below a repository is not the repository above it: CI must not pass."""
    assert run(repo)[0] == 0 and stored(repo)
    for missing in (repo / "procesr", repo / "processer" / "finns-inte.yaml"):
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(["validate", str(missing), "--today", TODAY])
        assert done.value.code == 2
        assert "finns inte" in capsys.readouterr().err


def test_a_cache_folder_that_is_a_file_is_no_problem(repo: Path, run: Run) -> None:
    (repo / cache.FOLDER).write_text("not a folder", encoding="utf-8")
    expected = run(repo, "--no-cache")
    assert run(repo) == expected
    assert run(repo) == expected


def test_an_unwritable_cache_never_fails_a_run(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(cachefolder, "write_atomic", refuse)
    expected = run(repo, "--no-cache")
    assert run(repo) == expected
    assert not stored(repo)


def test_a_read_only_repository_validates(repo: Path, run: Run, tmp_path: Path) -> None:
    """A repository on a read-only file system (a read-only bind mount, which binds root too)."""
    status, report = run(repo, "--no-cache")
    mounted = tmp_path / "read-only"
    mounted.mkdir()
    subprocess.run(["mount", "--bind", str(repo), str(mounted)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], check=True)
        with pytest.raises(OSError):
            (mounted / "probe").write_text("x", encoding="utf-8")
        again, seen = run(mounted)
        assert (again, codes(seen), seen["counts"]) == (status, codes(report), report["counts"])
        assert not stored(mounted)
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


def test_no_cache_and_the_environment_switch_it_off(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(repo, "--no-cache")
    assert not (repo / cache.FOLDER).exists()
    monkeypatch.setenv("PROCSPEC_NO_CACHE", "1")
    run(repo)
    assert not (repo / cache.FOLDER).exists()


def test_a_changed_procspec_changes_the_key(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An editable install changes without a new version: the package files are in the key."""
    plan = cache.Plan("processer", None)
    day = cache_day()
    before = cache.compute_key(repo, plan, day)  # type: ignore[arg-type]
    monkeypatch.setattr(cachefolder, "__version__", "99.0")
    cachefolder.package_fingerprint.cache_clear()
    assert cache.compute_key(repo, plan, day) != before  # type: ignore[arg-type]


def test_progress_is_reported_per_file(repo: Path) -> None:
    from procspec.reading.repository import load_repository

    seen: list[tuple[int, int, str]] = []
    load_repository(repo, progress=lambda done, total, rel: seen.append((done, total, rel)))
    assert [s[0] for s in seen] == [1, 2]
    assert {s[1] for s in seen} == {2}
    assert all(s[2].startswith("processer/") for s in seen)


@pytest.mark.parametrize("kept", [False, True], ids=["full-run", "kept-run"])
def test_a_file_changed_and_changed_back_during_a_run_is_not_stored(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch, kept: bool
) -> None:
    """The run reads a version that is gone again when it ends: its digest is the old one, but
    the file was written, and what the run found for the other version must not be kept."""
    from procspec.features import incremental
    from procspec.reading import repository

    module = incremental if kept else repository  # the reading of a kept run, or a full one
    monkeypatch.setenv("PROCSPEC_JOBS", "1")
    target = repo / "processer" / "följa-upp-budget.yaml"
    if kept:  # the per-file results of a first run are kept; then this file changes
        run(repo)
        edit(target, "Nämnderna", "Kommunstyrelsen")
    final = target.read_text(encoding="utf-8")
    brief = final + "okänd: nyckel\n"
    real = module.read_records

    def meanwhile(*args: Any, **kwargs: Any) -> Any:
        target.write_text(brief, encoding="utf-8")  # saved, read by the run …
        try:
            return real(*args, **kwargs)
        finally:
            target.write_text(final, encoding="utf-8")  # … and undone before it ends

    monkeypatch.setattr(module, "read_records", meanwhile)
    assert "PS005" in codes(run(repo)[1])  # the run saw the brief version
    monkeypatch.setattr(module, "read_records", real)
    assert run(repo) == run(repo, "--no-cache")
    assert "PS005" not in codes(run(repo)[1])
