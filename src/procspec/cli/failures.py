"""Failures of the machine rather than of the input: a full disk, an output path that is a
device or a file where a folder belongs, a closed or full standard output. They end a command with
one sentence and exit status 2, never a traceback (SPEC §4)."""

from __future__ import annotations

import contextlib
import os
import sys

from procspec.messages import msg, one_line


def describe(exc: OSError, lang: str) -> str:
    """One sentence for an operating-system failure, naming the file when there is one."""
    reason = exc.strerror or type(exc).__name__
    if exc.filename is not None:
        return msg("failure.path", lang, path=one_line(os.fsdecode(exc.filename)), reason=reason)
    return msg("failure.output", lang, reason=reason)


def flush_stdout(code: object) -> object:
    """Write out what is buffered for standard output now, so that a full disk shows here (as
    an OSError); a reader that closed the pipe early leaves the exit status `code` as it was."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    return code


def silence_stdout() -> None:
    """After standard output failed: point it at the null device, so the interpreter's final
    flush of what is still buffered cannot fail once more (the Python documentation's advice
    for a broken pipe)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
