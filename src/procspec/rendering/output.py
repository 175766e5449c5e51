"""The output folder: refuse dangerous targets, write beside it, swap in only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from procspec.errors import ProcspecError, UsageError
from procspec.messages import msg

MARKER = ".procspec-render"
MARKER_TEXT = "Skrivet av procspec render. Mappen ersätts helt vid nästa rendering.\n"


def check_target(out: Path, root: Path, force: bool, lang: str) -> Path:
    """The resolved output folder, or a usage error (exit 2) when writing there is unsafe:
    the filesystem root, the repository root or a folder above it, a file, or a non-empty folder
    procspec did not write (unless `force`)."""
    target = out.expanduser().resolve()
    shown = str(out)
    root = root.resolve()
    if target == Path(target.anchor) or target == root or root.is_relative_to(target):
        raise UsageError(msg("render.out.is_root", lang, out=shown))
    if target.exists() and not target.is_dir():
        raise UsageError(msg("render.out.not_folder", lang, out=shown))
    source = _yaml_inside(target, deep=target.is_relative_to(root))
    if source is not None:  # the processes folder, or any folder of sources: never replaced
        raise UsageError(msg("render.out.holds_sources", lang, out=shown, example=source))
    if target.is_dir() and not force and not (target / MARKER).is_file() and any(target.iterdir()):
        raise UsageError(msg("render.out.not_ours", lang, out=shown))
    return target


def _yaml_inside(folder: Path, deep: bool) -> str | None:
    """A YAML file in `folder` (in any sub-folder when `deep`), relative to it, or None."""
    if not folder.is_dir():
        return None
    found = folder.rglob("*.y*ml") if deep else folder.glob("*.y*ml")
    for path in found:
        if path.suffix in (".yaml", ".yml"):
            return path.relative_to(folder).as_posix()
    return None


@contextmanager
def staged(target: Path, lang: str) -> Iterator[Path]:
    """A temporary folder beside `target`; when the block completes, it replaces `target`.

    A failure inside the block removes the temporary folder and leaves `target` as it was.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as exc:
        raise UsageError(msg("render.out.failed", lang, out=target, detail=exc.strerror)) from None
    try:
        yield temp
        (temp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
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
