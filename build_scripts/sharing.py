"""Sharing: a standalone page per figure that a course platform can embed, a slide-ready PNG with the
figure's citation in its footer, and a preview image (og:image) for every page. All are made here,
at build time, from the figures' own SVGs, with no outside service; results are cached by content."""

from __future__ import annotations

import hashlib
import html
import re
import struct
import textwrap
from pathlib import Path

import vl_convert as vlc
from markupsafe import Markup

from build_scripts import citations, citeblock, metadata, templating
from build_scripts.figure_html import figure_html
from build_scripts.metadata import CARD_HEIGHT, CARD_WIDTH
from build_scripts.pages import Context, Page, Placement
from build_scripts.paths import CACHE
from build_scripts.render import Rendered

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


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def embed_page(rendered: Rendered, number: str, markup: str, ctx: Context, placement: Placement) -> str:
    """A standalone page holding one figure, for an iframe on a course platform. Relative links only;
    it carries the same citation metadata as the essay's pages, pointing at the figure in the essay."""
    release = ctx.release
    home = f"{citations.page_url(placement.page)}#fig-{rendered.id}"
    cited = f"{citations.cited_url(placement.page, release.version)}#fig-{rendered.id}"
    title = f"Figure {number}: {rendered.definition.title}"
    meta = citeblock.edition_meta(ctx_page_path(ctx, placement.page), release)
    meta.update(title=title, description=rendered.figure.description)
    width, height = png_size((rendered.directory / "chart.png").read_bytes())
    image = f"{citations.site_url()}figures/{rendered.id}/chart.png"
    head = metadata.head(meta, title=title, description=rendered.figure.description, url=cited,
                         jsonld=metadata.jsonld(placement.page, meta, ctx.data, url=home),
                         image=(image, width, height, f"{title} (static image)"))
    target = citations.Target(title=title, url=cited, key=f"multivector-fig-{rendered.id}")
    formats = [(fmt, citations.fill(template, target, None, fmt))
               for fmt, template in citations.templates(release).items()]
    return templating.render("embed.html", m=head, home=home, figure=Markup(markup),
                             citation=figure_citation(rendered, number, cited, release), formats=formats)


def ctx_page_path(ctx: Context, name: str) -> Path:
    """The content file of a page (its last commit dates the figure's embed page)."""
    return next((p.path for p in ctx.pages if p.name == name), Path(name))


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
        cited = f"{citations.cited_url(placement.page, ctx.release.version)}#fig-{fid}"
        citation = figure_citation(rendered, placement.number, cited, ctx.release)
        out[f"figures/{fid}/slide.png"] = slide_png(rendered, citation, cache)
        # the figure is the whole page, so it is always in the first screen
        markup = figure_html(rendered, placement.number, ctx.data, "../../", first_screen=True)
        out[f"figures/{fid}/embed.html"] = embed_page(rendered, placement.number, markup, ctx, placement).encode()
    return out
