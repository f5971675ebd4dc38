"""The charts' look: one palette whose every colour has a light and a dark form.

Charts are drawn with the light colours. The static chart is rendered once per palette (the dark
file is the light one with every colour swapped for its dark form), and the page shows the file of
the reader's palette; the live view is re-coloured by the generated stylesheet, with the same swap.
"""

from __future__ import annotations

import re
from typing import Any

# name -> (light, dark). Light colours are the ones written into specs and SVGs.
PALETTE: dict[str, tuple[str, str]] = {
    "ink": ("#1b1e23", "#e8eaed"),
    "muted": ("#565c66", "#b4bac4"),
    "grid": ("#d5d9df", "#3b414b"),
    "paper": ("#ffffff", "#1e2129"),
    "security": ("#a8322d", "#f08a7e"),
    "economic": ("#1f5fa8", "#79b0f0"),
    "political": ("#6a4c93", "#c3a6ee"),
    "russia": ("#a8322d", "#f08a7e"),
    "highlight": ("#b35c00", "#ffb35c"),
    "neutral": ("#8a9099", "#7d8590"),
}
FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif"
SMALLEST_TEXT = 12  # px at the chart's natural width; charts are drawn narrow enough for phones
WIDTH = 330  # natural width: fits a 360 px phone without scaling text below 11 px


def colour(name: str) -> str:
    return PALETTE[name][0]


def config() -> dict[str, Any]:
    """Altair/Vega-Lite config shared by every figure."""
    ink, muted, grid = colour("ink"), colour("muted"), colour("grid")
    return {
        "background": "transparent",
        "font": FONT,
        "view": {"stroke": None},
        "title": {"color": ink, "fontSize": 14, "anchor": "start"},
        "axis": {
            "labelColor": ink, "titleColor": ink, "domainColor": muted, "tickColor": muted,
            "gridColor": grid, "labelFontSize": SMALLEST_TEXT, "titleFontSize": SMALLEST_TEXT + 1,
        },
        "legend": {"labelColor": ink, "titleColor": ink, "labelFontSize": SMALLEST_TEXT,
                   "titleFontSize": SMALLEST_TEXT + 1},
        "text": {"color": ink, "fontSize": SMALLEST_TEXT},
        "header": {"labelColor": ink, "titleColor": ink, "labelFontSize": SMALLEST_TEXT},
    }


PAINT = re.compile(r'\b(fill|stroke)="(#[0-9a-fA-F]{6})"')


def dark_svg(svg: str) -> str:
    """The static chart for the dark palette: the same swap of fill and stroke colours as dark_css."""
    dark = {light.lower(): dark for light, dark in PALETTE.values()}
    return PAINT.sub(lambda m: f'{m[1]}="{dark.get(m[2].lower(), m[2])}"', svg)


def dark_css(scope: str = ".mv-chart") -> str:
    """CSS that re-colours the live chart for the dark palette (presentation attributes yield to CSS)."""
    rules = []
    for light, dark in PALETTE.values():
        for prop in ("fill", "stroke"):
            rules.append(f'[data-md-color-scheme="slate"] {scope} [{prop}="{light}" i] {{ {prop}: {dark}; }}')
    # screen only: a printout keeps the light colours whatever palette the reader chose
    return "@media screen {\n" + "\n".join(rules) + "\n}\n"
