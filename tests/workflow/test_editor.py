"""Completion in the editor: the files `init` writes for VS Code, the modeline in new process
files, and the repository's own schema (person keys, process ids and types as enums), checked
with check-jsonschema against the examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import copy_example
from .conftest import procspec


def check(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True, text=True, check=False, env={**os.environ},
    )  # fmt: skip


def test_init_writes_the_vscode_settings_and_fresh_schemas(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    assert procspec("init", str(target), "--profile", "botkyrka").returncode == 0
    settings = json.loads((target / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (target / schema).is_file(), schema
        matched = [p for g in globs for p in target.glob(g)]
        assert matched, globs
        assert check(target / schema, *matched).returncode == 0
    extensions = json.loads((target / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
    pre_commit = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: procspec schema --repo ." in pre_commit


def test_new_files_carry_the_modeline(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    assert procspec("init", str(target), "--profile", "orebro").returncode == 0
    done = procspec("new", "Följa upp budget", "--type", "styrprocess", "--repo", str(target))
    assert done.returncode == 0, done.stderr
    for path in (target / "processer").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / first.split("=", 1)[1]).resolve() == (
            target / "schemas" / "process.schema.json"
        ).resolve()


@pytest.mark.parametrize("example", ["botkyrka", "orebro"])
def test_the_repository_schema_completes_people_processes_and_types(
    tmp_path: Path, example: str
) -> None:
    repo = copy_example(example, tmp_path / example)
    done = procspec("schema", "--repo", str(repo))
    assert done.returncode == 0, done.stderr
    schema = repo / "schemas" / "process.schema.json"
    body = json.loads(schema.read_text(encoding="utf-8"))
    files = sorted((repo / "processer").rglob("*.yaml"))
    assert check(schema, *files).returncode == 0
    roster = sorted(json.loads(json.dumps(_yaml(repo / "personer.yaml"))))
    owner = json.dumps(body["properties"]["processägare"])
    assert all(f'"{key}"' in owner for key in roster)
    parent = body["properties"]["överordnad"]["anyOf"][0]["enum"]
    assert sorted(parent) == sorted(p.stem for p in files)
    assert body["properties"]["typ"]["enum"]
    # A key that is not in the roster, and a type that is not the profile's, fail.
    broken = repo / "processer" / "trasig.yaml"
    text = files[0].read_text(encoding="utf-8")
    broken.write_text(text + "processledare: okänd.person\n", encoding="utf-8")
    failed = check(schema, broken)
    assert failed.returncode == 1 and "okänd.person" in failed.stdout + failed.stderr
    # Unchanged, a second run writes nothing (the pre-commit hook fails only on a change).
    broken.unlink()
    again = procspec("schema", "--repo", str(repo))
    assert again.returncode == 0 and again.stdout == ""


def _yaml(path: Path) -> dict[str, object]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data
