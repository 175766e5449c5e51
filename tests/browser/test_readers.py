"""The readers' side in a real Chromium: searching in Swedish from disk (`file://`) and over HTTP,
with the keyboard and without JavaScript; the search page with results and the changes page
checked by axe-core and the Nu Html Checker; a document printed to an A4 PDF and read back."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import EXAMPLES
from ..render.test_readers import BYGGLOV
from .conftest import HERE, Site, render
from .test_accessibility import _axe, _describe

LITEN = HERE.parent / "render" / "fixtures" / "liten"


@pytest.fixture(scope="session")
def bygglov(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small fixture with a process for bygglov that has a processkarta."""
    base = tmp_path_factory.mktemp("bygglov")
    source = base / "src"
    shutil.copytree(LITEN, source)
    (source / "processer" / "handlägga-bygglov.yaml").write_text(BYGGLOV, encoding="utf-8")
    return render(source, base / "ut")


@pytest.fixture(scope="session")
def orebro(sites: list[Site]) -> Site:
    return next(site for site in sites if site.name == "orebro")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def served(orebro: Site, bygglov: Site) -> Iterator[dict[str, str]]:
    """Both sites from a local web server on 127.0.0.1, as from an intranet server."""
    servers = []
    bases = {}
    for site in (orebro, bygglov):
        handler = functools.partial(_Quiet, directory=str(site.out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        bases[site.name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield bases
    for server in servers:
        server.shutdown()
        server.server_close()


def _base(site: Site, how: str, served: dict[str, str]) -> str:
    return site.out.as_uri() + "/" if how == "file" else served[site.name]


def _results(page: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('#sok-traffar > li')).map(li => ({
            title: li.querySelector('h3 a').textContent,
            href: li.querySelector('h3 a').getAttribute('href'),
            where: li.querySelector('.sok-var').textContent,
            marked: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
        }))"""
    )
    return found


def _search(page: Any, base: str, query: str) -> tuple[str, list[dict[str, Any]]]:
    page.goto(f"{base}sok.html?q={query}")
    page.wait_for_function("document.getElementById('sok-status').textContent.length > 0")
    return page.inner_text("#sok-status"), _results(page)


@pytest.mark.parametrize("how", ["file", "http"])
def test_swedish_word_forms_find_the_process(
    orebro: Site, bygglov: Site, served: dict[str, str], browser: Any, how: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))

    base = _base(orebro, how, served)
    status, hits = _search(page, base, "fakturorna")
    assert re.fullmatch(r"\d+ träffar för ”fakturorna”\.", status), status
    assert hits[0]["title"] == "Betala leverantörsfakturor"  # a compound's tail, ranked first
    assert hits[0]["where"] == "Processspecifikation"
    assert hits[0]["href"] == "betala-leverantorsfakturor.html"
    goal = next(h for h in hits if h["title"].startswith("M2:"))
    assert goal["where"] == "Betala leverantörsfakturor – Uppföljningsplan, mål M2"
    assert goal["href"] == "betala-leverantorsfakturor.uppfoljningsplan.html#mal-2"
    assert "fakturor" in goal["marked"]
    _, hits = _search(page, base, "snöröjningen")
    assert hits[0]["title"] == "Tillhandahålla snöröjning"
    _, hits = _search(page, base, "budgeten")
    assert "Följa upp budget" in [h["title"] for h in hits[:2]]
    status, hits = _search(page, base, "xyzzyq")
    assert hits == [] and status.startswith("Inga träffar för ”xyzzyq”")

    base = _base(bygglov, how, served)
    _, hits = _search(page, base, "bygglovet")  # the definite form of the name's word
    assert hits[0]["title"] == "Handlägga bygglov"
    _, hits = _search(page, base, "handläggaren")  # an actor of the processkarta
    mapped = next(h for h in hits if h["title"] == "Registrera bygglovsansökan")
    assert mapped["where"] == "Handlägga bygglov – Processkarta, processteg Ta emot ansökan"
    _, hits = _search(page, base, "ansökan")  # the tail of the compound bygglovsansökan
    assert "Registrera bygglovsansökan" in [h["title"] for h in hits]
    _, hits = _search(page, base, "prognosmötet")
    assert hits[0]["title"] == "A1: Inför månadsvisa prognosmöten."
    # following a result opens the document at the goal
    page.click("#sok-traffar a")
    assert page.url.endswith("folja-upp-budget.aktivitetsplan.html#aktivitet-1")

    context.close()
    assert errors == []
    site_bases = (_base(orebro, how, served), _base(bygglov, how, served))
    assert [url for url in requested if not url.startswith(site_bases)] == []


def test_search_with_the_keyboard(orebro: Site, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((orebro.out / "index.html").as_uri())
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sok-sidhuvud":
            break
    assert page.evaluate("document.activeElement.id") == "sok-sidhuvud"
    page.keyboard.type("leverantörerna")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sok\.html\?q="))
    page.wait_for_function("document.getElementById('sok-status').textContent.length > 0")
    assert page.input_value("#sok-ord") == "leverantörerna"
    assert "träffar för ”leverantörerna”" in page.inner_text("#sok-status")
    # the results are announced (a live status) and reached with Tab from the field
    assert page.get_attribute("#sok-status", "role") == "status"
    page.focus("#sok-ord")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('#sok-traffar') !== null")
    assert first, "the first result link follows the search button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sok.html" not in page.url
    # typing on the search page searches as you type, without submitting
    page.goto((orebro.out / "sok.html").as_uri())
    page.focus("#sok-ord")
    page.keyboard.type("barnomsorgen")
    page.wait_for_function("document.getElementById('sok-status').textContent.includes('barnom')")
    assert _results(page)[0]["title"] == "Tillhandahålla barnomsorg"
    context.close()


def test_without_javascript_the_search_page_lists_every_process(orebro: Site, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((orebro.out / "sok.html").as_uri() + "?q=fakturorna")
    listed = page.eval_on_selector_all("ul.a-o a", "links => links.map(a => a.textContent)")
    specs = [
        p
        for p in orebro.out.glob("*.html")
        if p.with_name(f"{p.stem}.aktivitetsplan.html").exists()
    ]
    assert len(listed) == len(specs) > 10
    assert "Betala leverantörsfakturor" in listed
    assert "Sökningen behöver JavaScript" in page.inner_text("main")
    assert page.inner_text("#sok-status") == ""
    context.close()


def test_search_page_with_results_and_changes_page_are_accessible(
    orebro: Site, browser: Any, axe_source: str, vnu_jar: Path, tmp_path: Path
) -> None:
    context = browser.new_context()
    page = context.new_page()
    _, hits = _search(page, orebro.out.as_uri() + "/", "fakturorna")
    assert hits
    with_results = tmp_path / "sok-med-traffar.html"  # the page as the reader has it, before axe
    with_results.write_text(page.content(), encoding="utf-8")
    violations = _axe(page, axe_source)
    assert violations == [], _describe(violations)
    page.goto((orebro.out / "andringar.html").as_uri())
    violations = _axe(page, axe_source)
    assert violations == [], _describe(violations)
    context.close()
    done = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only",
         str(with_results), str(orebro.out / "andringar.html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    report = json.loads(done.stderr or done.stdout)
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
    ]
    assert errors == []


def test_a_document_prints_as_an_a4_handout(orebro: Site, browser: Any, tmp_path: Path) -> None:
    """Örebro's templates head every page with organisation, document type and date, and number
    the pages; Chromium draws the @page margin boxes into the PDF."""
    from pypdf import PdfReader

    context = browser.new_context()
    page = context.new_page()
    page.goto((orebro.out / "betala-leverantorsfakturor.uppfoljningsplan.html").as_uri())
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    for number, sheet in enumerate(reader.pages, 1):
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
        text = sheet.extract_text()
        header = text.splitlines()[0]
        assert header.startswith("Örebro kommun Uppföljningsplan "), header
        assert re.search(r"\d{4}-\d{2}-\d{2}$", header), header
        assert f"Sida {number} av {len(reader.pages)}" in text
        assert "Lämna synpunkt" not in text and "Sök bland" not in text


def test_the_browser_stems_swedish_as_the_index_does(orebro: Site, browser: Any) -> None:
    """The Snowball stemmer shipped to the browser and the one that built the index agree on
    every word of the examples."""
    import snowballstemmer

    words = sorted(
        {
            w.lower()
            for path in EXAMPLES.rglob("*.yaml")
            for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8"))
        }
    )
    assert len(words) > 1000
    context = browser.new_context()
    page = context.new_page()
    page.goto((orebro.out / "sok.html").as_uri())
    in_browser = page.evaluate(
        "words => { const s = new SwedishStemmer(); return words.map(w => s.stemWord(w)); }",
        words,
    )
    context.close()
    expected = snowballstemmer.stemmer("swedish").stemWords(words)
    differ = [(w, b, p) for w, b, p in zip(words, in_browser, expected, strict=True) if b != p]
    assert differ == []


def test_lunr_is_the_npm_package_file(orebro: Site) -> None:
    shipped = HERE / "node_modules" / "lunr" / "lunr.min.js"
    assert shipped.is_file(), "run: npm ci --prefix tests/browser"
    assert (orebro.out / "lunr.min.js").read_bytes() == shipped.read_bytes()
