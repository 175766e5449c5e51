"""`procspec validate` as CI calls it: exit statuses and the machine-readable formats (SPEC §4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import copy_example
from .support import run


def test_clean_repository_exits_0(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    result = run("validate", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fel, 0 varningar" in result.stdout


def test_errors_exit_1_with_json_shape(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    target = root / "processer" / "följa-upp-budget.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("anna.berg", "anna.bergg", 1))
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"problems", "counts"}
    assert (data["counts"]["error"], data["counts"]["warning"]) == (1, 0)
    problem = next(p for p in data["problems"] if p["severity"] == "error")
    assert {"path", "line", "column", "code", "severity", "message", "process"} <= set(problem)
    assert problem["path"] == "processer/följa-upp-budget.yaml"
    assert (problem["line"], problem["column"], problem["code"]) == (4, 15, "PS204")
    assert problem["process"] == "följa-upp-budget"


def test_github_annotations(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    (root / "processer" / "tom.yaml").write_text("")
    result = run("validate", ".", "--format", "github", cwd=root)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=processer/tom.yaml,line=1,col=1,title=PS003::")


def test_gitlab_code_quality(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    (root / "processer" / "tom.yaml").write_text("")
    result = run("validate", str(root), "--format", "gitlab")
    report = json.loads(result.stdout)
    assert report[0]["check_name"] == "PS003"
    assert report[0]["severity"] == "major"
    assert report[0]["location"] == {"path": "processer/tom.yaml", "lines": {"begin": 1}}
    assert len(report[0]["fingerprint"]) == 64


def test_strict_fails_on_warnings(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    target = root / "processer" / "följa-upp-budget.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("status: klar", "status: klar\n    # x", 1)
    )
    text = target.read_text(encoding="utf-8").replace(
        "    effekt: Prognoserna lämnas i tid varje månad.\n", ""
    )
    target.write_text(text, encoding="utf-8")
    assert run("validate", str(root)).returncode == 0
    assert run("validate", str(root), "--strict").returncode == 1


def test_severity_override_and_off(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    (root / "processer" / "tom.yaml").write_text("")
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "regler:\n  PS003: off\n")
    assert run("validate", str(root)).returncode == 0


def test_english_messages(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n")
    (root / "processer" / "tom.yaml").write_text("")
    result = run("validate", str(root))
    assert "The file is empty" in result.stdout


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("validate", "--format", "xml"), 2),
        (("validate", "--today", "2026-02-30"), 2),
        (("status", "--today", "", "--format", "json"), 2),
        (("goals", "--today", ""), 2),
        (("validate", "--today", ""), 2),
        (("nope",), 2),
    ],
)
def test_usage_errors_exit_2(
    make_repo: Callable[[str], Path], args: tuple[str, ...], status: int
) -> None:
    root = make_repo("orebro")
    result = run(*args, cwd=root)
    assert result.returncode == status
    assert "Traceback" not in result.stderr


def test_no_settings_exits_2(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path))
    assert result.returncode == 2
    assert "procspec.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_settings_exits_2(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    (root / "procspec.yaml").write_text("organisation: X\nprofil: okänd\n")
    result = run("validate", str(root))
    assert result.returncode == 2
    (root / "procspec.yaml").write_text("organisation: [\n")
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["problems"][0]["code"] == "PS001"


@pytest.mark.parametrize(
    ("setting", "column", "words"),
    [
        ("profil: saknas.yaml", 9, "finns inte"),
        ("processer: ../utanför", 12, "'processer: processer'"),
        ("processer: /", 12, "utanför förrådet"),
        ("processer: README.md", 12, "inte en mapp"),
    ],
)
def test_a_setting_the_repository_cannot_use_is_a_problem_on_its_line(
    make_repo: Callable[[str], Path], setting: str, column: int, words: str
) -> None:
    # A profile file that is not there, or a process folder outside the repository or that is
    # a file, is told as the other problems of procspec.yaml are: PS007 where it is written.
    root = make_repo("orebro")
    (root / "README.md").write_text("# Förrådet\n")
    key = setting.split(":")[0]
    lines = ["organisation: Örebro kommun", "profil: orebro"]
    lines = [line for line in lines if not line.startswith(key + ":")] + [setting]
    (root / "procspec.yaml").write_text("\n".join(lines) + "\n")
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == 2
    [problem] = json.loads(result.stdout)["problems"]
    at = (problem["path"], problem["line"], problem["column"], problem["code"])
    assert at == ("procspec.yaml", lines.index(setting) + 1, column, "PS007")
    assert words in problem["message"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("procspec.yaml", ["'organisation:'", "'profil:'"]),
        ("personer.yaml", ["'anna.berg:'", "'namn:'", "'epost:'"]),
        ("processer/tom.yaml", ["'namn:'", "'syfte:'"]),
    ],
)
def test_an_empty_file_is_told_what_it_should_hold(
    make_repo: Callable[[str], Path], name: str, keys: list[str]
) -> None:
    # An empty settings file or roster is told the keys of its own kind, not a process's.
    root = make_repo("orebro")
    (root / name).write_text("")
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == (1 if name.startswith("processer/") else 2)
    [problem] = [p for p in json.loads(result.stdout)["problems"] if p["path"] == name]
    assert (problem["code"], problem["line"]) == ("PS003", 1)
    for key in keys:
        assert key in problem["message"]
    other = "'syfte:'" if not name.startswith("processer/") else "'organisation:'"
    assert other not in problem["message"]


def test_an_unknown_base_is_a_problem_on_its_line_of_the_profile(
    make_repo: Callable[[str], Path],
) -> None:
    root = make_repo("orebro")
    (root / "egen.yaml").write_text("namn: vår-kommun\nbas: stockholm\n", encoding="utf-8")
    (root / "procspec.yaml").write_text("organisation: Örebro kommun\nprofil: egen.yaml\n")
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == 2
    [problem] = json.loads(result.stdout)["problems"]
    at = (problem["path"], problem["line"], problem["column"], problem["code"])
    assert at == ("egen.yaml", 2, 6, "PS007")
    assert "'bas: stockholm'" in problem["message"] and "orebro" in problem["message"]


def test_a_profile_built_on_a_base_has_its_problems_on_its_own_lines(
    make_repo: Callable[[str], Path],
) -> None:
    root = make_repo("orebro")
    profile = "bas: orebro\nnamn: vår-kommun\nokänd: 1\nnivåer:\n  - från: 1\n    max_ägare: 0\n"
    (root / "egen.yaml").write_text(profile, encoding="utf-8")
    (root / "procspec.yaml").write_text("organisation: Örebro kommun\nprofil: egen.yaml\n")
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == 2
    found = [(p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert (3, 1, "PS005") in found and (6, 16, "PS007") in found


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("procspec ")
    assert run("validate", "--help").returncode == 0


def test_list_json_resolves_roles(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("botkyrka")
    result = run("list", str(root), "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    leaf = rows["placera-barn-i-förskola"]
    assert set(leaf) == {
        "id", "namn", "typ", "nivå", "överordnad", "fil",
        "processägare", "processansvarig", "processledare", "mognad",
    }  # fmt: skip
    assert leaf["nivå"] == 3
    # Goals with a plan, but no processkarta, documents or approval: level 2, and it says why.
    assert leaf["mognad"]["nivå"] == 2
    assert "en processkarta över flödet" in leaf["mognad"]["saknas"]
    assert [h["nyckel"] for h in leaf["processägare"]] == ["fc.utb"]
    assert [h["nyckel"] for h in leaf["processansvarig"]] == ["pa.forskola"]
    assert leaf["processägare"][0]["epost"] == "erik.holm@example.org"


def test_show_tree_rules(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("botkyrka")
    shown = run("show", "tillhandahålla-förskola", "--repo", str(root))
    assert shown.returncode == 0 and "Tillhandahålla förskola" in shown.stdout
    assert run("show", "finns-inte", "--repo", str(root)).returncode == 1
    tree = run("tree", str(root))
    assert "Placera barn i förskola" in tree.stdout
    rules = run("rules")
    assert "PS101" in rules.stdout and "PS504" in rules.stdout
    one = run("rules", "PS401")
    assert "diffusa" in one.stdout
    assert run("rules", "PS999").returncode == 2


def test_rules_ignored_lists_reasons(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    target = root / "processer" / "följa-upp-budget.yaml"
    target.write_text("# procspec: ignore PS305 -- gränssnittet beskrivs av ekonomienheten\n"
                      + target.read_text(encoding="utf-8"))  # fmt: skip
    result = run("rules", "--ignored", "--repo", str(root))
    assert "gränssnittet beskrivs av ekonomienheten" in result.stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sv", "'namn' har 10001 tecken men får ha högst 10000. Korta texten."),
        ("en", "'namn' has 10001 characters but may have at most 10000. Shorten the text."),
    ],
)
def test_a_text_over_the_length_limit_is_said_in_the_catalogue_words(
    tmp_path: Path, lang: str, said: str
) -> None:
    root = copy_example("orebro", tmp_path / "orebro")
    if lang == "en":
        config = root / "procspec.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("språk: sv", "språk: en"))
    target = root / "processer" / "stodprocesser" / "betala-leverantörsfakturor.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("namn: Leverantör\n", f"namn: {'x' * 10001}\n", 1), "utf-8")
    result = run("validate", str(root), "--format", "json")
    assert result.returncode == 1, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [(p["line"], p["message"]) for p in problems if p["code"] == "PS007"] == [(119, said)]
