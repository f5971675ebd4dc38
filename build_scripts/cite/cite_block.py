"""What every page carries for citing it: its edition in the front matter, and a closing
"Cite this page" block that works without JavaScript and prints (the browser adds cite buttons
for sections, figures and paragraphs from the same templates)."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from build_scripts.cite import formats
from build_scripts.data import dates
from build_scripts.editions import versions
from build_scripts.editions.release import Release
from build_scripts.paths import ROOT


def last_updated(path: Path, fallback: dt.date) -> dt.date:
    """The date of the last commit that touched a content file (the release date if none)."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return fallback
    text = result.stdout.strip()
    return dt.date.fromisoformat(text) if result.returncode == 0 and text else fallback


def edition_meta(path: Path, release: Release) -> dict[str, Any]:
    """Front-matter keys the theme templates read (version, dates) for metadata and display."""
    return {
        "version": release.version,
        "released": release.released.isoformat(),
        "first_published": release.first_published.isoformat(),
        "updated": last_updated(path, release.released).isoformat(),
    }


GITHUB_REMOTE = re.compile(r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
                           r"(?P<path>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def repository_url(root: Path = ROOT) -> str:
    """The repository's web address: REPO_URL if set, else the `origin` remote when it is on GitHub
    (so that `make publish` in any clone of it links the right tracker), else nothing."""
    if os.environ.get("REPO_URL"):
        return os.environ["REPO_URL"].rstrip("/")
    try:
        result = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    match = GITHUB_REMOTE.match(result.stdout.strip()) if result.returncode == 0 else None
    return f"https://github.com/{match['path']}" if match else ""


def report_link(title: str, url: str, version: str) -> str:
    """A link that opens a new issue in the repository's tracker, prefilled with the page and edition.

    Without a known repository (no REPO_URL, no GitHub remote) there is no link, rather than a guessed
    one. The browser adds the passage's #anchor when it is clicked.
    """
    repo = repository_url()
    if not repo:
        return ""
    query = urlencode({"title": f"Error on “{title}”",
                       "body": f"Page: {url}\nPassage (anchor): \nEdition: {version}\n\nWhat is wrong:\n"})
    href = html.escape(f"{repo}/issues/new?{query}")
    return f'<p class="mv-report"><a class="mv-report__link" href="{href}">Report an error on this page</a></p>'


def pdf_link(version: str) -> str:
    href = versions.pdf_href(version)
    if href is None:
        return ""
    edition = versions.Version.parse(version).edition
    return f'<p class="mv-pdf"><a href="{html.escape(href)}">The whole essay as a PDF (edition {edition})</a></p>'


def cite_block(name: str, title: str, meta: dict[str, Any], release: Release) -> str:
    """The static "Cite this page" block; its data attributes feed the browser's cite panels."""
    target = formats.page_target(name, title, release.version)
    templates = formats.templates(release)
    updated = dt.date.fromisoformat(meta["updated"])
    entries = "".join(
        f'<dt>{html.escape(fmt)}</dt><dd><pre class="mv-citation" data-format="{html.escape(fmt)}">'
        f"{html.escape(formats.fill(tpl, target, None, fmt))}</pre></dd>"
        for fmt, tpl in templates.items()
    )
    attrs = {
        "data-cite-templates": json.dumps(templates, ensure_ascii=False),
        "data-cite-title": target.title,
        "data-cite-url": target.url,
        "data-cite-key": target.key,
    }
    attr_text = " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items())
    return (
        "## Cite this page {#cite-this-page}\n\n"
        f'<div class="mv-cite-page" {attr_text}>'
        f'<p class="mv-edition">Version {html.escape(release.version)}, last updated '
        f'<time datetime="{updated.isoformat()}">{updated.day} {dates.MONTHS[updated.month - 1]} '
        f"{updated.year}</time>. For the argument itself, cite the chapter this essay retells.</p>"
        f"{pdf_link(release.version)}"
        f'<dl class="mv-citations">{entries}</dl>{report_link(title, target.url, release.version)}</div>\n'
    )
