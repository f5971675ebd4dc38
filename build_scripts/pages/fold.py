"""Where a phone's first screen ends on each page: what comes before is drawn with the first paint, what
follows only as the reader nears it (content-visibility, essay.css)."""

from __future__ import annotations

import re

from build_scripts.pages.markdown import is_fence

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


def with_fold(lines: list[str]) -> list[str]:
    """The expanded page's lines with FOLD where its first screen ends: before the first block that
    starts once FOLD_CHARS of content (text, or a figure's or a block's markup) follow the title, or
    before a figure that does not open in the first screen, whichever comes first. A page shorter
    than that has no fold: all of it is drawn at once."""
    at = fold_index(lines)
    return lines if at is None else [*lines[:at], FOLD, "", *lines[at:]]


def fold_index(lines: list[str]) -> int | None:
    content, titled, fenced, collapsed = 0, False, False, False
    for n, line in enumerate(lines):
        if is_fence(line):
            fenced = not fenced
        starts_block = (not fenced and not collapsed and n > 0 and lines[n - 1].strip() == ""
                        and line.strip() != "" and not CONTINUES_BLOCK.match(line))
        below = line.startswith("<figure ") and "data-first-screen" not in line.split(">", 1)[0]
        if starts_block and (content >= FOLD_CHARS or below):
            return n
        if line.startswith("<details") and " open" not in line.split(">", 1)[0]:
            # a closed block (the reading guide) shows only its summary line until the reader opens it
            collapsed = True
            content += 2 * LINE_CHARS if titled else 0
        elif collapsed:
            collapsed = not line.startswith("</details>")
        elif titled:
            content += screen_chars(line)
        titled = titled or line.startswith("# ")
    return None


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
