"""Block constructs other than figures: generated lists that live on the Overview, Glossary, Data,
References and Timeline pages. Each takes the context and the page, and returns Markdown."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from build_scripts.cite import references
from build_scripts.data import dates, queries
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import MODELS, SECTION_TITLES
from build_scripts.editions import errata
from build_scripts.pages.brief import brief
from build_scripts.pages.markdown import esc

if TYPE_CHECKING:
    from build_scripts.pages.context import Context
    from build_scripts.pages.read import Page


def glossary(data: Datasets, prefix: str) -> str:
    orgs = data["organisations"].by_id()
    countries = data["countries"].by_id()
    out = []
    entries = sorted(data.records("glossary"), key=lambda g: (g.kind != "abbreviation", g.term.lower()))
    for kind, heading in (("abbreviation", "Abbreviations"), ("concept", "Key concepts")):
        out.append(f"## {heading} {{#gl-{kind}s}}\n")
        for g in (e for e in entries if e.kind == kind):
            title = f"{g.term} — {g.expansion}" if g.expansion else g.term
            out.append(f"### {esc(title)} {{#gl-{g.id}}}\n")
            out.append(esc(g.definition) + "\n")
            if g.organisation and g.organisation in orgs:
                org = orgs[g.organisation]
                life = f"Founded {dates.display(org.founded)}"
                if org.dissolved:
                    life += f"; dissolved {dates.display(org.dissolved)}"
                life += members_on(data, org, countries)
                out.append(f"{esc(life)}.\n")
            if g.treated_in:
                out.append(f"[Where the essay treats it]({g.treated_in})\n")
    return "\n".join(out)


def members_on(data: Datasets, org: Any, countries: dict[str, Any]) -> str:
    """The organisation's full members at the chapter's moment, worded as partial when the data is."""
    if org.full_members == "none":
        return ""
    day = dates.display(queries.CHAPTER_DAY.isoformat())
    members = sorted(countries[m.country].name
                     for m in queries.full_members_on(data, org.id, queries.CHAPTER_DAY, partial_ok=True))
    if not members:
        return ""
    if org.full_members == "partial":
        return f". Full members recorded here on {day} (a partial list: {org.members_note}): {', '.join(members)}"
    return f". Full members on {day}: {', '.join(members)}"


def _fields(model: type[BaseModel]) -> list[tuple[str, str, bool]]:
    return [(f.alias or name, f.description or "", f.is_required()) for name, f in model.model_fields.items()]


def datasets_block(data: Datasets, prefix: str) -> str:
    out = []
    for name, model in MODELS.items():
        ds = data[name]
        out.append(f"## {esc(ds.meta.title)} {{#data-{name}}}\n")
        out.append(f"{esc(ds.meta.description)}\n")
        sources = sorted({getattr(r, 'source', None) for r in ds.records} - {None})
        out.append(f"**Records:** {len(ds.records)} · **Licence:** {esc(ds.meta.license)} · "
                   f"**Download:** [CSV]({prefix}data/{name}.csv) · [JSON]({prefix}data/{name}.json)"
                   + (f" · **Sources:** {len(sources)}" if sources else "") + "\n")
        out.append("| field | required | meaning |\n|---|---|---|")
        for fname, desc, required in _fields(model):
            out.append(f"| `{fname}` | {'yes' if required else 'no'} | {esc(desc)} |")
        out.append("")
    return "\n".join(out)


def references_block(data: Datasets, prefix: str) -> str:
    items = sorted(data.records("sources"), key=lambda s: references.full_reference(s).lower())
    out = []
    for s in items:
        consulted = f" <br><small>Consulted: {esc(s.consulted)}</small>" if s.consulted else ""
        out.append(f'<p class="mv-reference" id="ref-{s.id}">{esc(references.full_reference(s))}{consulted}</p>')
    return "\n\n".join(out) + "\n"  # one block each: the page's fold can fall between two (pages.with_fold)


def events_block(data: Datasets, prefix: str) -> str:
    orgs = data["organisations"].by_id()
    rows = ["| date | event | organisations | domain | in the chapter |", "|---|---|---|---|---|"]
    for e in sorted(data.records("events"), key=lambda e: dates.start(e.date)):
        section = SECTION_TITLES[e.chapter_section] if e.chapter_section else "no (context)"
        names = ", ".join(orgs[o].abbr for o in e.organisations)
        rows.append(f"| {dates.display(e.date)} | **{esc(e.title)}** {esc(e.summary)} | {esc(names)} | "
                    f"{e.domain} | {esc(section)} |")
    # in a box of its own, which the page can leave unrendered until the reader nears it (essay.css)
    return '<div class="mv-events" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"


def themes_block(data: Datasets, prefix: str, ctx: Context) -> str:
    """The five identity themes, each linking to where the essay treats it."""
    home = ctx.page_for_section("elite-discourse")
    out = []
    for t in sorted(data.records("themes"), key=lambda t: t.order):
        name = f"[{esc(t.name)}]({prefix}{home}#ed-{t.id})" if home else esc(t.name)
        out.append(f"{t.order}. **{name}.** {esc(t.summary)}")
    return "\n".join(out) + "\n"


def figure_preview(ctx: Context, page: Page, argument: str) -> str:
    """A small static preview of a figure that lives on another page, linking to it."""
    fid = argument.strip()
    placement = ctx.placements.get(fid)
    if placement is None or ctx.rendered is None:
        return ""
    home = placement.page.removesuffix(".md").removesuffix("index")
    href = f"{page.prefix}{home + '/' if home else ''}#fig-{fid}"
    title = html.escape(ctx.figures[fid].title)
    return (f'<figure class="mv-preview"><a href="{href}"><img src="{page.prefix}figures/{fid}/chart.png" '
            f'alt="Figure {placement.number}: {title} (static preview)" width="{ctx.rendered[fid].width:g}" '
            f'height="{ctx.rendered[fid].height:g}" loading="lazy"></a><figcaption><a href="{href}">Figure '
            f"{placement.number}</a> {title}: the live figure, its data and its description are on its home page."
            "</figcaption></figure>")


def _data_only(render: Callable[[Datasets, str], str]) -> Callable[[Context, Page, str], str]:
    # Markdown links in generated blocks are relative to the page's folder in the docs tree.
    return lambda ctx, page, argument: render(ctx.data, "../" * page.name.count("/"))


BLOCKS: dict[str, Callable[[Context, Page, str], str]] = {
    "glossary": _data_only(glossary),
    "datasets": _data_only(datasets_block),
    "references": _data_only(references_block),
    "events": _data_only(events_block),
    "themes": lambda ctx, page, argument: themes_block(ctx.data, "../" * page.name.count("/"), ctx),
    "figure-preview": figure_preview,
    "errata": lambda ctx, page, argument: errata.block(ctx.corrections),
    "brief": brief,
}
