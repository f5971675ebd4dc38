"""Stage four: read the chapters in content/ and expand every construct into the generated docs tree.

Block constructs are fenced blocks whose info string names a block (```figure, ```glossary …);
inline constructs are `{{dataset:record.field}}`, `{{fig:id}}` and `[@source]`. Errors name the
page and line.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_scripts import citations, citeblock, editions, errata, metadata, references
from build_scripts.blocks import esc
from build_scripts.datasets import Datasets
from build_scripts.errors import BuildError, Problem, Problems
from build_scripts.figures import FigureDef
from build_scripts.paths import CONTENT, rel
from build_scripts.render import Rendered
from build_scripts.values import INLINE, parse, resolve
from build_scripts.yamlload import MAX_PAGE_BYTES, read_text, strip_lines
from build_scripts.yamlload import parse as parse_yaml

FENCE = re.compile(r"^(```|~~~)\s*([A-Za-z0-9_-]*)\s*$")
CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")
# `text {: #id }` at the end of a paragraph's last line; Markdown wants the list on a line of its own
TRAILING_ATTRS = re.compile(r"^(\s*)(.*\S)\s+(\{:[^}]*\})\s*$")
PARAGRAPH_ATTRS = re.compile(r"^(\s*)\{:\s*#([A-Za-z][\w-]*)([^}]*)\}\s*$")
EDITORIAL_ID = re.compile(r"-n\d+$")  # editorial notes are numbered n1, n2 … in their page
FIGURE_REF = "fig"
# Text that fits above a figure on a phone's first screen (412 x 823 px: about 40 characters a line
# under the header and the page title). A figure after less text than this shows as the page opens.
FIRST_SCREEN_CHARS = 600
# Where the first screen ends: what follows is drawn only as it nears the viewport (essay.css), what
# precedes is drawn with the page's first paint (see with_fold). A phone's first screen holds about
# 1,200 characters of text under the title (about 29 lines of 40); the fold comes well after that,
# measured as screen_chars counts (short lines and labels as whole lines), so that nothing on the
# first screen of a 360 x 740 or 412 x 823 phone waits.
FOLD = '<div class="mv-fold"></div>'
FOLD_CHARS = 2000
# Lines that continue the block before them: a list, a table, attributes, abbreviations, an admonition's
# body, a note on the paragraph above (a correction or a revision: role="note").
CONTINUES_BLOCK = re.compile(r'^(\s|[-*+] |\d+\. |\||\{:|\*\[|<[^>]*\brole="note")')


@dataclass
class Page:
    """One Markdown page of content/, split into front matter and body."""

    path: Path
    name: str  # file name relative to content/, e.g. "3-institutional-overlap.md"
    meta: dict[str, Any]
    body: list[str]  # body lines
    first_body_line: int  # line number of body[0] in the file

    @property
    def prefix(self) -> str:
        """Relative path from this page's URL to the site root (pages are served as directories)."""
        depth = 0 if self.name == "index.md" else self.name.count("/") + 1
        return "../" * depth

    @property
    def chapter(self) -> str | None:
        value = self.meta.get("chapter")
        return None if value is None else str(value)


@dataclass(frozen=True)
class Placement:
    page: str
    line: int
    number: str  # "3.1"


@dataclass
class Context:
    """Everything expansion needs: data, rendered figures, where each figure lives."""

    data: Datasets
    figures: dict[str, FigureDef]
    rendered: dict[str, Rendered] | None = None  # None when only checking, not building
    placements: dict[str, Placement] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    pages: list[Page] = field(default_factory=list)
    release: citations.Release = field(default_factory=citations.load_release)
    sources: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # essay paragraph -> chapter paragraphs
    corrections: list[errata.Correction] = field(default_factory=lambda: errata.load()[0])
    revisions: dict[str, editions.Revision] = field(default_factory=dict)  # paragraph id -> latest revision

    def page_for_section(self, section: str) -> str | None:
        """The page that retells a section of the chapter."""
        return next((p.name for p in self.pages if p.meta.get("retells") == section), None)


