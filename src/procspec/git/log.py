"""Git as the revision trail: the history of every process file, and files at a revision.

This is the only module that uses GitPython, and it imports it lazily, so validating works where
git is missing. It returns the plain dataclasses of `procspec.git.revisions`.

How the history is read (SPEC §4, `history`):

- One `git log` over the repository, whatever the number of files: `--name-status -z -M` limited to
  the processes folder, procspec.yaml and personer.yaml, read in topological order (a commit
  before its parents), then each file's revisions sorted newest first by commit date, so a
  branch commit from February never sits above main's March commit after a merge. Renames and moves are followed for the whole tree at once: walking
  from HEAD towards the root, every commit carries a map from the paths at that commit to the
  current paths, and a rename seen in a commit changes the map for its parents.
- Dates are committer dates: when the change entered the branch. A squash- or rebase-merged pull
  request gets the date it was merged, not the day the author first wrote it.
- A merge commit is listed for a file only when the merge itself changed the file compared with
  every parent (a conflict resolution, or both sides changed the file); otherwise the commits on
  the merged branches are listed with their own authors, as `git log --follow` does. Merges are
  diffed against each parent (`-m`) only to follow renames made on one side of the merge.
- Uncommitted changes (modified, staged, added or untracked files) lead the list as a revision
  with an empty sha and the message "ej incheckad". A file moved without `git mv` keeps its history
  when the new file has the same name (the process id) as the deleted one.
- A shallow clone says so (`History.shallow`) and does what it can: a commit at its boundary
  (grafted: its parents were not fetched) is diffed against the empty tree (`--root` treats it as a
  root), so it lists every file in its tree and becomes the oldest known revision of each of them
  (`History.boundary` names these commits: they show what a file was, not that it changed then).
- Outside a git repository, without git, or when git refuses the repository ("dubious
  ownership"), the history is unavailable and `History.reason` says how to fix it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from procspec.errors import UsageError
from procspec.git.revisions import History, MainlineCommit, Revision
from procspec.messages import Message, say

RECORD = "\x1e"
"""Starts each commit header in the log output; it cannot begin a status letter."""

FORMAT = RECORD + "%H%x00%P%x00%cI%x00%an%x00%ae%x00%B"
"""sha, parents (rewritten to the commits shown), committer date, author, e-mail, message."""

YAML = (".yaml", ".yml")

_ENV = {"LC_ALL": "C", "LANGUAGE": "C", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
"""English messages (matched below), no index refresh written by status (read-only checkouts)."""


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
    """A thin runner over GitPython's `Git` that returns bytes and turns failures into reasons."""

    def __init__(self, root: Path) -> None:
        os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
        try:
            import git
        except ImportError as exc:  # GitPython missing, or no git executable at import
            raise GitUnavailable(say("git.missing")) from exc
        self.module: Any = git
        self.root = root
        self.cmd = git.Git(str(root))

    def run(self, *args: str, check: bool = True) -> bytes | None:
        """Run one git command; None when it fails and `check` is off."""
        git = self.module
        try:
            out = self.cmd.execute(
                ["git", *_CONFIG, *args],
                stdout_as_string=False,
                strip_newline_in_stdout=False,
                env=_ENV,
            )
        except git.exc.GitCommandNotFound as exc:
            raise GitUnavailable(say("git.missing")) from exc
        except git.exc.GitCommandError as exc:
            if not check:
                return None
            raise GitUnavailable(self.explain(exc)) from exc
        return out if isinstance(out, bytes) else bytes(out or b"")

    def explain(self, exc: Any) -> Message:
        stderr = exc.stderr if isinstance(exc.stderr, str) else str(exc.stderr or "")
        if "dubious ownership" in stderr or "safe.directory" in stderr:
            return say("git.dubious", path=self._dubious_path(stderr))
        if "not a git repository" in stderr:
            return say("git.not_repo", root=self.root)
        detail = " ".join(stderr.replace("stderr:", "").split()).strip(" '") or str(exc)
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


def _pathspecs(processes: str) -> list[str]:
    """What the history covers, relative to the root (git runs in it)."""
    folder = PurePosixPath(processes.replace("\\", "/")).as_posix().strip("/") or "."
    return [":(literal)" + p for p in (folder, "procspec.yaml", "personer.yaml")]


def _tokens(raw: bytes) -> Iterator[str]:
    for token in raw.split(b"\0"):
        yield _decode(token)


@dataclass
class _Commit:
    sha: str
    parents: list[str]
    date: datetime
    author: str
    email: str
    message: str
    diffs: list[list[tuple[str, str, str | None]]]
    """Per parent shown (one for an ordinary commit): (status, path, old path for renames)."""


