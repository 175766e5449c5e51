"""A repository inside another, and profiles that contradict themselves: refused with a clear
problem and the contract's exit status, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import REPOS
from .conftest import assert_no_traceback, run_cli, snapshot

BUILTIN = Path(__file__).parents[2] / "src" / "procspec" / "reading" / "profiles" / "orebro.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", target)
    return target


@pytest.mark.parametrize("where", ["ny", "processer/ny", "processer"])
@pytest.mark.parametrize("flags", [[], ["--force"]])
def test_init_inside_a_repository(root: Path, tmp_path: Path, where: str, flags: list[str]) -> None:
    (root / "ny").mkdir()
    before = snapshot(tmp_path)
    result = run_cli("init", str(root / where), "--profile", "orebro", *flags)
    assert_no_traceback(result)
    assert result.exit == 1, result.output
    assert str(root) in result.output
    assert snapshot(tmp_path) == before


def _custom_profile(root: Path, edit: tuple[str, str]) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    assert edit[0] in text
    (root / "profil.yaml").write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    settings = root / "procspec.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace("profil: orebro", "profil: profil.yaml"), "utf-8"
    )


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (("  - från: 1\n", "  - från: 3\n    till: 2\n"), (27, 11)),
        (
            ("    band: stöd\n", "    band: stöd\n  - namn: huvudprocess\n    band: huvud\n"),
            (17, 11),
        ),
        (
            (
                "max_processer_per_ägare: 8\n",
                "max_processer_per_ägare: 8\nfasta_ägare:\n  - typ: okänd\n    nivå: 1\n    titel: Chef\n",
            ),
            (33, 10),
        ),
    ],  # fmt: skip
)
@pytest.mark.parametrize("command", [["validate", "{root}", "--format", "json"], ["render", "{root}", "--out", "{out}"], ["list", "{root}"]])  # fmt: skip
def test_a_profile_that_contradicts_itself(
    root: Path, tmp_path: Path, edit: tuple[str, str], where: tuple[int, int], command: list[str]
) -> None:
    _custom_profile(root, edit)
    before = snapshot(tmp_path)
    args = [a.replace("{root}", str(root)).replace("{out}", str(tmp_path / "ut")) for a in command]
    result = run_cli(*args)
    assert_no_traceback(result)
    assert result.exit == 2, result.output
    assert snapshot(tmp_path) == before
    if command[0] == "validate" and result.stdout.strip():
        found = {
            (p["path"], p["line"], p["column"], p["code"])
            for p in json.loads(result.stdout)["problems"]
        }
        assert ("profil.yaml", *where, "PS007") in found, found
    else:
        assert (
            f"profil.yaml:{where[0]}:{where[1]}" in result.output or "profil.yaml" in result.output
        )
