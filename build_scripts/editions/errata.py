"""Corrections: the errata list (site_config/errata.yaml), its page, and a notice on each corrected
paragraph. A correction must name a paragraph that exists; the check says which one does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from build_scripts import templating
from build_scripts.data import dates
from build_scripts.data.yaml_reader import load_yaml, strip_lines
from build_scripts.errors import BuildError, Problem
from build_scripts.pages.markdown import esc
from build_scripts.paths import SITE_CONFIG, rel

ERRATA = SITE_CONFIG / "errata.yaml"


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    date: dt.date
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    page: str = Field(pattern=r"^[a-z0-9-]+\.md$")
    anchor: str = Field(min_length=1)
    what: str = Field(min_length=1)


def load(path: Path | None = None) -> tuple[list[Correction], list[Problem]]:
    path = path or ERRATA
    if not path.exists():
        return [], []
    try:
        doc = strip_lines(load_yaml(path)) or {}
    except BuildError as exc:
        return [], exc.problems
    try:
        return [Correction.model_validate(c) for c in doc.get("corrections") or []], []
    except (ValidationError, AttributeError) as exc:
        return [], [Problem(rel(path), None, f"not a valid list of corrections: {exc}")]


def check_corrections(corrections: list[Correction], anchors: set[tuple[str, str]]) -> list[Problem]:
    """The errata file's own problems, and each correction that names no paragraph of the pages."""
    problems = load()[1]
    return problems + [Problem(rel(ERRATA), None, f"correction of {c.page}#{c.anchor}: no such paragraph")
                       for c in corrections if (c.page, c.anchor) not in anchors]


def day(value: dt.date) -> str:
    return dates.display(value.isoformat())


def notice(correction: Correction, errata_link: str) -> str:
    """The note under a corrected paragraph."""
    return templating.render("fragments/correction-notice.html", day=day(correction.date), correction=correction,
                             errata_link=errata_link)


def block(corrections: list[Correction]) -> str:
    """The errata list as Markdown, newest first."""
    if not corrections:
        return "No correction has been made to the published text so far.\n"
    rows = ["| date | version | passage | correction |", "|---|---|---|---|"]
    for c in sorted(corrections, key=lambda c: c.date, reverse=True):
        rows.append(f"| {day(c.date)} | {c.version} | [{c.page[:-3]}#{c.anchor}]({c.page}#{c.anchor}) "
                    f"| {esc(c.what)} |")
    return "\n".join(rows) + "\n"
