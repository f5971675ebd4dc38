"""The security field: the forces and exercises the chapter sets side by side, in personnel.

One bar per figure found: the chapter's own numbers solid, outside sources pale. Where reports
disagree (Zapad 2013) both are drawn. The chapter's "6 or 7 times" for NATO's 2015 exercise is
turned into personnel by applying it to the outside figure for the 2013 exercise.
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

CHAPTER = "chatterje-doody-2015"
RUSSIA_SIDE, NATO_SIDE = "CSTO, Russia and Belarus", "NATO"
CSTO_FORCE = "CSTO rapid reaction force"
ZAPAD, JAZZ, TRIDENT = "Zapad 2013 (Russia and Belarus)", "Steadfast Jazz 2013 (NATO)", "Trident Juncture 2015 (NATO)"
GROUPS = [CSTO_FORCE, ZAPAD, JAZZ, TRIDENT]
# observation id -> (group, side, row label)
EXERCISES = {
    "zapad-2013-troops-announced": (ZAPAD, RUSSIA_SIDE, "Announced"),
    "zapad-2013-troops-belarus-report": (ZAPAD, RUSSIA_SIDE, "Reported later"),
    "steadfast-jazz-2013-troops": (JAZZ, NATO_SIDE, "NATO, 2013"),
    "trident-juncture-2015-troops": (TRIDENT, NATO_SIDE, "NATO, 2015"),
}
BASE_EXERCISE = "steadfast-jazz-2013-troops"  # what the chapter's "times larger" is measured against
SIDES = alt.Scale(domain=[RUSSIA_SIDE, NATO_SIDE], range=[colour("security"), colour("political")])
PALE = 0.3  # fill opacity of outside-source bars
LABEL_WIDTH = 96
PLOT_WIDTH = WIDTH - LABEL_WIDTH - 14
STEP = 22
LEFT = 6 - LABEL_WIDTH  # the key starts at the chart's left edge, left of the bars' origin


def source_name(data: Datasets, source_id: str) -> str:
    source = data["sources"].by_id()[source_id]
    if source.container_title:
        return f"{source.container_title}, {references.year(source)}"
    return references.short_label(source, data.records("sources"))


def row(data: Datasets, group: str, side: str, label: str, record: Any, basis: str,
        low: float = 0, high: float | None = None) -> dict[str, Any]:
    """One bar: from zero to a record's value, or from `low` to `high` for a range."""
    high = record.value if high is None else high
    return {
        "group": group, "side": side, "label": label,
        "year": str(record.year) if record.year else "",
        "start": low, "high": high,
        "personnel": low or high, "personnel_high": high if low else None,
        "figure": f"{format_number(low)}–{format_number(high)}" if low else format_number(high),
        "basis": basis, "style": "chapter" if basis.startswith("chapter") else "outside source",
        "measures": record.measures, "note": record.note or "",
        "source": record.source, "source_name": source_name(data, record.source),
    }


def ratio_row(data: Datasets) -> dict[str, Any]:
    """The chapter's "times larger" for NATO's 2015 exercise, in personnel of the 2013 one."""
    scale = data["claims"].by_id()["nato-2015-exercise-scale"]
    base = data["observations"].by_id()[BASE_EXERCISE]
    times = list(dict.fromkeys([scale.value, scale.value_high or scale.value]))
    result = row(data, TRIDENT, NATO_SIDE, f"Chapter: {'–'.join(format_number(t) for t in times)}×", scale,
                 "chapter ratio × outside 2013 figure", low=times[0] * base.value, high=times[-1] * base.value)
    result["note"] = (f"The chapter's ratio applied to the {format_number(base.value)} personnel of "
                      f"Steadfast Jazz 2013 ({source_name(data, base.source)}).")
    return result


def security_rows(data: Datasets) -> list[dict[str, Any]]:
    observations = data["observations"].by_id()
    published = dates.year(data["sources"].by_id()[CHAPTER].issued)
    rows = [row(data, CSTO_FORCE, RUSSIA_SIDE, "Chapter", data["claims"].by_id()["csto-rapid-reaction-force"],
                "chapter")]
    sizes = sorted((o for o in observations.values() if o.series == "force-size" and o.entity == "csto"
                    and dates.year(o.year) <= published), key=lambda o: o.year)
    rows += [row(data, CSTO_FORCE, RUSSIA_SIDE, f"Outside, {o.year}", o, "outside source") for o in sizes]
    for oid, (group, side, label) in EXERCISES.items():
        if group == TRIDENT:
            rows.append(ratio_row(data))
        rows.append(row(data, group, side, label, observations[oid], "outside source"))
    return rows


def describe(rows: list[dict[str, Any]]) -> str:
    def values(group: str, basis: str = "outside source") -> list[float]:
        return sorted(r["high"] for r in rows if r["group"] == group and r["basis"] == basis)

    chapter_force = next(r for r in rows if r["group"] == CSTO_FORCE and r["basis"] == "chapter")
    ratio = next(r for r in rows if r["group"] == TRIDENT and r["basis"] != "outside source")
    trident = values(TRIDENT)[-1]
    largest = max((r for r in rows if r["basis"] == "outside source"), key=lambda r: r["high"])
    where = ("below" if trident < ratio["start"] else "at the lower end of" if trident == ratio["start"]
             else "within" if trident <= ratio["high"] else "above")
    force = values(CSTO_FORCE)
    zapad = values(ZAPAD)
    return (
        f"The chapter puts the CSTO rapid reaction force at {chapter_force['figure']}, while outside sources give "
        f"{format_number(force[0])} to {format_number(force[-1])}. Zapad 2013 was announced at "
        f"{format_number(zapad[0])} and later reported at {format_number(zapad[-1])}, so both bars are drawn. "
        f"NATO's Steadfast Jazz 2013 had about {format_number(values(JAZZ)[-1])} personnel. "
        f"The largest outside figure is {largest['group'].split(' (')[0]}'s {largest['figure']}, which sits "
        f"{where} the {ratio['figure']} that the chapter's {ratio['label'].removeprefix('Chapter: ')} would imply."
    )


