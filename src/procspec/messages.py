"""Messages: what procspec says, as a key and parameters, turned into words only at the edge.

The core (reading, git, checking, features) never knows the language. It describes what it found
as a `Message` — a key and its parameters, which may themselves be messages — and the formatters,
the console and the renderer turn it into Swedish or English with `text(message, lang)`.

The words live in gettext catalogues, one per language, in the source tree:
`procspec/locale/<sv|en>/LC_MESSAGES/procspec.po`. The msgid is the message key; a count's singular
form is the key with `.one` (`plural`). Each catalogue is compiled to a `.mo` file when procspec
is installed (the hatch build hook in `hatch_build.py`, with Babel): into the wheel, or beside the
`.po` in the source tree for an editable install (the `.mo` files are not committed). A compiled
catalogue carries the digest of the `.po` it was made from (`SOURCE_KEY`) and is used only while
the `.po` is the same; a `.po` edited since, or one never compiled, is compiled in memory with
Babel when first needed (a twentieth of a second per language, on every command). Either way the
catalogue is loaded with the standard `gettext` module.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any

LANGUAGES = ("sv", "en")
DOMAIN = "procspec"


@dataclass(frozen=True)
class Message:
    """A message key and its parameters (values, or messages themselves), in no language yet.

    `count` picks the singular form (`key.one`) for a count of one."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()
    count: int | None = None

    def get(self, name: str, default: Any = None) -> Any:
        """A parameter's value."""
        return dict(self.params).get(name, default)

    def to_data(self) -> dict[str, Any]:
        """The message as JSON data (the validate cache stores problems this way)."""
        return {
            "key": self.key,
            "params": {k: _param_data(v) for k, v in self.params},
            "count": self.count,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Message:
        """A message as `to_data` wrote it; ValueError for one that could not be put in words
        (an unknown key, a parameter its text needs missing: a damaged cache entry)."""
        params = data.get("params") or {}
        key = data.get("key")
        if not isinstance(key, str) or not isinstance(params, dict):
            raise ValueError("not a message")
        values = tuple((str(k), _param_value(v)) for k, v in params.items())
        if key == JOINED:
            if not isinstance(dict(values).get("parts"), tuple):
                raise ValueError("joined without parts")
        elif not has(key) or not _fields(key) <= {k for k, _ in values}:
            raise ValueError("not a message of this catalogue")
        count = data.get("count")
        return cls(key, values, count if isinstance(count, int) else None)


def say(key: str, /, **params: Any) -> Message:
    """The message `key` with `params` (a parameter may be a `Message`, or a tuple of them)."""
    return Message(key, tuple((k, _frozen(v)) for k, v in params.items()))


def plural(key: str, count: int, /, **params: Any) -> Message:
    """The message `key` about `count` things: `key.one` when `count` is 1 ("1 fel" but
    "1 error", "2 errors")."""
    return Message(key, tuple((k, _frozen(v)) for k, v in params.items()), count)


Text = Message | str
"""What a problem or an error says: a message, or text that needs no translation."""

JOINED = "joined"
"""The key of `joined` texts: not in the catalogues, `text` puts the parts together itself."""


def joined(parts: Iterable[Text], separator: str = ", ") -> Text:
    """`parts` one after the other with `separator` between them: plain text when every part is
    text, else a message whose parts are turned into words at the edge."""
    found = tuple(parts)
    if all(isinstance(part, str) for part in found):
        return separator.join(found)  # type: ignore[arg-type]
    return say(JOINED, parts=found, separator=separator)


Words = Callable[[Text], str]
"""Turns a message into words in the reader's language: what the edge gives a feature that writes
a file for people (CODEOWNERS, status as JSON), so the feature itself never knows the language."""


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, PurePath):
        return str(value)
    return value


def _param_data(value: Any) -> Any:
    if isinstance(value, Message):
        return {"message": value.to_data()}
    if isinstance(value, tuple):
        return {"items": [_param_data(v) for v in value]}
    return value


def _param_value(value: Any) -> Any:
    if isinstance(value, dict) and "message" in value:
        return Message.from_data(value["message"])
    if isinstance(value, dict) and "items" in value:
        return tuple(_param_value(v) for v in value["items"])
    return value


# --- the catalogues ---


