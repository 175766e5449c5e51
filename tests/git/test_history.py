"""`read_history`: one git log pass, renames, merges, shallow clones, dirty trees, no git."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from procspec.git import log as gitlog
from procspec.git.log import read_history
from procspec.messages import Message

from ..conftest import said
from .conftest import ORJAN, GitRepo, init, procspec, shallow_clone

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"
SNO = "processer/tillhandahålla-snöröjning.yaml"

SNO_TEXT = """namn: Tillhandahålla snöröjning
typ: huvudprocess
processägare: anna.berg
syfte: Att hålla gator och gång- och cykelvägar framkomliga vintertid.
starthändelse: Snö faller.
sluthändelse: Gatorna är framkomliga.
mottagare:
  - Kommuninvånare
"""


def test_swedish_file_and_author_names(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write(SNO, SNO_TEXT)
    sha = repo.commit(
        "Lägg till snöröjning: gång- och cykelvägar", "2026-02-03T08:15:00+01:00", ORJAN
    )
    history = read_history(repo.root)
    assert history.available and not history.shallow and history.reason is None
    [revision] = history.of(SNO)
    assert revision.sha == sha
    assert revision.author == "Örjan Ångström"
    assert revision.email == "orjan.angstrom@example.org"
    assert revision.subject == "Lägg till snöröjning: gång- och cykelvägar"
    assert revision.path == SNO
    assert revision.date.isoformat() == "2026-02-03T08:15:00+01:00"
    assert [r.author for r in history.of(BUDGET)] == ["Åsa Öberg"]
    assert set(history.files) == {BUDGET, STYRNING, "procspec.yaml", "personer.yaml", SNO}


def test_newest_first_with_full_message(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "En ny månad börjar.", "Månadsskiftet.")
    repo.commit(
        "Förtydliga starthändelsen\n\nEnligt beslut i ledningsgruppen.", "2026-03-01T10:00:00+01:00"
    )
    revisions = read_history(repo.root).of(BUDGET)
    assert [r.subject for r in revisions] == ["Förtydliga starthändelsen", "Lägg till processerna"]
    assert revisions[0].message == "Förtydliga starthändelsen\n\nEnligt beslut i ledningsgruppen."
    assert revisions[0].short == revisions[0].sha[:7]


def test_moves_and_renames_are_followed(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write(SNO, SNO_TEXT)
    first = repo.commit("Lägg till snöröjning", "2026-01-20T10:00:00+01:00")
    (repo.root / "processer" / "gata").mkdir()
    repo.git("mv", SNO, "processer/gata/tillhandahålla-snöröjning.yaml")
    moved = repo.commit("Flytta till gata", "2026-02-01T10:00:00+01:00")
    repo.git("mv", "processer/gata/tillhandahålla-snöröjning.yaml", "processer/gata/röja-snö.yaml")
    renamed = repo.commit("Byt id till röja-snö", "2026-03-01T10:00:00+01:00")
    history = read_history(repo.root)
    revisions = history.of("processer/gata/röja-snö.yaml")
    assert [r.sha for r in revisions] == [renamed, moved, first]
    assert [r.path for r in revisions] == [
        "processer/gata/röja-snö.yaml",
        "processer/gata/tillhandahålla-snöröjning.yaml",
        SNO,
    ]
    assert history.of(SNO) == []


def test_a_path_reused_after_a_move_starts_its_own_history(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    repo.git("mv", BUDGET, "processer/budget.yaml")
    moved = repo.commit("Flytta", "2026-02-01T10:00:00+01:00")
    repo.write(
        BUDGET, repo.read("processer/budget.yaml").replace("Följa upp budget", "Följa upp x")
    )
    repo.write("processer/budget.yaml", "namn: Helt annat\n" * 30)  # too different: no rename
    created = repo.commit("Ny fil med det gamla namnet", "2026-03-01T10:00:00+01:00")
    history = read_history(repo.root)
    assert [r.sha for r in history.of("processer/budget.yaml")][:2] == [created, moved]
    assert [r.sha for r in history.of(BUDGET)] == [created]


def test_merge_with_rename_on_one_side_and_edit_on_the_other(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    base = repo.git("rev-parse", "HEAD").strip()
    repo.git("checkout", "-q", "-b", "flytt")
    repo.git("mv", BUDGET, "processer/följa-upp-ekonomi.yaml")
    renamed = repo.commit("Byt namn till ekonomi", "2026-02-01T10:00:00+01:00", ORJAN)
    repo.git("checkout", "-q", "main")
    repo.replace(BUDGET, "Nämnderna", "Nämnderna och styrelserna")
    edited = repo.commit("Fler mottagare", "2026-02-02T10:00:00+01:00")
    merged = repo.merge("flytt", "Slå ihop flytt", "2026-02-03T10:00:00+01:00")
    history = read_history(repo.root)
    revisions = history.of("processer/följa-upp-ekonomi.yaml")
    shas = [r.sha for r in revisions]
    # Both sides changed the file, so the merge itself is a revision; the edit made under the old
    # name on main is followed through the rename made on the branch.
    assert shas[0] == merged
    assert set(shas[1:3]) == {renamed, edited}
    assert shas[3] == base
    by_sha = {r.sha: r for r in revisions}
    assert by_sha[edited].path == BUDGET
    assert by_sha[renamed].author == "Örjan Ångström"
    assert history.of(BUDGET) == []


def test_merge_of_a_branch_is_attributed_to_the_branch_commits(
    git_repo: Callable[..., GitRepo],
) -> None:
    repo = git_repo()
    repo.git("checkout", "-q", "-b", "mål")
    repo.replace(BUDGET, "målvärde: 2", "målvärde: 1.5")
    branch_commit = repo.commit("Skärp målet", "2026-02-01T10:00:00+01:00", ORJAN)
    repo.git("checkout", "-q", "main")
    repo.replace(STYRNING, "namn:", "# kommentar\nnamn:")
    repo.commit("Kommentar", "2026-02-02T10:00:00+01:00")
    merged = repo.merge("mål", "Merge branch 'mål'", "2026-02-05T10:00:00+01:00")
    history = read_history(repo.root)
    shas = [r.sha for r in history.of(BUDGET)]
    assert shas[0] == branch_commit
    assert merged not in shas
    assert history.of(BUDGET)[0].author == "Örjan Ångström"


def test_detached_head(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    first = repo.git("rev-parse", "HEAD").strip()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    repo.git("checkout", "-q", "--detach", first)
    history = read_history(repo.root)
    assert history.available
    assert [r.sha for r in history.of(BUDGET)] == [first]


def test_dirty_tree_leads_with_uncommitted(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.write(SNO, SNO_TEXT)
    repo.git("mv", STYRNING, "processer/styra.yaml")
    history = read_history(repo.root)
    modified = history.of(BUDGET)
    assert modified[0].sha == ""
    assert modified[0].message == "" and not modified[0].committed
    assert modified[0].path == BUDGET
    assert modified[1].subject == "Lägg till processerna"
    untracked = history.of(SNO)
    assert [(r.sha, r.message) for r in untracked] == [("", "")]
    staged_move = history.of("processer/styra.yaml")
    assert [r.sha == "" for r in staged_move] == [True, False]
    assert staged_move[1].path == STYRNING
    assert history.of("personer.yaml")[0].committed


def test_move_without_git_mv_keeps_history_by_id(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    target = repo.root / "processer" / "ekonomi" / "följa-upp-budget.yaml"
    target.parent.mkdir()
    (repo.root / BUDGET).rename(target)
    revisions = read_history(repo.root).of("processer/ekonomi/följa-upp-budget.yaml")
    assert [r.committed for r in revisions] == [False, True]
    assert revisions[1].path == BUDGET


def test_no_commits_yet(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(commit=False)
    history = read_history(repo.root)
    assert history.available and not history.shallow
    assert [(r.sha, r.message) for r in history.of(BUDGET)] == [("", "")]


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "procspec.yaml").write_text("organisation: X\nprofil: orebro\n", encoding="utf-8")
    history = read_history(tmp_path)
    assert not history.available
    assert history.files == {}
    assert isinstance(history.reason, Message)
    assert history.reason.key == "git.not_repo" and history.reason.get("root") == str(tmp_path)
    assert "git init" in said(history.reason)


def test_english_reason(tmp_path: Path) -> None:
    history = read_history(tmp_path)
    assert history.reason is not None and "not in a git repository" in said(history.reason, "en")


def test_git_missing_from_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    history = read_history(tmp_path)
    assert not history.available
    assert isinstance(history.reason, Message) and history.reason.key == "git.missing"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_dubious_ownership_says_how_to_fix(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    os.chown(repo.top, 4242, 4242)
    try:
        history = read_history(repo.root)
    finally:
        os.chown(repo.top, 0, 0)
    assert not history.available
    assert history.reason is not None
    assert isinstance(history.reason, Message) and history.reason.key == "git.dubious"
    assert "git config --global --add safe.directory" in said(history.reason)
    assert str(repo.top) in said(history.reason)


def test_root_below_the_top_of_the_work_tree(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(prefix="docs/processer-förråd")
    repo.write("../README.md", "utanför\n")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    sha = repo.commit("Ändra i undermappen", "2026-02-01T10:00:00+01:00")
    history = read_history(repo.root)
    assert history.of(BUDGET)[0].sha == sha
    assert history.of(BUDGET)[0].path == BUDGET
    assert all(not key.startswith(("docs/", "../", "README")) for key in history.files)


def test_shallow_clone(git_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = git_repo()
    repo.replace(STYRNING, "namn:", "# äldre\nnamn:")
    repo.commit("Äldre ändring", "2026-01-05T10:00:00+01:00")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    latest = repo.commit("Senaste ändringen", "2026-02-01T10:00:00+01:00")
    clone = tmp_path / "klon"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{repo.top}", str(clone)],
        check=True,
        capture_output=True,
    )
    history = read_history(clone)
    assert history.available and history.shallow
    # The boundary commit (its parent was not fetched) is the oldest known revision of every file
    # in its tree.
    [boundary] = history.boundary
    assert (
        boundary
        == subprocess.run(
            ["git", "rev-parse", "HEAD~1"], cwd=clone, capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    assert [r.sha for r in history.of(BUDGET)] == [latest, boundary]
    assert [r.sha for r in history.of(STYRNING)] == [boundary]
    assert [r.subject for r in history.of("personer.yaml")] == ["Äldre ändring"]
    assert not history.at_boundary(history.of(BUDGET)[0])
    assert history.at_boundary(history.of(BUDGET)[1])

    single = tmp_path / "djup1"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.top}", str(single)],
        check=True,
        capture_output=True,
    )
    history = read_history(single)
    assert history.shallow and history.boundary == {latest}
    assert [r.sha for r in history.of(BUDGET)] == [latest]
    assert history.of(BUDGET)[0].date.isoformat() == "2026-02-01T10:00:00+01:00"


def _tree(repo: GitRepo, sha: str) -> set[str]:
    """The files below the procspec root in a commit's tree, relative to the root."""
    out = repo.git("ls-tree", "-r", "-z", "--name-only", "--full-tree", sha)
    prefix = repo.root.relative_to(repo.top).as_posix() + "/" if repo.root != repo.top else ""
    return {p[len(prefix) :] for p in out.split("\0") if p.startswith(prefix) and p}


