"""One source of truth: dates and quantities typed into the prose.

A date with a month ("4 July 2023", "August 2015") or a quantity ("167 million", "23 per cent",
"15,000") in the prose is drawn from a dataset with `{{…}}`, so that text and figures cannot
disagree, and a wrong date cannot be typed unnoticed. The few typed on purpose stand on an allow
list (typed-values.yaml) that says why. What counts:
- any date with a month;
- any number with a unit (per cent, %, million, billion, trillion, times), and any other number of
  10 or more that is not a bare year (a year is too ambiguous to tie to one record) nor part of a
  name or code ("G20", "A/RES/62/79", "1990s"); whole numbers under 10 are written as words;
and a typed value that equals a dataset value says which record holds it.
Constructs, code, link targets, ids and footnote markers are not prose and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from build_scripts.data import dates
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import DATE_FIELDS
from build_scripts.data.yaml_reader import load_yaml, strip_lines
from build_scripts.errors import BuildError, Problem
from build_scripts.pages.inline import INLINE
from build_scripts.pages.markdown import fenced_blocks, prose_indices
from build_scripts.pages.read import Page
from build_scripts.paths import ROOT, rel

ALLOW_LIST = ROOT / "typed-values.yaml"

NUMBER = re.compile(r"(?<![\w.#/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/-])(\s*(?:%|per cent|percent|"
                    r"million|billion|trillion|times)\b|%)?")
DATE = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(dates.MONTHS) + r") (\d{4})\b")
DAY = re.compile(r"\b\d{1,2} (?:" + "|".join(dates.MONTHS) + r")\b")  # "29 March": a day, not a quantity
YEAR = re.compile(r"^(19|20)\d\d$")
SMALLEST = 10
NOT_PROSE = [
    INLINE,
    re.compile(r"\[@[^\]]*\]"),  # citations
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"\{:?[^}]*\}"),  # attribute lists and heading ids
    re.compile(r"\[\^[^\]]*\]"),  # footnote markers
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"<[^>]+>"),  # HTML tags
]


@dataclass(frozen=True)
class Literal:
    page: str
    line: int
    text: str
    matches: str | None  # which dataset value it equals, if any


def dataset_values(data: Datasets) -> dict[float, str]:
    """Quantities the datasets hold, with where they live."""
    values: dict[float, str] = {}
    for name in ("claims", "observations"):
        for record in data.records(name):
            for value in (record.value, getattr(record, "value_high", None)):
                small_integer = value is not None and value < SMALLEST and float(value).is_integer()
                if value is not None and not small_integer and not YEAR.match(format(value, "g")):
                    values.setdefault(value, f"{name}:{record.id}")
    return values


def dataset_dates(data: Datasets) -> dict[str, str]:
    """Dates with at least a month, as the prose would write them, with where they live. A source's dates
    (published, consulted) describe the source, not what the prose tells: a typed date equal to one
    of them is a coincidence, not a value to draw from the data."""
    found: dict[str, str] = {}
    for name, names in DATE_FIELDS.items():
        if name == "sources":
            continue
        for index, record in enumerate(data.records(name)):
            for field in names:
                value = getattr(record, field)
                if value and "-" in value:
                    label = getattr(record, "id", None) or f"record {index + 1}"
                    found.setdefault(dates.display(value), f"{name}:{label}.{field.rstrip('_')}")
    return found


def prose_lines(page: Page) -> list[tuple[int, str]]:
    """Each line of a page's prose with its line number, constructs and markup blanked out; a reading
    guide's lines are prose too (its questions and tasks are text like any other)."""
    out = []
    guides = [i for b in fenced_blocks(page.body) if b.info == "guide" for i in range(b.start + 1, b.end)]
    for offset in sorted([*prose_indices(page.body), *guides]):
        line = page.body[offset]
        if line.lstrip().startswith("*["):
            continue
        prose = line
        for pattern in NOT_PROSE:
            prose = pattern.sub(" ", prose)
        out.append((page.first_body_line + offset, prose))
    return out


def is_quantity(number: str, unit: str | None) -> bool:
    value = float(number.replace(",", ""))
    if YEAR.match(number) and not unit:
        return False
    return bool(unit) or value >= SMALLEST or not value.is_integer()


def literals(page: Page, values: dict[float, str], known_dates: dict[str, str]) -> list[Literal]:
    """Every typed date with a month and every typed quantity on a page."""
    found = []
    for where, prose in prose_lines(page):
        for match in DATE.finditer(prose):
            text = " ".join(g for g in match.groups() if g)
            found.append(Literal(page.name, where, text, known_dates.get(text)))
        for match in NUMBER.finditer(DAY.sub(" ", DATE.sub(" ", prose))):
            number, unit = match.group(1), match.group(2)
            if is_quantity(number, unit):
                text = number + (unit or "")
                found.append(Literal(page.name, where, text, values.get(float(number.replace(",", "")))))
    return found


def find_all(pages: list[Page], data: Datasets) -> list[Literal]:
    values, known_dates = dataset_values(data), dataset_dates(data)
    return [lit for page in pages for lit in literals(page, values, known_dates)]


def report(found: list[Literal], root: Path) -> list[str]:
    return [f"{root.name}/{lit.page}:{lit.line}: '{lit.text}' equals {lit.matches}; insert it with {{{{…}}}}"
            for lit in found if lit.matches]


class Allowed(BaseModel):
    """A date or quantity typed on purpose, and why it is not drawn from a dataset."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    page: str = Field(pattern=r"^[a-z0-9-]+\.md$")
    text: str = Field(min_length=1)
    why: str = Field(min_length=10)


def load_allowed(path: Path = ALLOW_LIST) -> tuple[list[Allowed], list[Problem]]:
    if not path.exists():
        return [], []
    try:
        doc = strip_lines(load_yaml(path)) or {}
        return [Allowed.model_validate(item) for item in doc.get("allowed") or []], []
    except BuildError as exc:
        return [], exc.problems
    except (ValidationError, AttributeError) as exc:
        return [], [Problem(rel(path), None, f"not a valid allow list: {exc}")]


def check_typed_values(pages: list[Page], data: Datasets, allowed: list[Allowed],
                       allow_path: Path = ALLOW_LIST) -> list[Problem]:
    """Every typed date or quantity that is neither drawn from the data nor on the allow list, and every
    allow-list entry that no longer matches anything (so that the list stays short and true)."""
    problems = []
    used: set[tuple[str, str]] = set()
    paths = {p.name: p.path for p in pages}
    permitted = {(a.page, a.text) for a in allowed}
    for lit in find_all(pages, data):
        if (lit.page, lit.text) in permitted and not lit.matches:
            used.add((lit.page, lit.text))
            continue
        where = rel(paths[lit.page])
        if lit.matches:
            problems.append(Problem(where, lit.line, f"'{lit.text}' is typed but equals {lit.matches}: insert it "
                                    "with {{…}}"))
        else:
            problems.append(Problem(where, lit.line, f"'{lit.text}' is typed: draw it from a dataset with {{{{…}}}}, "
                                    f"or list it in {rel(allow_path)} with the reason it is typed"))
    for item in allowed:
        if (item.page, item.text) not in used and item.page in paths:
            problems.append(Problem(rel(allow_path), None, f"allowed '{item.text}' on {item.page} is no longer "
                                    "typed there: remove the entry"))
    return problems
