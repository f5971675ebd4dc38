"""Reading the pages of content/: front matter (safe YAML) and body, with line numbers kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.data.yaml_reader import MAX_PAGE_BYTES, read_text, strip_lines
from build_scripts.data.yaml_reader import parse as parse_yaml
from build_scripts.errors import BuildError, Problem, Problems
from build_scripts.paths import CONTENT, rel


@dataclass
class Page:
    """One Markdown page of content/, split into front matter and body."""

    path: Path
    name: str  # file name relative to content/, e.g. "3-institutional-overlap.md"
    meta: dict[str, Any]
    body: list[str]  # body lines
    first_body_line: int  # line number of body[0] in the file

    @property
    def prefix(self) -> str:
        """Relative path from this page's URL to the site root (pages are served as directories)."""
        depth = 0 if self.name == "index.md" else self.name.count("/") + 1
        return "../" * depth

    @property
    def chapter(self) -> str | None:
        value = self.meta.get("chapter")
        return None if value is None else str(value)


def read_page(path: Path, root: Path, problems: Problems) -> Page | None:
    try:
        text = read_text(path, MAX_PAGE_BYTES)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    first = 1
    if lines and lines[0].strip() == "---":
        try:
            end = lines.index("---", 1)
        except ValueError:
            problems.add(rel(path), 1, "front matter starts with --- but never ends")
            return None
        try:
            meta = strip_lines(parse_yaml("\n".join(lines[1:end]), rel(path), offset=1)) or {}
        except BuildError as exc:
            problems.extend(Problem(p.file, p.line, f"in the front matter: {p.message}") for p in exc.problems)
            return None
        if not isinstance(meta, dict):
            problems.add(rel(path), 2, "front matter must be a mapping")
            return None
        lines = lines[end + 1:]
        first = end + 2
    return Page(path, path.relative_to(root).as_posix(), meta, lines, first)


def read_pages(root: Path = CONTENT, problems: Problems | None = None) -> list[Page]:
    problems = problems if problems is not None else Problems()
    pages = []
    for path in sorted(root.rglob("*.md")):
        page = read_page(path, root, problems)
        if page is not None:
            pages.append(page)
    return pages
