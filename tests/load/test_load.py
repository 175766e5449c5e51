"""The loader: YAML 1.2 scalars, positions, and refusals that become problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from procspec.reading.documents import Document, load_file, load_text, resolve_plain


def load(text: str) -> Document:
    return load_text(text, Document(Path("x.yaml"), "x.yaml"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("12", 12),
        ("012", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1:20", "1:20"),
        ("2026-02-30", "2026-02-30"),
        ("0777", 777),
    ],
)
def test_plain_scalars_follow_yaml_12_core(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_quoted_scalars_stay_text() -> None:
    doc = load("a: '2'\nb: \"true\"\nc: NO\n")
    assert doc.data == {"a": "2", "b": "true", "c": "NO"}


def test_positions_of_keys_and_values_are_one_based() -> None:
    doc = load("namn: X\nmål:\n  - id: M1\n    målvärde: 5\n")
    assert doc.keys[("mål", 0, "målvärde")].line == 4
    assert doc.keys[("mål", 0, "målvärde")].column == 5
    assert doc.values[("mål", 0, "målvärde")].column == 15


def test_keys_and_values_are_nfc() -> None:
    doc = load("niva\u030a: 1\nnamn: Fo\u0308lja upp\n")
    assert doc.data == {"nivå": 1, "namn": "Följa upp"}


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffnamn: Följa upp budget\r\nnivå: 1\r\n".encode())
    doc = load_file(path, "x.yaml")
    assert doc.problems == []
    assert doc.data == {"namn": "Följa upp budget", "nivå": 1}


def test_unsafe_tags_are_never_constructed() -> None:
    doc = load("a: !!python/object/apply:os.system ['touch /tmp/procspec-pwned']\n")
    assert [p.code for p in doc.problems] == ["PS004"]
    assert not Path("/tmp/procspec-pwned").exists()


def test_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    doc = load_file(path, "stor.yaml")
    assert [p.code for p in doc.problems] == ["PS004"]


def test_deep_nesting_is_refused() -> None:
    doc = load("a: " + "[" * 200 + "]" * 200 + "\n")
    assert [p.code for p in doc.problems] == ["PS004"]


def test_ignore_comments_are_read() -> None:
    doc = load("# procspec: ignore PS305, ps601 -- gränssnittet ägs av en annan kommun\nx: 1\n")
    assert doc.ignores[0].codes == ("PS305", "PS601")
    assert doc.ignores[0].reason == "gränssnittet ägs av en annan kommun"
    assert doc.problems == []


def test_extreme_bracket_nesting_is_refused_before_parsing() -> None:
    doc = load("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert [p.code for p in doc.problems] == ["PS004"]
