"""HTML the build writes itself, from Jinja2 templates with autoescape: every value is escaped unless it
is markup a template made (`Markup`).

Templates live in build_scripts/templates/; the theme's partials (site_config/overrides/partials)
are on the same search path, so a fragment that both MkDocs' pages and the build's own pages carry
(the citation metadata in <head>) is written once.

Templates in fragments/ are pieces of a page's Markdown, written over several lines for reading and
rendered as one line (in Markdown a line break would end an HTML block, or count as a line of text),
as are the SVG images in images/:
a line break and the indentation after it vanish between two tags (HTML or Jinja: `>` or `}` before it,
`<`, `{%` or `{#` after it), and stand for one space anywhere else (between attributes, words, or
before a `{{ value }}`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2
from jinja2.ext import Extension

from build_scripts.paths import ROOT, SITE_CONFIG

TEMPLATES = ROOT / "build_scripts" / "templates"
LINE_BREAK = re.compile(r"(?<=(.))\n\s*(?=(\{[%#]|.))")


def one_line(source: str) -> str:
    def join(match: re.Match[str]) -> str:
        return "" if match[1] in ">}" and match[2] in ("<", "{%", "{#") else " "

    return LINE_BREAK.sub(join, source.strip())


class OneLineFragments(Extension):
    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return one_line(source) if name and name.startswith(("fragments/", "images/")) else source


def number(value: float) -> str:
    """A width or height as the charts give it: 330, 412.5."""
    return format(value, "g")


@cache
def environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([TEMPLATES, SITE_CONFIG / "overrides"])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, extensions=[OneLineFragments])
    env.filters["number"] = number
    return env


def render(name: str, **values: Any) -> str:
    """A template's output, as plain text: to put it inside another template, wrap it in Markup."""
    return environment().get_template(name).render(**values)
