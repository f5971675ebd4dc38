"""Labour and money: what ties Tajikistan, Kyrgyzstan and Armenia to Russia and its Customs Union.

Top: the chapter's share of Russia's migrant labour force supplied by Tajikistan and Kyrgyzstan,
as 100 squares. Bottom: remittances as a share of GDP from outside sources; the main series is the
World Bank's estimates as reported at the time, with the EBRD's 2013 release of the 2012 figures
drawn beside it as hollow diamonds.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from build_scripts.cite import references
from build_scripts.data import dates
from build_scripts.data.datasets import Datasets
from build_scripts.data.quantities import format_number
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

SHARE_CLAIM = "tajik-kyrgyz-migrant-share"
MAIN, OTHER = "remittances-gdp", "remittances-gdp-ebrd"
RELEASES = {MAIN: "World Bank estimate, as reported", OTHER: "EBRD Transition Report 2013 (World Bank data)"}
COUNTRIES = ["TJK", "KGZ", "ARM"]
COUNTRY_COLOURS = ["economic", "highlight", "political"]
WAFFLE_COLUMNS, WAFFLE_ROWS, CELL = 20, 5, 14  # 100 squares, one per percentage point
LINE_HEIGHT = 190
LABEL_ROOM = 74  # right of the last year, for the country names
PLOT_WIDTH = WIDTH - LABEL_ROOM - 36


def source_name(data: Datasets, source_id: str) -> str:
    source = data["sources"].by_id()[source_id]
    if source.container_title:
        return f"{source.container_title}, {references.year(source)}"
    return references.short_label(source, data.records("sources"))


def migration_rows(data: Datasets) -> list[dict[str, Any]]:
    countries = data["countries"].by_id()
    claim = data["claims"].by_id()[SHARE_CLAIM]
    rows = [{
        "panel": "migrant-share", "what": "Share of Russia's migrant labour force", "country": "TJK+KGZ",
        "country_name": "Tajikistan and Kyrgyzstan", "year": dates.year(claim.year), "value": claim.value,
        "unit": "per cent", "release": "The chapter", "series": "chapter", "basis": "chapter",
        "measures": claim.measures, "note": claim.note or "", "source": claim.source,
        "source_name": source_name(data, claim.source),
    }]
    observations = sorted(
        (o for o in data.records("observations") if o.series in RELEASES and o.entity in COUNTRIES),
        key=lambda o: (COUNTRIES.index(o.entity), o.year, o.series),
    )
    rows += [{
        "panel": "remittances", "what": "Remittances received", "country": o.entity,
        "country_name": countries[o.entity].name, "year": dates.year(o.year), "value": o.value,
        "unit": "per cent of GDP", "release": RELEASES[o.series], "series": o.series,
        "basis": "outside source" if o.supplementary else "chapter",
        "measures": o.measures, "note": o.note or "", "source": o.source, "source_name": source_name(data, o.source),
    } for o in observations]
    return rows


def describe(rows: list[dict[str, Any]]) -> str:
    share = next(r for r in rows if r["panel"] == "migrant-share")
    main = [r for r in rows if r["series"] == MAIN]
    top = max(main, key=lambda r: r["value"])
    parts = [
        f"By the chapter's count, {share['country_name']} supplied {format_number(share['value'])} per cent of "
        f"Russia's migrant labour force in {share['year']}.",
        f"In outside estimates remittances were worth most to {top['country_name']}, peaking at "
        f"{format_number(top['value'])} per cent of GDP in {top['year']}.",
    ]
    for code in COUNTRIES:
        series = sorted((r for r in main if r["country"] == code), key=lambda r: r["year"])
        if not series or series[0]["country_name"] == top["country_name"]:
            continue
        first, last = series[0], series[-1]
        parts.append(
            f"{first['country_name']}'s share went from {format_number(first['value'])} per cent in {first['year']} "
            f"to {format_number(last['value'])} in {last['year']}." if len(series) > 1 else
            f"{first['country_name']}'s is known here only for {first['year']}: "
            f"{format_number(first['value'])} per cent."
        )
    other = [r for r in rows if r["series"] == OTHER]
    if other:
        parts.append(f"The EBRD's release gives {' and '.join(format_number(r['value']) for r in other)} per cent "
                     f"for {other[0]['year']} ({' and '.join(r['country_name'] for r in other)}).")
    return " ".join(parts)


def tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("country_name:N", title="Country"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("value:Q", title="Per cent"),
        alt.Tooltip("what:N", title="Measure"),
        alt.Tooltip("release:N", title="Figure from"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("source_name:N", title="Source"),
    ]


def waffle(share: dict[str, Any]) -> alt.Chart:
    """The chapter's percentage as 100 squares, filled column by column."""
    return (
        alt.Chart(alt.Data(values=[share]))
        .transform_calculate(cell=f"sequence(0, {WAFFLE_COLUMNS * WAFFLE_ROWS})")
        .transform_flatten(["cell"])
        .transform_calculate(col=f"floor(datum.cell / {WAFFLE_ROWS})", row=f"datum.cell % {WAFFLE_ROWS}",
                             filled="datum.cell < datum.value")
        .mark_square(size=(CELL - 3) ** 2, opacity=1)
        .encode(
            x=alt.X("col:O", axis=None, scale=alt.Scale(paddingOuter=0)),
            y=alt.Y("row:O", axis=None),
            color=alt.condition("datum.filled", alt.value(colour("muted")), alt.value(colour("grid"))),
            tooltip=tooltip(),
        )
        .properties(
            width=WAFFLE_COLUMNS * CELL, height=WAFFLE_ROWS * CELL,
            title=alt.TitleParams(
                [f"{format_number(share['value'])}% of Russia's migrant workers came from",
                 f"Tajikistan and Kyrgyzstan in {share['year']}"],
                subtitle="The chapter's figure; each square is one per cent", fontSize=13, subtitleFontSize=12,
                subtitleColor=colour("muted"), anchor="start", offset=6, frame="group",
            ),
        )
    )


