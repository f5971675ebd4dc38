"""A printable two-page handout for each chapter page and After 2015, at handouts/<page>/.

Sheet one: the page's In brief and its reading guide, open; sheet two: its figure as a static image
with the figure's citation in the edition, and room for notes; the page's address in full on both.
The handout is written through the same constructs as its chapter (the brief and the guide, for a
page named handouts/<page>.md whose links lead back to the chapter), kept out of search and the
index, canonical to its chapter. Publishing prints it to PDF once for A4 and once for US Letter
(publish/pdf.py), and checks that each PDF has exactly two pages.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml
from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite import cite_block, head_metadata
from build_scripts.cite.addresses import page_path
from build_scripts.editions import versions
from build_scripts.pages.block_constructs import BLOCKS
from build_scripts.pages.context import Context, View
from build_scripts.pages.course import PAPERS, course_pages, handout_name, handout_pdf
from build_scripts.pages.expand import retells_note
from build_scripts.pages.guide import page_guide
from build_scripts.pages.markdown import page_blocks
from build_scripts.pages.read import Page
from build_scripts.site.embeds import figure_citation

HANDOUT = View(ids="ho-", live=False, heading_shift=0, medium="handout")
LICENCE = "Multivector Project. Text and figures CC BY 4.0. The essay retells a chapter and does not replace it."


def as_handout(page: Page) -> Page:
    """The chapter as the handout's page: its body and front matter, at the handout's name, so that
    links written for it lead back to the chapter."""
    return dataclasses.replace(page, name=handout_name(page), meta={**page.meta, "handout_of": page.name})


def figure_of(page: Page, ctx: Context) -> str | None:
    """The handout's figure: the one its guide's exercise uses, else the first the page places."""
    guide = page_guide(page)
    if guide and guide.exercises and guide.exercises[0].figure in ctx.placements:
        return guide.exercises[0].figure
    return next((fid for fid, p in ctx.placements.items() if p.page == page.name), None)


def figure_block(page: Page, handout: Page, ctx: Context) -> str:
    fid = figure_of(page, ctx)
    if fid is None or ctx.rendered is None:
        return templating.render("fragments/handout-missing.html", kind="nofigure", text="This page has no figure.")
    rendered, placement = ctx.rendered[fid], ctx.placements[fid]
    url = f"{ctx.config.addresses.cited_url(placement.page, ctx.release.version)}#fig-{fid}"
    return templating.render(
        "fragments/handout-figure.html", src=f"{handout.prefix}figures/{fid}/chart.svg", number=placement.number,
        width=rendered.width, height=rendered.height, title=rendered.definition.title,
        description=rendered.figure.description, state=rendered.figure.state, url=url,
        citation=figure_citation(rendered, placement.number, url, ctx.release))


def construct(name: str, page: Page, handout: Page, ctx: Context) -> str:
    block = next((b for b in page_blocks(page) if b.info == name), None)
    if block is None:
        what = "In brief" if name == "brief" else "reading guide"
        return templating.render("fragments/handout-missing.html", kind="missing",
                                 text=f"This page's {what} is not written yet.")
    return BLOCKS[name](ctx, handout, "\n".join(block.body), HANDOUT)


def front_matter(page: Page, ctx: Context, title: str) -> dict[str, Any]:
    addresses, release = ctx.config.addresses, ctx.release
    meta: dict[str, Any] = {
        "title": title,
        "description": f"A two-page handout for “{page.meta.get('title', '')}”: In brief, the reading guide and "
                       "the figure, to print.",
        "search": {"exclude": True},
        "robots": "noindex",
        "canonical": addresses.page_url(page.name),
        "hide": ["navigation", "toc"],
        **cite_block.edition_meta(page.path, release),
    }
    name = handout_name(page)
    meta["head"] = head_metadata.head(meta, title=title, description=meta["description"],
                                      url=addresses.cited_url(name, release.version),
                                      jsonld=head_metadata.jsonld(addresses, name, meta, ctx.data))
    return meta


def handout(page: Page, ctx: Context) -> str:
    """The handout's Markdown for the docs tree."""
    handout_page = as_handout(page)
    addresses, release = ctx.config.addresses, ctx.release
    chapter = str(page.meta.get("chapter", ""))
    title = str(page.meta.get("title", ""))
    pdfs = [(label, handout_pdf(addresses.root_path(), release.version, page.name, paper))
            for paper, label in PAPERS.items()] if ctx.config.print_pdfs else []
    body = templating.render(
        "blocks/handout.md", title=title, kicker=f"Chapter {chapter}" if chapter.isdigit() else "Beyond the chapter",
        edition=versions.Version.parse(release.version).edition, url=addresses.cited_url(page.name, release.version),
        latest=addresses.root_url() + page_path(page.name),
        retells=Markup(retells_note(page, ctx.data)), brief=Markup(construct("brief", page, handout_page, ctx)),
        guide=Markup(construct("guide", page, handout_page, ctx)), figure=Markup(figure_block(page, handout_page, ctx)),
        pdfs=pdfs, chapter_href=handout_page.prefix + page_path(page.name),
        licence=LICENCE)
    front = yaml.safe_dump(front_matter(page, ctx, f"Handout: {title}"), allow_unicode=True, sort_keys=False).strip()
    return f"---\n{front}\n---\n{body}\n"


def handouts(pages: list[Page], ctx: Context) -> dict[str, str]:
    """Every handout, by its name in the docs tree."""
    return {handout_name(page): handout(page, ctx) for page in course_pages(pages)}
