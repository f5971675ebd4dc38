"""The reading guide (```guide): how it is written, what is checked, and its permanent ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.config import Config
from build_scripts.editions import anchors
from build_scripts.errors import BuildError
from build_scripts.pages import guide as guide_module
from build_scripts.pages.brief import reading_minutes
from build_scripts.pages.read import read_pages
from build_scripts.pipeline import check, generate

from .test_pages import FIXTURE_FIGURES, fixture_build, messages

CHAPTER = "3-institutional-overlap.md"


def edit(content_dir: Path, old: str, new: str) -> Path:
    page = content_dir / CHAPTER
    text = page.read_text()
    assert old in text, old
    page.write_text(text.replace(old, new))
    return page


def guide_of(markdown: str) -> str:
    start = markdown.index('<details class="mv-guide"')
    return markdown[start:markdown.index("</details>", start)]


def test_the_guide_is_written_after_in_brief_with_every_item_citable(data_dir: Path, content_dir: Path,
                                                                   tmp_path: Path) -> None:
    result = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES)
    page = result.pages[CHAPTER]
    guide = guide_of(page)
    assert page.index("</aside>") < page.index('<details class="mv-guide" id="reading-guide"') < page.index("{: #io-p1")
    assert "<summary>" in guide and " open" not in guide.split(">")[0]  # collapsed on the web page
    assert re.findall(r'<li id="(gd-[\w-]+)"', guide) == ["gd-io-o1", "gd-io-o2", "gd-io-q1", "gd-io-q2", "gd-io-q3"]
    assert '<p id="gd-io-x1"' in guide
    assert '[CIS](glossary.md#gl-cis "Commonwealth of Independent States")' in guide  # the term, to the glossary
    assert "Draws on: [3 Institutional overlap, paragraph 2](#io-p2); [3 Institutional overlap, paragraph 1](#io-p1)." \
        in guide
    assert "Draws on: [Figure 3.1](#fig-memberships)." in guide
    assert '<a class="mv-guide__state" href="?year=2009#fig-memberships">Figure 3.1, 1 July 2009</a>' in guide
    assert "[Figure 3.1](#fig-memberships" in guide  # inline constructs work in the guide's text
    assert 'data-cite-label="reading guide, question 2"' in guide


def test_the_print_page_prints_the_guide_open_with_prefixed_ids(data_dir: Path, content_dir: Path,
                                                                tmp_path: Path) -> None:
    generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES)
    printed = (tmp_path / "docs" / "print.md").read_text()
    guide = guide_of(printed)
    # one guide per chapter on the print page: each id names its page, so none repeats
    assert guide.startswith('<details class="mv-guide" id="print-reading-guide-3-institutional-overlap" open')
    assert '<li id="print-gd-io-q1"' in guide and '<p id="print-gd-io-x1"' in guide
    assert "(#print-io-p1)" in guide
    # the figure is static on the print page: the exercise opens it live on its chapter page
    assert 'href="../3-institutional-overlap/?year=2009#fig-memberships"' in guide


def test_the_guide_is_in_the_anchor_registry_and_losing_an_item_fails(content_dir: Path, tmp_path: Path) -> None:
    registry_path = tmp_path / "anchors.json"
    anchors.write_registry(read_pages(content_dir), registry_path)
    registry = anchors.load_registry(registry_path)
    recorded = registry["anchors"][CHAPTER]
    assert {"gd-io-o1", "gd-io-o2", "gd-io-q1", "gd-io-q2", "gd-io-q3", "gd-io-x1"} <= set(recorded)
    pages = read_pages(content_dir)
    assert anchors.check_anchors(pages, registry, {p.name for p in pages}) == []
    edit(content_dir, "  gd-io-q3:\n    ask: What does the figure leave out?\n    draws_on: [fig-memberships]\n", "")
    pages = read_pages(content_dir)
    found = [p.message for p in anchors.check_anchors(pages, registry, {p.name for p in pages})]
    assert any("published anchor 'gd-io-q3' is gone" in m for m in found)


def test_rewording_a_question_or_its_paragraphs_asks_for_the_registry(content_dir: Path, tmp_path: Path) -> None:
    registry_path = tmp_path / "anchors.json"
    anchors.write_registry(read_pages(content_dir), registry_path)
    registry = anchors.load_registry(registry_path)
    edit(content_dir, "draws_on: [io-p1]", "draws_on: [io-p2]")
    pages = read_pages(content_dir)
    found = [p.message for p in anchors.check_anchors(pages, registry, {p.name for p in pages})]
    assert any("the text at 'gd-io-q1' changed" in m for m in found)


def test_guide_items_are_not_paragraphs_for_the_reading_time(content_dir: Path) -> None:
    page = next(p for p in read_pages(content_dir) if p.name == CHAPTER)
    items = [a for a in anchors.anchors(page)[0] if a.guide]
    assert len(items) == 6 and not any(a.is_paragraph for a in items)
    before = reading_minutes(page)
    edit(content_dir, "task: Open the figure", "task: " + "Read this slowly. " * 400 + "Open the figure")
    assert reading_minutes(next(p for p in read_pages(content_dir) if p.name == CHAPTER)) == before


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  gd-io-o2: Compare the CIS with {{fig:memberships}}.\n", "",
     ":17: reading guide: 1 learning objectives; it needs 2 to 4"),
    ("  gd-io-q3:\n    ask: What does the figure leave out?\n    draws_on: [fig-memberships]\n", "",
     ":17: reading guide: 2 questions; it needs 3 to 5"),
    ("terms: [cis]", "terms: [cis, not-a-term]",
     ":21: reading guide: key term 'not-a-term' is not an id in the glossary"),
    ("draws_on: [io-p1]\n", "draws_on: [io-p1, io-p7]\n",
     ":23: reading guide: question 'gd-io-q1' draws on '#io-p7', which is not an anchor on this page"),
    ("open: [year=2009, year=2014]", "open: [year=1950]",
     ":33: reading guide: year=1950 is not a state of figure 'memberships' (from 1991 to 2025)"),
    ("open: [year=2009, year=2014]", "open: [month=3]",
     ":33: reading guide: figure 'memberships' has no parameter 'month' (its parameters: year)"),
    ("open: [year=2009, year=2014]", "open: []",
     ":33: reading guide: exercise 'gd-io-x1' opens the figure in a state ('open: [year=…]'): its address sets year"),
    ("open: [year=2009, year=2014]", "open: [2009]",
     ":33: reading guide: exercise 'gd-io-x1': '2009' is not a figure state such as year=2009"),
    ("    figure: memberships\n", "    figure: no-such-figure\n",
     ":33: reading guide: exercise 'gd-io-x1' uses figure 'no-such-figure', which is not placed on any page"),
    ("  gd-io-o1: Explain", "  io-o1: Explain",
     ":19: reading guide: 'io-o1' is not a guide id: lower case, starting gd- (e.g. gd-io-q1)"),
    ("terms: [cis]", "terms: [cis]\nglossary: [cis]", ":22: reading guide: unknown key 'glossary' (known: objectives, "
     "terms, questions, exercise)"),
    ("exercise:\n  gd-io-x1:", "exercise:\n  gd-io-x2:\n    figure: memberships\n    open: [year=2010]\n"
     "    task: A second one.\n  gd-io-x1:", ":17: reading guide: 2 exercises; it needs exactly one"),
    ("    ask: What does the figure leave out?\n", "    ask: [What, does]\n",
     ":29: reading guide: question 'gd-io-q3' needs 'ask' (the question) and 'draws_on' (its paragraphs' ids)"),
    ("terms: [cis]", "terms: [cis\n", ":23: YAML syntax error"),
])
def test_every_part_of_the_guide_is_checked(data_dir: Path, content_dir: Path, old: str, new: str,
                                            expected: str) -> None:
    page = edit(content_dir, old, new)
    found = messages(data_dir, content_dir)
    assert any(m.startswith(str(page) + expected.split(" reading guide")[0]) and expected.split(":", 2)[2].strip()
               in m for m in found), found


def test_the_exercise_uses_the_page_s_own_figure(data_dir: Path, content_dir: Path) -> None:
    """A page that places a figure uses it; a page that places none may borrow one (and links to its home)."""
    (content_dir / "index.md").write_text((content_dir / "index.md").read_text() + GUIDE_ON_OVERVIEW)
    check(Config(data=data_dir, content=content_dir), FIXTURE_FIGURES)  # borrowed from page 3: fine
    moved = (content_dir / CHAPTER).read_text().replace("```figure\nmemberships\n```\n", "").replace(
        "draws_on: [fig-memberships]", "draws_on: [io-p2]")
    (content_dir / CHAPTER).write_text(moved)
    overview = (content_dir / "index.md").read_text()
    (content_dir / "index.md").write_text(overview.replace("{: #ov-p2 }", "{: #ov-p2 }\n\n```figure\nmemberships\n```")
                                          .replace("title: Overview", "title: Overview\nchapter: 0"))
    # the figure now lives on the overview, so page 3 (which places none) borrows it: still fine
    check(Config(data=data_dir, content=content_dir), FIXTURE_FIGURES)


GUIDE_ON_OVERVIEW = """
```guide
objectives:
  gd-ov-o1: One.
  gd-ov-o2: Two.
terms: [cis]
questions:
  gd-ov-q1: {ask: A?, draws_on: [ov-p1]}
  gd-ov-q2: {ask: B?, draws_on: [ov-p2]}
  gd-ov-q3: {ask: C?, draws_on: [ov-p1]}
exercise:
  gd-ov-x1: {figure: memberships, open: [year=2010], task: Look.}
```
"""


def test_the_guide_comes_straight_after_in_brief(data_dir: Path, content_dir: Path) -> None:
    page = edit(content_dir, "```\n\n```guide", "```\n\nA paragraph between. {: #io-p0 }\n\n```guide")
    assert f"{page}:19: the ```guide block comes straight after the ```brief block" in messages(data_dir, content_dir)


def test_a_required_guide_must_be_there(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / CHAPTER
    text = page.read_text()
    page.write_text(text[:text.index("```guide")] + text[text.index("```\n", text.index("```guide") + 3) + 4:])
    assert any("this page needs a ```guide block, a reading guide after In brief (its front matter says guide: "
               "required)" in m for m in messages(data_dir, content_dir))
    page.write_text(page.read_text().replace("guide: required\n", ""))
    check(Config(data=data_dir, content=content_dir), FIXTURE_FIGURES)  # not required: fine without one


def test_the_list_in_course_yaml_switches_the_requirement_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """For the essay's own pages: every page listed must have its guide, and every name must be a page."""
    import shutil

    from build_scripts.config import CONTENT
    from build_scripts.pages.context import Context

    course = tmp_path / "course.yaml"
    monkeypatch.setattr(guide_module, "COURSE", course)
    content = shutil.copytree(CONTENT, tmp_path / "content")
    chapter = content / "2-elite-discourse.md"
    chapter.write_text(re.sub(r"```guide\n.*?\n```\n", "", chapter.read_text(), flags=re.S))  # its guide taken out
    course.write_text(f"guides_required: [{chapter.name}, no-such-page.md]\n")
    ctx = Context(Config(), data=None, figures={})  # type: ignore[arg-type]
    guide_module.check_guides(read_pages(content), ctx)
    found = [str(p) for p in ctx.problems.items]
    assert any(chapter.name in m and "needs a ```guide block" in m and "site_config/course.yaml" in m for m in found)
    assert any("guides_required names 'no-such-page.md'" in m for m in found)


