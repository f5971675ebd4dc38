"""The ```guide block: a page's reading guide, with learning objectives, key terms (linked to the
glossary), questions for discussion (each linked to the paragraphs it draws on) and one exercise with a
figure in a state the address sets (`?year=2009#fig-memberships`). The syntax is in `guide_model`.

Everything a guide names is checked: the counts, that each term is a glossary entry, that each
paragraph is on the page, and that the exercise's figure is the page's own (a page that places none
may borrow one) and each state a value its figure takes. Each item's permanent id is recorded in the
anchor registry like a paragraph's (editions/anchors.py). Where a guide is required (`guide: required`
in a page's front matter, or the page listed in site_config/course.yaml) its absence is a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite.addresses import page_path
from build_scripts.data.yaml_reader import load_yaml, strip_lines
from build_scripts.editions.anchors import anchors
from build_scripts.errors import BuildError
from build_scripts.pages.context import Context, View
from build_scripts.pages.guide_model import Guide, Item, read_guide
from build_scripts.pages.inline import expand_inline, link_to
from build_scripts.pages.markdown import attribute_text, esc, page_blocks
from build_scripts.pages.read import Page
from build_scripts.paths import SITE_CONFIG, rel

COURSE = SITE_CONFIG / "course.yaml"
OBJECTIVES, QUESTIONS, TERMS = (2, 4), (3, 5), (1, 8)
HEADING_TEXT = re.compile(r"^#+\s*(.*?)\s*\{[^}]*\}\s*$")


@dataclass(frozen=True)
class Rendered:
    id: str
    label: str
    text: Markup
    draws: tuple[tuple[str, str], ...] = ()


def paragraph_labels(page: Page, ctx: Context) -> dict[str, str]:
    """What a reader calls each anchor of a page: 'Competition by design, paragraph 2', 'Figure 3.1'."""
    labels: dict[str, str] = {}
    section, counts = str(page.meta.get("title", "")), {"paragraph": 0, "note": 0}
    for anchor in anchors(page)[0]:
        heading = HEADING_TEXT.match(anchor.text) if anchor.text.startswith("#") else None
        if heading:
            section, counts = heading.group(1), {"paragraph": 0, "note": 0}
            labels[anchor.id] = f"section “{section}”"
        elif anchor.is_paragraph:
            kind = "note" if re.search(r"-n\d+$", anchor.id) else "paragraph"
            counts[kind] += 1
            labels[anchor.id] = f"{section}, {kind} {counts[kind]}"
        elif not anchor.guide:  # a figure
            placement = ctx.placements.get(anchor.text)
            labels[anchor.id] = f"Figure {placement.number}" if placement else anchor.id
    return labels


def figure_state_spec(ctx: Context, fid: str) -> tuple[dict[str, Any], set[str]]:
    """A figure's URL parameters (name → spec with min, max, label, state) and the values of its main
    parameter that have a description, read from its render or, when only checking, by building it."""
    if ctx.rendered is not None and fid in ctx.rendered:
        figure = ctx.rendered[fid].figure
    else:
        if fid not in ctx.built:
            ctx.built[fid] = ctx.figures[fid].build(ctx.data)
        figure = ctx.built[fid]
    return figure.params, {str(k) for k in figure.states}


def check_exercise(ctx: Context, page: Page, item: Item) -> None:
    where = rel(page.path)
    fid = item.figure
    placement = ctx.placements.get(fid)
    if fid not in ctx.figures or placement is None:
        ctx.problems.add(where, item.line, f"reading guide: exercise '{item.id}' uses figure '{fid}', which is not "
                         "placed on any page")
        return
    own = [f for f, p in ctx.placements.items() if p.page == page.name]
    if own and fid not in own:
        ctx.problems.add(where, item.line, f"reading guide: exercise '{item.id}' uses figure '{fid}'; it uses the "
                         f"page's own figure ({', '.join(sorted(own))})")
    params, described = figure_state_spec(ctx, fid)
    if params and not item.states:
        ctx.problems.add(where, item.line, f"reading guide: exercise '{item.id}' opens the figure in a state "
                         f"('open: [{next(iter(params))}=…]'): its address sets {', '.join(params)}")
    for name, value in item.states:
        spec = params.get(name)
        if spec is None:
            known = ", ".join(params) or "none"
            ctx.problems.add(where, item.line, f"reading guide: figure '{fid}' has no parameter '{name}' "
                             f"(its parameters: {known})")
        elif not value.lstrip("-").isdigit() or not spec["min"] <= int(value) <= spec["max"] or (
                described and value not in described):
            ctx.problems.add(where, item.line, f"reading guide: {name}={value} is not a state of figure '{fid}' "
                             f"(from {spec['min']} to {spec['max']})")


def check_guide(ctx: Context, page: Page, guide: Guide) -> None:
    """The counts, the glossary terms, the paragraphs each question draws on, and the exercise."""
    where = rel(page.path)
    for name, items, (low, high) in (("learning objectives", guide.objectives, OBJECTIVES),
                                     ("questions", guide.questions, QUESTIONS), ("key terms", guide.terms, TERMS)):
        if not low <= len(items) <= high:
            ctx.problems.add(where, guide.line, f"reading guide: {len(items)} {name}; it needs {low} to {high}")
    if len(guide.exercises) != 1:
        ctx.problems.add(where, guide.line, f"reading guide: {len(guide.exercises)} exercises; it needs exactly one")
    glossary = ctx.data["glossary"].by_id() if "glossary" in ctx.data.items else {}
    for term, line in guide.terms:
        if term not in glossary and ctx.can_judge("glossary", term):
            ctx.problems.add(where, line, f"reading guide: key term '{term}' is not an id in the glossary")
    present = {a.id for a in anchors(page)[0] if not a.guide}
    for item in guide.questions:
        for anchor in item.draws_on:
            if anchor not in present:
                ctx.problems.add(where, item.line, f"reading guide: question '{item.id}' draws on '#{anchor}', "
                                 "which is not an anchor on this page")
    for item in guide.exercises:
        check_exercise(ctx, page, item)


def state_links(ctx: Context, page: Page, item: Item, view: View) -> list[tuple[str, str, str]]:
    """The exercise's links, one per figure state: (label, address, the address shown in full or '')."""
    placement = ctx.placements.get(item.figure)
    if placement is None:
        return []
    params = figure_state_spec(ctx, item.figure)[0] if item.figure in ctx.figures else {}
    states = [[state] for state in item.states] or [[]]
    links = []
    for chosen in states:
        query = "&".join(f"{name}={value}" for name, value in chosen)
        label = f"Figure {placement.number}"
        for name, value in chosen:
            spec = params.get(name, {})
            label += ", " + (spec["state"].format(value) if "state" in spec else f"{spec.get('label', name)} {value}")
        tail = f"{'?' + query if query else ''}#fig-{item.figure}"
        cited = ctx.config.addresses.cited_url(placement.page, ctx.release.version) + tail
        if view.medium == "epub":  # read away from the site: the address in its edition
            links.append((label, cited, ""))
        elif view.medium == "handout":  # on paper, the address in full, in its edition, beside the link
            links.append((label, f"{page.prefix}{page_path(placement.page)}{tail}", cited))
        elif placement.page == page.name and view.medium == "web":
            links.append((label, tail, ""))
        else:
            links.append((label, f"{page.prefix}{page_path(placement.page)}{tail}", ""))
    return links


