"""The China-loans figure: bilateral loans by country, outside records, and the Kazakhstan mismatch."""

from __future__ import annotations

from build_scripts.data.datasets import load_all
from build_scripts.figures.charts.china_loans import verdicts
from build_scripts.figures.registry import discover


def build() -> tuple[list[dict], str, list[str]]:
    fig = discover()["china-loans"].build(load_all())
    return fig.rows, fig.description, fig.sources


def test_chapter_loans_by_country_and_outside_rows_marked() -> None:
    rows, _, sources = build()
    chapter = {r["group"]: r["value"] for r in rows if r["basis"] == "chapter" and r["value"] is not None}
    assert chapter == {"Kazakhstan": 15, "Russia": 25}
    outside = [r for r in rows if r["basis"] == "outside source"]
    assert {r["record"] for r in outside} >= {"china-loan-rus-rosneft-2009", "china-loan-kaz-eximbank-dbk-2009"}
    assert "chatterje-doody-2015" in sources and "aiddata-96062" in sources
    sco = [r for r in rows if r["group"].startswith("SCO")]
    assert len(sco) == 1 and sco[0]["value"] is None  # labelled, with no number


def test_russia_agrees_and_kazakhstan_does_not() -> None:
    rows, description, _ = build()
    found = verdicts(rows)
    assert found["Russia"] == (True, 25)
    assert found["Kazakhstan"] == (False, 8)
    assert "only US$8bn" in description
    gas = [r for r in rows if r["record"] == "gazprom-cnpc-2014-value"]
    assert gas and gas[0]["text_only"]  # too big for the loan scale: text, not a bar
