"""MkDocs renders the generated docs tree into a fresh folder, which then replaces the site at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from build_scripts.config import Config
from build_scripts.errors import BuildError, Problem
from build_scripts.paths import ROOT
from build_scripts.site.after_mkdocs import apply_csp


def render(config: Config) -> None:
    """Render config.docs into config.site: `site/` is never half-written."""
    staging = beside(config.site, ".new")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
        cwd=ROOT, env=config.mkdocs_environment(), capture_output=True, text=True,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        lines = [ln for ln in (result.stderr + result.stdout).splitlines() if ln.strip()]
        raise BuildError([Problem("mkdocs.yml", None, "MkDocs failed: " + "\n  ".join(lines[-20:]))])
    apply_csp(staging)
    replace_folder(config.site, staging)


def beside(folder: Path, suffix: str) -> Path:
    """A folder next to `folder` (on the same file system, so that it can be renamed into place)."""
    return folder.with_name(folder.name + suffix)


def replace_folder(target: Path, finished: Path) -> None:
    """Put `finished` where `target` is, by renames: readers of `target` see the old or the new, whole."""
    old = beside(target, ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    finished.rename(target)
    shutil.rmtree(old, ignore_errors=True)
