"""The whole published site: the latest edition at the root, and every edition at its fixed address.

    site/            the latest edition (the working tree)
    site/v/1.1/      the same edition, at the address its citations give
    site/v/1.0/      an earlier edition, built from its release tag, with a banner linking to the latest
    site/v/*/multivector-v*.pdf   each edition's whole essay as a PDF
    site/v/*/multivector-v*.epub  and as an EPUB (written by the edition's own build)
    site/v/*/handouts/*.pdf       each chapter's two-page handout, on A4 and on US Letter

Earlier editions are built from their tags (a git worktree each) with the current tools, so a
citation of v1.0 keeps pointing at v1.0's own text. Everything is built beside site/ and swapped in
only when every edition and PDF is done.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.editions import versions
from build_scripts.editions.release import load_release
from build_scripts.editions.versions import Version
from build_scripts.errors import BuildError, Problem
from build_scripts.paths import BUILD, NODE_MODULES, ROOT
from build_scripts.publish import pdf
from build_scripts.site.after_mkdocs import add_banners
from build_scripts.site.mkdocs_run import beside, replace_folder


def build_working_tree(config: Config) -> None:
    pipeline.generate(config)
    pipeline.render_site(config)


def build_release(config: Config, version: Version) -> None:
    """Build an earlier edition from its release tag, in a worktree of its own, with that release's own
    build (told what to build through its environment, which every release's command line reads)."""
    source = BUILD / "editions" / version.tag
    shutil.rmtree(source, ignore_errors=True)
    versions.git(["worktree", "prune"])
    if versions.git(["worktree", "add", "--detach", str(source), version.tag]) is None:
        raise BuildError([Problem(version.tag, None, "cannot check out this release tag")])
    try:
        if not (source / "node_modules").exists():
            (source / "node_modules").symlink_to(NODE_MODULES)  # the vendored scripts come from here
        (source / "build").mkdir(exist_ok=True)
        config.cache.mkdir(parents=True, exist_ok=True)
        (source / "build" / "cache").symlink_to(config.cache)  # artefacts are keyed by their inputs: safe to share
        result = subprocess.run([sys.executable, "-m", "build_scripts", "build"], cwd=source,
                                env=config.build_environment(), capture_output=True, text=True)
        if result.returncode != 0:
            lines = (result.stderr + result.stdout).strip().splitlines()[-15:]
            raise BuildError([Problem(version.tag, None, "the release does not build:\n  " + "\n  ".join(lines))])
        shutil.rmtree(config.site, ignore_errors=True)
        config.site.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source / "site"), config.site)
    finally:
        versions.git(["worktree", "remove", "--force", str(source)])


def publish(config: Config) -> list[str]:
    """Build every edition and its PDF into a staging folder, then swap it in; returns what was made."""
    root_url = config.addresses.root_url()
    root_path = config.addresses.root_path()
    latest = Version.parse(load_release().version)
    staging = beside(config.site, ".publish")
    shutil.rmtree(staging, ignore_errors=True)
    made = []
    printed = config.but(print_pdfs=True)
    build_working_tree(printed.but(site_url=root_url, docs=BUILD / "docs", site=staging))
    build_working_tree(printed.but(site_url=root_url + latest.path, docs=BUILD / "docs-edition",
                                   site=staging / latest.path))
    made.append(f"{latest.edition} (latest: / and /{latest.path})")
    earlier = versions.earlier(latest, ROOT)
    for version in earlier:
        build_release(printed.but(site_url=root_url + version.path, site=staging / version.path), version)
        pages = add_banners(staging / version.path, version, latest, staging, root_path)
        made.append(f"{version.edition} (from {version.tag}, banner on {pages} pages)")
    editions = [latest, *earlier]
    pdf.print_pdfs(config, staging, root_path, [(f"{v.path}print/", v.edition, staging / v.path / versions.pdf_name(v))
                                                for v in editions],
                   pdf.handout_jobs(staging, [(v.path, v.edition) for v in editions]))
    replace_folder(config.site, staging)
    return made
