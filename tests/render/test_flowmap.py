"""The processkarta page (SPEC §6): written for processes with a map, linked, readable without
the picture, with the analyses; Mermaid labels escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from procspec.checking import flowgraph
from procspec.checking.checker import check
from procspec.features.render import render
from procspec.reading.model import FlowMap
from procspec.reading.repository import load_repository
from procspec.rendering import plan
from procspec.rendering.jinja import mermaid_text

from ..conftest import EXAMPLES, TODAY


def _html(liten: Path, tmp_path: Path, fmt: str = "html") -> dict[str, str]:
    out = tmp_path / "ut"
    render(liten, out, fmt=fmt, today=TODAY)
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def test_only_processes_with_a_map_get_the_page(liten: Path, tmp_path: Path) -> None:
    pages = _html(liten, tmp_path)
    assert "tillhandahalla-snorojning.processkarta.html" in pages
    assert not any(n.startswith("folja-upp-budget.processkarta") for n in pages)


def test_the_page_is_linked_from_the_other_documents_and_the_overview(
    liten: Path, tmp_path: Path
) -> None:
    pages = _html(liten, tmp_path)
    link = 'href="tillhandahalla-snorojning.processkarta.html"'
    for name in (
        "tillhandahalla-snorojning.html",
        "tillhandahalla-snorojning.aktivitetsplan.html",
        "tillhandahalla-snorojning.uppfoljningsplan.html",
        "index.html",
    ):
        assert link in pages[name], name
    assert "processkarta.html" not in pages["folja-upp-budget.html"]


def test_the_page_reads_without_the_picture(liten: Path, tmp_path: Path) -> None:
    page = _html(liten, tmp_path)["tillhandahalla-snorojning.processkarta.html"]
    for words in (
        "Översiktlig processkarta",
        "Detaljerad processkarta",
        "Flödet i text",
        "Ledtidsanalys",
        "Kravanalys",
        "Riskanalys",
    ):
        assert words in page
    # The flow table names who does each activity and where it leads, decisions with their om.
    row = re.search(r'<tr id="aktivitet-bedöma">.*?</tr>', page, re.S)
    assert row is not None
    assert "Vinterjour &#34;Drift &amp; underhåll&#34;" in row.group()
    assert 'Ja # halt: <a href="#aktivitet-sanda">' in row.group()
    # The delprocess links to the process it calls.
    assert '<a href="folja-upp-budget.html">Följa upp budget</a>' in page
    # Lead time: the longest path is the slower parallel branch (ploga, 6 timmar).
    assert "6,8 timmar" in page
    # An unmet critical krav stands out in words, not by colour alone.
    krav = re.search(r'<tr id="krav-K2">.*?</tr>', page, re.S)
    assert krav is not None and "Uppfylls inte av någon aktivitet" in krav.group()
    # A high risk without a measure says so.
    assert "Åtgärd saknas" in page
    # The risk matrix has row and column headers.
    assert '<th scope="row">3 Sannolik</th>' in page
    assert '<th scope="col">4 Mycket allvarlig</th>' in page


def test_markdown_has_a_mermaid_flowchart_with_a_subgraph_per_actor(
    liten: Path, tmp_path: Path
) -> None:
    page = _html(liten, tmp_path, "md")["tillhandahalla-snorojning.processkarta.md"]
    chart = page.split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert chart.startswith("flowchart LR")
    assert chart.count("subgraph ") == 2
    assert 'subgraph lane0["Vinterjour #quot;Drift #amp; underhåll#quot;"]' in chart
    assert 'n1 -->|"Ja #35; halt"| n4' in chart
    assert "```" not in chart


def test_mermaid_labels_cannot_break_out() -> None:
    assert mermaid_text('a "b" <c> `d` #e | f\nny rad') == (
        "a #quot;b#quot; #lt;c#gt; #96;d#96; #35;e #124; f ny rad"
    )


def test_the_examples_render_their_maps(tmp_path: Path) -> None:
    for name, expected in (
        ("orebro", {"betala-leverantorsfakturor", "tillhandahalla-barnomsorg"}),
        ("botkyrka", {"placera-barn-i-forskola", "ge-elever-sarskilt-stod"}),
    ):
        out = tmp_path / name
        render(EXAMPLES / name, out, today=TODAY)
        found = {p.name.split(".")[0] for p in out.glob("*.processkarta.html")}
        assert expected <= found, name


class _Anchors(HTMLParser):
    """Every id on a page, and every in-page link."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value is not None:
                self.hrefs.append(value)


def _with_map_edit(liten: Path, old: str, new: str) -> None:
    path = liten / "processer" / "tillhandahålla-snöröjning.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_ids_that_differ_only_in_punctuation_get_anchors_of_their_own(
    liten: Path, tmp_path: Path
) -> None:
    # 'sanda' and 'san.da', 'K1' and 'K 1': each row its own id, each link its own row.
    _with_map_edit(liten, "id: sanda", "id: san-da")
    _with_map_edit(liten, "nästa: sanda", "nästa: san-da")
    _with_map_edit(liten, "[ploga, sanda]", "[ploga, san-da, san.da]")
    _with_map_edit(
        liten,
        "        - id: kontroll\n",
        "        - id: san.da\n          namn: Sanda torg\n          aktör: entreprenör\n"
        "          nästa: kontroll\n        - id: kontroll\n",
    )
    page = _html(liten, tmp_path)["tillhandahalla-snorojning.processkarta.html"]
    parser = _Anchors()
    parser.feed(page)
    assert len(parser.ids) == len(set(parser.ids))
    assert {"aktivitet-san-da", "aktivitet-san_2e_da"} <= set(parser.ids)
    inner = [h[1:] for h in parser.hrefs if h.startswith("#")]
    assert "aktivitet-san_2e_da" in inner and "aktivitet-san-da" in inner
    assert set(inner) <= set(parser.ids)


def test_document_links_on_the_map_page_are_written_decoded(liten: Path, tmp_path: Path) -> None:
    # As on the spec page: the link that was judged, escaped once for the attribute.
    _with_map_edit(liten, "länk: plogkarta.pdf", "länk: plog&lt;karta.pdf")
    pages = _html(liten, tmp_path)
    for name in ("tillhandahalla-snorojning.processkarta.html", "tillhandahalla-snorojning.html"):
        parser = _Anchors()
        parser.feed(pages[name])
        assert "plog<karta.pdf" in parser.hrefs, name


def test_the_page_draws_the_graph_the_check_built(
    liten: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a check, the processkarta page uses the map's graph the flow rules built; without
    one it builds the graph itself. The page is the same either way."""
    repo = load_repository(liten)
    checked = check(repo, TODAY)
    built: list[FlowMap] = []
    real = flowgraph.build

    def counted(flow_map: FlowMap) -> flowgraph.FlowGraph:
        built.append(flow_map)
        return real(flow_map)

    monkeypatch.setattr(flowgraph, "build", counted)
    page = "tillhandahalla-snorojning.processkarta.html"
    after_check = plan(repo, None, TODAY, context=checked.context)
    drawn = after_check.text(after_check.names.index(page))
    assert "<svg" in drawn and built == []
    alone = plan(repo, None, TODAY)
    assert alone.text(alone.names.index(page)) == drawn
    assert len(built) == 1
