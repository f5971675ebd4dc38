"""The addresses of the site, its editions and its pages, from the address the site is published at."""

from __future__ import annotations

import os
import re


def site_url() -> str:
    """The published address, as MkDocs sees it (SITE_URL), always ending in a slash."""
    url = os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


EDITION_SUFFIX = re.compile(r"v/\d+\.\d+/$")


def root_url() -> str:
    """The address of the latest edition: SITE_URL, less the edition part when an edition is being built."""
    return EDITION_SUFFIX.sub("", site_url())


def edition_path(version: str) -> str:
    """Where the edition a version belongs to lives below the site root: v/1.0/ for every 1.0.x."""
    return "v/" + ".".join(version.split(".")[:2]) + "/"


def edition_url(version: str) -> str:
    """The fixed address of the edition a version belongs to: citations point there."""
    return root_url() + edition_path(version)


def page_path(name: str) -> str:
    """A content page's path below a site root (pages are served as folders)."""
    return "" if name == "index.md" else name.removesuffix(".md") + "/"


def page_url(name: str) -> str:
    """The address of a content page as built (the latest edition's, or an edition's own)."""
    return site_url() + page_path(name)


def cited_url(name: str, version: str) -> str:
    """The address a citation gives: the page in its fixed edition, which later editions do not change."""
    return edition_url(version) + page_path(name)


def page_slug(name: str) -> str:
    """A page's name in file names and keys: 'index', '2-elite-discourse'."""
    return "index" if name == "index.md" else name.removesuffix(".md").replace("/", "-")


def og_image_url(name: str) -> str:
    """Where a page's preview card is published (the build writes og/<slug>.png)."""
    return f"{site_url()}og/{page_slug(name)}.png"
