"""Stage three: build every figure and render its files, reusing renders whose input is unchanged.

For each figure: the Vega-Lite spec, the Vega spec the browser runs, a static SVG and a PNG
(rendered here, with no browser), and the plotted rows as CSV and JSON. Rendering is the slow
part, so its results are cached under a hash of everything that affects them.
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

from . import theme
from .datasets import Datasets
from .figures import Figure, FigureDef, discover
from .paths import CACHE
from .tables import to_csv, to_json

RENDER_VERSION = "1"  # bump when the rendering below changes in a way the spec hash cannot see


@dataclass
class Rendered:
    """A figure with its files on disk."""

    definition: FigureDef
    figure: Figure
    directory: Path  # holds spec.vl.json, spec.vg.json, chart.svg, chart.png, data.csv, data.json
    width: float
    height: float
    cached: bool

    @property
    def id(self) -> str:
        return self.definition.id

    def svg(self) -> str:
        return (self.directory / "chart.svg").read_text(encoding="utf-8")


def vega_lite_spec(fig: Figure) -> dict[str, Any]:
    chart = fig.chart.configure(**theme.config())
    spec = chart.to_dict()
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


def render_one(definition: FigureDef, data: Datasets, cache: Path = CACHE) -> Rendered:
    fig = definition.build(data)
    spec = vega_lite_spec(fig)
    spec_text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    columns = [c.key for c in fig.columns]
    key = _hash(RENDER_VERSION, vlc.__version__, spec_text, json.dumps(fig.rows, sort_keys=True, default=str),
                json.dumps(columns))
    directory = cache / f"{definition.id}-{key}"
    cached = (directory / "done").exists()
    if not cached:
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        (tmp / "spec.vl.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False), encoding="utf-8")
        vega = vlc.vegalite_to_vega(spec)
        (tmp / "spec.vg.json").write_text(json.dumps(vega, separators=(",", ":"), ensure_ascii=False),
                                          encoding="utf-8")
        svg = namespace_svg(vlc.vegalite_to_svg(spec), f"fig-{definition.id}")
        (tmp / "chart.svg").write_text(svg, encoding="utf-8")
        (tmp / "chart.png").write_bytes(vlc.vegalite_to_png(spec, scale=2))
        (tmp / "data.csv").write_text(to_csv(fig.rows, columns), encoding="utf-8")
        (tmp / "data.json").write_text(to_json(fig.rows, columns), encoding="utf-8")
        (tmp / "done").write_text(key)
        shutil.rmtree(directory, ignore_errors=True)
        tmp.rename(directory)
    width, height = svg_size((directory / "chart.svg").read_text(encoding="utf-8"))
    return Rendered(definition, fig, directory, width, height, cached)


def svg_size(svg: str) -> tuple[float, float]:
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
    if not match:
        raise ValueError("rendered SVG has no width and height")
    return float(match.group(1)), float(match.group(2))


def render_all(data: Datasets, cache: Path = CACHE, only: set[str] | None = None) -> dict[str, Rendered]:
    """Build and render every registered figure (or only those named)."""
    return {fid: render_one(definition, data, cache) for fid, definition in sorted(discover().items())
            if only is None or fid in only}
