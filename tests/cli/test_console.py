"""The overviews as a user sees them in a pipe or file: whole lines, every level of the tree,
and processes in a parent cycle shown with the rest (README, "Kommandon")."""

from __future__ import annotations

from pathlib import Path

from ..conftest import EXAMPLES, copy_example
from .support import ENV, run

TEMPLATE = EXAMPLES / "orebro" / "processer" / "stodprocesser" / "betala-leverantörsfakturor.yaml"
LONG = "en-mycket-lång-process-id-som-inte-får-brytas-av-någon-tabell-eller-något-träd"


def _piped(*args: str, cwd: Path) -> str:
    """The command's standard output through a real pipe, with no COLUMNS to guess a width from."""
    done = run(*args, cwd=cwd, env={k: v for k, v in ENV.items() if k != "COLUMNS"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def _process(repo: Path, process_id: str, parent: str | None) -> None:
    head = f"namn: {process_id.upper()}\n" + (f"överordnad: {parent}\n" if parent else "")
    body = "".join(line for line in TEMPLATE.read_text(encoding="utf-8").splitlines(True)
                   if not line.startswith("namn:"))  # fmt: skip
    (repo / "processer" / "stodprocesser" / f"{process_id}.yaml").write_text(
        head + body, encoding="utf-8"
    )


def test_a_pipe_gets_every_level_and_whole_ids(tmp_path: Path) -> None:
    repo = copy_example("orebro", tmp_path / "orebro")
    parent = None
    for level in range(20):
        _process(repo, f"nivå-{level}-{LONG}", parent)
        parent = f"nivå-{level}-{LONG}"
    tree = _piped("tree", ".", cwd=repo)
    listed = _piped("list", ".", cwd=repo)
    for level in range(20):
        assert tree.count(f"nivå-{level}-{LONG}") == 1, level
        assert f"nivå-{level}-{LONG}" in listed, level


def test_tree_shows_a_parent_cycle_and_what_is_under_it(tmp_path: Path) -> None:
    repo = copy_example("orebro", tmp_path / "orebro")
    _process(repo, "cykel-a", "cykel-b")
    _process(repo, "cykel-b", "cykel-a")
    _process(repo, "under-cykeln", "cykel-b")
    tree = _piped("tree", ".", cwd=repo)
    listed = _piped("list", ".", cwd=repo)
    for process_id in ("cykel-a", "cykel-b", "under-cykeln"):
        assert process_id in listed
        assert tree.count(process_id) == 1, process_id
    lines = tree.splitlines()
    depth = {pid: next(len(line) - len(line.lstrip("│├└─ ")) for line in lines if pid in line)
             for pid in ("cykel-a", "cykel-b", "under-cykeln")}  # fmt: skip
    assert depth["cykel-a"] < depth["cykel-b"] < depth["under-cykeln"]
