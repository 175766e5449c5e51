"""Injection through the roster and into CI: `github`/`gitlab` handles are checked against each
forge's grammar at validate time (PS007 at the value), CODEOWNERS lines always parse as one path
and valid owners, workflow annotations escape their properties, and a Markdown comment for a pull
request cannot notify a person or a team."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec.reading.handles import is_valid, quiet_mentions

from ..conftest import REPOS
from ..git.conftest import GitRepo
from .conftest import assert_no_traceback, run_cli, snapshot

BAD_GITHUB = ["lars\n* @evil", "lars @evil", "lars\t@evil", "@", "-lars", "lars-", "la--rs",
              "a" * 40, "org/team/extra", "lars,evil", "lars\u2028x", "lars#x", "@@lars",
              "lars/", "/lars", "lärs", "lars\r\n/* @evil", "*", "lars@example.org"]  # fmt: skip
GOOD_GITHUB = ["lars", "@lars", "Lars-Ek", "a" * 39, "example-org/ekonomi_team", "@org/team"]
BAD_GITLAB = ["lars\n* @evil", "lars @evil", "lars.", "-lars", "grupp/projekt.git", "lars.atom",
              "grupp//x", "lars\u0085x", "lärs", "a" * 256]  # fmt: skip
GOOD_GITLAB = ["lars", "@lars.ek", "lars_ek", "grupp/undergrupp", "a" * 255, "_lars"]


@pytest.mark.parametrize("value", BAD_GITHUB)
def test_bad_github_handles(value: str) -> None:
    assert not is_valid("github", value)


@pytest.mark.parametrize("value", GOOD_GITHUB)
def test_good_github_handles(value: str) -> None:
    assert is_valid("github", value)


@pytest.mark.parametrize("value", BAD_GITLAB)
def test_bad_gitlab_handles(value: str) -> None:
    assert not is_valid("gitlab", value)


@pytest.mark.parametrize("value", GOOD_GITLAB)
def test_good_gitlab_handles(value: str) -> None:
    assert is_valid("gitlab", value)


def _repo(tmp_path: Path, forge: str, value: str) -> Path:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    roster = root / "personer.yaml"
    text = roster.read_text(encoding="utf-8")
    line = f"  {forge}: {json.dumps(value)}\n"
    roster.write_text(text.replace("  titel: Ekonomidirektör\n", "  titel: Ekonomidirektör\n" + line, 1), encoding="utf-8")  # fmt: skip
    return root


@pytest.mark.parametrize(
    ("forge", "value"), [("github", v) for v in BAD_GITHUB] + [("gitlab", v) for v in BAD_GITLAB]
)
def test_validate_refuses_the_handle_where_it_is_written(
    tmp_path: Path, forge: str, value: str
) -> None:
    root = _repo(tmp_path, forge, value)
    result = run_cli("validate", str(root), "--format", "json")
    assert_no_traceback(result)
    assert result.exit == 1
    found = {
        (p["path"], p["line"], p["column"], p["code"])
        for p in json.loads(result.stdout)["problems"]
    }
    assert ("personer.yaml", 5, 11, "PS007") in found, found


OWNER = re.compile(
    r"@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*"
)
"""One owner: '@' and a name of the forges' characters, no space or line break. A GitLab name may
start with '_' and end with '-' ('@_' is a valid GitLab owner); GitHub's are a subset."""


def parse_codeowners(text: str) -> list[tuple[str, list[str]]]:
    """GitHub's CODEOWNERS grammar: a path (spaces escaped with '\\'), then owners."""
    rules = []
    for line in text.split("\n"):
        if not line or line.startswith("#") or (line.startswith("[") and line.endswith("]")):
            continue
        parts = re.split(r"(?<!\\) +", line)
        rules.append((parts[0], parts[1:]))
    return rules


@pytest.mark.parametrize("style", ["github", "gitlab"])
@pytest.mark.parametrize("value", [BAD_GITHUB[0], BAD_GITHUB[1], BAD_GITHUB[16], "lars"])
def test_codeowners_lines_are_one_path_and_valid_owners(
    tmp_path: Path, style: str, value: str
) -> None:
    root = _repo(tmp_path, style, value)
    roster = root / "personer.yaml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace(
            "  titel: Redovisningschef\n",
            "  titel: Redovisningschef\n  github: cdahl\n  gitlab: c.dahl\n",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "CODEOWNERS"
    result = run_cli("codeowners", str(root), "--style", style, "--out", str(out))
    assert_no_traceback(result)
    text = out.read_text(encoding="utf-8")
    assert "@evil" not in text
    rules = parse_codeowners(text)
    assert rules
    for path, owners in rules:
        assert path.startswith("/processer/") and path.endswith(".yaml"), path
        assert owners and all(OWNER.fullmatch(o) for o in owners), owners
    assert all(line.isprintable() for line in text.split("\n"))


