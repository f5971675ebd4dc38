"""China's loans to Kazakhstan and Russia, country by country, beside the SCO's multilateral facility.

For each country: the chapter's total, then what outside sources record (single loans stacked,
wider totals). The 2014 gas contract is too large for the scale and is given as text; the SCO's
loan facility has no figure in the chapter and gets a labelled empty row.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from build_scripts.data.datasets import Datasets
from build_scripts.data.quantities import format_number
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

COUNTRIES = [("KAZ", "china-loan-kazakhstan"), ("RUS", "china-loan-russia")]  # the chapter's order
LOANS = "china-loan"  # single loans: stacked into one bar per country
# Wider totals from outside sources, drawn as their own bars: series -> label
TOTALS = {"china-finance-total": "Loans and acquisitions, 2009", "china-investment-stock": "All investment since 1991 "
          "(to 2012, not a loan)"}
SHORT = {"china-loan-rus-rosneft-2009": "Rosneft", "china-loan-rus-transneft-2009": "Transneft",
         "china-loan-kaz-eximbank-dbk-2009": "Dev. Bank", "china-loan-kaz-eximbank-mmg-2009": "MMG"}
GAS_DEAL = "gas-deal-value"
SCO = "sco"
STEP = 40  # px per row: a label line above a bar


def bn(value: float) -> str:
    return f"US${format_number(value)}bn"


def build_rows(data: Datasets) -> list[dict[str, Any]]:
    claims, countries = data["claims"].by_id(), data["countries"].by_id()
    obs = data.records("observations")
    rows: list[dict[str, Any]] = []
    order = 0

    def add(**row: Any) -> None:
        rows.append({"order": order, "part": "", "start": 0, "end": row.get("value"), "year": "", "note": "",
                     "text_only": False, **row})

    for code, claim_id in COUNTRIES:
        name = countries[code].name
        c = claims[claim_id]
        add(group=name, item=f"The chapter: bilateral loans, {bn(c.value)}", value=c.value, basis="chapter",
            measures=c.measures, source=c.source, record=c.id)
        order += 1
        loans = [o for o in obs if o.series == LOANS and o.entity == code]
        years = ", ".join(sorted({o.year for o in loans}))
        label = " + ".join(format_number(o.value) for o in loans) + f" = {bn(sum(o.value for o in loans))}"
        start = 0.0
        for o in loans:
            add(group=name, item=f"Single loans found, {years}: {label}", part=SHORT.get(o.id, ""), value=o.value,
                start=start, end=start + o.value, year=o.year, basis="outside source", measures=o.measures,
                note=o.note or "", source=o.source, record=o.id)
            start += o.value
        order += 1 if loans else 0
        for series, label in TOTALS.items():
            for o in (o for o in obs if o.series == series and o.entity == code):
                add(group=name, item=f"{label}: {bn(o.value)}", value=o.value, year=o.year, basis="outside source",
                    measures=o.measures, note=o.note or "", source=o.source, record=o.id)
                order += 1
        for o in (o for o in obs if o.series == GAS_DEAL and o.entity == code):
            biggest = max(r["end"] for r in rows if r["group"] == name)
            add(group=name, item=f"2014 gas deal, not a loan: about {bn(o.value)} (off scale)",
                value=o.value, year=o.year, basis="outside source", measures=o.measures,
                source=o.source, record=o.id, text_only=True,
                note=f"About {format_number(round(o.value / biggest))} times the largest bar. {o.note or ''}".strip())
            order += 1
    sco = data["organisations"].by_id()[SCO]
    chapter = claims[COUNTRIES[0][1]].source
    add(group=f"{sco.abbr} (multilateral)", item='Its own loan facility: no figure given; delivery "patchy"',
        value=None, end=None, basis="chapter", measures="The SCO's loan facility, which the chapter mentions "
        "without an amount and calls 'patchy' in delivery", source=chapter, record="", text_only=True)
    return rows


def verdicts(rows: list[dict[str, Any]]) -> dict[str, tuple[bool, float]]:
    """For each country: whether the single loans found add up to the chapter's figure, and their sum."""
    out = {}
    for group in dict.fromkeys(r["group"] for r in rows):
        chapter = [r["value"] for r in rows if r["group"] == group and r["basis"] == "chapter" and r["value"]]
        loans = [r["value"] for r in rows if r["group"] == group and r["part"]]
        if chapter and loans:
            out[group] = (abs(sum(loans) - chapter[0]) < 1e-9, sum(loans))
    return out


def describe(rows: list[dict[str, Any]]) -> str:
    found = verdicts(rows)
    chapter = {r["group"]: r["value"] for r in rows if r["basis"] == "chapter" and r["value"]}
    agree = [g for g, (ok, _) in found.items() if ok]
    differ = [g for g, (ok, _) in found.items() if not ok]
    text = ("Loans are shown one country at a time, because China lent bilaterally: "
            + " and ".join(f"{bn(v)} to {g}" for g, v in chapter.items()) + " in the chapter.")
    for g in agree:
        text += f" For {g}, the single loans recorded elsewhere add up to the chapter's {bn(chapter[g])}."
    for g in differ:
        wider = [r["value"] for r in rows if r["group"] == g and r["basis"] != "chapter" and not r["part"]]
        text += (f" For {g}, they add up to only {bn(found[g][1])}; only wider measures ("
                 + ", ".join(bn(v) for v in wider) + f") come close to the chapter's {bn(chapter[g])}.")
    gas = [r for r in rows if r["text_only"] and r["value"]]
    if gas:
        text += f" The 2014 gas contract, about {bn(gas[0]['value'])}, dwarfs all of them."
    return text + " The SCO's own loan facility has no figure."


