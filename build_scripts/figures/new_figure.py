"""`make new-figure NAME=… PAGE=…`: a working figure module, its test, and its placement on a page.

The new figure draws real data (how many of the chapter's numbers each section states) so that it
builds, renders and passes its test at once; its author then replaces the data and the chart.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.paths import ROOT

MODULE = '''"""{title}."""

from __future__ import annotations

from collections import Counter

import altair as alt

from build_scripts.data.datasets import Datasets
from build_scripts.data.models import SECTION_TITLES
from build_scripts.figures.palette import WIDTH, colour
from build_scripts.figures.registry import Column, Figure, figure


@figure("{fid}", title="{title}", caption="A new figure: replace this caption with what the figure shows.")
def build(data: Datasets) -> Figure:
    counts = Counter(claim.section for claim in data.records("claims"))
    rows = [{{"section": SECTION_TITLES[s], "claims": n}} for s, n in sorted(counts.items())]
    chart = alt.Chart(alt.Data(name="rows")).mark_bar(color=colour("economic")).encode(
        x=alt.X("claims:Q", title="Numbers stated"),
        y=alt.Y("section:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("section:N", title="Section"), alt.Tooltip("claims:Q", title="Numbers stated")],
    ).properties(width=WIDTH - 150)
    top = max(rows, key=lambda r: r["claims"])
    return Figure(
        chart=chart,
        rows=rows,
        columns=[Column("section", "Section of the chapter"), Column("claims", "Numbers stated")],
        description=f"The section stating the most numbers is {{top['section']}}, with {{top['claims']}}.",
        sources=sorted({{claim.source for claim in data.records("claims")}}),
    )
'''

TEST = '''"""The {fid} figure draws the data it says it draws."""

from build_scripts.data.datasets import load_all
from build_scripts.figures.registry import discover


def test_{name}_rows_and_description() -> None:
    fig = discover()["{fid}"].build(load_all())
    assert fig.rows and all(set(row) == {{"section", "claims"}} for row in fig.rows)
    assert str(max(row["claims"] for row in fig.rows)) in fig.description
'''


def create(fid: str, page: str, root: Path = ROOT) -> list[Path]:
    """Write the module and the test, and place the figure at the end of `page`; return the files touched."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", fid):
        raise ValueError(f"figure id '{fid}' must be lower-case letters, digits and hyphens")
    name = fid.replace("-", "_")
    module = root / "build_scripts" / "figures" / "charts" / f"{name}.py"
    test = root / "tests" / f"test_figure_{name}.py"
    target = root / page
    for path in (module, test):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists")
    if not target.exists():
        raise ValueError(f"page {page} does not exist")
    title = fid.replace("-", " ").capitalize()
    module.write_text(MODULE.format(fid=fid, title=title), encoding="utf-8")
    test.write_text(TEST.format(fid=fid, name=name), encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8").rstrip() + f"\n\n```figure\n{fid}\n```\n", encoding="utf-8")
    return [module, test, target]
