"""The migration-and-remittances figure on the real datasets."""

from __future__ import annotations

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import Figure, discover


def build() -> Figure:
    return discover()["migration-remittances"].build(load_all())


def test_chapter_share_is_the_only_chapter_row() -> None:
    fig = build()
    chapter = [r for r in fig.rows if r["basis"] == "chapter"]
    assert [(r["value"], r["year"], r["country_name"]) for r in chapter] == [(23, 2010, "Tajikistan and Kyrgyzstan")]
    assert "23 per cent" in fig.description


def test_remittances_are_outside_sources_for_three_countries() -> None:
    fig = build()
    remittances = [r for r in fig.rows if r["panel"] == "remittances"]
    assert {r["country"] for r in remittances} == {"TJK", "KGZ", "ARM"}
    assert all(r["basis"] == "outside source" for r in remittances)
    assert {r["series"] for r in remittances} == {"remittances-gdp", "remittances-gdp-ebrd"}
    assert {r["source"] for r in fig.rows} == set(fig.sources)


def test_description_names_the_peak() -> None:
    fig = build()
    main = [r for r in fig.rows if r["series"] == "remittances-gdp"]
    top = max(main, key=lambda r: r["value"])
    assert top["country"] == "TJK"
    assert f"peaking at {top['value']:g} per cent of GDP in {top['year']}" in fig.description
