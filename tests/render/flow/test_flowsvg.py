"""The detailed processkarta as SVG: BPMN's shapes, an accessible image, links over the picture."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from procspec.reading.model import FlowMap
from procspec.rendering.flowlayout import layout_flow
from procspec.rendering.flowsvg import render_flow_svg

from .support import fixture_maps

SVG = "{http://www.w3.org/2000/svg}"


def _render(flow_map: FlowMap, links: dict[str, str] | None = None) -> str:
    return str(
        render_flow_svg(
            layout_flow(flow_map),
            title="Processkarta för Bygglov",
            description="Flödet i tabellform finns under bilden.",
            links=links or {},
        )
    )


def _svg(html: str) -> ET.Element:
    match = re.search(r"<svg .*</svg>", html, re.DOTALL)
    assert match is not None
    return ET.fromstring(match.group())


def test_the_picture_is_one_accessible_image_that_scales() -> None:
    html = _render(fixture_maps()["bygglov"])
    svg = _svg(html)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "flodeskarta-titel flodeskarta-besk"
    assert svg.find(f"{SVG}title") is not None
    assert svg.findtext(f"{SVG}title") == "Processkarta för Bygglov"
    assert svg.findtext(f"{SVG}desc") == "Flödet i tabellform finns under bilden."
    assert svg.get("viewBox", "").startswith("0 0 ")
    assert "width: 100%" in svg.get("style", "")


def test_bpmn_shapes_for_every_kind() -> None:
    svg = _svg(_render(fixture_maps()["faktura"]))
    circles = svg.findall(f"{SVG}circle")
    assert len(circles) == 2  # a start event and an end event
    widths = sorted(float(c.get("stroke-width", "0")) for c in circles)
    assert widths[1] > widths[0]  # the end event is drawn thicker
    # a beslut, a parallel split, the parallel gateway where its paths meet again, and the
    # exclusive gateway where a loop meets the split's path
    assert len(svg.findall(f"{SVG}polygon")) == 4
    boxes = [r for r in svg.findall(f"{SVG}rect") if r.get("rx") == "10"]
    assert len(boxes) == 6  # five activities and one delprocess
    arrows = svg.findall(f"{SVG}polyline")
    assert len(arrows) == 14  # one more for the exclusive gateway after the parallel join
    assert all(a.get("marker-end") == "url(#flodeskarta-pil)" for a in arrows)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Ja" in texts and "Oklart" in texts
    for lane in ("Leverantör", "Skanningscentral", "Beslutsattestant", "Ekonomienheten"):
        assert lane in texts
    assert "Betala inom förfallotiden" in texts


def test_a_delprocess_links_through_an_html_link_over_the_picture() -> None:
    html = _render(fixture_maps()["bygglov"], {"remiss": "hantera-remisser.html"})
    links = re.findall(r'<a class="map-link" href="([^"]+)" style="([^"]+)">(.*?)</a>', html)
    assert len(links) == 1
    href, style, inner = links[0]
    assert href == "hantera-remisser.html"
    assert "position: absolute" in style and "left:" in style
    assert "hantera-remisser" in inner
    assert "<a " not in html.split("</svg>")[0]  # no link inside the image


def test_user_text_is_escaped() -> None:
    flow_map = FlowMap.model_validate(
        {
            "aktörer": [{"id": "a", "namn": "<b>Aktör</b> & co"}],
            "processteg": [
                {
                    "id": "s",
                    "namn": 'Steg "ett"',
                    "aktiviteter": [
                        {"id": "x", "namn": "<script>alert(1)</script>", "aktör": "a"},
                        {
                            "id": "y",
                            "typ": "beslut",
                            "namn": "Godkänt?",
                            "aktör": "a",
                            "val": [{"om": "Ja & <klart>", "nästa": "x"}],
                        },
                    ],
                }
            ],
        }
    )
    html = _render(flow_map, {"x": 'javascript:"><script>'})
    assert "<script>" not in html and "<b>" not in html and "<klart>" not in html
    texts = [t.text for t in _svg(html).iter(f"{SVG}text")]  # still well-formed
    # Each text as it was written: escaped once, neither lost nor escaped twice.
    assert "<b>Aktör</b> & co" in texts
    assert 'Steg "ett"' in texts
    assert "Ja & <klart>" in texts
    assert "".join(t for t in texts if t and ("script" in t or "alert" in t)) == (
        "<script>alert(1)</script>"
    )


def test_the_output_is_deterministic() -> None:
    maps = fixture_maps()
    assert _render(maps["faktura"]) == _render(maps["faktura"])


def test_coordinates_are_written_short_and_alike_every_time() -> None:
    from procspec.rendering import flowsvg

    for _ in range(2):  # written, then found among those written already
        assert [flowsvg._n(v) for v in (12.0, 12.04, 2.25, 7.96, 150)] == [
            "12", "12", "2.2", "8", "150"
        ]  # fmt: skip
        assert (flowsvg._n(0.0), flowsvg._n(-0.0), flowsvg._n(-0.04)) == ("0", "-0", "-0")
    for k in range(flowsvg._SHORT_MOST + 10):
        flowsvg._n(k + 0.5)
    assert 0 < len(flowsvg._SHORT) <= flowsvg._SHORT_MOST
    assert flowsvg._n(3.5) == "3.5"
