"""Figures: the registry, the rows each plots, and renders cached by content hash."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.data.datasets import load_all
from build_scripts.errors import BuildError
from build_scripts.figures import palette, render
from build_scripts.figures.charts.memberships import rows_for_year
from build_scripts.figures.hits import HitMapError
from build_scripts.figures.registry import discover
from build_scripts.figures.render import namespace_svg, render_one
from build_scripts.paths import ROOT


def test_every_figure_module_registers_itself() -> None:
    assert "memberships" in discover()


def test_memberships_follow_dates(data_dir: Path) -> None:
    data = load_all(data_dir)
    in_2005 = {(r["country"], r["column"]) for r in rows_for_year(data, 2005)}
    in_2014 = {(r["country"], r["column"]) for r in rows_for_year(data, 2014)}
    assert ("GEO", "CIS") in in_2005 and ("GEO", "CIS") not in in_2014  # Georgia left in 2009
    assert ("RUS", "Customs Union") in in_2014 and ("RUS", "Customs Union") not in in_2005
    bold = {r["country"] for r in rows_for_year(data, 2014) if r["customs_union"]}
    assert bold == {"RUS", "KAZ"}


def test_render_writes_every_file_and_caches(data_dir: Path, tmp_path: Path) -> None:
    data = load_all(data_dir)
    definition = discover()["memberships"]
    first = render_one(definition, data, tmp_path)
    assert not first.cached
    for name in ("spec.vl.json", "spec.vg.json", "chart.svg", "chart-dark.svg", "chart.png", "hits.json", "data.csv",
                 "data.json"):
        assert (first.directory / name).stat().st_size > 0
    again = render_one(definition, data, tmp_path)
    assert again.cached and again.figure.chart is None  # read back, not built
    assert again.figure.description == first.figure.description
    # a dataset the figure never read changes: still read back without building
    claims = data_dir / "claims.yaml"
    claims.write_text(claims.read_text().replace("value: 167,", "value: 168,"))
    assert render_one(definition, load_all(data_dir), tmp_path).figure.chart is None
    # change the data it plots: the figure is built and rendered again
    path = data_dir / "memberships.yaml"
    path.write_text(path.read_text().replace("to: 2009-08-18", "to: 2008-08-18"))
    again = render_one(definition, load_all(data_dir), tmp_path)
    assert not again.cached and again.directory != first.directory


def test_a_chart_whose_hit_map_cannot_be_drawn_stops_the_build_naming_its_module(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(spec: dict) -> dict:
        raise HitMapError("a rain mark takes the pointer")

    monkeypatch.setattr(render, "hit_map", refuse)
    with pytest.raises(BuildError) as raised:
        render_one(discover()["memberships"], load_all(data_dir), tmp_path)
    message = str(raised.value)
    assert "build_scripts/figures/charts/memberships.py" in message and "a rain mark takes the pointer" in message
    assert not list(tmp_path.rglob("*.svg"))  # nothing half-written is left in the cache


def test_static_svg_ids_are_namespaced() -> None:
    svg = '<svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/></svg>'
    out = namespace_svg(svg, "fig-a")
    assert 'id="fig-a-clip1"' in out and "url(#fig-a-clip1)" in out and 'href="#fig-a-clip1"' in out
    assert 'id="clip1"' not in out


def test_dark_render_swaps_every_palette_colour(data_dir: Path, tmp_path: Path) -> None:
    """The dark palette's static chart: each light colour drawn as its dark form, and nothing else changed."""
    rendered = render_one(discover()["memberships"], load_all(data_dir), tmp_path)
    light = (rendered.directory / "chart.svg").read_text()
    dark = (rendered.directory / "chart-dark.svg").read_text()
    swapped = 0
    for name, (light_colour, dark_colour) in palette.PALETTE.items():
        for prop in ("fill", "stroke"):
            used = light.count(f'{prop}="{light_colour}"')
            assert f'{prop}="{light_colour}"' not in dark, (name, prop)
            assert dark.count(f'{prop}="{dark_colour}"') >= used, (name, prop)
            swapped += used
    assert swapped > 0
    assert palette.PAINT.sub("", light) == palette.PAINT.sub("", dark)  # only the colours differ
    assert palette.dark_svg('<rect fill="#FFFFFF" stroke="black"/>') == '<rect fill="#1e2129" stroke="black"/>'


def test_csv_download_neutralises_formulas(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "countries.yaml"
    path.write_text(path.read_text().replace("name: Belarus", "name: '=HYPERLINK(1)'"))
    rendered = render_one(discover()["memberships"], load_all(data_dir), tmp_path)
    csv_text = (rendered.directory / "data.csv").read_text()
    assert "'=HYPERLINK(1)" in csv_text and ",=HYPERLINK" not in csv_text
    assert "\n2014," in csv_text  # numbers stay numbers


def test_a_frozen_membership_stays_a_membership_with_its_own_mark() -> None:
    """Armenia froze its CSTO participation in 2024 but did not leave: it stays in the column, as a ring."""
    from build_scripts.data.datasets import load_all
    from build_scripts.figures.charts import memberships

    data = load_all()
    rows = memberships.rows_for_year(data, 2025)
    (armenia,) = [r for r in rows if r["country"] == "ARM" and r["column"] == "CSTO"]
    assert armenia["status"] == memberships.FROZEN
    assert "A ring marks a member that has frozen its participation but not left: Armenia in the CSTO." in \
        memberships.describe(rows, 2025)
    spec = json.dumps(discover()["memberships"].build(data).chart.to_dict())
    assert '"filled": false' in spec and "(datum.status === 'frozen')" in spec
    assert not [r for r in memberships.rows_for_year(data, 2014) if r["status"] == memberships.FROZEN]


RENDER_ONCE = """
import sys
from pathlib import Path

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import discover
from build_scripts.figures.render import render_one

rendered = render_one(discover()["china-loans"], load_all(Path("data")), Path(sys.argv[1]))
print("cached" if rendered.cached else "rendered", rendered.figure.description)
"""


def test_editing_a_helper_a_figure_imports_renders_it_again(tmp_path: Path) -> None:
    """The figure's cache key covers every module it imports, here the way numbers are formatted."""
    from build_scripts.figures.dependencies import code_files

    assert ROOT / "build_scripts" / "data" / "quantities.py" in code_files("build_scripts.figures.charts.china_loans")
    for name in ("build_scripts", "data"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))

    def render() -> str:
        result = subprocess.run([sys.executable, "-c", RENDER_ONCE, str(tmp_path / "cache")], cwd=tmp_path,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert render().startswith("rendered")
    assert render().startswith("cached")
    helper = tmp_path / "build_scripts" / "data" / "quantities.py"
    helper.write_text(helper.read_text().replace('return f"{int(value):,}"', 'return f"{int(value):,} (edited)"'))
    again = render()
    assert again.startswith("rendered") and "(edited)" in again
