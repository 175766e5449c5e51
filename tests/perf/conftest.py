"""The benchmark corpus generator, loaded from `benchmarks/generate.py`, and an isolated git."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

GENERATOR = Path(__file__).parents[2] / "benchmarks" / "generate.py"


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    """`benchmarks/generate.py` as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("procspec_benchmark_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No global or system git configuration, no identity or dates from the environment."""
    empty = tmp_path / "gitconfig-global"
    empty.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("PROCSPEC_NO_CACHE", raising=False)
    for key in list(os.environ):
        if key.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_")) or key in ("GIT_DIR", "GIT_WORK_TREE"):
            monkeypatch.delenv(key)
    yield