def remittance_lines(rows: list[dict[str, Any]], data: Datasets) -> alt.LayerChart:
    names = [data["countries"].by_id()[c].name for c in COUNTRIES]
    pick = alt.selection_point(name="country", fields=["country_name"], on="pointerover", clear="pointerout",
                               nearest=True)
    faded = alt.condition(pick, alt.value(1), alt.value(0.25))
    years = sorted({r["year"] for r in rows})
    base = alt.Chart(alt.Data(name="rows")).encode(
        x=alt.X("year:O", title=None, scale=alt.Scale(domain=years, padding=0.4), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(domain=[0, 50], nice=True),
                axis=alt.Axis(labelExpr="datum.value + '%'", tickCount=5)),
        color=alt.Color("country_name:N", legend=None,
                        scale=alt.Scale(domain=names, range=[colour(c) for c in COUNTRY_COLOURS])),
        tooltip=tooltip(),
    )
    main = base.transform_filter(alt.datum.series == MAIN)
    lines = main.mark_line(strokeWidth=2).encode(opacity=faded)
    points = main.mark_circle(size=70, opacity=1).encode(opacity=faded).add_params(pick)
    other = base.transform_filter(alt.datum.series == OTHER).mark_point(
        shape="diamond", size=80, filled=False, strokeWidth=1.8, xOffset=12,
    ).encode(opacity=faded)
    last = main.transform_window(order="rank()", sort=[alt.SortField("year", order="descending")],
                                 groupby=["country_name"]).transform_filter(alt.datum.order == 1)
    labels = last.mark_text(align="left", baseline="middle", dx=9, fontSize=12, fontWeight="bold").encode(
        text="country_name:N", opacity=faded)
    return alt.layer(lines, points, other, labels).properties(
        width=PLOT_WIDTH, height=LINE_HEIGHT,
        title=alt.TitleParams(
            "Remittances received, per cent of GDP",
            subtitle=["Outside sources. Dots: World Bank estimates as", "reported; diamonds: EBRD's 2013 release"],
            fontSize=13, subtitleFontSize=12, subtitleColor=colour("muted"), anchor="start", offset=8, frame="group",
        ),
    )


@figure(
    "migration-remittances",
    title="Migrant labour and remittances",
    caption="Top: the chapter's share of Russia's migrant workforce that came from Tajikistan and Kyrgyzstan. "
    "Bottom: money sent home by workers abroad as a share of each economy, from outside sources (estimates "
    "published at the time, which later revisions change by several points); hover to pick out a country.",
)
def build(data: Datasets) -> Figure:
    rows = migration_rows(data)
    share = next(r for r in rows if r["panel"] == "migrant-share")
    remittances = [r for r in rows if r["panel"] == "remittances"]
    chart = alt.vconcat(waffle(share), remittance_lines(remittances, data), spacing=22)
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("what", "Measure"), Column("country_name", "Country"), Column("year", "Year"),
                 Column("value", "Value"), Column("unit", "Unit"), Column("release", "Figure from"),
                 Column("basis", "Basis"), Column("note", "Note"), Column("source", "Source")],
        description=describe(rows),
        sources=sorted({r["source"] for r in rows}),
    )