def test_a_file_name_with_a_line_break_never_reaches_codeowners(tmp_path: Path) -> None:
    root = _repo(tmp_path, "github", "lars")
    shutil.copy(root / "processer/följa-upp-budget.yaml", root / "processer/x\n* @evil.yaml")
    result = run_cli("codeowners", str(root))
    assert_no_traceback(result)
    assert "@evil" not in result.stdout
    for path, owners in parse_codeowners(result.stdout):
        assert "\n" not in path and all(OWNER.fullmatch(o) for o in owners)


def test_github_annotations_escape_file_properties(tmp_path: Path) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    for name in ("a,title=PS000::x.yaml", "b:c%0A.yaml", "d\n::error::e.yaml", "f\rg.yaml"):
        (root / "processer" / name).write_text("namn: [\n", encoding="utf-8")
    result = run_cli("validate", str(root), "--format", "github")
    assert_no_traceback(result)
    annotation = re.compile(
        r"::(error|warning|notice) file=[^,:\r\n]*,line=\d+,col=\d+,title=PS\d{3}::[^\r\n]*"
    )
    lines = result.stdout.splitlines()
    assert len(lines) >= 4
    for line in lines:
        assert annotation.fullmatch(line), line
    assert "file=processer/a%2Ctitle=PS000%3A%3Ax.yaml," in result.stdout
    assert "file=processer/b%3Ac%250A.yaml," in result.stdout
    assert "file=processer/d%0A%3A%3Aerror%3A%3Ae.yaml," in result.stdout
    assert "file=processer/f%0Dg.yaml," in result.stdout


def test_gitlab_report_stays_json_whatever_the_names(tmp_path: Path) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    (root / "processer" / 'a"],\n{"x.yaml').write_text("namn: [\n", encoding="utf-8")
    result = run_cli("validate", str(root), "--format", "gitlab")
    assert_no_traceback(result)
    report = json.loads(result.stdout)
    assert any(item["location"]["path"] == 'processer/a"],\n{"x.yaml' for item in report)


GITHUB_MENTION = re.compile(r"(?<![A-Za-z0-9_`])@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9_-]+)?")


@pytest.mark.parametrize("text", ["@evil-org/team", "Fråga @lars", "(@a)", "x\n@b", "`@c`"])
def test_quiet_mentions_leaves_no_mention(text: str) -> None:
    assert not GITHUB_MENTION.search(quiet_mentions(text).replace("`@c`", ""))


def test_quiet_mentions_keeps_addresses() -> None:
    assert quiet_mentions("anna@example.org") == "anna@example.org"


def test_diff_comment_cannot_ping_a_team(git_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = git_repo("orebro")
    repo.replace(
        "processer/följa-upp-budget.yaml",
        "syfte: Att säkra",
        "syfte: Fråga @evil-org/everyone och @lars om att säkra",
    )
    before = snapshot(repo.top, skip=(".procspec-cache",))
    result = run_cli("diff", str(repo.root), "--format", "md")
    assert_no_traceback(result)
    assert result.exit == 0, result.output
    assert "evil-org/everyone" in result.stdout
    assert not GITHUB_MENTION.search(result.stdout), result.stdout
    assert snapshot(repo.top, skip=(".procspec-cache",)) == before


@pytest.mark.parametrize("command", [["codeowners", "{root}", "--out", "{link}"], ["schema", "--out", "{folder}"]])  # fmt: skip
def test_generated_files_are_never_written_through_a_link(
    tmp_path: Path, command: list[str]
) -> None:
    root = _repo(tmp_path, "github", "lars")
    outside = tmp_path / "utanför"
    outside.mkdir()
    secret = outside / "hemlig.txt"
    secret.write_text("hemligt", encoding="utf-8")
    folder = tmp_path / "scheman"
    folder.mkdir()
    (folder / "process.schema.json").symlink_to(secret)
    link = tmp_path / "CODEOWNERS"
    link.symlink_to(secret)
    args = [a.replace("{root}", str(root)).replace("{link}", str(link)).replace("{folder}", str(folder)) for a in command]  # fmt: skip
    result = run_cli(*args)
    assert_no_traceback(result)
    assert result.exit == 0, result.output
    assert secret.read_text(encoding="utf-8") == "hemligt"
