"""Load YAML files into plain data with the position of every key and value.

The validate path uses ruamel.yaml's C-backed composer (`ruamel.yaml.clib`), which gives nodes with
marks at several times the speed of a round-trip parse. Nothing is ever constructed from a tag: the
walk below turns nodes into plain values itself, with YAML 1.2 core-schema rules (so `NO` stays text),
and refuses unknown tags, alias bombs and oversized files as PS004. Every failure becomes a `Problem`
here, at the boundary; nothing past this module sees a YAML exception.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procspec.messages import Message, Text, say
from procspec.problem import Pos, Problem, Severity, pos_from_mark
from procspec.reading.cachefolder import read_regular
from procspec.reading.root import ROSTER_FILE, SETTINGS_FILE

try:  # the C composer; a pure-Python fallback keeps procspec working without the extension
    from ruamel.yaml.cyaml import CBaseLoader as _Loader
except ImportError:  # pragma: no cover - exercised only where ruamel.yaml.clib is missing
    from ruamel.yaml.loader import BaseLoader as _Loader  # type: ignore[assignment]

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

_PLAIN_TAGS = {
    ScalarNode: Tag(suffix="tag:yaml.org,2002:str"),
    SequenceNode: Tag(suffix="tag:yaml.org,2002:seq"),
    MappingNode: Tag(suffix="tag:yaml.org,2002:map"),
}
"""The tags of untagged nodes, as shared objects: the walker tells them by identity."""


class _FastLoader(_Loader):
    """The composer without tag resolution: the base loader has no implicit or path resolvers,
    yet the composer asks it about every node (a third of the parse time). Plain scalars are
    resolved by the walker below; an explicit tag reaches the node as text and is checked there."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
        return _PLAIN_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_EMPTY = {SETTINGS_FILE: "load.empty_settings", ROSTER_FILE: "load.empty_roster"}
"""What an empty file should hold, said for the settings and the roster (any other file is a
process file: `load.empty`)."""

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A process file is a page of text; anything larger is refused (PS004) before parsing."""

MAX_NODES = 100_000
"""Expanded node budget per file when it uses aliases: they may share nodes, but the expansion
is bounded (PS004, an alias bomb)."""
MAX_VALUES = 1_000_000
"""Values in a file without aliases (bounded by its size anyway): PS004 says how many."""

SHARED_LENGTH = 40
"""Strings up to this long are shared across files (`sys.intern`)."""

MAX_DEPTH = 64
"""Nesting deeper than any real specification needs is refused (PS004)."""

YAML_TAG = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(
    YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}

_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_IGNORE = re.compile(
    r"^\s*#\s*procspec:\s*ignore\s+(?P<codes>[A-Za-z]{2}\d{3}(?:(?:\s*,\s*|\s+)[A-Za-z]{2}\d{3})*)"
    r"\s*(?:--\s*(?P<reason>.*?))?\s*$"
)
_IGNORE_LIKE = re.compile(r"^\s*#\s*procspec\b", re.IGNORECASE)
"""A comment that means to be an ignore; when it does not read as one, PS008 says so."""
_LINES = re.compile(r"\r\n|\r|\n")
"""YAML's line breaks (YAML 1.2, 5.4): not U+2028, U+2029, U+0085, vertical tab or form feed,
which `str.splitlines` would also split on."""
_BREAKLIKE = "\x85\u2028\u2029"
_STAND_INS = "\ufdd0\ufdd1\ufdd2"
"""libyaml reads NEL, LS and PS as line breaks (YAML 1.1), YAML 1.2 as text: they are swapped for
noncharacters of the same length before parsing, so positions after them stay right, and back in
every value and key."""
_TO_STAND_INS = str.maketrans(_BREAKLIKE, _STAND_INS)
_FROM_STAND_INS = str.maketrans(_STAND_INS, _BREAKLIKE)

KeyPath = tuple[str | int, ...]


def _int_digits() -> int:
    """The most digits of a decimal integer Python converts (`sys.set_int_max_str_digits`)."""
    return sys.get_int_max_str_digits() or sys.maxsize


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema; a decimal integer longer
    than Python converts raises ValueError."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text)
    if _OCT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    lowered = text.lower()
    if lowered in (".inf", "+.inf", "-.inf", ".nan"):
        return float(lowered.replace(".", ""))
    return text


@dataclass(frozen=True)
class Ignore:
    """A `# procspec: ignore PSnnn -- reason` comment line."""

    codes: tuple[str, ...]
    reason: str
    line: int


@dataclass
class Document:
    """One loaded YAML file: plain data plus where each key and value stands."""

    path: Path
    rel: str
    data: Any = None
    keys: dict[KeyPath, Pos] = field(default_factory=dict)
    values: dict[KeyPath, Pos] = field(default_factory=dict)
    ignores: list[Ignore] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file parsed into a mapping (schema problems may still follow)."""
        return isinstance(self.data, dict) and not any(
            p.code in ("PS001", "PS003", "PS004") for p in self.problems
        )

    def key_pos(self, path: KeyPath) -> Pos:
        """Where the key for `path` stands, or the nearest enclosing position."""
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Pos())

    def value_pos(self, path: KeyPath) -> Pos:
        """Where the value at `path` stands, or the nearest enclosing position."""
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), Pos())

    def wrong_value(self, path: KeyPath, message: Text, *, on_key: bool = False) -> Problem:
        """PS007 where the value at `path` stands (where its key does, with `on_key`): a value
        the file's schema takes that cannot be used."""
        pos = self.key_pos(path) if on_key else self.value_pos(path)
        return Problem(self.rel, pos.line, pos.column, "PS007", Severity.ERROR, message)

    def release(self) -> None:
        """Let go of what can be had again when asked for (nothing, here: see
        `filecache.StoredDocument`)."""


