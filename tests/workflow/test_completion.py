"""Completion as the editor gives it: yaml-language-server (the engine of VS Code's YAML
extension, from npm) on a repository from `init`, reading the schema named by the file's modeline
(`procspec new`) and by `.vscode/settings.json`. It completes person keys from the roster, process
ids and the profile's types."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import procspec
from .lsp import SERVER, SETUP, Client

# Needs the npm tools in tests/browser (like the browser tests): `-m "not browser"` leaves it out.
pytestmark = pytest.mark.browser

SETTINGS = {"yaml": {"completion": True, "validate": True, "hover": True,
                     "schemaStore": {"enable": False}}}  # fmt: skip


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SERVER.is_file() or shutil.which("node") is None:
        pytest.fail(f"yaml-language-server is not installed; run: {SETUP}")
    target = tmp_path_factory.mktemp("editor") / "repo"
    assert procspec("init", str(target), "--profile", "orebro").returncode == 0
    done = procspec("new", "Följa upp budget", "--type", "styrprocess", "--repo", str(target))
    assert done.returncode == 0, done.stderr
    return target


@pytest.fixture
def client(repo: Path) -> Iterator[Client]:
    found = Client(repo, SETTINGS)
    yield found
    found.close()


def _at(text: str, prefix: str) -> tuple[str, int]:
    """`text` with the line of the key in `prefix` ("processägare: ") cut to just `prefix`; and
    that line's number."""
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(prefix.rstrip()))
    lines[number] = prefix
    return "\n".join(lines) + "\n", number


def test_person_keys_from_the_roster(repo: Path, client: Client) -> None:
    path = next((repo / "processer").rglob("följa-upp-budget.yaml"))
    text, line = _at(path.read_text(encoding="utf-8"), "processägare: ")
    labels = client.complete(path, text, line, len("processägare: "))
    assert {"anna.berg", "bo.ek", "cecilia.dahl"} <= set(labels)


def test_parent_ids_and_types(repo: Path, client: Client) -> None:
    path = next((repo / "processer").rglob("följa-upp-budget.yaml"))
    text = path.read_text(encoding="utf-8")
    text, line = _at(text.replace("typ: styrprocess", "typ: styrprocess\növerordnad: x"),
                     "överordnad: ")  # fmt: skip
    labels = client.complete(path, text, line, len("överordnad: "))
    assert "betala-leverantörsfakturor" in labels
    text, line = _at(path.read_text(encoding="utf-8"), "typ: ")
    assert {"huvudprocess", "stödprocess", "styrprocess"} <= set(
        client.complete(path, text, line, len("typ: "))
    )


def test_the_vscode_settings_map_the_roster(repo: Path) -> None:
    """Without a modeline, `.vscode/settings.json` (`yaml.schemas`) names the schema."""
    vscode = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    settings = {"yaml": {**SETTINGS["yaml"], "schemas": vscode["yaml.schemas"]}}
    found = Client(repo, settings)
    try:
        path = repo / "procspec.yaml"
        text, line = _at(path.read_text(encoding="utf-8"), "språk: ")
        labels = found.complete(path, text, line, len("språk: "))
    finally:
        found.close()
    assert {"sv", "en"} <= set(labels)
