"""The command line's conventions: -h, -V, shell completion, `rules --format json` in validate's
words, counts of the files with problems, and whole lines when the output is piped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from procspec import __version__

from ..conftest import copy_example

ENV = {**os.environ, "PROCSPEC_TODAY": "2026-11-25", "NO_COLOR": "1"}
ENV.pop("COLUMNS", None)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "procspec", *args],
        capture_output=True, text=True, env={**ENV, **(env or {})}, check=False,
    )  # fmt: skip


def test_short_help_and_version() -> None:
    for args in (["-h"], ["--help"], ["validate", "-h"]):
        done = run(*args)
        assert done.returncode == 0 and "Användning:" in done.stdout, args
    assert run("-V").stdout == f"procspec {__version__}\n"
    assert run("--version").stdout == f"procspec {__version__}\n"


def test_shell_completion() -> None:
    assert "--install-completion" in run("--help").stdout
    shown = run("--show-completion", "bash")
    assert shown.returncode == 0 and "_procspec_completion" in shown.stdout
    commands = run(env={"_PROCSPEC_COMPLETE": "complete_bash", "COMP_WORDS": "procspec val",
                        "COMP_CWORD": "1"})  # fmt: skip
    assert commands.stdout.split() == ["validate"]
    options = run(env={"_PROCSPEC_COMPLETE": "complete_bash",
                       "COMP_WORDS": "procspec rules --fo", "COMP_CWORD": "2"})  # fmt: skip
    assert "--format" in options.stdout.split()


def test_rules_as_json_and_in_validates_words() -> None:
    done = run("rules", "--format", "json")
    assert done.returncode == 0
    rules = json.loads(done.stdout)
    assert {r["code"] for r in rules} >= {"PS001", "PS101", "PS401"}
    assert {r["severity"] for r in rules} <= {"error", "warning", "info"}
    assert all(r["title"] and r["source"] and r["doc"] for r in rules)
    [one] = json.loads(run("rules", "PS101", "--format", "json").stdout)
    assert one["code"] == "PS101"
    assert run("rules", "PS999", "--format", "json").returncode == 2
    table = run("rules").stdout
    assert "│ fel " in table and "│ error " not in table


def test_the_count_says_how_many_files_have_problems(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    target = root / "processer" / "följa-upp-budget.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("anna.berg", "anna.bergg", 1),
                      encoding="utf-8")  # fmt: skip
    done = run("validate", str(root))
    assert done.returncode == 1
    # PS204 in the process file and PS602 (no git history) on procspec.yaml: 2 of 4 files.
    assert "1 fel, 0 varningar, 1 info i 2 av 4 filer." in done.stdout, done.stdout


def test_piped_output_is_not_wrapped(make_repo: Callable[[str], Path]) -> None:
    root = make_repo("orebro")
    long_name = "ett-mycket-långt-processnamn-som-gör-raden-längre-än-åttio-tecken-i-terminalen"
    target = root / "processer" / "följa-upp-budget.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("syfte: ", f"syfte: {long_name} ", 1), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    done = run("diff", str(root), "--format", "text")
    assert done.returncode == 0, done.stderr
    assert long_name in done.stdout
    assert any(len(line) > 100 for line in done.stdout.splitlines())


MACHINE_FORMATS = [
    ["validate", "{root}", "--format", "json"],
    ["validate", "{root}", "--format", "github"],
    ["validate", "{root}", "--format", "gitlab"],
    ["list", "{root}", "--format", "json"],
    ["goals", "{root}", "--format", "json"],
    ["goals", "{root}", "--format", "csv"],
    ["status", "{root}", "--format", "json"],
    ["rules", "--format", "json"],
    ["rules", "--format", "md"],
    ["schema"],
    ["codeowners", "{root}"],
    ["bpmn", "export", "placera-barn-i-förskola", "--repo", "{root}"],
    ["diff", "{root}", "--format", "json"],
    ["diff", "{root}", "--format", "md"],
]
"""Output documented as a file format, and so always UTF-8."""


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_machine_formats_are_utf8_whatever_the_locale(tmp_path: Path, encoding: str) -> None:
    # An ASCII or Latin-1 locale once made 'möjliggöra' 'm?jliggöra' in json (paths that do not
    # exist), and a BPMN file that declares UTF-8 was written in Latin-1.
    root = copy_example("botkyrka", tmp_path / "botkyrka")
    (root / "processer" / "stodprocesser" / "fakturera-avgifter.yaml").unlink()  # for the diff
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for args in MACHINE_FORMATS:
        filled = [a.replace("{root}", str(root)) for a in args]
        runs = [
            subprocess.run(
                [sys.executable, "-m", "procspec", *filled],
                capture_output=True,
                check=False,
                env={**ENV, "PYTHONIOENCODING": chosen},
            )  # fmt: skip
            for chosen in ("utf-8", encoding)
        ]
        assert runs[0].returncode in (0, 1), (args, runs[0].stderr)
        assert "ö".encode() in runs[0].stdout, args
        assert runs[1].stdout == runs[0].stdout, args
        assert runs[1].returncode == runs[0].returncode, args


def test_text_for_a_person_shows_what_the_terminal_can(make_repo: Callable[[str], Path]) -> None:
    # The report is for a terminal that cannot show 'ö': it is replaced, never a failure.
    root = make_repo("orebro")
    done = run("validate", str(root), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert "hoppades ?ver" in done.stdout  # PS602: no git history
