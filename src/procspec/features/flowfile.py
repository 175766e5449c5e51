"""Write the `processkarta` key into a process file and nothing else (SPEC §6, `bpmn import`).

The file is changed as text: the lines of the key (or, when the file has none, a new block before
`granskad`/`fastställd` or at the end of the document) are replaced by the new block, and every
other character — keys, comments, blank lines, quoting, line endings — stays as it was. The file is
read as `procspec validate` reads it (`reading.documents`), so every file validate reads takes a
map. The result is read back before it is written: the other keys must load to the same data, the
new key to the intended map, and the file must stay within the size validate reads, or nothing is
written. The file is replaced atomically (`procspec.features.writing`).
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from procspec.problem import Severity
from procspec.reading.documents import MAX_FILE_BYTES, Document, decode, load_text, read_file

KEY = "processkarta"
BEFORE = ("granskad", "fastställd")
"""A new map goes before these keys, as in the template; else at the end of the document."""
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
"""A line with its break: YAML's line breaks only (the positions of `reading.documents` count
these), not U+2028 or the others that `str.splitlines` splits on."""
_BREAK = re.compile(r"\r\n|\r|\n")
_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t]|\r|\n|\Z)")
"""`...`, the end of the document: the map goes before it. A line beginning with it after the
last key is the marker; inside a value it could not stand at the start of a line."""


class FlowFileError(Exception):
    """The process file cannot take the map: a message key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _refuse_errors(doc: Document) -> None:
    """FlowFileError with the first error validate reports on `doc`, if it has one."""
    error = next((p for p in doc.problems if p.severity is Severity.ERROR), None)
    if error is not None:
        raise FlowFileError("flowfile.yaml", file=doc.rel, line=error.line, detail=error.message)


def read_text(path: Path, file: str) -> str:
    """The process file's text as it is, its own line breaks (CRLF, CR) and a byte order mark
    kept; FlowFileError when validate could not read it either (not UTF-8, not a regular file,
    unreadable)."""
    doc = Document(path, file)
    raw = read_file(path, doc)
    if raw is not None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            decode(raw, doc)  # PS004 at the first bad byte
    _refuse_errors(doc)
    raise AssertionError("read_file and decode report every failure")  # pragma: no cover


def _load(text: str, file: str) -> Document:
    """The file as validate reads it (its data a mapping), or FlowFileError with the first error
    validate reports."""
    doc = load_text(text, Document(Path(file), file))
    _refuse_errors(doc)
    return doc


def dump_block(data: dict[str, Any]) -> str:
    """`processkarta:` and the map as block YAML, indented as the examples are."""
    writer = YAML(typ="rt")
    writer.default_flow_style = False
    writer.allow_unicode = True
    writer.width = 4096
    writer.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    writer.dump({KEY: data}, stream)
    return stream.getvalue()


def has_flow_map(text: str, file: str) -> bool:
    """Whether the file already has a `processkarta` key (FlowFileError when it cannot be read)."""
    return KEY in _load(text, file).data


def splice(text: str, data: dict[str, Any], file: str) -> str:
    """`text` with its `processkarta` replaced by (or extended with) `data`, in the file's own
    line breaks; FlowFileError when the file cannot be read, or cannot take the map unchanged."""
    doc = _load(text, file)
    lines = _LINE.findall(text)
    starts = {key: doc.keys[(key,)].line - 1 for key in doc.data}
    last = max(starts.values(), default=0)
    stop = next(
        (i for i in range(last + 1, len(lines)) if _DOCUMENT_END.match(lines[i])), len(lines)
    )
    if KEY in starts:
        first = starts[KEY]
        following = sorted(line for line in starts.values() if line > first)
        end = following[0] if following else stop
        # Comments and blank lines just above the next key belong to that key.
        while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        head, tail = lines[:first], lines[end:]
    else:
        later = [starts[key] for key in BEFORE if key in starts]
        at = min(later) if later else stop
        # Comments just above `granskad` stay with it.
        while later and at > 0 and lines[at - 1].startswith("#"):
            at -= 1
        head, tail = lines[:at], lines[at:]
    found = _BREAK.search(text)
    newline = found.group() if found else "\n"
    if head and not _BREAK.search(head[-1]):
        head[-1] += newline
    block = dump_block(data).replace("\n", newline)
    new_text = "".join(head) + block + "".join(tail)
    size = len(new_text.encode("utf-8"))
    if size > MAX_FILE_BYTES:  # validate would refuse the whole file (PS004)
        raise FlowFileError(
            "flowfile.too_large", file=file, size=-(-size // 1024), limit=MAX_FILE_BYTES // 1024
        )
    _verify(doc.data, new_text, data, file)
    return new_text


def _plain(value: Any) -> Any:
    """`value` as validate reads it back: text in NFC."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _verify(before: dict[str, Any], new_text: str, data: dict[str, Any], file: str) -> None:
    try:
        after = _load(new_text, file)
    except FlowFileError as exc:  # pragma: no cover - a bug in splice, caught before writing
        raise FlowFileError("flowfile.verify", file=file) from exc
    others_before = {k: v for k, v in before.items() if k != KEY}
    others_after = {k: v for k, v in after.data.items() if k != KEY}
    if after.data.get(KEY) != _plain(data) or others_before != others_after:
        raise FlowFileError("flowfile.verify", file=file)