def key(basis: alt.SelectionParameter) -> alt.LayerChart:
    """The legend, drawn by hand: the two sides, then chapter against outside source (click to filter)."""
    entries = [
        {"text": RUSSIA_SIDE, "side": RUSSIA_SIDE, "style": "", "x": LEFT, "y": 8},
        {"text": NATO_SIDE, "side": NATO_SIDE, "style": "", "x": LEFT + 180, "y": 8},
        {"text": "The chapter", "side": "", "style": "chapter", "x": LEFT, "y": 28},
        {"text": "Outside source", "side": "", "style": "outside source", "x": LEFT + 180, "y": 28},
    ]
    base = alt.Chart(alt.Data(values=entries)).encode(x=alt.X("x:Q", scale=None), y=alt.Y("y:Q", scale=None))
    sides = base.transform_filter(alt.datum.side != "").mark_square(size=140, opacity=1).encode(
        color=alt.Color("side:N", scale=SIDES, legend=None), tooltip=alt.Tooltip("text:N", title="Side"))
    styles = base.transform_filter(alt.datum.style != "").mark_square(
        size=140, fill=colour("muted"), stroke=colour("muted"), strokeWidth=1.5, cursor="pointer",
    ).encode(
        fillOpacity=alt.condition(alt.datum.style == "chapter", alt.value(1), alt.value(PALE)),
        opacity=alt.condition(basis, alt.value(1), alt.value(0.3)),
        tooltip=alt.Tooltip("text:N", title="Click to show only"),
    ).add_params(basis)
    text = base.mark_text(align="left", baseline="middle", dx=12, fontSize=12).encode(text="text:N")
    return alt.layer(sides, styles, text).properties(width=PLOT_WIDTH, height=38)


@figure(
    "security-field",
    title="Forces and exercises in the security field",
    caption="Personnel of the CSTO's rapid reaction force and of the Russian–Belarusian and NATO exercises the "
    "chapter refers to. Solid bars are the chapter's figures; pale bars come from outside sources. The chapter's "
    "ratio for NATO's 2015 exercise is applied to the reported size of its 2013 one.",
)
def build(data: Datasets) -> Figure:
    rows = security_rows(data)
    basis = alt.selection_point(name="basis", fields=["style"], on="click", clear="dblclick")
    hover = alt.selection_point(name="hover", fields=["group", "label"], on="pointerover", clear="pointerout")
    shown = alt.condition(basis, alt.value(1), alt.value(0.15))
    x_scale = alt.Scale(domain=[0, max(r["high"] for r in rows) * 1.2], nice=False)
    y = alt.Y("label:N", sort=None, title=None, scale=alt.Scale(paddingOuter=0.1),
              axis=alt.Axis(labelLimit=LABEL_WIDTH, ticks=False, domain=False, minExtent=LABEL_WIDTH, labelPadding=6))
    tooltip = [
        alt.Tooltip("group:N", title="Force or exercise"),
        alt.Tooltip("label:N", title="Figure"),
        alt.Tooltip("figure:N", title="Personnel"),
        alt.Tooltip("year:N", title="Year"),
        alt.Tooltip("basis:N", title="Basis"),
        alt.Tooltip("measures:N", title="Measures"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("source_name:N", title="Source"),
    ]
    bars = alt.Chart().mark_bar(height=STEP - 6).encode(
        x=alt.X("start:Q", scale=x_scale, title="Personnel",
                axis=alt.Axis(format="~s", tickCount=4, grid=True, labelFlush=False)),
        x2="high:Q",
        y=y,
        color=alt.Color("side:N", scale=SIDES, legend=None),
        stroke=alt.Stroke("side:N", scale=SIDES, legend=None),
        fillOpacity=alt.condition(alt.datum.style == "chapter", alt.value(1), alt.value(PALE)),
        opacity=shown,
        strokeWidth=alt.condition(hover, alt.value(3), alt.value(1.5), empty=False),
        tooltip=tooltip,
    ).add_params(hover)

    def labels(at_end: bool) -> alt.Chart:  # after a bar from zero, before a floating range bar
        return alt.Chart().transform_filter((alt.datum.start == 0) == at_end).mark_text(
            baseline="middle", fontSize=12, align="left" if at_end else "right", dx=4 if at_end else -4,
        ).encode(x=alt.X("high:Q" if at_end else "start:Q", scale=x_scale), y=y, text="figure:N",
                 opacity=shown, tooltip=tooltip)

    bars_view = alt.layer(bars, labels(True), labels(False), data=alt.Data(name="rows")).properties(
        width=PLOT_WIDTH, height=alt.Step(STEP),
    ).facet(
        row=alt.Row("group:N", sort=GROUPS, title=None,
                    header=alt.Header(labelOrient="top", labelAnchor="start", labelAngle=0, labelFontSize=13,
                                      labelFontWeight="bold", labelPadding=-2)),
        spacing=10,
    ).resolve_scale(y="independent")
    chart = alt.vconcat(key(basis), bars_view, spacing=8)
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("group", "Force or exercise"), Column("label", "Figure"), Column("year", "Year"),
                 Column("personnel", "Personnel"), Column("personnel_high", "Upper end"), Column("basis", "Basis"),
                 Column("measures", "Measures"), Column("note", "Note"), Column("source", "Source")],
        description=describe(rows),
        sources=sorted({r["source"] for r in rows} | {CHAPTER}),
    )