SOURCE_KEY = "procspec:po-blake2b"
"""The message in a compiled catalogue whose text is the digest of the `.po` it was made from."""


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The gettext catalogue of `lang` (Swedish for an unknown language)."""
    lang = lang if lang in LANGUAGES else "sv"
    return load_catalogue(resources.files("procspec").joinpath("locale", lang, "LC_MESSAGES"))


def load_catalogue(folder: Any) -> gettext.GNUTranslations:
    """The catalogue in `folder` (a path or a package resource): its `.mo` when that was compiled
    from the `.po` beside it as it is now, else the `.po` compiled in memory with Babel."""
    source = folder.joinpath(f"{DOMAIN}.po")
    compiled = folder.joinpath(f"{DOMAIN}.mo")
    po = source.read_bytes() if source.is_file() else None
    if compiled.is_file():
        found = gettext.GNUTranslations(io.BytesIO(compiled.read_bytes()))
        if po is None or found.gettext(SOURCE_KEY) == po_digest(po):
            return found
    if po is None:
        raise FileNotFoundError(str(source))
    return gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def po_digest(po: bytes) -> str:
    """The digest a compiled catalogue keeps of its `.po`."""
    return hashlib.blake2b(po, digest_size=16).hexdigest()


def compile_po(po: bytes) -> bytes:
    """A `.po` catalogue compiled to `.mo` bytes (Babel's `read_po` and `write_mo`), with the
    digest of the `.po` under `SOURCE_KEY`. Also run by the build hook (`hatch_build.py`)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po))
    catalog.add(SOURCE_KEY, po_digest(po))
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def catalogue(lang: str) -> dict[str, str]:
    """Every message of `lang`, key → template (for tests and tools)."""
    found = translation(lang)
    return {
        k: v
        for k, v in getattr(found, "_catalog", {}).items()
        if isinstance(k, str) and k and k != SOURCE_KEY
    }


def has(key: str) -> bool:
    """Whether the catalogue has the message `key`."""
    return key in _keys()


@cache
def _fields(key: str) -> frozenset[str]:
    """The parameters the texts of `key` (and of `key.one`) fill in, in every language."""
    found: set[str] = set()
    for name in (key, f"{key}.one"):
        if has(name):
            for lang in LANGUAGES:
                for _, field, _, _ in _FORMATTER.parse(translation(lang).gettext(name)):
                    if field:
                        found.add(re.split(r"[.\[]", field, maxsplit=1)[0])
    return frozenset(found)


_FORMATTER = string.Formatter()


@cache
def _keys() -> frozenset[str]:
    """The keys of the (Swedish) catalogue, gathered once."""
    return frozenset(catalogue("sv"))


# --- words, at the edge ---


def text(what: Text, lang: str) -> str:
    """`what` in `lang`: a message's template from the catalogue filled with its parameters
    (messages among them turned into words first; text parameters passed through `visible`)."""
    if isinstance(what, str):
        return what
    if what.key == JOINED:
        parts = what.get("parts", ())
        return str(what.get("separator", ", ")).join(str(_shown(p, lang)) for p in parts)
    key = what.key
    if what.count == 1 and has(f"{key}.one"):
        key = f"{key}.one"
    template = translation(lang).gettext(key)
    if not what.params:
        return template
    return template.format(**{k: _shown(v, lang) for k, v in what.params})


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return text(value, lang)
    if isinstance(value, tuple):
        return ", ".join(str(_shown(v, lang)) for v in value)
    if isinstance(value, str):
        return visible(value)
    return value


def msg(key: str, lang: str, /, **params: Any) -> str:
    """The message `key` in `lang`, filled with `params` (for the edge: formatters, console,
    renderer)."""
    return text(say(key, **params), lang)


def msg_n(key: str, lang: str, number: int, /, **params: Any) -> str:
    """The message `key` about `number` things in `lang` (see `plural`)."""
    return text(plural(key, number, **params), lang)


def number(value: float | None, lang: str) -> str:
    """A number as a reader writes it: every digit, never an exponent, no trailing .0, a decimal
    comma in Swedish; empty for None.

    Fifteen significant digits are what a float holds exactly (MAX_NUMBER in the model), so every
    value validate accepts is shown as it was written, and a sum's last-digit noise is not."""
    if value is None:
        return ""
    if isinstance(value, int) or value.is_integer():
        shown = str(int(value))
    else:
        shown = format(Decimal(f"{value:.15g}"), "f")
    return shown.replace(".", ",") if lang == "sv" else shown


def texts(items: Iterable[Text], lang: str) -> list[str]:
    """Each of `items` in `lang`."""
    return [text(item, lang) for item in items]


_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Control characters (but tab and newline), zero-width and direction-changing characters."""


def visible(text: str) -> str:
    """`text` with control, zero-width and direction-changing characters written as `<U+XXXX>`.

    A message quotes file names and values from the user's files; written raw, an escape sequence
    could recolour or clear the terminal and a right-to-left override could reorder the sentence
    around it (Trojan Source, CVE-2021-42574).
    """
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def one_line(text: str) -> str:
    """`visible(text)` with line breaks and tabs written as `<U+XXXX>` too, for one-line output."""
    return visible(text).replace("\n", "<U+000A>").replace("\t", "<U+0009>")
