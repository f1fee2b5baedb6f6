"""Bar charts drawn on the server, no plotting library needed: the same layout written as
SVG for the PDF (WeasyPrint draws it) and as PNG with Pillow for the DOCX (Word). Vietnamese
labels need a full TTF font: Liberation Serif."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_FILES = (
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
)
COLOURS = ("#1f4e79", "#c55a11", "#548235")


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


def nice_top(values: list[float]) -> float:
    """The axis top: a round number (1, 2, 2.5, 3 or 5 × 10^k per quarter) above the data."""
    import math

    top = max([*values, 1.0]) * 1.05
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 3, 5, 10) if m * power >= raw)
    return step * 4


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _gridlines(top_value: float, top: float, bottom: float) -> list[tuple[int, float, str]]:
    """The five lines of the value axis, from the bottom: (step, y, the value beside it)."""
    return [
        (step, bottom - (bottom - top) * step / 4, f"{top_value * step / 4:,.0f}".replace(",", "."))
        for step in range(5)
    ]


@dataclass(frozen=True)
class _Bar:
    x: float  # left edge
    width: float
    value: float
    colour: str


def _columns(
    labels: list[str], series: list[Series], left: float, right: float
) -> list[tuple[float, list[_Bar]]]:
    """Per label: the x its text is centred on, and its bars side by side (one per series)
    in the middle 80% of its slot."""
    slot = (right - left) / max(len(labels), 1)
    width = slot * 0.8 / max(len(series), 1)
    columns = []
    for j in range(len(labels)):
        x0 = left + slot * j + slot * 0.1
        bars = [
            _Bar(
                x=x0 + width * i,
                width=width,
                value=float(s.values[j]) if j < len(s.values) else 0.0,
                colour=COLOURS[i % len(COLOURS)],
            )
            for i, s in enumerate(series)
        ]
        columns.append((left + slot * (j + 0.5), bars))
    return columns


def short(label: str, size: int = 24) -> str:
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def svg_bar_chart(
    title: str, labels: list[str], series: list[Series], *, width=690, height=330
) -> str:
    """The chart as inline SVG (for WeasyPrint): the same layout as the PNG, half scale."""
    left, right, top, bottom = 55, width - 15, 60, height - 45
    top_value = nice_top([float(v) for s in series for v in s.values])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Liberation Serif, Times New Roman, serif">',
        f'<text x="{width / 2}" y="20" font-size="17" text-anchor="middle">{_esc(title)}</text>',
    ]
    x = left
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        out.append(f'<rect x="{x}" y="33" width="13" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 17}" y="44" font-size="13">{_esc(s.name)}</text>')
        x += 30 + 7 * len(s.name)
    for step, y, number in _gridlines(top_value, top, bottom):
        grid = "#000" if step == 0 else "#ddd"
        out.append(
            f'<line x1="{left - 3}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{grid}"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{number}</text>'
        )
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#000"/>')
    size = 11 if len(labels) <= 10 else 9
    for label, (centre, bars) in zip(labels, _columns(labels, series, left, right), strict=True):
        for bar in bars:
            h = (bottom - top) * bar.value / top_value
            out.append(
                f'<rect x="{bar.x:.1f}" y="{bottom - h:.1f}" width="{bar.width - 1:.1f}" '
                f'height="{h:.1f}" fill="{bar.colour}"/>'
            )
        out.append(
            f'<text x="{centre:.1f}" y="{bottom + 16}" font-size="{size}" '
            f'text-anchor="middle">{_esc(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def png_bar_chart(
    title: str, labels: list[str], series: list[Series], *, width=1380, height=660
) -> bytes:
    """The same chart as a PNG, drawn with Pillow (reportlab's PNG backend needs cairo,
    which is not installed): for the DOCX, where Word cannot show SVG everywhere."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    path = next((p for p in FONT_FILES if p.exists()), None)

    def font(size: int):
        return ImageFont.truetype(str(path), size) if path else ImageFont.load_default()

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((width / 2, 12), title, fill="black", font=font(34), anchor="ma")
    left, right, top, bottom = 110, width - 30, 120, height - 90
    top_value = nice_top([float(v) for s in series for v in s.values])
    # legend
    x = left
    for i, s in enumerate(series):
        draw.rectangle((x, 66, x + 26, 90), fill=COLOURS[i % len(COLOURS)])
        draw.text((x + 34, 78), s.name, fill="black", font=font(26), anchor="lm")
        x += 60 + int(draw.textlength(s.name, font=font(26)))
    # axes and grid
    draw.line((left, top, left, bottom), fill="black", width=2)
    draw.line((left, bottom, right, bottom), fill="black", width=2)
    for step, y, number in _gridlines(top_value, top, bottom):
        draw.line((left - 6, y, right, y), fill="#dddddd" if step else "black")
        draw.text((left - 10, y), number, fill="black", font=font(22), anchor="rm")
    size = 22 if len(labels) <= 10 else 18
    for label, (centre, bars) in zip(labels, _columns(labels, series, left, right), strict=True):
        for bar in bars:
            y = bottom - (bottom - top) * bar.value / top_value
            draw.rectangle((bar.x, y, bar.x + bar.width - 2, bottom), fill=bar.colour)
        draw.text((centre, bottom + 10), label, fill="black", font=font(size), anchor="ma")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
