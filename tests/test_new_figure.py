"""`make new-figure` gives a figure that builds, is placed, and passes its own test at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from build_scripts.paths import ROOT

KEEP = ("build_scripts", "content", "data", "site_config", "anchors.json", "typed-values.yaml")


def test_new_figure_works_at_once(tmp_path: Path) -> None:
    for name in KEEP:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    (tmp_path / "tests").mkdir()
    run = lambda *args: subprocess.run([sys.executable, "-m", *args], cwd=tmp_path, capture_output=True, text=True)  # noqa: E731
    made = run("build_scripts", "new-figure", "claims-by-section", "--page", "content/timeline.md")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "build_scripts" / "figures" / "charts" / "claims_by_section.py").exists()
    checked = run("build_scripts", "check")
    assert checked.returncode == 0, checked.stderr  # placed, and the page still checks clean
    tested = run("pytest", "-q", "-p", "no:cacheprovider", "tests/test_figure_claims_by_section.py")
    assert tested.returncode == 0, tested.stdout
    again = run("build_scripts", "new-figure", "claims-by-section", "--page", "content/timeline.md")
    assert again.returncode == 1 and "already exists" in again.stderr
