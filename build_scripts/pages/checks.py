"""The pages' checks beyond their constructs (permanent anchors, corrections, the traceability map,
typed dates and quantities), and the check of the constructs alone when some datasets did not load."""

from __future__ import annotations

from build_scripts.editions import anchors, errata, traceability
from build_scripts.pages import typed_values
from build_scripts.pages.context import Context
from build_scripts.pages.expand import place_figures
from build_scripts.pages.inline import expand_inline
from build_scripts.pages.markdown import prose_indices
from build_scripts.pages.read import Page, read_pages
from build_scripts.paths import rel


def check_pages(ctx: Context, pages: list[Page], found: dict[str, list[anchors.Anchor]],
                registry: anchors.Registry) -> None:
    """Every paragraph, heading and figure keeps a permanent, unique id and none published is lost; a
    correction names a real paragraph; the chapter is retold whole (where its text is present); dates
    and quantities in the prose come from the data or stand on the allow list.

    The registry, the map and the allow list describe the essay's own pages, so other content (the
    tests' fixtures) is checked only for ids and against the data.
    """
    ctx.problems.extend(anchors.check_anchors(pages, registry, {p.name for p in pages}))
    present = {(name, a.id) for name, items in found.items() for a in items}
    ctx.problems.extend(errata.check_corrections(ctx.corrections, present))
    essay = ctx.config.is_the_essay()
    if essay:
        ctx.problems.extend(traceability.check_map(pages, traceability.load()))
    allowed, problems = typed_values.load_allowed() if essay else ([], [])
    ctx.problems.extend(problems)
    ctx.problems.extend(typed_values.check_typed_values(pages, ctx.data, allowed))


def check_constructs_only(ctx: Context) -> None:
    """With problems in the data, the figures cannot be built and the pages cannot be expanded, but the
    pages are still checked as far as the data allows: front matter, figure placement and figure
    references, and inline values and citations that point into datasets without problems of their own
    (a construct naming a broken dataset is skipped, not reported twice). The messages are those of
    expanding the pages: the same code finds them."""
    troubled = {p.file for p in ctx.problems.items}
    ctx.trusted = {name for name, ds in ctx.data.items.items() if rel(ds.path) not in troubled}
    pages = read_pages(ctx.config.content, ctx.problems)
    ctx.pages = pages
    place_figures(pages, ctx)
    for page in pages:
        for index in prose_indices(page.body):
            expand_inline(page.body[index], page, page.first_body_line + index, ctx)
