"""What every page carries for citing it: its edition in the front matter, and a closing
"Cite this page" block that works without JavaScript and prints (the browser adds cite buttons
for sections, figures and paragraphs from the same templates)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from build_scripts import templating
from build_scripts.cite import formats
from build_scripts.cite.addresses import page_slug
from build_scripts.config import Config
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


def report_href(repo_url: str, title: str, url: str, version: str) -> str:
    """A link that opens a new issue in the repository's tracker, prefilled with the page and edition.

    Without a known repository there is no link, rather than a guessed one. The browser adds the
    passage's #anchor when it is clicked.
    """
    if not repo_url:
        return ""
    query = urlencode({"title": f"Error on “{title}”",
                       "body": f"Page: {url}\nPassage (anchor): \nEdition: {version}\n\nWhat is wrong:\n"})
    return f"{repo_url}/issues/new?{query}"


def course_file(config: Config, version: str, file: str) -> str:
    """Where a file published in the edition's folder is (only publishing makes them: else "")."""
    return versions.edition_file_href(config.addresses.root_path(), version, file) if config.print_pdfs else ""


def handout_links(config: Config, name: str, meta: dict[str, Any], version: str) -> dict[str, Any] | None:
    """A chapter's handout (and, once published, its PDFs): the page to print, relative to the page."""
    if not (meta.get("retells") or meta.get("beyond_chapter")):
        return None
    slug, edition = page_slug(name), versions.Version.parse(version)
    pdfs = [(label, course_file(config, version, versions.handout_pdf_name(edition, slug, paper)))
            for paper, label in versions.PAPERS.items()]
    return {"href": "../" * (name.count("/") + 1) + f"handouts/{slug}/", "pdfs": pdfs if config.print_pdfs else []}


def cite_block(config: Config, name: str, title: str, meta: dict[str, Any], release: Release) -> str:
    """The static "Cite this page" block; its data attributes feed the browser's cite panels."""
    target = formats.page_target(config.addresses, name, title, release.version)
    templates = formats.templates(release)
    updated = dt.date.fromisoformat(meta["updated"])
    version = versions.Version.parse(release.version)
    block = templating.render(
        "fragments/cite-block.html", target=target, release=release, updated=updated,
        updated_text=f"{updated.day} {dates.MONTHS[updated.month - 1]} {updated.year}",
        templates_json=json.dumps(templates, ensure_ascii=False),
        rules_json=json.dumps(formats.browser_rules(), ensure_ascii=False),
        citations=[(fmt, formats.fill(template, target, None, fmt)) for fmt, template in templates.items()],
        pdf_href=versions.pdf_href(config.addresses.root_path(), release.version) if config.print_pdfs else "",
        edition=version.edition, report_href=report_href(config.repo_url, title, target.url, release.version),
        epub_href=course_file(config, release.version, versions.epub_name(version)),
        handout=handout_links(config, name, meta, release.version))
    return f"## Cite this page {{#cite-this-page}}\n\n{block}\n"
