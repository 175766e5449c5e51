"""`render --fragment` for a CMS: every id, class and id reference carries the `ps-` prefix, links
between the documents are absolute below `publicering.bas_url`, a scoped stylesheet ships with
the fragments, and `--fragment --format md` is a usage error."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from procspec.rendering.fragment import scope_html

from ..conftest import EXAMPLES, TODAY, copy_example
from .conftest import procspec

BASE = "https://intranat.example.org/processer/"
FLOW_MAPS = Path(__file__).parent / "flow" / "maps"
NAMES = re.compile(r"\s(id|class|for|aria-labelledby|aria-describedby)=\"([^\"]*)\"")
HREF = re.compile(r"\shref=\"([^\"]*)\"")


@pytest.fixture(scope="module")
def fragments(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = copy_example("botkyrka", tmp_path_factory.mktemp("src") / "botkyrka")
    settings = source / "procspec.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "bas_url:" in text
    text = re.sub(r"bas_url: .*", "bas_url: https://intranat.example.org/processer", text)
    settings.write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("out") / "site"
    done = procspec("render", str(source), "--out", str(out), "--fragment",
                    "--today", TODAY.isoformat())  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def test_every_name_carries_the_prefix(fragments: Path) -> None:
    pages = sorted(fragments.glob("*.html"))
    assert len(pages) > 10
    seen = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith('<div class="ps-dokument">'), page.name
        for attribute, value in NAMES.findall(text):
            for token in value.split():
                assert token.startswith("ps-"), (page.name, attribute, token)
                seen += 1
    assert seen > 500


def test_svg_references_follow_the_prefixed_ids() -> None:
    """A processkarta's arrows (`marker-end="url(#…)"`) point at the renamed markers."""
    from ruamel.yaml import YAML

    from procspec.reading.model import FlowMap
    from procspec.rendering.flowlayout import layout_flow
    from procspec.rendering.flowsvg import render_flow_svg

    data = YAML(typ="safe").load((FLOW_MAPS / "faktura.yaml").read_text(encoding="utf-8"))
    svg = render_flow_svg(layout_flow(FlowMap.model_validate(data)), title="Processkarta",
                          description="Flödet.", links={})  # fmt: skip
    scoped = scope_html(str(svg))
    ids = set(re.findall(r'\sid="([^"]*)"', scoped))
    refs = re.findall(r"url\(#([^)]+)\)", scoped)
    assert refs and all(ref in ids and ref.startswith("ps-") for ref in refs), refs
    labelled = re.findall(r'aria-labelledby="([^"]*)"', scoped)
    assert labelled and all(i in ids for value in labelled for i in value.split())


def test_links_are_absolute_below_the_base_url(fragments: Path) -> None:
    ids = {p.name: set(re.findall(r'\sid="([^"]*)"', p.read_text(encoding="utf-8")))
           for p in fragments.glob("*.html")}  # fmt: skip
    checked = 0
    for page in fragments.glob("*.html"):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if href.startswith("mailto:") or (href.startswith("https://") and BASE not in href):
                continue  # an address, or a link the process file itself gives
            if href.startswith("#"):
                assert href[1:] in ids[page.name], (page.name, href)
                continue
            assert href.startswith(BASE), (page.name, href)
            name, _, anchor = href[len(BASE) :].partition("#")
            assert name in ids, (page.name, href)
            assert not anchor or anchor in ids[name], (page.name, href)
            checked += 1
    assert checked > 100


def test_the_stylesheet_is_scoped_and_styles_the_fragment_names(fragments: Path) -> None:
    css = (fragments / "procspec.css").read_text(encoding="utf-8")
    used = {token for page in fragments.glob("*.html")
            for attribute, value in NAMES.findall(page.read_text(encoding="utf-8"))
            if attribute == "class" for token in value.split()}  # fmt: skip
    for line in css.splitlines():
        if "{" not in line or line.lstrip().startswith("@"):
            continue
        for selector in line.split("{", 1)[0].split(","):
            assert selector.strip().startswith(".ps-dokument"), line
        for name in re.findall(r"\.([\w-]+)", line.split("{", 1)[0]):
            assert name.startswith("ps-"), line
    assert "@page" not in css
    for name in ("ps-meta", "ps-badge", "ps-facts", "ps-docnav"):
        assert name in used and f".{name}" in css, name


def test_fragment_with_markdown_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    done = procspec("render", str(EXAMPLES / "orebro"), "--out", str(out), "--fragment",
                    "--format", "md")  # fmt: skip
    assert done.returncode == 2
    assert "--fragment" in done.stderr and "HTML" in done.stderr
    assert not out.exists()


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser reads them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "base",
    ['https://x.example/"><script>alert(1)</script>/', "https://x.example/<svg/onload=alert(1)>"],
)
def test_a_base_url_with_markup_is_refused(tmp_path: Path, base: str) -> None:
    source = copy_example("botkyrka", tmp_path / "botkyrka")
    settings = source / "procspec.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"bas_url: .*", f"bas_url: '{base}'", text), encoding="utf-8")
    done = procspec("validate", str(source), "--no-cache")
    assert done.returncode == 2, done.stderr  # procspec.yaml cannot be used
    assert "procspec.yaml:8:12 PS007 fel: 'bas_url' ska vara en webbadress" in done.stderr
    assert "utan mellanslag, citattecken, < eller >" in done.stderr
    out = tmp_path / "ut"
    assert procspec("render", str(source), "--out", str(out), "--fragment").returncode == 2
    assert not out.exists()


def test_the_base_url_and_the_links_are_escaped_in_the_fragment() -> None:
    # Whatever reaches the rewrite: a base URL with markup stays inside the attribute, and a
    # relative link's '"' and "'" (escaped as &#34; and &#39;) are no anchors.
    page = (
        '<p><a href="dok/x.pdf&#34;y&#39;z.pdf#del">a</a>'
        '<a href="#avsnitt">b</a><a href="mailto:a@example.org">c</a></p>'
    )
    scoped = scope_html(page, 'https://x.example/"><script>alert(1)</script>/')
    tags = _Tags(scoped).tags
    assert [tag for tag, _ in tags] == ["p", "a", "a", "a"]
    assert [set(attrs) for _, attrs in tags[1:]] == [{"href"}] * 3
    assert [attrs["href"] for _, attrs in tags[1:]] == [
        'https://x.example/"><script>alert(1)</script>/dok/x.pdf"y\'z.pdf#ps-del',
        "#ps-avsnitt",
        "mailto:a@example.org",
    ]
