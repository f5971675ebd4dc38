"""The IMF and World Bank voting-share shifts: the chapter's round numbers beside official and reported ones.

Top: the size of each shift as the chapter gives it and as outside sources give it (targets,
agreements, cumulative totals), which use different measures. Bottom: single members' shares
before and after the 2010 reforms, all from outside sources.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from build_scripts.data.datasets import Datasets
from build_scripts.data.quantities import format_number
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

INSTITUTIONS = [("imf", "IMF", "imf-voting-shift"), ("world-bank", "World Bank", "world-bank-voting-shift")]
# The outside figures for the size of the shift, in the order drawn: id -> (row label, qualifier)
SHIFTS: dict[str, tuple[str, str]] = {
    "imf-2009-istanbul-target": ("2009 target", "at least"),
    "imf-2010-quota-shift": ("2010 deal, quotas", "over"),
    "imf-2008-2010-voting-shift": ("2008+2010, votes", "well over"),
    "imf-2010-em-quota-shift-ria": ("Narrow group, quotas", ""),
    "world-bank-2009-istanbul-target": ("2009 target", "at least"),
    "world-bank-2010-dtc-shift": ("2010 deal, votes", ""),
    "world-bank-2008-2010-dtc-shift": ("2008+2010, votes", ""),
}
CHAPTER_LABEL = "The chapter"
# Before/after shares: (block title, series prefix)
BLOCKS = [("IMF votes", "imf-voting-share"), ("IMF quotas", "imf-quota-share"),
          ("World Bank (IBRD) votes", "ibrd-voting-share")]
IN_PROSE = {"IMF votes": "IMF vote", "IMF quotas": "IMF quota", "World Bank (IBRD) votes": "IBRD vote"}
STAGES = ("before", "after")
# Two groups share the entity id 'brics'; the record says which one it means.
GROUP_LABELS = {"imf-votes-bric-before-2010-reform": "BRIC (four)", "imf-votes-bric-after-2010-reform": "BRIC (four)",
                "imf-votes-brics-after-2010-reform": "BRICS (five)"}
ENTITY_ORDER = ["China", "India", "Russia", "Brazil", "BRIC (four)", "BRICS (five)", "United States"]
LABEL_SPACE = 180
PLOT_WIDTH = WIDTH - LABEL_SPACE


def shift_rows(data: Datasets) -> list[dict[str, Any]]:
    claims, obs = data["claims"].by_id(), data["observations"].by_id()
    rows = []
    for entity, name, claim_id in INSTITUTIONS:
        c = claims[claim_id]
        rows.append({"panel": "shift", "block": name, "label": CHAPTER_LABEL, "entity": entity, "stage": "",
                     "row": f"{CHAPTER_LABEL}: {format_number(c.value)}",
                     "year": "", "value": c.value, "qualifier": "", "basis": "chapter", "measures": c.measures,
                     "note": c.note or "", "source": c.source, "record": c.id})
        for oid, (label, qualifier) in SHIFTS.items():
            o = obs[oid]
            if o.entity == entity:
                rows.append({"panel": "shift", "block": name, "label": label, "entity": entity, "stage": "",
                             "row": f"{label}: {(qualifier + ' ') if qualifier else ''}{o.value:g}",
                             "year": o.year, "value": o.value, "qualifier": qualifier,
                             "basis": "outside source" if o.supplementary else "chapter",
                             "measures": o.measures, "note": o.note or "", "source": o.source, "record": o.id})
    return rows


def share_rows(data: Datasets) -> list[dict[str, Any]]:
    countries = data["countries"].by_id()
    rows = []
    for block, prefix in BLOCKS:
        for stage in STAGES:
            for o in data.records("observations"):
                if o.series != f"{prefix}-{stage}-2010-reform":
                    continue
                label = GROUP_LABELS.get(o.id) or countries[o.entity].name
                rows.append({"panel": "shares", "block": block, "label": label, "entity": o.entity, "stage": stage,
                             "year": o.year, "value": o.value, "qualifier": "",
                             "basis": "outside source" if o.supplementary else "chapter",
                             "measures": o.measures, "note": o.note or "", "source": o.source, "record": o.id})
    pairs: dict[tuple[str, str], dict[str, float]] = {}
    for r in rows:
        pairs.setdefault((r["block"], r["label"]), {})[r["stage"]] = r["value"]
    for r in rows:
        pair = pairs[(r["block"], r["label"])]
        r["row"] = f"{r['label']}: " + " → ".join(f"{pair[s]:g}" for s in STAGES if s in pair)
    return sorted(rows, key=lambda r: ([b for b, _ in BLOCKS].index(r["block"]), ENTITY_ORDER.index(r["label"])
                                       if r["label"] in ENTITY_ORDER else len(ENTITY_ORDER), r["stage"] == "after"))


def describe(rows: list[dict[str, Any]]) -> str:
    parts, inside = [], True
    for _, name, _ in INSTITUTIONS:
        mine = [r for r in rows if r["panel"] == "shift" and r["block"] == name]
        chapter = next(r["value"] for r in mine if r["basis"] == "chapter")
        others = [r["value"] for r in mine if r["basis"] != "chapter"]
        inside = inside and min(others) <= chapter <= max(others)
        parts.append(f"{format_number(chapter)} per cent at the {name} (outside figures {min(others):g} to "
                     f"{max(others):g})")
    text = (f"The chapter's shifts, {parts[0]} and {parts[1]}, "
            + ("sit inside the range published elsewhere" if inside else "do not all fall within the outside range")
            + ", whose spread comes mostly from measuring different things.")
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["panel"] == "shares":
            pairs.setdefault((r["block"], r["label"]), {"group": r["label"] in GROUP_LABELS.values()})[r["stage"]] = \
                r["value"]
    gains = {k: v["after"] - v["before"] for k, v in pairs.items() if "before" in v and "after" in v}
    members = {k: g for k, g in gains.items() if not pairs[k]["group"]}
    (block, top), gain = max(members.items(), key=lambda kv: kv[1])
    best = pairs[(block, top)]
    text += (f" Of single members, {top} gained most, its {IN_PROSE[block]} share rising from {best['before']:g}"
             f" to {best['after']:g} per cent (+{gain:.2f} points)")
    russia = [(k, g) for k, g in members.items() if k[1] == "Russia"]
    if russia:
        (r_block, _), r_gain = russia[0]
        text += f"; Russia's {IN_PROSE[r_block]} share rose by only {r_gain:.2f} points"
    losers = sorted(("the " if k[1].startswith("United") else "") + k[1] for k, g in members.items() if g < 0)
    if losers:
        text += f", while {' and '.join(losers)} lost a little and stayed the largest holder"
    return text + "."


def key(entries: list[tuple[str, bool, str, str]]) -> alt.LayerChart:
    """A one-line legend drawn with the same marks as the chart: (shape, filled, colour, label)."""
    items = [{"shape": shape, "filled": filled, "ink": ink, "label": label, "x": 6 + 110 * i - LABEL_SPACE, "row": ""}
             for i, (shape, filled, ink, label) in enumerate(entries)]
    base = alt.Chart(alt.Data(values=items))
    y = alt.Y("row:N", axis=alt.Axis(labels=False, ticks=False, domain=False, title=None, minExtent=LABEL_SPACE,
                                     maxExtent=LABEL_SPACE))
    hollow = {"fill": colour("paper"), "fillOpacity": 1}
    marks = [base.transform_filter(alt.datum.filled == filled).mark_point(
        size=80, strokeWidth=2, opacity=1, **({"filled": True} if filled else hollow),
    ).encode(x=alt.X("x:Q", scale=None), y=y, shape=alt.Shape("shape:N", scale=None),
             color=alt.Color("ink:N", scale=None)) for filled in (True, False)]
    text = base.mark_text(align="left", baseline="middle", dx=10, fontSize=12).encode(
        x=alt.X("x:Q", scale=None), y=y, text="label:N")
    # an empty axis as wide as the others keeps the key's left edge in line with the row labels
    return alt.layer(*marks, text).properties(width=PLOT_WIDTH, height=18)


def y_axis() -> alt.Axis:
    return alt.Axis(title=None, domain=False, ticks=False, labelFontSize=12, labelLimit=LABEL_SPACE - 10,
                    minExtent=LABEL_SPACE, maxExtent=LABEL_SPACE, labelPadding=8)


@figure(
    "voting-shares",
    title="How much voting power moved at the IMF and World Bank",
    caption="Top: the size of the 2008–2010 shifts towards developing and emerging economies, as the chapter gives "
    "them (dark diamonds) and as outside sources give them (blue; a triangle marks a floor such as \"more than\"). "
    "Quota shares, voting shares, single reforms and combined totals are different measures, so the figures spread. "
    "Bottom: members' shares before (hollow) and after (filled) the 2010 reforms, all from outside sources; the "
    "IMF's took effect only in 2016. A lone dot means only one of the two figures was found.",
)
def build(data: Datasets) -> Figure:
    shifts, shares = shift_rows(data), share_rows(data)
    rows = shifts + shares
    tips = [alt.Tooltip("block:N", title="Where"), alt.Tooltip("label:N", title="Figure or member"),
            alt.Tooltip("stage:N", title="Before/after"), alt.Tooltip("year:N", title="Year"),
            alt.Tooltip("qualifier:N", title="Qualifier"), alt.Tooltip("value:Q", title="Per cent or points"),
            alt.Tooltip("basis:N", title="Basis"), alt.Tooltip("measures:N", title="Measures"),
            alt.Tooltip("note:N", title="Note"), alt.Tooltip("source:N", title="Source")]

    def axis_x(top: float, last: bool, title: str) -> alt.X:
        return alt.X("value:Q", scale=alt.Scale(domain=[0, top], nice=False), title=title if last else None,
                     axis=alt.Axis(tickCount=4, grid=True, labels=last, ticks=last))

    def block_title(text: str) -> alt.TitleParams:
        return alt.TitleParams(text, fontSize=13, fontWeight="bold", anchor="start", offset=4)

    shift_top = max(r["value"] for r in shifts) + 1
    panels = []
    for i, (_, name, _) in enumerate(INSTITUTIONS):
        block = [r for r in shifts if r["block"] == name]
        x = axis_x(shift_top, i == len(INSTITUTIONS) - 1, "Per cent or points")
        dots = alt.Chart(alt.Data(name="rows")).transform_filter(
            (alt.datum.panel == "shift") & (alt.datum.block == name)
        ).transform_calculate(
            shape="datum.basis == 'chapter' ? 'diamond' : datum.qualifier != '' ? 'triangle-right' : 'circle'",
            ink=f"datum.basis == 'chapter' ? '{colour('ink')}' : '{colour('economic')}'",
        ).mark_point(filled=True, size=110, opacity=1).encode(
            x=x, y=alt.Y("row:N", sort=[r["row"] for r in block], axis=y_axis()),
            shape=alt.Shape("shape:N", scale=None), color=alt.Color("ink:N", scale=None), tooltip=tips,
        )
        panels.append(dots.properties(width=PLOT_WIDTH, height=len(block) * 20, title=block_title(name)))
    shift_panel = alt.vconcat(key([("diamond", True, colour("ink"), "chapter"),
                                   ("circle", True, colour("economic"), "outside source"),
                                   ("triangle-right", True, colour("economic"), "outside, a floor")]),
                              *panels, spacing=8, title=alt.TitleParams(
                                  "How big was the shift?", fontSize=14, anchor="start", offset=8))

    share_top = max(r["value"] for r in shares) + 1
    blocks = []
    for i, (name, _) in enumerate(BLOCKS):
        block = [r for r in shares if r["block"] == name]
        order = list(dict.fromkeys(r["row"] for r in block))
        hover = alt.selection_point(name=f"member{i}", fields=["label"], on="pointerover", clear="pointerout")
        base = alt.Chart(alt.Data(name="rows")).transform_filter(
            (alt.datum.panel == "shares") & (alt.datum.block == name)
        ).transform_calculate(ink=f"datum.label == 'Russia' ? '{colour('russia')}' : datum.label == 'United States'"
                                  f" ? '{colour('neutral')}' : '{colour('economic')}'")
        x = axis_x(share_top, i == len(BLOCKS) - 1, "Share of total, per cent")
        y = alt.Y("row:N", sort=order, axis=y_axis())
        ink = alt.Color("ink:N", scale=None)
        fade = alt.condition(hover, alt.value(1), alt.value(0.3))
        link = base.mark_line(strokeWidth=2).encode(x=x, y=y, detail="label:N", color=ink, opacity=fade)
        before = base.transform_filter(alt.datum.stage == "before").mark_point(
            size=80, strokeWidth=2, filled=False, fill=colour("paper"), fillOpacity=1,
        ).encode(x=x, y=y, color=ink, opacity=fade, tooltip=tips)
        after = base.transform_filter(alt.datum.stage == "after").mark_point(size=80, filled=True).encode(
            x=x, y=y, color=ink, opacity=fade, tooltip=tips)
        blocks.append(alt.layer(link, before, after.add_params(hover)).properties(
            width=PLOT_WIDTH, height=len(order) * 20, title=block_title(name)))
    share_panel = alt.vconcat(key([("circle", False, colour("economic"), "before"),
                                   ("circle", True, colour("economic"), "after (outside sources)")]),
                              *blocks, spacing=8, title=alt.TitleParams(
                                  "Members' shares before and after the reforms", fontSize=14, anchor="start",
                                  offset=8))
    chart = alt.vconcat(shift_panel, share_panel, spacing=28)
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("panel", "Panel"), Column("block", "Where"), Column("label", "Figure or member"),
                 Column("stage", "Before/after"), Column("year", "Year"), Column("qualifier", "Qualifier"),
                 Column("value", "Per cent or points"), Column("basis", "Basis"), Column("measures", "Measures"),
                 Column("note", "Note"), Column("record", "Record id"), Column("source", "Source")],
        description=describe(rows),
        sources=sorted({r["source"] for r in rows}),
    )
