"""The build as a straight line of stages: load → validate → build figures → write pages and downloads → site.

Each stage is a function that can be called and tested on its own; `check` stops before anything
is rendered or written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from build_scripts.data.datasets import Datasets, load_all
from build_scripts.editions import anchors, errata, revisions, traceability, versions
from build_scripts.errors import BuildError, Problem
from build_scripts.figures.registry import discover
from build_scripts.figures.render import render_all
from build_scripts.pages import typed_values
from build_scripts.pages.context import Context
from build_scripts.pages.expand import abbreviations, expand_all
from build_scripts.pages.read import Page, read_pages
from build_scripts.paths import CACHE, CONTENT, DATA, DOCS, ROOT, SITE
from build_scripts.site import docs_tree, embeds, print_page
from build_scripts.site.csp import apply_csp


@dataclass
class Result:
    data: Datasets
    pages: dict[str, str]
    context: Context
    written: list[str]
    rendered_fresh: list[str]


def check(data_dir: Path = DATA, content_dir: Path = CONTENT, only: set[str] | None = None) -> Context:
    """Validate data and content without rendering or writing anything; raise BuildError listing every problem.

    `only` limits the figures to those named (for content that places a subset, as in tests).
    """
    data = load_all(data_dir)
    ctx = Context(data=data, figures={k: v for k, v in discover().items() if only is None or k in only})
    for fid, definition in ctx.figures.items():
        try:
            definition.build(data)
        except (KeyError, ValueError) as exc:  # a figure that cannot be drawn from valid data
            ctx.problems.add(f"build_scripts/figures/charts ({fid})", None, f"figure cannot be built: {exc}")
    expand_checked(ctx, content_dir)
    return ctx


def is_the_essay(content_dir: Path) -> bool:
    """The registry and the traceability map describe the essay's own pages, not other content."""
    return content_dir.resolve() == CONTENT.resolve()


def expand_checked(ctx: Context, content_dir: Path) -> tuple[list[Page], dict[str, str], dict[str, dict[str, str]]]:
    """Read, expand and check the pages, raising every problem at once; returns the pages, their
    expanded text, and the map the browser uses to forward old links to anchors."""
    pages = read_pages(content_dir, ctx.problems)
    found = anchors.collect(pages)
    registry = anchors.load_registry() if is_the_essay(content_dir) else {}
    trace(ctx, found, content_dir)
    expanded = expand_all(pages, ctx)
    check_anchors(pages, found, registry, ctx)
    check_traceability(pages, ctx, content_dir)
    check_typed_values(pages, ctx, content_dir)
    ctx.problems.raise_if_any()
    return pages, expanded, anchors.anchor_map(found, registry)


def trace(ctx: Context, found: dict[str, list[anchors.Anchor]], content_dir: Path) -> None:
    """Tell each paragraph which paragraphs of the chapter it retells (from traceability.yaml), and
    in which edition its text last changed (from the registries earlier releases froze)."""
    if not is_the_essay(content_dir):
        return
    ctx.sources = traceability.sources_of(traceability.load())
    current = versions.Version.parse(ctx.release.version)
    history = [(version, versions.registry_at(version)) for version in versions.earlier(current)]
    ctx.revisions = revisions.revisions({a.id: a.digest for items in found.values() for a in items}, current, history)


def check_traceability(pages: list[Page], ctx: Context, content_dir: Path) -> None:
    """Every paragraph of the chapter is retold somewhere (checked where the chapter's text is present)."""
    if is_the_essay(content_dir):
        ctx.problems.extend(traceability.check(pages, traceability.load()))


def check_typed_values(pages: list[Page], ctx: Context, content_dir: Path) -> None:
    """Dates with a month and quantities in the prose come from the data, or stand on the allow list."""
    allowed, problems = typed_values.load_allowed() if is_the_essay(content_dir) else ([], [])
    ctx.problems.extend(problems)
    ctx.problems.extend(typed_values.check(pages, ctx.data, allowed))


def check_anchors(pages: list[Page], found: dict[str, list[anchors.Anchor]], registry: anchors.Registry,
                  ctx: Context) -> None:
    """Every paragraph, heading and figure keeps a permanent, unique id; none published is lost.

    The registry lists the essay's own published anchors, so other content (test fixtures) is
    checked only for ids, not against it (it gets an empty registry).
    """
    ctx.problems.extend(anchors.check(pages, registry, {p.name for p in pages}))
    present = {(name, a.id) for name, items in found.items() for a in items}
    ctx.problems.extend(errata.check(ctx.corrections, present))  # a correction names a real paragraph


def generate(data_dir: Path = DATA, content_dir: Path = CONTENT, docs: Path = DOCS, cache: Path = CACHE,
             only: set[str] | None = None) -> Result:
    """Build figures and write the generated docs tree (only changed files are touched)."""
    data = load_all(data_dir)
    rendered = render_all(data, cache, only)
    ctx = Context(data=data, figures={fid: r.definition for fid, r in rendered.items()}, rendered=rendered)
    pages, expanded, anchor_map = expand_checked(ctx, content_dir)
    if pages:
        expanded[print_page.NAME] = print_page.build(expanded, pages, ctx.release, abbreviations(data), data)
    files = docs_tree.tree(expanded, rendered, data, anchor_map)
    files.update(embeds.files(ctx, pages, cache))
    written = docs_tree.sync(files, docs)
    return Result(data, expanded, ctx, written, [fid for fid, r in rendered.items() if not r.cached])


def mkdocs_build(docs: Path = DOCS, site: Path = SITE) -> None:
    """Render the docs tree with MkDocs into a fresh folder, then swap it in: `site/` is never half-written."""
    staging = site.with_name(site.name + ".new")  # beside the target, so the swap is a rename
    shutil.rmtree(staging, ignore_errors=True)
    env = {**os.environ, "MULTIVECTOR_DOCS_DIR": str(docs), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        lines = [ln for ln in (result.stderr + result.stdout).splitlines() if ln.strip()]
        raise BuildError([Problem("mkdocs.yml", None, "MkDocs failed: " + "\n  ".join(lines[-20:]))])
    apply_csp(staging)
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def build(site: Path = SITE) -> float:
    """The whole build; returns seconds taken."""
    start = time.perf_counter()
    generate()
    mkdocs_build(site=site)
    return time.perf_counter() - start
