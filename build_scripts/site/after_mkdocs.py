"""The only changes made to HTML after MkDocs wrote it, each because the build does not write that HTML:

- every page's Content Security Policy: its hashes are those of the inline scripts the theme writes
  into the page, known only once the page is written (our own pages get theirs at once, `policy`);
- the banner on each page of an earlier edition: those pages are written by that edition's own build,
  from its release tag, which knew nothing of the editions that came after it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from build_scripts import templating
from build_scripts.editions.versions import Version
from build_scripts.errors import BuildError, Problem

PENDING = 'content="csp-pending"'  # what main.html writes where the policy goes
# executable inline scripts only: JSON data blocks (the theme's config, JSON-LD) never run
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
# Nothing may be loaded from another origin, and the only inline scripts allowed are the page's own, by
# hash. Styles allow inline style attributes, which the theme and the live charts set (they cannot run code).
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
ARTICLE = '<article class="md-content__inner md-typeset">'  # where the theme starts a page's text


def policy(inline_scripts: Iterable[str] = ()) -> str:
    """The Content Security Policy of a page with these inline scripts."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
                     for body in inline_scripts})
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def policy_for(page: str) -> str:
    return policy(INLINE_SCRIPT.findall(page))


def apply_csp(site: Path) -> int:
    """Write each page's policy; returns the number of pages secured."""
    count = 0
    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if PENDING not in page:
            continue
        path.write_text(page.replace(PENDING, f'content="{policy_for(page)}"', 1), encoding="utf-8")
        count += 1
    return count


def banner(version: Version, latest: Version, href: str) -> str:
    return templating.render("fragments/edition-banner.html", version=version, latest=latest, href=href)


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
