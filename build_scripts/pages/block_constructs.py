"""Block constructs other than figures: generated lists that live on the Overview, Glossary, Data,
References and Timeline pages. Each takes the context and the page, and returns Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from build_scripts import templating
from build_scripts.cite import references
from build_scripts.cite.addresses import page_path
from build_scripts.data import dates, queries
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import MODELS, SECTION_TITLES
from build_scripts.editions import errata
from build_scripts.pages import course
from build_scripts.pages.brief import brief
from build_scripts.pages.context import Context, View
from build_scripts.pages.guide import guide
from build_scripts.pages.markdown import esc
from build_scripts.pages.read import Page


def glossary(data: Datasets, prefix: str) -> str:
    orgs = data["organisations"].by_id()
    countries = data["countries"].by_id()
    events = data["events"].by_id()
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
            if g.event and g.event in events:
                out.append(f"{esc('Created ' + dates.display(events[g.event].date))}.\n")
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
    everyone = data.records("sources")
    entries = {s.id: references.full_reference(s, everyone) for s in everyone}
    items = sorted(everyone, key=lambda s: entries[s.id].lower())
    out = [templating.render("fragments/reference.html", id=s.id, text=Markup(esc(entries[s.id])),
                             consulted=Markup(esc(s.consulted)) if s.consulted else "") for s in items]
    return "\n\n".join(out) + "\n"  # one block each: the page's fold can fall between two (fold.with_fold)


def events_block(data: Datasets, prefix: str) -> str:
    orgs = data["organisations"].by_id()
    rows = ["| date | event | organisations | domain | in the chapter |", "|---|---|---|---|---|"]
    for e in sorted(data.records("events"), key=lambda e: dates.start(e.date)):
        section = SECTION_TITLES[e.chapter_section] if e.chapter_section else "no (context)"
        names = ", ".join(orgs[o].abbr for o in e.organisations)
        rows.append(f"| {dates.display(e.date)} | **{esc(e.title)}** {esc(e.summary)} | {esc(names)} | "
                    f"{e.domain} | {esc(section)} |")
    return templating.render("blocks/events.md", table=Markup("\n".join(rows)))


def themes_block(data: Datasets, prefix: str, ctx: Context) -> str:
    """The five identity themes, each linking to where the essay treats it."""
    home = ctx.page_for_section("elite-discourse")
    out = []
    for t in sorted(data.records("themes"), key=lambda t: t.order):
        name = f"[{esc(t.name)}]({prefix}{home}#ed-{t.id})" if home else esc(t.name)
        out.append(f"{t.order}. **{name}.** {esc(t.summary)}")
    return "\n".join(out) + "\n"


def figure_preview(ctx: Context, page: Page, argument: str, view: View) -> str:
    """A small static preview of a figure that lives on another page, linking to it."""
    fid = argument.strip()
    placement = ctx.placements.get(fid)
    if placement is None or ctx.rendered is None:
        return ""
    if view.medium == "epub":  # no preview images in the e-book: a link to the figure
        title = esc(ctx.figures[fid].title)
        return f"[Figure {placement.number}: {title}]({page.prefix}{page_path(placement.page)}#fig-{fid})\n"
    return templating.render("fragments/figure-preview.html", prefix=page.prefix, fid=fid, number=placement.number,
                             href=f"{page.prefix}{page_path(placement.page)}#{view.ids}fig-{fid}",
                             title=ctx.figures[fid].title, rendered=ctx.rendered[fid])


Block = Callable[[Context, Page, str, View], str]  # the context, the page, the block's text, how it is written


def _data_only(render: Callable[[Datasets, str], str]) -> Block:
    # Markdown links in generated blocks are relative to the page's folder in the docs tree.
    return lambda ctx, page, argument, view: render(ctx.data, "../" * page.name.count("/"))


BLOCKS: dict[str, Block] = {
    "glossary": _data_only(glossary),
    "datasets": _data_only(datasets_block),
    "references": _data_only(references_block),
    "events": _data_only(events_block),
    "themes": lambda ctx, page, argument, view: themes_block(ctx.data, "../" * page.name.count("/"), ctx),
    "figure-preview": figure_preview,
    "errata": lambda ctx, page, argument, view: errata.block(ctx.corrections),
    "brief": brief,
    "guide": guide,
    **course.BLOCKS,
}
