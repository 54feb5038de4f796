"""Charts as inline SVG strings, drawn in Python: the report needs no chart library and no script.

Every chart is well-formed XML with a <title> and <desc> (its accessible name), a visible
caption, and labelled axes. Value bars are <rect class="bar">, missing values in a bar chart
are <rect class="missing"> with a hatched fill; the tests count on these class names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .fmt import sv_auto

FONT = "'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
BAR_COLOR = "#2c5d8f"
FLAG_COLOR = "#c77700"
MISSING_COLOR = "#9aa3ad"
AXIS_COLOR = "#5b6570"
GRID_COLOR = "#e3e7eb"
TEXT_COLOR = "#1f2933"
# Okabe–Ito: tells series apart for readers with colour-blindness too.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442")

MARGIN_LEFT = 72
MARGIN_RIGHT = 16
MARGIN_BOTTOM = 50


def _esc(text) -> str:
    return escape(str(text), quote=True)


def _n(v: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]."""
    lo, hi = float(min(lo, hi)), float(max(lo, hi))
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = mag * 10
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw:
            step = m * mag
            break
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step
    n = round((end - start) / step)
    return [round(start + i * step, 10) for i in range(n + 1)]


def tick_label(v: float) -> str:
    return sv_auto(Decimal(repr(round(v, 10))))


class _Frame:
    """The plot area of a chart with a linear y scale and evenly spaced x slots."""

    def __init__(self, width: int, height: int, top: int, ticks: list[float], slots: int):
        self.width, self.height, self.top = width, height, top
        self.left = MARGIN_LEFT
        self.plot_w = width - MARGIN_LEFT - MARGIN_RIGHT
        self.plot_h = height - top - MARGIN_BOTTOM
        self.ticks = ticks
        self.lo, self.hi = ticks[0], ticks[-1]
        self.slots = max(slots, 1)
        self.band = self.plot_w / self.slots

    def y(self, v: float) -> float:
        return self.top + (self.hi - v) / (self.hi - self.lo) * self.plot_h

    def x_center(self, i: int) -> float:
        return self.left + (i + 0.5) * self.band

    @property
    def bottom(self) -> float:
        return self.top + self.plot_h

    def axes(self, x_labels: Sequence[str], x_label: str, y_label: str) -> list[str]:
        out = ['<g class="axes">']
        for t in self.ticks:
            y = _n(self.y(t))
            stroke = AXIS_COLOR if t == 0 else GRID_COLOR
            out.append(
                f'<line x1="{_n(self.left)}" x2="{_n(self.left + self.plot_w)}" y1="{y}" y2="{y}" '
                f'stroke="{stroke}" stroke-width="1"/>'
            )
            out.append(
                f'<text x="{_n(self.left - 8)}" y="{y}" dy="0.32em" text-anchor="end" '
                f'fill="{AXIS_COLOR}" font-size="11">{_esc(tick_label(t))}</text>'
            )
        out.append(
            f'<line x1="{_n(self.left)}" x2="{_n(self.left)}" y1="{_n(self.top)}" y2="{_n(self.bottom)}" '
            f'stroke="{AXIS_COLOR}" stroke-width="1"/>'
        )
        for i, label in enumerate(x_labels):
            out.append(
                f'<text x="{_n(self.x_center(i))}" y="{_n(self.bottom + 17)}" text-anchor="middle" '
                f'fill="{TEXT_COLOR}" font-size="11.5">{_esc(label)}</text>'
            )
        mid_y = self.top + self.plot_h / 2
        out.append(
            f'<text class="axis-label" x="14" y="{_n(mid_y)}" text-anchor="middle" fill="{AXIS_COLOR}" '
            f'font-size="11.5" transform="rotate(-90 14 {_n(mid_y)})">{_esc(y_label)}</text>'
        )
        out.append(
            f'<text class="axis-label" x="{_n(self.left + self.plot_w / 2)}" y="{_n(self.height - 8)}" '
            f'text-anchor="middle" fill="{AXIS_COLOR}" font-size="11.5">{_esc(x_label)}</text>'
        )
        out.append("</g>")
        return out


def _open(chart_id: str, title: str, desc: str, width: int, height: int, caption: str | None) -> list[str]:
    cid = _esc(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="{_esc(FONT)}" font-size="12">',
        f'<title id="{cid}-title">{_esc(title)}</title>',
        f'<desc id="{cid}-desc">{_esc(desc or title)}</desc>',
        f'<text class="caption" x="{MARGIN_LEFT}" y="18" font-size="13.5" font-weight="600" '
        f'fill="{TEXT_COLOR}">{_esc(title if caption is None else caption)}</text>',
    ]


