"""Messages are keys and parameters until the edge; the catalogues are gettext."""

from __future__ import annotations

import gettext
from importlib import resources

import pytest

from procspec.messages import Message, catalogue, joined, number, plural, say, text, translation


def test_a_message_is_a_key_and_parameters() -> None:
    message = say("load.too_large", max=256)
    assert message.key == "load.too_large"
    assert message.get("max") == 256


def test_words_only_at_the_edge() -> None:
    message = say("load.too_large", max=256)
    assert (
        text(message, "sv")
        == "Filen är större än 256 kB och läses inte. En processspecifikation ska vara kort."
    )
    assert text(message, "en").startswith("The file is larger than 256 kB")


def test_a_parameter_may_be_a_message() -> None:
    message = say(
        "status.maturity", level=say("maturity.2"), missing=(say("maturity.missing.goals"),)
    )
    for lang in ("sv", "en"):
        shown = text(message, lang)
        assert text(say("maturity.2"), lang) in shown
        assert text(say("maturity.missing.goals"), lang) in shown


def test_plural_picks_the_singular_for_one() -> None:
    assert text(plural("render.refused", 1, count=1), "sv") != text(
        plural("render.refused", 2, count=2), "sv"
    )


def test_text_parameters_are_made_visible() -> None:
    shown = text(say("load.tag", tag="\x1b[31m"), "sv")
    assert "\x1b" not in shown and "<U+001B>" in shown


def test_messages_survive_json() -> None:
    message = say(
        "status.maturity", level=say("maturity.2"), missing=(say("maturity.missing.goals"),)
    )
    assert Message.from_data(message.to_data()) == message


def test_the_catalogue_is_gettext() -> None:
    assert isinstance(translation("sv"), gettext.GNUTranslations)
    assert catalogue("sv").keys() == catalogue("en").keys()
    assert catalogue("sv")["click.usage"] == "Användning:"


def test_an_unknown_language_is_swedish() -> None:
    assert text(say("click.usage"), "fi") == "Användning:"


def test_joined_texts_stay_text_until_a_message_is_among_them() -> None:
    assert joined(("a", "b"), "; ") == "a; b"
    mixed = joined(("Anna Berg", say("diff.yes")), ": ")
    assert isinstance(mixed, Message)
    assert text(mixed, "sv") == "Anna Berg: ja" and text(mixed, "en") == "Anna Berg: yes"
    assert Message.from_data(mixed.to_data()) == mixed
    nested = say("diff.change", field=say("diff.field.godkänd"), before="–", after=mixed)
    assert text(nested, "en") == "Accepted: – → Anna Berg: yes"


def test_numbers_as_readers_write_them() -> None:
    assert number(2.5, "sv") == "2,5" and number(2.5, "en") == "2.5"
    assert number(100.0, "sv") == "100" and number(None, "sv") == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [(12345678901, "12345678901"), (12345678901.5, "12345678901,5"), (1e-05, "0,00001"),
     (-0.000123, "-0,000123"), (999999999999999, "999999999999999"), (10**15, "1000000000000000"),
     (123456789.123456, "123456789,123456"), (0.1 + 0.2, "0,3")],
)  # fmt: skip
def test_every_accepted_number_is_shown_exactly_and_without_exponent(
    value: float, shown: str
) -> None:
    assert number(value, "sv") == shown
    assert number(value, "en") == shown.replace(",", ".")


def _counting(monkeypatch) -> list[bytes]:  # type: ignore[no-untyped-def]
    from procspec import messages

    compiled: list[bytes] = []
    real = messages.compile_po
    monkeypatch.setattr(messages, "compile_po", lambda po: compiled.append(po) or real(po))
    return compiled


def test_a_compiled_catalogue_is_used_only_while_its_po_is_the_same(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from procspec import messages

    source = resources.files("procspec").joinpath("locale", "sv", "LC_MESSAGES", "procspec.po")
    po = source.read_bytes()
    folder = tmp_path / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "procspec.po").write_bytes(po)
    compiled = _counting(monkeypatch)
    assert messages.load_catalogue(folder).gettext("click.usage") == "Användning:"
    assert len(compiled) == 1  # no .mo: the .po compiled in memory
    (folder / "procspec.mo").write_bytes(messages.compile_po(po))
    compiled.clear()
    found = messages.load_catalogue(folder)
    assert found.gettext("click.usage") == "Användning:" and compiled == []
    edited = po.replace(b'msgstr "Anv\xc3\xa4ndning:"', b'msgstr "Anropas:"')
    assert edited != po
    (folder / "procspec.po").write_bytes(edited)
    assert messages.load_catalogue(folder).gettext("click.usage") == "Anropas:"
    assert len(compiled) == 1  # edited since: the .mo is stale and left alone
    (folder / "procspec.po").unlink()  # a .mo alone is used as it is
    compiled.clear()
    assert messages.load_catalogue(folder).gettext("click.usage") == "Användning:"
    assert compiled == []


def test_the_digest_is_no_message() -> None:
    from procspec.messages import SOURCE_KEY

    assert SOURCE_KEY not in catalogue("sv") and SOURCE_KEY not in catalogue("en")
