"""Every rule fires on its failing case at the expected place and stays silent on its passing case.

Cases are data: tests/fixtures/rules/<family>/cases.yaml. Each case starts from a fixture repository
(tests/fixtures/repos/<base>), writes real files over it (`files`: whole files; `patch`: top-level keys
replaced in a base file, `null` removes a key) and runs the whole check.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from procspec.checking.checker import check_repository
from procspec.reading.repository import load_repository

from ..conftest import FIXTURES, REPOS, TODAY

CASES_DIR = FIXTURES / "rules"


def _cases() -> list[Any]:
    yaml = YAML(typ="safe", pure=True)
    found = []
    for path in sorted(CASES_DIR.glob("*/cases.yaml")):
        for case in yaml.load(path.read_text(encoding="utf-8")):
            for kind in ("fail", "pass"):
                if kind in case:
                    found.append(
                        pytest.param(case, kind, id=f"{case['code']}-{kind}-{case.get('name', '')}")
                    )
    return found


def build(tmp_path: Path, case: dict[str, Any], variant: dict[str, Any]) -> Path:
    """Write the case's repository to disk and return its root."""
    root = tmp_path / "repo"
    shutil.copytree(REPOS / case.get("base", "orebro"), root)
    apply(root, variant)
    return root


def apply(root: Path, variant: dict[str, Any]) -> None:
    """Write a case's files and patches over the repository at `root`."""
    rt = YAML()
    rt.preserve_quotes = True
    for rel, patch in (variant.get("patch") or {}).items():
        target = root / rel
        data = rt.load(target.read_text(encoding="utf-8"))
        for key, value in patch.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        with target.open("w", encoding="utf-8") as handle:
            rt.dump(data, handle)
    for rel, content in (variant.get("files") or {}).items():
        target = root / rel
        if content is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict) and "bytes" in content:
            target.write_bytes(content["bytes"].encode(content.get("encoding", "utf-8")))
        else:
            target.write_text(content, encoding="utf-8")


@pytest.mark.parametrize(("case", "kind"), _cases())
def test_rule_case(tmp_path: Path, case: dict[str, Any], kind: str) -> None:
    root = build(tmp_path, case, case[kind])
    outcome = check_repository(load_repository(root), TODAY)
    found = sorted([p.path, p.line, p.column] for p in outcome.problems if p.code == case["code"])
    if kind == "pass":
        assert found == [], f"{case['code']} fired on its passing case: {outcome.problems}"
    else:
        expected = sorted(list(e) for e in case["fail"]["expect"])
        assert found == expected, [p for p in outcome.problems]
        severity = case["fail"].get("severity")
        if severity:
            assert {p.severity.value for p in outcome.problems if p.code == case["code"]} == {
                severity
            }
