"""The registry is the documentation: every rule has docs, examples, a source and test cases."""

from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML

from procspec.checking.checker import check_repository
from procspec.checking.rules import all_rules
from procspec.messages import catalogue
from procspec.reading.repository import load_repository

from ..conftest import FIXTURES, REPOS, TODAY

SPEC_CODES = (
    [f"PS00{i}" for i in range(1, 9)]
    + [f"PS10{i}" for i in range(1, 9)]
    + [f"PS2{i:02d}" for i in range(1, 13)]
    + [f"PS30{i}" for i in range(1, 7)]
    + [f"PS40{i}" for i in range(1, 7)]
    + [f"PS50{i}" for i in range(1, 5)]
    + ["PS604"]
    + [f"PS7{i:02d}" for i in range(1, 14)]
)


def _cases() -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for path in (FIXTURES / "rules").glob("*/cases.yaml"):
        for case in YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")):
            kinds.setdefault(case["code"], set()).update(k for k in ("fail", "pass") if k in case)
    return kinds


def test_every_spec_code_is_registered() -> None:
    codes = {rule.code for rule in all_rules()}
    assert set(SPEC_CODES) <= codes


def test_every_rule_is_documented() -> None:
    for rule in all_rules():
        assert len(rule.doc) > 40, rule.code
        assert rule.bad.strip() and rule.good.strip() and rule.bad != rule.good, rule.code
        assert rule.source.strip(), rule.code
        for lang in ("sv", "en"):
            assert catalogue(lang).get(f"rule.{rule.code}.title"), (rule.code, lang)


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    cases = _cases()
    git_tests = "\n".join(
        p.read_text(encoding="utf-8") for p in (FIXTURES.parent / "git").glob("test_*.py")
    )
    for rule in all_rules():
        if rule.family == "history":
            # History rules need real git repositories: their cases live in tests/git, named
            # test_<code>_fires... and test_<code>_silent...
            assert f"test_{rule.code.lower()}_fires" in git_tests, (
                f"{rule.code} lacks a firing test"
            )
            assert f"test_{rule.code.lower()}_silent" in git_tests, (
                f"{rule.code} lacks a silent test"
            )
            continue
        assert cases.get(rule.code) == {"fail", "pass"}, f"{rule.code} lacks test cases"


def test_every_message_has_both_languages() -> None:
    """sv.po and en.po hold the same keys, every one translated; each template fills from the
    parameters the two languages name between them (a language may leave one out, as Swedish
    leaves out the plural of "fel")."""
    swedish, english = catalogue("sv"), catalogue("en")
    assert set(swedish) == set(english)
    for key in swedish:
        assert swedish[key] and english[key], key
        params = dict.fromkeys(_fields(swedish[key]) | _fields(english[key]), "x")
        assert swedish[key].format(**params) and english[key].format(**params), key


def _fields(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


GOAL_EXAMPLES = ("PS401", "PS402", "PS403", "PS404", "PS406")
"""Goal rules whose good example is a whole goal (PS405's examples show only the ids)."""


def test_goal_rules_good_examples_pass_every_goal_rule(tmp_path: Path) -> None:
    """A good example copied into a process file triggers no goal rule (PS4xx) and no schema
    error: PS401's example once lacked `senast` and failed PS402."""
    rules = {rule.code: rule for rule in all_rules()}
    for code in GOAL_EXAMPLES:
        root = tmp_path / code
        shutil.copytree(REPOS / "orebro", root)
        target = root / "processer" / "följa-upp-budget.yaml"
        rt = YAML()
        data = rt.load(target.read_text(encoding="utf-8"))
        example = YAML(typ="safe", pure=True).load(rules[code].good)
        data["mål"] = example["mål"]
        data.pop("aktiviteter", None)  # they name the base file's goals
        with target.open("w", encoding="utf-8") as handle:
            rt.dump(data, handle)
        outcome = check_repository(load_repository(root), TODAY)
        found = [
            p
            for p in outcome.problems
            if p.path == "processer/följa-upp-budget.yaml"
            and (p.code.startswith("PS4") or p.code in ("PS005", "PS006", "PS007"))
        ]
        assert found == [], f"{code}'s good example: {found}"
