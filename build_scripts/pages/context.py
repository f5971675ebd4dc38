"""What expanding the pages needs and collects: data, figures and where each is placed, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_scripts.config import Config
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import MODELS
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

    config: Config
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
    # datasets that loaded without a problem; None when all did. Only these can say that a record does not exist
    trusted: set[str] | None = None
    built: dict[str, Any] = field(default_factory=dict)  # figures built only to read their params (checking)

    def can_judge(self, dataset: str, record: str) -> bool:
        """Whether a construct naming this record can be checked: not when its dataset did not load (its
        own problems are reported), nor when the record may be one that did not validate."""
        if self.trusted is None:
            return True
        if dataset in MODELS and dataset not in self.data.items:
            return False
        known = set(self.data.items[dataset].by_id()) if dataset in self.data.items else set()
        return dataset in self.trusted or record in known

    def page_for_section(self, section: str) -> str | None:
        """The page that retells a section of the chapter."""
        return next((p.name for p in self.pages if p.meta.get("retells") == section), None)


@dataclass(frozen=True)
class View:
    """How a page is written: as itself, or as part of the whole-essay print page, where every id and
    in-page link carries a prefix (so that none clashes with the chapters' own ids), headings move down
    a level, and figures stay static; or for a handout or the EPUB."""

    ids: str = ""  # the prefix of every id and in-page link
    live: bool = True  # figures carry what the browser needs to bring them alive
    heading_shift: int = 0  # levels every heading moves down
    # where the page is read: "web" (the site), "print" (the print page), "handout" (a printed handout:
    # addresses in full), "epub" (the e-book: no collapsed blocks)
    medium: str = "web"


PAGE = View()
