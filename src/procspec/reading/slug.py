"""Ids, output names and the look-alike forms that must not collide (SPEC §1, §5; PS105, PS108)."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"[a-z0-9åäö]+(?:-[a-z0-9åäö]+)*")

# Latin look-alikes of Cyrillic and Greek letters, for comparing ids as a reader sees them.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "к": "k",
        "м": "m", "т": "t", "в": "b", "н": "h", "ο": "o", "α": "a", "ε": "e", "ι": "i",
        "κ": "k", "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip


def fold_lookalikes(text: str) -> str:
    """`text` with Cyrillic and Greek look-alikes of Latin letters replaced by the Latin letter."""
    return text.translate(_CONFUSABLES)


def _plain(char: str) -> str:
    """A lower-case Latin letter with a diacritic as its base letter (é → e, ü → u); å, ä, ö,
    a-z, digits and everything else as they are."""
    if char in "åäö" or unicodedata.category(char) != "Ll":
        return char
    base = unicodedata.normalize("NFKD", char)[0]
    return base if "a" <= base <= "z" else char


def is_valid_id(pid: str) -> bool:
    """An id is lower-case letters, digits and single hyphens (SPEC §1).

    Letters are a-z, å, ä, ö, and other lower-case Latin letters with a diacritic (`driva-kafé`),
    which the output name transliterates (SPEC §5). Letters of other scripts, and Latin letters
    without an ASCII base (ø, æ, ß), are not: they would vanish from the output name or look like
    Latin letters they are not.
    """
    if ID_PATTERN.fullmatch(pid) is not None:  # most ids: letters each its own plain form
        return True
    return unicodedata.is_normalized("NFC", pid) and (
        ID_PATTERN.fullmatch("".join(_plain(c) for c in pid)) is not None
    )


def slug(pid: str) -> str:
    """The output name of an id: å→a, ä→a, ö→o, other letters stripped of their accents."""
    if pid.isascii():  # nothing to decompose or strip
        return pid
    # The accents are combining marks, outside ASCII: leaving out what is not ASCII leaves out
    # them with the rest.
    return unicodedata.normalize("NFKD", pid).encode("ascii", "ignore").decode("ascii")


def skeleton(pid: str) -> str:
    """What a reader sees: NFC, no invisible characters, look-alikes folded, then the slug."""
    text = unicodedata.normalize("NFKC", pid)
    if text.isascii():  # control characters and the space are ASCII's only Cc and Zs, no Cf
        text = _ASCII_HIDDEN.sub("", text)
    else:
        text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc", "Zs"))
    return slug(text.lower().translate(_CONFUSABLES))


_ASCII_HIDDEN = re.compile("[\x00-\x1f\x7f ]")


def invisible_characters(text: str) -> list[str]:
    """Code points of invisible or direction-changing characters in `text`, as U+XXXX."""
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in ("Cf", "Cc")]
