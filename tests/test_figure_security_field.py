"""The security-field figure on the real datasets."""

from __future__ import annotations

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import Figure, discover


def build() -> Figure:
    return discover()["security-field"].build(load_all())


def test_chapter_force_and_outside_sizes_are_both_plotted() -> None:
    fig = build()
    force = [r for r in fig.rows if r["group"] == "CSTO rapid reaction force"]
    chapter = [r for r in force if r["basis"] == "chapter"]
    assert [r["personnel"] for r in chapter] == [15000] and chapter[0]["source"] == "chatterje-doody-2015"
    outside = {r["personnel"] for r in force if r["basis"] == "outside source"}
    assert outside and min(outside) > 15000 and all(r["style"] == "outside source" for r in force[1:])
    assert all(r["source"] in fig.sources for r in fig.rows)


def test_conflicting_zapad_figures_are_both_shown() -> None:
    zapad = sorted(r["personnel"] for r in build().rows if r["group"].startswith("Zapad"))
    assert zapad == [13000, 22000]


def test_chapter_ratio_for_2015_is_applied_to_the_2013_exercise() -> None:
    fig = build()
    ratio = next(r for r in fig.rows if r["label"].startswith("Chapter: 6"))
    assert (ratio["start"], ratio["high"]) == (36000, 42000) and ratio["style"] == "chapter"
    assert "36,000–42,000" in fig.description and "lower end" in fig.description
