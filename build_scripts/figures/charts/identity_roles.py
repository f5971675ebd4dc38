"""The argument as a picture: the five identity themes against the role Russia stresses in each institution.

One mark for each theme a role draws on. Solid marks are links the chapter states; hollow marks are
our reading of it. Hovering a theme or an institution picks out its row or column.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt

from build_scripts.data.datasets import Datasets
from build_scripts.data.models import SECTION_TITLES
from build_scripts.figures.helpers import lit_when_hovered
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

BASIS = {"chapter": "stated in the chapter", "our-reading": "our reading"}
LABEL_WIDTH = 124
MATRIX_WIDTH = WIDTH - LABEL_WIDTH - 6
ROW_STEP = 40
HEADER_HEIGHT = 62


def build_rows(data: Datasets) -> list[dict[str, Any]]:
    """One row per (role, theme) pair, institutions in file order, themes in their set order."""
    orgs = data["organisations"].by_id()
    themes = data["themes"].by_id()
    rows = []
    for role in data.records("roles"):
        org = orgs[role.organisation]
        # a link is the chapter's only when the chapter states the role and ties this theme to it
        links = [(t, role.basis) for t in role.themes] + [(t, "our-reading") for t in role.themes_ours]
        for theme_id, basis in sorted(links, key=lambda link: themes[link[0]].order):
            theme = themes[theme_id]
            rows.append({
                "abbr": org.abbr,
                "organisation": org.name,
                "role": role.role,
                "theme": theme.name,
                "theme_order": theme.order,
                "basis": "chapter" if basis == "chapter" else "our reading",
                "basis_label": BASIS[basis],
                "key_phrase": role.key_phrase or "",
                "section": SECTION_TITLES[role.section],
                "locator": role.locator,
                "source": role.source,
            })
    return rows


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def describe(rows: list[dict[str, Any]], institutions: list[str], theme_names: list[str]) -> str:
    per_org = {o: [r["theme"] for r in rows if r["abbr"] == o] for o in institutions}
    per_theme = {t: {r["abbr"] for r in rows if r["theme"] == t} for t in theme_names}
    names = {r["abbr"]: r["organisation"] for r in rows}
    most = max(len(v) for v in per_org.values())
    widest = [f"{o} ({names[o]})" for o, v in per_org.items() if len(v) == most]
    common = max(len(v) for v in per_theme.values())
    common_themes = [f"‘{t}’" for t, v in per_theme.items() if len(v) == common]
    unused = [f"‘{t}’" for t, v in per_theme.items() if not v]
    stated = sum(r["basis"] == "chapter" for r in rows)
    parts = [
        f"A grid of the {len(theme_names)} identity themes against {len(institutions)} institutions, with "
        f"{len(rows)} links between them.",
        f"{join(widest)} {'draws' if len(widest) == 1 else 'draw'} on the most themes ({most} of {len(theme_names)}); "
        f"{join(common_themes)} {'is' if len(common_themes) == 1 else 'are'} the most widespread, "
        f"each appearing in {common} institution{'s' if common != 1 else ''}.",
    ]
    if unused:
        parts.append(f"{join(unused)} {'is' if len(unused) == 1 else 'are'} linked to none of them.")
    if stated < len(rows):
        parts.append(f"{stated} of the {len(rows)} links are made by the chapter itself (solid dots); the other "
                     f"{len(rows) - stated} are our reading of it (hollow dots).")
    return " ".join(parts)


@figure(
    "identity-roles",
    title="Which identity themes each institution carries",
    caption="Each dot links one of the identity themes to the role Russia stresses in an institution. "
    "Solid dots are links the chapter itself makes; hollow dots are our reading of it. "
    "Hover over a theme or an institution to pick out its row or column.",
)
def build(data: Datasets) -> Figure:
    rows = build_rows(data)
    themes = sorted(data.records("themes"), key=lambda t: t.order)
    theme_names = [t.name for t in themes]
    orgs = data["organisations"].by_id()
    institutions = [orgs[r.organisation].abbr for r in data.records("roles")]
    height = ROW_STEP * len(themes)

    pick_theme = alt.selection_point(name="picktheme", fields=["theme"], on="pointerover", clear="pointerout")
    pick_org = alt.selection_point(name="pickinst", fields=["abbr"], on="pointerover", clear="pointerout")
    active = lit_when_hovered("picktheme", "pickinst")
    hit = {"fill": colour("paper"), "fillOpacity": 0.001}  # invisible, but takes the pointer
    y_scale = alt.Scale(domain=theme_names, type="band")
    y = alt.Y("theme:N", scale=y_scale, axis=None, title=None)
    y_mid = alt.Y("theme:N", scale=y_scale, axis=None, title=None, bandPosition=0.5)
    x = alt.X("abbr:N", scale=alt.Scale(domain=institutions, type="band"), axis=None, title=None)
    x_mid = alt.X("abbr:N", scale=alt.Scale(domain=institutions, type="band"), axis=None, title=None,
                  bandPosition=0.5)

    # Row labels: the themes, wrapped onto at most two lines.
    theme_rows = [{"theme": t.name, "lines": textwrap.wrap(t.name, 19), "summary": t.summary,
                   "links": sum(r["theme"] == t.name for r in rows)} for t in themes]
    labels = alt.Chart(alt.Data(values=theme_rows))
    label_hit = labels.mark_rect(**hit).encode(
        y=y, tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("summary:N", title="In short"),
                      alt.Tooltip("links:Q", title="Institutions linked")],
    ).add_params(pick_theme)
    label_text = labels.mark_text(align="right", baseline="middle", x=LABEL_WIDTH - 4, fontSize=12,
                                  lineHeight=14).encode(
        y=y_mid, text="lines:N",
        color=alt.condition(pick_theme, alt.value(colour("highlight")), alt.value(colour("ink")), empty=False))
    label_panel = alt.layer(label_hit, label_text).properties(width=LABEL_WIDTH, height=height)

    # Column heads: the institutions.
    heads = alt.Chart(alt.Data(values=[{"abbr": a, "organisation": orgs[r.organisation].name, "role": r.role}
                                       for a, r in zip(institutions, data.records("roles"), strict=True)]))
    head_hit = heads.mark_rect(**hit).encode(
        x=x, tooltip=[alt.Tooltip("organisation:N", title="Institution"), alt.Tooltip("role:N", title="Role")],
    ).add_params(pick_org)
    head_text = heads.mark_text(align="left", baseline="middle", angle=270, fontSize=12).encode(
        x=x_mid, y=alt.value(HEADER_HEIGHT - 4), text="abbr:N",
        color=alt.condition(pick_org, alt.value(colour("highlight")), alt.value(colour("ink")), empty=False))
    header = alt.layer(head_hit, head_text).properties(width=MATRIX_WIDTH, height=HEADER_HEIGHT)

    # The matrix: a faint rule per theme, a dot per link, and a note on any theme no institution carries.
    grid = labels.mark_rule(strokeWidth=1).encode(
        y=y_mid, color=alt.value(colour("grid")))
    empty = (labels.transform_filter(alt.datum.links == 0)
             .mark_text(align="center", baseline="middle", fontSize=12, fontStyle="italic", dy=-9)
             .encode(y=y_mid,
                     x=alt.value(MATRIX_WIDTH / 2), text=alt.value("no institution linked"),
                     color=alt.value(colour("muted"))))
    dots = alt.Chart(alt.Data(name="rows")).mark_circle(size=170, strokeWidth=2, opacity=1).encode(
        x=x_mid,
        y=y_mid,
        fill=alt.Fill(
            "basis_label:N", title=None,
            scale=alt.Scale(domain=list(BASIS.values()), range=[colour("russia"), colour("paper")]),
            legend=alt.Legend(orient="bottom", direction="horizontal", symbolType="circle", symbolSize=150,
                              symbolStrokeColor=colour("russia"), symbolStrokeWidth=2, offset=10),
        ),
        stroke=alt.value(colour("russia")),
        opacity=alt.condition(active, alt.value(1.0), alt.value(0.25)),
        tooltip=[
            alt.Tooltip("organisation:N", title="Institution"),
            alt.Tooltip("role:N", title="Role Russia stresses"),
            alt.Tooltip("theme:N", title="Theme"),
            alt.Tooltip("basis_label:N", title="Basis"),
            alt.Tooltip("phrase:N", title="Key phrase"),
        ],
    ).transform_calculate(phrase="datum.key_phrase ? '‘' + datum.key_phrase + '’' : '—'")
    matrix = alt.layer(grid, empty, dots).properties(width=MATRIX_WIDTH, height=height)

    spacer = alt.Chart(alt.Data(values=[{}])).mark_text().properties(width=LABEL_WIDTH, height=HEADER_HEIGHT)
    chart = alt.vconcat(
        alt.hconcat(spacer, header, spacing=6),
        alt.hconcat(label_panel, matrix, spacing=6),
        spacing=4,
    )
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("abbr", "Institution"), Column("theme", "Theme"), Column("role", "Role Russia stresses"),
                 Column("basis", "Basis"), Column("key_phrase", "Key phrase"), Column("section", "Chapter section"),
                 Column("locator", "Where in the chapter"), Column("source", "Source")],
        description=describe(rows, institutions, theme_names),
        sources=sorted({r["source"] for r in rows} | {t.source for t in themes}),
    )