def read_page(path: Path, root: Path, problems: Problems) -> Page | None:
    try:
        text = read_text(path, MAX_PAGE_BYTES)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    first = 1
    if lines and lines[0].strip() == "---":
        try:
            end = lines.index("---", 1)
        except ValueError:
            problems.add(rel(path), 1, "front matter starts with --- but never ends")
            return None
        try:
            meta = strip_lines(parse_yaml("\n".join(lines[1:end]), rel(path), offset=1)) or {}
        except BuildError as exc:
            problems.extend(Problem(p.file, p.line, f"in the front matter: {p.message}") for p in exc.problems)
            return None
        if not isinstance(meta, dict):
            problems.add(rel(path), 2, "front matter must be a mapping")
            return None
        lines = lines[end + 1:]
        first = end + 2
    return Page(path, path.relative_to(root).as_posix(), meta, lines, first)


def read_pages(root: Path = CONTENT, problems: Problems | None = None) -> list[Page]:
    problems = problems if problems is not None else Problems()
    pages = []
    for path in sorted(root.rglob("*.md")):
        page = read_page(path, root, problems)
        if page is not None:
            pages.append(page)
    return pages


def blocks(page: Page) -> list[tuple[int, str, list[str], int, int]]:
    """Fenced blocks of a page: (line, info, body lines, start index, end index)."""
    found = []
    i = 0
    while i < len(page.body):
        match = FENCE.match(page.body[i])
        if match:
            fence, info = match.groups()
            j = i + 1
            while j < len(page.body) and not page.body[j].startswith(fence):
                j += 1
            found.append((page.first_body_line + i, info, page.body[i + 1:j], i, j))
            i = j + 1
        else:
            i += 1
    return found


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


def link_to(page: Page, target_page: str, anchor: str) -> str:
    """A Markdown link target from `page` to an anchor on another page (MkDocs resolves .md links)."""
    if target_page == page.name:
        return f"#{anchor}"
    here = Path(page.name).parent
    return f"{Path(target_page).relative_to(here).as_posix() if here != Path('.') else target_page}#{anchor}"


def expand_inline(text: str, page: Page, line: int, ctx: Context) -> str:
    def inline(match: re.Match[str]) -> str:
        construct = parse(match)
        if construct.dataset == FIGURE_REF:
            placement = ctx.placements.get(construct.record)
            if placement is None:
                ctx.problems.add(rel(page.path), line, f"reference to unknown or unplaced figure '{construct.record}'")
                return match.group(0)
            title = ctx.figures[construct.record].title.replace('"', "'")
            href = link_to(page, placement.page, "fig-" + construct.record)
            # the class and data attribute let the browser show a preview of the figure on hover
            return f'[Figure {placement.number}]({href} "{title}"){{: .mv-figref data-figure="{construct.record}" }}'
        try:
            text, record = resolve(ctx.data, construct)
        except ValueError as exc:
            ctx.problems.add(rel(page.path), line, str(exc))
            return match.group(0)
        where = f"{construct.dataset}.yaml, record {construct.record}; source: {record.source}, {record.locator}"
        return f'<span class="mv-value" title="{html.escape(where)}">{esc(text)}</span>'

    def cite(match: re.Match[str]) -> str:
        sources = ctx.data["sources"].by_id()
        sid = match.group(1)
        if sid not in sources:
            ctx.problems.add(rel(page.path), line, f"citation of unknown source '{sid}'")
            return match.group(0)
        source = sources[sid]
        full = references.full_reference(source).replace('"', "'")
        label = esc(references.short_label(source))
        return f'([{label}]({link_to(page, "references.md", "ref-" + sid)} "{html.escape(full)}"))'

    return CITATION.sub(cite, INLINE.sub(inline, text))


def retells_note(page: Page, data: Datasets) -> str:
    """The line under a chapter's title naming the part of the source it retells."""
    from build_scripts.schema import SECTION_TITLES

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


SHORT_LABELS = {"retelling": "Retelling the chapter", "framing": "Our framing", "editorial": "Our note",
                "after-2015": "After 2015"}


