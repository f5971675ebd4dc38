"""The ```brief block: a chapter page's key points ("In brief"), each linking to the paragraph that
develops it, with the page's reading time."""

from __future__ import annotations

import re

from markupsafe import Markup

from build_scripts import templating
from build_scripts.editions.anchors import anchors
from build_scripts.pages.context import Context, View
from build_scripts.pages.inline import expand_inline, link_to
from build_scripts.pages.markdown import page_blocks
from build_scripts.pages.read import Page
from build_scripts.pages.word_count import words
from build_scripts.paths import rel

BRIEF_POINT = re.compile(r"^\s*[-*] (?P<text>.+?)\s+→\s+#(?P<anchor>[A-Za-z][\w-]*)\s*$")


BRIEF_POINTS = (3, 5)


WORDS_PER_MINUTE = 200


def reading_minutes(page: Page) -> int:
    """Minutes to read a page's prose (paragraphs and notes, not figures or tables) at an unhurried pace."""
    total = sum(words(a.text) for a in anchors(page)[0] if a.is_paragraph)
    return max(1, round(total / WORDS_PER_MINUTE))


def brief(ctx: Context, page: Page, argument: str, view: View) -> str:
    """The page's key points, each linking to the paragraph that develops it, with the reading time."""
    line = next((b.line for b in page_blocks(page) if "\n".join(b.body) == argument), None)
    where = rel(page.path)
    present = {a.id for a in anchors(page)[0]}
    points = []
    for offset, text in enumerate(t for t in argument.split("\n") if t.strip()):
        match = BRIEF_POINT.match(text)
        if not match:
            ctx.problems.add(where, line, f"'In brief' point {offset + 1} must read '- text → #paragraph-id'")
            continue
        if "[" in match["text"] or "]" in match["text"]:
            ctx.problems.add(where, line, f"'In brief' point {offset + 1} holds a link or citation: the point is "
                             "itself a link to its paragraph, so cite in the paragraph instead")
        if match["anchor"] not in present:
            ctx.problems.add(where, line, f"'In brief' point {offset + 1} links to '#{match['anchor']}', which is "
                             "not an anchor on this page")
        points.append((match["text"], match["anchor"]))
    low, high = BRIEF_POINTS
    if not low <= len(points) <= high:
        ctx.problems.add(where, line, f"'In brief' has {len(points)} point(s); it needs {low} to {high}")
    minutes = reading_minutes(page)
    home = str(page.meta.get("handout_of", page.name))  # a handout links to its chapter page
    items = [(Markup(expand_inline(text, page, line or 0, ctx, view)), link_to(page, home, anchor, view))
             for text, anchor in points]
    return templating.render("blocks/brief.md", minutes=minutes, points=items)



