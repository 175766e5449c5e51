"""What the command line says when it refuses: whole lines, the right rule, the repository's
language, grammatical counts and a readable `--help` (SPEC §3, §4)."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from procspec.checking.rules import all_rules
from procspec.cli import console as _console  # noqa: F401 - registers console.* messages
from procspec.messages import catalogue, msg_n

from ..conftest import copy_example

ENV = {**os.environ, "PROCSPEC_TODAY": "2026-11-25", "NO_COLOR": "1", "COLUMNS": "250"}
# A git that finds no repository above tmp_path, whatever the machine has configured.
NO_GIT = {**ENV, "GIT_CEILING_DIRECTORIES": "/"}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "procspec", *args],
        capture_output=True,
        text=True,
        env=env or ENV,
        check=False,
    )


def orebro(tmp_path: Path, lang: str = "sv") -> Path:
    root = copy_example("orebro", tmp_path / "orebro")
    settings = root / "procspec.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^språk: \w+$", f"språk: {lang}", text), encoding="utf-8")
    return root


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# --- new: a refusal keeps its lines and cites the rule that was broken ---


@pytest.mark.parametrize(
    ("lang", "hint"),
    [("sv", "'procspec rules PS102' förklarar regeln"), ("en", "'procspec rules PS102' explains")],
)
def test_new_refusal_lists_each_problem_on_its_own_line(
    tmp_path: Path, lang: str, hint: str
) -> None:
    root = orebro(tmp_path, lang)
    done = run("new", "Rekrytering", "--repo", str(root), "--type", "huvudprocess")
    assert done.returncode == 1
    assert "<U+000A>" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("procspec: ") and "Rekrytering" in lines[0]
    assert lines[1].startswith("  PS102: ") and "'Rekrytera medarbetare'" in lines[1]
    assert hint in lines[2]
    assert "PS101" not in done.stderr
    assert not list(root.rglob("rekrytering.yaml"))


def test_a_line_break_in_a_user_value_stays_escaped(tmp_path: Path) -> None:
    root = orebro(tmp_path)
    done = run("show", "okänd\nprocspec: falsk rad", "--repo", str(root))
    assert done.returncode == 1
    assert "okänd<U+000A>procspec: falsk rad" in done.stderr
    assert not any(line.startswith("procspec: falsk") for line in done.stderr.splitlines())


# --- enum values inside mappings and lists name what is allowed ---


def test_a_severity_override_lists_the_severities(tmp_path: Path) -> None:
    root = orebro(tmp_path)
    append(root / "procspec.yaml", "regler:\n  PS406: loud\n")
    done = run("validate", str(root))
    assert done.returncode == 2
    assert "'loud'" in done.stderr
    assert "Skriv ett av: error, warning, info, off." in done.stderr


@pytest.mark.parametrize(
    ("written", "said"), [("~", "tomt"), ("true", "true"), ("{a: 1}", "en samling"), ("12", "12")]
)
def test_an_enum_value_that_is_no_text_is_said_as_written(
    tmp_path: Path, written: str, said: str
) -> None:
    root = orebro(tmp_path)
    append(root / "procspec.yaml", f"regler:\n  PS406: {written}\n")
    done = run("validate", str(root))
    assert done.returncode == 2
    assert f"'PS406' ska vara ett av: error, warning, info, off (inte {said})." in done.stderr
    assert "None" not in done.stderr and "True" not in done.stderr and "'a'" not in done.stderr


def test_roles_in_a_profile_file_list_the_roles(tmp_path: Path) -> None:
    root = orebro(tmp_path, "en")
    (root / "egen.yaml").write_text(
        "bas: orebro\nroller: [processägare, chef]\n"
        "nivåer:\n  - från: 1\n    kräver: [boss]\n    målsättare: [kung]\n",
        encoding="utf-8",
    )
    settings = root / "procspec.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^profil: \w+$", "profil: egen.yaml", text), encoding="utf-8")
    done = run("validate", str(root))
    assert done.returncode == 2
    roles = "processägare, processansvarig, processledare, processteam, processtöd"
    assert f"'chef' is not a valid value for 'roller'. Write one of: {roles}." in done.stderr
    assert f"'boss' is not a valid value for 'kräver'. Write one of: {roles}." in done.stderr
    setters = "processägare, processansvarig, kommunfullmäktige, nämnd"
    assert f"Write one of: {setters}." in done.stderr
    assert "Write one of: ." not in done.stderr


# --- configuration errors in the repository's language ---


def test_a_broken_roster_is_reported_in_english(tmp_path: Path) -> None:
    root = orebro(tmp_path, "en")
    append(root / "personer.yaml", "bad: [\n")
    done = run("validate", str(root))
    assert done.returncode == 2
    assert "PS001 error: YAML syntax error" in done.stderr
    assert "1 error, 0 warnings, 0 info in 1 file." in done.stderr
    assert " fel" not in done.stderr and "varning" not in done.stderr


def test_a_broken_roster_in_json_still_has_english_messages(tmp_path: Path) -> None:
    root = orebro(tmp_path, "en")
    append(root / "personer.yaml", "bad: [\n")
    done = run("validate", str(root), "--format", "json")
    assert done.returncode == 2
    assert "YAML syntax error" in done.stdout


def test_broken_settings_are_reported_in_the_language_they_declare(tmp_path: Path) -> None:
    root = orebro(tmp_path, "en")
    append(root / "procspec.yaml", "regler:\n  PS406: loud\n")
    done = run("validate", str(root))
    assert done.returncode == 2
    assert "1 error, 0 warnings, 0 info in 1 file." in done.stderr


def test_settings_that_are_not_yaml_are_reported_in_swedish(tmp_path: Path) -> None:
    root = orebro(tmp_path, "en")
    append(root / "procspec.yaml", "regler: [\n")
    done = run("validate", str(root))
    assert done.returncode == 2
    assert "1 fel, 0 varningar, 0 info i 1 fil." in done.stderr


# --- counts are grammatical ---


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Förrådet har 1 fel och renderas inte. Rätta felet"),
        ("en", "The repository has 1 error and is not rendered. Correct it"),
    ],
)
def test_render_refusal_counts_one_error(tmp_path: Path, lang: str, expected: str) -> None:
    root = orebro(tmp_path, lang)
    spec = root / "processer" / "huvudprocesser" / "tillhandahålla-snöröjning.yaml"
    append(spec, "okänd_nyckel: x\n")
    done = run("render", str(root), "--out", str(tmp_path / "ut"))
    assert done.returncode == 1
    assert expected in done.stderr


def test_counted_messages_pick_the_singular_for_one() -> None:
    assert msg_n("render.refused", "en", 2, count=2).startswith("The repository has 2 errors ")
    assert msg_n("render.refused", "en", 1, count=1).startswith("The repository has 1 error ")
    assert msg_n("render.written", "en", 1, count=1, out="ut") == "Wrote 1 document to ut."
    assert msg_n("render.index.intro", "sv", 1, count=1, organisation="X") == "1 process hos X."
    assert msg_n("render.index.intro", "sv", 3, count=3, organisation="X") == "3 processer hos X."
    assert "minst 1 värde." in msg_n("schema.empty_list", "sv", 1, key="k", min=1)
    assert "at least 2 values." in msg_n("schema.empty_list", "en", 2, key="k", min=2)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


SINGULARS = (
    "schema.empty_list",
    "console.status.unreadable",
    "PS601",
    "render.refused",
    "render.written",
    "render.index.intro",
    "render.act.summary",
    "render.goals.summary",
    "render.chart.desc",
    "render.chart.desc_target",
)


@pytest.mark.parametrize("key", SINGULARS)
def test_a_singular_form_takes_the_parameters_of_its_plural(key: str) -> None:
    all_rules()
    for lang in ("sv", "en"):
        words = catalogue(lang)
        assert _fields(words[f"{key}.one"]) <= _fields(words[key])


# --- diff outside git ---


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("sv", "procspec diff kräver ett git-förråd"), ("en", "procspec diff needs a git repository")],
)
def test_diff_outside_git_says_it_needs_git(tmp_path: Path, lang: str, expected: str) -> None:
    root = orebro(tmp_path, lang)
    done = run("diff", str(root), env=NO_GIT)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "--rev" not in done.stderr and "--base" not in done.stderr


# --- help ---


def test_help_names_what_options_take() -> None:
    done = run("validate", "--help")
    assert done.returncode == 0
    assert "--today ÅÅÅÅ-MM-DD" in done.stdout
    assert "<str>" not in done.stdout
    render = run("render", "--help").stdout
    assert "--out MAPP" in render and "--rev REV" in render
    assert "--repo SÖKVÄG" in run("new", "--help").stdout


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_message_is_defined_twice(lang: str) -> None:
    """gettext keeps one of two texts with the same key: the other would never be shown."""
    po = Path(__file__).parents[2] / "src" / "procspec" / "locale" / lang / "LC_MESSAGES"
    keys = re.findall(r'(?m)^msgid "(.+)"$', (po / "procspec.po").read_text(encoding="utf-8"))
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
