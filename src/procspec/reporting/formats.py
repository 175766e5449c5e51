"""Formatters: problems to text, json, GitHub annotations or a GitLab Code Quality report.

Each formatter is a pure function of the outcome; they are kept in `FORMATTERS`, whose keys are the
`--format` choices of `procspec validate`. Only the text formatter knows rich.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from itertools import groupby
from typing import Any, TextIO

from procspec.messages import msg, one_line, text
from procspec.problem import Outcome, Problem, Severity

Formatter = Callable[[Outcome, str, TextIO, str], None]
"""(outcome, language, stream, path prefix) -> None; the prefix leads each path in CI formats."""


def help_pointer(code: str) -> str:
    """Where a problem's rule is documented."""
    return f"procspec rules {code}"


def problem_lines(problems: list[Problem], lang: str) -> list[str]:
    """One plain line per problem, `CODE severity: message  [procspec rules CODE]` (for the
    warnings `procspec new` shows before it writes)."""
    return [
        f"{p.code} {msg('report.severity.' + p.severity.value, lang)}: {one_line(text(p.message, lang))}"
        f"  [{help_pointer(p.code)}]"
        for p in problems
    ]


def format_text(outcome: Outcome, lang: str, stream: TextIO, prefix: str = "") -> None:
    """For people: grouped by file, coloured by severity, one `path:line:col CODE message` each."""
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    lines: list[list[tuple[str, str]]] = []
    for raw_path, group in groupby(outcome.problems, key=lambda p: p.path):
        path = one_line(raw_path)  # a file name may hold line breaks or escape sequences
        lines.append([(prefix + path, "bold underline")])
        for problem in group:
            style = styles[problem.severity]
            severity = msg("report.severity." + problem.severity.value, lang)
            lines.append([
                (f"{prefix}{path}:{problem.line}:{problem.column} ", "dim"),
                (problem.code, style),
                (f" {severity}: ", style),
                (one_line(text(problem.message, lang)), ""),
                (f"  [{help_pointer(problem.code)}]", "dim"),
            ])  # fmt: skip
        lines.append([])
    counts = outcome.counts

    def word(key: str, number: int) -> str:
        return msg(f"report.{key}.{'one' if number == 1 else 'many'}", lang)

    words = {
        "file_word": word("file", outcome.files),
        "warnings": word("warning", counts["warning"]),
        "errors": word("error", counts["error"]),
    }
    with_problems = len({p.path for p in outcome.problems})
    if outcome.problems and with_problems < outcome.files:
        summary = msg("report.summary.some", lang, files=outcome.files,
                      with_problems=with_problems, **counts, **words)  # fmt: skip
    elif outcome.problems:
        summary = msg("report.summary", lang, files=outcome.files, **counts, **words)
    else:
        summary = msg("report.clean", lang, files=outcome.files, **words)
    style = "bold red" if counts["error"] else ("yellow" if counts["warning"] else "green")
    lines.append([(summary, style)])
    if _coloured(stream):
        _print_styled(lines, stream)
    else:
        stream.writelines("".join(piece for piece, _ in line).translate(_CONTROL) + "\n"
                          for line in lines)  # fmt: skip


_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))
"""The control characters rich leaves out of text (bell, backspace, vertical tab, form feed,
carriage return): the plain output is the same as rich's without colours."""


def _coloured(stream: TextIO) -> bool:
    """Whether rich would colour `stream`: a terminal, or `TTY_COMPATIBLE=1` or `FORCE_COLOR`
    set. Otherwise the report is written as it is, and a report to a pipe, a file or CI does
    not import rich."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if os.environ.get("FORCE_COLOR") is not None:
        return True  # rich decides (an empty FORCE_COLOR means no colours)
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _print_styled(lines: list[list[tuple[str, str]]], stream: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    for line in lines:
        styled = Text()
        for piece, style in line:
            styled.append(piece, style=style or None)
        console.print(styled)


def format_json(outcome: Outcome, lang: str, stream: TextIO, prefix: str = "") -> None:
    """SPEC §4: {"problems": [...], "counts": {...}}; paths relative to the repository root."""
    problems = [
        {**p.to_dict(text(p.message, lang)), "help": help_pointer(p.code)} for p in outcome.problems
    ]
    json.dump(
        {"problems": problems, "counts": outcome.counts},
        stream,
        ensure_ascii=False,
        indent=2,
    )
    stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(outcome: Outcome, lang: str, stream: TextIO, prefix: str = "") -> None:
    """GitHub Actions workflow commands: one annotation line per problem."""
    for p in outcome.problems:
        stream.write(
            f"::{_GITHUB_LEVEL[p.severity]} file={_escape_property(prefix + p.path)},"
            f"line={p.line},col={p.column},title={_escape_property(p.code)}::"
            f"{_escape_data(text(p.message, lang) + ' [' + help_pointer(p.code) + ']')}\n"
        )


_GITLAB_LEVEL = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _fingerprint(problem: Problem, message: str, prefix: str, nth: int) -> str:
    key = "\x00".join((prefix + problem.path, problem.code, message, str(nth)))
    # A file name that is not UTF-8 keeps its bytes (as surrogates): hashed as those bytes.
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def format_gitlab(outcome: Outcome, lang: str, stream: TextIO, prefix: str = "") -> None:
    """A GitLab Code Quality report (a JSON array), with fingerprints stable across line moves."""
    seen: dict[tuple[str, str, str], int] = {}
    report: list[dict[str, Any]] = []
    for p in outcome.problems:
        message = text(p.message, lang)
        key = (p.path, p.code, message)
        seen[key] = seen.get(key, 0) + 1
        report.append(
            {
                "description": f"{p.code}: {message}",
                "check_name": p.code,
                "fingerprint": _fingerprint(p, message, prefix, seen[key]),
                "severity": _GITLAB_LEVEL[p.severity],
                "location": {"path": prefix + p.path, "lines": {"begin": p.line}},
            }
        )
    json.dump(report, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


FORMATTERS: dict[str, Formatter] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
    "gitlab": format_gitlab,
}
