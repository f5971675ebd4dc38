"""Stage six: finish the pages MkDocs wrote, before the site is swapped into place.

Each page gets its Content Security Policy: nothing may be loaded from another origin, and the
only inline scripts allowed are the theme's own, by hash. Styles allow inline style attributes,
which the theme and the live charts set on elements (they cannot run code).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

PENDING = 'content="csp-pending"'
# executable inline scripts only: JSON data blocks (the theme's config, JSON-LD) never run
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)
POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    })
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def apply_csp(site: Path) -> int:
    """Write each page's policy; returns the number of pages secured."""
    count = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if PENDING not in html:
            continue
        page.write_text(html.replace(PENDING, f'content="{policy_for(html)}"', 1), encoding="utf-8")
        count += 1
    return count
