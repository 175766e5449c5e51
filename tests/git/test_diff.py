"""The semantic diff itself (`procspec.features.diff`), between two repositories on disk: its
labels and values as message keys, and a few golden tests of its Swedish and English words
(`procspec.reporting.diff`)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from procspec.features.diff import diff_repositories
from procspec.messages import Message, Text
from procspec.reading.repository import load_repository
from procspec.reporting.diff import lines, to_dict, to_markdown

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


def keys(label: Text | None) -> Any:
    """A label or value as the keys and texts it is made of: "Mål M1, målvärde" is
    ("diff.field.mål", "M1", "diff.part.målvärde")."""
    if label is None or isinstance(label, str):
        return label
    if label.key in ("diff.label.item", "diff.label.part"):
        return (
            *_tuple(keys(label.get("field"))),
            *_tuple(keys(label.get("id", label.get("part")))),
        )
    assert isinstance(label, Message)
    return label.key


def _tuple(found: Any) -> tuple[Any, ...]:
    return found if isinstance(found, tuple) else (found,)


def _changes(base: Path, head: Path) -> list[tuple[Any, Any, Any]]:
    found = diff_repositories(load_repository(base), load_repository(head))
    return [
        (keys(c.field), keys(c.before), keys(c.after)) for p in found.changed for c in p.changes
    ]


def test_identical_repositories(tmp_path: Path) -> None:
    base, head = _pair(tmp_path)
    found = diff_repositories(load_repository(base), load_repository(head))
    assert found.empty
    assert to_dict(found, "sv") == {
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
        ("diff.field.processansvarig", "Fatima Nilsson", "Erik Holm"),
        ("diff.field.processledare", "Gustav Lind", None),
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
    assert ("diff.field.syfte", "Att ge barn en trygg och lärande förskola.",
            "Att ge alla barn en trygg och lärande förskola.") in changes  # fmt: skip
    assert ("diff.field.mottagare", None, "Skolan") in changes
    goal = ("diff.field.mål", "M1")
    assert ((*goal, "diff.part.målvärde"), "100\u00a0%", "95\u00a0%") in changes
    assert (
        (*goal, "diff.part.uppföljning", "diff.part.frekvens"),
        "månadsvis",
        "kvartalsvis",
    ) in changes
    assert ((*goal, "diff.part.utfall", "2026-10-31"), "97\u00a0%", "98\u00a0%") in changes


def test_goal_fields_in_swedish_words(tmp_path: Path) -> None:
    """A golden test of the labels in Swedish."""
    base, head = _pair(tmp_path)
    _edit(head, FORSKOLA, "målvärde: 100", "målvärde: 95")
    _edit(head, FORSKOLA, "värde: 97", "värde: 98")
    said = [text for kind, text in lines(_diff(base, head), "sv") if kind == "change"]
    assert "Mål M1, målvärde: 100\u00a0% → 95\u00a0%" in said
    assert "Mål M1, utfall 2026-10-31: 97\u00a0% → 98\u00a0%" in said
    english = [text for kind, text in lines(_diff(base, head), "en") if kind == "change"]
    assert "Goal M1, target: 100\u00a0% → 95\u00a0%" in english


def _diff(base: Path, head: Path) -> Any:
    return diff_repositories(load_repository(base), load_repository(head))


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
    assert to_dict(found, "sv")["tillagda"] == []
    assert to_dict(found, "sv")["borttagna"] == ["följa-upp-budget"]
    [unread] = to_dict(found, "sv")["olästa"]
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
    shown = f"{name} (skapa-förutsättningar-för-styrning)"
    assert ("diff.field.överordnad", shown, None) in changes
    assert ("diff.field.angränsande", shown, None) in changes


def test_acceptance_and_order_have_labels(tmp_path: Path) -> None:
    """`godkänd` and `ordning` are reported with their labels, never as raw keys."""
    base, head = _pair(tmp_path)
    _edit(head, FORSKOLA, "fastställd:\n",
          "ordning: 2\ngodkänd:\n  av: pa.forskola\n  datum: 2026-03-02\nfastställd:\n")  # fmt: skip
    changes = _changes(base, head)
    assert [c[0] for c in changes] == ["diff.field.ordning", "diff.field.godkänd"]
    said = [text for kind, text in lines(_diff(base, head), "sv") if kind == "change"]
    assert said[0] == "Ordning: – → 2"
    assert said[1].startswith("Godkänd: – → av: Fatima Nilsson; datum: 2026-03-02")
    english = [text for kind, text in lines(_diff(base, head), "en") if kind == "change"]
    assert english[0] == "Order: – → 2" and english[1].startswith("Accepted: – → ")


def test_each_line_of_the_terminal_diff_is_one_line(tmp_path: Path) -> None:
    """A file name with a line break (the id is the file name) cannot start a line of its own."""
    from rich.console import Console

    from procspec.cli.console import diff_view

    base, head = _pair(tmp_path)
    (head / FORSKOLA).rename(head / "processer" / "ny\nrad.yaml")
    found = diff_repositories(load_repository(base), load_repository(head))
    console = Console(width=400, color_system=None, record=True, file=io.StringIO())
    console.print(diff_view(found, "sv"))
    shown = console.export_text().splitlines()
    assert "Tillhandahålla förskola (ny rad)" in shown
    assert not any(line.startswith("rad") for line in shown)
