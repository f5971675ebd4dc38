"""Words by paragraph kind on each chapter page: how much is retelling, our framing, our notes.

The essay retells an argument, so its length is part of its quality: `python -m build_scripts words`
prints the table and fails when retelling and framing on pages 1–6 pass the budget, or an editorial
note runs to NOTE_LIMIT words (a long digression belongs on the Data page or After 2015).
A construct (`{{claims:…}}`, `{{fig:…}}`) counts as one word; citations and attribute lists count as none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from build_scripts.editions import traceability
from build_scripts.editions.anchors import anchors
from build_scripts.pages.paragraph_kinds import paragraph_kind
from build_scripts.pages.read import Page, read_pages

BUDGET = 3400  # retelling + framing on the six chapter pages together
NOTE_LIMIT = 100  # words in one editorial note
KINDS = ("retelling", "framing", "editorial", "after-2015", "other")
CONSTRUCT = re.compile(r"\{\{[^}]*\}\}")
NOT_WORDS = re.compile(r"\[@[^\]]*\]|\{:[^}]*\}|^!!! \w+( \"[^\"]*\")?")


def words(text: str) -> int:
    text = CONSTRUCT.sub(" x ", NOT_WORDS.sub(" ", text))
    return len(re.findall(r"[\w’'-]*\w", text))


@dataclass
class PageWords:
    name: str
    by_kind: Counter[str]
    notes: list[tuple[str, int]]  # each editorial note's id and length


def count(page: Page, sources: dict[str, list[tuple[str, int]]]) -> PageWords:
    by_kind: Counter[str] = Counter()
    notes = []
    for anchor in anchors(page)[0]:
        if not anchor.is_paragraph:
            continue
        kind = paragraph_kind(page, anchor.id, sources.get(anchor.id, []))
        n = words(anchor.text)
        by_kind[kind[0] if kind else "other"] += n
        if kind and kind[0] == "editorial":
            notes.append((anchor.id, n))
    return PageWords(page.name, by_kind, notes)


def chapter_pages(pages: list[Page]) -> list[Page]:
    return [p for p in pages if p.meta.get("retells")]


def table(counts: list[PageWords]) -> str:
    head = f"{'page':32} " + " ".join(f"{k:>10}" for k in KINDS) + f" {'ret+fram':>9}"
    rows = [head]
    total: Counter[str] = Counter()
    for c in counts:
        total.update(c.by_kind)
        rows.append(f"{c.name:32} " + " ".join(f"{c.by_kind[k]:>10}" for k in KINDS)
                    + f" {c.by_kind['retelling'] + c.by_kind['framing']:>9}")
    rows.append(f"{'total':32} " + " ".join(f"{total[k]:>10}" for k in KINDS)
                + f" {total['retelling'] + total['framing']:>9}  (budget {BUDGET})")
    long_notes = [f"{c.name}#{ident} ({n})" for c in counts for ident, n in c.notes if n >= NOTE_LIMIT]
    rows.append(f"editorial notes of {NOTE_LIMIT} words or more: " + (", ".join(long_notes) or "none"))
    return "\n".join(rows)


def page_counts(content: Path) -> list[PageWords]:
    pages = chapter_pages(read_pages(content))
    sources = traceability.sources_of(traceability.load())
    return [count(p, sources) for p in pages]


def over_limits(counts: list[PageWords]) -> list[str]:
    """What is too long: the chapter pages' retelling and framing together, and each long editorial note."""
    total = sum(c.by_kind["retelling"] + c.by_kind["framing"] for c in counts)
    found = [f"retelling and framing on the chapter pages come to {total} words, over the budget of {BUDGET}"] \
        if total > BUDGET else []
    found += [f"{c.name}#{ident}: an editorial note of {n} words (under {NOTE_LIMIT}, please)"
              for c in counts for ident, n in c.notes if n >= NOTE_LIMIT]
    return found

