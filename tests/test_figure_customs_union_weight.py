"""The Customs Union figure: the chapter's totals, Russia's share and the undivided remainder."""

from __future__ import annotations

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import discover


def build() -> tuple[list[dict], str, object]:
    data = load_all()
    fig = discover()["customs-union-weight"].build(data)
    return fig.rows, fig.description, data


def test_rows_carry_the_chapters_values() -> None:
    rows, _, data = build()
    claims = data["claims"].by_id()
    size = {r["claim"]: r["value"] for r in rows if r["panel"] == "size"}
    assert size == {cid: claims[cid].value for cid in ("ecu-population", "ecu-gdp", "ecu-goods-turnover")}
    kyrgyz = next(r for r in rows if r["panel"] == "kyrgyz" and r["item"] == "Kyrgyzstan")
    assert kyrgyz["value"] == claims["kyrgyz-gdp-vs-russia"].value and "upper bound" in kyrgyz["basis"]
    assert all(r["basis"].startswith("chapter") for r in rows)


def test_share_splits_only_into_russia_and_an_undivided_remainder() -> None:
    rows, description, data = build()
    share = {r["item"]: r for r in rows if r["panel"] == "share"}
    assert set(share) == {"Russia", "Belarus and Kazakhstan together"}  # no invented Belarus/Kazakhstan split
    russia = data["claims"].by_id()["ecu-russia-share"].value
    assert share["Russia"]["value"] == russia and share["Russia"]["shown"].startswith("about")
    assert share["Russia"]["value"] + share["Belarus and Kazakhstan together"]["value"] == 100
    assert "167 million" in description and "about 90%" in description
