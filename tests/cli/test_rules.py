"""`procspec rules` documents each rule as the repository's profile tells it: a Botkyrka
repository's rules cite Botkyrka's guideline, an Örebro repository's Örebro's handbook, and
outside a repository the neutral catalogue cites every source."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import EXAMPLES
from .support import run


def test_botkyrka_rules_never_cite_orebro() -> None:
    root = EXAMPLES / "botkyrka"
    one = run("rules", "PS406", cwd=root)
    assert one.returncode == 0, one.stderr
    assert "Botkyrka 2.3" in one.stdout and "målsatta mått" in one.stdout
    table = run("rules", cwd=root).stdout
    rules = json.loads(run("rules", "--format", "json", cwd=root).stdout)
    catalogue = run("rules", "--format", "md", cwd=root).stdout
    for words in (one.stdout, table, json.dumps(rules, ensure_ascii=False), catalogue):
        assert "Örebro" not in words and "mätetal" not in words
    by_code = {r["code"]: r for r in rules}
    assert by_code["PS101"]["severity"] == "warning"  # the profile's own severity
    assert by_code["PS207"]["quotes"][0]["source"] == "Botkyrka 1.2.5.1, Tabell 1"
    assert by_code["PS207"]["quotes"][0]["text"].startswith("Sammanfattningsvis kan")
    assert all(r["profile"] == "botkyrka" for r in rules)


def test_orebro_rules_cite_the_handbook() -> None:
    root = EXAMPLES / "orebro"
    rules = {r["code"]: r for r in json.loads(run("rules", "--format", "json", cwd=root).stdout)}
    assert rules["PS201"]["source"] == "Örebro Steg 2"
    assert rules["PS208"]["applies"] is False
    assert rules["PS207"]["title"] == "Mål fastställt av en annan roll än profilen anger"
    assert "Botkyrka" not in json.dumps(rules["PS201"], ensure_ascii=False)
    validate = run("validate", "--format", "json", cwd=root).stdout
    assert "Botkyrka" not in validate


def test_botkyrka_validate_never_cites_orebro() -> None:
    done = run("validate", "--format", "json", cwd=EXAMPLES / "botkyrka")
    report = json.loads(done.stdout)
    assert report["problems"], "the example has info problems to read"
    assert "Örebro" not in done.stdout and "mätetal" not in done.stdout


def test_outside_a_repository_the_catalogue_is_neutral(tmp_path: Path) -> None:
    [one] = json.loads(run("rules", "PS201", "--format", "json", cwd=tmp_path).stdout)
    assert one["profile"] is None
    assert {q["source"] for q in one["quotes"]} == {"Botkyrka 2.3, Tabell 2", "Örebro Steg 2"}
    text = run("rules", "PS201", cwd=tmp_path).stdout
    assert "Ur Botkyrka 2.3, Tabell 2:" in text and "Ur Örebro Steg 2:" in text


def test_rules_still_read_in_a_repository_with_a_broken_profile(tmp_path: Path) -> None:
    """`rules` documents the rules even where the profile cannot be read (validate says why):
    then it is the neutral catalogue."""
    (tmp_path / "procspec.yaml").write_text(
        "organisation: Vår kommun\nprofil: saknas.yaml\n", encoding="utf-8"
    )
    done = run("rules", "PS201", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["profile"] is None