def render(ctx: Context, page: Page, guide: Guide, view: View, home: str) -> str:
    """The guide's Markdown; `page` is where it is written, `home` the page whose guide it is."""
    labels = paragraph_labels(next((p for p in ctx.pages if p.name == home), page), ctx)
    glossary = ctx.data["glossary"].by_id() if "glossary" in ctx.data.items else {}

    def text(item: Item) -> Markup:
        return Markup(expand_inline(item.text, page, item.line, ctx, view))

    def item(it: Item, number: int, kind: str) -> Rendered:
        draws = tuple((esc(labels.get(a, a)), link_to(page, home, a, view)) for a in it.draws_on)
        return Rendered(it.id, f"reading guide, {kind}" + (f" {number}" if number else ""), text(it), draws)

    terms = [{"label": Markup(esc(glossary[t].term)), "href": link_to(page, "glossary.md", f"gl-{t}", view),
              "title": attribute_text(glossary[t].expansion or glossary[t].definition)}
             for t, _ in guide.terms if t in glossary]
    exercise = guide.exercises[0] if guide.exercises else Item("exercise", "gd-missing", guide.line, "")
    number = ctx.placements[exercise.figure].number if exercise.figure in ctx.placements else "?"
    hint = (f"learning objectives, {len(terms)} key term{'s' if len(terms) != 1 else ''}, "
            f"{len(guide.questions)} questions, an exercise with Figure {number}")
    # The print page holds every chapter's guide: there each takes its page's name to stay unique.
    guide_id = f"reading-guide-{page.path.stem}" if view.medium == "print" else "reading-guide"
    return templating.render(
        "blocks/guide.md", ids=view.ids, guide_id=guide_id, tag="section" if view.medium == "epub" else "details",
        open=view.medium not in ("web", "epub"), section=view.medium == "epub", hint=hint, terms=terms,
        objectives=[item(o, i, "objective") for i, o in enumerate(guide.objectives, 1)],
        questions=[item(q, i, "question") for i, q in enumerate(guide.questions, 1)],
        exercise={"id": exercise.id, "label": "reading guide, exercise", "number": number, "text": text(exercise),
                  "links": state_links(ctx, page, exercise, view)})


