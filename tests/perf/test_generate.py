"""The benchmark corpus must stay valid, or the benchmarks measure error reporting."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

TODAY = "2026-11-25"


def validate_json(root: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "procspec", "validate", str(root), "--format", "json",
         "--today", TODAY, "--no-cache"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_corpus_without_git_has_no_problems_but_the_missing_history(
    tmp_path: Path, generator: ModuleType
) -> None:
    root = tmp_path / "korpus"
    specs = generator.generate(root, 20)
    assert generator.TODAY.isoformat() == TODAY
    files = sorted(p.relative_to(root).as_posix() for p in (root / "processer").rglob("*.yaml"))
    assert len(files) == 20 == len(specs)
    assert any(c in "".join(files) for c in "åäö")
    assert any(spec.parent for spec in specs)
    lines = [len((root / s.rel).read_text(encoding="utf-8").splitlines()) for s in specs]
    assert min(lines) >= 100
    data = validate_json(root)
    assert [p["code"] for p in data["problems"]] == ["PS602"]  # type: ignore[index,union-attr]


def test_corpus_with_git_history_has_no_problems(tmp_path: Path, generator: ModuleType) -> None:
    root = tmp_path / "korpus"
    generator.generate(root, 20, commits=45)
    log = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True, check=True
    )
    assert log.stdout.strip() == "45"
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
    data = validate_json(root)
    assert data["problems"] == []


def test_generation_is_deterministic(tmp_path: Path, generator: ModuleType) -> None:
    generator.generate(tmp_path / "a", 12)
    generator.generate(tmp_path / "b", 12)
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yaml")}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yaml")}
    assert a == b
