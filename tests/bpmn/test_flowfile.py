"""`bpmn import` writes the processkarta key and leaves every other byte of the file as it was."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from procspec.features.flowfile import FlowFileError, has_flow_map, splice

MAP = {
    "aktörer": [{"id": "handläggare", "namn": "Handläggare"}],
    "processteg": [
        {
            "id": "ta-emot",
            "namn": "Ta emot",
            "aktiviteter": [
                {"id": "start", "typ": "start", "namn": "Ärende: inkommer", "nästa": "slut"},
                {"id": "slut", "typ": "slut", "namn": "Klart", "aktör": "handläggare"},
            ],
        }
    ],
}

HEAD = """# yaml-language-server: $schema=../schemas/process.schema.json
# Kommentar överst.
namn: Hantera ärenden   # en kommentar på raden
typ: huvudprocess
syfte: >-
  Ett syfte som går
  över två rader.
mottagare:
  - "Medborgare"   # citerad
"""
TAIL = """# Kommentaren hör till granskad.
granskad:
  av: anna.lind
  datum: 2026-01-10
fastställd: {av: anna.lind, datum: 2026-01-12}
"""
OLD_MAP = """processkarta:
  # en gammal karta
  processteg:
    - id: gammal
      namn: Gammal
"""


def _load(text: str) -> object:
    return YAML(typ="safe").load(text)


def test_a_new_map_goes_before_granskad_and_nothing_else_changes() -> None:
    text = HEAD + TAIL
    new = splice(text, MAP)
    assert new.startswith(HEAD)
    assert new.endswith(TAIL)
    block = new[len(HEAD) : len(new) - len(TAIL)]
    assert block.startswith("processkarta:\n  aktörer:\n    - id: handläggare\n")
    assert _load(new)["processkarta"] == MAP  # type: ignore[index]


def test_a_new_map_goes_at_the_end_without_granskad() -> None:
    text = HEAD.rstrip("\n")  # no line break at the end
    new = splice(text, MAP)
    assert new.startswith(text + "\n")
    assert _load(new)["processkarta"] == MAP  # type: ignore[index]


def test_an_existing_map_is_replaced_and_the_comment_of_the_next_key_stays() -> None:
    text = HEAD + OLD_MAP + "\n" + TAIL
    assert has_flow_map(text)
    new = splice(text, MAP)
    assert new.startswith(HEAD)
    assert new.endswith("\n" + TAIL)
    assert "gammal" not in new
    assert _load(new)["processkarta"] == MAP  # type: ignore[index]


def test_a_map_as_the_last_key_keeps_the_trailing_comment() -> None:
    text = HEAD + OLD_MAP + "# slut på filen\n"
    new = splice(text, MAP)
    assert new.startswith(HEAD) and new.endswith("# slut på filen\n")


def test_windows_line_endings_are_kept() -> None:
    text = (HEAD + TAIL).replace("\n", "\r\n")
    new = splice(text, MAP)
    assert new.startswith(HEAD.replace("\n", "\r\n"))
    assert new.endswith(TAIL.replace("\n", "\r\n"))
    assert "\n" not in new.replace("\r\n", "")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("- en lista\n", "flowfile.not_mapping"),
        ("namn: [\n", "flowfile.yaml"),
        ("namn: a\nnamn: b\n", "flowfile.yaml"),
    ],
)
def test_a_file_that_is_no_mapping_is_refused(text: str, key: str) -> None:
    with pytest.raises(FlowFileError) as caught:
        splice(text, MAP)
    assert caught.value.key == key