@pytest.mark.parametrize("prefix", ["", "docs/processer-förråd"])
def test_depth_1_clone_every_file_has_the_boundary_commit(
    git_repo: Callable[..., GitRepo], tmp_path: Path, prefix: str
) -> None:
    repo = git_repo(prefix=prefix)
    if prefix:
        repo.write("../README.md", "utanför\n")
    repo.write(SNO, SNO_TEXT)
    repo.commit("Lägg till snöröjning", "2026-01-20T10:00:00+01:00", ORJAN)
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    head = repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "ci", 1)
    history = read_history(clone.root)
    assert history.available and history.shallow and history.boundary == {head}
    assert set(history.files) == _tree(clone, head)
    for rel, revisions in history.files.items():
        assert [(r.sha, r.path, r.subject) for r in revisions] == [(head, rel, "Ändra mottagare")]
        assert history.at_boundary(revisions[0])


def test_depth_2_clone_boundary_under_its_path_before_a_move(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    repo.replace(STYRNING, "namn:", "# äldre\nnamn:")
    older = repo.commit("Äldre ändring", "2026-01-05T10:00:00+01:00")
    repo.git("mv", BUDGET, SNO.replace("tillhandahålla-snöröjning", "följa-upp-ekonomi"))
    repo.replace(STYRNING, "# äldre\n", "")
    moved = repo.commit("Byt namn", "2026-02-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "ci", 2)
    history = read_history(clone.root)
    assert history.boundary == {older}
    renamed = "processer/följa-upp-ekonomi.yaml"
    assert [(r.sha, r.path) for r in history.of(renamed)] == [(moved, renamed), (older, BUDGET)]
    assert [r.sha for r in history.of(STYRNING)] == [moved, older]
    assert [r.sha for r in history.of("procspec.yaml")] == [older]
    assert BUDGET not in history.files


def test_shallow_clone_with_uncommitted_changes(
    git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo()
    clone = shallow_clone(repo, tmp_path / "ci", 1)
    clone.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    revisions = read_history(clone.root).of(BUDGET)
    assert [r.committed for r in revisions] == [False, True]
    assert revisions[1].subject == "Lägg till processerna"


def test_shallow_clone_costs_one_log_pass(
    git_repo: Callable[..., GitRepo], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    for n in range(30):
        repo.write(f"processer/process-{n}.yaml", SNO_TEXT.replace("snöröjning", str(n)))
    repo.commit("Många processer", "2026-02-01T10:00:00+01:00")
    clone = shallow_clone(repo, tmp_path / "ci", 1)
    calls: list[tuple[str, ...]] = []
    original = gitlog._Git.start

    def counting(self: gitlog._Git, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(gitlog._Git, "start", counting)
    history = read_history(clone.root)
    assert len(history.files) == 34 and all(len(r) == 1 for r in history.files.values())
    assert sum(1 for c in calls if c[0] == "log") == 1
    assert len(calls) <= 5, calls


def test_one_git_log_pass_whatever_the_number_of_files(
    git_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo()
    for n in range(40):
        repo.write(
            f"processer/grupp{n % 4}/process-{n}.yaml", SNO_TEXT.replace("snöröjning", str(n))
        )
    repo.commit("Många processer", "2026-02-01T10:00:00+01:00")
    for n in range(0, 40, 3):
        repo.replace(f"processer/grupp{n % 4}/process-{n}.yaml", "Snö faller.", "Snö faller igen.")
        repo.commit(f"Ändra {n}", f"2026-02-{n // 3 + 2:02d}T10:00:00+01:00")
    calls: list[tuple[str, ...]] = []
    original = gitlog._Git.start

    def counting(self: gitlog._Git, *args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(gitlog._Git, "start", counting)
    history = read_history(repo.root)
    assert len(history.files) == 44
    assert sum(1 for c in calls if c[0] == "log") == 1
    assert len(calls) <= 5, calls


def test_init_outside_the_tree_is_not_needed(tmp_path: Path) -> None:
    """A fresh `git init` with nothing in it is a repository without history."""
    init(tmp_path / "tom")
    history = read_history(tmp_path / "tom")
    assert history.available and history.files == {}


def test_author_identity_not_required_for_uncommitted(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    revision = read_history(repo.root).of(BUDGET)[0]
    assert revision.sha == "" and isinstance(revision.author, str)


def test_user_settings_do_not_change_the_result(
    git_repo: Callable[..., GitRepo], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = git_repo(prefix="förråd")
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    expected = read_history(repo.root)
    config = tmp_path / "gitconfig-user"
    config.write_text(
        "[log]\n\tshowSignature = true\n\tfollow = true\n\tdate = relative\n"
        "[diff]\n\trelative = true\n\trenames = false\n"
        "[core]\n\tquotepath = true\n[format]\n\tpretty = oneline\n"
        "[i18n]\n\tlogOutputEncoding = ISO-8859-1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    assert read_history(repo.root).files == expected.files


def test_control_characters_from_commits_are_made_visible(
    git_repo: Callable[..., GitRepo],
) -> None:
    """An author or message that would steer a terminal (or break a feed's XML) is passed on
    with its control and direction characters written as <U+XXXX>."""
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    repo.commit(
        "Ändra\x1b]0;titel\x07 mottagare \u202eevil\n\nText.",
        author=("Eve\x1b[2J", "e@example.org"),
    )
    [revision, _] = read_history(repo.root).of(BUDGET)
    assert revision.author == "Eve<U+001B>[2J"
    assert revision.message == "Ändra<U+001B>]0;titel<U+0007> mottagare <U+202E>evil\n\nText."
    result = procspec("history", "följa-upp-budget", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "<U+001B>[2J" in result.stdout


def test_replace_refs_are_not_followed(git_repo: Callable[..., GitRepo]) -> None:
    """`git replace` is local to a clone: the history is the one committed, with the cache and
    without it, whatever replace refs are added or removed between runs."""
    repo = git_repo()
    repo.replace(BUDGET, "Nämnderna", "Kommunstyrelsen")
    old = repo.commit("Ändra mottagare", "2026-02-01T10:00:00+01:00")
    repo.replace(BUDGET, "Kommunstyrelsen", "Nämnderna")
    repo.commit("Tillbaka", "2026-03-01T10:00:00+01:00")
    before = procspec("history", "följa-upp-budget", "--format", "json", cwd=repo.root)
    assert before.returncode == 0, before.stderr
    body = repo.git("cat-file", "commit", old).replace("Ändra mottagare", "Ersatt")
    fake = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo.top, input=body, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    repo.git("replace", old, fake)
    assert "Ersatt" in repo.git("log", "--format=%s")  # git itself follows the replacement
    kept = procspec("history", "följa-upp-budget", "--format", "json", cwd=repo.root)
    shutil.rmtree(repo.root / ".procspec-cache")
    fresh = procspec("history", "följa-upp-budget", "--format", "json", cwd=repo.root)
    assert kept.stdout == fresh.stdout == before.stdout
    assert "Ersatt" not in fresh.stdout
