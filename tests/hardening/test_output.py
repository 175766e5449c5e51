"""Output folders: render never replaces a folder whose loss would hurt (a git directory, the
repository or above it, the processes folder, anything render did not write), whatever the flags;
two processes with one output name refuse the render whatever the severities; and what an
interrupted render left is cleaned up when it is provably render's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.rendering.output import MARKER, MARKER_TEXT

from ..git.conftest import GitRepo
from .conftest import assert_no_traceback, run_cli, snapshot

FORCE = [[], ["--force"]]


def _render(root: Path, out: Path | str, *extra: str) -> int:
    result = run_cli("render", str(root), "--out", str(out), "--today", "2026-11-25", *extra)
    assert_no_traceback(result)
    return result.exit


@pytest.mark.parametrize("flags", FORCE)
@pytest.mark.parametrize(
    "where", [".git", ".git/hooks", ".git/nytt", ".", "..", "processer", "processer/sub"]
)
def test_git_root_and_processes_are_never_replaced(
    git_repo: Callable[..., GitRepo], tmp_path: Path, where: str, flags: list[str]
) -> None:
    repo = git_repo("orebro")
    before = snapshot(tmp_path, skip=("gitconfig-global",))
    exit_code = _render(repo.root, repo.root / where, *flags)
    assert exit_code == 2
    assert snapshot(tmp_path, skip=("gitconfig-global",)) == before
    assert repo.git("log", "--oneline").strip()


@pytest.mark.parametrize("flags", FORCE)
def test_a_folder_that_contains_the_processes_folder(tmp_path: Path, flags: list[str]) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    (root / "docs").mkdir()
    shutil.move(root / "processer", root / "docs" / "processer")
    (root / "procspec.yaml").write_text(
        (root / "procspec.yaml").read_text("utf-8") + "processer: docs/processer\n", "utf-8"
    )
    before = snapshot(tmp_path)
    assert _render(root, root / "docs", *flags) == 2
    assert snapshot(tmp_path) == before


def _hostile_folder(out: Path, kind: str, outside: Path) -> None:
    out.mkdir(parents=True)
    if kind == "submodule":
        (out / "modul").mkdir()
        (out / "modul" / ".git").write_text("gitdir: ../../.git/modules/modul\n", "utf-8")
    elif kind == "work-tree":
        subprocess.run(["git", "init", "-q", str(out)], check=True)
    elif kind == "bare":
        shutil.rmtree(out)
        subprocess.run(["git", "init", "-q", "--bare", str(out)], check=True)
    elif kind == "subfolder":
        (out / "bilder").mkdir()
        (out / "bilder" / "logga.html").write_text("x", "utf-8")
    elif kind == "link":
        (out / "index.html").symlink_to(outside / "hemlig.txt")
    elif kind == "fifo":
        os.mkfifo(out / "index.html")
    elif kind == "other-file":
        (out / "anteckningar.txt").write_text("viktigt", "utf-8")
    elif kind == "ours-plus-foreign":
        (out / MARKER).write_text(MARKER_TEXT + "index.html\n", "utf-8")
        (out / "index.html").write_text("x", "utf-8")
        (out / "egen.html").write_text("min", "utf-8")
    elif kind == "forged-marker-with-yaml":
        (out / MARKER).write_text(MARKER_TEXT + "viktig.yaml\n", "utf-8")
        (out / "viktig.yaml").write_text("a: 1\n", "utf-8")
    elif kind == "marker-link":
        (out / MARKER).symlink_to(outside / "hemlig.txt")
        (out / "anteckningar.txt").write_text("viktigt", "utf-8")


@pytest.mark.parametrize("flags", FORCE)
@pytest.mark.parametrize(
    "kind",
    [
        "submodule",
        "work-tree",
        "bare",
        "subfolder",
        "link",
        "fifo",
        "other-file",
        "ours-plus-foreign",
        "forged-marker-with-yaml",
        "marker-link",
    ],  # fmt: skip
)
def test_a_folder_holding_what_render_did_not_write(
    tmp_path: Path, kind: str, flags: list[str]
) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    outside = tmp_path / "utanför"
    outside.mkdir()
    (outside / "hemlig.txt").write_text("hemligt", "utf-8")
    out = tmp_path / "ut"
    _hostile_folder(out, kind, outside)
    before = snapshot(tmp_path)
    assert _render(root, out, *flags) == 2
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("how", ["off", "ignored"])
@pytest.mark.parametrize(
    "files",
    [
        ("tillhandahålla-x.yaml", "tillhandahalla-x.yaml"),
        ("a/styra.yaml", "b/styra.yaml"),
        ("index.yaml", None),
        ("maloversikt.yaml", None),
    ],  # fmt: skip
)
def test_one_output_name_for_two_processes_refuses(
    tmp_path: Path, how: str, files: tuple[str, str | None]
) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    spec = (root / "processer" / "följa-upp-budget.yaml").read_text("utf-8")
    ignore = "# procspec: ignore PS106 PS107 PS108 -- prov\n" if how == "ignored" else ""
    for name in files:
        if name is not None:
            target = root / "processer" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                ignore + spec.replace("Följa upp budget", f"Följa upp {name[:2]}"), "utf-8"
            )
    if how == "off":
        (root / "procspec.yaml").write_text(
            (root / "procspec.yaml").read_text("utf-8")
            + "regler:\n  PS106: off\n  PS107: off\n  PS108: off\n  PS305: off\n",
            "utf-8",
        )
    before = snapshot(tmp_path)
    result = run_cli("render", str(root), "--out", str(tmp_path / "ut"), "--today", "2026-11-25")
    assert_no_traceback(result)
    assert result.exit == 1, result.output
    assert snapshot(tmp_path) == before


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_leftovers_of_an_interrupted_render_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "repos" / "orebro", root)
    out = tmp_path / "ut"
    assert _render(root, out) == 0
    import socket

    tmp = tmp_path / ".ut.abc123.tmp"  # interrupted while writing
    tmp.mkdir()
    (tmp / MARKER).write_text(
        f"{MARKER_TEXT}# skrivs av {_dead_pid()} {socket.gethostname()}\n", "utf-8"
    )
    (tmp / "index.html").write_text("halv", "utf-8")
    (tmp / "sok-index.js").write_text("window.PROCSPEC_SOK=", "utf-8")  # the search's own
    old = tmp_path / ".ut.def456.old"  # interrupted during the swap
    shutil.copytree(out, old)
    alive = tmp_path / ".ut.ghi789.tmp"  # another render still at work
    alive.mkdir()
    (alive / MARKER).write_text(
        f"{MARKER_TEXT}# skrivs av {os.getpid()} {socket.gethostname()}\n", "utf-8"
    )
    theirs = tmp_path / ".ut.jkl012.tmp"  # looks like ours, is not: no marker
    theirs.mkdir()
    (theirs / "index.html").write_text("någons", "utf-8")
    mixed = tmp_path / ".ut.mno345.old"  # a marker, and a file render never writes
    shutil.copytree(out, mixed)
    (mixed / "anteckningar.txt").write_text("viktigt", "utf-8")
    link = tmp_path / ".ut.pqr678.old"  # a link to a folder of ours is not followed
    link.symlink_to(old)
    assert _render(root, out) == 0
    assert not tmp.exists() and not old.exists()
    assert alive.is_dir() and theirs.is_dir() and (mixed / "anteckningar.txt").is_file()
    assert link.is_symlink()
