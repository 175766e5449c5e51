"""Links a repository gives (`dokument.länk`): judged on what a browser or a Markdown converter
will see, and written encoded for the format they go into.

A link is decided on its *decoded, normalised* form, the way the WHATWG URL Standard ("URL
parsing") and HTML read an `href`: character references are decoded (named ones such as `&colon;`
and `&Tab;` included, and numeric ones with or without the `;`), leading and trailing C0 controls
and spaces are stripped, and tabs and line breaks anywhere are removed. This is repeated until
nothing changes, since a Markdown converter may decode once more what HTML decodes. Only these
links are allowed:

- `https://host...` and `http://host...`;
- `mailto:address`;
- relative paths (`rutiner/a.pdf`, `../mallar/b.docx`, `/dokument/c.pdf`, `#avsnitt`), which
  have no scheme and do not start with `//`.

Everything else is refused: any other scheme (`javascript:`, `data:`, `vbscript:`, `file:`), a
protocol-relative `//host`, an address Python's URL parser refuses (`https://[::1/`),
backslashes (read as `/`), control and invisible characters, and a first path segment that would
hold a `:` once percent-decoded. What is emitted is the decoded
link, encoded for the format: HTML attribute escaping (Jinja's autoescape), or for Markdown every
character that could end the link destination or start an entity or tag percent-encoded
(`md_destination`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, unquote, urlsplit

ALLOWED_SCHEMES = ("https", "http", "mailto")
"""The schemes a link may have; a link without a scheme is a relative path."""

_STRIP = "".join(chr(c) for c in range(0x21))
"""C0 controls and space: stripped from both ends (WHATWG URL parsing, step 1)."""
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f]"
)
"""Controls, soft hyphen, zero-width and direction characters: never in a link a reader can check."""
_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\.?]{2,}")
_ROUNDS = 8


def normalise(raw: str) -> str | None:
    """The link as a browser reads it: references decoded, C0 controls and spaces stripped from
    the ends, tabs and line breaks removed, repeated until stable; None when it never settles."""
    forms = _decodings(raw)
    return forms[-1] if forms else None


def _decodings(raw: str) -> list[str]:
    """Each round's decoded text (before and after the removals), the settled form last; empty
    when the text does not settle."""
    text = raw
    forms = [raw]
    for _ in range(_ROUNDS):
        unescaped = html.unescape(text)
        decoded = _TAB_OR_NEWLINE.sub("", unescaped.strip(_STRIP))
        forms += [unescaped, decoded]
        if decoded == text:
            return forms
        text = decoded
    return []


def scheme(url: str) -> str | None:
    """The URL's scheme, lower-case, as the WHATWG scheme state reads it; None for a relative one."""
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def is_allowed(raw: str) -> bool:
    """Whether `raw` is a link procspec writes into a document (see the module's docstring)."""
    forms = _decodings(raw)
    # A control, tab or line break is refused wherever it appears, written or encoded.
    if not forms or any("\\" in form or _HIDDEN.search(form.strip(" ")) for form in forms):
        return False
    url = forms[-1]
    if not url:
        return False
    kind = scheme(url)
    if kind in ("http", "https"):
        rest = url[len(kind) + 1 :]
        return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#@" and _parses(url)
    if kind == "mailto":
        return bool(_EMAIL.fullmatch(unquote(url[len("mailto:") :].split("?", 1)[0])))
    if kind is not None or url.startswith("//"):
        return False
    # A relative link whose first segment decodes to 'x:' is a scheme for any consumer that
    # percent-decodes before it parses; no relative path needs it.
    first = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in unquote(first) and not unquote(url).startswith(("//", "/\\"))


def _parses(url: str) -> bool:
    """Whether Python's URL parser reads `url`, as the pages' links are made with it: it refuses
    a host in `[` without its `]` (an IPv6 address), for one."""
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def emitted(raw: str) -> str:
    """What a document links to: the decoded link that was judged (call only when allowed)."""
    return normalise(raw) or ""


def mail_address(address: str) -> str:
    """`address` for the address part of a `mailto:` URL: percent-encoded as UTF-8 (RFC 6068),
    so no '?', '&', '%' or space in it can add a header, a recipient or a body."""
    return quote(address, safe="@.+-_")


_MD_UNSAFE = set(" ()<>[]\\|\"'`")


def md_destination(url: str) -> str:
    """`url` as a Markdown link destination: `&` as `&amp;` (a converter decodes it back to the
    `&` that was judged, and no reference can form), and characters that could end the
    destination or open a tag, controls and spaces percent-encoded (UTF-8)."""
    out = []
    for char in url:
        if char == "&":
            out.append("&amp;")
        elif char in _MD_UNSAFE or ord(char) < 0x21 or ord(char) == 0x7F or char.isspace():
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
        else:
            out.append(char)
    return "".join(out)
