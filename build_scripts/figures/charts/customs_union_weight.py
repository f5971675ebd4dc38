"""The Customs Union's size on paper, and how much of it is Russia.

Three headline totals as text, a waffle of the union's joint economic potential (Russia's
approximate share against the rest, which the chapter does not split), and Kyrgyzstan's GDP
beside Russia's. Every value is the chapter's own.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from build_scripts.data.datasets import Datasets
from build_scripts.data.quantities import format_number, format_quantity
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

SIZE_CLAIMS = [("ecu-population", "people"), ("ecu-gdp", "combined GDP"), ("ecu-goods-turnover", "trade in goods")]
WHOLE = 100  # a share of the whole, in per cent
WAFFLE_ROWS = 5  # the waffle's 100 squares, 5 high and 20 wide
CELL = WIDTH / (WHOLE / WAFFLE_ROWS)
REST = "Belarus and Kazakhstan together"


def build_rows(data: Datasets) -> list[dict[str, Any]]:
    claims = data["claims"].by_id()
    rows: list[dict[str, Any]] = []
    for order, (cid, label) in enumerate(SIZE_CLAIMS):
        c = claims[cid]
        rows.append({"panel": "size", "order": order, "item": label, "value": c.value, "unit": c.unit,
                     "shown": format_quantity(c), "start": None, "end": None, "basis": "chapter",
                     "note": c.measures, "source": c.source, "claim": cid})
    share = claims["ecu-russia-share"]
    about = "about " if share.approximate else ""
    rest_note = "Remainder (100 minus Russia's share); the chapter does not split it between the two"
    for order, (item, start, end, basis, note) in enumerate([
        ("Russia", 0, share.value, "chapter", share.measures),
        (REST, share.value, WHOLE, "chapter (remainder)", rest_note),
    ]):
        rows.append({"panel": "share", "order": order, "item": item, "value": end - start, "unit": share.unit,
                     "shown": f"{about}{format_number(end - start)}%", "start": start, "end": end, "basis": basis,
                     "note": note, "source": share.source, "claim": share.id})
    kyrgyz = claims["kyrgyz-gdp-vs-russia"]
    rows.append({"panel": "kyrgyz", "order": 0, "item": "Russia", "value": WHOLE, "unit": kyrgyz.unit,
                 "shown": "100% (the yardstick)", "start": 0, "end": WHOLE, "basis": "chapter (reference)",
                 "note": "Russia's GDP taken as 100", "source": kyrgyz.source, "claim": kyrgyz.id})
    rows.append({"panel": "kyrgyz", "order": 1, "item": "Kyrgyzstan", "value": kyrgyz.value, "unit": kyrgyz.unit,
                 "shown": f"under {format_number(kyrgyz.value)}% of Russia's", "start": 0, "end": kyrgyz.value,
                 "basis": "chapter (upper bound)", "note": kyrgyz.measures, "source": kyrgyz.source,
                 "claim": kyrgyz.id})
    return rows


def describe(rows: list[dict[str, Any]]) -> str:
    size = {r["claim"]: r["shown"] for r in rows if r["panel"] == "size"}
    russia, rest = (next(r for r in rows if r["panel"] == "share" and r["item"] == name) for name in ("Russia", REST))
    kyrgyz = next(r for r in rows if r["panel"] == "kyrgyz" and r["item"] == "Kyrgyzstan")
    return (
        f"The union adds up to {size['ecu-population']} people, a GDP of {size['ecu-gdp']} and "
        f"{size['ecu-goods-turnover']} of trade in goods. Of its joint economic potential, Russia fills "
        f"{format_number(russia['value'])} of the 100 squares ({russia['shown']}, the chapter's approximate share) "
        f"and Belarus and Kazakhstan together only the last {format_number(rest['value'])}. "
        f"Kyrgyzstan's economy, drawn against Russia's, is a sliver: {kyrgyz['shown']}."
    )


def panel_title(text: str) -> alt.TitleParams:
    return alt.TitleParams(text, fontSize=13, fontWeight="bold", anchor="start", offset=6)


@figure(
    "customs-union-weight",
    title="A large union with one dominant member",
    caption="Top: the Customs Union's combined population, GDP and trade in goods. Middle: its joint economic "
    "potential as 100 squares; the chapter puts Russia's part at roughly nine tenths, an approximate figure, and "
    "gives no split of the rest between Belarus and Kazakhstan. Bottom: Kyrgyzstan's GDP, which the chapter "
    "puts below half of one per cent of Russia's, drawn at that upper bound. All values from the chapter.",
)
def build(data: Datasets) -> Figure:
    rows = build_rows(data)
    source = alt.Data(name="rows")
    hover = alt.selection_point(name="part", fields=["item"], on="pointerover", clear="pointerout")
    tips = [alt.Tooltip("item:N", title="Part"), alt.Tooltip("shown:N", title="Value"),
            alt.Tooltip("basis:N", title="Basis"), alt.Tooltip("note:N", title="Note")]

    size_base = alt.Chart(source).transform_filter(alt.datum.panel == "size")
    size_y = alt.Y("order:O", axis=None, title=None)
    size_value = size_base.mark_text(align="right", baseline="middle", fontSize=16, fontWeight="bold",
                                     x=150).encode(y=size_y, text="shown:N", tooltip=tips)
    size_label = size_base.mark_text(align="left", baseline="middle", fontSize=13, x=160,
                                     color=colour("muted")).encode(y=size_y, text="item:N", tooltip=tips)
    size = alt.layer(size_value, size_label).properties(
        width=WIDTH, height=len(SIZE_CLAIMS) * 24, title=panel_title("The union on paper"))

    colours = alt.Scale(domain=["Russia", REST], range=[colour("russia"), colour("neutral")])
    cells = (
        alt.Chart(source).transform_filter(alt.datum.panel == "share")
        .transform_calculate(cell="sequence(datum.start, datum.end)").transform_flatten(["cell"])
        .transform_calculate(col=f"floor(datum.cell / {WAFFLE_ROWS})", row=f"datum.cell % {WAFFLE_ROWS}")
    )
    waffle = cells.mark_square(size=(CELL - 3) ** 2, stroke=colour("paper"), strokeWidth=1).encode(
        x=alt.X("col:O", axis=None, title=None), y=alt.Y("row:O", axis=None, title=None),
        color=alt.Color("item:N", scale=colours, legend=None),
        opacity=alt.condition(hover, alt.value(1), alt.value(0.45)),
        tooltip=tips,
    ).add_params(hover).properties(width=WIDTH, height=CELL * WAFFLE_ROWS,
                                   title=panel_title("Shares of the union's joint economic potential"))
    share_text = alt.Chart(source).transform_filter(alt.datum.panel == "share").transform_calculate(
        label="datum.item + ': ' + datum.shown")
    share_labels = alt.layer(*[
        share_text.transform_filter(alt.datum.order == order).mark_text(
            align=align, baseline="top", x=x, y=y, fontSize=13, fontWeight="bold", color=ink,
        ).encode(text="label:N", tooltip=tips)
        for order, align, x, y, ink in [(0, "left", 0, 0, colour("russia")), (1, "right", WIDTH, 18, colour("ink"))]
    ]).properties(width=WIDTH, height=34)

    kyrgyz_base = alt.Chart(source).transform_filter(alt.datum.panel == "kyrgyz").transform_calculate(
        label="datum.item == 'Russia' ? \"Russia's GDP = 100\" : 'Kyrgyzstan: ' + datum.shown")
    ky_y = alt.Y("order:O", axis=None, title=None)
    ky_scale = alt.Scale(domain=[0, WHOLE])
    ky_bars = kyrgyz_base.mark_bar(height=20).encode(
        x=alt.X("start:Q", scale=ky_scale, title="GDP, with Russia's as 100",
                axis=alt.Axis(values=[0, 25, 50, 75, 100], grid=False)),
        x2="end:Q", y=ky_y,
        color=alt.condition(alt.datum.item == "Russia", alt.value(colour("russia")), alt.value(colour("highlight"))),
        tooltip=tips,
    )
    ky_text = kyrgyz_base.mark_text(align="left", baseline="middle", dx=6, fontSize=13).encode(
        x=alt.X("start:Q", scale=ky_scale), y=ky_y, text="label:N", tooltip=tips,
        color=alt.condition(alt.datum.item == "Russia", alt.value(colour("paper")), alt.value(colour("ink"))),
    )
    kyrgyz = alt.layer(ky_bars, ky_text).properties(width=WIDTH, height=56,
                                                   title=panel_title("Kyrgyzstan's GDP beside Russia's"))

    chart = alt.vconcat(size, alt.vconcat(waffle, share_labels, spacing=4), kyrgyz, spacing=22)
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("panel", "Panel"), Column("item", "Item"), Column("value", "Value"), Column("unit", "Unit"),
                 Column("shown", "As shown"), Column("basis", "Basis"), Column("note", "Note"),
                 Column("claim", "Claim id"), Column("source", "Source")],
        description=describe(rows),
        sources=sorted({r["source"] for r in rows}),
    )
