"""One source of truth: find numbers and dates typed into the prose that equal a value the datasets hold.

Such a value should be inserted from the data with `{{…}}`, so that text and figures cannot
disagree. What counts:
- a typed date with a month ("4 July 2023", "August 2015") equal to a date in events,
  organisations or memberships, at the same precision;
- a typed number (not a bare year, not part of a date) equal to a claim or observation value,
  unless it is a whole number under 10 (those are written as words in the prose); a bare year is
  too ambiguous to tie to one record (2015 is also the chapter's own year).
Constructs, code, link targets, ids and footnote markers are not prose and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import dates
from .datasets import Datasets
from .pages import FENCE, Page
from .values import INLINE

NUMBER = re.compile(r"(?<![\w.#/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/-])")
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
    matches: str  # which dataset value it equals


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
    """Dates with at least a month, as the prose would write them, with where they live."""
    found: dict[str, str] = {}
    fields = {"events": ("date",), "organisations": ("founded", "dissolved"), "memberships": ("from_", "to")}
    for name, names in fields.items():
        for index, record in enumerate(data.records(name)):
            for field in names:
                value = getattr(record, field)
                if value and "-" in value:
                    label = getattr(record, "id", None) or f"record {index + 1}"
                    found.setdefault(dates.display(value), f"{name}:{label}.{field.rstrip('_')}")
    return found


def literals(page: Page, values: dict[float, str], known_dates: dict[str, str]) -> list[Literal]:
    found = []
    in_code = False
    for offset, line in enumerate(page.body):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or line.lstrip().startswith("*["):
            continue
        prose = line
        for pattern in NOT_PROSE:
            prose = pattern.sub(" ", prose)
        where = page.first_body_line + offset
        for match in DATE.finditer(prose):
            text = " ".join(g for g in match.groups() if g)
            if text in known_dates:
                found.append(Literal(page.name, where, text, known_dates[text]))
        for match in NUMBER.finditer(DAY.sub(" ", DATE.sub(" ", prose))):
            number = float(match.group(1).replace(",", ""))
            if number in values and not YEAR.match(match.group(1)):
                found.append(Literal(page.name, where, match.group(1), values[number]))
    return found


def find_all(pages: list[Page], data: Datasets) -> list[Literal]:
    values, known_dates = dataset_values(data), dataset_dates(data)
    return [lit for page in pages for lit in literals(page, values, known_dates)]


def report(found: list[Literal], root: Path) -> list[str]:
    return [f"{root.name}/{lit.page}:{lit.line}: '{lit.text}' equals {lit.matches}; insert it with {{{{…}}}}"
            for lit in found]
