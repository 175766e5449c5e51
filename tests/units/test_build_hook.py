"""The build hook compiles the catalogues: into the wheel, or into the source tree for an editable
install (with the modules byte-compiled there too), each carrying the digest of its `.po` so that
it is used until the `.po` changes.

hatchling is a build requirement, not a test one: its hook interface is stood in for by a class
with the attributes the hook reads."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from procspec import messages

ROOT = Path(__file__).resolve().parents[2]


class _Interface:
    def __init__(self, root: Path, target_name: str) -> None:
        self.root, self.target_name = str(root), target_name


@pytest.fixture
def hook(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    for name in ("hatchling", "hatchling.builders", "hatchling.builders.hooks",
                 "hatchling.builders.hooks.plugin"):  # fmt: skip
        monkeypatch.setitem(sys.modules, name, ModuleType(name))
    interface = ModuleType("hatchling.builders.hooks.plugin.interface")
    interface.BuildHookInterface = _Interface  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, interface.__name__, interface)
    spec = importlib.util.spec_from_file_location("_hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(tmp_path: Path) -> Path:
    """A source tree with procspec's messages module and catalogues (and nothing compiled)."""
    root = tmp_path / "checkout"
    package = root / "src" / "procspec"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "src" / "procspec" / "messages.py", package / "messages.py")
    shutil.copytree(
        ROOT / "src" / "procspec" / "locale",
        package / "locale",
        ignore=shutil.ignore_patterns("*.mo"),
    )
    return root


def _used_as_compiled(folder: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    compiled: list[bytes] = []
    real = messages.compile_po
    monkeypatch.setattr(messages, "compile_po", lambda po: compiled.append(po) or real(po))
    found: Any = messages.load_catalogue(folder)
    monkeypatch.setattr(messages, "compile_po", real)
    return compiled == [] and found.gettext("click.usage") in ("Användning:", "Usage:")


def _built(
    hook: ModuleType, tmp_path: Path, target: str, version: str
) -> tuple[Path, dict[str, str]]:
    """A source tree built for `target` and `version`: its root and what the wheel must include."""
    root = _tree(tmp_path)
    build_data: dict[str, Any] = {"force_include": {}}
    hook.CompileCatalogues(root, target).initialize(version, build_data)
    return root, build_data["force_include"]


def test_an_editable_install_compiles_beside_the_po(
    hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, included = _built(hook, tmp_path, "wheel", "editable")
    assert included == {}
    cached = root / "src" / "procspec" / "__pycache__"
    assert [p.name.split(".")[0] for p in cached.glob("*.pyc")] == ["messages"]
    for lang in ("sv", "en"):
        folder = root / "src" / "procspec" / "locale" / lang / "LC_MESSAGES"
        assert (folder / "procspec.mo").is_file()
        assert _used_as_compiled(folder, monkeypatch)


def test_a_wheel_carries_the_compiled_catalogues(
    hook: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, included = _built(hook, tmp_path, "wheel", "standard")
    assert sorted(included.values()) == [
        "procspec/locale/en/LC_MESSAGES/procspec.mo",
        "procspec/locale/sv/LC_MESSAGES/procspec.mo",
    ]
    assert not list((root / "src").rglob("*.mo"))  # the source tree is left as it was
    for built, inside in included.items():
        folder = tmp_path / "wheel" / Path(inside).parent
        folder.mkdir(parents=True)
        shutil.copy(built, folder / "procspec.mo")
        lang = Path(inside).parts[2]
        source = root / "src" / "procspec" / "locale" / lang / "LC_MESSAGES" / "procspec.po"
        shutil.copy(source, folder / "procspec.po")
        assert _used_as_compiled(folder, monkeypatch)


def test_other_targets_compile_nothing(hook: ModuleType, tmp_path: Path) -> None:
    root, included = _built(hook, tmp_path, "sdist", "standard")
    assert included == {} and not list(root.rglob("*.mo"))
