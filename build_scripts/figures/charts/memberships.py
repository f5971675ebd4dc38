"""Russia's overlapping institutional memberships: the chapter's lost Figure X.1, rebuilt from data.

Full members of six organisations on 1 July of a chosen year (1991–2025); the static render shows
1 July 2014, the chapter's moment. Customs Union members are set in bold, as in the chapter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt

from build_scripts.data import dates, queries
from build_scripts.data.datasets import Datasets
from build_scripts.figures.helpers import lit_when_hovered
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

# Each column follows one line of institutions through time (predecessor -> successor).
COLUMNS: list[tuple[str, list[str]]] = [
    ("CIS", ["cis"]),
    ("CSTO", ["cst", "csto"]),
    ("EurAsEC", ["eurasec"]),
    ("Customs Union", ["ecu", "eeu"]),
    ("SCO", ["shanghai-five", "sco"]),
    ("BRICS", ["brics"]),
]
CUSTOMS_UNION = ("ecu", "eeu")
NUMBER_WORDS = ["none", "one", "two", "three", "four", "five", "six"]
FROZEN = "frozen"  # a full member whose participation is frozen (drawn as a ring)
DEFAULT_YEAR = queries.CHAPTER_DAY.year
YEARS = range(queries.FIRST_YEAR, queries.LAST_YEAR + 1)
ROW_STEP = 21
MATRIX_WIDTH = WIDTH - 96
HEADER_HEIGHT = 92


def rows_for_year(data: Datasets, year: int) -> list[dict[str, Any]]:
    day = dt.date(year, *queries.YEAR_DAY)
    orgs = data["organisations"].by_id()
    countries = data["countries"].by_id()
    rows = []
    for column, lineage in COLUMNS:
        for org_id in lineage:
            for m in queries.full_members_on(data, org_id, day):
                rows.append({
                    "year": year,
                    "column": column,
                    "organisation": orgs[org_id].name,
                    "abbr": orgs[org_id].abbr,
                    "country": m.country,
                    "country_name": countries[m.country].name,
                    "status": m.status,
                    "from": m.from_,
                    "to": m.to or "",
                    "source": m.source,
                })
    in_union = {r["country"] for r in rows if any(r["abbr"] == orgs[o].abbr for o in CUSTOMS_UNION)}
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["country"]] = counts.get(r["country"], 0) + 1
    for r in rows:
        r["customs_union"] = r["country"] in in_union
        r["memberships"] = counts[r["country"]]
    return sorted(rows, key=lambda r: (-r["memberships"], r["country_name"], r["column"]))


def describe(rows: list[dict[str, Any]], year: int) -> str:
    by_country: dict[str, list[str]] = {}
    for r in rows:
        by_country.setdefault(r["country_name"], []).append(r["abbr"])
    russia = by_country.get("Russia", [])
    most = max(len(v) for v in by_country.values()) if by_country else 0
    leaders = sorted(c for c, v in by_country.items() if len(v) == most)
    union = sorted({r["country_name"] for r in rows if r["customs_union"]})
    single = sorted(c for c, v in by_country.items() if len(v) == 1)
    parts = [
        f"A grid of {len(by_country)} countries against six organisations: a dot marks full membership on "
        f"1 July {year}.",
        f"Russia belongs to {'all' if len(russia) == len(COLUMNS) else NUMBER_WORDS[len(russia)]} of the six "
        f"({', '.join(russia)}), more than any other country"
        if leaders == ["Russia"] else
        f"The most memberships ({most}) are held by {', '.join(leaders)}",
    ]
    parts[-1] += "."
    if union:
        parts.append(f"Customs Union members, in bold: {', '.join(union)}.")
    if single:
        parts.append(f"Countries in only one of the six: {', '.join(single)}.")
    frozen = sorted(f"{r['country_name']} in the {r['abbr']}" for r in rows if r["status"] == FROZEN)
    if frozen:
        parts.append(f"A ring marks a member that has frozen its participation but not left: {', '.join(frozen)}.")
    return " ".join(parts)


@figure(
    "memberships",
    title="Russia's overlapping institutional memberships",
    caption="Full members of six organisations on 1 July of the chosen year; Customs Union members in bold; a ring "
    "marks a member that has frozen its participation without leaving. "
    "The chapter's own Figure X.1 showed mid-2014; move the year to see how the pattern formed and what came after.",
)
def build(data: Datasets) -> Figure:
    rows = [r for year in YEARS for r in rows_for_year(data, year)]
    most_rows = max(len({r["country"] for r in rows if r["year"] == y}) for y in YEARS)
    height = most_rows * ROW_STEP
    year = alt.param(name="year", value=DEFAULT_YEAR)  # driven by the page's own range control
    pick = alt.selection_point(name="pick", fields=["country"], on="pointerover", clear="pointerout")
    pick_org = alt.selection_point(name="pickorg", fields=["column"], on="pointerover", clear="pointerout")
    active = lit_when_hovered("pick", "pickorg")
    base = alt.Chart(alt.Data(name="rows")).transform_filter(alt.datum.year == year)  # Figure.rows
    y = alt.Y("country_name:N", sort=alt.EncodingSortField(field="memberships", op="max", order="descending"),
              axis=None, title=None)
    names = [c for c, _ in COLUMNS]
    x = alt.X("column:N", sort=names, axis=None, title=None, scale=alt.Scale(domain=names, type="band"))
    x_mid = alt.X("column:N", sort=names, axis=None, title=None, bandPosition=0.5,
                  scale=alt.Scale(domain=names, type="band"))
    hit = {"fill": colour("paper"), "fillOpacity": 0.001}  # invisible, but takes the pointer

    def label_layer(bold: bool) -> alt.Chart:
        return base.transform_filter(alt.datum.customs_union == bold).mark_text(
            align="right", baseline="middle", x=86, fontSize=12, fontWeight="bold" if bold else "normal",
        ).encode(y=y, text="country_name:N",
                 color=alt.condition(pick, alt.value(colour("highlight")), alt.value(colour("ink")), empty=False))

    label_hit = base.mark_rect(**hit).encode(
        y=y, tooltip=[alt.Tooltip("country_name:N", title="Country"),
                      alt.Tooltip("memberships:Q", title="Memberships shown")],
    ).add_params(pick)
    labels = alt.layer(label_hit, label_layer(False), label_layer(True)).properties(width=90, height=height)

    heads = alt.Chart(alt.Data(values=[{"column": c} for c, _ in COLUMNS]))
    head_text = heads.mark_text(align="left", baseline="middle", angle=270, fontSize=12).encode(
        x=x_mid, y=alt.value(HEADER_HEIGHT - 4), text="column:N",
        color=alt.condition(pick_org, alt.value(colour("highlight")), alt.value(colour("ink")), empty=False))
    head_hit = heads.mark_rect(**hit).encode(x=x, tooltip=alt.Tooltip("column:N", title="Organisation")
                                             ).add_params(pick_org)
    header = alt.layer(head_hit, head_text).properties(width=MATRIX_WIDTH, height=HEADER_HEIGHT)

    grid = base.mark_rule(strokeWidth=1).encode(y=y, color=alt.value(colour("grid")))
    tooltip = [
        alt.Tooltip("country_name:N", title="Country"),
        alt.Tooltip("organisation:N", title="Organisation"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("from:N", title="Since"),
        alt.Tooltip("to:N", title="Until"),
        alt.Tooltip("source:N", title="Source"),
    ]
    lit = alt.condition(active, alt.value(colour("russia")), alt.value(colour("neutral")))
    dots = base.transform_filter(alt.datum.status != FROZEN).mark_circle(
        size=150, stroke=colour("paper"), strokeWidth=1).encode(x=x_mid, y=y, color=lit, tooltip=tooltip)
    # a member that has frozen its participation without leaving: a ring, still in its column
    rings = base.transform_filter(alt.datum.status == FROZEN).mark_point(
        shape="circle", size=110, filled=False, strokeWidth=2.5).encode(x=x_mid, y=y, color=lit, tooltip=tooltip)
    matrix = alt.layer(grid, dots, rings).properties(width=MATRIX_WIDTH, height=height)
    title = (
        alt.Chart(alt.Data(values=[{}]))
        .transform_calculate(label="'Full members on 1 July ' + year + (year > 2015 ? ' (after the chapter)' : '')")
        .mark_text(align="left", baseline="top", fontSize=13, fontWeight="bold", x=0, y=0)
        .encode(text="label:N",
                color=alt.condition("year > 2015", alt.value(colour("highlight")), alt.value(colour("ink"))))
        .properties(width=WIDTH, height=18)
    )
    corner = alt.Chart(alt.Data(values=[{}])).mark_text().properties(width=90, height=HEADER_HEIGHT)
    chart = alt.vconcat(
        title,
        alt.hconcat(corner, header, spacing=6),
        alt.hconcat(labels, matrix, spacing=6),
        spacing=4,
    ).add_params(year)
    default = [r for r in rows if r["year"] == DEFAULT_YEAR]
    return Figure(
        chart=chart,
        rows=rows,
        table=default,
        columns=[Column("year", "Year (1 July)"), Column("country_name", "Country"), Column("abbr", "Organisation"),
                 Column("status", "Status"), Column("from", "Since"), Column("to", "Until"),
                 Column("customs_union", "Customs Union member"), Column("source", "Source")],
        description=describe(default, DEFAULT_YEAR),
        sources=sorted({r["source"] for r in rows}),
        state=dates.display(queries.CHAPTER_DAY.isoformat()),
        params={"year": {"default": DEFAULT_YEAR, "min": queries.FIRST_YEAR, "max": queries.LAST_YEAR,
                         "label": "Year", "state": "1 July {}"}},
        states={y: describe(rows_for_year(data, y), y) for y in YEARS},
    )
