"""`procspec new`: names checked by the naming rules, ids, placement, level, parent and roles, and a
file that validates once its empty fields are filled in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from procspec.features.scaffold import derive_id
from procspec.reading.slug import is_valid_id

from ..conftest import REPOS
from .conftest import procspec


@pytest.fixture
def orebro(tmp_path: Path) -> Path:
    target = tmp_path / "orebro"
    shutil.copytree(REPOS / "orebro", target)
    return target


@pytest.fixture
def botkyrka(tmp_path: Path) -> Path:
    target = tmp_path / "botkyrka"
    shutil.copytree(REPOS / "botkyrka", target)
    return target


def problems(root: Path) -> list[dict[str, object]]:
    done = procspec("validate", str(root), "--format", "json")
    report: list[dict[str, object]] = json.loads(done.stdout)["problems"]
    return report


def fill(path: Path, **extra: str) -> None:
    """Fill in the empty required fields as a process leader would."""
    text = path.read_text(encoding="utf-8")
    values = {
        "syfte:": "syfte: Att leverantörerna får betalt i tid.",
        "starthändelse:": "starthändelse: En faktura kommer in.",
        "sluthändelse:": "sluthändelse: Fakturan är betald.",
        "mottagare:": "mottagare:\n  - Leverantörer",
        **extra,
    }
    for empty, filled in values.items():
        assert f"\n{empty}\n" in text, empty
        text = text.replace(f"\n{empty}\n", f"\n{filled}\n", 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Följa upp budget", "följa-upp-budget"),
        ("  Tillhandahålla IT-stöd  ", "tillhandahålla-it-stöd"),
        ("Bedöma behov (försörjningsstöd), 2027!", "bedöma-behov-försörjningsstöd-2027"),
        ("Ge service – café och bibliotek", "ge-service-cafe-och-bibliotek"),
        ("ÖVERSÄTTA   TEXTER", "översätta-texter"),
    ],
)
def test_derive_id(name: str, expected: str) -> None:
    assert derive_id(name) == expected
    assert is_valid_id(expected)


def test_new_top_level_process(orebro: Path) -> None:
    done = procspec(
        "new", "Betala leverantörsfakturor", "--type", "stödprocess", "--repo", str(orebro)
    )
    assert done.returncode == 0, done.stderr
    path = orebro / "processer" / "stodprocesser" / "betala-leverantörsfakturor.yaml"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "namn: Betala leverantörsfakturor\n" in text
    assert "typ: stödprocess\n" in text
    assert "\nprocessägare:\n" in text  # required at the top level: left empty to be filled in
    assert "nivå:" not in text  # Örebro derives the level
    # Every field of Örebro's Bilaga 1 is explained.
    for label in ("Processägare", "Processledare", "Processteam", "Typ av process", "Syfte",
                  "Starthändelse", "Sluthändelse (resultat/leverans)", "Mottagare",
                  "Processmål och mätetal", "Uppföljning", "Delprocesser",
                  "Angränsande processer", "Krav"):  # fmt: skip
        assert label in text, label
    # Until filled in, validate points at exactly the empty fields.
    found = [p for p in problems(orebro) if p["process"] == "betala-leverantörsfakturor"]
    assert {(p["code"], p["severity"]) for p in found} == {("PS007", "error")}
    lines = text.splitlines()
    assert sorted(lines[int(str(p["line"])) - 1].split(":")[0] for p in found) == sorted(
        ["syfte", "starthändelse", "sluthändelse", "mottagare"]
    )
    fill(path, **{"processägare:": "processägare: anna.berg"})
    found = [p for p in problems(orebro) if p["process"] == "betala-leverantörsfakturor"]
    assert [p for p in found if p["severity"] != "info"] == []


def test_new_goes_next_to_its_parent_and_inherits(orebro: Path) -> None:
    done = procspec("new", "Följa upp investeringar", "--parent",
                    "skapa-förutsättningar-för-styrning", "--repo", str(orebro))  # fmt: skip
    assert done.returncode == 0, done.stderr
    path = orebro / "processer" / "följa-upp-investeringar.yaml"
    text = path.read_text(encoding="utf-8")
    assert "typ: styrprocess\n" in text  # the parent's type
    assert "överordnad: skapa-förutsättningar-för-styrning\n" in text
    assert "Ärvs från den överordnade processen: Anna Berg (anna.berg)." in text
    assert "\nprocessägare:" not in text  # inherited, so only a comment
    fill(path)
    mine = [p for p in problems(orebro) if p["process"] == "följa-upp-investeringar"]
    assert [p for p in mine if p["severity"] != "info"] == []


def test_new_in_botkyrka_fills_level_and_required_roles(botkyrka: Path) -> None:
    done = procspec("new", "Placera barn i fritidshem", "--parent",
                    "möta-behov-av-livslångt-lärande", "--repo", str(botkyrka))  # fmt: skip
    assert done.returncode == 0, done.stderr
    parent = next(botkyrka.rglob("möta-behov-av-livslångt-lärande.yaml"))
    path = parent.parent / "placera-barn-i-fritidshem.yaml"
    text = path.read_text(encoding="utf-8")
    assert "nivå: 2\n" in text
    assert "\nprocessansvarig:\n" in text  # Botkyrka 2.4: required at level 2
    assert "Profilen tillåter ingen annan här" in text  # the locked level-1 owner
    fill(path, **{"processansvarig:": "processansvarig: " + _someone(botkyrka)})
    mine = [p for p in problems(botkyrka) if p["process"] == "placera-barn-i-fritidshem"]
    assert [p for p in mine if p["severity"] != "info"] == []


def _someone(root: Path) -> str:
    first = (root / "personer.yaml").read_text(encoding="utf-8").splitlines()
    return next(line[:-1] for line in first if line and not line.startswith((" ", "#")))


def test_new_refuses_a_name_that_breaks_the_naming_rules(orebro: Path) -> None:
    done = procspec("new", "Rekrytering", "--type", "stödprocess", "--repo", str(orebro))
    assert done.returncode == 1
    assert "PS102" in done.stderr and "Rekrytera" in done.stderr
    done = procspec(
        "new", "Kommunikationsprocessen", "--type", "stödprocess", "--repo", str(orebro)
    )
    assert done.returncode == 1
    assert "PS103" in done.stderr
    assert not list(orebro.rglob("rekrytering.yaml"))
    assert not list(orebro.rglob("kommunikationsprocessen.yaml"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Att hantera bygglov", "'Hantera bygglov'"),
        ("Onboarding", "svenska"),
        ("Stödja IT-avdelningen", "PS103"),
    ],
)
def test_new_checks_names_as_validate_does(orebro: Path, name: str, expected: str) -> None:
    done = procspec("new", name, "--type", "stödprocess", "--repo", str(orebro))
    assert done.returncode == 1
    assert expected in done.stderr


def test_botkyrka_warns_about_the_name_and_goes_on(botkyrka: Path) -> None:
    done = procspec("new", "Rekrytering", "--type", "stödprocess", "--repo", str(botkyrka))
    assert done.returncode == 0, done.stderr
    assert "PS102" in done.stderr and "Rekrytera" in done.stderr
    assert list(botkyrka.rglob("rekrytering.yaml"))


def test_new_refuses_an_existing_id_or_output_name(orebro: Path) -> None:
    done = procspec("new", "Följa upp budget", "--type", "styrprocess", "--repo", str(orebro))
    assert done.returncode == 1
    assert "följa-upp-budget" in done.stderr
    done = procspec("new", "Folja upp budget", "--type", "styrprocess", "--repo", str(orebro))
    assert done.returncode == 1


def test_new_usage_errors(orebro: Path) -> None:
    unknown_type = procspec("new", "Följa upp x", "--type", "stodprocess", "--repo", str(orebro))
    assert unknown_type.returncode == 2
    assert "stödprocess" in unknown_type.stderr  # did you mean
    unknown_parent = procspec("new", "Följa upp x", "--parent", "nope", "--repo", str(orebro))
    assert unknown_parent.returncode == 1
    other_type = procspec("new", "Följa upp x", "--type", "huvudprocess", "--parent",
                          "följa-upp-budget", "--repo", str(orebro))  # fmt: skip
    assert other_type.returncode == 2
    assert "PS304" in other_type.stderr
    # Not a terminal and no --type: say what to write instead of prompting.
    no_type = procspec("new", "Följa upp x", "--repo", str(orebro))
    assert no_type.returncode == 2
    assert "--type" in no_type.stderr
    assert procspec("new", "Följa upp x", "--type", "stödprocess", "--repo",
                    str(orebro.parent)).returncode == 2  # fmt: skip
    for done in (unknown_type, unknown_parent, other_type, no_type):
        assert "Traceback" not in done.stderr


def test_new_speaks_english_when_the_repository_does(orebro: Path) -> None:
    settings = orebro / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", encoding="utf-8")
    done = procspec("new", "Rekrytering", "--type", "stödprocess", "--repo", str(orebro))
    assert done.returncode == 1
    assert "breaks the naming rules" in done.stderr
    assert "Use the verb instead" in done.stderr
    done = procspec("new", "Följa upp lön", "--type", "stödprocess", "--repo", str(orebro))
    assert done.returncode == 0
    assert done.stdout.startswith("Wrote ")


def test_new_refuses_a_name_too_long_for_a_file_name(orebro: Path) -> None:
    done = procspec("new", "Följa upp " + "mycket " * 60, "--type", "stödprocess", "--repo",
                    str(orebro))  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "name", ["Betala \udcff fakturor", "Betala\u200bfakturor", "Betala\tfakturor"]
)
def test_new_refuses_a_name_that_is_not_one_line_of_text(orebro: Path, name: str) -> None:
    before = sorted(p.relative_to(orebro).as_posix() for p in orebro.rglob("*"))
    done = procspec("new", name, "--type", "stödprocess", "--repo", str(orebro))
    assert done.returncode == 2, done.stderr
    assert "Namnet får inte vara tomt" in done.stderr
    assert sorted(p.relative_to(orebro).as_posix() for p in orebro.rglob("*")) == before


def test_new_refuses_a_linked_folder(orebro: Path, tmp_path: Path) -> None:
    # validate does not enter a linked folder: the file would be written elsewhere, unchecked.
    elsewhere = tmp_path / "någon-annanstans"
    elsewhere.mkdir()
    (orebro / "processer" / "stodprocesser").symlink_to(elsewhere)
    done = procspec(
        "new", "Betala leverantörsfakturor", "--type", "stödprocess", "--repo", str(orebro)
    )
    assert done.returncode == 1, done.stderr
    assert "Mappen processer/stodprocesser är en länk" in done.stderr
    assert list(elsewhere.iterdir()) == []


def test_new_under_a_parent_just_written_by_new(orebro: Path) -> None:
    """The parent's required fields are still empty (PS007), so it has no model: `new` reads its
    type, level and roles from the file as written."""
    top = procspec("new", "Följa upp bokslut", "--type", "styrprocess", "--repo", str(orebro))
    assert top.returncode == 0, top.stderr
    done = procspec("new", "Följa upp årsbokslut", "--parent", "följa-upp-bokslut", "--repo",
                    str(orebro))  # fmt: skip
    assert done.returncode == 0, done.stderr
    parent = next(orebro.rglob("följa-upp-bokslut.yaml"))
    path = parent.parent / "följa-upp-årsbokslut.yaml"
    text = path.read_text(encoding="utf-8")
    assert "typ: styrprocess\n" in text
    assert "överordnad: följa-upp-bokslut\n" in text
    assert "Följa upp bokslut (följa-upp-bokslut)" in text
    fill(parent, **{"processägare:": "processägare: anna.berg"})
    fill(path)
    mine = [p for p in problems(orebro) if p["process"] in ("följa-upp-bokslut",
                                                            "följa-upp-årsbokslut")]  # fmt: skip
    assert [p for p in mine if p["severity"] != "info"] == []


def test_new_reads_roles_from_a_parent_with_errors(orebro: Path) -> None:
    budget = orebro / "processer" / "följa-upp-budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8") + "okänd: 1\n", encoding="utf-8")
    done = procspec("new", "Följa upp kassaflödet", "--parent", "följa-upp-budget", "--repo",
                    str(orebro))  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (orebro / "processer" / "följa-upp-kassaflödet.yaml").read_text(encoding="utf-8")
    assert "typ: styrprocess\n" in text
    assert "Ärvs från den överordnade processen: Anna Berg (anna.berg)." in text


def test_new_in_botkyrka_reads_the_level_of_a_parent_with_errors(botkyrka: Path) -> None:
    parent = next(botkyrka.rglob("möta-behov-av-livslångt-lärande.yaml"))
    parent.write_text(parent.read_text(encoding="utf-8") + "okänd: 1\n", encoding="utf-8")
    done = procspec("new", "Placera barn i fritidshem", "--parent",
                    "möta-behov-av-livslångt-lärande", "--repo", str(botkyrka))  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (parent.parent / "placera-barn-i-fritidshem.yaml").read_text(encoding="utf-8")
    assert "nivå: 2\n" in text


def test_new_refuses_a_parent_whose_type_or_file_cannot_be_read(orebro: Path) -> None:
    budget = orebro / "processer" / "följa-upp-budget.yaml"
    budget.write_text(
        budget.read_text(encoding="utf-8").replace("typ: styrprocess", "typ: styrprocesser"),
        encoding="utf-8",
    )
    args = ("--parent", "följa-upp-budget", "--repo", str(orebro))
    done = procspec("new", "Följa upp kassaflödet", *args)
    assert done.returncode == 1
    assert "processer/följa-upp-budget.yaml" in done.stderr and "--type" in done.stderr
    assert "finns inte" not in done.stderr
    assert not (orebro / "processer" / "följa-upp-kassaflödet.yaml").exists()
    given = procspec("new", "Följa upp kassaflödet", "--type", "styrprocess", *args)
    assert given.returncode == 0, given.stderr
    budget.write_text("namn: [Följa upp budget\n", encoding="utf-8")  # PS001
    broken = procspec("new", "Följa upp likviditet", *args)
    assert broken.returncode == 1
    assert "går inte att läsa" in broken.stderr and "procspec validate" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_new_writes_a_commented_processkarta_that_validates_when_uncommented(
    orebro: Path,
) -> None:
    done = procspec(
        "new", "Betala leverantörsfakturor", "--type", "stödprocess", "--repo", str(orebro)
    )
    assert done.returncode == 0, done.stderr
    path = orebro / "processer" / "stodprocesser" / "betala-leverantörsfakturor.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\n# processkarta:\n" in text and "\nprocesskarta:" not in text
    fill(path, **{"processägare:": "processägare: anna.berg"})
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("# processkarta:")
    end = start
    while end < len(lines) and lines[end].startswith("# "):
        end += 1
    lines[start:end] = [line[2:] for line in lines[start:end]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [p for p in problems(orebro) if p["process"] == "betala-leverantörsfakturor"]
    assert [p for p in found if p["severity"] != "info"] == []
    shown = procspec("show", "betala-leverantörsfakturor", "--repo", str(orebro))
    assert "Registrera ärendet" in shown.stdout and "Handläggare" in shown.stdout
