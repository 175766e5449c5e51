"""Links through encodings: `dokument.länk` is judged on its decoded, normalised form (WHATWG URL
parsing, HTML character references), and what render writes cannot become a live `javascript:`
link in a browser or in a Markdown converter (Python-Markdown, which mkdocs uses)."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from procspec.reading.links import is_allowed, md_destination, normalise, scheme

from ..conftest import REPOS
from .conftest import assert_no_traceback, run_cli, snapshot

SPEC = "processer/följa-upp-budget.yaml"

HOSTILE = [
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "javascript&amp;colon;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \x01javascript:alert(1)",
    "&#1;javascript:alert(1)",
    "&#32;javascript:alert(1)",
    "javascript%3Aalert(1)",
    "vbscript&#58;msgbox(1)",
    "data&colon;text/html;base64,PHNjcmlwdD4=",
    "&sol;&sol;evil.example",
    "&#47;/evil.example",
    "/&#92;evil.example",
    "/&bsol;evil.example",
    "https&colon;evil.example",
    "https:///evil.example",
    "file:///etc/passwd",
    "mailto:",
    "mailto:javascript:alert(1)",
    "ht&#x09;tps://ok.example",
    "https://ok.example/&#x202E;fdp.exe",
    "&lt;javascript:alert(1)&gt;",
    "https://[::1/rutin.pdf",
]
FRIENDLY = [
    "https://intranat.example.org/rutiner/a.pdf?x=1&y=2",
    "http://example.org",
    "rutiner/checklista.pdf",
    "../mallar/mall (ny).docx",
    "#avsnitt",
    "/dokument/a b.pdf",
    "mailto:ekonomi@example.org",
    "https://intranat.example.org/s?q=a&amp;b",
]


def _repo(tmp_path: Path, link: str) -> Path:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    spec = root / SPEC
    quoted = json.dumps(link, ensure_ascii=True)  # a YAML 1.2 double-quoted scalar
    spec.write_text(
        spec.read_text(encoding="utf-8") + f"dokument:\n  - titel: Rutin\n    länk: {quoted}\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize("link", HOSTILE)
def test_encoded_schemes_are_refused(link: str) -> None:
    assert not is_allowed(link), (link, normalise(link))


@pytest.mark.parametrize("link", FRIENDLY)
def test_ordinary_links_are_allowed(link: str) -> None:
    assert is_allowed(link), link


@pytest.mark.parametrize("link", HOSTILE[:8])
def test_validate_points_at_the_link(tmp_path: Path, link: str) -> None:
    root = _repo(tmp_path, link)
    result = run_cli("validate", str(root), "--format", "json")
    assert_no_traceback(result)
    assert result.exit == 1
    found = {
        (p["path"], p["line"], p["column"], p["code"])
        for p in json.loads(result.stdout)["problems"]
    }
    assert (SPEC, 44, 11, "PS007") in found, found


@pytest.mark.parametrize("link", HOSTILE[:8])
def test_render_refuses_and_writes_nothing(tmp_path: Path, link: str) -> None:
    root = _repo(tmp_path, link)
    before = snapshot(tmp_path)
    result = run_cli("render", str(root), "--out", str(tmp_path / "ut"), "--format", "md")
    assert_no_traceback(result)
    assert result.exit == 1
    assert snapshot(tmp_path) == before


class _Hrefs(HTMLParser):
    """Every href and src, decoded as a browser decodes an attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in ("href", "src", "xlink:href") and v is not None]


def hrefs(html_text: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html_text)
    return parser.found


