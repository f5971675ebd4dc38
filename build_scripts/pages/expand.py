"""Expanding the chapters: every construct in content/ replaced by what it stands for, as the Markdown
MkDocs renders. Block constructs are fenced blocks whose info string names a block (```figure,
```glossary …); inline constructs are `{{dataset:record.field}}`, `{{fig:id}}` and `[@source]`.
Errors name the page and line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import yaml

from build_scripts import templating
from build_scripts.cite import cite_block, head_metadata, references
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import SECTION_TITLES
from build_scripts.pages.block_constructs import BLOCKS
from build_scripts.pages.context import PAGE, Context, Placement, View
from build_scripts.pages.figure_markup import ebook_figure_html, figure_html
from build_scripts.pages.fold import FIRST_SCREEN_CHARS, with_fold
from build_scripts.pages.guide import check_guides
from build_scripts.pages.inline import expand_inline
from build_scripts.pages.markdown import Fenced, page_blocks
from build_scripts.pages.paragraph_kinds import reading_tools, tag_paragraph
from build_scripts.pages.read import Page
from build_scripts.paths import rel

# `text {: #id }` at the end of a paragraph's last line; Markdown wants the list on a line of its own
TRAILING_ATTRS = re.compile(r"^(\s*)(.*\S)\s+(\{:[^}]*\})\s*$")
HEADING = re.compile(r"^#{1,5} ")
HEADING_ID = re.compile(r"\{(:?\s*)#")  # `{#id}` or `{: #id }` in a heading


def place_figures(pages: list[Page], ctx: Context) -> None:
    """Number each figure by the chapter of the page that places it; each is placed exactly once."""
    for page in pages:
        count = 0
        for block in page_blocks(page):
            if block.info != "figure":
                continue
            fid, line = block.argument, block.line
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
    section = page.meta.get("retells")
    source = data["sources"].by_id().get("chatterje-doody-2015")
    title = SECTION_TITLES.get(section) if section else None
    if source is None or title is None:
        return ""
    return templating.render("fragments/retells-note.html", section=title,
                             reference=references.full_reference(source, data.records("sources"))) + "\n"


def abbreviations(data: Datasets) -> str:
    lines = [f"*[{g.term}]: {g.expansion}" for g in data.records("glossary")
             if g.kind == "abbreviation" and g.expansion]
    return "\n".join(lines)


def heading(line: str, view: View) -> str:
    """A heading as the view writes it: moved down, its id prefixed."""
    if view.heading_shift and HEADING.match(line):
        line = "#" * view.heading_shift + line
    return HEADING_ID.sub(lambda m: "{" + m[1] + "#" + view.ids, line) if view.ids else line


@dataclass
class Body:
    """A page's body as it is expanded: its lines so far, and what decides where figures load."""

    lines: list[str] = field(default_factory=list)
    seen_title: bool = False
    text_above: float = 0.0  # characters of text after the title; past the first screen after a figure or block
    first_screen_image: str | None = None  # the static chart that shows as the page opens, if any

    @property
    def text(self) -> str:
        """The text, with the fold where the page's first screen ends."""
        return "\n".join(with_fold("\n".join(self.lines).split("\n"))).rstrip()


def expand_block(block: Fenced, page: Page, ctx: Context, view: View, body: Body) -> None:
    if block.info == "figure":
        fid = block.argument
        placement = ctx.placements.get(fid)
        if placement and placement.page == page.name and ctx.rendered is not None and view.medium == "epub":
            body.lines.append(ebook_figure_html(ctx.rendered[fid], placement.number, ctx.data, page.prefix))
        elif placement and placement.page == page.name and ctx.rendered is not None:
            first_screen = body.text_above < FIRST_SCREEN_CHARS
            body.lines.append(figure_html(ctx.rendered[fid], placement.number, ctx.data, page.prefix,
                                          ctx.config.site_url, first_screen, view))
            if first_screen:
                body.first_screen_image = f"figures/{fid}/chart.svg"
        body.text_above = math.inf
    elif block.info in BLOCKS:
        body.lines.append(BLOCKS[block.info](ctx, page, "\n".join(block.body), view))
        body.text_above = math.inf
    else:
        body.lines.extend(page.body[block.start:block.end + 1])  # an ordinary code block: left as written


