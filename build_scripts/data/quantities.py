"""Numbers and quantities as the prose writes them: '167 million', 'US$15 billion', '6–7 times'."""

from __future__ import annotations

from typing import Any


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
