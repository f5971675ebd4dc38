"""Vega-Lite pieces that several figures share."""

from __future__ import annotations

from typing import Any


def lit_when_hovered(*selections: str) -> dict[str, Any]:
    """A predicate for marks that are lit while nothing is hovered, else only those the hover picks.

    An empty selection matches everything, so `a | b` alone would light every mark as soon as one of
    the two is empty; this asks for a real match in either, or for both to be empty.
    """
    return {"test": {"or": [*({"param": s, "empty": False} for s in selections),
                            {"and": [{"param": s, "empty": True} for s in selections]}]}}
