"""Would the site move to Zensical? Build the generated docs tree with both MkDocs and Zensical and
compare every page's ids and meta tags. Run with `make zensical-check`; exits 1 on any difference.

Zensical (the newest version that installs from the package index) goes into build/zensical-venv,
apart from the project's own environment. Entity spelling is normalised before comparing (Zensical
writes "/" as "&#x2f;" inside attributes; both mean the same text). Expected differences, printed
but not failing: the `generator` tag, and the ids of Zensical's own skip link and table of contents.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.paths import BUILD, DOCS, ROOT

VENV = BUILD / "zensical-venv"
EXPECTED_IDS = {"__skip", "__toc"}
EXPECTED_META = {"generator"}


def zensical() -> Path:
    binary = VENV / "bin" / "zensical"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", "zensical"], check=True)
    return binary


def page_facts(site: Path) -> dict[str, tuple[set[str], dict[str, str]]]:
    facts = {}
    for page in site.rglob("index.html"):
        name = page.parent.relative_to(site).as_posix()
        if name.startswith(("search", "figures")):
            continue
        text = page.read_text(encoding="utf-8")
        ids = {html.unescape(i) for i in re.findall(r'\sid="([^"]+)"', text)}
        pairs = re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', text)
        metas = {k: html.unescape(v) for k, v in pairs}
        facts[name] = (ids, metas)
    return facts


def main() -> int:
    built = Config(site=BUILD / "mkdocs-site")
    pipeline.generate(built)
    pipeline.render_site(built)
    config = ROOT / ".zensical-check.yml"  # Zensical wants its config and docs inside the project
    config.write_text((ROOT / "mkdocs.yml").read_text().replace("site_dir: site", "site_dir: build/zensical-site"))
    try:
        version = subprocess.run([str(zensical()), "--version"], capture_output=True, text=True).stdout.strip()
        result = subprocess.run([str(zensical()), "build", "-f", config.name], cwd=ROOT, capture_output=True,
                                text=True, env={**os.environ, "MULTIVECTOR_DOCS_DIR": str(DOCS.relative_to(ROOT))})
    finally:
        config.unlink()
    print(f"zensical {version}: {result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr}")
    if result.returncode != 0:
        return 1
    ours, theirs = page_facts(BUILD / "mkdocs-site"), page_facts(BUILD / "zensical-site")
    differences = 0
    for name in sorted(set(ours) | set(theirs)):
        if name not in ours or name not in theirs:
            print(f"{name or '/'}: built by only one of the two")
            differences += 1
            continue
        (ids_a, meta_a), (ids_b, meta_b) = ours[name], theirs[name]
        id_diff = (ids_a ^ ids_b) - EXPECTED_IDS
        meta_diff = {k for k in meta_a.keys() | meta_b.keys() if meta_a.get(k) != meta_b.get(k)} - EXPECTED_META
        if id_diff or meta_diff:
            differences += 1
            print(f"{name or '/'}: ids differ {sorted(id_diff)[:8]}; meta tags differ {sorted(meta_diff)}")
    print(f"{len(ours)} pages compared: {differences} with differences beyond the expected ones "
          f"(generator tag; ids {', '.join(sorted(EXPECTED_IDS))})")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
