"""Geometry for the pictures: the trend chart of a goal and the processkarta.

Only coordinates and text lines are computed here; the SVG markup comes from the templates
(`templates/html/macros.html`), so every character of user text passes through autoescaping.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

# --- trend chart ---------------------------------------------------------------------------------

CHART_WIDTH = 560
CHART_HEIGHT = 230
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 44


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass
class Chart:
    """A line chart of results over time, optionally with a horizontal target line."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[Point]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    target_y: float | None
    target_label: str | None
    expected: tuple[Point, Point] | None = None
    """The straight line from the baseline to the target at the deadline (goal status method)."""
    expected_label: str | None = None
    broken: bool = False
    """The y-axis does not start at zero: a break mark is drawn at its foot."""

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover


BROKEN_AXIS_SHARE = 0.5
"""Start the y-axis at zero unless every value lies above this share of the largest: 82–95 %
drawn from zero would flatten every change, so such an axis is drawn broken (and marked so)."""


def trend_chart(
    series: list[tuple[date, float, str]],
    target: float | None,
    number: Callable[[float], str],
    target_label: str | None,
    expected: tuple[tuple[date, float], tuple[date, float]] | None = None,
    expected_label: str | None = None,
) -> Chart | None:
    """The chart of `series` (date, value, value as text), oldest first; None without results.

    `number` formats a tick value as text (the document's number format). `expected` is the line
    from the baseline to the target at the deadline, drawn next to the results; the time axis
    spans both. The y-axis starts at zero, or is drawn broken when all values are far above it.
    """
    if not series:
        return None
    values = [v for _, v, _ in series] + ([target] if target is not None else [])
    if expected is not None:
        values += [expected[0][1], expected[1][1]]
    low, high = min(values), max(values)
    broken = low > 0 and low > BROKEN_AXIS_SHARE * high
    if not broken:
        low = min(low, 0.0)
        high = max(high, 0.0)
    if low == high:
        low, high = (low - 1, high + 1) if broken else (low, high + 1)
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step
    if broken and low <= 0:
        broken, low = False, 0.0
    plot_w = CHART_WIDTH - LEFT - RIGHT
    plot_h = CHART_HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    days = [d for d, _, _ in series] + ([expected[0][0], expected[1][0]] if expected else [])
    first, last = min(days).toordinal(), max(days).toordinal()

    def x_of(day: date) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (day.toordinal() - first) / (last - first)

    points = [Point(x_of(d), y_of(v), text) for d, v, text in series]
    y_ticks = []
    count = round((high - low) / step)
    for i in range(count + 1):
        value = low + i * step
        y_ticks.append(Tick(y_of(value), number(round(value, 10))))
    x_ticks = [Tick(x_of(min(days)), min(days).isoformat())]
    if first != last:
        x_ticks.append(Tick(x_of(max(days)), max(days).isoformat()))
    line = None
    if expected is not None:
        (d0, v0), (d1, v1) = expected
        line = (Point(x_of(d0), y_of(v0), ""), Point(x_of(d1), y_of(v1), ""))
    return Chart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        left=LEFT,
        right=CHART_WIDTH - RIGHT,
        top=TOP,
        bottom=CHART_HEIGHT - BOTTOM,
        points=points,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        target_y=y_of(target) if target is not None else None,
        target_label=target_label if target is not None else None,
        expected=line,
        expected_label=expected_label if line is not None else None,
        broken=broken,
    )


# --- process map ---------------------------------------------------------------------------------

MAP_WIDTH = 1000
MARGIN = 16
BAND_HEAD = 34
BOX_GAP = 12
LINE_HEIGHT = 18
FONT_SIZE = 15
CHAR_WIDTH = 8.2  # average advance of a 15 px sans-serif letter, for wrapping
STYR_COLUMNS = 3


@dataclass(frozen=True)
class TextLine:
    x: float
    y: float
    text: str


@dataclass
class MapBox:
    """One process in the map: a rectangle or a chevron, with its name in lines, and a link."""

    href: str
    label: str
    shape: str
    x: float
    y: float
    w: float
    h: float
    lines: list[TextLine]
    points: str = ""


@dataclass(frozen=True)
class HotSpot:
    """A link laid over the picture: its box in percent of the map's width and height."""

    href: str
    label: str
    left: str
    top: str
    width: str
    height: str


@dataclass
class MapBand:
    kind: str
    title: str
    href: str | None
    x: float
    y: float
    w: float
    h: float
    title_y: float
    boxes: list[MapBox] = field(default_factory=list)


