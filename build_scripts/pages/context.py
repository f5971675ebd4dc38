"""What expanding the pages needs and collects: data, figures and where each is placed, problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from build_scripts.data.datasets import Datasets
from build_scripts.editions import errata, revisions
from build_scripts.editions.release import Release, load_release
from build_scripts.errors import Problems
from build_scripts.figures.registry import FigureDef
from build_scripts.figures.render import Rendered
from build_scripts.pages.read import Page


@dataclass(frozen=True)
class Placement:
    page: str
    line: int
    number: str  # "3.1"


@dataclass
class Context:
    """Everything expansion needs: data, rendered figures, where each figure lives."""

    data: Datasets
    figures: dict[str, FigureDef]
    rendered: dict[str, Rendered] | None = None  # None when only checking, not building
    placements: dict[str, Placement] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    pages: list[Page] = field(default_factory=list)
    release: Release = field(default_factory=load_release)
    sources: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # essay paragraph -> chapter paragraphs
    corrections: list[errata.Correction] = field(default_factory=lambda: errata.load()[0])
    revisions: dict[str, revisions.Revision] = field(default_factory=dict)  # paragraph id -> latest revision

    def page_for_section(self, section: str) -> str | None:
        """The page that retells a section of the chapter."""
        return next((p.name for p in self.pages if p.meta.get("retells") == section), None)
