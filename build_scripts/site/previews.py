"""Images for sharing, made at build time from the figures' own SVGs with no outside service, and
cached by content: a slide-ready PNG of each figure with its citation in a footer, and a preview card
(og:image) for every page."""

from __future__ import annotations

import hashlib
import re
import struct
import textwrap
from pathlib import Path

import vl_convert as vlc
from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite.head_metadata import CARD_HEIGHT, CARD_WIDTH
from build_scripts.figures.render import Rendered
from build_scripts.paths import CACHE

INK, PAPER, ACCENT = "#1b1e23", "#ffffff", "#1f4e8c"


FONT = "Helvetica, Arial, sans-serif"


def _cached_png(svg: str, scale: float, cache: Path) -> bytes:
    key = hashlib.sha256(f"{scale}\0{svg}".encode()).hexdigest()[:20]
    path = cache / "png" / f"{key}.png"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(vlc.svg_to_png(svg, scale=scale))
        tmp.replace(path)
    return path.read_bytes()


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width) or [""]


def slide_png(rendered: Rendered, citation: str, cache: Path = CACHE) -> bytes:
    """The figure on a white slide with its citation in a footer."""
    chart = re.sub(r"^<svg[^>]*>|</svg>\s*$", "", rendered.svg().strip())  # the chart's own elements
    footer = _lines(citation, 62)
    slide = templating.render("images/slide.svg", width=rendered.width, height=rendered.height,
                              foot_height=14 * len(footer) + 16, chart=Markup(chart), footer=footer,
                              font=FONT, ink=INK, paper=PAPER)
    return _cached_png(slide, 4, cache)  # 4x: crisp on a projector


def page_card(title: str, kicker: str, cache: Path = CACHE) -> bytes:
    """A 1200x630 preview image: the essay's name and the page's title."""
    svg = templating.render("images/card.svg", width=CARD_WIDTH, height=CARD_HEIGHT, kicker=kicker,
                            lines=_lines(title, 26)[:3], font=FONT, paper=PAPER, accent=ACCENT)
    return _cached_png(svg, 1, cache)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    width, height = struct.unpack(">II", data[16:24])
    return width, height
