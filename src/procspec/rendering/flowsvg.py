"""The detailed processkarta as one SVG swimlane diagram in BPMN's notation (SPEC §6).

Drawn from a `FlowLayout`: the aktörer as lanes with their names on the left, the processteg as
bands with their names on top, start events as thin circles and end events as thick ones,
activities as rounded boxes, a beslut as a diamond with an ×, a parallel split as a diamond with a
+, a delprocess as a box with a thick border and a "+" marker (BPMN's call activity), and
arrows with arrowheads, the `om` of a decision written on its arrow.

The picture is one image (`role="img"` with a title and a description) — the page beside it gives
the same flow as a table. Links inside an image are hidden from screen readers, so a delprocess
links through an HTML link laid over its box, as the processöversikt's map does.

The SVG elements are written here, one per line, each from its figure's coordinates and this
module's own colours; the one text that comes from the map, the names on the lines of a `text`
element, is escaped (`markupsafe`). The template macro `flow_map` in
`templates/html/flowmap.html` places them inside the `svg` element, with the title, the
description and the links, which Jinja's autoescaping writes. A page template draws the map
with `{% from "html/flowmap.html" import flow_map %}{{ flow_map(flow_picture(layout, …)) }}`.
Strings, not element objects that a filter writes later: a map has hundreds of elements, and
making each twice was most of the time a processkarta page took.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from procspec.rendering.charts import HotSpot
from procspec.rendering.flowlayout import (
    FONT_SIZE,
    LABEL_FONT_SIZE,
    Box,
    FlowLayout,
    Shape,
    TextLine,
)
from procspec.rendering.jinja import environment

INK = "#1b1b1b"
NAVY = "#14365d"
LINK = "#0a4d8c"
GATEWAY = "#6b4f00"
LANE_FILLS = ("#f4f6f9", "#ffffff")
HEADER_FILL = "#e6edf7"
BORDER = "#5b6b80"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class FlowPicture:
    width: str
    height: str
    prefix: str
    title: str
    description: str
    font: str
    arrow: Markup
    """The arrowhead's path, for the marker every arrow ends in."""
    elements: Markup
    """Every element of the picture, each on a line of its own (escaped)."""
    links: tuple[HotSpot, ...]


_SHORT: dict[float, str] = {}
"""Coordinates written already: a map repeats the same few hundred (lanes, bands, columns), and
a page writes each many times."""
_SHORT_MOST = 65_536


def _n(value: float) -> str:
    """A coordinate as short, stable text."""
    text = _SHORT.get(value)
    if text is None:
        text = f"{value:.1f}"
        if text.endswith(".0"):
            text = text[:-2]
        if value:  # not 0.0 and -0.0, which are one key but two texts
            if len(_SHORT) >= _SHORT_MOST:
                _SHORT.clear()
            _SHORT[value] = text
    return text


# How a text is painted, as attributes: the plain text in and below the shapes, the names of the
# lanes and of the bands, a linked name, the answer written on an arrow.
_PLAIN = f'font-size="{FONT_SIZE}" fill="{INK}"'
_BOLD = f'{_PLAIN} font-weight="bold"'
_HEADING = f'font-size="{FONT_SIZE}" fill="#ffffff" font-weight="bold"'
_LINKED = f'font-size="{FONT_SIZE}" fill="{LINK}" text-decoration="underline"'
_ANSWER = (
    f'font-size="{LABEL_FONT_SIZE}" fill="{INK}" font-style="italic" paint-order="stroke" '
    'stroke="#ffffff" stroke-width="4" stroke-linejoin="round"'
)


def _text(line: TextLine, paint: str = _PLAIN) -> str:
    """A line of text, painted as `paint` says; the text escaped (it is the map's own)."""
    text = escape(line.text)
    start = f'<text x="{_n(line.x)}" y="{_n(line.y)}" text-anchor="{line.anchor}" {paint}'
    return f"{start}>{text}</text>" if text else f"{start}/>"


def _rect(x: float, y: float, w: float, h: float, paint: str) -> str:
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" {paint}/>'


def _path(d: str, paint: str) -> str:
    return f'<path d="{d}" {paint}/>'


def _diamond(box: Box) -> str:
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    points = (
        f"{_n(cx)},{_n(box.y)} {_n(box.right)},{_n(cy)} {_n(cx)},{_n(box.bottom)} "
        f"{_n(box.x)},{_n(cy)}"
    )
    return f'<polygon points="{points}" fill="#fff8e1" stroke="{GATEWAY}" stroke-width="2"/>'


_CROSS = f'stroke="{GATEWAY}" stroke-width="4" stroke-linecap="round"'


