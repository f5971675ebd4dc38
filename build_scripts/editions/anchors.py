"""Permanent anchors: every heading, figure and paragraph of the essay has an id written in its source.

A committed registry (anchors.json) lists every published anchor with a hash of its text. It is
written only by `python -m build_scripts anchors --write`; the check compares the pages with it: an
anchor may disappear only if a redirect to its new place is recorded in the registry, and text may
change only when the registry records the new hash (each release's registry, kept at its git tag, is
what revision notices compare with: see editions.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from build_scripts.cite.addresses import page_path
from build_scripts.errors import Problem
from build_scripts.pages.guide_model import read_guide
from build_scripts.pages.markdown import paragraphs
from build_scripts.pages.read import Page
from build_scripts.paths import ROOT, rel

REGISTRY = ROOT / "anchors.json"
HEADING_ID = re.compile(r"^#{1,6} .*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")
ATTR_ID = re.compile(r"\{:\s*#([A-Za-z][\w-]*)[^}]*\}\s*$")
NOT_A_PARAGRAPH = ("#", "!!!", "???", "|", "<", "*[", "- ", "* ", "+ ", ">", "[^")
GENERATED = {"cite-this-page", "reading-guide", "reading-guide-title"}  # ids the build adds


@dataclass(frozen=True)
class Anchor:
    page: str
    id: str
    line: int
    text: str  # the text the anchor points at (for a figure, its id)
    guide: bool = False  # an objective, question or exercise of a reading guide

    @property
    def is_paragraph(self) -> bool:
        """A paragraph or a note, not a heading, a figure nor a part of the reading guide."""
        return not self.guide and not self.text.startswith("#") and self.id != f"fig-{self.text}"

    @property
    def digest(self) -> str:
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()[:16]


def anchors(page: Page) -> tuple[list[Anchor], list[int]]:
    """The anchors a page declares, and the lines of paragraphs that declare none."""
    found: list[Anchor] = []
    missing: list[int] = []
    for block in paragraphs(page):
        first, start, lines = block.lines[0].strip(), block.line, block.lines
        heading = HEADING_ID.match(first)
        if heading:
            found.append(Anchor(page.name, heading.group(1), start, first))
            continue
        if block.fence is not None:
            if block.fence.info == "figure" and block.fence.argument:
                found.append(Anchor(page.name, f"fig-{block.fence.argument}", start, block.fence.argument))
            elif block.fence.info == "guide":  # its objectives, questions and exercise are citable
                guide, _ = read_guide("\n".join(block.fence.body), rel(page.path), start)
                found.extend(Anchor(page.name, item.id, item.line, item.cited_text, guide=True) for item in guide.items)
            continue
        if first.startswith(NOT_A_PARAGRAPH) or (first.startswith("{{") and first.endswith("}}")):
            if first.startswith("!!!") and len(lines) > 1:  # an admonition: its paragraphs count
                inner = [ln.strip() for ln in lines[1:]]
                match = ATTR_ID.search(inner[-1])
                if match:
                    found.append(Anchor(page.name, match.group(1), start, " ".join(inner)))
                else:
                    missing.append(start)
            continue
        match = ATTR_ID.search(lines[-1])
        if match:
            found.append(Anchor(page.name, match.group(1), start, " ".join(ln.strip() for ln in lines)))
        else:
            missing.append(start)
    return found, missing


def collect(pages: list[Page]) -> dict[str, list[Anchor]]:
    return {page.name: anchors(page)[0] for page in pages}


Registry = dict[str, dict[str, dict[str, str]]]  # {"anchors": {page: {id: text hash}}, "redirects": {...}}


def load_registry(path: Path = REGISTRY) -> Registry:
    if not path.exists():
        return {"anchors": {}, "redirects": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def write_registry(pages: list[Page], path: Path = REGISTRY) -> int:
    """Record every current anchor (keeping recorded redirects); returns the number recorded."""
    registry = load_registry(path)
    registry["anchors"] = {name: {a.id: a.digest for a in found} for name, found in collect(pages).items() if found}
    path.write_text(json.dumps(registry, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(len(v) for v in registry["anchors"].values())


def check_anchors(pages: list[Page], registry: Registry, chapter_pages: set[str]) -> list[Problem]:
    """Unique ids; ids on every paragraph of the chapter pages; no registered anchor lost without a redirect."""
    problems: list[Problem] = []
    by_name = {p.name: p for p in pages}
    current = collect(pages)
    where: dict[str, Anchor] = {}
    for page in pages:
        found, missing = anchors(page)
        if page.name in chapter_pages:
            for line in missing:
                problems.append(Problem(rel(page.path), line, "paragraph has no permanent id: end it with {: #id }"))
        for anchor in found:
            if anchor.id in GENERATED:
                problems.append(Problem(rel(page.path), anchor.line, f"id '{anchor.id}' is reserved for the build"))
            elif anchor.id in where:
                first = where[anchor.id]
                problems.append(Problem(rel(page.path), anchor.line,
                                        f"id '{anchor.id}' is already used in {first.page}:{first.line}"))
            else:
                where[anchor.id] = anchor
    present = {(name, a.id) for name, found in current.items() for a in found}
    recorded = registry.get("anchors", {})
    for name, found in current.items():
        for anchor in found:
            digest = recorded.get(name, {}).get(anchor.id)
            if digest is not None and digest != anchor.digest:  # the registry is the record of cited text
                problems.append(Problem(rel(by_name[name].path), anchor.line,
                                        f"the text at '{anchor.id}' changed since anchors.json recorded it: run "
                                        "`make anchors` to record the new wording (a release keeps the old one)"))
    redirects = registry.get("redirects", {})
    for name, ids in registry.get("anchors", {}).items():
        for anchor_id in ids:
            if (name, anchor_id) in present:
                continue
            target = redirects.get(f"{name}#{anchor_id}")
            if target is None:
                source = rel(by_name[name].path) if name in by_name else f"content/{name}"
                problems.append(Problem(source, None, f"published anchor '{anchor_id}' is gone: restore it, or "
                                        f'record where it went in anchors.json "redirects" ("{name}#{anchor_id}")'))
            elif tuple(target.split("#", 1)) not in present:
                problems.append(Problem("anchors.json", None, f"redirect of {name}#{anchor_id} points to {target}, "
                                        "which does not exist"))
    return problems


def anchor_map(found: dict[str, list[Anchor]], registry: Registry) -> dict[str, dict[str, str]]:
    """What the browser needs to forward an old or misplaced link: where each anchor lives now,
    and where each recorded redirect leads (both as paths below the site root)."""
    where = {a.id: page_path(name) for name, items in found.items() for a in items}
    redirects = {}
    for old, new in registry.get("redirects", {}).items():
        old_page, old_id = old.split("#", 1)
        new_page, new_id = new.split("#", 1)
        redirects[f"{page_path(old_page)}#{old_id}"] = f"{page_path(new_page)}#{new_id}"
    return {"anchors": where, "redirects": redirects}
