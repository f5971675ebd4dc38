"""The voting-shares figure: the chapter's shifts beside outside figures, and members before and after."""

from __future__ import annotations

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import discover


def build() -> tuple[list[dict], str]:
    fig = discover()["voting-shares"].build(load_all())
    return fig.rows, fig.description


def test_chapter_values_sit_beside_marked_outside_figures() -> None:
    rows, _ = build()
    chapter = {r["block"]: r["value"] for r in rows if r["basis"] == "chapter"}
    assert chapter == {"IMF": 5, "World Bank": 3}
    outside = [r for r in rows if r["basis"] != "chapter"]
    assert outside and all(r["basis"] == "outside source" for r in outside)
    wb = {r["record"]: r["value"] for r in rows if r["block"] == "World Bank"}
    assert wb["world-bank-2010-dtc-shift"] == 3.13
    assert {r["qualifier"] for r in rows if r["record"] == "imf-2010-quota-shift"} == {"over"}  # a floor, marked


def test_before_and_after_pairs_and_description() -> None:
    rows, description = build()
    china = {r["stage"]: r["value"] for r in rows if r["block"] == "IMF votes" and r["label"] == "China"}
    assert china == {"before": 3.8, "after": 6}
    russia = {r["stage"]: r["value"] for r in rows if r["block"] == "IMF quotas" and r["label"] == "Russia"}
    assert russia == {"before": 2.49, "after": 2.71}
    # the two groups that share the entity id 'brics' stay apart
    assert {r["label"] for r in rows if r["entity"] == "brics"} == {"BRIC (four)", "BRICS (five)"}
    assert "China gained most" in description and "3.996 to 6.394" in description
