"""Git as the revision trail: the history of every process file, and files at a revision.

Git runs as a child process (`subprocess`); GitPython is imported lazily and only to read file
contents at revisions (`git cat-file --batch`), so validating works where git is missing. It
returns the plain dataclasses of `procspec.git.revisions`.

How the history is read (SPEC §4, `history`):

- One `git log` over the repository, whatever the number of files: `--name-status -z -M`, read
  in topological order (a commit before its parents), decoded as one text and split in bulk;
  then each file's revisions sorted newest first by commit date, so a branch commit from
  February never sits above main's March commit after a merge. The history covers the
  processes folder, procspec.yaml and personer.yaml. When the procspec root is the top of the
  work tree, git is given no path at all and the scope is applied here: a path limit makes git
  diff every commit twice (once to limit the walk, once to print), which costs more than
  reading the other files' changes. Below the top of a larger work tree git limits the walk to
  the root's folder, so the rest of that repository's history costs nothing. With `-m` git
  walks every parent of a merge either way (no history simplification).
- Renames and moves are followed for the whole tree at once: walking from the tip towards the
  root, every commit carries a map from the paths at that commit to the paths at the tip, and a
  rename seen in a commit changes the map for its parents. A file moved into the scope from
  outside it starts its history there, as with a path-limited `git log`.
- Dates are committer dates: when the change entered the branch. A squash- or rebase-merged pull
  request gets the date it was merged, not the day the author first wrote it.
- A merge commit is listed for a file only when the merge itself changed the file compared with
  every parent (a conflict resolution, or both sides changed the file); otherwise the commits on
  the merged branches are listed with their own authors, as `git log --follow` does. Merges are
  diffed against each parent (`-m`) to follow renames made on one side of the merge. git prints
  no diff against a parent whose tree is the merge's (a merge of a branch that could have been
  fast-forwarded): the tree of every commit tells which parent each diff belongs to.
- Uncommitted changes (modified, staged, added or untracked files) lead the list as a revision
  with an empty sha and the message "ej incheckad". A file moved without `git mv` keeps its history
  when the new file has the same name (the process id) as the deleted one.
- A shallow clone says so (`History.shallow`) and does what it can: a commit at its boundary
  (grafted: its parents were not fetched) is diffed against the empty tree (`--root` treats it as a
  root), so it lists every file in its tree and becomes the oldest known revision of each of them
  (`History.boundary` names these commits: they show what a file was, not that it changed then).
- Outside a git repository, without git, or when git refuses the repository ("dubious
  ownership"), the history is unavailable and `History.reason` says how to fix it.

The committed part of the history depends only on the commit it is read from, where the root
lies in the work tree, the processes folder and a shallow clone's boundary; `HistoryStore` lets
the caller keep it (`procspec.features.historycache`), so a later run at the same commit reads
no `git log` at all. Uncommitted changes are asked of git on every run (one `git status`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import subprocess
import tempfile
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, NamedTuple, Protocol

import msgspec

from procspec.collection import no_collection
from procspec.errors import UsageError
from procspec.git.revisions import History, MainlineCommit, Revision
from procspec.messages import Message, say, visible

RECORD = "\x1e"
"""Starts each commit header in the log output; it cannot begin a status letter."""

FORMAT = RECORD + "%H%x00%P%x00%T%x00%cI%x00%an%x00%ae%x00%B"
"""sha, parents (rewritten to the commits shown), tree, committer date, author, e-mail, message."""

YAML = (".yaml", ".yml")

_ENV = {
    "LC_ALL": "C",
    "LANGUAGE": "C",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",
}
"""English messages (matched below), no index refresh written by status (read-only checkouts),
and the history as it was committed: `git replace` refs are local to a clone (not fetched by
default), so the same commit would have another history in CI, and no cache key could see them."""

_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
"""A commit's full name (SHA-1 or SHA-256)."""