def _shape(shape: Shape, linked: bool) -> Iterator[str]:
    box = shape.box
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    if shape.kind == "start":
        yield (
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(box.w / 2 - 1)}" fill="#eaf3ec" '
            'stroke="#1f6f3f" stroke-width="2"/>'
        )
    elif shape.kind == "slut":
        yield (
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(box.w / 2 - 2.5)}" fill="#fbeaea" '
            'stroke="#8c1d18" stroke-width="5"/>'
        )
    elif shape.kind in ("beslut", "sammanflöde"):
        yield _diamond(box)
        d = box.w * 0.16
        path = (
            f"M{_n(cx - d)},{_n(cy - d)} L{_n(cx + d)},{_n(cy + d)} "
            f"M{_n(cx + d)},{_n(cy - d)} L{_n(cx - d)},{_n(cy + d)}"
        )
        yield _path(path, _CROSS)
    elif shape.kind == "parallell":
        yield _diamond(box)
        d = box.w * 0.22
        yield _path(
            f"M{_n(cx - d)},{_n(cy)} H{_n(cx + d)} M{_n(cx)},{_n(cy - d)} V{_n(cy + d)}", _CROSS
        )
    else:
        thick = shape.kind == "delprocess"
        width = "4" if thick else "2"
        yield _rect(
            box.x,
            box.y,
            box.w,
            box.h,
            f'rx="10" fill="#ffffff" stroke="{NAVY}" stroke-width="{width}"',
        )
        if thick:  # BPMN's marker of a collapsed sub-process: a small box with a +
            m = 12.0
            top = box.bottom - m - 5
            yield _rect(cx - m / 2, top, m, m, f'fill="#ffffff" stroke="{NAVY}" stroke-width="1.5"')
            path = (
                f"M{_n(cx - 3.5)},{_n(top + m / 2)} H{_n(cx + 3.5)} "
                f"M{_n(cx)},{_n(top + 2.5)} V{_n(top + m - 2.5)}"
            )
            yield _path(path, f'stroke="{NAVY}" stroke-width="1.5"')
    if shape.label is not None:
        paint = _LINKED if linked else _PLAIN
        for line in shape.label.lines:
            yield _text(line, paint)


def _pct(value: float, whole: float) -> str:
    return f"{100 * value / whole:.3f}%"


def flow_picture(
    layout: FlowLayout,
    *,
    title: str,
    description: str,
    links: Mapping[str, str],
    id_prefix: str = "flodeskarta",
) -> FlowPicture:
    """What the `flow_map` macro draws: the elements of the SVG and one HTML link per shape whose
    activity id is in `links` (a delprocess → that process's page). `title` and `description`
    are the image's accessible name and description."""
    parts: list[str] = []
    pool = layout.pool
    for i, lane in enumerate(layout.lanes):
        b = lane.box
        parts.append(
            _rect(
                b.x, b.y, b.w, b.h, f'fill="{LANE_FILLS[i % 2]}" stroke="{BORDER}" stroke-width="1"'
            )
        )
    for band in layout.bands:
        h = band.header
        parts.append(_rect(h.x, h.y, h.w, h.h, f'fill="{NAVY}" stroke="#ffffff" stroke-width="1"'))
        parts.extend(_text(line, _HEADING) for line in band.lines)
        if band.box.x > pool.x + 1:
            x = _n(band.box.x)
            parts.append(
                f'<line x1="{x}" y1="{_n(pool.y)}" x2="{x}" y2="{_n(pool.bottom)}" '
                f'stroke="{BORDER}" stroke-width="1.5" stroke-dasharray="6 4"/>'
            )
    for lane in layout.lanes:
        b = lane.box
        parts.append(
            _rect(
                b.x,
                b.y,
                layout.lane_header,
                b.h,
                f'fill="{HEADER_FILL}" stroke="{BORDER}" stroke-width="1"',
            )  # fmt: skip
        )
        parts.extend(_text(line, _BOLD) for line in lane.lines)
    arrow = (
        f'fill="none" stroke="{INK}" stroke-width="1.5" stroke-linejoin="round" '
        f'marker-end="url(#{escape(id_prefix)}-pil)"'
    )
    for edge in layout.edges:
        points = " ".join([f"{_n(x)},{_n(y)}" for x, y in edge.points])
        parts.append(f'<polyline points="{points}" {arrow}/>')
    for edge in layout.edges:
        if edge.label is not None:
            parts.extend(_text(line, _ANSWER) for line in edge.label.lines)
    for shape in layout.shapes:
        linked = shape.activity_id is not None and shape.activity_id in links
        parts.extend(_shape(shape, linked))
    hotspots = []
    for shape in layout.shapes:
        if shape.activity_id is None or shape.activity_id not in links:
            continue
        box = shape.footprint
        hotspots.append(
            HotSpot(
                links[shape.activity_id],
                shape.name,
                _pct(box.x, layout.width),
                _pct(box.y, layout.height),
                _pct(box.w, layout.width),
                _pct(box.h, layout.height),
            )
        )
    return FlowPicture(
        _n(layout.width),
        _n(layout.height),
        id_prefix,
        title,
        description,
        FONT,
        Markup(_path("M0,0 L10,5 L0,10 z", f'fill="{INK}"')),  # noqa: S704 - constants
        Markup("".join([f"{part}\n" for part in parts])),  # noqa: S704 - escaped above
        tuple(hotspots),
    )


def render_flow_svg(
    layout: FlowLayout,
    *,
    title: str,
    description: str,
    links: Mapping[str, str],
    id_prefix: str = "flodeskarta",
) -> str:
    """The diagram as an HTML fragment: a block holding the SVG image (it scales to the width
    of its container and keeps at most its natural size) and the links over it. A page template
    should rather call the `flow_map` macro itself (templates may not mark text as safe)."""
    picture = flow_picture(
        layout, title=title, description=description, links=links, id_prefix=id_prefix
    )
    template = environment("html").from_string(
        '{% from "html/flowmap.html" import flow_map %}{{ flow_map(picture) }}'
    )
    return template.render(picture=picture)
