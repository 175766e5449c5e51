"""The detailed processkarta as one SVG swimlane diagram in BPMN's notation (SPEC §6).

Drawn from a `FlowLayout`: the aktörer as lanes with their names on the left, the processteg as
bands with their names on top, start events as thin circles and end events as thick ones,
activities as rounded boxes, a beslut as a diamond with an ×, a parallel split as a diamond with a
+, a delprocess as a box with a thick border and a "+" marker (BPMN's call activity), and
arrows with arrowheads, the `om` of a decision written on its arrow.

The picture is one image (`role="img"` with a title and a description) — the page beside it gives
the same flow as a table. Links inside an image are hidden from screen readers, so a delprocess
links through an HTML link laid over its box, as the processöversikt's map does.

Only geometry and text are computed here, as plain `Part`s (an SVG tag, its attributes, its
text); the markup comes from the template macro `flow_map` in `templates/html/flowmap.html`, so
every character of user text passes through Jinja's autoescaping. A page template draws the map
with `{% from "html/flowmap.html" import flow_map %}{{ flow_map(flow_picture(layout, …)) }}`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

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

Attributes = tuple[tuple[str, str], ...]


class Part(NamedTuple):
    """One SVG element: its tag, its attributes (names from this module, values escaped by the
    template) and its text. A tuple: a map has hundreds, and a frozen dataclass is slower to
    make."""

    tag: str
    attributes: Attributes
    text: str = ""


@dataclass(frozen=True)
class FlowPicture:
    width: str
    height: str
    prefix: str
    title: str
    description: str
    font: str
    arrow: Part
    parts: tuple[Part, ...]
    links: tuple[HotSpot, ...]


def _n(value: float) -> str:
    """A coordinate as short, stable text."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


_NAMES: dict[str, str] = {}
"""Attribute names as SVG spells them (`stroke_width` → `stroke-width`), made once each."""


def _part(tag: str, text: str = "", **attributes: str | float) -> Part:
    names = _NAMES
    pairs = []
    for name, value in attributes.items():
        spelled = names.get(name)
        if spelled is None:
            spelled = names[name] = name.replace("_", "-")
        pairs.append(
            (
                spelled,
                value
                if type(value) is str
                else _n(value)
                if isinstance(value, float | int)
                else value,
            )
        )
    return Part(tag, tuple(pairs), text)


def _text(line: TextLine, *, size: int = FONT_SIZE, fill: str = INK, **extra: str) -> Part:
    return _part(
        "text",
        line.text,
        x=line.x,
        y=line.y,
        text_anchor=line.anchor,
        font_size=str(size),
        fill=fill,
        **extra,
    )


def _diamond(box: Box) -> Part:
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    points = (
        f"{_n(cx)},{_n(box.y)} {_n(box.right)},{_n(cy)} {_n(cx)},{_n(box.bottom)} "
        f"{_n(box.x)},{_n(cy)}"
    )
    return _part("polygon", points=points, fill="#fff8e1", stroke=GATEWAY, stroke_width="2")


