"""The detailed processkarta as one SVG swimlane diagram in BPMN's notation (SPEC §6).

Drawn from a `FlowLayout`: the aktörer as lanes with their names on the left, the processteg as
bands with their names on top, start events as thin circles and end events as thick ones,
activities as rounded boxes, a beslut as a diamond with an ×, a parallel split as a diamond with a
+, a delprocess as a box with a thick border and a "+" marker (BPMN's call activity), and
arrows with arrowheads, the `om` of a decision written on its arrow.

The picture is one image (`role="img"` with a title and a description) — the page beside it gives
the same flow as a table. Links inside an image are hidden from screen readers, so a delprocess
links through an HTML link laid over its box, as the processöversikt's map does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from markupsafe import Markup, escape

from procspec.render.flowlayout import (
    FONT_SIZE,
    LABEL_FONT_SIZE,
    LANE_HEADER,
    Box,
    FlowLayout,
    Shape,
    TextLine,
)

INK = "#1b1b1b"
NAVY = "#14365d"
LINK = "#0a4d8c"
LANE_FILLS = ("#f4f6f9", "#ffffff")
HEADER_FILL = "#e6edf7"
BORDER = "#5b6b80"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def _n(value: float) -> str:
    """A coordinate as short, stable text."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(line: TextLine, *, size: int = FONT_SIZE, fill: str = INK, extra: str = "") -> str:
    return (
        f'<text x="{_n(line.x)}" y="{_n(line.y)}" text-anchor="{line.anchor}" '
        f'font-size="{size}" fill="{fill}"{extra}>{escape(line.text)}</text>'
    )


def _diamond(box: Box) -> str:
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    return (
        f'<polygon points="{_n(cx)},{_n(box.y)} {_n(box.right)},{_n(cy)} {_n(cx)},{_n(box.bottom)} '
        f'{_n(box.x)},{_n(cy)}" fill="#fff8e1" stroke="#6b4f00" stroke-width="2"/>'
    )


def _shape(shape: Shape, linked: bool) -> Iterator[str]:
    box = shape.box
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    if shape.kind == "start":
        yield (
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(box.w / 2 - 1)}" fill="#eaf3ec" '
            f'stroke="#1f6f3f" stroke-width="2"/>'
        )
    elif shape.kind == "slut":
        yield (
            f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(box.w / 2 - 2.5)}" fill="#fbeaea" '
            f'stroke="#8c1d18" stroke-width="5"/>'
        )
    elif shape.kind == "beslut":
        yield _diamond(box)
        d = box.w * 0.16
        yield (
            f'<path d="M{_n(cx - d)},{_n(cy - d)} L{_n(cx + d)},{_n(cy + d)} '
            f'M{_n(cx + d)},{_n(cy - d)} L{_n(cx - d)},{_n(cy + d)}" stroke="#6b4f00" '
            f'stroke-width="4" stroke-linecap="round"/>'
        )
    elif shape.kind == "parallell":
        yield _diamond(box)
        d = box.w * 0.22
        yield (
            f'<path d="M{_n(cx - d)},{_n(cy)} H{_n(cx + d)} M{_n(cx)},{_n(cy - d)} V{_n(cy + d)}" '
            f'stroke="#6b4f00" stroke-width="4" stroke-linecap="round"/>'
        )
    else:
        thick = shape.kind == "delprocess"
        yield (
            f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}" '
            f'rx="10" fill="#ffffff" stroke="{NAVY}" stroke-width="{4 if thick else 2}"/>'
        )
        if thick:
            m = 12
            top = box.bottom - m - 5
            yield (
                f'<rect x="{_n(cx - m / 2)}" y="{_n(top)}" width="{m}" height="{m}" fill="#ffffff" '
                f'stroke="{NAVY}" stroke-width="1.5"/>'
                f'<path d="M{_n(cx - 3.5)},{_n(top + m / 2)} H{_n(cx + 3.5)} '
                f'M{_n(cx)},{_n(top + 2.5)} V{_n(top + m - 2.5)}" stroke="{NAVY}" '
                f'stroke-width="1.5"/>'
            )
    if shape.label is not None:
        fill = LINK if linked else INK
        extra = ' text-decoration="underline"' if linked else ""
        for line in shape.label.lines:
            yield _text(line, fill=fill, extra=extra)