@dataclass
class ProcessMap:
    width: int
    height: int
    bands: list[MapBand]

    def hotspots(self) -> list[HotSpot]:
        """Every link of the map, in reading order. The picture itself is one image
        (role="img": its children are not exposed), so its links are HTML links over it."""

        def pct(value: float, whole: float) -> str:
            return f"{100 * value / whole:.3f}%"

        spots = []
        for band in self.bands:
            if band.href:
                width = min(band.w - 24, len(band.title) * CHAR_WIDTH * 1.1 + 8)
                spots.append(
                    HotSpot(
                        band.href,
                        band.title,
                        pct(band.x + 6, self.width),
                        pct(band.y + 4, self.height),
                        pct(width, self.width),
                        pct(BAND_HEAD - 8, self.height),
                    )
                )
            for box in band.boxes:
                spots.append(
                    HotSpot(
                        box.href,
                        box.label,
                        pct(box.x, self.width),
                        pct(box.y, self.height),
                        pct(box.w, self.width),
                        pct(box.h, self.height),
                    )
                )
        return spots


@dataclass(frozen=True)
class MapItem:
    """A process to place: its name, link target and accessible label."""

    name: str
    href: str
    label: str


@dataclass(frozen=True)
class BandSpec:
    kind: str
    """styr, huvud or stöd."""
    title: str
    href: str | None
    items: list[MapItem]


def _wrap(text: str, width: float, padding: float) -> list[str]:
    chars = max(8, int((width - 2 * padding) / CHAR_WIDTH))
    return textwrap.wrap(text, chars, break_long_words=True, break_on_hyphens=False) or [text]


def process_map(bands: list[BandSpec]) -> ProcessMap:
    """Lay out the bands top to bottom: boxes in a grid for styr and stöd, one chevron row per
    huvud process, each row as high as its longest name needs."""
    y = float(MARGIN)
    inner_x = MARGIN + 12
    inner_w = MAP_WIDTH - 2 * inner_x
    placed: list[MapBand] = []
    for spec in bands:
        band = MapBand(
            spec.kind, spec.title, spec.href, MARGIN, y, MAP_WIDTH - 2 * MARGIN, 0, y + 23
        )
        cursor = y + BAND_HEAD
        if spec.kind == "huvud":
            for item in spec.items:
                padding = 36
                lines = _wrap(item.name, inner_w, padding)
                h = max(46, len(lines) * LINE_HEIGHT + 20)
                tip = 26
                x0, x1 = inner_x, inner_x + inner_w
                points = (
                    f"{x0},{cursor:.1f} {x1 - tip},{cursor:.1f} {x1},{cursor + h / 2:.1f} "
                    f"{x1 - tip},{cursor + h:.1f} {x0},{cursor + h:.1f} "
                    f"{x0 + tip},{cursor + h / 2:.1f}"
                )
                band.boxes.append(
                    MapBox(
                        item.href,
                        item.label,
                        "chevron",
                        x0,
                        cursor,
                        inner_w,
                        h,
                        _lines(lines, x0 + inner_w / 2, cursor, h),
                        points,
                    )
                )
                cursor += h + 8
        else:
            columns = max(1, min(STYR_COLUMNS, len(spec.items)))
            box_w = (inner_w - (columns - 1) * BOX_GAP) / columns
            for start in range(0, len(spec.items), columns):
                row = spec.items[start : start + columns]
                wrapped = [_wrap(item.name, box_w, 10) for item in row]
                h = max(46, max(len(w) for w in wrapped) * LINE_HEIGHT + 20)
                for i, (item, lines) in enumerate(zip(row, wrapped, strict=True)):
                    x = inner_x + i * (box_w + BOX_GAP)
                    band.boxes.append(
                        MapBox(
                            item.href,
                            item.label,
                            "rect",
                            x,
                            cursor,
                            box_w,
                            h,
                            _lines(lines, x + box_w / 2, cursor, h),
                        )
                    )
                cursor += h + BOX_GAP
        if not spec.items:
            cursor += 10
        band.h = cursor - y + 4
        placed.append(band)
        y += band.h + 12
    return ProcessMap(MAP_WIDTH, math.ceil(y + MARGIN - 12), placed)


def _lines(lines: list[str], cx: float, top: float, h: float) -> list[TextLine]:
    first = top + h / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + FONT_SIZE * 0.35
    return [TextLine(cx, first + i * LINE_HEIGHT, line) for i, line in enumerate(lines)]
