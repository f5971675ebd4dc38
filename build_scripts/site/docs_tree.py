"""The generated docs tree that MkDocs renders, and the downloads beside it (pipeline.write_docs).

The tree is assembled in memory as {relative path: bytes}, then synced into build/docs: only files
whose bytes changed are written, so a live-reloading server rebuilds only what changed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from build_scripts.data import json_schemas
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import MODELS
from build_scripts.data.tables import to_csv, to_json
from build_scripts.figures import palette
from build_scripts.figures.render import Rendered
from build_scripts.paths import DOCS, SITE_CONFIG
from build_scripts.site.vendor import vendor_files

FIGURE_FILES = ("spec.vl.json", "spec.vg.json", "chart.svg", "chart-dark.svg", "chart.png", "hits.json", "data.csv",
                "data.json")


def dataset_rows(data: Datasets, name: str) -> tuple[list[dict[str, object]], list[str]]:
    """A dataset as flat rows with its fields' published names (e.g. `from`, `container-title`)."""
    model = MODELS[name]
    provenance = ("source", "locator", "note")  # the Record fields, last: a row reads as fact, then source
    keys = [k for k in model.model_fields if k not in provenance] + [k for k in provenance if k in model.model_fields]
    columns = [model.model_fields[k].alias or k for k in keys]
    rows = []
    for record in data.records(name):
        row = record.model_dump(by_alias=True, mode="json")
        rows.append({c: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                     for c, v in row.items()})
    return rows, columns


def tree(pages: dict[str, str], figures: dict[str, Rendered], data: Datasets,
         anchor_map: dict[str, dict[str, str]] | None = None) -> dict[str, bytes]:
    """Every file of the generated docs tree."""
    files: dict[str, bytes] = {name: text.encode("utf-8") for name, text in pages.items()}
    if anchor_map is not None:  # read by the browser to forward old or misplaced links
        files["anchor-map.json"] = json.dumps(anchor_map, sort_keys=True).encode("utf-8")
    for fid, rendered in figures.items():
        for name in FIGURE_FILES:
            files[f"figures/{fid}/{name}"] = (rendered.directory / name).read_bytes()
        if rendered.figure.states:
            files[f"figures/{fid}/states.json"] = json.dumps(
                {str(k): v for k, v in rendered.figure.states.items()}, ensure_ascii=False).encode("utf-8")
    for name in MODELS:
        rows, columns = dataset_rows(data, name)
        files[f"data/{name}.csv"] = to_csv(rows, columns).encode("utf-8")
        files[f"data/{name}.json"] = to_json([r.model_dump(by_alias=True, mode="json")
                                              for r in data.records(name)], columns).encode("utf-8")
    for folder in ("css", "js"):
        for path in sorted((SITE_CONFIG / folder).glob("*")):
            files[f"assets/{folder}/{path.name}"] = path.read_bytes()
    files["assets/css/figure-palette.css"] = palette.dark_css().encode("utf-8")
    for name, text in json_schemas.rendered().items():  # the datasets' JSON Schemas, for anyone reusing the data
        files[f"schemas/{name}"] = text.encode("utf-8")
    for name, path in vendor_files().items():
        files[f"assets/vendor/{name}"] = path.read_bytes()
    return files


def sync(files: dict[str, bytes], target: Path = DOCS) -> list[str]:
    """Make `target` hold exactly `files`, touching only what differs; return the paths written."""
    written = []
    for rel_path, content in sorted(files.items()):
        path = target / rel_path
        if path.exists() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
        written.append(rel_path)
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            rel_path = path.relative_to(target).as_posix()
            if path.is_file() and rel_path not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)
    return written