_CONFIG = ("-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "diff.relative=false")
"""User settings that would change the output parsed here are switched off for each call."""


class GitUnavailable(Exception):
    """git cannot be used here; `reason` says why and how to fix it."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.key)
        self.reason = reason


class NotAtRevision(UsageError):
    """The revision exists but holds no procspec.yaml at the root's place (exit 2)."""


@dataclass(frozen=True)
class Location:
    """Where a procspec root lies in a git work tree."""

    toplevel: Path
    prefix: str
    """The root's path inside the work tree, '' or ending in '/'."""
    shallow: bool


def work_tree_top(root: Path) -> Path | None:
    """The top of the git work tree holding `root` (the nearest folder with a `.git` folder or
    file, resolved), or None outside git. It runs no git, so the validate hot path stays cheap."""
    root = root.resolve()
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def _decode(raw: bytes) -> str:
    return _nfc(raw.decode("utf-8", errors="replace"))


class _Git:
    """Runs git in the root and turns failures into reasons; output is bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, **_ENV}
        self._cmd: Any = None

    @property
    def cmd(self) -> Any:
        """GitPython's `Git`, for its `cat-file --batch` reader (imported on first use)."""
        if self._cmd is None:
            os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
            try:
                import git
            except ImportError as exc:  # GitPython missing, or no git executable at import
                raise GitUnavailable(say("git.missing")) from exc
            self._cmd = git.Git(str(self.root))
            self._cmd.update_environment(**_ENV)
        return self._cmd

    def start(
        self,
        *args: str,
        stdout: IO[bytes] | int = subprocess.PIPE,
        stderr: IO[bytes] | int = subprocess.PIPE,
        stdin: int = subprocess.DEVNULL,
    ) -> subprocess.Popen[bytes]:
        """Start one git command; its output is read by the caller."""
        try:
            return subprocess.Popen(  # noqa: S603 - fixed arguments
                ["git", *_CONFIG, *args],  # noqa: S607 - git from PATH
                cwd=self.root,
                env=self.env,
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
            )
        except OSError as exc:  # no git executable, or the root is gone
            raise GitUnavailable(say("git.missing")) from exc

    def run(self, *args: str, check: bool = True) -> bytes | None:
        """Run one git command; None when it fails and `check` is off."""
        process = self.start(*args)
        out, err = process.communicate()
        return self.finish(process.returncode, out, err, check)

    def finish(self, code: int, out: bytes, err: bytes, check: bool = True) -> bytes | None:
        if code == 0:
            return out
        if not check:
            return None
        raise GitUnavailable(self.explain(err.decode("utf-8", "replace")))

    def explain(self, stderr: str) -> Message:
        if "dubious ownership" in stderr or "safe.directory" in stderr:
            return say("git.dubious", path=self._dubious_path(stderr))
        if "not a git repository" in stderr:
            return say("git.not_repo", root=self.root)
        detail = " ".join(stderr.split()).strip(" '") or "git"
        return say("git.failed", detail=detail)

    def _dubious_path(self, stderr: str) -> str:
        marker = "repository at '"
        if marker in stderr:
            return stderr.split(marker, 1)[1].split("'", 1)[0]
        return str(self.root)

    def locate(self) -> Location:
        out = self.run("rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository")
        lines = _decode(out or b"").split("\n")
        if len(lines) < 3 or not lines[0]:
            raise GitUnavailable(say("git.not_repo", root=self.root))
        return Location(Path(lines[0]), lines[1], lines[2].strip() == "true")

    def head(self) -> str | None:
        out = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return out.decode().strip() if out else None


def _folder(processes: str) -> str:
    """The processes folder as a clean relative path ('.' for the root itself)."""
    return PurePosixPath(processes.replace("\\", "/")).as_posix().strip("/") or "."


def _pathspecs(processes: str) -> list[str]:
    """What the history covers, relative to the root (git runs in it)."""
    return [":(literal)" + p for p in (_folder(processes), "procspec.yaml", "personer.yaml")]


@dataclass(frozen=True)
class _Scope:
    """The work-tree paths the history covers: the processes folder, procspec.yaml and
    personer.yaml below the root's prefix."""

    files: frozenset[str]
    folder: str
    """Work-tree prefix of the processes folder, ending in '/'."""

    @classmethod
    def of(cls, prefix: str, processes: str) -> _Scope:
        folder = _folder(processes)
        below = prefix if folder == "." else f"{prefix}{folder}/"
        return cls(frozenset({prefix + "procspec.yaml", prefix + "personer.yaml"}), below)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and (path.startswith(self.folder) or path in self.files)


def _tokens(raw: bytes) -> Iterator[str]:
    for token in raw.split(b"\0"):
        yield _decode(token)


Change = tuple[str, str, str | None]
"""(status letter, path at the commit, old path for a rename or copy)."""


@dataclass(slots=True)
class _Commit:
    sha: str
    parents: list[str]
    tree: str
    date: str
    """The committer date as git printed it (ISO 8601); parsed only for the commits kept."""
    author: str
    email: str
    message: str
    blocks: list[list[Change]] = field(default_factory=list)
    """Changes in scope per diff shown: one for an ordinary commit; a merge (`-m`) has one per
    parent it differs from at all (git prints nothing for a parent with the same tree)."""

    def said(self) -> tuple[str, str, str]:
        """Author, e-mail and message as procspec passes them on: the message capped, all three
        with hidden characters made visible (`_shown`)."""
        return _shown(self.author), _shown(self.email), _shown(_capped(self.message.rstrip("\n")))


def _changes(tokens: list[str], scope: _Scope | None) -> list[Change]:
    """The changes in a record's name-status tokens that lie in `scope` (all when None). A
    rename across the scope's edge is an addition or a deletion, as git sees it with paths."""
    found: list[Change] = []
    i, n = 0, len(tokens)
    while i < n:
        status = tokens[i].lstrip("\n")
        i += 1
        if not status:
            continue
        letter = status[0]
        if letter in "RC":
            if i + 1 >= n:
                break
            old, new = tokens[i], tokens[i + 1]
            i += 2
            if scope is None or (new in scope and old in scope):
                found.append((letter, new, old))
            elif new in scope:
                found.append(("A", new, None))
            elif old in scope and letter == "R":
                found.append(("D", old, None))
        else:
            if i >= n:
                break
            path = tokens[i]
            i += 1
            if scope is None or path in scope:
                found.append((letter, path, None))
    return found


_HEX = "0123456789abcdef"


def _header(fields: list[str]) -> bool:
    """Whether split fields start like a commit header (a sha, then parents, tree, an ISO date):
    a file name or a message that begins with the record mark does not."""
    sha, date = fields[0], fields[3]
    return (
        len(sha) in (40, 64)
        and not sha.strip(_HEX)
        and len(date) >= 20
        and date[4] == "-"
        and date[10] == "T"
    )


def _parse_log(raw: bytes, scope: _Scope | None = None) -> list[_Commit]:
    """Commits from `git log [-m --name-status] -z --format=FORMAT`, a merge's blocks joined,
    keeping the changes in `scope`.

    The output is decoded as one text and split at every record mark: NUL composes with nothing,
    so normalising it whole equals doing it per token, at a fraction of the cost for 20,000
    commits. A file name or a commit message may itself begin with the record mark; then the
    output is read again token by token (`_parse_tokens`), where a name is where a name must be.
    """
    text = _decode(raw)
    commits: list[_Commit] = []
    current: _Commit | None = None
    folder, files = (scope.folder, scope.files) if scope is not None else ("", frozenset())
    for record in text.split("\0" + RECORD):
        if not record:
            continue
        fields = record.split("\0")
        count = len(fields)
        fields[0] = fields[0].lstrip(RECORD)
        if count < 7 or not _header(fields):
            return _parse_tokens(text, scope)
        block: list[Change]
        if count == 9 and len(fields[7]) == 2 and fields[7][1] not in "RC":
            # The common case, one file changed: no call per commit.
            path = fields[8]
            if scope is None or path.startswith(folder) or path in files:
                block = [(fields[7][1], path, None)]
            else:
                block = []
        elif count > 7:
            block = _changes(fields[7:], scope)
        else:
            block = []
        sha = fields[0]
        if current is not None and current.sha == sha:
            current.blocks.append(block)  # the same merge, against the next parent it differs from
            continue
        current = _Commit(
            sha, fields[1].split(), fields[2], fields[3], fields[4], fields[5], fields[6], [block]
        )
        commits.append(current)
    return commits


def _parse_tokens(text: str, scope: _Scope | None) -> list[_Commit]:
    """`_parse_log` token by token: a header where a status letter could be, names where names
    must be. A commit whose date cannot be read is left out."""
    tokens = text.split("\0")
    commits: list[_Commit] = []
    current: _Commit | None = None
    raw: list[str] = []
    i, n = 0, len(tokens)

    def close() -> None:
        if current is not None:
            current.blocks.append(_changes(raw, scope))

    while i < n:
        token = tokens[i].lstrip("\n")
        if token.startswith(RECORD):
            header = [token[1:], *tokens[i + 1 : i + 7]]
            i += 7
            if len(header) < 7:
                break
            close()
            raw = []
            if current is not None and current.sha == header[0]:
                continue  # the same merge, against the next parent it differs from
            sha, parents, tree, date, author, email, message = header
            current = _Commit(sha, parents.split(), tree, date, author, email, message, [])
            try:
                datetime.fromisoformat(current.date)
            except ValueError:
                continue
            commits.append(current)
            continue
        i += 1
        if not token or current is None:
            continue
        take = 2 if token[0] in "RC" else 1
        raw += [token, *tokens[i : i + take]]
        i += take
    close()
    return commits


MAX_MESSAGE = 2000
"""The most of a commit message that is kept: a message is shown on every page of its file, and
a crafted 2 MB message must not be copied into each of them."""


def _capped(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1].rstrip() + "…"


def _shown(text: str) -> str:
    """An author, e-mail or message as procspec passes it on: control, zero-width and
    direction characters written as `<U+XXXX>` (`messages.visible`). It reaches terminals, which
    an escape sequence would steer, and pages and feeds, where XML allows no control character."""
    return text if text.isprintable() else visible(text)


def _shallow_boundary(g: _Git) -> set[str]:
    """The commits whose parents a shallow clone does not have."""
    out = g.run("rev-parse", "--git-path", "shallow", check=False)
    if not out:
        return set()
    path = Path(_decode(out).strip())
    if not path.is_absolute():
        path = g.root / path
    try:
        return set(path.read_text(encoding="ascii").split())
    except OSError:
        return set()


PathMap = dict[str, str | None]
"""Paths at a commit that differ from their path at the tip; None: no file at the tip descends
from it."""


def _current(mapping: PathMap, path: str) -> str | None:
    return mapping.get(path, path)


def _after_renames(mapping: PathMap, diff: Sequence[Change]) -> PathMap:
    """The map for a parent: a rename old → new in the commit means the parent's old path is the
    current path of new, and the parent's new path (if any) belonged to another file."""
    renames = [(old, new) for status, new, old in diff if status == "R" and old is not None]
    if not renames:
        return mapping
    updated = dict(mapping)
    targets = {old: _current(mapping, new) for old, new in renames}
    for _, new in renames:
        updated[new] = None
    updated.update(targets)
    return updated


def _under(prefix: str, path: str) -> str | None:
    """A work-tree path relative to the procspec root, or None outside it."""
    if not prefix:
        return path
    return path[len(prefix) :] if path.startswith(prefix) else None


def _per_parent(commit: _Commit, trees: dict[str, str]) -> list[list[Change]]:
    """A merge's changes against each of its parents, in the parents' order. git prints no
    diff against a parent with the merge's own tree, so the blocks shown belong to the other
    parents, in order."""
    parents = commit.parents
    if len(commit.blocks) >= len(parents):
        return commit.blocks[: len(parents)]
    differing = [n for n, p in enumerate(parents) if trees.get(p) != commit.tree]
    blocks = commit.blocks if len(commit.blocks) == len(differing) else []
    aligned: list[list[Change]] = [[] for _ in parents]
    if blocks:
        for n, block in zip(differing, blocks, strict=True):
            aligned[n] = block
    else:  # which parent a block belongs to is not known: in order, as git printed them
        for n, block in enumerate(commit.blocks):
            aligned[n] = block
    return aligned


class Committed(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """The committed part of a history, as it is also kept between runs: every commit once, and
    the files' revisions as indexes into them."""

    commits: list[tuple[str, str, str, str, str]]
    """sha, committer date (ISO 8601), author, e-mail, message."""
    files: dict[str, list[tuple[int, str]]]
    """A file's work-tree path at the tip → (commit, path relative to the root at the commit),
    newest first."""
    line: list[tuple[int, bool]] | None
    """The tip's first-parent line as (commit, whether a merge); None when the log could not
    tell it (a path limit rewrites parents): then git is asked when a rule needs it."""


def _walk(commits: list[_Commit], prefix: str, tip: str, whole: bool) -> Committed:
    """Attribute every commit to the tip's paths of the files it changed (work-tree paths), in
    topological order. `whole`: git was given no path, so the parents are the real ones and the
    tip's first-parent line can be told from the same commits."""
    table: list[tuple[str, str, str, str, str]] = []
    numbers: dict[str, int] = {}
    files: dict[str, list[tuple[int, str]]] = {}
    pending: dict[str, PathMap] = {}
    trees = {c.sha: c.tree for c in commits}
    for index, commit in enumerate(commits):
        mapping = pending.pop(commit.sha, {}) if index else {}
        parents = commit.parents
        follow: list[tuple[str, list[Change]]]
        if len(parents) <= 1:
            diff = commit.blocks[0] if commit.blocks else []
            touched = [path for _, path, _ in diff]
            follow = [(parents[0], diff)] if parents else []
        else:
            diffs = _per_parent(commit, trees)
            # A merge changed only the files that differ from every parent.
            common = set.intersection(*({path for _, path, _ in d} for d in diffs))
            touched = [path for _, path, _ in diffs[0] if path in common]
            follow = list(zip(parents, diffs, strict=True))
        # A boundary commit is shown as a root (`--root`): its diff lists every file in it.
        number = -1
        for path in touched:
            current = mapping.get(path, path)
            at = _under(prefix, path)
            if current is None or at is None:
                continue
            if number < 0:
                number = len(table)
                table.append((commit.sha, commit.date, *commit.said()))
                numbers[commit.sha] = number
            revisions = files.get(current)
            if revisions is None:
                files[current] = [(number, at)]
            elif revisions[-1][0] != number:
                revisions.append((number, at))
        for parent, diff in follow:
            if parent not in pending:
                pending[parent] = _after_renames(mapping, diff) if diff else mapping
    line: list[tuple[int, bool]] | None = None
    if whole:
        line = []
        by_sha = {c.sha: c for c in commits}
        sha: str | None = tip
        while sha is not None and sha in by_sha:
            commit = by_sha.pop(sha)
            known = numbers.get(sha)
            if known is None:
                known = numbers[sha] = len(table)
                table.append((sha, commit.date, "", "", ""))
            line.append((known, len(commit.parents) > 1))
            sha = commit.parents[0] if commit.parents else None
    committed = Committed(table, files, line)
    dates = _dates(committed)
    for revisions in files.values():
        # Newest first by commit date (SPEC §4), whatever the graph: the walk needs the
        # topological order, a reader and the rules need time (a stable sort keeps it for
        # commits made in the same second).
        revisions.sort(key=lambda entry: dates[entry[0]], reverse=True)
    return committed


def _dates(committed: Committed) -> list[datetime]:
    """The commits' dates; ValueError for one that is not an ISO 8601 date with an offset."""
    dates = [datetime.fromisoformat(c[1]) for c in committed.commits]
    if any(d.tzinfo is None for d in dates):
        raise ValueError("a date without an offset")
    return dates


@dataclass(frozen=True)
class _Status:
    changed: list[str]
    """Current paths with uncommitted changes (work-tree paths)."""
    renames: list[Change]
    """Moves between HEAD and the work tree, as ("R", new, old)."""


def _read_status(raw: bytes, scope: _Scope) -> _Status:
    """Uncommitted changes in `scope` from `git status --porcelain=v1 -z`; paths relative to
    the top. A file moved into the scope is a new file; one moved out of it, a deleted one."""
    tokens = list(_tokens(raw))
    changed: list[str] = []
    renames: list[Change] = []
    deleted: dict[str, str] = {}
    untracked: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if len(token) < 4:
            continue
        code, path = token[:2], token[3:]
        if "R" in code or "C" in code:
            old = tokens[i] if i < len(tokens) else path
            i += 1
            if path in scope and old in scope:
                renames.append(("R", path, old))
            if path in scope:
                changed.append(path)
        elif path not in scope:
            continue
        elif code == "??":
            untracked[PurePosixPath(path).name] = path
            changed.append(path)
        elif "D" in code:
            deleted[PurePosixPath(path).name] = path
        else:
            changed.append(path)
    # A file moved without `git mv` is a deletion and an untracked file; the file name is the
    # process id, so the same name means the same process.
    for name, old in deleted.items():
        if name in untracked:
            renames.append(("R", untracked[name], old))
    return _Status(changed, renames)


def _identity(g: _Git) -> tuple[str, str]:
    """Who would commit the uncommitted changes (empty when git has no identity configured)."""
    out = g.run("var", "GIT_AUTHOR_IDENT", check=False)
    text = _decode(out or b"").strip()
    if "<" not in text:
        return "", ""
    name, rest = text.split("<", 1)
    return _shown(name.strip()), _shown(rest.split(">", 1)[0].strip())


class HistoryStore(Protocol):
    """Where the committed part of a history is kept between runs (untrusted: what `load`
    returns is checked before use)."""

    def load(self) -> bytes | None: ...

    def save(self, data: bytes) -> None: ...


def _log_args(tip: str, prefix: str) -> list[str]:
    args = [
        "log", "--topo-order", "--parents", "--root", "-m", "--name-status", "-z", "-M",
        "--no-color", "--encoding=UTF-8", f"--format={FORMAT}", tip, "--",
    ]  # fmt: skip
    if prefix:  # below the top of a larger work tree: git walks the root's folder only
        args.append(":(top,literal)" + prefix.rstrip("/"))
    return args


_KEY_VERSION = 2
"""Bumped when the stored committed history changes its layout or meaning."""

MAX_STORED_BYTES = 256 * 1024 * 1024
"""The most of a stored history that is decoded (the store caps what it reads too)."""


def _folder_key(key_base: str, processes: str) -> str:
    folder = hashlib.blake2b(_folder(processes).encode("utf-8", "surrogateescape"), digest_size=16)
    return key_base + folder.hexdigest()


def encode_committed(committed: Committed, key: str) -> bytes:
    """The committed history as bytes to keep: `key` (ASCII) then MessagePack."""
    return key.encode("ascii") + msgspec.msgpack.encode(committed)


def decode_committed(data: bytes, key: str) -> tuple[Committed, list[datetime]] | None:
    """What `encode_committed` kept under `key`, with the commits' dates; None when it was kept
    under another key or cannot be read (the store is untrusted: a wrong entry misses, never
    fails the run)."""
    head = key.encode("ascii")
    if not data.startswith(head) or len(data) > MAX_STORED_BYTES:
        return None
    try:
        committed = msgspec.msgpack.decode(memoryview(data)[len(head) :], type=Committed)
        dates = _dates(committed)
    except (msgspec.MsgspecError, ValueError):
        return None
    count = len(committed.commits)
    for entries in committed.files.values():
        for number, _ in entries:
            if not 0 <= number < count:
                return None
    if committed.line is not None and not all(0 <= n < count for n, _ in committed.line):
        return None
    return committed, dates


def _materialise(
    committed: Committed, dates: list[datetime], start: PathMap, prefix: str
) -> dict[str, list[Revision]]:
    """Revisions keyed by the files' current paths relative to the root: the tip's paths moved
    as the uncommitted renames in `start` say."""
    table = committed.commits
    files: dict[str, list[Revision]] = {}
    for path, entries in committed.files.items():
        current = _current(start, path) if start else path
        key = _under(prefix, current) if current is not None else None
        if key is None:
            continue
        revisions = files[key] = []
        for number, at in entries:
            sha, _, author, email, message = table[number]
            revisions.append(Revision(sha, dates[number], author, email, message, at))
    return files


class HistoryRead:
    """A history being read: git started, its output read when the history is asked for
    (`result`), so git works while the caller does something else (validate loads the files).
    `cancel` stops git when the history is not needed after all."""

    def __init__(self, root: Path, rev: str | None, store: HistoryStore | None) -> None:
        self.root = root
        self.rev = rev
        self.store = store
        self.failure: GitUnavailable | None = None
        self._log: subprocess.Popen[bytes] | None = None
        self._files: list[IO[bytes]] = []
        self._status: subprocess.Popen[bytes] | None = None
        self._stored: bytes | None = None
        self.tip: str | None = None
        try:
            self.g = _Git(root)
            self.where = self.g.locate()
            if rev is None:
                self._status = self.g.start(
                    "status", "--porcelain=v1", "-z", "--untracked-files=all", "--",
                    *_pathspecs("."),
                )  # fmt: skip
            self.tip = self.g.head() if rev is None else _resolve(self.g, rev)
            self.boundary = (
                frozenset(_shallow_boundary(self.g)) if self.where.shallow else frozenset()
            )
            if self.tip is not None:
                stored = store.load() if store is not None else None
                if stored is not None and stored.startswith(self._key_base().encode()):
                    self._stored = stored
                else:
                    self._start_log()
        except GitUnavailable as exc:
            self.failure = exc
            self.cancel()

    def _key_base(self) -> str:
        """What the committed history depends on besides the processes folder."""
        from procspec import __version__

        h = hashlib.blake2b(digest_size=16)
        h.update(f"{_KEY_VERSION}\0{__version__}\0{self.tip}\0{self.where.prefix}\0".encode())
        h.update("\0".join(sorted(self.boundary)).encode())
        return h.hexdigest()

    def _start_log(self) -> None:
        """Start `git log` writing into an unnamed temporary file: through a pipe that nobody
        reads while the files load, git would stop after the pipe's 64 kB."""
        if self._log is None and self.tip is not None:
            self._files = [tempfile.TemporaryFile() for _ in range(2)]  # noqa: SIM115 - closed below
            out, err = self._files
            self._log = self.g.start(
                *_log_args(self.tip, self.where.prefix), stdout=out, stderr=err
            )

    def _read_log(self) -> bytes:
        assert self._log is not None
        code = self._log.wait()
        out_file, err_file = self._files
        try:
            out_file.seek(0)
            out = out_file.read()
            err_file.seek(0)
            err = err_file.read(64 * 1024)
        finally:
            self._close_files()
        self._log = None
        return self.g.finish(code, out, err) or b""

    def _close_files(self) -> None:
        for handle in self._files:
            handle.close()
        self._files = []

    def _committed(self, processes: str) -> tuple[Committed, list[datetime]]:
        assert self.tip is not None
        prefix = self.where.prefix
        key = _folder_key(self._key_base(), processes)
        if self._stored is not None:
            with no_collection():
                found = decode_committed(self._stored, key)
            self._stored = None
            if found is not None:
                return found
        self._start_log()
        raw = self._read_log()
        scope = _Scope.of(prefix, processes)
        with no_collection():
            try:
                committed = _walk(_parse_log(raw, scope), prefix, self.tip, not prefix)
            except ValueError:  # a date that cannot be read: token by token, without it
                commits = _parse_tokens(_decode(raw), scope)
                committed = _walk(commits, prefix, self.tip, not prefix)
        if self.store is not None:
            with contextlib.suppress(Exception):  # a cache never fails a run
                self.store.save(encode_committed(committed, key))
        return committed, _dates(committed)

    def _uncommitted(self, scope: _Scope) -> _Status:
        if self._status is None:
            return _Status([], [])
        out, err = self._status.communicate()
        code = self._status.returncode
        self._status = None
        return _read_status(self.g.finish(code, out, err) or b"", scope)

    def presence(self) -> History:
        """Whether there is a history and how complete, without reading it (PS602 alone)."""
        self.cancel()
        if self.failure is not None:
            return History(available=False, reason=self.failure.reason)
        return History(available=True, shallow=self.where.shallow, boundary=self.boundary)

    def result(self, processes: str = "processer") -> History:
        """The history of the files in the processes folder, procspec.yaml and personer.yaml."""
        if self.failure is not None:
            return History(available=False, reason=self.failure.reason)
        folder = _folder(processes)
        if folder != "." and os.path.lexists(self.root / folder / ".git"):
            self.cancel()  # a submodule: this repository knows only which commit it points at
            return History(available=False, reason=say("git.own_repository", path=folder))
        scope = _Scope.of(self.where.prefix, processes)
        try:
            status = self._uncommitted(scope)
            committed, dates = (
                self._committed(processes) if self.tip is not None else (Committed([], {}, []), [])
            )
        except GitUnavailable as exc:
            self.cancel()
            return History(available=False, reason=exc.reason)
        prefix, root, tip = self.where.prefix, self.root, self.tip
        start = _after_renames({}, status.renames)
        with no_collection():
            files = _materialise(committed, dates, start, prefix)
        if status.changed:
            author, email = _identity(self.g)
            now = datetime.now().astimezone()
            for path in status.changed:
                rel = _under(prefix, path)
                if rel is not None:
                    files.setdefault(rel, []).insert(0, Revision("", now, author, email, "", rel))
        return History(
            files=files,
            available=True,
            shallow=self.where.shallow,
            boundary=self.boundary,
            reader=functools.partial(read_blobs, root),
            tip=tip,
            first_parents=(
                functools.partial(_line, committed, dates) if committed.line is not None
                else functools.partial(mainline, root, tip) if tip else None
            ),
            brought=functools.partial(mainline_changes, root, tip) if tip else None,
        )  # fmt: skip

    def cancel(self) -> None:
        """Stop git if it still runs (the history is not needed)."""
        for process in (self._log, self._status):
            if process is not None and process.poll() is None:
                process.kill()
            if process is not None:
                with contextlib.suppress(OSError, ValueError):
                    process.communicate()
        self._close_files()
        self._log = self._status = None


def _line(committed: Committed, dates: list[datetime]) -> list[MainlineCommit]:
    """The first-parent line read with the history, made when a rule asks for it (PS603)."""
    commits = committed.commits
    return [MainlineCommit(commits[n][0], dates[n], merge) for n, merge in committed.line or ()]


def start_history(
    root: Path, rev: str | None = None, store: HistoryStore | None = None
) -> HistoryRead:
    """Start reading the history of the procspec root (see `HistoryRead`)."""
    return HistoryRead(root, rev, store)


def read_history(
    root: Path,
    rev: str | None = None,
    processes: str = "processer",
    store: HistoryStore | None = None,
) -> History:
    """The revisions of every file under the procspec root, keyed by its current path relative to
    the root, newest first; one `git log` pass (see the module docstring). `processes` is the
    processes folder (the `processer` setting): the history covers it, procspec.yaml and
    personer.yaml. The history reads earlier versions of files through `History.versions`.

    With `rev` (for `render --rev`), the history as it was at that revision, keyed by the paths
    at it, without uncommitted changes; an unknown revision is a usage error (exit 2). With
    `store`, the committed part is read from it when it was kept for the same commit, and kept
    in it otherwise.
    """
    return start_history(root, rev, store).result(processes)


def _repo_for_rev(root: Path, need: str = "git.no_rev_repo") -> tuple[_Git, Location]:
    """git at `root`; outside a git repository, a usage error with the message `need`."""
    try:
        g = _Git(root)
        return g, g.locate()
    except GitUnavailable as exc:
        raise UsageError(say(need, reason=exc.reason)) from None


def resolve(root: Path, rev: str) -> str:
    """The commit sha a revision names; an unknown revision is a usage error (exit 2)."""
    g, _ = _repo_for_rev(root)
    return _resolve(g, rev)


def _resolve(g: _Git, rev: str) -> str:
    if not rev or rev.startswith("-"):
        raise UsageError(say("git.unknown_rev", rev=rev))
    out = g.run(
        "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False
    )
    sha = _decode(out or b"").strip()
    if not _SHA.fullmatch(sha):  # nothing, or not one commit ("^HEAD" answers "^<sha>")
        raise UsageError(say("git.unknown_rev", rev=rev))
    return sha


class Tree(NamedTuple):
    """The procspec root as it was at a revision: its YAML files' bytes, keyed by their paths
    relative to the root, and the submodules below it (their files are not in the tree)."""

    files: dict[str, bytes]
    submodules: list[str]

    def submodule_in(self, processes: str) -> str | None:
        """The first submodule at or below the processes folder (the `processer` setting)."""
        folder = _folder(processes)
        for link in self.submodules:
            if folder == "." or link == folder or link.startswith(folder + "/"):
                return link
        return None


def files_at(root: Path, rev: str) -> Tree:
    """Every YAML file below the procspec root as it was at `rev`, read from git objects (one
    `ls-tree`, one `cat-file --batch` process; no checkout)."""
    g, where = _repo_for_rev(root)
    sha = _resolve(g, rev)
    try:
        out = g.run("ls-tree", "-r", "-z", "--full-tree", sha)
    except GitUnavailable as exc:
        raise UsageError(say("git.unreadable_rev", rev=rev, reason=exc.reason)) from None
    blobs: dict[str, str] = {}
    submodules: list[str] = []
    for entry in (out or b"").split(b"\0"):
        if b"\t" not in entry:
            continue
        meta, raw_path = entry.split(b"\t", 1)
        mode, kind, obj = meta.decode().split()
        rel = _under(where.prefix, _decode(raw_path))
        if rel is None:
            continue
        if kind == "commit":
            submodules.append(rel)
        elif kind == "blob" and mode != "120000" and rel.endswith(YAML):
            blobs[rel] = obj
    if "procspec.yaml" not in blobs:
        raise NotAtRevision(say("git.no_settings_at_rev", rev=rev, path="procspec.yaml"))
    files: dict[str, bytes] = {}
    try:
        for rel, obj in blobs.items():
            files[rel] = g.cmd.get_object_data(obj)[3]
    except ValueError:  # GitPython's answer to an object git cannot find
        reason = say("git.missing_object", path=rel)
        raise UsageError(say("git.unreadable_rev", rev=rev, reason=reason)) from None
    finally:
        g.cmd.clear_cache()
    return Tree(files, submodules)


def read_blobs(
    root: Path, wanted: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], bytes | None]:
    """File contents at revisions, `(rev, path relative to root)` → bytes (None when the file
    does not exist there), through one `git cat-file --batch` process.

    Every request is written at once (by a thread, so that neither side waits on a full pipe)
    and the answers are read as they come: a question and an answer at a time made each of
    thousands of versions wait for the round trip."""
    found: dict[tuple[str, str], bytes | None] = {}
    if not wanted:
        return found
    try:
        g = _Git(root)
        g.locate()
        process = g.start("cat-file", "--batch", stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except GitUnavailable:
        return found
    assert process.stdin is not None and process.stdout is not None
    requests = b"".join(f"{rev}:./{rel}\n".encode() for rev, rel in wanted)
    writer = threading.Thread(target=_feed, args=(process.stdin, requests), daemon=True)
    writer.start()
    out = process.stdout
    try:
        for key in wanted:
            header = out.readline()
            if not header:  # pragma: no cover - git vanished while reading
                break
            # "<oid> <type> <size>", or "<request> missing" (or "ambiguous"): no such file
            parts = header.split()
            if len(parts) == 3 and parts[1] in _OBJECT_TYPES and parts[2].isdigit():
                size = int(parts[2])
                data = out.read(size)
                out.read(1)  # the newline after the contents
                found[key] = data if len(data) == size else None
            else:
                found[key] = None
    except OSError:  # pragma: no cover - git vanished while reading
        pass
    finally:
        writer.join()
        out.close()
        process.wait()
    return found


_OBJECT_TYPES = (b"blob", b"tree", b"commit", b"tag")


def _feed(pipe: IO[bytes], data: bytes) -> None:
    """Write `data` to a process's input and close it; a process that has gone ends it early."""
    with contextlib.suppress(OSError):
        pipe.write(data)
    with contextlib.suppress(OSError):
        pipe.close()


def mainline(root: Path, tip: str) -> list[MainlineCommit]:
    """The first-parent line from `tip`, newest first: the states the branch itself went
    through, whatever was merged into it (empty when git cannot say)."""
    try:
        g = _Git(root)
        out = g.run("log", "--first-parent", "--no-color", "--format=%H%x00%cI%x00%P", tip)
    except GitUnavailable:
        return []
    found: list[MainlineCommit] = []
    for line in _decode(out or b"").splitlines():
        parts = line.split("\0")
        if len(parts) == 3:
            found.append(
                MainlineCommit(parts[0], datetime.fromisoformat(parts[1]), " " in parts[2])
            )
    return found


def mainline_changes(root: Path, tip: str, base: str, rel: str) -> list[Revision]:
    """First-parent commits after `base` up to `tip` that changed the file at `rel` (relative to
    the root) against their first parent, newest first: a merge that brought a change counts."""
    try:
        g = _Git(root)
        out = g.run(
            "log", "--first-parent", "-z", "--no-color", "--encoding=UTF-8", f"--format={FORMAT}",
            f"{base}..{tip}", "--", ":(literal)" + rel,
        )  # fmt: skip
    except GitUnavailable:
        return []
    found: list[Revision] = []
    for c in _parse_log(out or b""):
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(c.date)
            found.append(Revision(c.sha, when, *c.said(), rel))
    return found


def has_commits(root: Path, need: str = "git.no_rev_repo") -> bool:
    """Whether HEAD names a commit in the git repository of `root`; outside a git repository,
    a usage error (exit 2) with the message `need`."""
    g, _ = _repo_for_rev(root, need)
    return g.head() is not None


def state(root: Path, processes: str = "processer") -> str:
    """A fingerprint of everything `read_history(root)` depends on, for the validate cache: the
    commit at HEAD, whether the clone is shallow (and where), and the uncommitted changes.
    `processes` is the processes folder setting.

    It runs git directly (quick calls started together, no GitPython import), so a validate that
    finds nothing changed stays fast. Any failure is part of the fingerprint, never an exception.
    """
    return git_state(root, processes).text()


@dataclass(frozen=True)
class GitState:
    """What `state` reads from git, in parts: the part that applies to every file and the
    uncommitted changes, which apply to the files they name."""

    parts: tuple[bytes, ...]
    """The answers of git, in the order asked; the fourth is `git status`."""

    STATUS = 3

    def text(self) -> str:
        return "\0\0".join(p.decode("utf-8", "replace") for p in self.parts)

    def common(self) -> str:
        """Everything but the uncommitted changes: HEAD, where the root lies, a shallow boundary."""
        kept = (p for i, p in enumerate(self.parts) if i != self.STATUS)
        return "\0\0".join(p.decode("utf-8", "replace") for p in kept)

    @functools.cached_property
    def uncommitted(self) -> dict[str, str] | None:
        """The `git status` entries by the paths they name, relative to the procspec root (both
        paths of a rename); empty outside a git repository (no file has a history then), None
        when git knows the repository but did not answer (then no file can be judged alone)."""
        head, status = self.parts[0], self.parts[self.STATUS]
        if not head.startswith(b"0\0"):
            return {}
        code, _, rest = status.partition(b"\0")
        if code != b"0":
            return None
        lines = _decode(head.split(b"\0", 2)[1]).split("\n")
        prefix = lines[1] if len(lines) > 1 else ""
        out = rest.rpartition(b"\0")[0]  # the error output follows the last separator
        tokens = out.split(b"\0")
        found: dict[str, str] = {}
        i = 0
        while i < len(tokens):
            token = _decode(tokens[i])
            i += 1
            if len(token) < 4:
                continue
            paths = [token[3:]]
            if "R" in token[:2] or "C" in token[:2]:
                if i < len(tokens):
                    paths.append(_decode(tokens[i]))
                i += 1
            entry = token + "\0" + "\0".join(paths[1:])
            for path in paths:
                rel = _under(prefix, path)
                if rel is not None:
                    key = unicodedata.normalize("NFC", rel)
                    found[key] = found.get(key, "") + entry + "\1"
        return found


def git_state(root: Path, processes: str = "processer") -> GitState:
    """`state` in parts (see `GitState`)."""
    import subprocess

    env = {**os.environ, **_ENV}
    specs = _pathspecs(processes)
    calls = (
        ("rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"),
        ("rev-parse", "--verify", "--quiet", "HEAD^{commit}"),
        ("rev-parse", "--git-path", "shallow"),
        ("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *specs),
    )
    started: list[subprocess.Popen[bytes] | str] = []
    for args in calls:
        try:
            started.append(
                subprocess.Popen(  # noqa: S603 - fixed arguments, as GitPython runs them
                    ["git", *_CONFIG, *args],  # noqa: S607 - git from PATH, as GitPython finds it
                    cwd=root,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                )
            )
        except OSError as exc:  # no git executable
            started.append(f"error {type(exc).__name__}")
    parts: list[bytes] = []
    for call in started:
        if isinstance(call, str):
            parts.append(call.encode())
            continue
        out, err = call.communicate()
        parts.append(b"%d\0%s\0%s" % (call.returncode, out, err))
    if b"\ntrue" in parts[0] and parts[2].startswith(b"0\0"):  # shallow: its boundary too
        path = Path(_decode(parts[2].split(b"\0")[1]).strip())
        with contextlib.suppress(OSError):
            parts.append((path if path.is_absolute() else root / path).read_bytes())
    return GitState(tuple(parts))


def git_renames(root: Path, base: str, head: str | None) -> dict[str, str]:
    """Old path -> new path (relative to `root`) for the files git sees as renamed between
    `base` and `head` (the working tree when None); empty when git cannot say."""
    import subprocess

    revs = [base] if head is None else [base, head]
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments
            ["git", "-c", "core.quotepath=false", "diff", "-M", "--name-status", "-z",  # noqa: S607
             "--relative", *revs, "--"],
            cwd=root, env={**os.environ, **_ENV}, capture_output=True, check=False, timeout=120,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    fields = done.stdout.decode("utf-8", "replace").split("\0")
    found: dict[str, str] = {}
    i = 0
    while i < len(fields):
        status = fields[i]
        if status.startswith(("R", "C")) and i + 2 < len(fields):
            if status.startswith("R"):
                found[fields[i + 1]] = fields[i + 2]
            i += 3
        else:
            i += 2
    return found


class _Sent(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """A `History` as `history_message` encodes it for another process of the same run: its
    revisions (dates in ISO 8601, which keeps each commit's own offset), and what its lazy parts
    are made from again."""

    files: dict[str, list[tuple[str, str, str, str, str, str]]]
    available: bool
    shallow: bool
    reason: str | dict[str, Any] | None
    boundary: list[str]
    tip: str | None
    root: str | None
    """The root that earlier versions and the branch's line are read from by git."""
    line: list[tuple[str, str, bool]] | None
    """The first-parent line when it was read with the history (else git is asked for it)."""


_SENT = msgspec.msgpack.Decoder(_Sent | None)


def history_message(history: History | None) -> bytes:
    """`history` (as `HistoryRead` made it) encoded for a process of procspec's own, such as a
    worker of `procspec.checking.pool`; ValueError for a history made otherwise."""
    if history is None:
        return msgspec.msgpack.encode(None)
    reader, lines = history.reader, history.first_parents
    root: str | None = None
    if reader is not None:
        if not isinstance(reader, functools.partial) or reader.func is not read_blobs:
            raise ValueError("a history made elsewhere")
        root = str(reader.args[0])
    line = None
    written: dict[int, str] = {}  # a commit's date as git wrote it, by the date's identity
    if isinstance(lines, functools.partial) and lines.func is _line:
        committed, dates = lines.args  # what the revisions were made from (`_materialise`)
        commits = committed.commits
        written = {id(day): commit[1] for day, commit in zip(dates, commits, strict=True)}
        line = [(commits[n][0], commits[n][1], merge) for n, merge in committed.line or ()]
    elif lines is not None and not (
        isinstance(lines, functools.partial) and lines.func is mainline
    ):
        raise ValueError("a history made elsewhere")

    def iso(day: datetime) -> str:
        return written.get(id(day)) or day.isoformat()

    reason = history.reason
    sent = _Sent(
        {
            rel: [(r.sha, iso(r.date), r.author, r.email, r.message, r.path) for r in revs]
            for rel, revs in history.files.items()
        },
        history.available,
        history.shallow,
        reason.to_data() if isinstance(reason, Message) else reason,
        sorted(history.boundary),
        history.tip,
        root,
        line,
    )
    return msgspec.msgpack.encode(sent)


def history_from_message(data: bytes) -> History | None:
    """The history `history_message` encoded, its lazy parts made again as `HistoryRead` makes
    them (msgspec.DecodeError or ValueError when `data` is not such a message)."""
    sent = _SENT.decode(data)
    if sent is None:
        return None
    dates: dict[str, datetime] = {}

    def when(text: str) -> datetime:
        found = dates.get(text)
        if found is None:
            found = dates[text] = datetime.fromisoformat(text)
        return found

    with no_collection():
        files = {
            rel: [Revision(s, when(d), a, e, m, p) for s, d, a, e, m, p in revisions]
            for rel, revisions in sent.files.items()
        }
    root = Path(sent.root) if sent.root is not None else None
    tip = sent.tip
    reason = sent.reason
    history = History(
        files=files,
        available=sent.available,
        shallow=sent.shallow,
        reason=Message.from_data(reason) if isinstance(reason, dict) else reason,
        boundary=frozenset(sent.boundary),
        tip=tip,
    )
    if root is not None:
        history.reader = functools.partial(read_blobs, root)
        if tip:
            history.brought = functools.partial(mainline_changes, root, tip)
            if sent.line is None:
                history.first_parents = functools.partial(mainline, root, tip)
    if sent.line is not None:
        line = [MainlineCommit(sha, when(d), merge) for sha, d, merge in sent.line]
        history.first_parents = functools.partial(list, line)
    return history
