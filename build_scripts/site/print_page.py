"""One page holding the whole essay, for printing to PDF.

Its chapters are expanded once more, written for this page: headings move down a level, every id and
in-page link gets a `print-` prefix (so it never clashes with the chapters' own), and figures stay
static, every chart image fetched with the page. The page is kept out of search and out of the index,
with the essay's first page as its canonical address.
"""

from __future__ import annotations

from typing import Any

import yaml

from build_scripts.cite import cite_block, head_metadata
from build_scripts.pages.context import Context, View
from build_scripts.pages.course import course_pages
from build_scripts.pages.expand import abbreviations, expand_body
from build_scripts.pages.read import Page

NAME = "print.md"
TITLE = "The whole essay, for printing"
# every id and in-page link gets this prefix, headings move down a level, figures stay static
PRINTED = View(ids="print-", live=False, heading_shift=1, medium="print")


def build(pages: list[Page], ctx: Context) -> str:
    """The print page's Markdown: the chapters expanded once more, as the print page writes them."""
    release, addresses = ctx.release, ctx.config.addresses
    # No fold: a page made to be printed is drawn whole (content-visibility's placeholders, sized by
    # estimate, would lie over the text beside them until drawn, and a printer draws everything anyway).
    chapters = ["\n".join(expand_body(page, ctx, PRINTED).lines).rstrip() for page in course_pages(pages)]
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
                                      jsonld=head_metadata.jsonld(addresses, NAME, meta, ctx.data))
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    intro = ("This page gathers every chapter of the essay for printing or saving as PDF. Figures appear "
             "in their static form; the live figures, and the addresses to cite, are on the chapter pages.")
    cite = cite_block.cite_block(ctx.config, NAME, "The whole essay", meta, release)
    return (f"---\n{front}\n---\n# {TITLE} {{#{PRINTED.ids}top}}\n\n{intro}\n\n" + "\n\n".join(chapters)
            + f"\n\n{cite}\n{abbreviations(ctx.data)}\n")
