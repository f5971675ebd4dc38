"""The timeline figure on the real datasets: imprecise dates, organisations' lives, the chapter's moment."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from build_scripts.data import dates, queries
from build_scripts.data.datasets import load_all
from build_scripts.figures.charts.timeline import position
from build_scripts.figures.registry import discover
from build_scripts.figures.render import render_one


def test_imprecise_dates_are_placed_at_their_start_but_shown_as_given() -> None:
    data = load_all()
    rows = {r["id"]: r for r in discover()["timeline"].build(data).rows}
    assert rows["shanghai-five"]["date"] == "April 1996"
    assert rows["shanghai-five"]["start"] == position(dt.date(1996, 4, 1))
    assert rows["crisis-1998"]["date"] == "1998" and rows["crisis-1998"]["start"] == 1998.0
    assert rows["june-2009-summits"]["date"] == "June 2009"
    plotted = [e for e in data.records("events") if dates.start(e.date).year <= queries.LAST_YEAR]
    for event in plotted:
        assert rows[event.id]["date"] == dates.display(event.date)  # never padded to a day
    # the figure runs to the end of 2025; a later event is listed on the Timeline page, not plotted
    later = [e.id for e in data.records("events") if dates.start(e.date).year > queries.LAST_YEAR]
    assert later and not set(later) & set(rows)


def test_organisations_run_from_founding_to_end_or_2025() -> None:
    data = load_all()
    rows = {r["id"]: r for r in discover()["timeline"].build(data).rows if r["kind"] == "organisation"}
    assert set(rows) == {o.id for o in data.records("organisations") if o.in_chapter}
    assert rows["eurasec"]["end"] == 2015.0 and rows["eurasec"]["until"] == "1 January 2015"
    assert rows["sco"]["end"] == 2026.0 and rows["sco"]["until"] == ""  # still running: drawn to the end of 2025
    assert rows["nato"]["start"] == 1991.0 and rows["nato"]["before"]  # founded 1949, clipped at the top
    assert rows["nato"]["date"] == "4 April 1949"


def test_chart_marks_the_chapter_and_filters_by_legend(tmp_path: Path) -> None:
    data = load_all()
    fig = discover()["timeline"].build(data)
    spec = json.dumps(fig.chart.to_dict())
    assert '"bind": "legend"' in spec and "chapter written (mid-2014)" in spec
    events = {r["id"]: r for r in fig.rows if r["kind"] == "event"}
    for event in data.records("events"):  # solid dots are exactly the events the chapter mentions
        if dates.start(event.date).year <= queries.LAST_YEAR:
            assert events[event.id]["in_chapter"] == (event.chapter_section is not None)
    mentioned = sum(r["in_chapter"] for r in events.values())
    share = f"all {len(events)}" if mentioned == len(events) else f"{mentioned} of the {len(events)}"
    assert f"{share} are mentioned in the chapter" in fig.description
    rendered = render_one(discover()["timeline"], data, tmp_path)
    assert rendered.width <= 345 and "after the" in rendered.svg()