def paragraph_kind(page: Page, anchor: str, sources: list[tuple[str, int]]) -> tuple[str, str] | None:
    """What a paragraph is, for the reader's tag: a retelling (of which paragraphs), our note, or later."""
    from build_scripts.schema import SECTION_TITLES

    if EDITORIAL_ID.search(anchor):
        return "editorial", "Editorial note: ours, not the chapter's"
    if page.meta.get("beyond_chapter"):
        return "after-2015", "After 2015: beyond the chapter"
    if sources:
        parts = []
        for section in dict.fromkeys(s for s, _ in sources):
            numbers = [n for s, n in sources if s == section]
            if len(numbers) == 1:
                which = f"paragraph {numbers[0]}"
            elif numbers == list(range(numbers[0], numbers[-1] + 1)):
                which = f"paragraphs {numbers[0]}–{numbers[-1]}"
            else:
                which = "paragraphs " + ", ".join(map(str, numbers))
            parts.append(f"“{SECTION_TITLES.get(section, section)}”, {which}")
        return "retelling", "Retells the chapter: " + "; ".join(parts)
    if page.meta.get("retells") in SECTION_TITLES:
        return "framing", "Our framing of the chapter's section, not a retelling"
    return None


def tag_paragraph(line: str, page: Page, ctx: Context) -> str:
    """Add the paragraph's kind to its attribute list, so readers can see it and filter by it."""
    match = PARAGRAPH_ATTRS.match(line)
    if not match:
        return line
    indent, anchor, rest = match.groups()
    kind = paragraph_kind(page, anchor, ctx.sources.get(anchor, []))
    if kind is not None:
        label = kind[1].replace('"', "'")
        line = (f'{indent}{{: #{anchor}{rest.rstrip()} data-kind="{kind[0]}" data-short="{SHORT_LABELS[kind[0]]}" '
                f'data-label="{label}" }}')
    for correction in ctx.corrections:
        if correction.page == page.name and correction.anchor == anchor:
            line += f"\n\n{indent}{errata.notice(correction, page.prefix + 'errata/#errata')}\n"
    if anchor in ctx.revisions:
        line += f"\n\n{indent}{editions.notice(ctx.revisions[anchor])}\n"
    return line


def with_fold(lines: list[str]) -> list[str]:
    """The expanded page's lines with FOLD where its first screen ends: before the first block that
    starts once FOLD_CHARS of content (text, or a figure's or a block's markup) follow the title, or
    before a figure that does not open in the first screen, whichever comes first. A page shorter
    than that has no fold: all of it is drawn at once."""
    content, titled, fenced = 0, False, False
    for n, line in enumerate(lines):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        starts_block = (not fenced and n > 0 and lines[n - 1].strip() == "" and line.strip() != ""
                        and not CONTINUES_BLOCK.match(line))
        below = line.startswith("<figure ") and "data-first-screen" not in line.split(">", 1)[0]
        if starts_block and (content >= FOLD_CHARS or below):
            return [*lines[:n], FOLD, "", *lines[n:]]
        if titled:
            content += screen_chars(line)
        titled = titled or line.startswith("# ")
    return lines


LINE_CHARS = 40  # characters in one line of text on a phone
KIND_LABEL = re.compile(r'data-kind="([a-z0-9-]+)"')


def screen_chars(line: str) -> int:
    """How much of a phone's screen a line of the expanded page takes, in characters of running text:
    a short line (a list item, a label) takes a whole line, a heading about three with its margins,
    and a tagged paragraph a line more for the label a run of one kind starts with (counted for every
    one: an estimate that errs towards drawing more at once, never less)."""
    text = line.strip()
    if not text:
        return 0
    if text.startswith("#"):
        return max(len(text), 3 * LINE_CHARS)
    return max(len(text), LINE_CHARS) + (LINE_CHARS if KIND_LABEL.search(text) else 0)


def expand_page(page: Page, ctx: Context) -> str:
    """The page with every construct expanded, as Markdown for MkDocs."""
    from build_scripts.blocks import BLOCKS
    from build_scripts.figure_html import figure_html

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
    meta = {**page.meta, **citeblock.edition_meta(page.path, ctx.release)}
    meta["head"] = metadata.page_head(page.name, meta, ctx.data, ctx.release.version)
    if first_screen_image:
        meta["preload_image"] = first_screen_image
    cite = citeblock.cite_block(page.name, str(page.meta.get("title", "")), meta, ctx.release)
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
