"""The build as a straight line of stages, each a plain function that can be called and tested alone:

    load and validate the data → build the figures → expand and check the pages
        → write the docs tree (pages and downloads) → render the site with MkDocs

`generate` runs the first four (what `make docs` and `make serve` need), `build` all five, and
`check` validates data and pages without rendering or writing anything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from build_scripts.config import Config
from build_scripts.data.datasets import Datasets, load_all, load_what_loads
from build_scripts.editions import anchors, revisions, traceability, versions
from build_scripts.errors import Problems
from build_scripts.figures.registry import FigureDef, discover
from build_scripts.figures.render import Rendered, render_all
from build_scripts.pages.checks import check_constructs_only, check_pages
from build_scripts.pages.context import Context
from build_scripts.pages.expand import expand_all
from build_scripts.pages.read import Page, read_pages
from build_scripts.site import docs_tree, embeds, epub, handouts, mkdocs_run, print_page


@dataclass
class Expanded:
    pages: list[Page]
    texts: dict[str, str]  # each page's expanded Markdown, by file name
    anchor_map: dict[str, dict[str, str]]  # what the browser reads to forward old links


@dataclass
class Result:
    data: Datasets
    pages: dict[str, str]
    context: Context
    written: list[str]
    rendered_fresh: list[str]


def load(config: Config) -> Datasets:
    """Every dataset, validated against its model and against the others; BuildError lists every problem."""
    return load_all(config.data)


def build_figures(config: Config, data: Datasets, only: set[str] | None = None) -> dict[str, Rendered]:
    """Every figure built and rendered (or read back from the cache when nothing it depends on changed)."""
    return render_all(data, config.cache, only)


def expand_pages(ctx: Context) -> Expanded:
    """Read, expand and check the pages, raising every problem at once."""
    pages = read_pages(ctx.config.content, ctx.problems)
    found = anchors.collect(pages)
    registry = anchors.load_registry() if ctx.config.is_the_essay() else {}
    trace(ctx, found)
    texts = expand_all(pages, ctx)
    check_pages(ctx, pages, found, registry)
    ctx.problems.raise_if_any()
    return Expanded(pages, texts, anchors.anchor_map(found, registry))


def trace(ctx: Context, found: dict[str, list[anchors.Anchor]]) -> None:
    """Tell each paragraph which paragraphs of the chapter it retells (from traceability.yaml), and
    in which edition its text last changed (from the registries earlier releases froze)."""
    if not ctx.config.is_the_essay():
        return
    ctx.sources = traceability.sources_of(traceability.load())
    current = versions.Version.parse(ctx.release.version)
    history = [(version, versions.registry_at(version)) for version in versions.earlier(current)]
    ctx.revisions = revisions.revisions({a.id: a.digest for items in found.values() for a in items}, current, history)


def write_docs(ctx: Context, expanded: Expanded) -> list[str]:
    """The generated docs tree: pages, the print page, the handouts, figures' files, downloads, embeds and previews;
    only files whose bytes changed are written. Returns the paths written."""
    texts = dict(expanded.texts)
    if expanded.pages:
        texts[print_page.NAME] = print_page.build(expanded.pages, ctx)
        texts.update(handouts.handouts(expanded.pages, ctx))
    files = docs_tree.tree(texts, ctx.rendered or {}, ctx.data, expanded.anchor_map)
    files.update(embeds.files(ctx, expanded.pages))
    if ctx.config.print_pdfs and ctx.config.addresses.is_edition() and expanded.pages:  # beside the edition's PDF
        files[versions.epub_name(versions.Version.parse(ctx.release.version))] = epub.make(ctx, expanded.pages)
    return docs_tree.sync(files, ctx.config.docs)


def render_site(config: Config) -> None:
    """MkDocs renders the docs tree; the result replaces the site folder only when it succeeded."""
    mkdocs_run.render(config)


def generate(config: Config, only: set[str] | None = None) -> Result:
    """Every stage up to the docs tree. `only` limits the figures to those named (for content that
    places a subset, as the tests' fixtures do)."""
    data = load(config)
    rendered = build_figures(config, data, only)
    ctx = Context(config, data, figures={fid: r.definition for fid, r in rendered.items()}, rendered=rendered)
    expanded = expand_pages(ctx)
    written = write_docs(ctx, expanded)
    return Result(data, expanded.texts, ctx, written, [fid for fid, r in rendered.items() if not r.cached])


def build(config: Config) -> float:
    """The whole build; returns seconds taken."""
    start = time.perf_counter()
    generate(config)
    render_site(config)
    return time.perf_counter() - start


def check(config: Config, only: set[str] | None = None) -> Context:
    """Validate data and pages without rendering or writing anything; BuildError lists every problem.

    When some datasets have problems, the figures cannot be built nor the pages expanded, but the
    pages are still checked as far as the data allows (check_constructs_only).
    """
    problems = Problems()
    data = load_what_loads(config.data, problems)
    figures = {fid: d for fid, d in discover().items() if only is None or fid in only}
    ctx = Context(config, data, figures, problems=problems)
    if problems.items:
        check_constructs_only(ctx)
        problems.raise_if_any()
    check_figures_build(ctx, figures)
    expand_pages(ctx)
    return ctx


def check_figures_build(ctx: Context, figures: dict[str, FigureDef]) -> None:
    for fid, definition in figures.items():
        try:
            definition.build(ctx.data)
        except (KeyError, ValueError) as exc:  # a figure that cannot be drawn from valid data
            ctx.problems.add(f"build_scripts/figures/charts ({fid})", None, f"figure cannot be built: {exc}")
