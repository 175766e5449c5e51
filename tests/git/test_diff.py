"""The semantic diff itself (`procspec.features.diff`), between two repositories on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from procspec.features.diff import diff_repositories, lines, to_markdown
from procspec.reading.repository import load_repository

from ..conftest import REPOS

FORSKOLA = "processer/tillhandahålla-förskola.yaml"


def _pair(tmp_path: Path, name: str = "botkyrka") -> tuple[Path, Path]:
    base, head = tmp_path / "bas", tmp_path / "ny"
    shutil.copytree(REPOS / name, base)
    shutil.copytree(REPOS / name, head)
    return base, head


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _changes(base: Path, head: Path) -> list[tuple[str, str | None, str | None]]:
    found = diff_repositories(load_repository(base), load_repository(head))
    return [(c.field, c.before, c.after) for p in found.changed for c in p.changes]


def test_identical_repositories(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    found = diff_repositories(load_repository(base), load_repository(head))
    assert found.empty
    assert found.to_dict() == {
        "tillagda": [],
        "borttagna": [],
        "ändrade": [],
        "omdöpta": [],
        "sammanfattningar": {},
        "personer": [],
        "inställningar": None,
        "olästa": [],
    }
    assert "Inga ändringar i processerna." in to_markdown(found, "sv")


def test_roles_are_named(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, FORSKOLA, "processansvarig: pa.forskola", "processansvarig: fc.utb")
    _edit(head, FORSKOLA, "processledare: pl.forskola\n", "")
    assert _changes(base, head) == [
        ("Processansvarig", "Fatima Nilsson", "Erik Holm"),
        ("Processledare", "Gustav Lind", None),
    ]


def test_texts_lists_and_goal_fields(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, FORSKOLA, "syfte: Att ge barn", "syfte: Att ge alla barn")
    _edit(
        head, FORSKOLA, "  - Barn och vårdnadshavare\n", "  - Barn och vårdnadshavare\n  - Skolan\n"
    )
    _edit(head, FORSKOLA, "målvärde: 100", "målvärde: 95")
    _edit(head, FORSKOLA, "frekvens: månadsvis", "frekvens: kvartalsvis")
    _edit(head, FORSKOLA, "värde: 97", "värde: 98")
    changes = _changes(base, head)
    assert ("Syfte", "Att ge barn en trygg och lärande förskola.",
            "Att ge alla barn en trygg och lärande förskola.") in changes  # fmt: skip
    assert ("Mottagare", None, "Skolan") in changes
    assert ("Mål M1, målvärde", "100\u00a0%", "95\u00a0%") in changes
    assert ("Mål M1, uppföljning, frekvens", "månadsvis", "kvartalsvis") in changes
    assert ("Mål M1, utfall 2026-10-31", "97\u00a0%", "98\u00a0%") in changes


def test_words_in_markdown_and_text(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, FORSKOLA, "  - Barn och vårdnadshavare\n", "  - Skolan <b>|</b>\n")
    found = diff_repositories(load_repository(base), load_repository(head), "main", "HEAD")
    md = to_markdown(found, "sv")
    assert "- Mottagare borttagen: Barn och vårdnadshavare" in md
    assert "- Mottagare tillagd: Skolan \\<b\\>\\|\\</b\\>" in md
    assert "<b>" not in md
    assert ("change", "Mottagare tillagd: Skolan <b>|</b>") in lines(found, "sv")


def test_english(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    _edit(head, FORSKOLA, "  - Barn och vårdnadshavare\n", "  - Skolan\n")
    settings = head / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", encoding="utf-8")
    found = diff_repositories(load_repository(base), load_repository(head))
    md = to_markdown(found, "en")
    assert "## Changes to the processes" in md
    assert "- Recipient added: Skolan" in md


def test_added_removed_and_unreadable(tmp_path: Path) -> None:
    base, head = _pair(tmp_path, "orebro")
    (head / "processer" / "följa-upp-budget.yaml").unlink()
    (head / "processer" / "trasig.yaml").write_text("namn: [\n", encoding="utf-8")
    found = diff_repositories(load_repository(base), load_repository(head))
    assert found.to_dict()["tillagda"] == []
    assert found.to_dict()["borttagna"] == ["följa-upp-budget"]
    [unread] = found.to_dict()["olästa"]
    assert unread["kod"] == "PS001" and unread["fil"] == "processer/trasig.yaml"
    assert unread["rad"] >= 1
    md = to_markdown(found, "sv")
    assert "### Borttagna processer" in md
    assert "- Följa upp budget (följa-upp-budget)" in md
    assert "### Filer som inte går att läsa" in md and "processer/trasig.yaml:" in md


def test_processes_are_named(tmp_path: Path) -> None:
    base, head = _pair(tmp_path, "orebro")
    budget = "processer/följa-upp-budget.yaml"
    _edit(head, budget, "angränsande:\n  - skapa-förutsättningar-för-styrning\n", "")
    _edit(head, budget, "överordnad: skapa-förutsättningar-för-styrning\n", "")
    changes = _changes(base, head)
    name = "Skapa förutsättningar för styrning av ekonomi och verksamhet"
    assert ("Överordnad process", f"{name} (skapa-förutsättningar-för-styrning)", None) in changes
    assert ("Angränsande process", f"{name} (skapa-förutsättningar-för-styrning)", None) in changes
