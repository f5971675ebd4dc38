"""HTML the build writes itself, from Jinja2 templates with autoescape.

Templates live in build_scripts/templates/; the theme's partials (site_config/overrides/partials)
are on the same search path, so a fragment that both MkDocs' pages and the build's own pages carry
(the citation metadata in <head>) is written once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from build_scripts.paths import ROOT, SITE_CONFIG

TEMPLATES = ROOT / "build_scripts" / "templates"


@cache
def environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([TEMPLATES, SITE_CONFIG / "overrides"])
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)


def render(name: str, **values: Any) -> str:
    return environment().get_template(name).render(**values)
