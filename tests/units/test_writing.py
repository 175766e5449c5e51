"""Files procspec writes: atomically and all or none, a replaced file with its mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from procspec.errors import UsageError
from procspec.features.writing import write_all, write_atomically


def test_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "process.yaml"
    target.write_text("namn: a\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "namn: b\n")
    assert target.read_text(encoding="utf-8") == "namn: b\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["process.yaml"]


def test_a_failed_write_leaves_every_file_and_folder_as_it_was(tmp_path: Path) -> None:
    # The second file's temporary cannot be made (its name is too long for the file system):
    # the first file is not replaced, and the folders made for them are removed again.
    kept = tmp_path / "kept.txt"
    kept.write_text("före\n", encoding="utf-8")
    files = {kept: "efter\n", tmp_path / "ny" / "mapp" / ("x" * 250): "text\n"}
    with pytest.raises(OSError):
        write_all(files)
    assert kept.read_text(encoding="utf-8") == "före\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.txt"]


def test_nothing_is_written_when_one_path_is_taken(tmp_path: Path) -> None:
    (tmp_path / "mapp").mkdir()
    with pytest.raises(UsageError):
        write_all({tmp_path / "a.txt": "a\n", tmp_path / "mapp": "b\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mapp"]
