"""Rendered pages in a real headless Chromium (axe-core) and the Nu Html Checker (vnu).

Set up once per machine (`.ci/run` does both):

    apt-get install chromium          # Debian's Chromium, /usr/bin/chromium
    npm ci --prefix tests/browser     # axe-core and vnu-jar (Java runs vnu.jar)

A missing tool fails these tests with the command that installs it; they are never skipped.
Screenshots of every page kind are written to `$PROCSPEC_SCREENSHOTS` (default: a temporary folder,
printed in the test output) so that a person can look at them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, TODAY, copy_example

HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Flags for a sandboxed machine without network: no first-run, no background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETUP = "apt-get install chromium && npm ci --prefix tests/browser"


def chromium_path() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"Chromium is not installed; run: {SETUP}")


@dataclass(frozen=True)
class Site:
    """One example rendered as HTML."""

    name: str
    out: Path

    def pages(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def render(source: Path, out: Path) -> Site:
    """Render a repository with the real command line, as a user would."""
    done = subprocess.run(
        [sys.executable, "-m", "procspec", "render", str(source), "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PROCSPEC_TODAY": TODAY.isoformat()},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return Site(source.name, out)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> list[Site]:
    """Both examples rendered from the checkout (with their git history), and Örebro in English."""
    base = tmp_path_factory.mktemp("sites")
    rendered = [render(EXAMPLES / name, base / name) for name in ("botkyrka", "orebro")]
    english = copy_example("orebro", base / "orebro-en-src")
    settings = english / "procspec.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("språk: sv", "språk: en"), encoding="utf-8")
    assert "språk: en" in settings.read_text(encoding="utf-8")
    rendered.append(render(english, base / "orebro-en"))
    return rendered


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("PROCSPEC_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {path}")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed; run: {SETUP}")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    if not VNU.is_file():
        pytest.fail(f"vnu-jar is not installed; run: {SETUP}")
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu Html Checker (apt-get install default-jre-headless)")
    return VNU
