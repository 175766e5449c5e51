"""`procspec init`: a new repository that validates, and never a half-written one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from procspec.features.scaffold import INIT_FILES

from .conftest import GitRepo, init, procspec

EXAMPLE = {
    "orebro": "processer/stodprocesser/betala-leverantörsfakturor.yaml",
    "botkyrka": "processer/medborgarprocesser/möjliggöra-arbete-och-företagande.yaml",
}

EDITOR = {".vscode/settings.json", ".vscode/extensions.json", "schemas/process.schema.json",
          "schemas/settings.schema.json", "schemas/roster.schema.json"}  # fmt: skip


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("profile", ["orebro", "botkyrka"])
def test_init_in_an_empty_folder_validates_clean(tmp_path: Path, profile: str) -> None:
    target = tmp_path / "processer-repo"
    done = procspec("init", str(target), "--profile", profile)
    assert done.returncode == 0, done.stderr
    assert files_in(target) == {*INIT_FILES, EXAMPLE[profile], *EDITOR}
    checked = procspec("validate", str(target), "--format", "json")
    assert checked.returncode == 0, checked.stdout
    report = json.loads(checked.stdout)
    assert report["counts"]["error"] == 0
    assert report["counts"]["warning"] == 0
    # Outside git the only note is that there is no history yet.
    assert {p["code"] for p in report["problems"]} <= {"PS602"}


@pytest.mark.parametrize("profile", ["orebro", "botkyrka"])
def test_init_then_commit_has_no_problems_at_all(tmp_path: Path, profile: str) -> None:
    top = tmp_path / "work"
    init(top)
    assert procspec("init", "--profile", profile, cwd=top).returncode == 0
    GitRepo(top, top).commit("Skapa processförrådet", "2026-11-20T10:00:00+01:00")
    checked = procspec("validate", "--format", "json", cwd=top)
    assert checked.returncode == 0
    assert json.loads(checked.stdout)["problems"] == []


def test_the_organisation_and_the_settings(tmp_path: Path) -> None:
    target = tmp_path / "r"
    done = procspec(
        "init", str(target), "--profile", "orebro", "--organisation", "Exempelby kommun"
    )
    assert done.returncode == 0
    settings = (target / "procspec.yaml").read_text(encoding="utf-8")
    assert "organisation: Exempelby kommun\n" in settings
    assert "profil: orebro " in settings
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Processer i Exempelby kommun\n")
    assert "procspec new" in readme and "pre-commit install" in readme


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "r"
    (target / ".github" / "workflows").mkdir(parents=True)
    (target / ".github" / "workflows" / "procspec.yml").write_text("# mitt eget\n", "utf-8")
    (target / "anteckningar.txt").write_text("behålls\n", "utf-8")
    before = files_in(target)
    done = procspec("init", str(target), "--profile", "orebro")
    assert done.returncode == 1
    assert ".github/workflows/procspec.yml" in done.stderr
    assert "--force" in done.stderr
    assert files_in(target) == before
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("made", "listed"),
    [
        ("schemas/process.schema.json", "schemas/process.schema.json"),  # a file of the user's
        ("schemas/process.schema.json/", "schemas/process.schema.json"),  # a folder in its place
        ("schemas", "schemas"),  # a file where the folder goes
    ],
)
def test_init_checks_every_file_before_it_writes_any(
    tmp_path: Path, made: str, listed: str
) -> None:
    # The schemas are written last: they are checked with the other files, before any is written.
    target = tmp_path / "r"
    if made.endswith("/"):
        (target / made).mkdir(parents=True)
    else:
        (target / made).parent.mkdir(parents=True, exist_ok=True)
        (target / made).write_text("mine\n", "utf-8")
    before = files_in(target), {p.relative_to(target) for p in target.rglob("*")}
    done = procspec("init", str(target), "--profile", "botkyrka")
    assert done.returncode == 1, done.stderr
    assert listed in done.stderr and "--force" in done.stderr
    assert "--out" not in done.stderr
    assert (files_in(target), {p.relative_to(target) for p in target.rglob("*")}) == before
    if not made.endswith("/"):
        assert (target / made).read_text("utf-8") == "mine\n"


@pytest.mark.parametrize("made", ["schemas/process.schema.json", "schemas"])
def test_init_force_never_replaces_a_folder_or_a_file_where_a_folder_goes(
    tmp_path: Path, made: str
) -> None:
    target = tmp_path / "r"
    if made == "schemas":
        target.mkdir()
        (target / made).write_text("mine\n", "utf-8")
    else:
        (target / made).mkdir(parents=True)
    before = {p.relative_to(target) for p in target.rglob("*")}
    done = procspec("init", str(target), "--profile", "botkyrka", "--force")
    assert done.returncode == 1, done.stderr
    assert made in done.stderr and "ersätter bara filer" in done.stderr
    assert {p.relative_to(target) for p in target.rglob("*")} == before


def test_init_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "r"
    target.mkdir()
    (target / "procspec.yaml").write_text("organisation: Gammal\nprofil: orebro\n", "utf-8")
    done = procspec("init", str(target), "--profile", "botkyrka", "--force")
    assert done.returncode == 0, done.stderr
    assert "profil: botkyrka" in (target / "procspec.yaml").read_text(encoding="utf-8")
    assert procspec("validate", str(target)).returncode == 0


def test_init_usage_errors(tmp_path: Path) -> None:
    afile = tmp_path / "fil"
    afile.write_text("x", "utf-8")
    assert procspec("init", str(afile), "--profile", "orebro").returncode == 2
    assert procspec("init", str(tmp_path / "r")).returncode == 2
    assert procspec("init", str(tmp_path / "r"), "--profile", "stockholm").returncode == 2
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    "name", ["Nya kommunen\nprofil: orebro", "A\udcffB", " ", "A\x01B", "A\u202eB"]
)
def test_init_refuses_an_organisation_that_is_not_one_line_of_text(
    tmp_path: Path, name: str
) -> None:
    # The name goes into comments and values of the new files: a line break would write a
    # setting of its own, and a byte the terminal gave that is not UTF-8 could not be written.
    target = tmp_path / "r"
    done = procspec("init", str(target), "--profile", "orebro", "--organisation", name)
    assert done.returncode == 2, done.stderr
    assert "Organisationens namn får inte vara tomt" in done.stderr
    assert not target.exists()


def test_init_in_the_current_folder(tmp_path: Path) -> None:
    done = procspec("init", "--profile", "orebro", cwd=tmp_path)
    assert done.returncode == 0
    assert (tmp_path / "procspec.yaml").is_file()
    assert procspec("validate", cwd=tmp_path).returncode == 0
