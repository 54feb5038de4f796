"""Charts as inline SVG strings, drawn in Python: the report needs no chart library and no script.

Every chart is well-formed XML with a <title> and <desc> (its accessible name), a visible
caption, and labelled axes. Value bars are <rect class="bar"> (one function draws them for every
chart), missing values in a bar chart are <rect class="missing"> with a hatched fill; the tests
count on these class names. Every text is escaped here: a chart is returned as markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

from .fmt import SWEDISH, NumberFormat

FONT = "'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
BAR_COLOR = "#2c5d8f"
FLAG_COLOR = "#c77700"
MISSING_COLOR = "#9aa3ad"
AXIS_COLOR = "#5b6570"
GRID_COLOR = "#e3e7eb"
TEXT_COLOR = "#1f2933"
# Okabe–Ito: tells series apart for readers with colour-blindness too.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442")
# Fills laid over a bar whose figure is not like the others (white marks on the bar's colour), so
# the difference survives printing in grey and needs no colour vision.
PATTERNS = {
    "stripes": '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.4"/>',
    "backstripes": '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.4"/>',
    "dots": '<circle cx="3" cy="3" r="1.4" fill="#fff"/>',
}
PATTERN_ROTATION = {"stripes": 45, "backstripes": -45, "dots": 0}
PATTERN_OUTLINE = f' stroke="{TEXT_COLOR}" stroke-width="1" stroke-dasharray="3 2"'

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


def tick_label(v: float, numbers: NumberFormat = SWEDISH) -> str:
    return numbers.auto(Decimal(repr(round(v, 10))))


def _value_range(values: Sequence[float]) -> tuple[float, float]:
    """From zero to the values (bars stand on zero); an axis from 0 to 1 when there is nothing else."""
    lo, hi = min([0.0, *values]), max([0.0, *values])
    return (lo, 1.0) if lo == hi else (lo, hi)


class _Frame:
    """The plot area of a chart with a linear y scale and evenly spaced x slots."""

    def __init__(
        self, width: int, height: int, top: int, ticks: list[float], slots: int, numbers: NumberFormat
    ):
        self.width, self.height, self.top = width, height, top
        self.left = MARGIN_LEFT
        self.plot_w = width - MARGIN_LEFT - MARGIN_RIGHT
        self.plot_h = height - top - MARGIN_BOTTOM
        self.ticks = ticks
        self.lo, self.hi = ticks[0], ticks[-1]
        self.slots = max(slots, 1)
        self.band = self.plot_w / self.slots
        self.numbers = numbers

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
                f'fill="{AXIS_COLOR}" font-size="11">{_esc(tick_label(t, self.numbers))}</text>'
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
        out += _axis_labels(
            self.width, self.height, self.left + self.plot_w / 2, self.top + self.plot_h / 2, x_label, y_label
        )
        out.append("</g>")
        return out


def _axis_labels(width: float, height: float, x_mid: float, y_mid: float, x_label: str, y_label: str):
    return [
        f'<text class="axis-label" x="14" y="{_n(y_mid)}" text-anchor="middle" fill="{AXIS_COLOR}" '
        f'font-size="11.5" transform="rotate(-90 14 {_n(y_mid)})">{_esc(y_label)}</text>',
        f'<text class="axis-label" x="{_n(x_mid)}" y="{_n(height - 8)}" '
        f'text-anchor="middle" fill="{AXIS_COLOR}" font-size="11.5">{_esc(x_label)}</text>',
    ]


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


def _close(out: list[str]) -> Markup:
    out.append("</svg>")
    return Markup("\n".join(out))  # noqa: S704 - every text above went through _esc


def _pattern_defs(chart_id: str, names: Sequence[str]) -> list[str]:
    return [
        f'<pattern id="{_esc(chart_id)}-{name}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate({PATTERN_ROTATION[name]})">{PATTERNS[name]}</pattern>'
        for name in names
    ]


def _swatch(kind: str, color: str, x: float, y: float, chart_id: str) -> list[str]:
    """A legend's sample: 'box', 'line', 'dashed' (a target line), 'median', or a pattern's name."""
    if kind == "box":
        return [f'<rect x="{_n(x)}" y="{_n(y - 9)}" width="11" height="11" rx="2" fill="{color}"/>']
    if kind in PATTERNS:
        box = f'x="{_n(x)}" y="{_n(y - 9)}" width="11" height="11"'
        return [
            f'<rect {box} rx="1.5" fill="{color}"{PATTERN_OUTLINE}/>',
            f'<rect {box} fill="url(#{_esc(chart_id)}-{kind})"/>',
        ]
    if kind == "median":
        return [
            f'<line x1="{_n(x + 5)}" x2="{_n(x + 5)}" y1="{_n(y - 11)}" y2="{_n(y + 2)}" '
            f'stroke="{TEXT_COLOR}" stroke-width="2.5"/>'
        ]
    dash = ' stroke-dasharray="4 3"' if kind == "dashed" else ""
    fill = "#fff" if kind == "dashed" else color
    return [
        f'<line x1="{_n(x - 2)}" x2="{_n(x + 14)}" y1="{_n(y - 4)}" y2="{_n(y - 4)}" '
        f'stroke="{color}" stroke-width="2"{dash}/>',
        f'<circle cx="{_n(x + 6)}" cy="{_n(y - 4)}" r="3.5" fill="{fill}" stroke="{color}" '
        'stroke-width="1.5"/>',
    ]


def _legend_item_width(name: str) -> float:
    return 28 + len(name) * 6.6


def _legend(
    items: Sequence[tuple[str, str, str]], x0: float, y: float, max_x: float, chart_id: str = ""
) -> list[str]:
    """Swatches in a row (wrapping): (name, colour, kind), kind as `_swatch` takes it."""
    out = ['<g class="legend">']
    x = x0
    for name, color, kind in items:
        w = _legend_item_width(name)
        if x + w > max_x and x > x0:
            x, y = x0, y + 16
        out += _swatch(kind, color, x, y, chart_id)
        out.append(
            f'<text x="{_n(x + 18)}" y="{_n(y)}" font-size="11.5" fill="{TEXT_COLOR}">{_esc(name)}</text>'
        )
        x += w
    out.append("</g>")
    return out


def _legend_rows(items: Sequence[tuple[str, str, str]], width: int, x0: float = MARGIN_LEFT) -> int:
    x, rows = x0, 1
    for name, _, _ in items:
        w = _legend_item_width(name)
        if x + w > width - MARGIN_RIGHT and x > x0:
            x, rows = x0, rows + 1
        x += w
    return rows


def _value_bar(
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    fill: str,
    classes: str = "bar",
    tip: str | None = None,
    pattern: str | None = None,
    label: str | None = None,
    label_at: tuple[float, float, str] = (0, 0, "middle"),
) -> list[str]:
    """One bar of any chart: the rect (with its tooltip), the pattern laid over it that marks a
    figure unlike the others (with a dashed outline), and its value label at (x, y, text-anchor)."""
    outline = PATTERN_OUTLINE if pattern else ""
    title = f"<title>{_esc(tip)}</title>" if tip else ""
    geometry = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
    out = [f'<rect class="{_esc(classes)}" {geometry} fill="{fill}" rx="1.5"{outline}>{title}</rect>']
    if pattern:
        out.append(f'<rect class="pattern" {geometry} fill="url(#{_esc(pattern)})" pointer-events="none"/>')
    if label is not None:
        lx, ly, anchor = label_at
        out.append(
            f'<text class="value" x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}" font-size="11.5" '
            f'font-weight="600" fill="{TEXT_COLOR}" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f"{_esc(label)}</text>"
        )
    return out


# ----------------------------------------------------------------------------- vertical bars


@dataclass(frozen=True)
class Bar:
    """One slot of a bar chart; value None draws a hatched "missing" slot."""

    label: str
    value: float | Decimal | None
    text: str | None = None  # printed above the bar; default: the value
    flag: str | None = None  # e.g. "conflict": the bar is drawn in the flag colour and the flag named
    note: str | None = None  # tooltip
    flag_text: str | None = None  # the flag as the reader reads it; default: the flag


def _missing_slot(x: float, w: float, frame: _Frame, cid: str, tip: str, label: str) -> list[str]:
    return [
        f'<rect class="missing" x="{_n(x)}" y="{_n(frame.top)}" width="{_n(w)}" '
        f'height="{_n(frame.plot_h)}" fill="url(#{cid}-hatch)" stroke="{MISSING_COLOR}" '
        f'stroke-dasharray="3 2"><title>{_esc(tip)}</title></rect>',
        f'<text class="missing-label" x="{_n(x + w / 2)}" y="{_n(frame.top + frame.plot_h / 2)}" '
        f'text-anchor="middle" dy="0.32em" font-size="11" font-style="italic" '
        f'fill="#4b5560" stroke="#f4f5f7" stroke-width="3" paint-order="stroke">{_esc(label)}</text>',
    ]


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
    numbers: NumberFormat = SWEDISH,
) -> Markup:
    """Vertical bars from zero, proportional to their values; negative values hang below zero."""
    lo, hi = _value_range([float(b.value) for b in bars if b.value is not None])
    frame = _Frame(width, height, 46, nice_ticks(lo, hi), len(bars), numbers)
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
        if b.value is None:
            out += _missing_slot(
                cx - bw / 2, bw, frame, cid, f"{b.label}: {b.note or missing_label}", missing_label
            )
            continue
        v = float(b.value)
        y = frame.y(v)
        text = b.text if b.text is not None else numbers.auto(b.value)
        flag = b.flag_text or b.flag
        tip = f"{b.label}: {text}" + (f" ({flag})" if flag else "") + (f". {b.note}" if b.note else "")
        label_y = y - 6 if v >= 0 else y + 15
        out += _value_bar(
            cx - bw / 2,
            min(y, zero),
            bw,
            abs(zero - y),
            fill=FLAG_COLOR if b.flag else color,
            classes=f"bar {b.flag}" if b.flag else "bar",
            tip=tip,
            label=text,
            label_at=(cx, label_y, "middle"),
        )
        if b.flag:
            flag_y = label_y - 14 if v >= 0 else label_y + 14
            out.append(
                f'<text class="flag" x="{_n(cx)}" y="{_n(flag_y)}" text-anchor="middle" font-size="11" '
                f'font-weight="700" fill="{FLAG_COLOR}">! {_esc(flag)}</text>'
            )
    return _close(out)


# ----------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class ComparisonRow:
    """One figure of a comparison chart: a horizontal bar under the heading of its group (a year).

    `pattern` (a key of PATTERNS) marks a figure that does not cover the same as the others.
    Rows next to each other with the same `median_key` share one median line, labelled
    `median_text`; order the rows so that they are next to each other.
    """

    group: str
    label: str
    sublabel: str
    value: float | Decimal | None  # None: the row is listed with its text and no bar
    text: str
    color: str
    pattern: str | None = None
    note: str = ""
    median: float | Decimal | None = None
    median_key: str | None = None
    median_text: str = ""


@dataclass(frozen=True)
class LegendItem:
    label: str
    kind: str  # "box", or a key of PATTERNS, or "median"


ROW_H = 22
GROUP_H = 22
LABELS_W = 190  # municipality and scenario, left of the bars
MEDIAN_W = 270  # median labels, right of the bars (value labels may run into its first 70 px)


def _median_spans(rows: Sequence[ComparisonRow]) -> list[tuple[int, int]]:
    """(first, last) indices of runs of rows of one group with the same median_key and a median."""
    spans: list[tuple[int, int]] = []
    for i, r in enumerate(rows):
        if r.median is None or r.median_key is None:
            continue
        prev = rows[i - 1] if i else None
        same = prev is not None and (prev.group, prev.median_key) == (r.group, r.median_key)
        if spans and spans[-1][1] == i - 1 and same:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return spans


def comparison_chart(
    rows: Sequence[ComparisonRow],
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    legend: Sequence[LegendItem] = (),
    desc: str = "",
    width: int = 960,
    caption: str | None = None,
    numbers: NumberFormat = SWEDISH,
) -> Markup:
    """Horizontal bars from zero, one row per figure, in groups (years) with a heading each; every
    bar is labelled with its value, and a vertical line marks each run of rows' median."""
    legend_items = [(item.label, AXIS_COLOR, item.kind) for item in legend]
    left = 30 + LABELS_W
    legend_rows = _legend_rows(legend_items, width) if legend_items else 0
    top = 36 + 16 * legend_rows + 14
    # y position of each group heading and each row
    y, headings, row_y = top, [], []
    for i, r in enumerate(rows):
        if i == 0 or rows[i - 1].group != r.group:
            headings.append((r.group, y))
            y += GROUP_H
        row_y.append(y)
        y += ROW_H
    plot_bottom = y + 4
    height = int(plot_bottom + 52)
    values = [float(v) for r in rows for v in (r.value, r.median) if v is not None]
    ticks = nice_ticks(*_value_range(values))
    plot_w = width - left - MEDIAN_W

    def x(v) -> float:
        return left + (float(v) - ticks[0]) / (ticks[-1] - ticks[0]) * plot_w

    out = _open(chart_id, title, desc, width, height, caption)
    out.append(f"<defs>{''.join(_pattern_defs(chart_id, list(PATTERNS)))}</defs>")
    if legend_items:
        out += _legend(legend_items, MARGIN_LEFT, 40, width - MARGIN_RIGHT, chart_id)
    out.append('<g class="axes">')
    for t in ticks:
        stroke = AXIS_COLOR if t == 0 else GRID_COLOR
        out.append(
            f'<line x1="{_n(x(t))}" x2="{_n(x(t))}" y1="{_n(top)}" y2="{_n(plot_bottom)}" stroke="{stroke}" '
            'stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_n(x(t))}" y="{_n(plot_bottom + 15)}" text-anchor="middle" fill="{AXIS_COLOR}" '
            f'font-size="11">{_esc(tick_label(t, numbers))}</text>'
        )
    for group, gy in headings:
        out.append(
            f'<line x1="30" x2="{_n(width - MARGIN_RIGHT)}" y1="{_n(gy + 2)}" y2="{_n(gy + 2)}" '
            f'stroke="{GRID_COLOR}" stroke-width="1"/>'
        )
        out.append(
            f'<text class="group" x="30" y="{_n(gy + 16)}" font-size="12.5" font-weight="700" '
            f'fill="{TEXT_COLOR}">{_esc(group)}</text>'
        )
    out += _axis_labels(width, height, left + plot_w / 2, (top + plot_bottom) / 2, x_label, y_label)
    out.append("</g>")
    zero = x(0)
    for r, ry in zip(rows, row_y, strict=True):
        mid = ry + ROW_H / 2
        out.append(
            f'<text class="row-label" x="42" y="{_n(mid)}" dy="0.32em" font-size="11.5" fill="{TEXT_COLOR}">'
            f'{_esc(r.label)} <tspan fill="{AXIS_COLOR}" font-size="10.5">{_esc(r.sublabel)}</tspan></text>'
        )
        if r.value is None:
            out.append(
                f'<text class="value missing-label" x="{_n(zero + 4)}" y="{_n(mid)}" dy="0.32em" '
                f'font-size="11" font-style="italic" fill="#4b5560">{_esc(r.text)}</text>'
            )
            continue
        end = x(r.value)
        positive = float(r.value) >= 0
        out += _value_bar(
            min(zero, end),
            ry + 3,
            abs(end - zero),
            ROW_H - 6,
            fill=r.color,
            tip=f"{r.group}, {r.label}: {r.text}" + (f". {r.note}" if r.note else ""),
            pattern=f"{chart_id}-{r.pattern}" if r.pattern else None,
            label=r.text,
            label_at=(end + 5, mid + 4, "start") if positive else (end - 5, mid + 4, "end"),
        )
    for first, last in _median_spans(rows):
        r = rows[first]
        mx = x(r.median)
        y1, y2 = row_y[first] + 1, row_y[last] + ROW_H - 1
        out.append(
            f'<g class="median"><line x1="{_n(mx)}" x2="{_n(mx)}" y1="{_n(y1)}" y2="{_n(y2)}" '
            f'stroke="{TEXT_COLOR}" stroke-width="2.5"><title>{_esc(r.median_text)}</title></line>'
            f'<text class="median-label" x="{_n(width - MARGIN_RIGHT)}" y="{_n((y1 + y2) / 2)}" dy="0.32em" '
            f'text-anchor="end" font-size="11" fill="{TEXT_COLOR}">{_esc(r.median_text)}</text></g>'
        )
    return _close(out)


# ----------------------------------------------------------------------------- lines


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
    numbers: NumberFormat = SWEDISH,
) -> Markup:
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
    frame = _Frame(width, height + 16 * (rows - 1), top, nice_ticks(lo, hi, 4), len(x_values), numbers)
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
    return _close(out)
