"""The benchmark corpus generator, loaded from `benchmarks/generate.py`, and an isolated git."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..git.conftest import isolated_git  # noqa: F401  (re-exported as this folder's fixture)

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
