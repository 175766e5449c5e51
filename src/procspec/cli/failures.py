"""Failures of the machine rather than of the input: a full disk, an output path that is a
device or a file where a folder belongs, a full standard output. They end a command with one
sentence and exit status 2, never a traceback (SPEC §4).

A reader that closes standard output or error early (`procspec list | head`) is no failure: what
it no longer reads is dropped, the command runs to its end, and its exit status is its own
(`tolerate_early_readers`). Nor is a standard error that cannot be written at all (a message has
nowhere else to go), nor a standard stream closed before the start (`procspec list >&-`), which is
the null device (`fill_closed_streams`)."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import IO

from procspec.messages import msg, one_line


def describe(exc: OSError, lang: str) -> str:
    """One sentence for an operating-system failure, naming the file when there is one; a path
    the working folder was to lead to, once that folder is gone, is no failure of the output."""
    if _from_a_gone_folder(exc):
        return f"procspec: {msg('repo.cwd_gone', lang)}"
    reason = exc.strerror or type(exc).__name__
    if exc.filename is not None:
        return msg("failure.path", lang, path=one_line(os.fsdecode(exc.filename)), reason=reason)
    return msg("failure.output", lang, reason=reason)


def _from_a_gone_folder(exc: OSError) -> bool:
    """Whether `exc` is the working folder's absence: asked for itself (`os.getcwd`, no file
    name) or through a relative path, after the folder was removed."""
    from procspec.reading.root import working_folder_gone

    relative = exc.filename is None or not os.path.isabs(os.fsdecode(exc.filename))
    return isinstance(exc, FileNotFoundError) and relative and working_folder_gone()


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
    _to_null(sys.stdout)


class _EarlyReaderStream(io.TextIOWrapper):
    """A standard stream whose reader may close the pipe before the end: from then on what is
    written goes to the null device."""

    lost: tuple[type[OSError], ...] = (BrokenPipeError,)
    """The failures after which what is written goes to the null device."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except self.lost:
            _to_null(self)
            return len(text)

    def flush(self) -> None:
        try:
            super().flush()
        except self.lost:
            _to_null(self)


class _MessageStream(_EarlyReaderStream):
    """Standard error, which no failure to write ends: a message that cannot be written (a full
    disk, `2>/dev/full`) has nowhere else to go, and the command's exit status stays its own
    rather than becoming 1 from an error while reporting another."""

    lost = (OSError,)


def _to_null(stream: IO[str]) -> None:
    """Point `stream`'s file at the null device: what it still buffers, and the interpreter's
    last flush, then go nowhere (the Python documentation's advice for a broken pipe)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


STANDARD_STREAMS = ("stdin", "stdout", "stderr")
"""The names in `sys` of the standard streams, in the order of their file descriptors (0, 1, 2)."""


def fill_closed_streams() -> None:
    """Point a standard stream closed when the program started (`procspec list >&-`) at the null
    device, before anything is opened. Python leaves it None then, which no `print` minds but a
    flush or `isatty` does; and its file descriptor would go to the first file procspec (or git,
    which it runs) opened, so that what is meant for stderr would land in that file."""
    for fd, name in enumerate(STANDARD_STREAMS):
        if getattr(sys, name) is not None:
            continue
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:  # the lowest free descriptor is fd, unless a lower one is closed too
            os.dup2(null, fd)
            os.close(null)
        stream = open(fd, "r" if fd == 0 else "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        # As a stream open from the start: the interpreter's own (sys.__stdout__) is this one.
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def tolerate_early_readers() -> None:
    """Make standard output and error streams a reader may close early, and standard error one
    that no failure to write ends, for the program itself (not a caller in Python, whose streams
    are its own). Without this a closed pipe ended a command with status 1, or 120 from the
    interpreter's last flush, whatever the command found (rich's console exits 1 on a broken
    pipe); so did a message on a full standard error, a usage error among them."""
    for name in ("stdout", "stderr"):
        old = getattr(sys, name)
        if type(old) is not io.TextIOWrapper:  # already replaced (a test's capture, say)
            continue
        with contextlib.suppress(OSError):
            old.flush()
        # The old wrapper stays referenced (sys.__stdout__, sys.__stderr__): it is never
        # collected, so it never closes the buffer both share.
        kind = _MessageStream if name == "stderr" else _EarlyReaderStream
        new = kind(
            old.buffer,
            encoding=old.encoding,
            errors=old.errors,
            line_buffering=old.line_buffering,
            write_through=old.write_through,
        )
        setattr(sys, name, new)


def write_utf8(text: str) -> None:
    """Write machine-readable output (json, csv, the CI formats, Markdown, XML, CODEOWNERS) to
    standard output as UTF-8 bytes, whatever the locale's encoding: the format says UTF-8 (a BPMN
    file declares it) and its reader parses it so, where the text stream would write another
    encoding, or '?' for what the locale cannot hold. A character UTF-8 cannot hold (from a file
    name that is not UTF-8) is written as '?'. The reader is free to close the pipe early; to a
    caller's text stream (no bytes beneath it) the text is written as text."""
    data = text.encode("utf-8", "replace")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:
        silence_stdout()
