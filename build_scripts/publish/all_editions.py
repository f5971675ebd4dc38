"""The whole published site: the latest edition at the root, and every edition at its fixed address.

    site/            the latest edition (the working tree)
    site/v/1.1/      the same edition, at the address its citations give
    site/v/1.0/      an earlier edition, built from its release tag, with a banner linking to the latest
    site/v/*/multivector-v*.pdf   each edition's whole essay as a PDF

Earlier editions are built from their tags (a git worktree each) with the current tools, so a
citation of v1.0 keeps pointing at v1.0's own text. Everything is built beside site/ and swapped in
only when every edition and PDF is done.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from build_scripts import pipeline
from build_scripts.cite import addresses
from build_scripts.editions import versions
from build_scripts.editions.release import load_release
from build_scripts.editions.versions import Version
from build_scripts.errors import BuildError, Problem
from build_scripts.paths import BUILD, CACHE, NODE_MODULES, ROOT, SITE
from build_scripts.publish import pdf

ARTICLE = '<article class="md-content__inner md-typeset">'


@contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_working_tree(site_url: str, target: Path, docs: Path) -> None:
    with environment(SITE_URL=site_url, **{versions.PDF_ENV: "1"}):
        pipeline.generate(docs=docs)
        pipeline.mkdocs_build(docs=docs, site=target)


def build_release(version: Version, site_url: str, target: Path) -> None:
    """Build an earlier edition from its release tag, in a worktree of its own."""
    source = BUILD / "editions" / version.tag
    shutil.rmtree(source, ignore_errors=True)
    versions.git(["worktree", "prune"])
    if versions.git(["worktree", "add", "--detach", str(source), version.tag]) is None:
        raise BuildError([Problem(version.tag, None, "cannot check out this release tag")])
    try:
        if not (source / "node_modules").exists():
            (source / "node_modules").symlink_to(NODE_MODULES)  # the vendored scripts come from here
        (source / "build").mkdir(exist_ok=True)
        CACHE.mkdir(parents=True, exist_ok=True)
        (source / "build" / "cache").symlink_to(CACHE)  # figure artefacts are keyed by their inputs: safe to share
        env = {**os.environ, "SITE_URL": site_url, versions.PDF_ENV: "1", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([sys.executable, "-m", "build_scripts", "build"], cwd=source, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            lines = (result.stderr + result.stdout).strip().splitlines()[-15:]
            raise BuildError([Problem(version.tag, None, "the release does not build:\n  " + "\n  ".join(lines))])
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source / "site"), target)
    finally:
        versions.git(["worktree", "remove", "--force", str(source)])


def banner(version: Version, latest: Version, href: str) -> str:
    return (f'<div class="admonition warning mv-edition-banner" role="note"><p class="admonition-title">'
            f"An earlier edition</p><p>This is edition {version.edition} of the essay, kept unchanged at this "
            f"address so that citations of it still lead here. The latest edition is {latest.edition}: "
            f'<a href="{html.escape(href)}">read this page in the latest edition</a>.</p></div>')


def add_banners(edition_dir: Path, version: Version, latest: Version, latest_dir: Path, root_path: str) -> int:
    """Put the banner at the top of every page of an earlier edition; returns the pages marked."""
    marked = 0
    for page in sorted(edition_dir.rglob("index.html")):
        folder = page.parent.relative_to(edition_dir).as_posix()
        path = "" if folder == "." else folder + "/"
        text = page.read_text(encoding="utf-8")
        if ARTICLE not in text:
            raise BuildError([Problem(str(page), None, "no article element to put the edition banner in")])
        same_page = latest_dir / path / "index.html"
        href = root_path + (path if same_page.exists() else "")
        page.write_text(text.replace(ARTICLE, ARTICLE + banner(version, latest, href), 1), encoding="utf-8")
        marked += 1
    return marked


def publish(site: Path = SITE) -> list[str]:
    """Build every edition and its PDF into a staging folder, then swap it in; returns what was made."""
    root_url = addresses.root_url()
    root_path = versions.root_path()
    latest = Version.parse(load_release().version)
    staging = site.with_name(site.name + ".publish")
    shutil.rmtree(staging, ignore_errors=True)
    made = []
    build_working_tree(root_url, staging, BUILD / "docs")
    build_working_tree(root_url + latest.path, staging / latest.path, BUILD / "docs-edition")
    made.append(f"{latest.edition} (latest: / and /{latest.path})")
    earlier = versions.earlier(latest, ROOT)
    for version in earlier:
        build_release(version, root_url + version.path, staging / version.path)
        pages = add_banners(staging / version.path, version, latest, staging, root_path)
        made.append(f"{version.edition} (from {version.tag}, banner on {pages} pages)")
    pdf.print_pdfs(staging, root_path, [(f"{v.path}print/", v.edition, staging / v.path / versions.pdf_name(v))
                                        for v in [latest, *earlier]])
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return made
