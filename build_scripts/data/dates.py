"""Partial dates (YYYY, YYYY-MM or YYYY-MM-DD) that keep the precision they were given."""

from __future__ import annotations

import datetime as dt
import re

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def parse(text: str) -> tuple[int, int | None, int | None]:
    """Split a partial date into year, month, day; raise ValueError if it is not one."""
    match = PATTERN.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    dt.date(year, month or 1, day or 1)  # raises ValueError for 2014-13 or 2014-02-30
    return year, month, day


def start(text: str) -> dt.date:
    """The first day a partial date can mean (2014 -> 1 January 2014)."""
    year, month, day = parse(text)
    return dt.date(year, month or 1, day or 1)


def end(text: str) -> dt.date:
    """The last day a partial date can mean (2014 -> 31 December 2014)."""
    year, month, day = parse(text)
    if day:
        return dt.date(year, month or 1, day)
    if month:
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def display(text: str) -> str:
    """Human form at the precision given: '2000', 'October 2000' or '10 October 2000'."""
    year, month, day = parse(text)
    if day:
        return f"{day} {MONTHS[month - 1]} {year}"  # type: ignore[index]
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)


def year(text: str) -> int:
    return parse(text)[0]
