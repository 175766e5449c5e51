"""Formatters: problems to text, json, GitHub annotations or a GitLab Code Quality report.

Each formatter is a pure function of the outcome; they are kept in `FORMATTERS`, whose keys are the
`--format` choices of `procspec validate`. Only the text formatter knows rich.
"""

from __future__ import annotations

import hashlib
import json
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
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for raw_path, group in groupby(outcome.problems, key=lambda p: p.path):
        path = one_line(raw_path)  # a file name may hold line breaks or escape sequences
        console.print(Text(prefix + path, style="bold underline"))
        for problem in group:
            line = Text()
            line.append(f"{prefix}{path}:{problem.line}:{problem.column} ", style="dim")
            line.append(problem.code, style=styles[problem.severity])
            line.append(f" {msg('report.severity.' + problem.severity.value, lang)}: ",
                        style=styles[problem.severity])  # fmt: skip
            line.append(one_line(text(problem.message, lang)))
            line.append(f"  [{help_pointer(problem.code)}]", style="dim")
            console.print(line)
        console.print()
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
    console.print(Text(summary, style=style))


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
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


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
