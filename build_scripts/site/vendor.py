"""Vendor the browser's JavaScript from registry packages at build time (never from a CDN).

Vega's runtime comes from the npm `vega` package; its expression interpreter (which lets Vega run
without `eval`, under a strict Content Security Policy) is bundled from `vega-interpreter`.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

from build_scripts.errors import BuildError, Problem
from build_scripts.paths import CACHE, NODE_MODULES, ROOT

INTERPRETER_ENTRY = (
    "import { expressionInterpreter } from 'vega-interpreter';\n"
    "window.vegaExpressionInterpreter = expressionInterpreter;\n"
)


def _missing(what: str) -> BuildError:
    return BuildError([Problem("package.json", None, f"{what} is missing: run `npm ci` (make does this for you)")])


def vendor_files(node_modules: Path = NODE_MODULES, cache: Path = CACHE) -> dict[str, Path]:
    """Files to publish under assets/vendor/, by name."""
    vega = node_modules / "vega" / "build" / "vega.min.js"
    esbuild = node_modules / ".bin" / "esbuild"
    if not vega.exists():
        raise _missing("node_modules/vega")
    if not esbuild.exists():
        raise _missing("node_modules/.bin/esbuild")
    lock = (ROOT / "package-lock.json").read_bytes()
    key = hashlib.sha256(lock + INTERPRETER_ENTRY.encode()).hexdigest()[:16]
    bundle = cache / f"vendor-{key}" / "vega-interpreter.min.js"
    if not bundle.exists():
        bundle.parent.mkdir(parents=True, exist_ok=True)
        entry = bundle.parent / "entry.js"
        entry.write_text(INTERPRETER_ENTRY)
        result = subprocess.run(
            [str(esbuild), str(entry), "--bundle", "--minify", "--format=iife", f"--outfile={bundle}"],
            cwd=ROOT, capture_output=True, text=True,
        )
        if result.returncode != 0:
            shutil.rmtree(bundle.parent, ignore_errors=True)
            message = f"bundling vega-interpreter failed: {result.stderr.strip()}"
            raise BuildError([Problem("package.json", None, message)])
    return {"vega.min.js": vega, "vega-interpreter.min.js": bundle}
