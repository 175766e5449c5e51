"""The command line's own words (Click's and typer's too) in Swedish, or in English on request."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from procspec.cli.app import app
from procspec.cli.language import EXACT, click_words
from procspec.messages import catalogue

from ..conftest import REPOS

ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|No such|Missing|Error|Try |"
    r"\[OPTIONS\]|COMMAND|<path>|default:|env var|required|Invalid value|is not one of|"
    r"Install completion|Show completion|current shell|Did you mean|Got unexpected|"
    r"completion installed|take effect"
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
        ["init", "ny"],
        ["schema", "extra"],
        ["valid"],
        ["validate", "--strikt"],
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


def test_a_suggestion_and_an_extra_argument_read_right(tmp_path: Path) -> None:
    # typer (vendoring Click) says "argument(s)" and adds "Did you mean" after its own words.
    assert run("valid", cwd=tmp_path).stderr.splitlines()[-1] == (
        "Fel: Kommandot 'valid' finns inte. Menade du 'validate'?"
    )
    assert run("schema", "extra", cwd=tmp_path).stderr.splitlines()[-1] == (
        "Fel: Oväntat argument (extra)."
    )
    english = run("valid", cwd=tmp_path, PROCSPEC_LANGUAGE="en").stderr.splitlines()[-1]
    assert english == "Error: No such command 'valid'. Did you mean 'validate'?"


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        ("Got unexpected extra argument(s) (a b)", "Oväntat argument (a b)."),
        ("Got unexpected extra argument (a)", "Oväntat argument (a)."),
        ("Got unexpected extra arguments (a b)", "Oväntat argument (a b)."),
        ("No such command 'valid'. Did you mean 'validate'?",
         "Kommandot 'valid' finns inte. Menade du 'validate'?"),
        ("No such command 'x'. (Did you mean one of: 'a', 'b'?)",
         "Kommandot 'x' finns inte. Menade du 'a', 'b'?"),
        ("No such option '--strikt'.", "Flaggan --strikt finns inte."),
        ("No such option '--strikt'. Did you mean '--strict'?",
         "Flaggan --strikt finns inte. Menade du '--strict'?"),
    ],
)  # fmt: skip
def test_click_and_typer_wordings_alike(english: str, swedish: str) -> None:
    # Click itself and the Click typer vendors word some messages differently.
    assert click_words(english, "sv") == swedish


def test_install_completion_says_what_it_did_in_swedish(tmp_path: Path) -> None:
    # HOME is a temporary folder: the installation writes the shell's start-up file there.
    done = run(
        "--install-completion", "bash", cwd=tmp_path, HOME=str(tmp_path),
        _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    script = tmp_path / ".bash_completions" / "procspec.sh"
    assert done.stdout == (
        f"Kompletteringen för bash är installerad i {script}. Den börjar gälla när du startar om "
        "terminalen.\n"
    )
    assert script.is_file() and str(script) in (tmp_path / ".bashrc").read_text()


@pytest.mark.skipif(shutil.which("dash") is None, reason="needs a shell with no completion")
def test_install_completion_in_a_shell_without_completion(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k != "PROCSPEC_LANGUAGE"}
    done = subprocess.run(
        ["dash", "-c", '"$0" -m procspec --install-completion; exit $?', sys.executable],
        capture_output=True, text=True, cwd=tmp_path, check=False,
        env={**environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("procspec: Skalet 'dash' har ingen komplettering."), done.stderr
    assert list(tmp_path.iterdir()) == []


def test_english_on_request(tmp_path: Path) -> None:
    done = run("validate", "--bogus", cwd=tmp_path, PROCSPEC_LANGUAGE="en")
    assert "Usage: procspec validate [OPTIONS]" in done.stderr
    assert "Error: No such option: --bogus" in done.stderr


def test_a_missing_choice_lists_the_choices_on_one_line(tmp_path: Path) -> None:
    done = run("init", "ny", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[-1]
        == "Fel: Flaggan '--profile' saknas. Välj ett av: botkyrka, orebro."
    )
    done = run("init", "ny", cwd=tmp_path, PROCSPEC_LANGUAGE="en")
    assert (
        done.stderr.splitlines()[-1]
        == "Error: Missing option '--profile'. Choose from: botkyrka, orebro."
    )
    assert not (tmp_path / "ny").exists()


def test_english_in_an_english_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPOS / "orebro", root)
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", encoding="utf-8")
    assert "Options:" in run("--help", cwd=root).stdout
    assert "Missing argument 'ID'." in run("show", cwd=root).stderr


HELP_RUNS = [
    ["--help"],
    ["validate", "--help"],
    ["render", "--help"],
    ["init", "--help"],
    ["status", "--help"],
    ["bpmn", "export", "--help"],
]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _found(words: list[str], text: str) -> list[str]:
    flat = _flat(text)
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", flat)]


def _own_words(lang: str) -> list[str]:
    """procspec's own help and metavars in `lang`, where the languages differ."""
    other = "en" if lang == "sv" else "sv"
    words, others = catalogue(lang), catalogue(other)
    return [
        _flat(words[key])
        for key in words
        if key.startswith(("help.", "metavar.")) and words[key] != others[key]
    ]


@pytest.mark.parametrize("args", HELP_RUNS)
def test_english_help_has_no_swedish(args: list[str], tmp_path: Path) -> None:
    shown = run(*args, cwd=tmp_path, PROCSPEC_LANGUAGE="en").stdout
    assert "Options:" in shown
    assert not re.search("[åäöÅÄÖ]", shown), shown
    assert not _found(_own_words("sv"), shown)


@pytest.mark.parametrize("args", HELP_RUNS)
def test_swedish_help_has_no_english(args: list[str], tmp_path: Path) -> None:
    shown = run(*args, cwd=tmp_path, PROCSPEC_LANGUAGE="sv").stdout
    assert "Flaggor:" in shown
    assert not ENGLISH.search(shown), shown
    assert not _found(_own_words("en"), shown)


def test_english_help_in_an_english_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPOS / "orebro", root)
    settings = root / "procspec.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "språk: en\n", encoding="utf-8")
    shown = run("validate", "--help", cwd=root).stdout
    assert "--debug" not in shown and "Output format." in shown
    assert "Usage: procspec validate [OPTIONS] [PATH]" in shown
    assert "Show the full traceback" in run("--help", cwd=root).stdout


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def test_every_help_and_metavar_is_a_catalogue_key() -> None:
    """No option, argument or command of procspec's carries words of its own: each help and
    metavar is a `help.*` / `metavar.*` key with words in both catalogues."""
    swedish, english = catalogue("sv"), catalogue("en")
    seen = 0
    for command in _commands(typer.main.get_command(app)):
        texts = [command.help] + [getattr(p, "help", None) for p in command.params]
        texts += [p.metavar for p in command.params]
        for value in texts:
            if value is None or value in EXACT or value in ("ID", "REV"):
                continue
            assert value.startswith(("help.", "metavar.")), value
            assert swedish.get(value) and english.get(value), value
            seen += 1
    assert seen > 50
