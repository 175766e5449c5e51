"""Write the `processkarta` key into a process file and nothing else (SPEC §6, `bpmn import`).

The file is changed as text: the lines of the key (or, when the file has none, a new block before
`granskad`/`fastställd` or at the end) are replaced by the new block, and every other byte — keys,
comments, blank lines, quoting — stays as it was. The result is read back before it is written:
the other keys must load to the same data and the new key to the intended map, or nothing is
written. The file is replaced atomically (`procspec.features.writing`).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

KEY = "processkarta"
BEFORE = ("granskad", "fastställd")
"""A new map goes before these keys, as in the template; else at the end of the file."""


class FlowFileError(Exception):
    """The process file cannot take the map: a message key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _load(text: str) -> Any:
    reader = YAML(typ="rt")  # round-trip: keeps the positions of the keys
    reader.allow_duplicate_keys = False
    return reader.load(text)


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


def has_flow_map(text: str) -> bool:
    """Whether the file already has a `processkarta` key."""
    try:
        document = _load(text)
    except YAMLError as exc:
        raise FlowFileError("flowfile.yaml", detail=str(exc).splitlines()[0]) from exc
    return isinstance(document, CommentedMap) and KEY in document


def _top_level(text: str) -> tuple[CommentedMap, list[str], dict[str, int]]:
    try:
        document = _load(text)
    except YAMLError as exc:
        raise FlowFileError("flowfile.yaml", detail=str(exc).splitlines()[0]) from exc
    if not isinstance(document, CommentedMap):
        raise FlowFileError("flowfile.not_mapping")
    lines = text.splitlines(keepends=True)
    starts = {str(key): document.lc.key(key)[0] for key in document}
    return document, lines, starts


def splice(text: str, data: dict[str, Any]) -> str:
    """`text` with its `processkarta` replaced by (or extended with) `data`."""
    document, lines, starts = _top_level(text)
    block = dump_block(data)
    if KEY in starts:
        first = starts[KEY]
        following = sorted(line for line in starts.values() if line > first)
        end = following[0] if following else len(lines)
        # Comments and blank lines just above the next key belong to that key.
        while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        head, tail = lines[:first], lines[end:]
    else:
        later = [starts[key] for key in BEFORE if key in starts]
        at = min(later) if later else len(lines)
        # Comments just above `granskad` stay with it.
        while later and at > 0 and lines[at - 1].startswith("#"):
            at -= 1
        head, tail = lines[:at], lines[at:]
        if head and not head[-1].endswith("\n"):
            head[-1] += "\n"
    if "\r\n" in text:
        block = block.replace("\n", "\r\n")
    new_text = "".join(head) + block + "".join(tail)
    _verify(document, new_text, data)
    return new_text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _verify(before: CommentedMap, new_text: str, data: dict[str, Any]) -> None:
    try:
        after = _load(new_text)
    except YAMLError as exc:  # pragma: no cover - a bug in splice, caught before writing
        raise FlowFileError("flowfile.verify") from exc
    if not isinstance(after, CommentedMap) or _plain(after.get(KEY)) != _plain(data):
        raise FlowFileError("flowfile.verify")
    others_before = {k: _plain(v) for k, v in before.items() if k != KEY}
    others_after = {k: _plain(v) for k, v in after.items() if k != KEY}
    if others_before != others_after:
        raise FlowFileError("flowfile.verify")
