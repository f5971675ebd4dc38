"""Markdown as the build reads and writes it: the one scanner of fenced blocks and paragraphs that every
reader of the pages uses, and the one escaper that makes text from the data inert in Markdown."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from build_scripts.pages.read import Page

# The one rule for fences, which every reader of the pages follows (expanding, anchors, typed values, word
# counts, traceability): a line holding ``` or ~~~ and an optional info string is a fence, indented or
# not (an indented fence is a code block inside an admonition or a list item, as superfences reads it);
# the block runs to the next line that starts, once stripped, with the same fence.
FENCE = re.compile(r"^\s*(```|~~~)\s*([A-Za-z0-9_-]*)\s*$")


@dataclass(frozen=True)
class Fenced:
    """One fenced block: a construct (```figure, ```glossary …) or an ordinary code block."""

    line: int  # line of the opening fence in its file
    info: str  # the info string: the construct's name, or a language, or ""
    body: list[str]
    start: int  # index of the opening fence among the lines scanned
    end: int  # index of the closing fence (the number of lines when it is never closed)

    @property
    def argument(self) -> str:
        """A one-line construct's argument, e.g. the id in ```figure."""
        return " ".join(self.body).strip()


def is_fence(line: str) -> bool:
    return FENCE.match(line) is not None


def fenced_blocks(lines: list[str], first_line: int = 1) -> list[Fenced]:
    """Every fenced block of these lines (`first_line` is the file's line number of lines[0])."""
    found = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match:
            fence, info = match.groups()
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                j += 1
            found.append(Fenced(first_line + i, info, lines[i + 1:j], i, j))
            i = j + 1
        else:
            i += 1
    return found


def page_blocks(page: Page) -> list[Fenced]:
    return fenced_blocks(page.body, page.first_body_line)


def prose_indices(lines: list[str]) -> list[int]:
    """Indices of the lines outside every fenced block (the fences themselves excluded)."""
    inside = {i for block in fenced_blocks(lines) for i in range(block.start, block.end + 1)}
    return [i for i in range(len(lines)) if i not in inside]


@dataclass(frozen=True)
class Paragraph:
    """A blank-line separated block of a page outside fences, or a fenced block standing for itself."""

    line: int  # its first line in the file
    lines: list[str]
    fence: Fenced | None = None


def paragraphs(page: Page) -> list[Paragraph]:
    """The page's paragraphs (and headings, lists, admonitions …) and fenced blocks, in order."""
    fences = {block.start: block for block in page_blocks(page)}
    out: list[Paragraph] = []
    current: list[str] = []
    start, i = 0, 0
    while i < len(page.body):
        line = page.body[i]
        if i in fences or not line.strip():
            if current:
                out.append(Paragraph(start, current))
                current = []
            if i in fences:
                out.append(Paragraph(page.first_body_line + i, [line.strip()], fences[i]))
                i = fences[i].end
        else:
            if not current:
                start = page.first_body_line + i
            current.append(line)
        i += 1
    if current:
        out.append(Paragraph(start, current))
    return out


# Characters that could start Markdown (emphasis, links, code, attribute lists, table cells,
# footnotes, admonitions) are written as character references: they show as themselves.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}|#!~"})


_LINE_START = re.compile(r"^(?:[^\w&]|\d+[.)])")  # a list, quote, heading or fence marker at a line's start


def attribute_text(text: str) -> str:
    """Text for a double-quoted value in Markdown (an attribute list, a link's title): a double quote
    would end the value, so it is written as a single one."""
    return text.replace('"', "'")


def esc(text: Any) -> str:
    """Text from the data as inert Markdown: HTML-escaped, on one line, with no Markdown syntax left active."""
    out = html.escape(" ".join(str(text).split()), quote=False).translate(_MARKDOWN)
    match = _LINE_START.match(out)
    if match:  # e.g. "- x", "1990. x", "??? x": encode the marker's last character so no block starts here
        last = match.end() - 1
        out = out[:last] + f"&#{ord(out[last])};" + out[last + 1:]
    return out
