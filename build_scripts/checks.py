"""`make check`: every problem in data and content at once, even when some datasets do not load.

With clean data this is `pipeline.check`. When a dataset has problems, the figures cannot be built and
the pages cannot be expanded, but the content is still checked as far as the data allows: front
matter, figure placement and figure references, and inline values and citations that point into
datasets without problems of their own (a construct naming a broken dataset is skipped, not
reported twice).
"""

from __future__ import annotations

from pathlib import Path

from build_scripts import pipeline
from build_scripts.data.datasets import Datasets, load_what_loads
from build_scripts.data.models import MODELS
from build_scripts.errors import Problems
from build_scripts.figures.registry import discover
from build_scripts.pages.context import Context
from build_scripts.pages.expand import place_figures
from build_scripts.pages.inline import CITATION, FIGURE_REF, INLINE, parse, resolve
from build_scripts.pages.markdown import blocks
from build_scripts.pages.read import Page, read_pages
from build_scripts.paths import CONTENT, DATA, rel


def check_all(data_dir: Path = DATA, content_dir: Path = CONTENT, only: set[str] | None = None) -> Context:
    """Validate data and content without writing anything; raise BuildError listing every problem."""
    problems = Problems()
    data = load_what_loads(data_dir, problems)
    if not problems.items:
        return pipeline.check(data_dir, content_dir, only)
    ctx = Context(data=data, figures={k: v for k, v in discover().items() if only is None or k in only},
                  problems=problems)
    pages = read_pages(content_dir, problems)
    ctx.pages = pages
    place_figures(pages, ctx)
    trusted = _trusted(data, problems)
    for page in pages:
        _check_constructs(page, ctx, trusted)
    problems.raise_if_any()
    return ctx  # not reached: the data had problems


def _trusted(data: Datasets, problems: Problems) -> set[str]:
    """Datasets that loaded with no problem in their file: only these can say that a record does not exist."""
    troubled = {p.file for p in problems.items}
    return {name for name, ds in data.items.items() if rel(ds.path) not in troubled}


def _check_constructs(page: Page, ctx: Context, trusted: set[str]) -> None:
    fenced = set()
    for _, _, _, start, end in blocks(page):
        fenced.update(range(start, end + 1))
    for i, text in enumerate(page.body):
        if i in fenced:
            continue
        line = page.first_body_line + i
        for match in INLINE.finditer(text):
            construct = parse(match)
            if construct.dataset == FIGURE_REF:
                if construct.record not in ctx.placements:
                    ctx.problems.add(rel(page.path), line,
                                     f"reference to unknown or unplaced figure '{construct.record}'")
                continue
            if construct.dataset in MODELS and construct.dataset not in ctx.data.items:
                continue  # the dataset did not load: its own problems are reported
            if construct.dataset not in trusted and construct.record not in _ids(ctx.data, construct.dataset):
                continue  # the record may be one that did not validate
            try:
                resolve(ctx.data, construct)
            except ValueError as exc:
                ctx.problems.add(rel(page.path), line, str(exc))
        if "sources" in ctx.data.items:
            sources = _ids(ctx.data, "sources")
            for match in CITATION.finditer(text):
                if match.group(1) not in sources and "sources" in trusted:
                    ctx.problems.add(rel(page.path), line, f"citation of unknown source '{match.group(1)}'")


def _ids(data: Datasets, name: str) -> set[str]:
    return set(data.items[name].by_id()) if name in data.items else set()