def _legend(items: Sequence[tuple[str, str, str]], x0: float, y: float, max_x: float) -> list[str]:
    """Swatches in a row (wrapping): (name, colour, kind) with kind 'box', 'line' or 'dashed'."""
    out = ['<g class="legend">']
    x = x0
    for name, color, kind in items:
        w = 28 + len(name) * 6.6
        if x + w > max_x and x > x0:
            x, y = x0, y + 16
        if kind == "box":
            out.append(f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="11" height="11" rx="2" fill="{color}"/>')
        else:
            dash = ' stroke-dasharray="4 3"' if kind == "dashed" else ""
            fill = "#fff" if kind == "dashed" else color
            out.append(
                f'<line x1="{_n(x - 2)}" x2="{_n(x + 14)}" y1="{_n(y - 4)}" y2="{_n(y - 4)}" '
                f'stroke="{color}" stroke-width="2"{dash}/>'
            )
            out.append(
                f'<circle cx="{_n(x + 6)}" cy="{_n(y - 4)}" r="3.5" fill="{fill}" stroke="{color}" '
                f'stroke-width="1.5"/>'
            )
        out.append(
            f'<text x="{_n(x + 18)}" y="{_n(y)}" font-size="11.5" fill="{TEXT_COLOR}">{_esc(name)}</text>'
        )
        x += w
    out.append("</g>")
    return out


def _legend_rows(items: Sequence[tuple[str, str, str]], width: int) -> int:
    x, rows = MARGIN_LEFT, 1
    for name, _, _ in items:
        w = 28 + len(name) * 6.6
        if x + w > width - MARGIN_RIGHT and x > MARGIN_LEFT:
            x, rows = MARGIN_LEFT, rows + 1
        x += w
    return rows


@dataclass(frozen=True)
class Bar:
    """One slot of a bar chart; value None draws a hatched "missing" slot."""

    label: str
    value: float | Decimal | None
    text: str | None = None  # printed above the bar; default: the value
    flag: str | None = None  # e.g. "conflict": the bar is drawn in the flag colour and the flag named
    note: str | None = None  # tooltip


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    desc: str = "",
    width: int = 520,
    height: int = 280,
    color: str = BAR_COLOR,
    missing_label: str = "missing",
    caption: str | None = None,
) -> str:
    """Vertical bars from zero, proportional to their values; negative values hang below zero."""
    values = [float(b.value) for b in bars if b.value is not None]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    if lo == hi:  # no values, or all zero: an axis from 0 to 1 (nothing divides by zero)
        hi = 1.0
    top = 46
    frame = _Frame(width, height, top, nice_ticks(lo, hi), len(bars))
    cid = _esc(chart_id)
    out = _open(chart_id, title, desc, width, height, caption)
    out.append(
        f'<defs><pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f5f7"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#c4cad1" stroke-width="2"/></pattern></defs>'
    )
    out += frame.axes([b.label for b in bars], x_label, y_label)
    bw = frame.band * 0.62
    zero = frame.y(0)
    for i, b in enumerate(bars):
        cx = frame.x_center(i)
        x = cx - bw / 2
        if b.value is None:
            tip = f"{b.label}: {b.note or missing_label}"
            out.append(
                f'<rect class="missing" x="{_n(x)}" y="{_n(frame.top)}" width="{_n(bw)}" '
                f'height="{_n(frame.plot_h)}" fill="url(#{cid}-hatch)" stroke="{MISSING_COLOR}" '
                f'stroke-dasharray="3 2"><title>{_esc(tip)}</title></rect>'
            )
            out.append(
                f'<text class="missing-label" x="{_n(cx)}" y="{_n(frame.top + frame.plot_h / 2)}" '
                f'text-anchor="middle" dy="0.32em" font-size="11" font-style="italic" '
                f'fill="#4b5560" stroke="#f4f5f7" stroke-width="3" paint-order="stroke">'
                f"{_esc(missing_label)}</text>"
            )
            continue
        v = float(b.value)
        y = frame.y(v)
        rect_y, rect_h = min(y, zero), abs(zero - y)
        fill = FLAG_COLOR if b.flag else color
        cls = f"bar {_esc(b.flag)}" if b.flag else "bar"
        text = b.text if b.text is not None else sv_auto(b.value)
        tip = f"{b.label}: {text}" + (f" ({b.flag})" if b.flag else "") + (f". {b.note}" if b.note else "")
        out.append(
            f'<rect class="{cls}" x="{_n(x)}" y="{_n(rect_y)}" width="{_n(bw)}" height="{_n(rect_h)}" '
            f'fill="{fill}" rx="1.5"><title>{_esc(tip)}</title></rect>'
        )
        label_y = y - 6 if v >= 0 else y + 15
        out.append(
            f'<text class="value" x="{_n(cx)}" y="{_n(label_y)}" text-anchor="middle" font-size="11.5" '
            f'font-weight="600" fill="{TEXT_COLOR}">{_esc(text)}</text>'
        )
        if b.flag:
            flag_y = label_y - 14 if v >= 0 else label_y + 14
            out.append(
                f'<text class="flag" x="{_n(cx)}" y="{_n(flag_y)}" text-anchor="middle" font-size="11" '
                f'font-weight="700" fill="{FLAG_COLOR}">! {_esc(b.flag)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class BarSeries:
    """One series of a grouped bar chart: a value (or None) per category."""

    name: str
    values: Sequence[float | Decimal | None]
    color: str | None = None
    texts: Sequence[str] | None = None  # tooltips' value texts; default: the values


def grouped_bar_chart(
    categories: Sequence[str],
    series: Sequence[BarSeries],
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    desc: str = "",
    width: int = 900,
    height: int = 320,
    caption: str | None = None,
) -> str:
    """Per category, one bar per series side by side; a None value leaves its place empty."""
    values = [float(v) for s in series for v in s.values if v is not None]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    if lo == hi:
        hi = 1.0
    colors = [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(series)]
    legend = [(s.name, c, "box") for s, c in zip(series, colors, strict=True)]
    rows = _legend_rows(legend, width)
    top = 40 + 16 * rows + 10
    frame = _Frame(width, height + 16 * (rows - 1), top, nice_ticks(lo, hi), len(categories))
    out = _open(chart_id, title, desc, frame.width, frame.height, caption)
    out += _legend(legend, MARGIN_LEFT, 40, width - MARGIN_RIGHT)
    out += frame.axes(list(categories), x_label, y_label)
    n = max(len(series), 1)
    group_w = frame.band * 0.8
    bw = group_w / n
    zero = frame.y(0)
    show_values = bw >= 34
    for i, cat in enumerate(categories):
        x0 = frame.x_center(i) - group_w / 2
        for j, s in enumerate(series):
            v = s.values[i]
            if v is None:
                continue
            y = frame.y(float(v))
            text = s.texts[i] if s.texts is not None else sv_auto(v)
            x = x0 + j * bw
            out.append(
                f'<rect class="bar" x="{_n(x + 1)}" y="{_n(min(y, zero))}" width="{_n(bw - 2)}" '
                f'height="{_n(abs(zero - y))}" fill="{colors[j]}" rx="1.5">'
                f"<title>{_esc(f'{s.name}, {cat}: {text}')}</title></rect>"
            )
            if show_values:
                ly = y - 5 if float(v) >= 0 else y + 14
                out.append(
                    f'<text class="value" x="{_n(x + bw / 2)}" y="{_n(ly)}" text-anchor="middle" '
                    f'font-size="10.5" fill="{TEXT_COLOR}">{_esc(text)}</text>'
                )
    out.append("</svg>")
    return "\n".join(out)


@dataclass(frozen=True)
class LineSeries:
    """Points (x, y, label) of one line, the label printed above the point; dashed lines have hollow
    markers (e.g. targets)."""

    name: str
    points: Sequence[tuple[int, float, str]]
    color: str | None = None
    dashed: bool = False


def line_chart(
    x_values: Sequence[int],
    series: Sequence[LineSeries],
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    desc: str = "",
    width: int = 560,
    height: int = 280,
    from_zero: bool = False,
    caption: str | None = None,
) -> str:
    """Lines over evenly spaced x values (years); the y axis spans the data unless from_zero."""
    ys = [float(p[1]) for s in series for p in s.points]
    lo, hi = (min(ys), max(ys)) if ys else (0.0, 1.0)
    if from_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    pad = (hi - lo) * 0.15 or (abs(hi) * 0.05 or 1.0)
    if not from_zero:
        lo, hi = lo - pad, hi + pad
    elif hi == lo:
        hi = lo + 1.0
    colors = [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(series)]
    legend = [(s.name, c, "dashed" if s.dashed else "line") for s, c in zip(series, colors, strict=True)]
    rows = _legend_rows(legend, width)
    top = 40 + 16 * rows + 8
    frame = _Frame(width, height + 16 * (rows - 1), top, nice_ticks(lo, hi, 4), len(x_values))
    out = _open(chart_id, title, desc, frame.width, frame.height, caption)
    out += _legend(legend, MARGIN_LEFT, 40, width - MARGIN_RIGHT)
    out += frame.axes([str(x) for x in x_values], x_label, y_label)
    index = {x: i for i, x in enumerate(x_values)}
    for s, color in zip(series, colors, strict=True):
        pts = sorted((p for p in s.points if p[0] in index), key=lambda p: p[0])
        coords = [(frame.x_center(index[p[0]]), frame.y(float(p[1])), p[2]) for p in pts]
        cls = "series dashed" if s.dashed else "series"
        out.append(f'<g class="{cls}">')
        if len(coords) >= 2:
            dash = ' stroke-dasharray="5 4"' if s.dashed else ""
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in coords)
            out.append(
                f'<polyline class="line" points="{path}" fill="none" stroke="{color}" stroke-width="2.2"'
                f"{dash}/>"
            )
        for (x, y, label), p in zip(coords, pts, strict=True):
            fill = "#fff" if s.dashed else color
            out.append(
                f'<circle class="point" cx="{_n(x)}" cy="{_n(y)}" r="4.5" fill="{fill}" stroke="{color}" '
                f'stroke-width="2"><title>{_esc(f"{s.name}, {p[0]}: {label}")}</title></circle>'
            )
            out.append(
                f'<text class="value" x="{_n(x)}" y="{_n(y - 9)}" text-anchor="middle" font-size="11" '
                f'fill="{TEXT_COLOR}" font-weight="600" stroke="#fff" stroke-width="3" paint-order="stroke">'
                f"{_esc(label)}</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
