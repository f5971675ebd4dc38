"""The hit map: every mark that takes the pointer, where it lies, and the tooltip Vega gives it."""

from __future__ import annotations

import json

import altair as alt
import pytest
import vl_convert as vlc

from build_scripts.figures.hits import HitMapError, hit_map, split_top_level, tooltip_fields

ROWS = alt.Data(values=[{"org": "CIS", "members": 12}, {"org": "CSTO", "members": 6}, {"org": "SCO", "members": 8}])


def vega(chart: alt.Chart) -> dict:
    return vlc.vegalite_to_vega(chart.to_dict())


def test_each_bar_lies_where_it_is_drawn_and_says_its_own_tooltip() -> None:
    chart = alt.Chart(ROWS).mark_bar().encode(
        x=alt.X("org:N"), y=alt.Y("members:Q"),
        tooltip=[alt.Tooltip("org:N", title="Organisation"), alt.Tooltip("members:Q", title="Members")],
    ).properties(width=150, height=100)
    hits = hit_map(vega(chart))
    bars = [item for item in hits["items"] if item["kind"] == "rect"]
    assert [bar["tip"] for bar in bars] == [{"Organisation": "CIS", "Members": "12"},
                                            {"Organisation": "CSTO", "Members": "6"},
                                            {"Organisation": "SCO", "Members": "8"}]
    heights = [bar["h"] for bar in bars]
    assert heights[0] > heights[2] > heights[1] > 0  # 12 > 8 > 6 members
    assert all(bar["x"] >= 0 and bar["x"] + bar["w"] <= hits["width"] for bar in bars)


def test_a_line_is_one_polyline_and_dots_are_discs() -> None:
    line = alt.Chart(ROWS).mark_line().encode(x="org:N", y="members:Q")
    dots = alt.Chart(ROWS).mark_point(size=100).encode(x="org:N", y="members:Q", tooltip=["org:N"])
    hits = hit_map(vega(line + dots))
    kinds = [item["kind"] for item in hits["items"]]
    assert kinds == ["polyline", "circle", "circle", "circle"]
    assert hits["items"][0]["tip"] is None and len(hits["items"][0]["points"]) == 3
    assert hits["items"][1]["r"] == 5 and hits["items"][1]["tip"] == {"org": "CIS"}


def test_a_chart_without_any_tooltip_is_refused() -> None:
    chart = alt.Chart(ROWS).mark_bar().encode(x="org:N", y="members:Q")
    with pytest.raises(HitMapError, match="no mark of the chart carries a tooltip"):
        hit_map(vega(chart))


def test_tooltip_expressions_split_outside_strings_and_brackets() -> None:
    assert split_top_level('"a, b": f(x, y), "c": [1, 2]', ",") == ['"a, b": f(x, y)', '"c": [1, 2]']
    keys, values = tooltip_fields('{"Share: %": format(datum["s"], ".1f"), "Name": datum["n"]}')
    assert keys == ["Share: %", "Name"]
    assert values == ['format(datum["s"], ".1f")', 'datum["n"]']
    assert tooltip_fields('datum["n"]') == (None, ['datum["n"]'])
    with pytest.raises(HitMapError, match="not a quoted string"):
        tooltip_fields("{a: 1}")


def test_the_map_is_plain_json() -> None:
    chart = alt.Chart(ROWS).mark_bar().encode(x="org:N", y="members:Q", tooltip=["members:Q"])
    assert json.loads(json.dumps(hit_map(vega(chart))))["items"]
