"""The CI and pre-commit files `init` writes, checked by their own tools (no network needed).

GitHub's workflow against the GitHub workflow schema and .gitlab-ci.yml against GitLab's (both
vendored in check-jsonschema), the pre-commit config with `pre-commit validate-config` and by
running it, the project's .pre-commit-hooks.yaml with `pre-commit validate-manifest`; and
docs/ci.md shows exactly the files `init` writes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from procspec.features.scaffold import GITHUB_WORKFLOW, GITLAB_CI, PRE_COMMIT_CONFIG, init_files
from procspec.rendering.jinja import LOADER

from .conftest import GitRepo, init, procspec

PROJECT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("ci") / "repo"
    assert procspec("init", str(target), "--profile", "orebro").returncode == 0
    return target


def test_github_workflow_matches_its_schema(generated: Path) -> None:
    workflow = generated / GITHUB_WORKFLOW
    run("check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow))
    text = workflow.read_text(encoding="utf-8")
    assert "fetch-depth: 0" in text
    assert "procspec validate --format github" in text
    assert "procspec diff" in text and "--format md" in text
    assert "procspec render . --out site" in text
    assert "actions/upload-artifact" in text


def test_github_workflow_survives_forks_and_any_default_branch() -> None:
    """The comment step runs only when the token may write, never fails the job, and updates one
    comment; the job runs on the default branch whatever its name."""
    from ruamel.yaml import YAML

    text = init_files("orebro", None, date(2026, 11, 25))[GITHUB_WORKFLOW][1]
    workflow = YAML(typ="safe").load(text)
    assert "branches" not in (workflow["on"]["push"] or {})
    job = workflow["jobs"]["processer"]
    assert "github.event.repository.default_branch" in job["if"]
    steps = {s.get("name"): s for s in job["steps"]}
    comment = steps["Kommentera pull requesten"]
    assert comment["continue-on-error"] is True
    assert "head.repo.full_name == github.repository" in comment["if"]
    assert "<!-- procspec-diff -->" in comment["run"] and "PATCH" in comment["run"]
    assert steps["Beskriv ändringarna i processerna"]["continue-on-error"] is True
    assert "GITHUB_STEP_SUMMARY" in steps["Beskriv ändringarna i processerna"]["run"]
    assert "steps.install.outcome == 'success'" in steps["Validera"]["if"]


@pytest.mark.parametrize("source", ["git+https://git.example.org/it/procspec.git@v0.1.0", None])
def test_both_variants_match_their_schemas(tmp_path: Path, source: str | None) -> None:
    files = init_files("botkyrka", None, date(2026, 11, 25), source)
    for rel, schema in (
        (GITHUB_WORKFLOW, "vendor.github-workflows"),
        (GITLAB_CI, "vendor.gitlab-ci"),
    ):
        target = tmp_path / Path(rel).name
        target.write_text(files[rel][1], encoding="utf-8")
        run("check_jsonschema", "--builtin-schema", schema, str(target))


def test_gitlab_ci_matches_its_schema(generated: Path) -> None:
    gitlab = generated / GITLAB_CI
    run("check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(gitlab))
    text = gitlab.read_text(encoding="utf-8")
    assert 'GIT_DEPTH: "0"' in text
    assert "procspec validate --format gitlab > gl-code-quality-report.json" in text
    assert "codequality: gl-code-quality-report.json" in text
    assert "procspec diff --base" in text and "--format md" in text
    assert "procspec render . --out site" in text


def test_pre_commit_config_is_valid(generated: Path) -> None:
    run("pre_commit", "validate-config", str(generated / PRE_COMMIT_CONFIG))


def test_pre_commit_runs_procspec_validate(tmp_path: Path) -> None:
    """The generated hook runs the installed procspec: it passes on the new repository and
    fails once a process breaks a rule."""
    top = tmp_path / "work"
    init(top)
    assert procspec("init", "--profile", "orebro", cwd=top).returncode == 0
    repo = GitRepo(top, top)
    repo.git("add", "-A")
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    out = run("pre_commit", "run", "--all-files", cwd=top, env=env)
    assert "procspec validate" in out and "Passed" in out
    repo.replace(
        "processer/stodprocesser/betala-leverantörsfakturor.yaml",
        "namn: Betala leverantörsfakturor",
        "namn: Leverantörsfakturor",
    )
    repo.git("add", "-A")
    failed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=top,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert failed.returncode == 1
    assert "PS101" in failed.stdout


def test_project_pre_commit_hooks_manifest_is_valid() -> None:
    manifest = PROJECT / ".pre-commit-hooks.yaml"
    run("pre_commit", "validate-manifest", str(manifest))
    text = manifest.read_text(encoding="utf-8")
    assert "id: procspec-validate" in text
    assert "pass_filenames: false" in text
    assert "language: python" in text


def _block_after(markdown: str, heading: str) -> str:
    """The first ```yaml block after `heading` in docs/ci.md."""
    section = markdown[markdown.index(heading) :]
    found = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert found is not None, heading
    return found.group(1)


def test_docs_ci_shows_exactly_the_generated_files() -> None:
    docs = (PROJECT / "docs" / "ci.md").read_text(encoding="utf-8")
    files = init_files("orebro", None, date(2026, 11, 25))
    assert _block_after(docs, "## GitHub Actions") == files[GITHUB_WORKFLOW][1]
    assert _block_after(docs, "## GitLab CI") == files[GITLAB_CI][1]
    assert "templates/scaffold/repo/github-workflow.yml.j2" in docs


def test_the_package_loader_finds_the_scaffold_templates() -> None:
    names = set(LOADER.list_templates())
    assert "scaffold/process.yaml.j2" in names
    assert "scaffold/repo/github-workflow.yml.j2" in names
    assert "html/process.html" in names
