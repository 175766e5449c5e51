"""Each built-in profile's rule documentation quotes its own source word for word, and cites
only its own municipality: a Botkyrka repository never sees Örebro cited, nor the reverse."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from procspec.checking.ruledocs import RuleDoc, builtin_profiles, document
from procspec.checking.rules import REGISTRY, all_rules
from procspec.messages import say, text
from procspec.reading.profile import Profile

from ..conftest import FIXTURES, TODAY

ROOT = Path(__file__).parent.parent.parent
SOURCES = ROOT / "tests" / "data" / "sources"
"""The source documents the built-in profiles quote (the Botkyrka guideline with its document
metadata, and the Örebro handbook), as text."""

SOURCE_FILES = {
    "botkyrka": ("botkyrka-riktlinjer.txt", "botkyrka-dokumentuppgifter.txt"),
    "orebro": ("orebro-handbok.txt",),
}

OTHER = {"botkyrka": "Örebro", "orebro": "Botkyrka"}

REQUIRED = ("PS201", "PS207", "PS208", "PS210", "PS211", "PS212", "PS604")
"""The role rules whose documentation must quote the source (SPEC §3, corrected against it)."""


def _normalised(raw: str) -> tuple[str, str]:
    """The text with its whitespace collapsed, and the same with words hyphenated at the end of a
    line joined again ("vil-\\nken" -> "vilken"); markdown emphasis is not text."""
    raw = raw.replace("**", "").replace("<i>", "").replace("</i>", "")
    joined = re.sub(r"(\w)-[ \t]*\n\s*(?=[a-zåäö])", r"\1", raw)
    return " ".join(raw.split()), " ".join(joined.split())


def _source_text(profile: str) -> tuple[str, ...]:
    texts: list[str] = []
    for name in SOURCE_FILES[profile]:
        texts.extend(_normalised((SOURCES / name).read_text(encoding="utf-8")))
    return tuple(texts)


@pytest.mark.parametrize("profile", builtin_profiles(), ids=lambda p: p.name)
def test_every_quote_is_in_the_source_word_for_word(profile: Profile) -> None:
    texts = _source_text(profile.name)
    for code, entry in profile.rule_sources.items():
        for quote in entry.quotes:
            wanted = " ".join(quote.split())
            assert any(wanted in t for t in texts), f"{profile.name} {code}: {quote!r}"


@pytest.mark.parametrize("profile", builtin_profiles(), ids=lambda p: p.name)
def test_the_role_rules_quote_their_source(profile: Profile) -> None:
    for code in REQUIRED:
        entry = profile.rule_source(code)
        assert entry is not None, f"{profile.name} has no source for {code}"
        if not (entry.inactive or entry.reading) or profile.name == "botkyrka":
            assert entry.quotes, f"{profile.name} {code} quotes nothing"


FOREIGN = {
    "botkyrka": re.compile(
        r"Örebro|Orebro|mätetal|\bSteg \d|uppföljningsplan|aktivitetsplan|\bstyrprocess"
        r"|huvudprocess",
        re.IGNORECASE,
    ),
    "orebro": re.compile(
        r"Botkyrka|målsatta mått|Tabell [12]|medborgarprocess|åtgärdsplan", re.IGNORECASE
    ),
}
"""What a repository with the profile must never be told: the other municipality, and its
words (Örebro's "processmål och mätetal", steps, plans and process types; Botkyrka's "målsatta
mått", tables, medborgarprocesser and åtgärdsplaner)."""

CITED = {
    "botkyrka": re.compile(r"Örebro|Orebro|mätetal|\bSteg \d", re.IGNORECASE),
    "orebro": re.compile(r"Botkyrka|målsatta mått|Tabell [12]", re.IGNORECASE),
}
"""What validate's messages must never say in a repository with the profile: the other
municipality and its own words (messages repeat the repository's own data, such as a process type
it names, so the plain type names are not checked there)."""


def _words(doc: RuleDoc, lang: str) -> str:
    from procspec.reporting.catalogue import rule_dict

    return json.dumps(rule_dict(doc, lang), ensure_ascii=False)


@pytest.mark.parametrize("profile", builtin_profiles(), ids=lambda p: p.name)
def test_rule_docs_cite_only_the_profiles_own_source(profile: Profile) -> None:
    for rule in all_rules():
        doc = document(rule, profile)
        for lang in ("sv", "en"):
            found = FOREIGN[profile.name].search(_words(doc, lang))
            assert found is None, f"{profile.name} {rule.code} ({lang}): {found.group(0)!r}"


def test_rules_that_name_a_municipality_have_a_source_in_every_profile() -> None:
    """A rule whose neutral source names a municipality has an entry in every built-in
    profile, so that no profile falls back to a citation of the other."""
    for rule in all_rules():
        if re.search("Örebro|Botkyrka", rule.source):
            for profile in builtin_profiles():
                assert profile.rule_source(rule.code) is not None, (profile.name, rule.code)


def test_neutral_docs_quote_every_profile() -> None:
    """Outside a repository a rule shows the passages of every built-in profile it has."""
    doc = document(REGISTRY["PS201"])
    assert doc.profile is None
    assert [c.citation for c in doc.cited] == ["Botkyrka 2.3, Tabell 2", "Örebro Steg 2"]
    assert "Örebro" in doc.source and "Botkyrka" in doc.source


def test_a_rule_without_basis_says_so_honestly() -> None:
    botkyrka, orebro = builtin_profiles()
    assert document(REGISTRY["PS206"], botkyrka).source == say("ruledoc.reading.none")
    reading = document(REGISTRY["PS101"], botkyrka).source
    assert reading == say("ruledoc.reading", source="Botkyrka 1.2.1 och Bilaga 2 (Stödprocess)")
    assert document(REGISTRY["PS208"], orebro).inactive == say("ruledoc.inactive", profile="orebro")
    assert document(REGISTRY["PS208"], botkyrka).inactive is None


def test_profile_severity_and_settings_override_the_default() -> None:
    botkyrka, _ = builtin_profiles()
    assert document(REGISTRY["PS101"]).severity == "error"
    assert document(REGISTRY["PS101"], botkyrka).severity == "warning"
    assert document(REGISTRY["PS101"], botkyrka, {"PS101": "off"}).severity == "off"


# --- validate's messages ---


def _fail_cases() -> list[Any]:
    from ruamel.yaml import YAML

    cases = []
    for path in sorted((FIXTURES / "rules").glob("*/cases.yaml")):
        for case in YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")):
            if "fail" in case:
                cases.append(pytest.param(case, id=f"{case['code']}-{case.get('name', '')}"))
    return cases


def _with_profile(root: Path, profile: str) -> None:
    settings = root / "procspec.yaml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("profil:")]
    settings.write_text("\n".join([*kept, f"profil: {profile}", ""]), encoding="utf-8")


@pytest.mark.parametrize("case", _fail_cases())
def test_messages_never_cite_the_other_municipality(tmp_path: Path, case: dict[str, Any]) -> None:
    """Every rule's failing case, run under each built-in profile (in a repository of either
    kind), says nothing of the other municipality in either language."""
    from procspec.checking.checker import check_repository
    from procspec.reading.repository import load_repository

    from .test_rule_cases import build

    for profile in ("botkyrka", "orebro"):
        root = build(tmp_path / profile, case, case["fail"])
        _with_profile(root, profile)
        outcome = check_repository(load_repository(root), TODAY)
        assert outcome.problems or profile != case.get("base", "orebro"), case["code"]
        for problem in outcome.problems:
            for lang in ("sv", "en"):
                words = text(problem.message, lang)
                found = CITED[profile].search(words)
                assert found is None, f"{profile} {problem.code} ({lang}): {words}"


@pytest.mark.parametrize("profile", builtin_profiles(), ids=lambda p: p.name)
def test_the_profiles_own_examples_are_yaml_in_its_own_types(profile: Profile) -> None:
    """A profile's examples are YAML, and name only process types the profile has."""
    from ruamel.yaml import YAML

    for code, entry in profile.rule_sources.items():
        for example in (entry.bad, entry.good):
            if example is None:
                continue
            data = YAML(typ="safe", pure=True).load(example)
            assert isinstance(data, dict), (profile.name, code)
            assert data.get("typ", profile.type_names[0]) in profile.type_names, (
                profile.name,
                code,
            )


# --- a municipality's own profile ---


def test_a_custom_profile_inherits_and_extends_the_rule_sources(tmp_path: Path) -> None:
    from procspec.reading.profile import load_profile

    (tmp_path / "profil.yaml").write_text(
        "namn: vår-kommun\nbas: botkyrka\nregelkällor:\n"
        "  PS206:\n    källa: Riktlinje 4.2\n    citat: [Ingen äger fler än fem processer.]\n",
        encoding="utf-8",
    )
    profile = load_profile("profil.yaml", tmp_path)
    own = document(REGISTRY["PS206"], profile)
    assert own.source == "Riktlinje 4.2" and own.reading is None
    assert own.cited[0].quotes == ("Ingen äger fler än fem processer.",)
    assert document(REGISTRY["PS201"], profile).source == "Botkyrka 2.3, Tabell 2"


def test_a_custom_profile_without_rule_sources_gets_the_neutral_source(tmp_path: Path) -> None:
    from procspec.reading.profile import load_profile

    base = (ROOT / "src/procspec/reading/profiles/orebro.yaml").read_text(encoding="utf-8")
    kept = base.split("\nregelkällor:")[0].replace("namn: orebro", "namn: vår-kommun")
    (tmp_path / "profil.yaml").write_text(kept + "\n", encoding="utf-8")
    profile = load_profile("profil.yaml", tmp_path)
    assert document(REGISTRY["PS201"], profile).source == REGISTRY["PS201"].source


def test_a_rule_source_key_must_be_a_code_or_a_family(tmp_path: Path) -> None:
    from procspec.reading.profile import ProfileError, load_profile

    (tmp_path / "profil.yaml").write_text(
        "namn: vår-kommun\nbas: orebro\nregelkällor:\n  PS2O6:\n    tolkning: true\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as caught:
        load_profile("profil.yaml", tmp_path)
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.message.key) == ("PS007", 4, "profile.rule_key")


def test_a_profile_words_a_title_its_own_way() -> None:
    """`rule.<code>.title@<profile>` in the catalogues is the profile's title for the rule; the
    other profile, and the neutral catalogue, keep the rule's own."""
    botkyrka, orebro = builtin_profiles()
    assert (
        text(document(REGISTRY["PS406"], botkyrka).title, "sv")
        == "Inga mål eller målsatta mått ännu"
    )
    assert text(document(REGISTRY["PS406"], orebro).title, "en") == "No process goals yet"
    assert text(document(REGISTRY["PS406"]).title, "sv") == "Inga mål ännu"
    assert document(REGISTRY["PS401"], orebro).title == REGISTRY["PS401"].title