ProblemFactory = Callable[[str, Pos, str], Problem]


class _Walker:
    """Turns a composed node graph into plain data, recording positions and problems; without
    `positions`, the same data and problems and no positions (a problem's position is worked
    out when it is found), for a document whose positions are found again when asked for
    (`filecache.StoredDocument`): they are a third of a walk's work."""

    def __init__(self, doc: Document, *, positions: bool = True) -> None:
        self.doc = doc
        self.positions = positions
        self.budget = MAX_VALUES
        self.walked = 0
        self.seen: set[int] = set()
        self.expanded = 0
        """Nodes walked a second time: uses of an anchor through an alias."""
        self.restore = False
        """Whether values hold stand-ins for NEL, LS and PS (see `_STAND_INS`)."""
        self.exhausted = False
        self.top_key = Pos()

    def problem(self, code: str, pos: Pos, message: Message) -> None:
        self.doc.problems.append(
            Problem(self.doc.rel, pos.line, pos.column, code, Severity.ERROR, message)
        )

    def walk(self, node: Node, path: KeyPath, depth: int) -> Any:
        self.walked += 1
        if id(node) in self.seen:
            self.expanded += 1
        else:
            self.seen.add(id(node))
        if (self.expanded and self.walked > MAX_NODES) or self.walked > self.budget:
            if not self.exhausted:
                self.exhausted = True
                if self.expanded:
                    said = say("load.aliases")
                else:
                    said = say("load.too_many_values", max=f"{MAX_VALUES:,}".replace(",", " "))
                self.problem("PS004", self.top_key, said)
            return None
        positions = self.positions
        if positions:
            self.doc.values.setdefault(path, pos_from_mark(node.start_mark))
        if depth > MAX_DEPTH:
            if not self.exhausted:
                self.exhausted = True
                self.problem(
                    "PS004", pos_from_mark(node.start_mark), say("load.depth", max=MAX_DEPTH)
                )
            return None
        ctag = node.ctag
        tag = None if ctag is None or ctag is _PLAIN_TAGS.get(type(node)) else node.tag
        if tag is not None and tag not in SAFE_TAGS:
            self.problem(
                "PS004", pos_from_mark(node.start_mark), say("load.tag", tag=_short_tag(tag))
            )
            return None
        if isinstance(node, ScalarNode):
            text = node.value
            if self.restore:
                text = text.translate(_FROM_STAND_INS)
            if not text.isascii():
                text = unicodedata.normalize("NFC", text)
            if len(text) <= SHARED_LENGTH:  # person keys, dates, statuses, ids: shared
                text = sys.intern(text)
            if node.style in (None, ""):
                try:
                    return resolve_plain(text)
                except ValueError:  # an integer longer than Python converts (a guard against DoS)
                    digits = f"{_int_digits():,}".replace(",", " ")
                    at = pos_from_mark(node.start_mark)
                    self.problem("PS004", at, say("load.long_number", max=digits))
                    return None
            return text
        if isinstance(node, SequenceNode):
            if not positions:
                return [self.walk(item, path, depth + 1) for item in node.value]
            return [
                self.walk(item, _shared((*path, i)), depth + 1) for i, item in enumerate(node.value)
            ]
        if isinstance(node, MappingNode):
            return self.walk_mapping(node, path, depth)
        return None  # pragma: no cover - the composer builds only the three node kinds

    def walk_mapping(self, node: MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem("PS007", pos_from_mark(key_node.start_mark), say("load.key_not_text"))
                continue
            # Interned: the same few dozen keys recur in every file of a large repository.
            raw_key = key_node.value.translate(_FROM_STAND_INS) if self.restore else key_node.value
            key = sys.intern(unicodedata.normalize("NFC", raw_key))
            if key == "<<":
                self.problem("PS004", pos_from_mark(key_node.start_mark), say("load.merge"))
                continue
            if key in result:
                first = self._first_line(node, path, key)
                said = say("load.duplicate", key=key, line=first)
                self.problem("PS002", pos_from_mark(key_node.start_mark), said)
                continue
            if positions:
                child = _shared((*path, key))  # one tuple for the key's and the value's position
                key_pos = self.doc.keys[child] = pos_from_mark(key_node.start_mark)
                if not path:
                    self.top_key = key_pos
            else:
                child = path
                if not path:
                    self.top_key = pos_from_mark(key_node.start_mark)
            result[key] = self.walk(value_node, child, depth + 1)
        return result

    def _first_line(self, node: MappingNode, path: KeyPath, key: str) -> int:
        """The line of the first of two keys `key` in the mapping `node` at `path`."""
        if self.positions:
            return self.doc.keys[(*path, key)].line
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode):
                raw = key_node.value.translate(_FROM_STAND_INS) if self.restore else key_node.value
                if unicodedata.normalize("NFC", raw) == key:
                    return pos_from_mark(key_node.start_mark).line
        return 0  # pragma: no cover - the key was met in this mapping


