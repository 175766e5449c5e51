"""Ids and their output names (SPEC §1 and §5): which letters an id may hold, and what they become."""

from __future__ import annotations

import unicodedata

import pytest

from procspec.reading.slug import is_valid_id, slug


@pytest.mark.parametrize(
    ("pid", "name"),
    [
        ("följa-upp-budget", "folja-upp-budget"),
        ("tillhandahålla-snöröjning", "tillhandahalla-snorojning"),
        ("driva-kafé", "driva-kafe"),
        ("ordna-müsli-och-crème", "ordna-musli-och-creme"),
        ("ta-fram-2027", "ta-fram-2027"),
    ],
)
def test_latin_letters_with_diacritics_are_valid_and_transliterated(pid: str, name: str) -> None:
    assert is_valid_id(pid)
    assert slug(pid) == name


@pytest.mark.parametrize(
    "pid",
    [
        "Följa-upp",  # capital letter
        "följa--upp",  # double hyphen
        "-följa",
        "följa-",
        "följa upp",
        "följa_upp",
        "ørsted",  # no ASCII base letter: it would vanish from the output name
        "straße",
        "fоlja",  # Cyrillic о that looks Latin
        "саша",
        unicodedata.normalize("NFD", "driva-kafé"),  # decomposed: compared in NFC only
        "",
    ],
)
def test_other_characters_make_an_invalid_id(pid: str) -> None:
    assert not is_valid_id(pid)
