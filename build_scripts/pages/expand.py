"""Expanding the chapters: every construct in content/ replaced by what it stands for, as the Markdown
MkDocs renders. Block constructs are fenced blocks whose info string names a block (```figure,
```glossary …); inline constructs are `{{dataset:record.field}}`, `{{fig:id}}` and `[@source]`.
Errors name the page and line.
"""

from __future__ import annotations

import html
import math
import re

import yaml

from build_scripts.cite import cite_block, head_metadata, references
from build_scripts.data.datasets import Datasets
from build_scripts.pages.context import Context, Placement
from build_scripts.pages.fold import FIRST_SCREEN_CHARS, with_fold
from build_scripts.pages.inline import expand_inline
from build_scripts.pages.markdown import blocks
from build_scripts.pages.paragraph_kinds import tag_paragraph
from build_scripts.pages.read import Page
from build_scripts.paths import rel

# `text {: #id }` at the end of a paragraph's last line; Markdown wants the list on a line of its own
TRAILING_ATTRS = re.compile(r"^(\s*)(.*\S)\s+(\{:[^}]*\})\s*$")


def place_figures(pages: list[Page], ctx: Context) -> None:
    """Number each figure by the chapter of the page that places it; each is placed exactly once."""
    for page in pages:
        count = 0
        for line, info, body, _, _ in blocks(page):
            if info != "figure":
                continue
            fid = " ".join(body).strip()
            if fid not in ctx.figures:
                known = ", ".join(sorted(ctx.figures))
                ctx.problems.add(rel(page.path), line, f"unknown figure '{fid}' (known: {known})")
                continue
            if fid in ctx.placements:
                first = ctx.placements[fid]
                ctx.problems.add(rel(page.path), line,
                                 f"figure '{fid}' is placed twice (first in {first.page}:{first.line}); "
                                 "refer to it elsewhere with {{fig:" + fid + "}}")
                continue
            if page.chapter is None:
                ctx.problems.add(rel(page.path), line, f"figure '{fid}' is placed on a page with no 'chapter' number")
                continue
            count += 1
            ctx.placements[fid] = Placement(page.name, line, f"{page.chapter}.{count}")
    for fid in sorted(set(ctx.figures) - set(ctx.placements)):
        ctx.problems.add("content", None, f"figure '{fid}' is defined but placed on no page")


def retells_note(page: Page, data: Datasets) -> str:
    """The line under a chapter's title naming the part of the source it retells."""
    from build_scripts.data.models import SECTION_TITLES

    section = page.meta.get("retells")
    source = data["sources"].by_id().get("chatterje-doody-2015")
    if not section or source is None:
        return ""
    title = SECTION_TITLES.get(section)
    if title is None:
        return ""
    return (f'<p class="mv-retells">This page retells the section “{html.escape(title)}” of: '
            f"{html.escape(references.full_reference(source))} The essay does not replace the chapter.</p>\n")


def abbreviations(data: Datasets) -> str:
    lines = [f"*[{g.term}]: {g.expansion}" for g in data.records("glossary")
             if g.kind == "abbreviation" and g.expansion]
    return "\n".join(lines)


def expand_page(page: Page, ctx: Context) -> str:
    """The page with every construct expanded, as Markdown for MkDocs."""
    from build_scripts.pages.block_constructs import BLOCKS
    from build_scripts.pages.figure_markup import figure_html

    out: list[str] = []
    fenced = {start: (line, info, body, end) for line, info, body, start, end in blocks(page)}
    i = 0
    seen_title = False
    text_above = 0.0  # characters of text after the title; past the first screen after a figure or a block
    first_screen_image = None  # the static chart that shows as the page opens, if any
    while i < len(page.body):
        if i in fenced:
            _, info, body, end = fenced[i]
            if info == "figure":
                fid = " ".join(body).strip()
                placement = ctx.placements.get(fid)
                if placement and placement.page == page.name and ctx.rendered is not None:
                    first_screen = text_above < FIRST_SCREEN_CHARS
                    out.append(figure_html(ctx.rendered[fid], placement.number, ctx.data, page.prefix, first_screen))
                    if first_screen:
                        first_screen_image = f"figures/{fid}/chart.svg"
                text_above = math.inf
            elif info in BLOCKS:
                out.append(BLOCKS[info](ctx, page, "\n".join(body)))
                text_above = math.inf
            else:
                out.extend(page.body[i:end + 1])  # an ordinary code block: left as written
            i = end + 1
            continue
        text = page.body[i]
        if not text.lstrip().startswith("#"):  # headings take `{#id}` in place
            parts = TRAILING_ATTRS.sub(r"\1\2\n\1\3", text).split("\n")
            text = "\n".join(tag_paragraph(part, page, ctx) for part in parts)
        out.append(expand_inline(text, page, page.first_body_line + i, ctx))
        if seen_title:
            text_above += len(text.strip())
        if not seen_title and text.startswith("# "):
            seen_title = True
            note = retells_note(page, ctx.data)
            if note:
                out.extend(["", note])
            if page.meta.get("retells") or page.meta.get("beyond_chapter"):
                # filled by the browser; present from the start so that filling it moves nothing
                out.extend(["", '<div class="mv-reading-tools" role="group" aria-label="Reading tools"></div>', ""])
        i += 1
    meta = {**page.meta, **cite_block.edition_meta(page.path, ctx.release)}
    meta["head"] = head_metadata.page_head(page.name, meta, ctx.data, ctx.release.version)
    if first_screen_image:
        meta["preload_image"] = first_screen_image
    cite = cite_block.cite_block(page.name, str(page.meta.get("title", "")), meta, ctx.release)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    body = "\n".join(with_fold("\n".join(out).split("\n"))).rstrip()
    return f"---\n{front}\n---\n{body}\n\n{cite}\n{abbreviations(ctx.data)}\n"


def require_briefs(pages: list[Page], ctx: Context) -> None:
    """Each chapter page opens with its key points: exactly one ```brief block."""
    for page in pages:
        if page.chapter is None or not page.meta.get("retells"):
            continue
        found = [(line, start) for line, info, _, start, _ in blocks(page) if info == "brief"]
        if len(found) != 1:
            ctx.problems.add(rel(page.path), found[1][0] if len(found) > 1 else page.first_body_line,
                             f"a chapter page needs exactly one ```brief block of key points (found {len(found)})")
            continue
        line, start = found[0]
        before = [text for text in page.body[:start] if text.strip() and not text.startswith("# ")]
        if before:
            ctx.problems.add(rel(page.path), line, "the ```brief block comes first, straight after the page's title")


def expand_all(pages: list[Page], ctx: Context) -> dict[str, str]:
    """Every page expanded, by file name; problems collect in ctx.problems."""
    ctx.pages = pages
    place_figures(pages, ctx)
    require_briefs(pages, ctx)
    return {page.name: expand_page(page, ctx) for page in pages}