_PATHS: dict[KeyPath, KeyPath] = {}
_PATHS_LIMIT = 200_000


def _shared(path: KeyPath) -> KeyPath:
    """One tuple per key path across all files: every file of a repository has the same few
    hundred paths, and 10,000 files would otherwise hold millions of equal tuples."""
    found = _PATHS.get(path)
    if found is None:
        if len(_PATHS) < _PATHS_LIMIT:
            _PATHS[path] = path
        return path
    return found


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag


def _line_col_of_offset(raw: bytes, offset: int) -> Pos:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return Pos(line, column)


def read_ignores(text: str, doc: Document) -> None:
    """Collect `# procspec: ignore` comment lines; one without a reason is PS008."""
    if "procspec" not in text.casefold():
        return
    for number, line in enumerate(_LINES.split(text), start=1):
        if "procspec" not in line.casefold():
            continue
        match = _IGNORE.match(line)
        if match is None:
            if _IGNORE_LIKE.match(line):
                doc.problems.append(
                    Problem(
                        doc.rel,
                        number,
                        line.index("#") + 1,
                        "PS008",
                        Severity.WARNING,
                        say("load.ignore_unreadable"),
                    )  # fmt: skip
                )
            continue
        codes = tuple(c.upper() for c in re.split(r"[\s,]+", match.group("codes").strip()))
        reason = (match.group("reason") or "").strip()
        doc.ignores.append(Ignore(codes, reason, number))
        if not reason:
            column = line.index("#") + 1
            doc.problems.append(
                Problem(
                    doc.rel,
                    number,
                    column,
                    "PS008",
                    Severity.WARNING,
                    say("load.ignore_reason", codes=", ".join(codes)),
                )
            )