def _parse_log(raw: bytes) -> Iterator[_Commit]:
    """Commits from `git log -m --name-status -z --format=FORMAT`, merged blocks joined."""
    # Decoded and normalised as one text, then split: NUL composes with nothing, so this equals
    # doing it per token, at a fraction of the cost for 20,000 commits.
    tokens = _decode(raw).split("\0")
    i = 0
    current: _Commit | None = None
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith(RECORD):
            sha = token[1:]
            parents, when, author, email, message = tokens[i + 1 : i + 6]
            i += 6
            if current is not None and current.sha == sha:
                current.diffs.append([])  # the same merge, diffed against its next parent
                continue
            if current is not None:
                yield current
            current = _Commit(
                sha=sha,
                parents=parents.split(),
                date=datetime.fromisoformat(when),
                author=author,
                email=email,
                message=_capped(message.rstrip("\n")),
                diffs=[[]],
            )
            continue
        i += 1
        if not token or current is None:
            continue
        status = token[0]
        if status in "RC":
            old, new = tokens[i], tokens[i + 1]
            i += 2
            current.diffs[-1].append((status, new, old))
        else:
            current.diffs[-1].append((status, tokens[i], None))
            i += 1
    if current is not None:
        yield current


MAX_MESSAGE = 2000
"""The most of a commit message that is kept: a message is shown on every page of its file, and
a crafted 2 MB message must not be copied into each of them."""


def _capped(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1].rstrip() + "…"


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
"""Paths at a commit that differ from their current path; None: no current file descends from it."""


def _current(mapping: PathMap, path: str) -> str | None:
    return mapping.get(path, path)


def _after_renames(mapping: PathMap, diff: Sequence[tuple[str, str, str | None]]) -> PathMap:
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


def _touched(commit: _Commit) -> list[str]:
    """Paths (at the commit) that the commit itself changed; a merge only those that differ from
    every parent."""
    if len(commit.diffs) == 1 or len(commit.parents) <= 1:
        return [path for _, path, _ in commit.diffs[0]]
    common = set.intersection(*({path for _, path, _ in diff} for diff in commit.diffs))
    return [path for _, path, _ in commit.diffs[0] if path in common]


def _walk(commits: Iterator[_Commit], start: PathMap, prefix: str) -> dict[str, list[Revision]]:
    """Attribute every commit to the current paths of the files it changed, newest first."""
    files: dict[str, list[Revision]] = {}
    pending: dict[str, PathMap] = {}
    first = True
    for commit in commits:
        mapping = start if first else pending.pop(commit.sha, start)
        first = False
        # A boundary commit is shown as a root (`--root`): its diff lists every file in its tree.
        for path in _touched(commit):
            current = _current(mapping, path)
            key = _under(prefix, current) if current is not None else None
            at = _under(prefix, path)
            if key is None or at is None:
                continue
            revisions = files.setdefault(key, [])
            if not revisions or revisions[-1].sha != commit.sha:
                revisions.append(
                    Revision(
                        commit.sha,
                        commit.date,
                        commit.author,
                        commit.email,
                        commit.message,
                        at,
                    )
                )
        for n, parent in enumerate(commit.parents):
            diff = commit.diffs[n] if n < len(commit.diffs) else []
            pending.setdefault(parent, _after_renames(mapping, diff))
    return files


@dataclass(frozen=True)
class _Status:
    changed: list[str]
    """Current paths with uncommitted changes (work-tree paths)."""
    renames: list[tuple[str, str, str | None]]
    """Moves between HEAD and the work tree, as ("R", new, old)."""


