"""`validate` keeps the problems of unchanged files (`procspec.features.incremental`).

A run that keeps must say exactly what a cold `--no-cache` run says. Each test validates once (the
per-file results are stored), changes something, and validates again: with every rule's failing
case applied to its base repository, with edits up and down the hierarchy of the Botkyrka example
(roles, levels and types are inherited), and with every dependency of the entry as a whole. Runs
are real: files on disk, real git repositories, the command line in-process.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from procspec.cli.app import main
from procspec.features import cache, incremental
from procspec.features.validate import validate

from ..conftest import REPOS, TODAY, copy_example
from ..rules.test_rule_cases import _cases, apply
from .conftest import answered
from .test_cache import edit, git

Served = list[bool]


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Served:
    """Whether each run kept the problems of unchanged files (True) or ran in full (False)."""
    return answered(monkeypatch, incremental, "recheck")


def outcome(root: Path, **kwargs: Any) -> tuple[list[tuple[Any, ...]], int]:
    done = validate(root, TODAY, **kwargs).outcome
    problems = [
        (p.path, p.line, p.column, p.code, p.severity.value, str(p.message), p.process)
        for p in done.problems
    ]
    return problems, done.files


def kept_equals_cold(root: Path, served: Served) -> bool:
    """Validate (keeping what it can) and compare with a cold run; whether it kept."""
    served.clear()
    warm = outcome(root)
    assert warm == outcome(root, use_cache=False)
    return served == [True]


def _changes_only(variant: dict[str, Any], base: Path) -> bool:
    """The case edits files that exist (no file added or removed)."""
    files = variant.get("files") or {}
    return all(content is not None and (base / rel).is_file() for rel, content in files.items())


@pytest.mark.parametrize(("case", "kind"), _cases())
def test_every_rule_case_kept_equals_cold(
    tmp_path: Path, case: dict[str, Any], kind: str, served: Served
) -> None:
    root = tmp_path / "repo"
    base = REPOS / case.get("base", "orebro")
    shutil.copytree(base, root)
    outcome(root)  # stores the per-file results of the base repository
    apply(root, case[kind])
    (root / cache.FOLDER / cache.RESULT_FILE).unlink()
    kept = kept_equals_cold(root, served)
    if _changes_only(case[kind], base) and case[kind].get("files") is None:
        assert kept, "a change of existing files keeps the rest"


PARENT = "processer/medborgarprocesser/möta-botkyrkabornas-behov-av-ett-livslångt-lärande.yaml"
CHILD = "processer/medborgarprocesser/livslangt-larande/tillhandahålla-förskola.yaml"
OTHER = "processer/stodprocesser/rekrytera-medarbetare.yaml"


@pytest.fixture
def botkyrka(tmp_path: Path) -> Path:
    root = copy_example("botkyrka", tmp_path / "botkyrka")
    return root


Edit = Callable[[Path], None]


def _replace(rel: str, old: str, new: str) -> Edit:
    return lambda root: edit(root / rel, old, new)


def _append(rel: str, text: str) -> Edit:
    def change(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return change


def _prepend(rel: str, text: str) -> Edit:
    def change(root: Path) -> None:
        path = root / rel
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return change


def _name_of(source: str, target: str) -> Edit:
    """Give `target` the name of `source` (PS107 lands on the later of the two files)."""

    def change(root: Path) -> None:
        name = next(
            line for line in (root / source).read_text(encoding="utf-8").splitlines()
            if line.startswith("namn:")
        )  # fmt: skip
        text = (root / target).read_text(encoding="utf-8").splitlines(keepends=True)
        text = [name + "\n" if line.startswith("namn:") else line for line in text]
        (root / target).write_text("".join(text), encoding="utf-8")

    return change


EDITS: dict[str, Edit] = {
    "a comment at the end": _append(CHILD, "# En kommentar.\n"),
    "lines added at the top": _prepend(CHILD, "# Rad ett.\n# Rad två.\n"),
    "the parent's owner": _replace(
        PARENT, "processägare: sara.lindqvist", "processägare: per.wallin"
    ),
    "the parent's owner removed": _replace(PARENT, "processägare: sara.lindqvist\n", ""),
    "the parent's level": _replace(PARENT, "nivå: 1", "nivå: 2"),
    "the parent's type": _replace(PARENT, "typ: medborgarprocess", "typ: stödprocess"),
    "the parent unreadable": _append(PARENT, "namn: [\n"),
    "the parent made the child's child": _replace(
        PARENT, "nivå: 1", "nivå: 1\növerordnad: tillhandahålla-förskola"
    ),
    "a name taken from another process": _name_of(PARENT, OTHER),
    # PS107 then lands on the unchanged file, which is read again for the position.
    "a name given to another process": _name_of(OTHER, PARENT),
    # PS305 then lands on the other side of the interface, which did not change.
    "an interface no longer returned": _replace(
        "processer/styr-och-ledningsprocesser/strategisk-utveckling-av-kommunen-som-plats.yaml",
        "angränsande:",
        "angränsande_x:",
    ),
    "an ignore comment": _prepend(CHILD, "# procspec: ignore PS201 -- prövas\n"),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_in_the_hierarchy_kept_equals_cold(
    botkyrka: Path, name: str, served: Served
) -> None:
    outcome(botkyrka)
    EDITS[name](botkyrka)
    assert kept_equals_cold(botkyrka, served)
    _append(OTHER, "# Sedan en kommentar.\n")(botkyrka)  # and again, from the entry it stored
    assert kept_equals_cold(botkyrka, served)


def test_only_the_changed_files_and_those_below_are_read_again(
    botkyrka: Path, served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = incremental.read_records

    def spy(repo: Any, paths: list[Path], **kwargs: Any) -> Any:
        records = real(repo, paths, **kwargs)
        read.extend(record.rel for record in records)
        return records

    monkeypatch.setattr(incremental, "read_records", spy)
    outcome(botkyrka)
    _append(OTHER, "# En kommentar.\n")(botkyrka)
    read.clear()
    assert kept_equals_cold(botkyrka, served)
    assert read == [OTHER]
    EDITS["the parent's owner"](botkyrka)
    read.clear()
    assert kept_equals_cold(botkyrka, served)
    children = [
        path.relative_to(botkyrka).as_posix()
        for path in sorted((botkyrka / "processer/medborgarprocesser/livslangt-larande").glob("*"))
    ]
    assert read[0] == PARENT and sorted(read[1:]) == sorted(children)


def _git_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Processerna")


def test_in_git_an_uncommitted_change_is_kept_and_equals_cold(
    botkyrka: Path, served: Served
) -> None:
    _git_repo(botkyrka)
    outcome(botkyrka)
    _append(CHILD, "# En kommentar.\n")(botkyrka)
    assert kept_equals_cold(botkyrka, served)
    git(botkyrka, "add", "-A")  # staged: the same uncommitted change
    assert kept_equals_cold(botkyrka, served)
    git(botkyrka, "commit", "-q", "-m", "Kommentar", when="2026-06-01T10:00:00+02:00")
    assert not kept_equals_cold(botkyrka, served)  # a new HEAD: every history may differ


def _roster(root: Path) -> None:
    edit(root / "personer.yaml", "per.wallin:", "per.wallin.x:")


def _settings(root: Path) -> None:
    with (root / "procspec.yaml").open("a", encoding="utf-8") as handle:
        handle.write("regler:\n  PS206: off\n")


def _renamed(root: Path) -> None:
    (root / CHILD).rename((root / CHILD).with_name("tillhandahålla-förskolor.yaml"))


def _added(root: Path) -> None:
    shutil.copy(root / CHILD, (root / CHILD).with_name("ny-process.yaml"))


def _removed(root: Path) -> None:
    (root / CHILD).unlink()


@pytest.mark.parametrize(
    "change", [_roster, _settings, _renamed, _added, _removed], ids=lambda f: f.__name__
)
def test_a_change_of_what_every_file_depends_on_is_a_full_run(
    botkyrka: Path, served: Served, change: Edit
) -> None:
    outcome(botkyrka)
    change(botkyrka)
    assert not kept_equals_cold(botkyrka, served)
    assert kept_equals_cold(botkyrka, served) is False  # the same files: a hit, not a run
    _append(OTHER, "# Sedan en kommentar.\n")(botkyrka)
    assert kept_equals_cold(botkyrka, served)


def test_another_day_is_a_full_run(botkyrka: Path, served: Served) -> None:
    outcome(botkyrka)
    _append(OTHER, "# En kommentar.\n")(botkyrka)
    served.clear()
    later = validate(botkyrka, TODAY.replace(year=2031)).outcome
    assert served == [False]
    assert (
        later.problems
        == validate(botkyrka, TODAY.replace(year=2031), use_cache=False).outcome.problems
    )


def test_a_repointed_link_is_read_again(botkyrka: Path, served: Served) -> None:
    elsewhere = botkyrka / "andra"
    elsewhere.mkdir()
    first, second = elsewhere / "a.yaml", elsewhere / "b.yaml"
    shutil.copy(botkyrka / CHILD, first)
    shutil.copy(botkyrka / CHILD, second)
    edit(second, "processledare: lina.ahmadi", "processledare: okänd.person")
    link = botkyrka / "processer" / "länkad.yaml"
    link.symlink_to(first)
    before, _ = outcome(botkyrka)
    link.unlink()
    link.symlink_to(second)
    assert kept_equals_cold(botkyrka, served)
    after, _ = outcome(botkyrka)
    linked = [p for p in after if p[0] == "processer/länkad.yaml" and p not in before]
    assert linked, after


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\x00\xff", b"\x93\x01\xa1x\x90", b"\x93\x01\xa1x\x91\x95\xa1a\xa1b\x90\x90\x90"],
)
def test_a_corrupt_or_foreign_entry_is_a_full_run(
    botkyrka: Path, served: Served, garbage: bytes
) -> None:
    outcome(botkyrka)
    (botkyrka / cache.FOLDER / incremental.ENTRY_FILE).write_bytes(garbage)
    _append(OTHER, "# En kommentar.\n")(botkyrka)
    assert not kept_equals_cold(botkyrka, served)


def test_an_entry_that_is_a_link_is_not_read(
    botkyrka: Path, served: Served, tmp_path: Path
) -> None:
    outcome(botkyrka)
    entry = botkyrka / cache.FOLDER / incremental.ENTRY_FILE
    elsewhere = tmp_path / "elsewhere.msgpack"
    shutil.move(entry, elsewhere)
    entry.symlink_to(elsewhere)
    kept = elsewhere.read_bytes()
    _append(OTHER, "# En kommentar.\n")(botkyrka)
    assert not kept_equals_cold(botkyrka, served)
    assert elsewhere.read_bytes() == kept  # nothing written through the link


def test_no_cache_keeps_nothing(botkyrka: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", str(botkyrka), "--no-cache", "--today", TODAY.isoformat()])
    capsys.readouterr()
    assert not (botkyrka / cache.FOLDER / incremental.ENTRY_FILE).exists()


def test_a_file_rule_that_places_a_problem_elsewhere_keeps_nothing(botkyrka: Path) -> None:
    from procspec.checking.facts import index_of
    from procspec.problem import Problem, Severity
    from procspec.reading.repository import load_repository

    repo = load_repository(botkyrka)
    stray = Problem("personer.yaml", 1, 1, "PS201", Severity.ERROR, "x")
    keys = {record.rel: "k" for record in repo.records}
    facts = index_of(repo.records)
    assert incremental._stored(repo.records, [stray], keys, facts) is None
    assert incremental._stored(repo.records, [], keys, facts) is not None
