"""The identity-roles figure on the real datasets: one mark per (role, theme) pair, basis kept visible."""

from __future__ import annotations

from pathlib import Path

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import discover
from build_scripts.figures.render import render_one


def test_one_row_per_role_and_theme_with_its_basis() -> None:
    data = load_all()
    fig = discover()["identity-roles"].build(data)
    roles = data.records("roles")
    assert len(fig.rows) == sum(len(r.themes) + len(r.themes_ours) for r in roles)
    pairs = {(r["abbr"], r["theme"]): r for r in fig.rows}
    ecu = pairs[("ECU", "First among (regional) equals")]
    assert ecu["basis"] == "chapter" and ecu["key_phrase"] == "first among equals"
    assert pairs[("CIS", "First among (regional) equals")]["basis"] == "our reading"
    # a solid dot only where the chapter itself ties the theme to the institution: the SCO's link to
    # the first-among-equals theme and BRICS's to international equal are our inferences
    assert pairs[("SCO", "First among (regional) equals")]["basis"] == "our reading"
    assert pairs[("BRICS", "Russia as an international equal")]["basis"] == "our reading"
    assert pairs[("BRICS", "Great powerism")]["basis"] == "chapter"
    orgs = data["organisations"].by_id()
    stated = {(orgs[r.organisation].abbr, t) for r in roles if r.basis == "chapter" for t in r.themes}
    names = {t.id: t.name for t in data.records("themes")}
    assert {(r["abbr"], r["theme"]) for r in fig.rows if r["basis"] == "chapter"} == {
        (abbr, names[t]) for abbr, t in stated}


def test_description_names_the_widest_institution_and_the_unused_theme() -> None:
    data = load_all()
    fig = discover()["identity-roles"].build(data)
    assert not any(r["theme"] == "Instrumentalised citizenry" for r in fig.rows)
    assert "‘Instrumentalised citizenry’ is linked to none" in fig.description
    widest = max(data.records("roles"), key=lambda r: len(r.themes))
    abbr = data["organisations"].by_id()[widest.organisation].abbr
    assert f"{abbr} (" in fig.description
    assert f"({len(widest.themes)} of {len(data.records('themes'))})" in fig.description


def test_renders_narrow_with_a_basis_legend(tmp_path: Path) -> None:
    rendered = render_one(discover()["identity-roles"], load_all(), tmp_path)
    assert rendered.width <= 345
    svg = rendered.svg()
    assert "stated in the chapter" in svg and "our reading" in svg
    assert "no institution linked" in svg
