"""Block constructs other than figures: generated lists that live on the Glossary, Data,
References and Timeline pages. Each takes the context and the page, and returns Markdown."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from . import dates, queries, references
from .datasets import Datasets
from .schema import MODELS, SECTION_TITLES


def esc(text: Any) -> str:
    return html.escape(str(text), quote=False)


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
                members = sorted(countries[m.country].name
                                 for m in queries.full_members_on(data, org.id, queries.CHAPTER_DAY))
                if members:
                    life += f". Full members on {dates.display(queries.CHAPTER_DAY.isoformat())}: {', '.join(members)}"
                out.append(f"{esc(life)}.\n")
            if g.treated_in:
                out.append(f"[Where the essay treats it]({g.treated_in})\n")
    return "\n".join(out)


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
    return "\n".join(out) + "\n"


def events_block(data: Datasets, prefix: str) -> str:
    orgs = data["organisations"].by_id()
    rows = ["| date | event | organisations | domain | in the chapter |", "|---|---|---|---|---|"]
    for e in sorted(data.records("events"), key=lambda e: dates.start(e.date)):
        section = SECTION_TITLES[e.chapter_section] if e.chapter_section else "no (context)"
        names = ", ".join(orgs[o].abbr for o in e.organisations)
        rows.append(f"| {dates.display(e.date)} | **{esc(e.title)}** {esc(e.summary)} | {esc(names)} | "
                    f"{e.domain} | {esc(section)} |")
    return "\n".join(rows) + "\n"


BLOCKS: dict[str, Callable[[Datasets, str], str]] = {
    "glossary": glossary,
    "datasets": datasets_block,
    "references": references_block,
    "events": events_block,
}