def render_flow_svg(
    layout: FlowLayout,
    *,
    title: str,
    description: str,
    links: Mapping[str, str],
    id_prefix: str = "flodeskarta",
) -> Markup:
    """The diagram as HTML: a block holding the SVG image and, over it, one HTML link per shape
    whose activity id is in `links` (a delprocess → that process's page). `title` and
    `description` are the image's accessible name and description. The SVG scales to the width of
    its container (viewBox) and keeps at most its natural size."""
    width, height = layout.width, layout.height
    out: list[str] = [
        f'<div class="flow-canvas" style="position: relative; max-width: {_n(width)}px">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" '
        f'aria-labelledby="{id_prefix}-titel {id_prefix}-besk" '
        f'style="display: block; width: 100%; height: auto" font-family="{FONT}">',
        f'<title id="{id_prefix}-titel">{escape(title)}</title>',
        f'<desc id="{id_prefix}-besk">{escape(description)}</desc>',
        "<defs>"
        f'<marker id="{id_prefix}-pil" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
        "</defs>",
    ]
    pool = layout.pool
    for i, lane in enumerate(layout.lanes):
        b = lane.box
        out.append(
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" '
            f'fill="{LANE_FILLS[i % 2]}" stroke="{BORDER}" stroke-width="1"/>'
        )
    for band in layout.bands:
        h = band.header
        out.append(
            f'<rect x="{_n(h.x)}" y="{_n(h.y)}" width="{_n(h.w)}" height="{_n(h.h)}" '
            f'fill="{NAVY}" stroke="#ffffff" stroke-width="1"/>'
        )
        out.extend(_text(line, fill="#ffffff", extra=' font-weight="bold"') for line in band.lines)
        if band.box.x > pool.x + 1:
            out.append(
                f'<line x1="{_n(band.box.x)}" y1="{_n(pool.y)}" x2="{_n(band.box.x)}" '
                f'y2="{_n(pool.bottom)}" stroke="{BORDER}" stroke-width="1.5" '
                f'stroke-dasharray="6 4"/>'
            )
    for lane in layout.lanes:
        b = lane.box
        out.append(
            f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{LANE_HEADER}" height="{_n(b.h)}" '
            f'fill="{HEADER_FILL}" stroke="{BORDER}" stroke-width="1"/>'
        )
        out.extend(_text(line, extra=' font-weight="bold"') for line in lane.lines)
    for edge in layout.edges:
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in edge.points)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="1.5" '
            f'stroke-linejoin="round" marker-end="url(#{id_prefix}-pil)"/>'
        )
    for edge in layout.edges:
        if edge.label is not None:
            out.extend(
                _text(
                    line,
                    size=LABEL_FONT_SIZE,
                    extra=' font-style="italic" paint-order="stroke" stroke="#ffffff" '
                    'stroke-width="4" stroke-linejoin="round"',
                )
                for line in edge.label.lines
            )
    for shape in layout.shapes:
        linked = shape.activity_id is not None and shape.activity_id in links
        out.extend(_shape(shape, linked))
    out.append("</svg>")
    for shape in layout.shapes:
        if shape.activity_id is None or shape.activity_id not in links:
            continue
        box = shape.footprint
        out.append(
            f'<a class="map-link" href="{escape(links[shape.activity_id])}" '
            f'style="position: absolute; left: {_pct(box.x, width)}; top: {_pct(box.y, height)}; '
            f'width: {_pct(box.w, width)}; height: {_pct(box.h, height)}">'
            '<span class="visually-hidden" style="position: absolute; width: 1px; height: 1px; '
            'overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap">'
            f"{escape(shape.name)}</span></a>"
        )
    out.append("</div>")
    return Markup("\n".join(out))  # noqa: S704 - every text above went through escape()


def _pct(value: float, whole: float) -> str:
    return f"{100 * value / whole:.3f}%"