def guide(ctx: Context, page: Page, argument: str, view: View) -> str:
    """The ```guide block, checked and written for the view (the page, the print page, a handout, the EPUB)."""
    block = next(b for b in page_blocks(page) if b.info == "guide" and "\n".join(b.body) == argument)
    parsed, problems = read_guide(argument, rel(page.path), block.line)
    home = str(page.meta.get("handout_of", page.name))  # a handout writes its chapter's guide
    if home == page.name:
        ctx.problems.extend(problems)
        check_guide(ctx, page, parsed)
    return render(ctx, page, parsed, view, home)


def page_guide(page: Page) -> Guide | None:
    """A page's reading guide, if it has one (problems in it are reported where the page is expanded)."""
    block = next((b for b in page_blocks(page) if b.info == "guide"), None)
    return None if block is None else read_guide("\n".join(block.body), rel(page.path), block.line)[0]


def required_by_list(ctx: Context, names: set[str]) -> set[str]:
    """The pages site_config/course.yaml lists under `guides_required` (the essay's own content only)."""
    if not ctx.config.is_the_essay() or not COURSE.exists():
        return set()
    try:
        listed = strip_lines(load_yaml(COURSE)).get("guides_required") or []
    except BuildError as exc:
        ctx.problems.extend(exc.problems)
        return set()
    for name in listed:
        if name not in names:
            ctx.problems.add(rel(COURSE), None, f"guides_required names '{name}', which is not a page of content/")
    return set(listed)


def check_guides(pages: list[Page], ctx: Context) -> None:
    """At most one guide a page; on a chapter page or After 2015, straight after In brief (or, with no
    In brief, before the first section); a guide wherever one is required."""
    listed = required_by_list(ctx, {p.name for p in pages})
    for page in pages:
        found = [b for b in page_blocks(page) if b.info == "guide"]
        where = rel(page.path)
        if not found:
            if page.meta.get("guide") == "required" or page.name in listed:
                why = "its front matter says guide: required" if page.meta.get("guide") else "site_config/course.yaml"
                ctx.problems.add(where, page.first_body_line, f"this page needs a ```guide block, a reading guide "
                                 f"after In brief ({why}); see CONTRIBUTING.md")
            continue
        if len(found) > 1:
            ctx.problems.add(where, found[1].line, "a page has at most one ```guide block")
        if not (page.meta.get("retells") or page.meta.get("beyond_chapter")):
            continue  # elsewhere (the teacher's page shows one as an example) a guide may stand anywhere
        brief = next((b for b in page_blocks(page) if b.info == "brief"), None)
        between = page.body[brief.end + 1:found[0].start] if brief else page.body[:found[0].start]
        if (brief and brief.start > found[0].start) or (brief and any(t.strip() for t in between)):
            ctx.problems.add(where, found[0].line, "the ```guide block comes straight after the ```brief block")
        elif not brief and any(t.startswith("## ") for t in between):
            ctx.problems.add(where, found[0].line, "the ```guide block comes before the page's first section "
                             "(straight after In brief, where the page has one)")

