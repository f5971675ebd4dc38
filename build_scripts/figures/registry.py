"""The figure registry: each module in figures/charts/ defines one figure with the @figure decorator.

A figure is a function from validated datasets to a `Figure`: the Altair chart, the exact rows it
plots, and the words around it. No figure knows about another.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt

from build_scripts.data.datasets import Datasets
from build_scripts.figures import charts


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass
class Figure:
    """What a figure function returns."""

    chart: alt.TopLevelMixin | None  # None when the figure was read back from the render cache
    rows: list[dict[str, Any]]  # exactly the rows plotted, also the downloadable data
    columns: list[Column]  # the rows' columns, in table order, with readable labels
    description: str  # what the figure shows, in words, for every reader
    sources: list[str]  # source ids behind the rows
    state: str | None = None  # the state a static render shows, e.g. "1 July 2014"
    params: dict[str, Any] = field(default_factory=dict)  # URL-controllable params and their defaults
    table: list[dict[str, Any]] | None = None  # rows shown in the page's table when not all `rows`
    states: dict[Any, str] = field(default_factory=dict)  # description for each value of the main param


    def to_json(self) -> dict[str, Any]:
        """Everything but the chart, for the render cache."""
        return {"rows": self.rows, "columns": [[c.key, c.label] for c in self.columns],
                "description": self.description, "sources": self.sources, "state": self.state,
                "params": self.params, "table": self.table, "states": {str(k): v for k, v in self.states.items()}}

    @classmethod
    def from_json(cls, saved: dict[str, Any]) -> Figure:
        columns = [Column(key, label) for key, label in saved.pop("columns")]
        return cls(chart=None, columns=columns, **saved)


@dataclass(frozen=True)
class FigureDef:
    id: str
    title: str
    caption: str
    build: Callable[[Datasets], Figure]
    module: str


REGISTRY: dict[str, FigureDef] = {}


def figure(id: str, title: str, caption: str) -> Callable[[Callable[[Datasets], Figure]], Callable[[Datasets], Figure]]:
    """Register a figure function under `id`."""

    def register(build: Callable[[Datasets], Figure]) -> Callable[[Datasets], Figure]:
        if id in REGISTRY:
            raise ValueError(f"figure id '{id}' is defined twice ({REGISTRY[id].module}, {build.__module__})")
        REGISTRY[id] = FigureDef(id, title, caption, build, build.__module__)
        return build

    return register


def discover() -> dict[str, FigureDef]:
    """Import every figure module so that each registers itself."""
    for info in pkgutil.iter_modules(charts.__path__):
        importlib.import_module(f"{charts.__name__}.{info.name}")
    return REGISTRY