def _status(g: _Git, specs: list[str]) -> _Status:
    """Uncommitted changes: one `git status`; paths are relative to the work tree's top."""
    out = g.run("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *specs)
    tokens = list(_tokens(out or b""))
    changed: list[str] = []
    renames: list[tuple[str, str, str | None]] = []
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
            old = tokens[i]
            i += 1
            renames.append(("R", path, old))
            changed.append(path)
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
    return name.strip(), rest.split(">", 1)[0].strip()


def read_history(root: Path, rev: str | None = None, processes: str = "processer") -> History:
    """The revisions of every file under the procspec root, keyed by its current path relative to
    the root, newest first; one `git log` pass (see the module docstring). `processes` is the
    processes folder (the `processer` setting): the history covers it, procspec.yaml and
    personer.yaml. The history reads earlier versions of files through `History.versions`.

    With `rev` (for `render --rev`), the history as it was at that revision, keyed by the paths
    at it, without uncommitted changes; an unknown revision is a usage error (exit 2).
    """
    try:
        g = _Git(root)
        where = g.locate()
        specs = _pathspecs(processes)
        status = _status(g, specs) if rev is None else _Status([], [])
        start = _after_renames({}, status.renames)
        files: dict[str, list[Revision]] = {}
        tip = g.head() if rev is None else _resolve(g, rev)
        if tip is not None:
            raw = g.run(
                "log",
                "--topo-order",
                "--parents",
                "--root",
                "-m",
                "--name-status",
                "-z",
                "-M",
                "--no-color",
                "--encoding=UTF-8",
                f"--format={FORMAT}",
                tip,
                "--",
                *specs,
            )
            files = _walk(_parse_log(raw or b""), start, where.prefix)
            for revisions in files.values():
                # Newest first by commit date (SPEC §4), whatever the graph: the walk needs the
                # topological order, a reader and the rules need time (a stable sort keeps it
                # for commits made in the same second).
                revisions.sort(key=lambda r: r.date, reverse=True)
        boundary = frozenset(_shallow_boundary(g)) if where.shallow else frozenset()
    except GitUnavailable as exc:
        return History(available=False, reason=exc.reason)
    if status.changed:
        author, email = _identity(g)
        now = datetime.now().astimezone()
        for path in status.changed:
            rel = _under(where.prefix, path)
            if rel is not None:
                files.setdefault(rel, []).insert(0, Revision("", now, author, email, "", rel))
    return History(
        files=files,
        available=True,
        shallow=where.shallow,
        boundary=boundary,
        reader=functools.partial(read_blobs, root),
        tip=tip,
        first_parents=functools.partial(mainline, root, tip) if tip else None,
        brought=functools.partial(mainline_changes, root, tip) if tip else None,
    )


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
    if not sha:
        raise UsageError(say("git.unknown_rev", rev=rev))
    return sha


def files_at(root: Path, rev: str) -> dict[str, bytes]:
    """Every file below the procspec root as it was at `rev`, keyed by its path relative to the
    root, read from git objects (one `ls-tree`, one `cat-file --batch` process; no checkout)."""
    g, where = _repo_for_rev(root)
    sha = _resolve(g, rev)
    out = g.run("ls-tree", "-r", "-z", "--full-tree", sha)
    blobs: dict[str, str] = {}
    for entry in (out or b"").split(b"\0"):
        if b"\t" not in entry:
            continue
        meta, raw_path = entry.split(b"\t", 1)
        mode, kind, obj = meta.decode().split()
        rel = _under(where.prefix, _decode(raw_path))
        if kind == "blob" and rel is not None and mode != "120000" and rel.endswith(YAML):
            blobs[rel] = obj
    if "procspec.yaml" not in blobs:
        raise NotAtRevision(say("git.no_settings_at_rev", rev=rev, path="procspec.yaml"))
    files: dict[str, bytes] = {}
    try:
        for rel, obj in blobs.items():
            files[rel] = g.cmd.get_object_data(obj)[3]
    finally:
        g.cmd.clear_cache()
    return files


def read_blobs(
    root: Path, wanted: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], bytes | None]:
    """File contents at revisions, `(rev, path relative to root)` → bytes (None when the file
    does not exist there), through one `git cat-file --batch` process."""
    found: dict[tuple[str, str], bytes | None] = {}
    if not wanted:
        return found
    try:
        g = _Git(root)
        g.locate()
    except GitUnavailable:
        return found
    git = g.module
    try:
        for rev, rel in wanted:
            try:
                found[(rev, rel)] = g.cmd.get_object_data(f"{rev}:./{rel}")[3]
            except (ValueError, git.exc.GitError):
                found[(rev, rel)] = None
    except OSError:  # pragma: no cover - git vanished while reading
        return found
    finally:
        g.cmd.clear_cache()
    return found


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
    return [
        Revision(c.sha, c.date, c.author, c.email, c.message, rel) for c in _parse_log(out or b"")
    ]


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
    return "\0\0".join(p.decode("utf-8", "replace") for p in parts)


def git_renames(root: Path, base: str, head: str | None) -> dict[str, str]:
    """Old path -> new path (relative to `root`) for the files git sees as renamed between
    `base` and `head` (the working tree when None); empty when git cannot say."""
    import subprocess

    revs = [base] if head is None else [base, head]
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments
            ["git", "-c", "core.quotepath=false", "diff", "-M", "--name-status", "-z",  # noqa: S607
             "--relative", *revs, "--"],
            cwd=root, capture_output=True, check=False, timeout=120,
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