def _flow_depth_exceeds(text: str, limit: int) -> bool:
    """Whether brackets nest deeper than `limit`: the C composer recurses per level, so a file of
    100,000 nested brackets would exhaust its stack. Checked before parsing; cheap when brackets
    are few."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}" and depth:
            depth -= 1
    return False


def _yaml_version(text: str) -> tuple[int, str] | None:
    """(line, version) of a `%YAML` directive that names another version than 1.2, or None.

    Directives stand before the document, after blank and comment lines only."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith("%"):
            return None
        parts = line.split()
        if parts[0] == "%YAML":
            version = parts[1] if len(parts) > 1 and not parts[1].startswith("#") else ""
            return None if version == "1.2" else (number, version)
    return None


def load_text(text: str, doc: Document, *, positions: bool = True) -> Document:
    """Parse YAML text into `doc` (data, positions, problems); without `positions`, the same
    data and problems, and no positions (`_Walker`)."""
    read_ignores(text, doc)
    if text[:1] == "%" or "\n%" in text[:4096]:
        found = _yaml_version(text)
        if found is not None:
            line, version = found
            message = say("load.yaml_version", version=version)
            doc.problems.append(_error(doc, Pos(line, 1), "PS004", message))
            return doc
    if _flow_depth_exceeds(text, MAX_DEPTH * 4):
        doc.problems.append(_error(doc, Pos(), "PS004", say("load.depth", max=MAX_DEPTH)))
        return doc
    restore = False
    if any(c in text for c in _BREAKLIKE) and not any(c in text for c in _STAND_INS):
        text, restore = text.translate(_TO_STAND_INS), True
    try:
        stream = io.StringIO(text)
        loader = _FastLoader(stream)
        try:
            node = loader.get_single_node()
        finally:
            dispose = getattr(loader, "dispose", None)
            if dispose is not None:
                dispose()
            # The loader refers to itself (its composer and resolver hold it): left to the
            # garbage collector, each would keep its file's text until a full collection.
            loader.__dict__.clear()
            stream.close()
    except MarkedYAMLError as exc:
        at = pos_from_mark(exc.problem_mark or exc.context_mark)
        conflict = _CONFLICT.search(text)
        if conflict is not None:  # a merge left both versions: say so, not what YAML saw
            at = Pos(text.count("\n", 0, conflict.start()) + 1, 1)
            message = say("load.conflict", marker=conflict.group())
        elif "expected a single document" in str(exc):
            message = say("load.multiple_documents")
        else:
            message = say("load.syntax", detail=_yaml_detail(exc))
        doc.problems.append(_error(doc, at, "PS001", message))
        return doc
    except (YAMLError, ValueError, RecursionError) as exc:
        detail = _yaml_detail(exc) if isinstance(exc, YAMLError) else type(exc).__name__
        doc.problems.append(
            _error(doc, _reader_pos(text, exc), "PS001", say("load.syntax", detail=detail))
        )
        return doc
    if node is None:
        doc.problems.append(_error(doc, Pos(), "PS003", say(_EMPTY.get(doc.rel, "load.empty"))))
        return doc
    walker = _Walker(doc, positions=positions)
    walker.restore = restore
    data = walker.walk(node, (), 0)
    if walker.exhausted:
        doc.data = None
        return doc
    if not isinstance(data, dict):
        doc.problems.append(
            _error(doc, pos_from_mark(node.start_mark), "PS003", say("load.not_mapping"))
        )
        return doc
    doc.data = data
    return doc


