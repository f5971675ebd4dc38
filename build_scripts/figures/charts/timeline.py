"""A vertical timeline, 1991 at the top to 2025 at the bottom: the lives of the organisations the chapter
discusses, and the dated events, coloured by domain.

An imprecise date is plotted at its first possible day but always shown at the precision it was given.
Clicking a domain in the legend shows only that domain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt

from build_scripts.data import dates, queries
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import SECTION_TITLES
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure

DOMAINS = ["security", "economic", "political"]
TOP, BOTTOM = queries.FIRST_YEAR, queries.LAST_YEAR + 1  # the plot runs from 1 January 1991 to the end of 2025
AFTER = 2016  # years after 2015 come after the chapter, as on the memberships figure
YEAR_STEP = 22  # px per year
AXIS_WIDTH = 36  # px for the year labels on the left
GAP = 1.0  # lanes between the organisations and the events
HEADER_HEIGHT = 88
RECENT_YEARS = 7  # the description counts the events of the chapter's last seven years
MIN_GAP = 0.5  # years between two dots in one lane (a dot is about 10 px across, a year 22 px)
TEXT_PX = 6.4  # rough width of a 12 px character, to fit a box behind a label


def position(day: dt.date) -> float:
    """A day as a decimal year (1 July 2014 -> about 2014.5)."""
    first = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - first).days
    return round(day.year + (day - first).days / length, 4)


def organisation_rows(data: Datasets) -> list[dict[str, Any]]:
    orgs = data["organisations"].by_id()
    chosen = [o for o in data.records("organisations") if o.in_chapter
              and dates.start(o.founded).year <= queries.LAST_YEAR
              and (o.dissolved is None or dates.year(o.dissolved) >= queries.FIRST_YEAR)]
    chosen.sort(key=lambda o: (dates.start(o.founded), o.abbr))
    rows = []
    for lane, org in enumerate(chosen):
        start = position(dates.start(org.founded))
        notes = []
        if start < TOP:
            notes.append(f"Founded {dates.year(org.founded)}, before the timeline begins.")
        if org.predecessor:
            notes.append(f"Grew out of the {orgs[org.predecessor].abbr}.")
        if org.successor:
            notes.append(f"Succeeded by the {orgs[org.successor].abbr}.")
        rows.append({
            "kind": "organisation",
            "id": org.id,
            "title": f"{org.name} ({org.abbr})" if org.abbr != org.name else org.name,
            "abbr": org.abbr,
            "date": dates.display(org.founded),
            "until": dates.display(org.dissolved) if org.dissolved else "",
            "domain": org.domain,
            "summary": " ".join(notes),
            "organisations": org.abbr,
            "in_chapter": True,
            "chapter_section": "",
            "source": org.source,
            "lane": lane,
            "start": max(start, TOP),
            "end": min(position(dates.start(org.dissolved)), BOTTOM) if org.dissolved else BOTTOM,
            "before": start < TOP,
        })
    return rows


def event_rows(data: Datasets, first_slot: float) -> list[dict[str, Any]]:
    orgs = data["organisations"].by_id()
    events = [e for e in data.records("events") if TOP <= position(dates.start(e.date)) < BOTTOM]
    events.sort(key=lambda e: (dates.start(e.date), dates.end(e.date)))
    lane_ends: list[float] = []  # the latest position plotted in each lane
    rows = []
    for e in events:
        day = dates.start(e.date)
        # events too close to draw apart sit side by side: the first lane whose last dot is far enough up
        slot = next((n for n, end in enumerate(lane_ends) if position(day) - end >= MIN_GAP), len(lane_ends))
        if slot == len(lane_ends):
            lane_ends.append(position(day))
        lane_ends[slot] = position(day)
        rows.append({
            "kind": "event",
            "id": e.id,
            "title": e.title,
            "abbr": "",
            "date": dates.display(e.date),
            "until": "",
            "domain": e.domain,
            "summary": e.summary,
            "organisations": ", ".join(orgs[o].abbr for o in e.organisations),
            "in_chapter": e.chapter_section is not None,
            "chapter_section": SECTION_TITLES[e.chapter_section] if e.chapter_section else "",
            "source": e.source,
            "lane": first_slot + slot,
            "start": position(day),
            "end": position(day),
            "before": False,
        })
    return rows


def join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def describe(orgs: list[dict[str, Any]], events: list[dict[str, Any]]) -> str:
    chapter = position(queries.CHAPTER_DAY)
    alive = [r for r in orgs if r["start"] <= chapter < r["end"]]
    older = [r["abbr"] for r in orgs if r["before"]]
    ended = [r["abbr"] for r in orgs if chapter < r["end"] < BOTTOM]
    began = [r["abbr"] for r in orgs if r["start"] > chapter]
    parts = [
        f"The lives of {len(orgs)} organisations the chapter discusses and {len(events)} dated events, "
        f"{TOP}–{BOTTOM - 1}: {len(alive)} of the organisations existed in mid-{queries.CHAPTER_DAY.year}, when "
        "the chapter was written" + (f", and {join(older)} {'was' if len(older) == 1 else 'were'} founded before "
                                     f"{TOP}." if older else "."),
    ]
    if ended or began:
        parts.append("After the chapter, " + " and ".join(
            [f"{join(ended)} came to an end"] * bool(ended) + [f"{join(began)} began"] * bool(began)) + ".")
    if events:
        by_year: dict[int, int] = {}
        for r in events:
            by_year[int(r["start"])] = by_year.get(int(r["start"]), 0) + 1
        busiest = max(by_year.values())
        years = join([str(y) for y, n in sorted(by_year.items()) if n == busiest])
        mentioned = sum(r["in_chapter"] for r in events)
        share = f"all {len(events)}" if mentioned == len(events) else f"{mentioned} of the {len(events)}"
        recent = queries.CHAPTER_DAY.year - RECENT_YEARS + 1
        close = sum(recent <= r["start"] <= chapter for r in events)
        parts.append(f"{close} of the {len(events)} events fall between {recent} and mid-{queries.CHAPTER_DAY.year} "
                     f"and the busiest year is {years}, with {busiest}; {share} are mentioned in the chapter, the "
                     f"latest dated {events[-1]['date']}.")
    return " ".join(parts)


@figure(
    "timeline",
    title="Organisations and events, 1991–2025",
    caption="Each bar is the life of an organisation the chapter discusses, each dot a dated event; colour gives "
    "the domain; a triangle marks a body founded before 1991. Solid dots are events the chapter mentions, hollow "
    "ones events it does not. A date known only to the year or month is placed at its start. Click a domain in "
    "the legend to show only that domain.",
)
def build(data: Datasets) -> Figure:
    orgs = organisation_rows(data)
    first_slot = len(orgs) - 1 + GAP
    events = event_rows(data, first_slot)
    rows = orgs + events
    last = max(r["lane"] for r in rows)
    x_scale = alt.Scale(domain=[-0.6, last + 0.6], range=[AXIS_WIDTH, WIDTH])
    y_scale = alt.Scale(domain=[TOP, BOTTOM], range=[0, (BOTTOM - TOP) * YEAR_STEP], nice=False, zero=False)
    height = (BOTTOM - TOP) * YEAR_STEP
    pick = alt.selection_point(name="domain", fields=["domain"], bind="legend")
    legend = alt.Legend(orient="top", direction="horizontal", symbolType="square", title="Domain (click to filter)",
                        offset=HEADER_HEIGHT + 14)  # above the lane heads
    colour_by_domain = alt.Color("domain:N", scale=alt.Scale(domain=DOMAINS, range=[colour(d) for d in DOMAINS]),
                                 legend=legend)
    shown = alt.condition(pick, alt.value(1.0), alt.value(0.1))
    x = alt.X("lane:Q", scale=x_scale, axis=None)
    tooltip = [
        alt.Tooltip("title:N", title="Name"),
        alt.Tooltip("date:N", title="Date"),
        alt.Tooltip("until_shown:N", title="Until"),
        alt.Tooltip("domain:N", title="Domain"),
        alt.Tooltip("summary_shown:N", title="Summary"),
        alt.Tooltip("organisations_shown:N", title="Organisations"),
        alt.Tooltip("section_shown:N", title="Mentioned in the chapter"),
    ]

    def base(kind: str) -> alt.Chart:
        return alt.Chart(alt.Data(values=[r for r in rows if r["kind"] == kind])).transform_calculate(
            until_shown="datum.kind == 'event' ? '—' : datum.until || 'continuing'",
            summary_shown="datum.summary || '—'",
            organisations_shown="datum.organisations || '—'",
            section_shown="datum.chapter_section || (datum.in_chapter ? 'yes' : 'no')",
        )

    # Backdrop: a faint line for each year, the years after the chapter shaded, the chapter's moment ruled.
    years = alt.Chart(alt.Data(values=[{"year": y, "label": str(y) if y % 5 == 0 or y == TOP else ""}
                                       for y in range(TOP, BOTTOM + 1)]))
    y_year = alt.Y("year:Q", scale=y_scale, axis=None)
    year_lines = years.mark_rule(strokeWidth=1).encode(
        y=y_year, x=alt.value(AXIS_WIDTH), x2=alt.value(WIDTH), color=alt.value(colour("grid")))
    year_text = years.mark_text(align="right", baseline="middle", fontSize=12).encode(
        y=y_year, x=alt.value(AXIS_WIDTH - 5), text="label:N", color=alt.value(colour("ink")))
    rule_label = f"chapter written (mid-{queries.CHAPTER_DAY.year})"
    marks = alt.Chart(alt.Data(values=[{
        "after": AFTER, "bottom": BOTTOM, "chapter": position(queries.CHAPTER_DAY),
        "rule_label": rule_label, "after_label": ["after the", "chapter"],
        "when": dates.display(queries.CHAPTER_DAY.isoformat()),
    }]))
    shade = marks.mark_rect(color=colour("grid"), opacity=0.4).encode(
        y=alt.Y("after:Q", scale=y_scale, axis=None), y2="bottom:Q", x=alt.value(AXIS_WIDTH), x2=alt.value(WIDTH),
        tooltip=alt.Tooltip("after:Q", title="After the chapter: from", format="d"))
    shade_text = marks.mark_text(align="right", baseline="top", fontSize=12, lineHeight=14, dy=6).encode(
        y=alt.Y("after:Q", scale=y_scale, axis=None), x=alt.value(WIDTH - 2), text="after_label:N",
        color=alt.value(colour("muted")))
    rule = marks.mark_rule(strokeWidth=2, color=colour("highlight")).encode(
        y=alt.Y("chapter:Q", scale=y_scale, axis=None), x=alt.value(AXIS_WIDTH), x2=alt.value(WIDTH),
        tooltip=[alt.Tooltip("rule_label:N", title="Marker"), alt.Tooltip("when:N", title="Date shown")])
    # A paper-coloured box behind the rule's label, ending in the gap between two lanes.
    px_per_lane = (WIDTH - AXIS_WIDTH) / (last + 1.2)
    text_end = AXIS_WIDTH + 4 + len(rule_label) * TEXT_PX
    box_end = next(AXIS_WIDTH + (k + 1.1) * px_per_lane for k in range(int(last) + 1)
                   if AXIS_WIDTH + (k + 1.1) * px_per_lane >= text_end)
    rule_box = marks.mark_rect(color=colour("paper")).encode(  # opaque: the label stays legible over any bar
        y=alt.Y("chapter:Q", scale=y_scale, axis=None), y2=alt.Y2Datum(position(queries.CHAPTER_DAY) - 0.68),
        x=alt.value(AXIS_WIDTH + 1), x2=alt.value(round(box_end, 1)))
    rule_text = marks.mark_text(align="left", baseline="bottom", fontSize=12, dy=-2).encode(
        y=alt.Y("chapter:Q", scale=y_scale, axis=None), x=alt.value(AXIS_WIDTH + 4), text="rule_label:N",
        color=alt.value(colour("highlight")))

    # The organisations' lives, and the events.
    bars = base("organisation").transform_calculate(
        left="datum.lane - 0.3", right="datum.lane + 0.3").mark_rect().encode(
        x=alt.X("left:Q", scale=x_scale, axis=None), x2="right:Q",
        y=alt.Y("start:Q", scale=y_scale, axis=None), y2="end:Q",
        color=colour_by_domain,
        opacity=shown, tooltip=tooltip,
    ).add_params(pick)
    earlier = base("organisation").transform_filter(alt.datum.before).mark_point(
        shape="triangle-up", size=45, filled=True, yOffset=-7).encode(
        x=x, y=alt.Y("start:Q", scale=y_scale, axis=None), color=colour_by_domain,
        opacity=shown, tooltip=tooltip)

    def dots(mentioned: bool) -> alt.Chart:
        return base("event").transform_filter(alt.datum.in_chapter == mentioned).mark_point(
            shape="circle", size=60, strokeWidth=1.5, filled=mentioned,
            **({} if mentioned else {"fill": colour("paper")})).encode(
            x=x, y=alt.Y("start:Q", scale=y_scale, axis=None),
            color=colour_by_domain, opacity=shown, tooltip=tooltip)

    # Heads, drawn above the plot: each organisation's abbreviation over its lane, and a head for the events.
    heads = alt.Chart(alt.Data(values=[{"lane": r["lane"], "abbr": r["abbr"], "domain": r["domain"],
                                        "title": r["title"]} for r in orgs]))
    head_text = heads.mark_text(align="left", baseline="middle", angle=270, fontSize=12).encode(
        x=x, y=alt.value(-15), text="abbr:N", color=colour_by_domain, opacity=shown,
        tooltip=alt.Tooltip("title:N", title="Organisation"))
    event_head = alt.Chart(alt.Data(values=[{"lane": (first_slot + last) / 2}])).mark_text(
        align="center", baseline="bottom", fontSize=12, fontWeight="bold").encode(
        x=x, y=alt.value(-10), text=alt.value("Events"), color=alt.value(colour("ink")))

    # One layered view, so that the legend stays bound to the domain selection.
    chart = alt.layer(shade, year_lines, year_text, bars, earlier, dots(True), dots(False), shade_text, rule_box,
                      rule, rule_text, head_text, event_head).properties(width=WIDTH, height=height)
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("kind", "Kind"), Column("title", "Name"), Column("date", "Date or founded"),
                 Column("until", "Until"), Column("domain", "Domain"), Column("summary", "Summary"),
                 Column("organisations", "Organisations"), Column("chapter_section", "Chapter section"),
                 Column("source", "Source")],
        description=describe(orgs, events),
        sources=sorted({r["source"] for r in rows}),
    )
