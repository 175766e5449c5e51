"""The benchmark corpus generator, loaded from `benchmarks/generate.py`, an isolated git, `validate`
run as a user runs it, and spies on what the cache reads."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from procspec.cli.app import main
from procspec.features import cache

from ..git.conftest import isolated_git  # noqa: F401  (re-exported as this folder's fixture)

GENERATOR = Path(__file__).parents[2] / "benchmarks" / "generate.py"
TODAY = "2026-11-25"
Run = Callable[..., tuple[int, dict[str, object]]]


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
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache tests need the cache: a PROCSPEC_NO_CACHE from the environment is removed."""
    monkeypatch.delenv("PROCSPEC_NO_CACHE", raising=False)


def answered(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> list[bool]:
    """Whether each call of `module.name` from now on answered (something other than None)."""
    seen: list[bool] = []
    real = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        seen.append(result is not None)
        return result

    monkeypatch.setattr(module, name, spy)
    return seen


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`procspec validate ROOT --format json --today TODAY [args]` → (exit status, report)."""

    def invoke(root: Path, *args: str) -> tuple[int, dict[str, object]]:
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(["validate", str(root), "--format", "json", "--today", TODAY, *args])
        out = capsys.readouterr().out
        return int(done.value.code or 0), json.loads(out)

    return invoke


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as changed long enough ago to be recorded (a test's files are seconds
    old at most)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def fed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The label of every file the cache reads and hashes from now on."""
    seen: list[str] = []
    real = cache._feed_file

    def spy(h: Any, label: str, path: str | Path) -> os.stat_result | None:
        seen.append(label)
        return real(h, label, path)

    monkeypatch.setattr(cache, "_feed_file", spy)
    return seen


def read_processes(fed: list[str]) -> set[str]:
    return {label for label in fed if label.startswith("processer/")}