def assert_allowed_href(href: str) -> None:
    url = normalise(href)
    assert url is not None and scheme(url) in (None, "http", "https", "mailto"), href
    assert not url.startswith("//"), href


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_every_rendered_link_has_an_allowed_scheme(tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    spec = root / SPEC
    items = "".join(
        f"  - titel: Rutin {i}\n    länk: {json.dumps(link)}\n" for i, link in enumerate(FRIENDLY)
    )
    spec.write_text(spec.read_text(encoding="utf-8") + "dokument:\n" + items, encoding="utf-8")
    out = tmp_path / "ut"
    result = run_cli("render", str(root), "--out", str(out), "--format", fmt)
    assert result.exit == 0, result.output
    pages = sorted(out.rglob(f"*.{fmt}"))
    assert pages
    seen: list[str] = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        html_text = markdown.markdown(text, extensions=["tables"]) if fmt == "md" else text
        for href in hrefs(html_text):
            assert_allowed_href(href)
            seen.append(href)
    # The documents' links arrive as they were judged (`&amp;` decoded once, by the consumer).
    assert "https://intranat.example.org/rutiner/a.pdf?x=1&y=2" in seen
    assert "https://intranat.example.org/s?q=a&b" in seen
    assert any(h.startswith("mailto:ekonomi@example.org") for h in seen)


ENCODED = [link for link in HOSTILE if "&" in link]


@pytest.mark.parametrize("link", [*ENCODED, "a)(javascript:alert(1)", "x<y>z", "a b&c\"d'e"])
def test_markdown_destination_cannot_decode_into_a_scheme(link: str) -> None:
    """Defence in depth: written raw, without validate, an encoded scheme stays encoded (`&` is
    written `&amp;`), and nothing can end the destination and start another link."""
    html_text = markdown.markdown(f"[Rutin]({md_destination(link)})")
    found = hrefs(html_text)  # decoded once, as a browser decodes an attribute
    assert len(found) == 1, html_text
    url = re.sub("[\t\n\r]", "", found[0].strip("".join(map(chr, range(0x21)))))
    assert scheme(url) in (None, "http", "https", "mailto"), (link, found)


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)//",
        "java&#115;cript:alert(1)",
        "//evil.example/",
        "processer/",
        "data:x,y",
        "https://[::1/processer/",
    ],
)
def test_the_publishing_address_is_a_web_address(tmp_path: Path, address: str) -> None:
    """`publicering.bas_url` goes into the Atom feed's links: http(s) only, judged decoded."""
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    settings = root / "procspec.yaml"
    settings.write_text(
        settings.read_text("utf-8") + f"publicering:\n  bas_url: {json.dumps(address)}\n", "utf-8"
    )
    before = snapshot(tmp_path)
    result = run_cli("render", str(root), "--out", str(tmp_path / "ut"))
    assert_no_traceback(result)
    assert result.exit == 2 and "bas_url" in result.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("args", [[], ["--fragment"], ["--format", "md"]])
def test_an_address_the_url_parser_refuses_is_a_problem_not_a_crash(
    tmp_path: Path, args: list[str]
) -> None:
    """`https://[::1/x` (a host in `[` without its `]`) is refused by Python's URL parser, which
    makes the pages' links: it is a problem on the link, in Swedish, and nothing is written."""
    root = _repo(tmp_path, "https://[::1/rutin.pdf")
    result = run_cli("validate", str(root), "--format", "json")
    assert result.exit == 1
    found = [p for p in json.loads(result.stdout)["problems"] if p["path"] == SPEC]
    assert [(p["code"], p["line"]) for p in found] == [("PS007", 44)], found
    before = snapshot(tmp_path)
    result = run_cli("render", str(root), "--out", str(tmp_path / "ut"), *args)
    assert_no_traceback(result)
    assert result.exit == 1
    assert snapshot(tmp_path) == before


def test_a_feedback_address_the_url_parser_refuses_is_said_in_swedish(tmp_path: Path) -> None:
    root = tmp_path / "förråd"
    shutil.copytree(REPOS / "orebro", root)
    settings = root / "procspec.yaml"
    settings.write_text(
        settings.read_text("utf-8") + 'publicering:\n  synpunkter: "https://[::1/form"\n', "utf-8"
    )
    result = run_cli("validate", str(root))
    assert_no_traceback(result)
    assert result.exit == 2
    assert "'synpunkter' ska vara en fullständig webbadress" in result.output
    assert "Value error" not in result.output
