"""The formatters, called directly: problems (keys and parameters) → text, json, GitHub, GitLab."""

from __future__ import annotations

import io
import json

from procspec.messages import say
from procspec.problem import Outcome, Problem, Severity
from procspec.reporting.formats import FORMATTERS, problem_lines

OUTCOME = Outcome(
    [
        Problem(
            "processer/a.yaml", 3, 1, "PS004", Severity.ERROR, say("load.too_large", max=256), "a"
        ),
        Problem("processer/a.yaml", 5, 7, "PS501", Severity.WARNING, "rå text", "a"),
    ],
    4,
)


def run(fmt: str, lang: str = "sv", prefix: str = "") -> str:
    out = io.StringIO()
    FORMATTERS[fmt](OUTCOME, lang, out, prefix)
    return out.getvalue()


def test_text_groups_by_file_and_counts() -> None:
    shown = run("text")
    assert "processer/a.yaml:3:1 PS004 fel: Filen är större än 256 kB" in shown
    assert "processer/a.yaml:5:7 PS501 varning: rå text" in shown
    assert "1 fel, 1 varning, 0 info i 1 av 4 filer." in shown


def test_text_in_english() -> None:
    assert "1 error, 1 warning, 0 info in 1 of 4 files." in run("text", "en")


def test_json_has_words_and_the_rule_pointer() -> None:
    data = json.loads(run("json"))
    assert data["counts"] == {"error": 1, "warning": 1, "info": 0}
    first = data["problems"][0]
    assert first["message"].startswith("Filen är större än 256 kB")
    assert first["help"] == "procspec rules PS004" and first["process"] == "a"


def test_github_annotations_with_the_prefix() -> None:
    lines = run("github", prefix="docs/").splitlines()
    assert lines[0].startswith("::error file=docs/processer/a.yaml,line=3,col=1,title=PS004::")
    assert lines[1].startswith(
        "::warning file=docs/processer/a.yaml,line=5,col=7,title=PS501::rå text"
    )


def test_gitlab_fingerprints_are_stable_and_distinct() -> None:
    first, second = json.loads(run("gitlab")), json.loads(run("gitlab"))
    assert [p["fingerprint"] for p in first] == [p["fingerprint"] for p in second]
    assert len({p["fingerprint"] for p in first}) == 2
    assert first[0]["severity"] == "major" and first[1]["severity"] == "minor"


def test_problem_lines_for_new() -> None:
    [line, _] = problem_lines(OUTCOME.problems, "en")
    assert line.startswith("PS004 error: The file is larger than 256 kB")
    assert line.endswith("[procspec rules PS004]")


MIXED = Outcome(
    [
        Problem(
            "processer/å b.yaml", 1, 1, "PS101", Severity.ERROR, "bell\a back\b cr\r ff\f", "a"
        ),
        Problem("processer/å b.yaml", 2, 3, "PS102", Severity.INFO, "tab\tnew\nline " * 30, "a"),
        Problem("processer/é\x1b[31m.yaml", 9, 2, "PS103", Severity.WARNING, "漢字 — 🙂", None),
    ],
    3,
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _text(stream: io.StringIO, prefix: str = "") -> str:
    FORMATTERS["text"](MIXED, "sv", stream, prefix)
    return stream.getvalue()


def test_text_to_a_pipe_is_rich_without_colours(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Written without rich, the report is what rich writes to a stream that is no terminal."""
    from procspec.reporting import formats

    for name in ("TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    plain = _text(io.StringIO(), prefix="d\x07ir/")
    lines: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(formats, "_coloured", lambda stream: True)
    monkeypatch.setattr(formats, "_print_styled", lambda got, stream: lines.extend(got))
    _text(io.StringIO(), prefix="d\x07ir/")
    monkeypatch.undo()
    styled = io.StringIO()  # no terminal: rich writes no colours
    formats._print_styled(lines, styled)
    assert plain == styled.getvalue()
    assert "\x07" not in plain and "\r" not in plain and "PS103" in plain


def test_text_is_coloured_in_a_terminal_or_when_asked(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    assert "\x1b[" in _text(Terminal())
    assert "\x1b[" not in _text(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in _text(io.StringIO())
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert "\x1b[" not in _text(Terminal())
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert "\x1b[" in _text(io.StringIO())
