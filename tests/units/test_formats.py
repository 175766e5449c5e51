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
