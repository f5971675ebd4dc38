"""Inline values: `{{dataset:record.field|format}}` in the prose becomes text drawn from the data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from build_scripts import dates
from build_scripts.datasets import Datasets
from build_scripts.errors import did_you_mean
from build_scripts.schema import MODELS

INLINE = re.compile(r"\{\{\s*([a-z]+):([A-Za-z0-9-]+)(?:\.([a-z_]+))?(?:\|([a-z]+))?\s*\}\}")
FORMATS = ("year", "plain")
DATE_FIELDS = {"founded", "dissolved", "date", "from", "to", "year", "issued"}


@dataclass(frozen=True)
class Inline:
    """One parsed `{{…}}` construct."""

    dataset: str
    record: str
    field: str | None
    format: str | None
    text: str  # the construct as written


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


UNIT_FORMATS = {
    "percent": "{} per cent",
    "percent-of-gdp": "{} per cent of GDP",
    "usd-billion": "US${} billion",
    "usd-trillion": "US${} trillion",
    "million-people": "{} million",
    "people": "{}",
    "count": "{}",
    "times": "{} times",
    "year": "{}",
}


def format_quantity(record: Any) -> str:
    """A claim or observation as prose: '167 million', 'US$15 billion', '6–7 times'."""
    number = format_number(record.value)
    if getattr(record, "value_high", None) is not None:
        number = f"{number}–{format_number(record.value_high)}"
    if record.unit == "year":
        number = number.replace(",", "")
    text = UNIT_FORMATS[record.unit].format(number)
    return f"about {text}" if getattr(record, "approximate", False) else text


def field_name(name: str) -> str:
    return "from_" if name == "from" else name


def published_name(attr: str) -> str:
    """The field name as the prose writes it (the inverse of `field_name`)."""
    return "from" if attr == "from_" else attr


def resolve(data: Datasets, inline: Inline) -> tuple[str, Any]:
    """The text an inline construct stands for, and the record it comes from; ValueError if unknown."""
    if inline.dataset not in data.items:
        raise ValueError(f"unknown dataset '{inline.dataset}' in {inline.text}"
                         f"{did_you_mean(inline.dataset, MODELS)}")
    records = data[inline.dataset].by_id()
    if inline.record not in records:
        raise ValueError(f"unknown record '{inline.record}' in dataset '{inline.dataset}' ({inline.text})"
                         f"{did_you_mean(inline.record, records)}")
    record = records[inline.record]
    if inline.format and inline.format not in FORMATS:
        raise ValueError(f"unknown format '{inline.format}' in {inline.text} (known: {', '.join(FORMATS)})")
    if inline.field is None:
        if not hasattr(record, "unit"):
            raise ValueError(f"{inline.text} needs a field: records of '{inline.dataset}' have no value and unit")
        return format_quantity(record), record
    attr = field_name(inline.field)
    if attr not in type(record).model_fields:
        known = [published_name(name) for name in type(record).model_fields]
        raise ValueError(f"unknown field '{inline.field}' in {inline.text}{did_you_mean(inline.field, known)}")
    value = getattr(record, attr)
    if value is None:
        raise ValueError(f"{inline.text} is empty in the data")
    if inline.field in DATE_FIELDS and isinstance(value, str):
        return (str(dates.year(value)) if inline.format == "year" else dates.display(value)), record
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value), record
    return str(value), record


def parse(match: re.Match[str]) -> Inline:
    return Inline(match.group(1), match.group(2), match.group(3), match.group(4), match.group(0))
