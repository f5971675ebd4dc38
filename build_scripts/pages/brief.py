"""The ```brief block: a chapter page's key points ("In brief"), each linking to the paragraph that
develops it, with the page's reading time."""

from __future__ import annotations

import re

from build_scripts.pages.context import Context
from build_scripts.pages.read import Page
from build_scripts.paths import rel

BRIEF_POINT = re.compile(r"^\s*[-*] (?P<text>.+?)\s+→\s+#(?P<anchor>[A-Za-z][\w-]*)\s*$")


BRIEF_POINTS = (3, 5)


WORDS_PER_MINUTE = 200


def reading_minutes(page: Page) -> int:
    """Minutes to read a page's prose (paragraphs and notes, not figures or tables) at an unhurried pace."""
    from build_scripts.editions.anchors import anchors
    from build_scripts.pages.word_count import words

    total = sum(words(a.text) for a in anchors(page)[0] if not a.text.startswith("#") and a.id != f"fig-{a.text}")
    return max(1, round(total / WORDS_PER_MINUTE))


def brief(ctx: Context, page: Page, argument: str) -> str:
    """The page's key points, each linking to the paragraph that develops it, with the reading time."""
    from build_scripts.editions.anchors import anchors
    from build_scripts.pages.inline import expand_inline

    line = next((n for n, _, body, _, _ in _fences(page) if "\n".join(body) == argument), None)
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
    items = "\n".join(f"- [{expand_inline(text, page, line or 0, ctx)}](#{anchor})" for text, anchor in points)
    return (f'<aside class="mv-brief" aria-label="In brief" markdown>\n'
            f'<p class="mv-brief__head"><strong>In brief</strong> '
            f'<span class="mv-brief__time">About {minutes} minute{"s" if minutes != 1 else ""} to read</span></p>\n\n'
            f"{items}\n\n</aside>\n")


def _fences(page: Page) -> list[tuple[int, str, list[str], int, int]]:
    from build_scripts.pages.markdown import blocks as fenced_blocks

    return fenced_blocks(page)
