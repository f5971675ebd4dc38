"""Traceability to the chapter: which essay paragraphs retell each paragraph of the source.

traceability.yaml, committed beside the content, maps every paragraph of the chapter (by section and
number, as build_scripts.editions.source_text splits it) to the ids of the essay paragraphs that retell it:

    introduction:
      - number: 2
        opening: "Consequently, the discursive construction…"   # at most six words, checked
        retold_in: [in-p7, in-p8]

The check needs the chapter's text (shared/source/chapter.txt beside the repository) and runs only
where it is present. It reports, with file and line: an unknown section or paragraph, an opening
that does not match its paragraph, an essay id that is not a paragraph of a chapter page or is an
editorial note, and any source paragraph that no essay paragraph retells.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.data.yaml_reader import LINE, LINES, load_yaml
from build_scripts.editions import source_text
from build_scripts.editions.anchors import Anchor, anchors
from build_scripts.editions.source_text import CHAPTER, SourceParagraph
from build_scripts.errors import BuildError, Problem
from build_scripts.pages.read import Page, read_pages
from build_scripts.paths import ROOT, rel

MAP = ROOT / "traceability.yaml"
OPENING_WORDS = 6  # enough to recognise a paragraph, too few to copy it
EDITORIAL = re.compile(r"-n\d+$")  # editorial notes are numbered n1, n2 … in their page
TITLES = {ident: title for title, ident in source_text.HEADINGS.items()} | {source_text.ABSTRACT: "Abstract"}


@dataclass(frozen=True)
class Entry:
    """One source paragraph and the essay paragraphs that retell it."""

    section: str
    number: int
    opening: str
    retold_in: tuple[str, ...]
    line: int  # of the entry in the map
    ids_line: int  # of its retold_in list


@dataclass
class TraceMap:
    path: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading the file
    section_lines: dict[str, int] = field(default_factory=dict)


def load(path: Path = MAP) -> TraceMap:
    """Read the map; problems with its shape are kept in the result, not raised."""
    trace = TraceMap(path)
    where = rel(path)
    if not path.exists():
        trace.problems.append(Problem(where, None, "missing: the map of source paragraphs to essay paragraphs"))
        return trace
    try:
        data = load_yaml(path)
    except BuildError as exc:
        trace.problems.extend(exc.problems)
        return trace
    if not isinstance(data, dict):
        trace.problems.append(Problem(where, 1, "must be a mapping from section ids to lists of paragraphs"))
        return trace
    lines: dict[str, int] = data.get(LINES, {})
    for section, items in data.items():
        if section in (LINE, LINES):
            continue
        line = lines.get(section)
        trace.section_lines[str(section)] = line or 0
        if section not in source_text.SECTIONS:
            known = source_text.SECTIONS
            trace.problems.append(Problem(where, line, f"unknown section '{section}'{_suggest(section, known)} "
                                          f"(sections: {', '.join(known)})"))
            continue
        if not isinstance(items, list):
            trace.problems.append(Problem(where, line, f"section '{section}' must list its paragraphs"))
            continue
        for item in items:
            entry = _entry(section, item, line, where, trace.problems)
            if entry is not None:
                trace.entries.append(entry)
    return trace


def _entry(section: str, item: Any, section_line: int | None, where: str, problems: list[Problem]) -> Entry | None:
    if not isinstance(item, dict):
        problems.append(Problem(where, section_line, f"in section '{section}': each paragraph must be a mapping "
                                "with number, opening and retold_in"))
        return None
    line = item.get(LINE, section_line)
    keys = item.get(LINES, {})
    unknown = sorted(set(item) - {LINE, LINES, "number", "opening", "retold_in"})
    if unknown:
        problems.append(Problem(where, keys.get(unknown[0], line), f"unknown field '{unknown[0]}' "
                                "(fields: number, opening, retold_in)"))
    number, opening, ids = item.get("number"), item.get("opening"), item.get("retold_in")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        problems.append(Problem(where, line, f"in section '{section}': 'number' must be a paragraph number from 1"))
        return None
    if not isinstance(opening, str) or not opening.strip():
        problems.append(Problem(where, line, f"{section} ¶{number}: 'opening' must give the paragraph's first words"))
        opening = ""
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append(Problem(where, keys.get("retold_in", line), f"{section} ¶{number}: 'retold_in' must be a "
                                "list of essay paragraph ids"))
        ids = []
    return Entry(section, number, opening, tuple(ids), line, keys.get("retold_in", line))


def _suggest(value: object, known: Any) -> str:
    close = difflib.get_close_matches(str(value), sorted(known), n=2, cutoff=0.6)
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)" if close else ""


def _words(text: str) -> str:
    text = text.replace("…", " ").replace("...", " ").replace("’", "'").replace("‘", "'")
    return " ".join(text.lower().split())


def essay_paragraphs(pages: list[Page]) -> dict[str, Anchor]:
    """Every paragraph of the chapter pages (those that retell a section), by id: no headings, no figures."""
    found: dict[str, Anchor] = {}
    for page in pages:
        if not page.meta.get("retells"):
            continue
        for anchor in anchors(page)[0]:
            if anchor.is_paragraph:
                found.setdefault(anchor.id, anchor)
    return found


def check_map(pages: list[Page], trace: TraceMap, chapter_path: Path = CHAPTER) -> list[Problem]:
    """Everything wrong with the map, given the pages and the chapter; nothing when the chapter is absent."""
    if not chapter_path.exists():
        return []
    where = rel(trace.path)
    problems = list(trace.problems)
    source = source_text.by_key(chapter_path)
    essay = essay_paragraphs(pages)
    seen: dict[tuple[str, int], int] = {}
    for entry in trace.entries:
        key = (entry.section, entry.number)
        name = f"{entry.section} ¶{entry.number}"
        if key in seen:
            problems.append(Problem(where, entry.line, f"{name} is listed twice (first at line {seen[key]})"))
            continue
        seen[key] = entry.line
        paragraph = source.get(key)
        if paragraph is None:
            count = sum(1 for s, _ in source if s == entry.section)
            problems.append(Problem(where, entry.line, f"unknown source paragraph {name}: the section "
                                    f"'{entry.section}' has {count} paragraph(s)"))
        elif entry.opening:
            opening = _words(entry.opening).rstrip(",.;:")
            if len(opening.split()) > OPENING_WORDS:
                problems.append(Problem(where, entry.line, f"{name}: 'opening' has more than {OPENING_WORDS} "
                                        "words; a few are enough to recognise the paragraph"))
            if not _words(paragraph.text).startswith(opening):
                problems.append(Problem(where, entry.line, f"{name}: 'opening' does not match the paragraph, "
                                        f"which begins “{paragraph.opening()}…”"))
        if not entry.retold_in:
            problems.append(Problem(where, entry.ids_line, f"{name} is retold in no essay paragraph"))
        for ident in sorted(set(entry.retold_in)):
            if entry.retold_in.count(ident) > 1:
                problems.append(Problem(where, entry.ids_line, f"{name}: '{ident}' is listed twice"))
        for ident in dict.fromkeys(entry.retold_in):
            if EDITORIAL.search(ident) and ident in essay:
                problems.append(Problem(where, entry.ids_line, f"{name}: '{ident}' is an editorial note, which "
                                        "retells nothing of the chapter"))
            elif ident not in essay:
                problems.append(Problem(where, entry.ids_line, f"{name}: '{ident}' is not a paragraph of a chapter "
                                        f"page{_suggest(ident, essay)}"))
    for key, paragraph in source.items():
        if key not in seen:
            section, number = key
            problems.append(Problem(where, trace.section_lines.get(section) or None,
                                    f"source paragraph {section} ¶{number} (“{paragraph.opening()}…”, "
                                    f"chapter.txt line {paragraph.line}) is retold in no essay paragraph: "
                                    "add it to the map"))
    return problems


def retold_by(trace: TraceMap, chapter_path: Path = CHAPTER) -> dict[str, list[SourceParagraph]]:
    """For each essay paragraph id, the source paragraphs it retells, in the chapter's order.

    Empty when the chapter is absent; entries naming unknown source paragraphs are left out.
    """
    if not chapter_path.exists():
        return {}
    order = {p.key: i for i, p in enumerate(source_text.paragraphs(chapter_path))}
    source = source_text.by_key(chapter_path)
    out: dict[str, list[SourceParagraph]] = {}
    for entry in trace.entries:
        paragraph = source.get((entry.section, entry.number))
        if paragraph is None:
            continue
        for ident in dict.fromkeys(entry.retold_in):
            if paragraph not in out.setdefault(ident, []):
                out[ident].append(paragraph)
    return {ident: sorted(found, key=lambda p: order[p.key]) for ident, found in out.items()}


def sources_of(trace: TraceMap) -> dict[str, list[tuple[str, int]]]:
    """For each essay paragraph id, the (section, number) of the source paragraphs it retells, from the
    map alone (the chapter's text is not needed to tell readers where a paragraph comes from)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for entry in trace.entries:
        for ident in dict.fromkeys(entry.retold_in):
            out.setdefault(ident, []).append((entry.section, entry.number))
    return out


def label(paragraph: SourceParagraph) -> str:
    """How a source paragraph is named to readers: its section's title and its number there."""
    return f"“{TITLES.get(paragraph.section, paragraph.section)}”, paragraph {paragraph.number}"


def main() -> int:
    trace = load()
    if not CHAPTER.exists():
        print(f"traceability: {rel(CHAPTER)} is absent; nothing to check")
        return 0
    problems = check_map(read_pages(), trace)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"traceability: {len(trace.entries)} source paragraphs, each retold; "
          f"{len(retold_by(trace))} essay paragraphs retell the chapter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
