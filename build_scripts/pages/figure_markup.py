"""The HTML of a placed figure: static chart, caption, source, description, table, downloads
(templates/fragments/figure.html and the fragments it includes)."""

from __future__ import annotations

import json
from typing import Any

from build_scripts import templating
from build_scripts.cite import references
from build_scripts.data.datasets import Datasets
from build_scripts.figures.render import Rendered
from build_scripts.pages.context import PAGE, View

MAX_NAMED_SOURCES = 4  # beyond this, the data table names each row's source instead
DOWNLOADS = (("CSV", "data.csv"), ("JSON", "data.json"), ("SVG", "chart.svg"), ("PNG", "chart.png"),
             ("slide with citation (PNG)", "slide.png"), ("Vega-Lite spec", "spec.vl.json"))




def cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def table_rows(rendered: Rendered, data: Datasets) -> list[list[dict[str, str]]]:
    """The table's cells: each a text, and for a source its id, to link its reference."""
    fig = rendered.figure
    sources = data["sources"].by_id()
    rows = []
    for row in fig.table if fig.table is not None else fig.rows:
        cells = []
        for column in fig.columns:
            value = row.get(column.key)
            if column.key == "source" and value in sources:  # name the source and link to its reference
                cells.append({"text": references.short_label(sources[value], sources.values()), "source": value})
            else:
                cells.append({"text": cell(value), "source": ""})
        rows.append(cells)
    return rows


def controls(rendered: Rendered, view: View) -> list[dict[str, Any]]:
    """Range controls for the figure's params; disabled until the live chart takes them over."""
    return [{"id": f"{view.ids}fig-{rendered.id}-{name}", "name": name, "label": spec.get("label", name.capitalize()),
             "min": spec["min"], "max": spec["max"], "default": spec["default"]}
            for name, spec in rendered.figure.params.items()]


def embed_snippet(rendered: Rendered, number: str, site_url: str) -> str:
    return templating.render("fragments/embed-snippet.html", url=f"{site_url}figures/{rendered.id}/embed.html",
                             title=f"Figure {number}: {rendered.definition.title}",
                             height=int(rendered.height) + 360)


def figure_html(rendered: Rendered, number: str, data: Datasets, prefix: str, site_url: str,
                first_screen: bool = False, view: View = PAGE) -> str:
    """`first_screen`: the figure shows as the page opens, so its image is not left to load lazily."""
    sources = data["sources"].by_id()
    fig = rendered.figure
    return templating.render(
        "fragments/figure.html", view=view, fid=rendered.id, fig=fig, number=number, prefix=prefix,
        base=f"{prefix}figures/{rendered.id}/", title=rendered.definition.title, caption=rendered.definition.caption,
        width=rendered.width, height=rendered.height, first_screen=first_screen,
        params_json=json.dumps(fig.params) if fig.params else "", controls=controls(rendered, view),
        sources=[{"id": sid, "short": references.short_label(sources[sid], sources.values()),
                  "full": references.full_reference(sources[sid], sources.values())} for sid in fig.sources],
        max_named_sources=MAX_NAMED_SOURCES, columns=fig.columns, rows=table_rows(rendered, data),
        downloads=DOWNLOADS, snippet=embed_snippet(rendered, number, site_url))  # shown as text


def ebook_figure_html(rendered: Rendered, number: str, data: Datasets, prefix: str) -> str:
    """A figure in the EPUB: its PNG, caption, source, description and data table; nothing interactive."""
    sources = data["sources"].by_id()
    return templating.render(
        "fragments/epub-figure.html", fid=rendered.id, fig=rendered.figure, number=number, prefix=prefix,
        title=rendered.definition.title, caption=rendered.definition.caption, columns=rendered.figure.columns,
        sources=[{"id": sid, "short": references.short_label(sources[sid], sources.values())}
                 for sid in rendered.figure.sources],
        rows=table_rows(rendered, data))
