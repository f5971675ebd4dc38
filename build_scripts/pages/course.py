"""The course kit's generated blocks, for the "For teachers" page: each page's reading time, a
50-minute seminar outline per chapter drawn from its reading guide, real addresses to give students, and
the handouts and whole-essay files of the current edition. Also the one list of the pages a course
uses (the chapters, then the pages beyond the chapter), which the print page, the handouts and the
EPUB share, and where each course file of an edition is published."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite.addresses import page_slug
from build_scripts.editions import versions
from build_scripts.errors import BuildError, Problem
from build_scripts.pages.brief import reading_minutes
from build_scripts.pages.context import Context, View
from build_scripts.pages.guide import page_guide
from build_scripts.pages.markdown import esc
from build_scripts.pages.read import Page

PAPERS = versions.PAPERS


def course_pages(pages: list[Page]) -> list[Page]:
    """The numbered chapters in order, then the pages beyond the chapter (After 2015)."""
    numbered = sorted((p for p in pages if str(p.meta.get("chapter", "")).isdigit()),
                      key=lambda p: int(p.meta["chapter"]))
    return numbered + [p for p in pages if p.meta.get("beyond_chapter")]


def handout_name(page: Page) -> str:
    """The handout's page in the docs tree: handouts/<slug>.md, served at handouts/<slug>/."""
    return f"handouts/{page_slug(page.name)}.md"


def handout_pdf(root_path: str, version: str, page_name: str, paper: str) -> str:
    """Where an edition's handout PDF for one paper size is published, below the site's root path."""
    name = versions.handout_pdf_name(versions.Version.parse(version), page_slug(page_name), paper)
    return versions.edition_file_href(root_path, version, name)


def epub_href(root_path: str, version: str) -> str:
    return versions.edition_file_href(root_path, version, versions.epub_name(versions.Version.parse(version)))


def md_link(page: Page, target: str, anchor: str = "") -> str:
    """A Markdown link target from `page` to another page of the docs tree (MkDocs resolves it)."""
    return posixpath.relpath(target, posixpath.dirname(page.name) or ".") + (f"#{anchor}" if anchor else "")


def title_of(page: Page) -> str:
    """A page's title as the navigation gives it: a chapter's with its number."""
    chapter = str(page.meta.get("chapter", ""))
    return esc((f"{chapter} " if chapter.isdigit() else "") + str(page.meta.get("title", page.name)))


def reading_times(ctx: Context, page: Page, argument: str, view: View) -> str:
    """A table: each page of the essay, its reading time, whether its guide is written, its handout."""
    rows = ["| Page | Reading time | Reading guide | Handout |", "|---|---|---|---|"]
    listed = [p for p in ctx.pages if p.name == "index.md"] + course_pages(ctx.pages)
    handouts = {p.name for p in course_pages(ctx.pages)}
    total = 0
    for other in listed:
        minutes = reading_minutes(other)
        total += minutes
        guide = page_guide(other)
        state = f"[{len(guide.questions)} questions]({md_link(page, other.name, 'reading-guide')})" if guide \
            else "none"  # the overview: read with the chapters, it has no guide of its own
        handout = f"[handout]({md_link(page, handout_name(other))})" if other.name in handouts else ""
        rows.append(f"| [{title_of(other)}]({md_link(page, other.name)}) | about {minutes} min | {state} | {handout} |")
    rows.append(f"| **All of these** | **about {total} min** | | |")
    return "\n".join(rows) + "\n"


