"""Markdown as the build reads and writes it: where fenced blocks are, and text from the data made inert."""

from __future__ import annotations

import html
import re
from typing import Any

from build_scripts.pages.read import Page

FENCE = re.compile(r"^(```|~~~)\s*([A-Za-z0-9_-]*)\s*$")


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


# Characters that could start Markdown (emphasis, links, code, attribute lists, table cells,
# footnotes, admonitions) are written as character references: they show as themselves.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}|#!~"})


_LINE_START = re.compile(r"^(?:[^\w&]|\d+[.)])")  # a list, quote, heading or fence marker at a line's start


def esc(text: Any) -> str:
    """Text from the data as inert Markdown: HTML-escaped, on one line, with no Markdown syntax left active."""
    out = html.escape(" ".join(str(text).split()), quote=False).translate(_MARKDOWN)
    match = _LINE_START.match(out)
    if match:  # e.g. "- x", "1990. x", "??? x": encode the marker's last character so no block starts here
        last = match.end() - 1
        out = out[:last] + f"&#{ord(out[last])};" + out[last + 1:]
    return out