@figure(
    "china-loans",
    title="China's money came country by country",
    caption="Chinese loans to Kazakhstan and Russia as the chapter gives them (dark bars) and as outside sources "
    "record them (blue; single loans are stacked), with a black tick at the chapter's figure. For Russia the two "
    "2009 loans for oil match the chapter; for Kazakhstan no single loan or set of loans of that size was found, "
    "and the chapter's figure may merge several kinds of money. The gas contract's value is an unofficial "
    "estimate. The SCO's own facility is named in the chapter without an amount.",
)
def build(data: Datasets) -> Figure:
    rows = build_rows(data)
    found = verdicts(rows)
    top = max(r["end"] for r in rows if not r["text_only"])
    tips = [alt.Tooltip("group:N", title="Where"), alt.Tooltip("item:N", title="Row"),
            alt.Tooltip("part:N", title="Loan"), alt.Tooltip("value:Q", title="US$ billion"),
            alt.Tooltip("year:N", title="Year"), alt.Tooltip("basis:N", title="Basis"),
            alt.Tooltip("measures:N", title="Measures"), alt.Tooltip("note:N", title="Note"),
            alt.Tooltip("source:N", title="Source")]
    x_scale = alt.Scale(domain=[0, top], nice=False)
    sections = []
    groups = list(dict.fromkeys(r["group"] for r in rows))
    for i, group in enumerate(groups):
        mine = [r for r in rows if r["group"] == group]
        n = len({r["order"] for r in mine})
        hover = alt.selection_point(name=f"row{i}", fields=["order"], on="pointerover", clear="pointerout")
        base = alt.Chart(alt.Data(name="rows")).transform_filter(alt.datum.group == group).transform_calculate(
            chapter_value="datum.basis == 'chapter' ? datum.value : null")
        y = alt.Y("order:O", axis=None, title=None)
        last = i == len(groups) - 1
        x = alt.X("start:Q", scale=x_scale, title="US$ billion" if last else None,
                  axis=alt.Axis(tickCount=5, grid=False, labels=last, ticks=last, domain=last) if group in found
                  or last else None)
        bars = base.transform_filter(~alt.datum.text_only).transform_calculate(
            ink=f"datum.basis == 'chapter' ? '{colour('ink')}' : '{colour('economic')}'"
        ).mark_bar(height=15, yOffset=8, stroke=colour("paper"), strokeWidth=1).encode(
            x=x, x2="end:Q", y=y, color=alt.Color("ink:N", scale=None), tooltip=tips,
            opacity=alt.condition(hover, alt.value(1), alt.value(0.4)),
        ).add_params(hover)
        parts = base.transform_filter(alt.datum.part != "").transform_calculate(mid="(datum.start + datum.end) / 2")\
            .mark_text(yOffset=8, baseline="middle", fontSize=12, color=colour("paper")).encode(
                x=alt.X("mid:Q", scale=x_scale), y=y, text="part:N", tooltip=tips)
        labels = base.transform_aggregate(item="min(item)", text_only="min(text_only)", groupby=["order"])\
            .mark_text(align="left", baseline="bottom", x=0, yOffset=-1, fontSize=12).encode(
                y=y, text="item:N",
                color=alt.condition(alt.datum.text_only, alt.value(colour("muted")), alt.value(colour("ink"))))
        chapter_mark = base.transform_joinaggregate(chapter="max(chapter_value)").transform_filter(
            (alt.datum.basis != "chapter") & ~alt.datum.text_only
        ).mark_tick(orient="vertical", yOffset=8, size=24, thickness=2, color=colour("ink"), opacity=1).encode(
            x=alt.X("chapter:Q", scale=x_scale), y=y,
            tooltip=[alt.Tooltip("chapter:Q", title="The chapter's figure, US$ billion")])
        layers = [chapter_mark, bars, parts, labels] if group in found else [labels]
        if last and group not in found:
            layers.insert(0, base.mark_rule(opacity=0).encode(x=x))  # carries the shared axis
        if group in found:
            ok = found[group][0]
            head = f"{group}: outside sources {'agree' if ok else 'disagree'}"
        else:
            head = group
        tint = colour("ink") if group not in found or found[group][0] else colour("highlight")
        sections.append(alt.layer(*layers).properties(
            width=WIDTH, height=n * STEP,
            title=alt.TitleParams(head, fontSize=13, fontWeight="bold", anchor="start", offset=2, color=tint)))
    chart = alt.vconcat(*sections, spacing=10)
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("group", "Where"), Column("item", "Row"), Column("part", "Loan"),
                 Column("value", "US$ billion"), Column("year", "Year"), Column("basis", "Basis"),
                 Column("measures", "Measures"), Column("note", "Note"), Column("record", "Record id"),
                 Column("source", "Source")],
        description=describe(rows),
        sources=sorted({r["source"] for r in rows}),
    )
