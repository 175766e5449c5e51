"""`init --install-source`: every generated file installs one fixed version of procspec, never the
bare name of somebody else's package; without a source, CI stops with an explanation. The CI
scripts run here in bash as the runners run them, with real failing network calls."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from procspec.errors import UsageError
from procspec.features.install_source import check_source
from procspec.features.scaffold import GITHUB_WORKFLOW, GITLAB_CI, init_files

from .conftest import GitRepo, init, procspec

TODAY = date(2026, 11, 25)
PINNED = (
    "git+https://git.example.org/it/procspec.git@v0.1.0",
    "git+ssh://git@git.example.org/it/procspec.git@3f2c1a9d0b",
    "https://pypi.example.org/packages/procspec_kommun-0.1.0-py3-none-any.whl",
    "./verktyg/procspec_kommun-0.1.0-py3-none-any.whl",
    "procspec-kommun==0.1.0",
)
UNPINNED = (
    "procspec",
    "procspec-kommun",
    "procspec-kommun>=0.1",
    "git+https://git.example.org/it/procspec.git",
    "https://git.example.org/it/procspec",
    "git+https://x.example.org/p.git@v1 ; rm -rf /",
    'git+https://x.example.org/p.git@v1"',
    "git+https://x.example.org/p.git@$TAG",
    "",
)
BARE_INSTALL = re.compile(r"pip install (procspec|procspec-kommun)\s*$", re.MULTILINE)


@pytest.mark.parametrize("source", PINNED)
def test_a_pinned_source_is_written_into_every_generated_file(source: str) -> None:
    files = init_files("orebro", None, TODAY, source)
    for rel in (GITHUB_WORKFLOW, GITLAB_CI, "README.md"):
        text = files[rel][1]
        assert source in text, rel
        assert not BARE_INSTALL.search(text), rel
    workflow = YAML(typ="safe").load(files[GITHUB_WORKFLOW][1])
    assert workflow["env"]["PROCSPEC_INSTALL"] == source
    gitlab = YAML(typ="safe").load(files[GITLAB_CI][1])
    assert gitlab["procspec"]["variables"]["PROCSPEC_INSTALL"] == source


@pytest.mark.parametrize("source", UNPINNED)
def test_an_unpinned_or_unsafe_source_is_refused(source: str) -> None:
    with pytest.raises(UsageError):
        check_source(source)


def test_init_refuses_the_bare_name_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    done = procspec("init", str(target), "--profile", "orebro", "--install-source", "procspec")
    assert done.returncode == 2
    assert "annat projekt" in done.stderr and "procspec-kommun==VERSION" in done.stderr
    assert not target.exists()


def test_without_a_source_the_setting_is_marked_and_never_the_bare_name() -> None:
    files = init_files("botkyrka", None, TODAY)
    for rel in (GITHUB_WORKFLOW, GITLAB_CI, "README.md"):
        assert "ÄNDRA" in files[rel][1], rel
        assert not BARE_INSTALL.search(files[rel][1]), rel
    assert YAML(typ="safe").load(files[GITHUB_WORKFLOW][1])["env"]["PROCSPEC_INSTALL"] == ""


def _bash(
    script: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a CI script as the runners do (bash, errexit and pipefail)."""
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def test_github_install_step_stops_with_an_explanation_without_a_source() -> None:
    workflow = YAML(typ="safe").load(init_files("orebro", None, TODAY)[GITHUB_WORKFLOW][1])
    step = next(s for s in workflow["jobs"]["processer"]["steps"] if s.get("id") == "install")
    done = _bash(step["run"], {"PROCSPEC_INSTALL": workflow["env"]["PROCSPEC_INSTALL"]})
    assert done.returncode == 1
    assert done.stdout.startswith("::error title=procspec::")
    assert "PROCSPEC_INSTALL" in done.stdout and "docs/ci.md" in done.stdout


def test_gitlab_before_script_stops_with_an_explanation_without_a_source() -> None:
    job = YAML(typ="safe").load(init_files("orebro", None, TODAY)[GITLAB_CI][1])["procspec"]
    check = next(s for s in job["before_script"] if "PROCSPEC_INSTALL" in s and "-z" in s)
    done = _bash(check, {"PROCSPEC_INSTALL": job["variables"]["PROCSPEC_INSTALL"]})
    assert done.returncode == 1
    assert "PROCSPEC_INSTALL" in done.stderr and "docs/ci.md" in done.stderr


def test_a_failing_gitlab_comment_never_stops_validation(tmp_path: Path) -> None:
    """The merge request script with a token and an API that refuses the connection: the comment
    fails, the script goes on, and the validation after it runs."""
    top = tmp_path / "work"
    init(top)
    assert procspec("init", "--profile", "orebro", cwd=top).returncode == 0
    repo = GitRepo(top, top)
    base = repo.commit("Skapa förrådet")
    repo.replace(
        "processer/stodprocesser/betala-leverantörsfakturor.yaml",
        "namn: Betala leverantörsfakturor",
        "namn: Betala leverantörsfakturor i tid",
    )
    repo.commit("Byt namn")
    job = YAML(typ="safe").load((top / GITLAB_CI).read_text(encoding="utf-8"))["procspec"]
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "PROCSPEC_TOKEN": "glpat-example",
        "CI_API_V4_URL": "http://127.0.0.1:9/api/v4",
        "CI_PROJECT_ID": "1",
        "PROCSPEC_TODAY": "2026-11-25",
    }
    comment, *rest = job["script"]
    done = _bash(comment, env, cwd=top)
    assert done.returncode == 0, done.stderr
    assert "kunde inte kommentera" in done.stderr
    assert (
        (top / "procspec-comment.md")
        .read_text(encoding="utf-8")
        .startswith("<!-- procspec-diff -->\n")
    )
    validate = next(s for s in rest if s.strip() == "procspec validate")
    assert _bash(validate, env, cwd=top).returncode == 0
