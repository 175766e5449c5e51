"""The output folder: refuse dangerous targets, write beside it, swap in only when complete.

`render` replaces its output folder as a whole, so what that folder holds is lost. It therefore
never replaces, whatever the flags (`--force` included):

- the filesystem root, the repository root or a folder above it;
- a git directory, a folder inside one, or a folder that holds one (a `.git` folder or file at any
  depth: a work tree, a submodule);
- the processes folder, a folder inside it or one that contains it, or a folder holding YAML
  files;
- a folder holding anything render did not write: render records the files it wrote in its marker
  file (`.procspec-render`), and a folder is replaced only when it holds exactly those files (or
  fewer). A folder without the marker that holds only pages (`.html`, `.md` files, as an older
  procspec or a copy of a site would) is replaced with `--force`; a folder with a sub-folder, a
  link, a special file or another kind of file never is.

Documents are written into `.<name>.XXXX.tmp` beside the target, which is swapped in when
complete (the previous output goes to `.<name>.XXXX.old` for the moment of the swap). The
temporary folder holds a marker from its first moment, naming the process that writes it, so a
later render removes what an interrupted one left: only folders with that name pattern, owned by
the same user, with the marker, only flat page files, and no living writer.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from procspec.errors import ProcspecError, UsageError
from procspec.messages import msg
from procspec.reading.root import YAML_SUFFIXES

MARKER = ".procspec-render"
MARKER_TEXT = "Skrivet av procspec render. Mappen ersätts helt vid nästa rendering.\n"
_WRITER = "# skrivs av "
PAGE_SUFFIXES = (".html", ".md")
"""Pages: what a folder without render's marker may hold to be replaced with `--force`."""
WRITTEN_SUFFIXES = (*PAGE_SUFFIXES, ".js", ".xml", ".txt")
"""Every kind of file render writes besides its marker (the search page's scripts and
licences, the Atom feed): what an interrupted render's folder may hold to be removed."""
_SCAN_LIMIT = 100_000
"""Entries looked at in an existing output folder; beyond that it is not render's."""


def marker_text(names: Iterable[str]) -> str:
    """The marker of a complete output: the header, then every file written, sorted."""
    return MARKER_TEXT + "".join(f"{name}\n" for name in sorted(names))


def _recorded(folder: Path) -> set[str] | None:
    """The file names the folder's marker records (empty for a marker of an older procspec,
    which recorded none); None when there is no marker of ours (or it is a link)."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        raw = os.read(fd, 4 * 1024 * 1024)
    except OSError:
        return None
    finally:
        os.close(fd)
    text = raw.decode("utf-8", errors="replace")
    if not text.startswith(MARKER_TEXT):
        return None
    return {line for line in text[len(MARKER_TEXT) :].splitlines() if line and line[0] != "#"}


def inside_git(target: Path) -> Path | None:
    """The git directory `target` is or lies in: a `.git` part of its path, or a folder that
    is one (HEAD, objects and refs, as a bare repository)."""
    for folder in (target, *target.parents):
        if folder.name == ".git":
            return folder
        if (
            (folder / "HEAD").is_file()
            and (folder / "objects").is_dir()
            and (folder / "refs").is_dir()
        ):
            return folder
    return None


def _scan(
    target: Path, kinds: tuple[str, ...] = PAGE_SUFFIXES
) -> tuple[str | None, str | None, str | None, bool]:
    """What `target` holds: (a git directory, a YAML file, a file render did not write, whether it
    holds only pages), each the first found, relative to `target`. Without a list of the files
    written in its marker, a file is taken as render's when its name ends with one of `kinds`."""
    git = yaml = foreign = None
    pages_only = True
    recorded = _recorded(target)
    seen = 0
    stack = [target]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return git, yaml, foreign or folder.relative_to(target).as_posix() or ".", False
        for entry in entries:
            seen += 1
            rel = Path(entry.path).relative_to(target).as_posix()
            if seen > _SCAN_LIMIT:
                return git, yaml, foreign or rel, False
            if entry.name == ".git":
                git = git or rel
            if entry.name.endswith(YAML_SUFFIXES):
                yaml = yaml or rel
            top = folder == target
            if entry.is_dir(follow_symlinks=False):
                pages_only = False
                foreign = foreign or rel
                stack.append(Path(entry.path))
                continue
            if not entry.is_file(follow_symlinks=False):  # a link, a pipe, a device
                pages_only = False
                foreign = foreign or rel
                continue
            if top and entry.name == MARKER:
                continue
            if not (top and entry.name.endswith(PAGE_SUFFIXES)):
                pages_only = False
            if (
                recorded is None
                or (recorded and entry.name not in recorded)
                or not top
                or (not recorded and not entry.name.endswith(kinds))
            ):
                foreign = foreign or rel
    return git, yaml, foreign, pages_only


