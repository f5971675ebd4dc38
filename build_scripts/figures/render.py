"""Building every figure and rendering its files, reusing renders whose input is unchanged.

For each figure: the Vega-Lite spec, the Vega spec the browser runs, a static SVG per palette and a
PNG (rendered here, with no browser), the static chart's hit map (figures/hits.py), and the plotted
rows as CSV and JSON. Building and rendering are the slow part, so both are cached: a figure whose
code (its module and all it imports of build_scripts: figures/dependencies.py) and whose datasets
(the ones it read last time) are unchanged is read back from the cache without being built at all; a
figure whose spec comes out the same as before is not rendered again.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vl_convert as vlc

from build_scripts.data.datasets import Datasets
from build_scripts.data.tables import to_csv, to_json
from build_scripts.errors import BuildError, Problem
from build_scripts.figures import palette
from build_scripts.figures.dependencies import code_files
from build_scripts.figures.hits import HitMapError, hit_map
from build_scripts.figures.registry import Figure, FigureDef, discover
from build_scripts.paths import CACHE, ROOT

ROWS = "rows"  # a figure's charts can read `alt.Data(name="rows")`: exactly Figure.rows
RENDER_VERSION = "3"  # bump when the rendering below changes in a way the spec hash cannot see


@dataclass
class Rendered:
    """A figure with its files on disk."""

    definition: FigureDef
    figure: Figure
    directory: Path  # holds the files of site/docs_tree.py's FIGURE_FILES, and figure.json
    width: float
    height: float
    cached: bool  # True when nothing had to be rendered

    @property
    def id(self) -> str:
        return self.definition.id

    def svg(self) -> str:
        return (self.directory / "chart.svg").read_text(encoding="utf-8")


class ReadLog(Datasets):
    """The datasets, noting which ones a figure reads (so its cache knows what it depends on)."""

    def __init__(self, data: Datasets) -> None:
        super().__init__(data.items)
        self.read: set[str] = set()

    def touch(self, name: str) -> None:
        self.read.add(name)


def vega_lite_spec(fig: Figure) -> dict[str, Any]:
    # Altair's own schema validation is slow (seconds per build); vl-convert validates the spec
    # whenever it renders one, and a spec is only ever cached after it rendered.
    assert fig.chart is not None
    spec = fig.chart.to_dict(validate=False)
    spec["config"] = palette.config()
    if f'"name": "{ROWS}"' in json.dumps(spec):
        spec["datasets"] = {**spec.get("datasets", {}), ROWS: fig.rows}  # charts may name the plotted rows
    spec.pop("$schema", None)
    return spec


def namespace_svg(svg: str, prefix: str) -> str:
    """Prefix every internal id, so several inlined charts never share a clip-path id."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def code_digest(definition: FigureDef) -> str:
    """The code behind a figure's output: its module and this one, with all they import of build_scripts."""
    files = sorted(set(code_files(definition.module)) | set(code_files(__name__)))
    return _hash(*(f"{path.relative_to(ROOT)}\0{path.read_text(encoding='utf-8')}" for path in files))


def input_key(definition: FigureDef, data: Datasets, reads: list[str]) -> str:
    """What a figure's output depends on: code, renderer, and the datasets it read."""
    digests = [f"{name}:{data.items[name].digest}" for name in reads if name in data.items]
    return _hash(RENDER_VERSION, vlc.__version__, code_digest(definition), *digests)


def _write_render(directory: Path, spec: dict[str, Any], fig: Figure, definition: FigureDef) -> None:
    fid = definition.id
    vega = vlc.vegalite_to_vega(spec)
    try:  # before anything is written: a chart the map cannot describe leaves no half-written render
        hits = hit_map(vega)
    except HitMapError as error:
        raise BuildError([Problem(definition.module.replace(".", "/") + ".py", None,
                                  f"figure {fid}: the static chart's hit map: {error}")]) from error
    tmp = directory.with_name(directory.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    columns = [c.key for c in fig.columns]
    (tmp / "spec.vl.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False), encoding="utf-8")
    (tmp / "spec.vg.json").write_text(json.dumps(vega, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    svg = namespace_svg(vlc.vegalite_to_svg(spec), f"fig-{fid}")
    (tmp / "chart.svg").write_text(svg, encoding="utf-8")
    (tmp / "chart-dark.svg").write_text(palette.dark_svg(svg), encoding="utf-8")
    (tmp / "chart.png").write_bytes(vlc.vegalite_to_png(spec, scale=2))
    (tmp / "hits.json").write_text(json.dumps(hits, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    (tmp / "data.csv").write_text(to_csv(fig.rows, columns), encoding="utf-8")
    (tmp / "data.json").write_text(to_json(fig.rows, columns), encoding="utf-8")
    (tmp / "figure.json").write_text(json.dumps(fig.to_json(), ensure_ascii=False, default=str), encoding="utf-8")
    (tmp / "done").write_text("")
    shutil.rmtree(directory, ignore_errors=True)
    tmp.rename(directory)


def _from_directory(definition: FigureDef, fig: Figure, directory: Path, cached: bool) -> Rendered:
    width, height = svg_size((directory / "chart.svg").read_text(encoding="utf-8"))
    return Rendered(definition, fig, directory, width, height, cached)


def render_one(definition: FigureDef, data: Datasets, cache: Path = CACHE) -> Rendered:
    """Build and render one figure, or read it back when neither its code nor its data changed."""
    index_file = cache / f"{definition.id}.json"
    if index_file.exists():
        entry = json.loads(index_file.read_text(encoding="utf-8"))
        directory = cache / entry["directory"]
        if entry["key"] == input_key(definition, data, entry["reads"]) and (directory / "done").exists():
            fig = Figure.from_json(json.loads((directory / "figure.json").read_text(encoding="utf-8")))
            return _from_directory(definition, fig, directory, cached=True)
    log = ReadLog(data)
    fig = definition.build(log)
    spec = vega_lite_spec(fig)
    spec_key = _hash(RENDER_VERSION, vlc.__version__, json.dumps(spec, sort_keys=True, ensure_ascii=False),
                     json.dumps(fig.to_json(), sort_keys=True, default=str))
    directory = cache / f"{definition.id}-{spec_key}"
    cached = (directory / "done").exists()
    if not cached:
        _write_render(directory, spec, fig, definition)
    reads = sorted(log.read)
    index_file.write_text(json.dumps({"key": input_key(definition, data, reads), "reads": reads,
                                      "directory": directory.name}), encoding="utf-8")
    return _from_directory(definition, fig, directory, cached)


def svg_size(svg: str) -> tuple[float, float]:
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
    if not match:
        raise ValueError("rendered SVG has no width and height")
    return float(match.group(1)), float(match.group(2))


def render_all(data: Datasets, cache: Path = CACHE, only: set[str] | None = None) -> dict[str, Rendered]:
    """Build and render every registered figure (or only those named)."""
    return {fid: render_one(definition, data, cache) for fid, definition in sorted(discover().items())
            if only is None or fid in only}
