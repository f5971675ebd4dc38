"""Inline constructs: `{{dataset:record.field|format}}` becomes text drawn from the data, `{{fig:id}}` a
numbered link to a figure, and `[@source]` a short citation linking to the references."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite import references
from build_scripts.data import dates
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import DATE_FIELDS, MODELS
from build_scripts.data.quantities import format_number, format_quantity
from build_scripts.errors import did_you_mean
from build_scripts.pages.context import PAGE, Context, View
from build_scripts.pages.markdown import attribute_text, esc
from build_scripts.pages.read import Page
from build_scripts.paths import rel

INLINE = re.compile(r"\{\{\s*([a-z]+):([A-Za-z0-9-]+)(?:\.([a-z_]+))?(?:\|([a-z]+))?\s*\}\}")


FORMATS = ("year", "plain")




@dataclass(frozen=True)
class Inline:
    """One parsed `{{…}}` construct."""

    dataset: str
    record: str
    field: str | None
    format: str | None
    text: str  # the construct as written


def field_name(name: str) -> str:
    return "from_" if name == "from" else name


def published_name(attr: str) -> str:
    """The field name as the prose writes it (the inverse of `field_name`)."""
    return "from" if attr == "from_" else attr


def resolve(data: Datasets, inline: Inline) -> tuple[str, Any]:
    """The text an inline construct stands for, and the record it comes from; ValueError if unknown."""
    if inline.dataset not in data.items:
        raise ValueError(f"unknown dataset '{inline.dataset}' in {inline.text}"
                         f"{did_you_mean(inline.dataset, MODELS)}")
    records = data[inline.dataset].by_id()
    if inline.record not in records:
        raise ValueError(f"unknown record '{inline.record}' in dataset '{inline.dataset}' ({inline.text})"
                         f"{did_you_mean(inline.record, records)}")
    record = records[inline.record]
    if inline.format and inline.format not in FORMATS:
        raise ValueError(f"unknown format '{inline.format}' in {inline.text} (known: {', '.join(FORMATS)})")
    if inline.field is None:
        if not hasattr(record, "unit"):
            raise ValueError(f"{inline.text} needs a field: records of '{inline.dataset}' have no value and unit")
        return format_quantity(record), record
    attr = field_name(inline.field)
    if attr not in type(record).model_fields:
        known = [published_name(name) for name in type(record).model_fields]
        raise ValueError(f"unknown field '{inline.field}' in {inline.text}{did_you_mean(inline.field, known)}")
    value = getattr(record, attr)
    if value is None:
        raise ValueError(f"{inline.text} is empty in the data")
    if attr in DATE_FIELDS[inline.dataset] and isinstance(value, str):
        return (str(dates.year(value)) if inline.format == "year" else dates.display(value)), record
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value), record
    return str(value), record


def parse(match: re.Match[str]) -> Inline:
    return Inline(match.group(1), match.group(2), match.group(3), match.group(4), match.group(0))


# [@id] or several sources at once, [@a; @b], shown as one parenthesis: (A 2014; B 2015)
CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*(?:;\s*@[a-z0-9][a-z0-9-]*)*)\]")
CITED_ID = re.compile(r"@?([a-z0-9][a-z0-9-]*)")


FIGURE_REF = "fig"


def cited_ids(match: re.Match[str]) -> list[str]:
    """The source ids of one citation construct, in order."""
    return [m.group(1) for part in match.group(1).split(";") if (m := CITED_ID.match(part.strip()))]


def link_to(page: Page, target_page: str, anchor: str, view: View = PAGE) -> str:
    """A Markdown link target from `page` to an anchor on another page (MkDocs resolves .md links)."""
    if target_page == page.name:
        return f"#{view.ids}{anchor}"
    return f"{posixpath.relpath(target_page, posixpath.dirname(page.name) or '.')}#{anchor}"


def expand_inline(text: str, page: Page, line: int, ctx: Context, view: View = PAGE) -> str:
    """A line of prose with its inline constructs expanded; what cannot be resolved is reported and left as written."""
    def inline(match: re.Match[str]) -> str:
        construct = parse(match)
        if construct.dataset == FIGURE_REF:
            placement = ctx.placements.get(construct.record)
            if placement is None:
                ctx.problems.add(rel(page.path), line, f"reference to unknown or unplaced figure '{construct.record}'")
                return match.group(0)
            title = attribute_text(ctx.figures[construct.record].title)
            href = link_to(page, placement.page, "fig-" + construct.record, view)
            # the class and data attribute let the browser show a preview of the figure on hover
            return f'[Figure {placement.number}]({href} "{title}"){{: .mv-figref data-figure="{construct.record}" }}'
        if not ctx.can_judge(construct.dataset, construct.record):
            return match.group(0)
        try:
            text, record = resolve(ctx.data, construct)
        except ValueError as exc:
            ctx.problems.add(rel(page.path), line, str(exc))
            return match.group(0)
        where = f"{construct.dataset}.yaml, record {construct.record}; source: {record.source}, {record.locator}"
        return templating.render("fragments/value.html", where=where, text=Markup(esc(text)))

    def one(sid: str) -> str | None:
        sources = ctx.data["sources"].by_id() if "sources" in ctx.data.items else {}
        if sid not in sources:
            if ctx.trusted is None or "sources" in ctx.trusted:
                ctx.problems.add(rel(page.path), line, f"citation of unknown source '{sid}'")
            return None
        source = sources[sid]
        full = html.escape(attribute_text(references.full_reference(source, sources.values())))
        label = esc(references.short_label(source, sources.values()))
        return f'[{label}]({link_to(page, "references.md", "ref-" + sid)} "{full}")'

    def cite(match: re.Match[str]) -> str:
        links = [one(sid) for sid in cited_ids(match)]
        if None in links:
            return match.group(0)
        return "(" + "; ".join(link for link in links if link) + ")"

    return CITATION.sub(cite, INLINE.sub(inline, text))
