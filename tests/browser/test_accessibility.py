"""Every rendered page meets WCAG 2.1 AA (axe-core in Chromium) and is valid HTML (vnu).

Swedish public-sector web and intranet content must meet WCAG 2.1 AA (lagen om tillgänglighet till
digital offentlig service); the processspecifikation is published on the intranet, so every kind of
page is checked: the specification, both plans, the index with the process map, and the overviews.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import Site

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW = 320  # WCAG 1.4.10 Reflow: 320 CSS pixels without scrolling in two directions
PRINT_WIDTH = 700  # about the content width of an A4 page at 96 dpi with margins
LANDSCAPE_WIDTH = 1050  # the same for A4 landscape, on which the processkarta page prints
LOCAL_SCHEMES = ("file:", "data:", "about:")


def kind(page: Path) -> str:
    """The kind of a rendered page, from its file name."""
    name = page.name
    for plan in ("aktivitetsplan", "uppfoljningsplan", "processkarta"):
        if name.endswith(f".{plan}.html"):
            return plan
    if name == "index.html":
        return "index"
    if page.with_name(f"{page.stem}.aktivitetsplan.html").exists():
        return "processspecifikation"
    return f"översikt-{page.stem}"


def one_of_each_kind(site: Site) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for page in site.pages():
        found.setdefault(kind(page), page)
    return found


def test_every_page_kind_is_rendered(sites: list[Site]) -> None:
    for site in sites:
        kinds = set(one_of_each_kind(site))
        assert {
            "index",
            "processspecifikation",
            "aktivitetsplan",
            "uppfoljningsplan",
            "processkarta",
        } <= kinds
        overviews = {k for k in kinds if k.startswith("översikt-")}
        assert len(overviews) >= 2, f"{site.name}: goal and maturity overviews missing ({kinds})"


def _axe(page: Any, axe_source: str) -> list[dict[str, Any]]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return list(result["violations"])


def _describe(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}: {node['failureSummary']}"
        for v in violations
        for node in v["nodes"][:3]
    ]


@pytest.mark.parametrize("index", [0, 1, 2], ids=["botkyrka", "orebro", "orebro-en"])
def test_axe_finds_no_wcag21aa_violation_on_any_page(
    sites: list[Site], browser: Any, axe_source: str, index: int
) -> None:
    site = sites[index]
    context = browser.new_context()
    page = context.new_page()
    failures: dict[str, list[str]] = {}
    for path in site.pages():
        page.goto(path.as_uri())
        violations = _axe(page, axe_source)
        if violations:
            failures[path.name] = _describe(violations)
    context.close()
    assert site.pages(), f"{site.name}: nothing rendered"
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=2)


def test_nu_html_checker_finds_no_error(sites: list[Site], vnu_jar: Path) -> None:
    pages = [str(p) for site in sites for p in site.pages()]
    assert pages
    done = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stderr or done.stdout)
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert errors == [], "\n".join(errors[:40])
    assert done.returncode == 0


def test_pages_reflow_at_320_pixels_and_print_on_a4(
    sites: list[Site], browser: Any, screenshots: Path
) -> None:
    """No horizontal scrolling of the page at 320 px (wide tables scroll inside their own
    region), nothing cut off when printed; a screenshot of each kind at both widths."""
    too_wide: list[str] = []
    for site in sites:
        for name, path in one_of_each_kind(site).items():
            for width in (1280, NARROW):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(path.as_uri())
                page.screenshot(
                    path=str(screenshots / f"{site.name}-{name}-{width}.png"), full_page=True
                )
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if width == NARROW and scroll > NARROW:
                    too_wide.append(f"{site.name}/{path.name}: {scroll}px at {NARROW}px")
                context.close()
            print_width = LANDSCAPE_WIDTH if name == "processkarta" else PRINT_WIDTH
            context = browser.new_context(viewport={"width": print_width, "height": 1000})
            page = context.new_page()
            page.goto(path.as_uri())
            page.emulate_media(media="print")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > print_width:
                too_wide.append(f"{site.name}/{path.name}: {scroll}px in print")
            if name == "processspecifikation":
                page.pdf(path=str(screenshots / f"{site.name}-{name}.pdf"), format="A4")
            if name == "processkarta":
                # The page asks for A4 landscape itself (@page), which the PDF follows.
                page.pdf(
                    path=str(screenshots / f"{site.name}-{name}.pdf"), prefer_css_page_size=True
                )
            context.close()
    assert too_wide == []


def test_pages_load_nothing_from_outside(sites: list[Site], browser: Any) -> None:
    """Self-contained: no external CSS, scripts, fonts or images."""
    requested: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    for site in sites:
        for path in one_of_each_kind(site).values():
            page.goto(path.as_uri())
    context.close()
    outside = [url for url in requested if not url.startswith(LOCAL_SCHEMES)]
    assert requested
    assert outside == []


def test_pictures_have_text_alternatives(sites: list[Site], browser: Any) -> None:
    """The process map and the trend charts are images with names; decorative SVG is hidden."""
    nameless: list[str] = []
    named: dict[str, int] = {}
    context = browser.new_context()
    page = context.new_page()
    for site in sites:
        for path in site.pages():
            page.goto(path.as_uri())
            found = page.evaluate(
                """() => Array.from(document.querySelectorAll('svg')).map(svg => {
                    if (svg.closest('[aria-hidden="true"]')) return 'hidden';
                    const label = svg.getAttribute('aria-label') || '';
                    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/);
                    const byId = ids.map(id => id && document.getElementById(id))
                        .filter(Boolean).map(el => el.textContent).join(' ');
                    const title = svg.querySelector(':scope > title');
                    const name = (label || byId || (title && title.textContent) || '').trim();
                    return svg.getAttribute('role') === 'img' && name ? 'named' : 'nameless';
                })"""
            )
            key = f"{site.name}/{kind(path)}"
            named[key] = named.get(key, 0) + found.count("named")
            nameless += [f"{site.name}/{path.name}" for state in found if state == "nameless"]
    context.close()
    for site in sites:
        assert named.get(f"{site.name}/index", 0) >= 1, f"{site.name}: no process map"
        assert named.get(f"{site.name}/uppfoljningsplan", 0) >= 1, f"{site.name}: no trend chart"
    assert nameless == []
