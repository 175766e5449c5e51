"""The documented examples of the processkarta rules (PS701–PS713) do what they say.

Each rule's bad example, copied into a process file, fires that rule; its good example fires no
processkarta rule and no schema error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from procspec.checking.checker import check_repository
from procspec.checking.rules import all_rules
from procspec.reading.repository import load_repository

from ..conftest import REPOS, TODAY

TARGET = "processer/följa-upp-budget.yaml"
FLOW_RULES = [r for r in all_rules() if r.family == "flow"]


def _codes(tmp_path: Path, example: str) -> list[str]:
    root = tmp_path / "repo"
    shutil.copytree(REPOS / "orebro", root)
    rt = YAML()
    target = root / TARGET
    data = rt.load(target.read_text(encoding="utf-8"))
    for key, value in YAML(typ="safe", pure=True).load(example).items():
        data[key] = value
    with target.open("w", encoding="utf-8") as handle:
        rt.dump(data, handle)
    outcome = check_repository(load_repository(root), TODAY)
    return [
        p.code
        for p in outcome.problems
        if p.path == TARGET and (p.code.startswith("PS7") or p.code in ("PS005", "PS006", "PS007"))
    ]


def test_the_family_is_complete() -> None:
    assert [r.code for r in FLOW_RULES] == [f"PS7{i:02d}" for i in range(1, 14)]


@pytest.mark.parametrize("rule", FLOW_RULES, ids=lambda r: r.code)
def test_bad_example_fires(tmp_path: Path, rule: object) -> None:
    from procspec.checking.registry import Rule

    assert isinstance(rule, Rule)
    assert rule.code in _codes(tmp_path, rule.bad)


@pytest.mark.parametrize("rule", FLOW_RULES, ids=lambda r: r.code)
def test_good_example_is_clean(tmp_path: Path, rule: object) -> None:
    from procspec.checking.registry import Rule

    assert isinstance(rule, Rule)
    found = _codes(tmp_path, rule.good)
    if rule.code == "PS707":
        # Its example calls a process the fixture repository does not have.
        found = [code for code in found if code != "PS707"]
    assert found == []
