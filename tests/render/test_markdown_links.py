"""Every link in the Markdown output resolves: both examples rendered with `--format md`, parsed
with markdown-it-py, each relative link's file and anchor found; and mkdocs builds the output with
`--strict`, with its anchor validation turned up to a warning."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..conftest import EXAMPLES, TODAY
from .conftest import procspec

ANCHOR = re.compile(r"<a\s+id=\"([^\"]+)\"\s*>", re.IGNORECASE)
PARSER = MarkdownIt("commonmark").enable("table")


@pytest.fixture(scope="module", params=["botkyrka", "orebro"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("md") / request.param
    done = procspec("render", str(EXAMPLES / request.param), "--out", str(out), "--format", "md",
                    "--today", TODAY.isoformat())  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def _walk(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        if token.children:
            found.extend(_walk(token.children))
    return found


def _anchors_and_links(text: str) -> tuple[set[str], list[str]]:
    anchors: set[str] = set()
    links: list[str] = []
    for token in _walk(PARSER.parse(text)):
        if token.type in ("html_inline", "html_block"):
            anchors.update(ANCHOR.findall(token.content))
        elif token.type == "link_open":
            links.append(str(token.attrs["href"]))
        elif token.type == "image":
            links.append(str(token.attrs["src"]))
    return anchors, links


def test_every_link_and_anchor_resolves(rendered: Path) -> None:
    pages = {p.relative_to(rendered).as_posix(): p.read_text(encoding="utf-8")
             for p in rendered.rglob("*.md")}  # fmt: skip
    parsed = {name: _anchors_and_links(text) for name, text in pages.items()}
    checked = 0
    broken: list[str] = []
    for name, (_, links) in parsed.items():
        for href in links:
            parts = urlsplit(href)
            if parts.scheme in ("mailto", "http", "https"):
                continue
            assert not parts.scheme, f"{name}: {href}"
            target = name if not parts.path else unquote(parts.path)
            target = (Path(name).parent / target).as_posix() if parts.path else target
            if target not in pages and not (rendered / target).is_file():
                broken.append(f"{name}: {href} (no file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and fragment not in parsed.get(target, (set(), []))[0]:
                broken.append(f"{name}: {href} (no anchor)")
            checked += 1
    assert not broken, "\n".join(broken)
    assert checked > 100
    assert any("#aktivitet-" in href for _, links in parsed.values() for href in links)


def test_mkdocs_builds_the_output_strictly(rendered: Path, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Processer\n"
        f"docs_dir: {rendered}\n"
        f"site_dir: {tmp_path / 'site'}\n"
        "validation:\n"
        "  omitted_files: warn\n"
        "  absolute_links: warn\n"
        "  unrecognized_links: warn\n"
        "  anchors: warn\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
