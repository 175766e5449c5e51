"""A diff beyond the process files: the roster and the settings with the processes they touch,
ids that changed, unreadable files, new processes in a few words, and `@` mentions that notify
nobody. Real repositories on disk and in git."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from procspec.features.diff import diff_repositories
from procspec.messages import Message
from procspec.messages import text as words
from procspec.reading.repository import load_repository
from procspec.reporting.diff import to_dict, to_markdown

from ..conftest import REPOS
from .conftest import GitRepo, procspec

BUDGET = "processer/följa-upp-budget.yaml"
STYRNING = "processer/skapa-förutsättningar-för-styrning.yaml"


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "bas", tmp_path / "ny"
    shutil.copytree(REPOS / "orebro", base)
    shutil.copytree(REPOS / "orebro", head)
    return base, head


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_person_key_that_now_means_someone_else(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, "personer.yaml", "namn: Anna Berg\n  epost: anna.berg@example.org",
          "namn: Anna Lind\n  epost: anna.lind@example.org")  # fmt: skip
    found = diff_repositories(load_repository(base), load_repository(head))
    assert not found.empty and not found.changed
    [person] = found.people
    assert person.key == "anna.berg"
    assert set(person.affected.ids()) >= {"följa-upp-budget"}
    data = to_dict(found, "sv")["personer"][0]
    assert data["nyckel"] == "anna.berg"
    paths = {c["fält"]: (c["före"], c["efter"]) for c in data["ändringar"]}
    assert paths["anna.berg.namn"] == ("Anna Berg", "Anna Lind")
    assert paths["anna.berg.epost"] == ("anna.berg@example.org", "anna.lind@example.org")
    md = to_markdown(found, "sv")
    assert "### Ändrade personer (personer.yaml)" in md
    assert "Följa upp budget (följa-upp-budget)" in md
    assert "Inga ändringar" not in md


def test_a_new_profile_touches_every_process(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, "procspec.yaml", "profil: orebro", "profil: botkyrka")
    found = diff_repositories(load_repository(base), load_repository(head))
    assert found.settings is not None
    [change] = found.settings.changes
    assert (change.path, change.before, change.after) == ("profil", "orebro", "botkyrka")
    assert found.settings.affected.every == 2
    assert "berör alla processer (2)" in to_markdown(found, "sv")
    assert to_dict(found, "sv")["inställningar"]["ändringar"][0]["efter_värde"] == "botkyrka"


def test_an_unreadable_file_is_reported_and_exits_1(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.write(BUDGET, repo.read(BUDGET).replace("namn: Följa upp budget", "namn: [Följa upp"))
    done = procspec("diff", str(repo.root), "--format", "md")
    assert done.returncode == 1, done.stderr
    assert "Filer som inte går att läsa" in done.stdout and "PS001" in done.stdout
    assert "Borttagna processer" not in done.stdout
    assert "borttaget" not in done.stdout and "borttagen" not in done.stdout
    data = json.loads(procspec("diff", str(repo.root), "--format", "json").stdout)
    assert data["olästa"][0]["kod"] == "PS001" and data["borttagna"] == []


def test_a_renamed_file_is_one_process_with_a_new_id(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo()
    repo.git("mv", STYRNING, "processer/styra-ekonomi-och-verksamhet.yaml")
    repo.replace(BUDGET, "skapa-förutsättningar-för-styrning", "styra-ekonomi-och-verksamhet")
    repo.replace(BUDGET, "skapa-förutsättningar-för-styrning", "styra-ekonomi-och-verksamhet")
    repo.replace("processer/styra-ekonomi-och-verksamhet.yaml", "syfte: ", "syfte: Nu ")
    repo.commit("Byt id")
    data = json.loads(procspec("diff", str(repo.root), "--base", "HEAD~1", "--head", "HEAD",
                               "--format", "json").stdout)  # fmt: skip
    assert data["tillagda"] == [] and data["borttagna"] == []
    assert data["omdöpta"] == [
        {"från": "skapa-förutsättningar-för-styrning", "till": "styra-ekonomi-och-verksamhet"}
    ]
    renamed = next(p for p in data["ändrade"] if p["id"] == "styra-ekonomi-och-verksamhet")
    fields = [c["fält"] for c in renamed["ändringar"]]
    assert fields[:3] == ["id", "fil", "syfte"]


def test_same_content_under_a_new_name_is_a_rename(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    (head / STYRNING).rename(head / "processer/styra.yaml")
    found = diff_repositories(load_repository(base), load_repository(head))
    assert [(o, n) for o, n, _ in found.renamed] == [
        ("skapa-förutsättningar-för-styrning", "styra")
    ]
    assert not found.added and not found.removed


def test_an_added_process_in_a_few_words(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    text = (head / BUDGET).read_text(encoding="utf-8")
    (head / "processer/följa-upp-prognoser.yaml").write_text(
        text.replace("namn: Följa upp budget", "namn: Följa upp prognoser"), encoding="utf-8"
    )
    found = diff_repositories(load_repository(base), load_repository(head))
    said = found.summaries["följa-upp-prognoser"]
    assert isinstance(said, Message)
    parts = {part.key: part for part in said.get("parts")}
    assert {"diff.summary.type", "diff.summary.owner", "diff.summary.goals"} <= parts.keys()
    assert "diff.summary.purpose" in parts
    assert parts["diff.summary.owner"].get("value") == "Anna Berg"
    summary = words(said, "sv")
    assert "typ: " in summary and "processägare: Anna Berg" in summary
    assert f"Följa upp prognoser (följa-upp-prognoser): {summary}" in to_markdown(found, "sv")


def test_mentions_in_the_comment_notify_nobody(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, BUDGET, "syfte: ", "syfte: Fråga @octocat och @org/team, inte anna@example.org. ")
    md = to_markdown(diff_repositories(load_repository(base), load_repository(head)), "sv")
    assert re.search(r"(?<![\w\u2060])@\w", md.replace("anna@example", "")) is None
    assert "@\u2060octocat" in md and "@\u2060org/team" in md
    assert "anna@example.org" in md
