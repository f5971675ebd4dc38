"""Sharing: a standalone page per figure that a course platform can embed, a slide-ready PNG with the
figure's citation in its footer, and a preview image (og:image) for every page. All are made here,
at build time, from the figures' own SVGs, with no outside service; results are cached by content."""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from pathlib import Path

import vl_convert as vlc

from . import citations
from .figure_html import figure_html
from .pages import Context, Page
from .paths import CACHE
from .render import Rendered

CARD_WIDTH, CARD_HEIGHT = 1200, 630
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


def figure_citation(rendered: Rendered, number: str, url: str, release: citations.Release) -> str:
    return (f"Figure {number}, {rendered.definition.title}. {citations.AUTHOR} ({release.released.year}), "
            f"{citations.ESSAY}, version {release.version}. {url}")


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


def embed_page(rendered: Rendered, number: str, figure_html: str, citation: str, home: str) -> str:
    """A standalone page holding one figure, for an iframe on a course platform. Relative links only."""
    title = html.escape(f"Figure {number}: {rendered.definition.title}")
    policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "connect-src 'self'; object-src 'none'; base-uri 'self'")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<link rel="canonical" href="{html.escape(home)}">
<title>{title}</title>
<link rel="stylesheet" href="../../assets/css/essay.css">
<link rel="stylesheet" href="../../assets/css/figure-palette.css">
<link rel="stylesheet" href="../../assets/css/embed.css">
</head>
<body class="md-typeset mv-embed">
{figure_html}
<p class="mv-embed__cite">{html.escape(citation)}
<a href="{html.escape(home)}" target="_top">Read it in the essay</a>.</p>
<script src="../../assets/js/onpage.js"></script>
<script src="../../assets/js/figures.js"></script>
</body>
</html>
"""


def kicker(meta: dict[str, object]) -> str:
    chapter = str(meta.get("chapter", ""))
    return f"Chapter {chapter}" if chapter.isdigit() else "Competition for Co-operation, retold"


def files(ctx: Context, pages: list[Page], cache: Path = CACHE) -> dict[str, bytes]:
    """Every sharing file: og/<page>.png for each page; slide.png and embed.html for each placed figure."""
    out: dict[str, bytes] = {}
    for page in pages:
        card = page_card(str(page.meta.get("title", "")), kicker(page.meta), cache)
        out[f"og/{citations.page_slug(page.name)}.png"] = card
    if ctx.rendered is None:
        return out
    for fid, placement in ctx.placements.items():
        rendered = ctx.rendered[fid]
        home = f"{citations.page_url(placement.page)}#fig-{fid}"
        cited = f"{citations.cited_url(placement.page, ctx.release.version)}#fig-{fid}"
        citation = figure_citation(rendered, placement.number, cited, ctx.release)
        out[f"figures/{fid}/slide.png"] = slide_png(rendered, citation, cache)
        # the figure is the whole page, so it is always in the first screen
        markup = figure_html(rendered, placement.number, ctx.data, "../../", first_screen=True)
        out[f"figures/{fid}/embed.html"] = embed_page(rendered, placement.number, markup, citation, home).encode()
    return out