def check_target(
    out: Path, root: Path, force: bool, lang: str, processes: Path | None = None
) -> Path:
    """The resolved output folder, or a usage error (exit 2) when replacing it could lose
    anything (see the module docstring)."""
    shown = str(out)
    try:
        target = out.expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise UsageError(msg("render.out.failed", lang, out=shown, detail=str(exc))) from None
    root = root.resolve()
    if target == Path(target.anchor) or target == root or root.is_relative_to(target):
        raise UsageError(msg("render.out.is_root", lang, out=shown))
    git_dir = inside_git(target)
    if git_dir is not None:
        raise UsageError(msg("render.out.git", lang, out=shown, example=str(git_dir)))
    if processes is not None:
        folder = processes.resolve()
        if folder.is_relative_to(target) or target.is_relative_to(folder):
            raise UsageError(msg("render.out.processes", lang, out=shown))
    if target.exists() and not target.is_dir():
        raise UsageError(msg("render.out.not_folder", lang, out=shown))
    if not target.is_dir():
        return target
    git, yaml, foreign, pages_only = _scan(target)
    if git is not None:
        raise UsageError(msg("render.out.git", lang, out=shown, example=git))
    if yaml is not None:  # the processes folder, or any folder of sources: never replaced
        raise UsageError(msg("render.out.holds_sources", lang, out=shown, example=yaml))
    if foreign is not None:
        if pages_only and _recorded(target) is None:
            if force:
                return target
            raise UsageError(msg("render.out.not_ours", lang, out=shown))
        raise UsageError(msg("render.out.foreign", lang, out=shown, example=foreign))
    return target


def check_names(names: Iterable[tuple[str, str | None]], lang: str) -> None:
    """(file name, the process that writes it or None for an overview) pairs: two writers of one
    name, compared as a file system that ignores case and Unicode form would, or a name that is
    no plain file name, refuse the render (exit 1) whatever the severities say."""
    seen: dict[str, str | None] = {}
    for name, owner in names:
        folded = unicodedata.normalize("NFC", name).casefold()
        plain = name not in ("", ".", "..") and not any(c in name for c in "/\\\0")
        if folded in seen or not plain or folded == MARKER:
            first = seen.get(folded, owner)
            if first is None or owner is None:
                raise NameCollisionError(
                    msg("render.out.reserved", lang, id=first or owner or name, file=name)
                )
            raise NameCollisionError(
                msg("render.out.collision", lang, first=first, second=owner, file=name)
            )
        seen[folded] = owner


class NameCollisionError(ProcspecError):
    """Two documents would get one file name (exit 1: a problem in the repository)."""

    exit_code = 1


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]+\.(?:tmp|old)")


def _writer_alive(folder: Path) -> bool:
    """Whether the marker names a process on this machine that still runs."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith(_WRITER):
            parts = line[len(_WRITER) :].split()
            if len(parts) == 2 and parts[1] == socket.gethostname() and parts[0].isdigit():
                try:
                    os.kill(int(parts[0]), 0)  # signal 0: only asks whether it exists
                except ProcessLookupError:
                    return False
                except OSError:
                    return True
                return True
    return False


def remove_leftovers(target: Path) -> None:
    """Remove `.<name>.XXXX.tmp` and `.old` folders beside `target` that an interrupted render
    left, when they are provably render's (see the module docstring)."""
    parent = target.parent
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        match = _LEFTOVER.fullmatch(entry.name)
        if match is None or match.group("name") != target.name:
            continue
        folder = Path(entry.path)
        with suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
                continue
            if _recorded(folder) is None or _writer_alive(folder):
                continue
            git, yaml, foreign, _ = _scan(folder, WRITTEN_SUFFIXES)
            if git is None and yaml is None and foreign is None:
                shutil.rmtree(folder)


@contextmanager
def staged(target: Path, lang: str) -> Iterator[Path]:
    """A temporary folder beside `target`; when the block completes, it replaces `target`.

    A failure inside the block removes the temporary folder and leaves `target` as it was. The
    caller writes the final marker (`marker_text`) into the temporary folder.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        (temp / MARKER).write_text(
            f"{MARKER_TEXT}{_WRITER}{os.getpid()} {socket.gethostname()}\n", encoding="utf-8"
        )
    except OSError as exc:
        raise UsageError(msg("render.out.failed", lang, out=target, detail=exc.strerror)) from None
    try:
        yield temp
        os.chmod(temp, 0o755)  # noqa: S103 - mkdtemp makes it private; published pages are read by others
        old: Path | None = None
        if target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
            )
            os.rmdir(old)
            os.replace(target, old)
        try:
            os.replace(temp, target)
        except OSError:
            if old is not None:
                os.replace(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise ProcspecError(
            msg("render.out.failed", lang, out=target, detail=exc.strerror or exc)
        ) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