def test_every_chapter_page_and_after_2015_must_carry_its_guide() -> None:
    from build_scripts.data.yaml_reader import load_yaml, strip_lines
    from build_scripts.pages.course import course_pages

    listed = strip_lines(load_yaml(guide_module.COURSE))["guides_required"]
    pages = read_pages()
    assert sorted(listed) == sorted(p.name for p in course_pages(pages))
    assert all(guide_module.page_guide(p) for p in course_pages(pages))


TEACHING = """---
title: Teaching
---

# Teaching {#teaching}

A plan. {: #te-p1 }

```seminar-plan
PAGE
```
"""


def test_a_seminar_plan_is_the_outline_of_one_chapter_page(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "teaching.md").write_text(TEACHING.replace("PAGE", CHAPTER))
    page = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES).pages["teaching.md"]
    assert f"| 5–15 | The exercise, in pairs | [the exercise]({CHAPTER}#gd-io-x1) |" in page
    assert f"[question 3]({CHAPTER}#gd-io-q3)" in page


def test_a_seminar_plan_for_a_page_that_is_not_a_chapter_stops_the_build(data_dir: Path, content_dir: Path,
                                                                        tmp_path: Path) -> None:
    (content_dir / "teaching.md").write_text(TEACHING.replace("PAGE", "no-such-page.md"))
    with pytest.raises(BuildError, match=r"teaching.md: seminar-plan: 'no-such-page.md' is not a chapter page"):
        generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES)


def test_a_date_typed_in_a_guide_is_caught_like_one_in_the_prose(data_dir: Path, content_dir: Path) -> None:
    page = edit(content_dir, "Explain why close summits can signal weight.",
                "Explain why the summits of June 2009 signal weight.")
    assert any(m.startswith(f"{page}:19: 'June 2009' is typed") for m in messages(data_dir, content_dir))
