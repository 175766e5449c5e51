"""A committed `.procspec-cache` is untrusted input: links and special files are neither read nor
written through, what is read is capped, a `.gitignore` is written only into a folder procspec
made, and the key covers where a linked process file points."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from procspec.features.cache import FOLDER, RESULT_FILE

from ..conftest import REPOS
from .conftest import Result, assert_no_traceback, run_cli, snapshot

SPEC = "processer/följa-upp-budget.yaml"


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    outside = tmp_path / "utanför"
    outside.mkdir()
    (outside / "hemlig.txt").write_text("hemligt", encoding="utf-8")
    return root, outside


def validate(root: Path) -> Result:
    result = run_cli("validate", str(root), "--format", "json")
    assert_no_traceback(result)
    return result


def _within(seconds: float, root: Path) -> Result:
    """validate in a thread that must end in time (a FIFO must not block it)."""
    box: list[Result] = []
    worker = threading.Thread(target=lambda: box.append(validate(root)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, "validate hung"
    return box[0]


def test_cache_folder_linked_to_the_root_writes_nothing_there(place: tuple[Path, Path]) -> None:
    root, _ = place
    (root / FOLDER).symlink_to(".")
    before = snapshot(root)
    for _ in range(2):
        assert validate(root).exit == 0
    assert not (root / ".gitignore").exists()
    assert not (root / RESULT_FILE).exists()
    assert snapshot(root) == before


def test_cache_folder_linked_outside_writes_nothing_there(place: tuple[Path, Path]) -> None:
    root, outside = place
    (root / FOLDER).symlink_to(outside)
    before = snapshot(outside)
    assert validate(root).exit == 0
    assert snapshot(outside) == before


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_cache_entry_linked_to_a_device_is_not_read(place: tuple[Path, Path], target: str) -> None:
    root, _ = place
    (root / FOLDER).mkdir()
    (root / FOLDER / RESULT_FILE).symlink_to(target)
    result = _within(30, root)
    assert result.exit == 0
    assert os.readlink(root / FOLDER / RESULT_FILE) == target  # left as it was


def test_cache_entry_that_is_a_fifo_does_not_hang(place: tuple[Path, Path]) -> None:
    root, _ = place
    (root / FOLDER).mkdir()
    os.mkfifo(root / FOLDER / RESULT_FILE)
    assert _within(30, root).exit == 0


def test_cache_entry_linked_outside_is_neither_read_nor_written(place: tuple[Path, Path]) -> None:
    root, outside = place
    assert validate(root).exit == 0  # a real entry, then moved outside and linked back
    entry = json.loads((root / FOLDER / RESULT_FILE).read_text(encoding="utf-8"))
    entry["problems"] = [{"path": SPEC, "line": 1, "column": 1, "code": "PS999", "severity": "error", "message": "förfalskad", "process": None}]  # fmt: skip
    (outside / RESULT_FILE).write_text(json.dumps(entry), encoding="utf-8")
    (root / FOLDER / RESULT_FILE).unlink()
    (root / FOLDER / RESULT_FILE).symlink_to(outside / RESULT_FILE)
    before = snapshot(outside)
    result = validate(root)
    assert result.exit == 0 and "PS999" not in result.stdout
    assert snapshot(outside) == before


def test_a_huge_cache_entry_is_not_read(place: tuple[Path, Path]) -> None:
    root, _ = place
    (root / FOLDER).mkdir()
    with open(root / FOLDER / RESULT_FILE, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: 300 MB of nothing
    assert _within(30, root).exit == 0


def test_gitignore_only_in_a_folder_procspec_made(place: tuple[Path, Path]) -> None:
    root, _ = place
    (root / FOLDER).mkdir()  # committed by someone, without a .gitignore
    assert validate(root).exit == 0
    assert not (root / FOLDER / ".gitignore").exists()
    shutil.rmtree(root / FOLDER)
    assert validate(root).exit == 0
    assert (root / FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_gitignore_in_the_cache_folder_is_never_written_through_a_link(
    place: tuple[Path, Path],
) -> None:
    root, outside = place
    (root / FOLDER).mkdir()
    (root / FOLDER / ".gitignore").symlink_to(outside / "hemlig.txt")
    before = snapshot(outside)
    assert validate(root).exit == 0
    assert snapshot(outside) == before


def test_the_key_covers_where_a_linked_process_file_points(place: tuple[Path, Path]) -> None:
    root, outside = place
    inside = root / "mallar" / "budget.yaml"
    inside.parent.mkdir()
    shutil.move(root / SPEC, inside)
    (root / SPEC).symlink_to(inside)
    first = validate(root)
    assert first.exit == 0, first.output
    copy = outside / "budget.yaml"
    shutil.copy(inside, copy)  # the same bytes, now outside the repository
    (root / SPEC).unlink()
    (root / SPEC).symlink_to(copy)
    second = validate(root)
    assert second.exit == 1
    assert "PS004" in second.stdout
    nocache = run_cli("validate", str(root), "--format", "json", "--no-cache")
    assert json.loads(nocache.stdout) == json.loads(second.stdout)


def test_a_crafted_entry_cannot_send_the_key_outside(place: tuple[Path, Path]) -> None:
    root = place[0]
    assert validate(root).exit == 0
    entry = json.loads((root / FOLDER / RESULT_FILE).read_text(encoding="utf-8"))
    for processes, profile in (("../..", None), ("processer", "../utanför/hemlig.txt")):
        entry["processes"], entry["profile"] = processes, profile
        entry["problems"] = [{"path": "x", "line": 1, "column": 1, "code": "PS999", "severity": "error", "message": "förfalskad", "process": None}]  # fmt: skip
        (root / FOLDER / RESULT_FILE).write_text(json.dumps(entry), encoding="utf-8")
        result = _within(30, root)
        assert result.exit == 0 and "PS999" not in result.stdout
