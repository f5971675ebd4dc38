"""Images for sharing, made at build time from the figures' own SVGs with no outside service, and
cached by content: a slide-ready PNG of each figure with its citation in a footer, and a preview card
(og:image) for every page."""

from __future__ import annotations

import hashlib
import html
import re
import struct
import textwrap
from pathlib import Path

import vl_convert as vlc

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
    svg = rendered.svg()
    width, height = rendered.width, rendered.height
    inner = re.sub(r"^<svg[^>]*>|</svg>\s*$", "", svg.strip())
    footer = _lines(citation, 62)
    foot_height = 14 * len(footer) + 16
    texts = "".join(
        f'<text x="8" y="{height + 18 + 14 * i}" font-family="{FONT}" font-size="10" fill="{INK}">'
        f"{html.escape(line)}</text>" for i, line in enumerate(footer))
    slide = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             f'width="{width:g}" height="{height + foot_height:g}">'
             f'<rect width="100%" height="100%" fill="{PAPER}"/>{inner}'
             f'<line x1="8" x2="{width - 8:g}" y1="{height + 4:g}" y2="{height + 4:g}" stroke="#d5d9df"/>{texts}</svg>')
    return _cached_png(slide, 4, cache)  # 4x: crisp on a projector


def page_card(title: str, kicker: str, cache: Path = CACHE) -> bytes:
    """A 1200x630 preview image: the essay's name and the page's title."""
    lines = _lines(title, 26)[:3]
    title_svg = "".join(
        f'<text x="72" y="{250 + 84 * i}" font-family="{FONT}" font-size="68" font-weight="bold" fill="{PAPER}">'
        f"{html.escape(line)}</text>" for i, line in enumerate(lines))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{CARD_WIDTH}" height="{CARD_HEIGHT}">'
           f'<rect width="100%" height="100%" fill="{ACCENT}"/>'
           f'<text x="72" y="120" font-family="{FONT}" font-size="34" fill="#dbe6f5">{html.escape(kicker)}</text>'
           f"{title_svg}"
           f'<text x="72" y="570" font-family="{FONT}" font-size="28" fill="#dbe6f5">'
           f"Multivector · an interactive essay retelling Chatterje-Doody (2015)</text></svg>")
    return _cached_png(svg, 1, cache)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    width, height = struct.unpack(">II", data[16:24])
    return width, height