def plan_rows(ctx: Context, page: Page, other: Page) -> list[str]:
    guide = page_guide(other)
    placed = [fid for fid, p in ctx.placements.items() if p.page == other.name]
    rows = ["| Minutes | What | With |", "|---|---|---|",
            f"| 0–5 | Recap: what the page claims | [In brief and the page]({md_link(page, other.name)}) |"]
    if guide and guide.exercises:
        exercise = guide.exercises[0]
        rows.append(f"| 5–15 | The exercise, in pairs | [the exercise]({md_link(page, other.name, exercise.id)}) |")
        asks = "; ".join(f"[question {i}]({md_link(page, other.name, q.id)})" for i, q in enumerate(guide.questions, 1))
        rows.append(f"| 15–40 | Discussion: two or three of the questions | {asks} |")
        rows.append(f"| 40–50 | Back to the objectives; set the next reading | "
                    f"[objectives]({md_link(page, other.name, 'reading-guide')}) |")
    else:
        figure = f"[Figure {ctx.placements[placed[0]].number}]({md_link(page, other.name, 'fig-' + placed[0])})" \
            if placed else "the page's paragraphs"
        rows.append(f"| 5–15 | Reading closely, in pairs | {figure} |")
        rows.append("| 15–40 | Discussion | questions from the reading guide, once it is written |")
        rows.append("| 40–50 | Summing up; set the next reading | |")
    return rows


def seminar_plan(ctx: Context, page: Page, argument: str, view: View) -> str:
    """The timed outline of a 50-minute seminar on one page (the block's text names it), built from the
    page's reading guide; the plan's notes are written beside it, on the teacher's page."""
    name = argument.strip()
    other = next((p for p in course_pages(ctx.pages) if p.name == name), None)
    if other is None:
        names = ", ".join(p.name for p in course_pages(ctx.pages))
        raise BuildError([Problem(page.name, None, f"seminar-plan: '{name}' is not a chapter page ({names})")])
    return "\n".join(plan_rows(ctx, page, other)) + "\n"


def link_examples(ctx: Context, page: Page, argument: str, view: View) -> str:
    """Real addresses of the current edition, to copy: a paragraph, a figure in a state, the edition, the
    latest (written as text: an edition's address exists once the site is published)."""
    addresses, version = ctx.config.addresses, ctx.release.version
    chapters = course_pages(ctx.pages)
    rows = ["| To give students | The address |", "|---|---|"]
    with_params = [(fid, p) for fid, p in ctx.placements.items() if ctx.rendered and ctx.rendered[fid].figure.params]
    for other in chapters:
        first = next((line for line in other.body if line.rstrip().endswith("}") and "{: #" in line), "")
        anchor = first[first.rindex("{: #") + 4:].split()[0].rstrip("}") if first else ""
        if anchor:
            url = addresses.cited_url(other.name, version) + "#" + anchor
            rows.append(f"| a paragraph (the first of “{title_of(other)}”) | `{url}` |")
            break
    for fid, placement in with_params[:1]:
        name, spec = next(iter(ctx.rendered[fid].figure.params.items()))  # type: ignore[index]
        value = spec["default"] - 5 if spec["min"] <= spec["default"] - 5 else spec["default"]
        url = f"{addresses.cited_url(placement.page, version)}?{name}={value}#fig-{fid}"
        rows.append(f"| Figure {placement.number} in a given state ({esc(spec.get('label', name)).lower()} {value}) "
                    f"| `{url}` |")
    rows.append(f"| the whole edition {versions.Version.parse(version).edition}, as cited | "
                f"`{addresses.edition_url(version)}` |")
    rows.append(f"| the latest edition, which changes | [{addresses.root_url()}]({md_link(page, 'index.md')}) |")
    return "\n".join(rows) + "\n"


def course_files(ctx: Context, page: Page, argument: str, view: View) -> str:
    """The handouts, and the whole essay as PDF and EPUB, of the current edition."""
    root, version = ctx.config.addresses.root_path(), ctx.release.version
    printed = ctx.config.print_pdfs
    whole = {"edition": versions.Version.parse(version).edition, "print": md_link(page, "print.md"),
             "pdf": versions.pdf_href(root, version) if printed else "", "epub": epub_href(root, version)}
    handouts = [{"title": Markup(esc(title_of(other))), "href": md_link(page, handout_name(other)),
                 "pdfs": [(label, handout_pdf(root, version, other.name, paper)) for paper, label in PAPERS.items()]
                 if printed else []}
                for other in course_pages(ctx.pages)]
    return templating.render("blocks/course-files.md", whole=whole, handouts=handouts)


BLOCKS = {"reading-times": reading_times, "seminar-plan": seminar_plan, "link-examples": link_examples,
          "course-files": course_files}