_CONFLICT = re.compile(r"^(?:<{7}|\|{7}|>{7})(?: [^\n]*)?$|^={7}$", re.MULTILINE)
"""A line git writes into a file whose merge it could not finish (`git merge`, `rebase`)."""

# libyaml's problem texts, said the way a process leader understands them (message keys).
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "load.hint.colon"),
    ("could not find expected ':'", "load.hint.missing_colon"),
    ("did not find expected key", "load.hint.indent"),
    ("did not find expected '-' indicator", "load.hint.list_indent"),
    ("did not find expected ',' or", "load.hint.flow"),
    ("did not find expected node content", "load.hint.flow"),
    ("found unexpected end of stream", "load.hint.end"),
    ("found undefined alias", "load.hint.alias"),
    ("found character that cannot start any token", "load.hint.token"),
    ("found a tab character", "load.hint.tab"),
    ("control characters are not allowed", "load.hint.control"),
    ("special characters are not allowed", "load.hint.control"),
    ("found duplicate anchor", "load.hint.anchor"),
    ("found unknown escape character", "load.hint.escape"),
    ("invalid Unicode character escape", "load.hint.escape"),
    ("did not find expected hexdecimal number", "load.hint.escape"),
    ("found incompatible YAML document", "load.hint.directive"),
    ("found duplicate %YAML directive", "load.hint.directive"),
    ("found duplicate %TAG directive", "load.hint.directive"),
    ("found unknown directive name", "load.hint.directive"),
    ("while scanning a directive", "load.hint.directive"),
    ("found undefined tag handle", "load.hint.directive"),
    ("while scanning an alias", "load.hint.anchor_name"),
    ("while scanning an anchor", "load.hint.anchor_name"),
    ("did not find expected <document start>", "load.hint.document_end"),
)


def _yaml_detail(exc: YAMLError) -> Message:
    text = str(exc)
    for needle, key in _SYNTAX_HINTS:
        if needle in text:
            return say(key)
    if isinstance(exc, MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        if parts:
            return say("load.hint.other", detail="; ".join(parts))
    return say("load.hint.other", detail=type(exc).__name__)


def _reader_pos(text: str, exc: Exception) -> Pos:
    """The position of a reader error ('position N' in its text), or the start of the file."""
    match = re.search(r"position (\d+)", str(exc))
    if match is None:
        return Pos()
    offset = int(match.group(1))
    before = text[:offset]
    return Pos(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _error(doc: Document, pos: Pos, code: str, message: Message) -> Problem:
    return Problem(doc.rel, pos.line, pos.column, code, Severity.ERROR, message)


def decode(raw: bytes, doc: Document) -> str | None:
    """Decode UTF-8 (a BOM is accepted), or record PS004 at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc.problems.append(
            _error(doc, _line_col_of_offset(raw, exc.start), "PS004", say("load.not_utf8"))
        )
        return None


def load_file(path: Path, rel: str) -> Document:
    """Load one YAML file; every failure is a problem on the returned document."""
    doc = Document(path=path, rel=rel)
    raw = read_file(path, doc)
    return doc if raw is None else load_bytes(raw, doc)


def read_file(path: Path | str, doc: Document) -> bytes | None:
    """A file's bytes (at most one more than `MAX_FILE_BYTES`), or None with PS004 on `doc`."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        doc.problems.append(
            _error(doc, Pos(), "PS004", say("load.unreadable", detail=exc.strerror or exc))
        )
        return None
    if raw is None:  # a named pipe, a device
        doc.problems.append(_error(doc, Pos(), "PS004", say("load.not_regular")))
    return raw


def load_bytes(raw: bytes, doc: Document, *, positions: bool = True) -> Document:
    """Load a file's bytes (from disk, or from a git object) into `doc` (`load_text`)."""
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(
            _error(doc, Pos(), "PS004", say("load.too_large", max=MAX_FILE_BYTES // 1024))
        )
        return doc
    text = decode(raw, doc)
    if text is None:
        return doc
    return load_text(text, doc, positions=positions)
