"""The processkarta page (SPEC §6): written for processes with a map, linked, readable without
the picture, with the analyses; Mermaid labels escaped."""

from __future__ import annotations

import re
from pathlib import Path

from procspec.features.render import render
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
