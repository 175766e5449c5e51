"""`bpmn import` writes the processkarta key and leaves every other byte of the file as it was."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from procspec.features.flowfile import FlowFileError, dump_block, has_flow_map, splice

FILE = "processer/hantera-ärenden.yaml"
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
    new = splice(text, MAP, FILE)
    assert new.startswith(HEAD)
    assert new.endswith(TAIL)
    block = new[len(HEAD) : len(new) - len(TAIL)]
    assert block.startswith("processkarta:\n  aktörer:\n    - id: handläggare\n")
    assert _load(new)["processkarta"] == MAP  # type: ignore[index]


def test_a_new_map_goes_at_the_end_without_granskad() -> None:
    text = HEAD.rstrip("\n")  # no line break at the end
    new = splice(text, MAP, FILE)
    assert new.startswith(text + "\n")
    assert _load(new)["processkarta"] == MAP  # type: ignore[index]


def test_an_existing_map_is_replaced_and_the_comment_of_the_next_key_stays() -> None:
    text = HEAD + OLD_MAP + "\n" + TAIL
    assert has_flow_map(text, FILE)
    new = splice(text, MAP, FILE)
    assert new.startswith(HEAD)
    assert new.endswith("\n" + TAIL)
    assert "gammal" not in new
    assert _load(new)["processkarta"] == MAP  # type: ignore[index]


def test_a_map_as_the_last_key_keeps_the_trailing_comment() -> None:
    text = HEAD + OLD_MAP + "# slut på filen\n"
    new = splice(text, MAP, FILE)
    assert new.startswith(HEAD) and new.endswith("# slut på filen\n")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_are_kept(newline: str) -> None:
    text = (HEAD + TAIL).replace("\n", newline)
    new = splice(text, MAP, FILE)
    assert new.startswith(HEAD.replace("\n", newline))
    assert new.endswith(TAIL.replace("\n", newline))
    assert new.replace(newline, "").count("\r") + new.replace(newline, "").count("\n") == 0


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- en lista\n", 1),
        ("namn: a\nsyfte: [\n", 3),
        ("namn: a\nnamn: b\n", 2),
    ],
)
def test_a_file_validate_cannot_read_is_refused_at_its_line(text: str, line: int) -> None:
    with pytest.raises(FlowFileError) as caught:
        splice(text, MAP, FILE)
    assert caught.value.key == "flowfile.yaml"
    assert (caught.value.params["file"], caught.value.params["line"]) == (FILE, line)


@pytest.mark.parametrize(
    ("text", "before"),
    [
        (HEAD.replace("syfte: >-", "syfte:\t>-"), ""),  # a tab after the colon
        ("---\n" + HEAD + "...\n", "...\n"),  # the map goes before the end of the document
        ("---\n" + HEAD + "... # slut\n# efter\n", "... # slut\n# efter\n"),
        (HEAD.replace("# Kommentar överst.", "# Kommentar\u2028överst."), ""),
    ],
    ids=["tab", "document-end", "document-end-comment", "line-separator"],
)
def test_files_validate_reads_take_the_map(text: str, before: str) -> None:
    new = splice(text, MAP, FILE)
    assert new == text[: len(text) - len(before)] + dump_block(MAP) + before


def test_a_map_that_would_make_the_file_too_large_to_read_is_refused() -> None:
    steps = [{"id": f"s{i}", "namn": "Ett steg " + "x" * 9_000} for i in range(240)]
    with pytest.raises(FlowFileError) as caught:
        splice(HEAD + TAIL, {"processteg": steps}, FILE)
    assert caught.value.key == "flowfile.too_large"
    assert caught.value.params["limit"] == 2048 and caught.value.params["size"] > 2048