def expand_line(index: int, page: Page, ctx: Context, view: View, body: Body) -> None:
    text = page.body[index]
    if text.lstrip().startswith("#"):  # headings take `{#id}` in place
        shown, measured = heading(text, view), text
    else:
        parts = TRAILING_ATTRS.sub(r"\1\2\n\1\3", text).split("\n")
        shown = "\n".join(tag_paragraph(part, page, ctx, view) for part in parts)
        measured = shown if view == PAGE else "\n".join(tag_paragraph(part, page, ctx, PAGE) for part in parts)
    body.lines.append(expand_inline(shown, page, page.first_body_line + index, ctx, view))
    if body.seen_title:
        body.text_above += len(measured.strip())  # as on the page itself, whatever the view
    if not body.seen_title and text.startswith("# "):
        body.seen_title = True
        note = retells_note(page, ctx.data)
        if note:
            body.lines.extend(["", note])
        if view.medium == "web" and (page.meta.get("retells") or page.meta.get("beyond_chapter")):
            tools = templating.render("fragments/reading-tools.html", tools=reading_tools(page, ctx))
            body.lines.extend(["", tools, ""])  # on the site only: printed, they would do nothing


def expand_body(page: Page, ctx: Context, view: View = PAGE) -> Body:
    """The page's body with every construct expanded."""
    body = Body()
    fenced = {block.start: block for block in page_blocks(page)}
    i = 0
    while i < len(page.body):
        if i in fenced:
            expand_block(fenced[i], page, ctx, view, body)
            i = fenced[i].end + 1
        else:
            expand_line(i, page, ctx, view, body)
            i += 1
    return body


def expand_page(page: Page, ctx: Context) -> str:
    """The page with every construct expanded, as Markdown for MkDocs: front matter (its edition, its
    <head> metadata), body, the "Cite this page" block, and the abbreviations to mark up."""
    body = expand_body(page, ctx)
    meta = {**page.meta, **cite_block.edition_meta(page.path, ctx.release)}
    meta["head"] = head_metadata.page_head(ctx.config.addresses, page.name, meta, ctx.data, ctx.release.version)
    if body.first_screen_image:
        meta["preload_image"] = body.first_screen_image
    cite = cite_block.cite_block(ctx.config, page.name, str(page.meta.get("title", "")), meta, ctx.release)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    return f"---\n{front}\n---\n{body.text}\n\n{cite}\n{abbreviations(ctx.data)}\n"


def require_briefs(pages: list[Page], ctx: Context) -> None:
    """Each chapter page opens with its key points: exactly one ```brief block."""
    for page in pages:
        if page.chapter is None or not page.meta.get("retells"):
            continue
        found = [block for block in page_blocks(page) if block.info == "brief"]
        if len(found) != 1:
            ctx.problems.add(rel(page.path), found[1].line if len(found) > 1 else page.first_body_line,
                             f"a chapter page needs exactly one ```brief block of key points (found {len(found)})")
            continue
        before = [text for text in page.body[:found[0].start] if text.strip() and not text.startswith("# ")]
        if before:
            ctx.problems.add(rel(page.path), found[0].line, "the ```brief block comes first, straight after the "
                             "page's title")


def expand_all(pages: list[Page], ctx: Context) -> dict[str, str]:
    """Every page expanded, by file name; problems collect in ctx.problems."""
    ctx.pages = pages
    place_figures(pages, ctx)
    require_briefs(pages, ctx)
    check_guides(pages, ctx)
    return {page.name: expand_page(page, ctx) for page in pages}
