"""What each paragraph is (a retelling of the chapter, our framing, our note, material after 2015),
written into its attributes for the reader's tag, with the notices of corrections and revisions."""

from __future__ import annotations

import re

from build_scripts.data.models import SECTION_TITLES
from build_scripts.editions import errata, revisions
from build_scripts.editions.anchors import anchors
from build_scripts.pages.context import PAGE, Context, View
from build_scripts.pages.markdown import attribute_text
from build_scripts.pages.read import Page

PARAGRAPH_ATTRS = re.compile(r"^(\s*)\{:\s*#([A-Za-z][\w-]*)([^}]*)\}\s*$")


EDITORIAL_ID = re.compile(r"-n\d+$")  # editorial notes are numbered n1, n2 … in their page


SHORT_LABELS = {"retelling": "Retelling the chapter", "framing": "Our framing", "editorial": "Our note",
                "after-2015": "After 2015"}


def paragraph_kind(page: Page, anchor: str, sources: list[tuple[str, int]]) -> tuple[str, str] | None:
    """What a paragraph is, for the reader's tag: a retelling (of which paragraphs), our note, or later."""
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


# The reading tools: which kinds of paragraph a page must hold for each button to be offered.
READING_TOOLS = (
    ("labels", "Show where each paragraph comes from", ("retelling", "framing", "editorial", "after-2015")),
    ("editorial", "Hide editorial notes", ("editorial",)),
    ("later", "Hide material after 2015", ("after-2015",)),
)


def reading_tools(page: Page, ctx: Context) -> list[tuple[str, str]]:
    """The (key, label) of each reading tool that does something on this page."""
    found, _ = anchors(page)
    kinds = {kind[0] for anchor in found if anchor.is_paragraph
             and (kind := paragraph_kind(page, anchor.id, ctx.sources.get(anchor.id, [])))}
    return [(key, text) for key, text, needs in READING_TOOLS if kinds.intersection(needs)]


def tag_paragraph(line: str, page: Page, ctx: Context, view: View = PAGE) -> str:
    """Add the paragraph's kind to its attribute list, so readers can see it and filter by it, and
    the notices of its correction and its revision under it."""
    match = PARAGRAPH_ATTRS.match(line)
    if not match:
        return line
    indent, anchor, rest = match.groups()
    kind = paragraph_kind(page, anchor, ctx.sources.get(anchor, []))
    if kind is not None:
        line = (f'{indent}{{: #{view.ids}{anchor}{rest.rstrip()} data-kind="{kind[0]}" '
                f'data-short="{SHORT_LABELS[kind[0]]}" data-label="{attribute_text(kind[1])}" }}')
    else:
        line = line[:match.start(2)] + view.ids + line[match.start(2):]
    for correction in ctx.corrections:
        if correction.page == page.name and correction.anchor == anchor:
            line += f"\n\n{indent}{errata.notice(correction, page.prefix + 'errata/#errata')}\n"
    if anchor in ctx.revisions:
        line += f"\n\n{indent}{revisions.notice(ctx.revisions[anchor], ctx.config.addresses.root_path())}\n"
    return line
