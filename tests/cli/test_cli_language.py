"""The command line's own words (Click's and typer's too) in Swedish, or in English on request."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPOS

ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|No such|Missing|Error|Try |"
    r"\[OPTIONS\]|COMMAND|<path>|default:|env var|required|Invalid value|is not one of|"
    r"Install completion|Show completion|current shell"
)
"""Click's and typer's English, which a Swedish run never shows."""


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PROCSPEC_LANGUAGE"}
    return subprocess.run(
        [sys.executable, "-m", "procspec", *args],
        capture_output=True,
        text=True,
        env={**environ, "COLUMNS": "200", "NO_COLOR": "1", **env},
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["validate", "--help"],
        ["status", "--help"],
        ["bpmn", "--help"],
        ["validate", "--bogus"],
        ["validate", ".", "--format", "xml"],
        ["show"],
        ["bogus"],
        ["status", "--below-maturity", "x"],
    ],
)
def test_no_english_in_a_swedish_run(args: list[str], tmp_path: Path) -> None:
    done = run(*args, cwd=tmp_path)
    shown = done.stdout + done.stderr
    assert not ENGLISH.search(shown), shown


def test_the_swedish_help_and_error_read_right(tmp_path: Path) -> None:
    help_text = run("--help", cwd=tmp_path).stdout
    assert help_text.startswith("Användning: procspec [FLAGGOR] KOMMANDO [ARGUMENT]...")
    assert "Flaggor:" in help_text and "Kommandon:" in help_text
    assert "Visa den här hjälpen och avsluta." in help_text
    bad = run("validate", "--bogus", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.splitlines()[1:] == [
        "Kör 'procspec validate --help' för hjälp.",
        "",
        "Fel: Flaggan --bogus finns inte.",
    ]


def test_english_on_request(tmp_path: Path) -> None:
    done = run("validate", "--bogus", cwd=tmp_path, PROCSPEC_LANGUAGE="en")
    assert "Usage: procspec validate [OPTIONS]" in done.stderr
    assert "Error: No such option: --bogus" in done.stderr


def test_english_in_an_english_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPOS / "orebro", root)
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", encoding="utf-8")
    assert "Options:" in run("--help", cwd=root).stdout
    assert "Missing argument 'ID'." in run("show", cwd=root).stderr
