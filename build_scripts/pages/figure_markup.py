"""The HTML of a placed figure: static chart, caption, source, description, table, downloads."""

from __future__ import annotations

import html
import json
from typing import Any

from build_scripts.cite import addresses, references
from build_scripts.data.datasets import Datasets
from build_scripts.figures.render import Rendered


def cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    return html.escape(str(value))


def data_table(rendered: Rendered, data: Datasets, prefix: str) -> str:
    fig = rendered.figure
    rows = fig.table if fig.table is not None else fig.rows
    sources = data["sources"].by_id()

    def td(key: str, value: Any) -> str:
        if key == "source" and value in sources:  # name the source and link to its reference
            label = html.escape(references.short_label(sources[value]))
            return f'<td><a href="{prefix}references/#ref-{html.escape(value)}">{label}</a></td>'
        return f"<td>{cell(value)}</td>"

    head = "".join(f'<th scope="col">{html.escape(c.label)}</th>' for c in fig.columns)
    body = "".join("<tr>" + "".join(td(c.key, r.get(c.key)) for c in fig.columns) + "</tr>" for r in rows)
    shown = "" if fig.table is None else f" (shown: {html.escape(fig.state or '')}; the downloads hold every row)"
    label = f"Data of {rendered.definition.title}"
    return (f'<details class="mv-figure__data"><summary>Data table{shown}</summary>'
            f'<div class="mv-table-wrap" tabindex="0" role="region" aria-label="{html.escape(label)}">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>")


MAX_NAMED_SOURCES = 4  # beyond this, the data table names each row's source instead


def source_line(rendered: Rendered, data: Datasets, prefix: str) -> str:
    sources = data["sources"].by_id()
    ids = rendered.figure.sources
    if len(ids) > MAX_NAMED_SOURCES:
        return (f'<p class="mv-figure__source">Sources: {len(ids)} documents, each named row by row in the data '
                f'table below and listed in full in the <a href="{prefix}references/">References</a>.</p>')
    links = []
    for sid in ids:
        source = sources[sid]
        links.append(f'<a href="{prefix}references/#ref-{html.escape(sid)}" '
                     f'title="{html.escape(references.full_reference(source))}">'
                     f"{html.escape(references.short_label(source))}</a>")
    return f'<p class="mv-figure__source">Source: {"; ".join(links)}.</p>'


def controls(rendered: Rendered) -> str:
    """Range controls for the figure's params; disabled until the live chart takes them over."""
    out = []
    for name, spec in rendered.figure.params.items():
        control_id = f"fig-{rendered.id}-{name}"
        out.append(
            f'<label for="{control_id}">{html.escape(spec.get("label", name.capitalize()))}</label> '
            f'<input type="range" id="{control_id}" data-param="{html.escape(name)}" min="{spec["min"]}" '
            f'max="{spec["max"]}" step="1" value="{spec["default"]}" disabled> '
            f'<output for="{control_id}">{spec["default"]}</output>'
        )
    if not out:
        return ""
    return f'<div class="mv-figure__controls">{" ".join(out)}</div>'


def static_chart(rendered: Rendered, base: str, first_screen: bool) -> str:
    """The static chart as two images, one per palette (CSS shows the reader's; print, the light one).

    Images rather than inline SVG: the chart's hundreds of elements stay out of the page's DOM, which
    the theme's script restyles and measures several times while the page loads. The alt text is empty
    because the chart box around the images names and describes the figure. Below the first screen
    the light image waits until it nears the viewport; the dark one always waits, so that only the
    palette in use is fetched (a hidden lazy image is never loaded). A first-screen image is fetched
    early and first: it is the largest thing the reader sees as the page opens.
    """
    size = f'width="{rendered.width:g}" height="{rendered.height:g}"'
    light_loading = 'loading="eager" fetchpriority="high"' if first_screen else 'loading="lazy"'
    return (f'<img class="mv-chart__img mv-chart__img--light" src="{base}chart.svg" alt="" {size} '
            f'{light_loading} decoding="async">'
            f'<img class="mv-chart__img mv-chart__img--dark" src="{base}chart-dark.svg" alt="" {size} '
            f'loading="lazy" decoding="async">')


def figure_html(rendered: Rendered, number: str, data: Datasets, prefix: str, first_screen: bool = False) -> str:
    """`first_screen`: the figure shows as the page opens, so its image is not left to load lazily."""
    fid = rendered.id
    base = f"{prefix}figures/{fid}/"
    title = html.escape(rendered.definition.title)
    fig = rendered.figure
    state = f' <span class="mv-figure__state">Shown: {html.escape(fig.state)}.</span>' if fig.state else ""
    attrs = {
        "class": "mv-figure",
        "id": f"fig-{fid}",
        "data-figure": fid,
        "data-spec": f"{base}spec.vg.json",
        "data-params": json.dumps(fig.params) if fig.params else None,
        "data-states": f"{base}states.json" if fig.states else None,
        "data-number": number,
        "data-first-screen": "" if first_screen else None,  # the page's fold comes after it (pages.with_fold)
    }
    attr_text = " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items() if v is not None)
    downloads = " · ".join(
        f'<a href="{base}{file}" download>{label}</a>'
        for label, file in (("CSV", "data.csv"), ("JSON", "data.json"), ("SVG", "chart.svg"), ("PNG", "chart.png"),
                            ("slide with citation (PNG)", "slide.png"), ("Vega-Lite spec", "spec.vl.json"))
    )
    embed_url = f"{addresses.site_url()}figures/{fid}/embed.html"
    snippet = (f'<iframe src="{embed_url}" title="Figure {number}: {rendered.definition.title}" width="100%" '
               f'height="{int(rendered.height) + 360}" style="border:0" loading="lazy"></iframe>')
    embed = (f'<details class="mv-figure__embed"><summary>Embed this figure</summary><p>A page holding only this '
             f'figure, for a course platform: <a href="{base}embed.html">open it</a>, or copy this snippet:</p>'
             # a plain <pre>, not <pre><code>: the theme's script gives every code block a component of
             # its own (measured at load), which a one-line snippet does not need
             f'<pre class="mv-figure__snippet">{html.escape(snippet)}</pre></details>')
    width, height = rendered.width, rendered.height
    return (
        f"<figure {attr_text}>"
        # a tab stop: focusing the chart brings it alive, and the live chart reads its points by keyboard
        f'<div class="mv-chart" style="max-width:{width:g}px;aspect-ratio:{width:g}/{height:g}" tabindex="0" '
        f'role="img" aria-label="Figure {number}: {title}" aria-describedby="fig-{fid}-desc">'
        f"{static_chart(rendered, base, first_screen)}</div>"
        f"{controls(rendered)}"
        f'<figcaption><a class="mv-figure__number" href="#fig-{fid}">Figure {number}</a> '
        f'<span class="mv-figure__title">{title}.</span> {html.escape(rendered.definition.caption)}{state}</figcaption>'
        f"{source_line(rendered, data, prefix)}"
        f'<p class="mv-figure__desc" id="fig-{fid}-desc" aria-live="polite">{html.escape(fig.description)}</p>'
        f"{data_table(rendered, data, prefix)}"
        f'<p class="mv-figure__downloads">Download: {downloads}</p>'
        f"{embed}"
        "</figure>"
    )