def _shape(shape: Shape, linked: bool) -> Iterator[Part]:
    box = shape.box
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    if shape.kind == "start":
        yield _part(
            "circle", cx=cx, cy=cy, r=box.w / 2 - 1, fill="#eaf3ec", stroke="#1f6f3f",
            stroke_width="2",
        )  # fmt: skip
    elif shape.kind == "slut":
        yield _part(
            "circle", cx=cx, cy=cy, r=box.w / 2 - 2.5, fill="#fbeaea", stroke="#8c1d18",
            stroke_width="5",
        )  # fmt: skip
    elif shape.kind in ("beslut", "sammanflöde"):
        yield _diamond(box)
        d = box.w * 0.16
        path = (
            f"M{_n(cx - d)},{_n(cy - d)} L{_n(cx + d)},{_n(cy + d)} "
            f"M{_n(cx + d)},{_n(cy - d)} L{_n(cx - d)},{_n(cy + d)}"
        )
        yield _part("path", d=path, stroke=GATEWAY, stroke_width="4", stroke_linecap="round")
    elif shape.kind == "parallell":
        yield _diamond(box)
        d = box.w * 0.22
        path = f"M{_n(cx - d)},{_n(cy)} H{_n(cx + d)} M{_n(cx)},{_n(cy - d)} V{_n(cy + d)}"
        yield _part("path", d=path, stroke=GATEWAY, stroke_width="4", stroke_linecap="round")
    else:
        thick = shape.kind == "delprocess"
        yield _part(
            "rect", x=box.x, y=box.y, width=box.w, height=box.h, rx="10", fill="#ffffff",
            stroke=NAVY, stroke_width="4" if thick else "2",
        )  # fmt: skip
        if thick:  # BPMN's marker of a collapsed sub-process: a small box with a +
            m = 12.0
            top = box.bottom - m - 5
            yield _part(
                "rect", x=cx - m / 2, y=top, width=m, height=m, fill="#ffffff", stroke=NAVY,
                stroke_width="1.5",
            )  # fmt: skip
            path = (
                f"M{_n(cx - 3.5)},{_n(top + m / 2)} H{_n(cx + 3.5)} "
                f"M{_n(cx)},{_n(top + 2.5)} V{_n(top + m - 2.5)}"
            )
            yield _part("path", d=path, stroke=NAVY, stroke_width="1.5")
    if shape.label is not None:
        for line in shape.label.lines:
            if linked:
                yield _text(line, fill=LINK, text_decoration="underline")
            else:
                yield _text(line)


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
    """What the `flow_map` macro draws: the parts of the SVG and one HTML link per shape whose
    activity id is in `links` (a delprocess → that process's page). `title` and `description`
    are the image's accessible name and description."""
    parts: list[Part] = []
    pool = layout.pool
    for i, lane in enumerate(layout.lanes):
        b = lane.box
        parts.append(
            _part(
                "rect",
                x=b.x,
                y=b.y,
                width=b.w,
                height=b.h,
                fill=LANE_FILLS[i % 2],
                stroke=BORDER,
                stroke_width="1",
            )  # fmt: skip
        )
    for band in layout.bands:
        h = band.header
        parts.append(
            _part(
                "rect",
                x=h.x,
                y=h.y,
                width=h.w,
                height=h.h,
                fill=NAVY,
                stroke="#ffffff",
                stroke_width="1",
            )  # fmt: skip
        )
        parts.extend(_text(line, fill="#ffffff", font_weight="bold") for line in band.lines)
        if band.box.x > pool.x + 1:
            parts.append(
                _part(
                    "line",
                    x1=band.box.x,
                    y1=pool.y,
                    x2=band.box.x,
                    y2=pool.bottom,
                    stroke=BORDER,
                    stroke_width="1.5",
                    stroke_dasharray="6 4",
                )  # fmt: skip
            )
    for lane in layout.lanes:
        b = lane.box
        parts.append(
            _part(
                "rect",
                x=b.x,
                y=b.y,
                width=layout.lane_header,
                height=b.h,
                fill=HEADER_FILL,
                stroke=BORDER,
                stroke_width="1",
            )  # fmt: skip
        )
        parts.extend(_text(line, font_weight="bold") for line in lane.lines)
    for edge in layout.edges:
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in edge.points)
        parts.append(
            _part(
                "polyline",
                points=points,
                fill="none",
                stroke=INK,
                stroke_width="1.5",
                stroke_linejoin="round",
                marker_end=f"url(#{id_prefix}-pil)",
            )  # fmt: skip
        )
    for edge in layout.edges:
        if edge.label is not None:
            parts.extend(
                _text(
                    line,
                    size=LABEL_FONT_SIZE,
                    font_style="italic",
                    paint_order="stroke",
                    stroke="#ffffff",
                    stroke_width="4",
                    stroke_linejoin="round",
                )  # fmt: skip
                for line in edge.label.lines
            )
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
        _part("path", d="M0,0 L10,5 L0,10 z", fill=INK),
        tuple(parts),
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
