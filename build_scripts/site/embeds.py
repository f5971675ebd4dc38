"""A standalone page per figure that a course platform can embed, and the sharing files of the
docs tree (embed pages, slides, preview cards)."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite import addresses, cite_block, formats, head_metadata
from build_scripts.editions.release import Release
from build_scripts.figures.render import Rendered
from build_scripts.pages.context import Context, Placement
from build_scripts.pages.figure_markup import figure_html
from build_scripts.pages.read import Page
from build_scripts.site.after_mkdocs import policy
from build_scripts.site.previews import page_card, png_size, slide_png


def figure_citation(rendered: Rendered, number: str, url: str, release: Release) -> str:
    return (f"Figure {number}, {rendered.definition.title}. {formats.AUTHOR} ({release.released.year}), "
            f"{formats.ESSAY}, version {release.version}. {url}")


def embed_page(rendered: Rendered, number: str, markup: str, ctx: Context, placement: Placement) -> str:
    """A standalone page holding one figure, for an iframe on a course platform. Relative links only;
    it carries the same citation metadata as the essay's pages, pointing at the figure in the essay."""
    release = ctx.release
    addresses = ctx.config.addresses
    home = f"{addresses.page_url(placement.page)}#fig-{rendered.id}"
    cited = f"{addresses.cited_url(placement.page, release.version)}#fig-{rendered.id}"
    title = f"Figure {number}: {rendered.definition.title}"
    meta = cite_block.edition_meta(ctx_page_path(ctx, placement.page), release)
    meta.update(title=title, description=rendered.figure.description)
    width, height = png_size((rendered.directory / "chart.png").read_bytes())
    image = f"{addresses.site_url}figures/{rendered.id}/chart.png"
    head = head_metadata.head(meta, title=title, description=rendered.figure.description, url=cited,
                         jsonld=head_metadata.jsonld(addresses, placement.page, meta, ctx.data, url=home),
                         image=(image, width, height, f"{title} (static image)"))
    target = formats.Target(title=title, url=cited, key=f"multivector-fig-{rendered.id}")
    citations = [(fmt, formats.fill(template, target, None, fmt))
                 for fmt, template in formats.templates(release).items()]
    # no inline script: the policy is complete as written
    return templating.render("embed.html", csp=Markup(policy()), m=head, home=home, figure=Markup(markup),
                             citation=figure_citation(rendered, number, cited, release), formats=citations)


def ctx_page_path(ctx: Context, name: str) -> Path:
    """The content file of a page (its last commit dates the figure's embed page)."""
    return next((p.path for p in ctx.pages if p.name == name), Path(name))


def kicker(meta: dict[str, object]) -> str:
    chapter = str(meta.get("chapter", ""))
    return f"Chapter {chapter}" if chapter.isdigit() else "Competition for Co-operation, retold"


def files(ctx: Context, pages: list[Page]) -> dict[str, bytes]:
    """Every sharing file: og/<page>.png for each page; slide.png and embed.html for each placed figure."""
    out: dict[str, bytes] = {}
    cache = ctx.config.cache
    for page in pages:
        card = page_card(str(page.meta.get("title", "")), kicker(page.meta), cache)
        out[f"og/{addresses.page_slug(page.name)}.png"] = card
    if ctx.rendered is None:
        return out
    for fid, placement in ctx.placements.items():
        rendered = ctx.rendered[fid]
        cited = f"{ctx.config.addresses.cited_url(placement.page, ctx.release.version)}#fig-{fid}"
        citation = figure_citation(rendered, placement.number, cited, ctx.release)
        out[f"figures/{fid}/slide.png"] = slide_png(rendered, citation, cache)
        # the figure is the whole page, so it is always in the first screen
        markup = figure_html(rendered, placement.number, ctx.data, "../../", ctx.config.site_url, first_screen=True)
        out[f"figures/{fid}/embed.html"] = embed_page(rendered, placement.number, markup, ctx, placement).encode()
    return out
