"""`procspec codeowners`: the owner and leader of each process approve changes to its file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from procspec.features.codeowners import escape_path

from .conftest import FIXTURES, init, procspec


@pytest.fixture
def top(tmp_path: Path) -> Path:
    """A git work tree with the procspec repository in a sub-folder, as many teams keep it."""
    top = tmp_path / "work"
    shutil.copytree(FIXTURES / "status", top / "processdokumentation")
    init(top)
    return top


def owner_lines(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        if line.startswith("/"):
            path, owners = line.split(" @", 1)
            found[path] = "@" + owners
    return found


def test_github_style(top: Path) -> None:
    done = procspec("codeowners", str(top / "processdokumentation"))
    assert done.returncode == 0, done.stderr
    lines = owner_lines(done.stdout)
    base = "/processdokumentation/processer"
    assert lines == {
        # processägare and processledare; the sub-process inherits the owner
        f"{base}/styr/följa-upp-ekonomin.yaml": "@annaberg",  # bo.ek leads, without a handle
        f"{base}/styr/leda-verksamheten.yaml": "@annaberg @cdahl",
        f"{base}/stöd\\ och\\ service/betala-fakturor.yaml": "@dagfors",  # owner leads too
    }
    assert done.stdout.startswith("# ")
    # Bo Ek has no handle: a comment at his process, and a sentence on stderr.
    assert "# utan github-användarnamn i personer.yaml: Bo Ek (bo.ek)" in done.stdout
    assert "Bo Ek (bo.ek)" in done.stderr and "följa-upp-ekonomin" in done.stderr
    # A process without owner or leader has no code owner: said, not written as a bare path.
    assert "# /processdokumentation/processer/stöd\\ och\\ service/ta-emot-fakturor.yaml:" in (
        done.stdout
    )


def test_gitlab_style_to_a_file(top: Path) -> None:
    out = top / ".gitlab" / "CODEOWNERS"
    done = procspec("codeowners", str(top / "processdokumentation"), "--style", "gitlab",
                    "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "\n[Processer]\n" in text
    lines = owner_lines(text)
    assert lines["/processdokumentation/processer/styr/leda-verksamheten.yaml"] == "@anna.berg"
    assert "Cecilia Dahl (cecilia.dahl)" in done.stderr  # no gitlab handle
    assert str(out) in done.stderr


def test_paths_from_the_procspec_root_outside_git(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "status", root)
    done = procspec("codeowners", str(root))
    assert "/processer/styr/leda-verksamheten.yaml @annaberg @cdahl" in done.stdout


def test_english(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(FIXTURES / "status", root)
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", "utf-8")
    done = procspec("codeowners", str(root))
    assert "# Written by 'procspec codeowners'" in done.stdout
    assert "has no 'github:' in personer.yaml" in done.stderr


def test_escape_path() -> None:
    assert escape_path("a b/c*d?.yaml") == "/a\\ b/c\\*d\\?.yaml"
    assert escape_path("processer/följa-upp.yaml") == "/processer/följa-upp.yaml"


def test_maintainers_own_the_settings_and_the_roster(top: Path) -> None:
    root = top / "processdokumentation"
    with (root / "procspec.yaml").open("a", encoding="utf-8") as handle:
        handle.write("förvaltare:\n  - anna.berg\n  - bo.ek\n")
    done = procspec("codeowners", str(root))
    assert done.returncode == 0, done.stderr
    lines = owner_lines(done.stdout)
    assert lines["/processdokumentation/procspec.yaml"] == "@annaberg"
    assert lines["/processdokumentation/personer.yaml"] == "@annaberg"
    assert "Bo Ek (bo.ek)" in done.stderr and "procspec.yaml" in done.stderr
    gitlab = procspec("codeowners", str(root), "--style", "gitlab").stdout
    assert gitlab.index("[Förvaltning]") < gitlab.index("/processdokumentation/procspec.yaml")
    assert gitlab.index("/processdokumentation/personer.yaml") < gitlab.index("[Processer]")


def test_without_maintainers_the_settings_have_no_owner_and_say_so(top: Path) -> None:
    done = procspec("codeowners", str(top / "processdokumentation"))
    assert "# /processdokumentation/procspec.yaml: inga förvaltare" in done.stdout
    assert "/processdokumentation/procspec.yaml" not in owner_lines(done.stdout)


def test_a_hash_in_a_path_is_escaped() -> None:
    assert escape_path("processer/ärende #2.yaml") == "/processer/ärende\\ \\#2.yaml"


def test_the_lines_are_data_and_messages(top: Path) -> None:
    """`build` gives rules and messages, in no language; the file's words come from the
    catalogue of the repository's language."""
    from datetime import date

    from procspec.checking.hierarchy import Context
    from procspec.features.codeowners import build
    from procspec.messages import Message
    from procspec.reading.repository import load_repository
    from procspec.reporting.codeowners import codeowners_file

    ctx = Context.build(load_repository(top / "processdokumentation"), date(2026, 6, 1))
    found = build(ctx, "gitlab")
    kinds = {kind for kind, _ in found.lines}
    assert kinds <= {"rule", "comment", "note", "section", "blank"}
    assert found.lines[0] == ("note", Message("codeowners.header"))
    assert ("section", Message("codeowners.section")) in found.lines
    assert all(isinstance(said, str) for kind, said in found.lines if kind == "rule")
    swedish, english = codeowners_file(found.lines, "sv"), codeowners_file(found.lines, "en")
    assert "[Processer]" in swedish and "[Processer]" not in english
    assert [line for line in swedish.splitlines() if line.startswith("/")] == [
        line for line in english.splitlines() if line.startswith("/")
    ]


def test_an_entry_with_errors_is_named_as_such_not_as_missing(top: Path) -> None:
    root = top / "processdokumentation"
    roster = root / "personer.yaml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("github: annaberg", "github: 12345"),
        encoding="utf-8",
    )
    checked = procspec("validate", str(root), "--format", "json")
    problems = json.loads(checked.stdout)["problems"]
    assert any(p["code"] == "PS007" and p["path"] == "personer.yaml" for p in problems)
    about_anna = [p["message"] for p in problems if p["code"] == "PS204"]
    assert about_anna and all(
        "Posten för 'anna.berg' på rad 1 i personer.yaml har fel" in m for m in about_anna
    )
    done = procspec("codeowners", str(root))
    assert done.returncode == 0, done.stderr
    assert "Posten för anna.berg på rad 1 i personer.yaml har fel" in done.stderr
    assert "anna.berg) saknar" not in done.stderr and "anna.berg saknar" not in done.stderr
