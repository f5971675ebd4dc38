"""The addresses of the site, its editions and its pages, from the address the site is published at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

EDITION_SUFFIX = re.compile(r"v/\d+\.\d+/$")


def edition_path(version: str) -> str:
    """Where the edition a version belongs to lives below the site root: v/1.0/ for every 1.0.x."""
    return "v/" + ".".join(version.split(".")[:2]) + "/"


def page_path(name: str) -> str:
    """A content page's path below a site root (pages are served as folders)."""
    return "" if name == "index.md" else name.removesuffix(".md") + "/"


def page_slug(name: str) -> str:
    """A page's name in file names and keys: 'index', '2-elite-discourse'."""
    return "index" if name == "index.md" else name.removesuffix(".md").replace("/", "-")


@dataclass(frozen=True)
class Addresses:
    """Where everything is published, given the address this build is for (its `site_url`, which ends
    in a slash: the site root, or an edition's own address below it when an edition is built)."""

    site_url: str

    def root_url(self) -> str:
        """The address of the latest edition: the site's, less the edition part when an edition is built."""
        return EDITION_SUFFIX.sub("", self.site_url)

    def is_edition(self) -> bool:
        """Whether the build is an edition's own, at its fixed address (v/1.0/), not the latest at the root."""
        return EDITION_SUFFIX.search(self.site_url) is not None

    def root_path(self) -> str:
        """The site root as a path ('/multivector/'), for links between editions on the same host."""
        return urlsplit(self.root_url()).path or "/"

    def edition_url(self, version: str) -> str:
        """The fixed address of the edition a version belongs to: citations point there."""
        return self.root_url() + edition_path(version)

    def page_url(self, name: str) -> str:
        """The address of a content page as built (the latest edition's, or an edition's own)."""
        return self.site_url + page_path(name)

    def cited_url(self, name: str, version: str) -> str:
        """The address a citation gives: the page in its fixed edition, which later editions do not change."""
        return self.edition_url(version) + page_path(name)

    def og_image_url(self, name: str) -> str:
        """Where a page's preview card is published (the build writes og/<slug>.png)."""
        return f"{self.site_url}og/{page_slug(name)}.png"
