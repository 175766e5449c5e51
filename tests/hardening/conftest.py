"""Helpers for the hardening tests: real repositories in temporary folders, the real command line.

`run_cli` calls `procspec.cli.app.main` in-process and captures the exit status, stdout and stderr;
`run_subprocess` runs `python -m procspec` as a user would, to see exactly what reaches the real
streams. Git is isolated from the machine's configuration by the fixture of `tests/git`.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..git.conftest import git_repo, isolated_git  # noqa: F401  (re-exported as this folder's fixtures)

TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "', "Error:\n")


@dataclass
class Result:
    """What one run of the command line produced."""

    exit: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str) -> Result:
    """The command line in-process: `procspec.cli.app.main(args)`, its exit status and output."""
    from procspec.cli.app import main

    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code
    return Result(code if isinstance(code, int) else 0, out.getvalue(), err.getvalue())


def run_subprocess(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    umask: int = -1,
) -> Result:
    """The command line as a user runs it, in a new Python process (with `umask`, as a shell
    sets it; -1 keeps this process's)."""
    result = subprocess.run(
        [sys.executable, "-m", "procspec", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "PROCSPEC_TODAY": "2026-11-25", "NO_COLOR": "1", **(env or {})},
        timeout=timeout,
        check=False,
        umask=umask,
    )
    decode = lambda raw: raw.decode("utf-8", errors="replace")  # noqa: E731
    return Result(result.returncode, decode(result.stdout), decode(result.stderr))


def assert_no_traceback(result: Result) -> None:
    """No Python traceback, and an exit status of the contract (SPEC §4), never 3."""
    assert "Traceback (most recent call last)" not in result.output, result.output
    assert result.exit in (0, 1, 2), (result.exit, result.output[-2000:])


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every entry under `folder` (links and folders included) with what it holds, so a test can
    assert that nothing outside a command's output was touched or lost. Entries whose first path
    part is in `skip` are left out."""
    import hashlib

    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if rel.split("/", 1)[0] in skip:
                continue
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "special"
    return found
