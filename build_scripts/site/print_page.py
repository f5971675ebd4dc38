"""One page holding the whole essay, for printing to PDF.

It is assembled from the expanded chapter pages: headings move down a level, every id gets a
`print-` prefix (so it never clashes with the chapters' own), figures stay static, and the page is
kept out of search and out of the index, with the essay's first page as its canonical address.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from build_scripts.cite import addresses, cite_block, head_metadata
from build_scripts.data.datasets import Datasets
from build_scripts.editions.release import Release
from build_scripts.pages.read import Page

NAME = "print.md"
TITLE = "The whole essay, for printing"
PREFIX = "print-"
ID_PATTERNS = [  # (pattern, replacement) for every way an id is declared or referred to
    (re.compile(r'\b(id|for|aria-describedby|aria-labelledby)="'), rf'\1="{PREFIX}'),
    (re.compile(r"url\(#"), f"url(#{PREFIX}"),
    (re.compile(r'href="#'), f'href="#{PREFIX}'),
    (re.compile(r"\]\(#"), f"](#{PREFIX}"),
    (re.compile(r"\{(:?\s*)#"), rf"{{\1#{PREFIX}"),
]
LIVE_ONLY = re.compile(r'\s(data-spec|data-states|data-params)="[^"]*"')  # without these a figure stays static
# the light images are the printed ones: fetched with the page, not when scrolled to (some browsers
# print a lazy image that was never reached as a blank)
LAZY_LIGHT = re.compile(r'(<img class="mv-chart__img mv-chart__img--light"[^>]*?) loading="lazy"')


def essay_pages(pages: list[Page]) -> list[Page]:
    """The numbered chapters in order, then the pages beyond the chapter."""
    numbered = sorted((p for p in pages if str(p.meta.get("chapter", "")).isdigit()),
                      key=lambda p: int(p.meta["chapter"]))
    return numbered + [p for p in pages if p.meta.get("beyond_chapter")]


def body_of(expanded: str) -> str:
    """An expanded page without its front matter, cite block and abbreviation list."""
    text = expanded.split("\n---\n", 1)[1] if expanded.startswith("---\n") else expanded
    text = text.split("\n## Cite this page {#cite-this-page}", 1)[0]
    return "\n".join(line for line in text.splitlines() if not line.startswith("*["))


def demote(text: str) -> str:
    return re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.M)


def prefix_ids(text: str) -> str:
    for pattern, replacement in ID_PATTERNS:
        text = pattern.sub(replacement, text)
    return LAZY_LIGHT.sub(r'\1 loading="eager"', LIVE_ONLY.sub("", text))


def build(expanded: dict[str, str], pages: list[Page], release: Release, abbreviations: str,
          data: Datasets) -> str:
    chapters = [prefix_ids(demote(body_of(expanded[p.name]))) for p in essay_pages(pages)]
    meta: dict[str, Any] = {
        "title": TITLE,
        "description": "The whole essay on one page, for printing or saving as PDF.",
        "search": {"exclude": True},
        "robots": "noindex",
        "canonical": addresses.page_url("index.md"),
        **cite_block.edition_meta(pages[0].path, release),
    }
    meta["head"] = head_metadata.head(meta, title=TITLE, description=meta["description"],
                                 url=addresses.cited_url(NAME, release.version),
                                 jsonld=head_metadata.jsonld(NAME, meta, data))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    intro = ("This page gathers every chapter of the essay for printing or saving as PDF. Figures appear "
             "in their static form; the live figures, and the addresses to cite, are on the chapter pages.")
    cite = cite_block.cite_block(NAME, "The whole essay", meta, release)
    return (f"---\n{front}\n---\n# {TITLE} {{#{PREFIX}top}}\n\n{intro}\n\n" + "\n\n".join(chapters)
            + f"\n\n{cite}\n{abbreviations}\n")
