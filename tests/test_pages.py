"""Content constructs: figures, figure references, inline values and citations, with errors at page:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.config import Config
from build_scripts.errors import BuildError
from build_scripts.pages.fold import FOLD, FOLD_CHARS, with_fold
from build_scripts.pipeline import check, generate

FIXTURE_FIGURES = {"memberships"}  # the fixture data and pages hold only this figure's data


def fixture_build(data_dir: Path, content_dir: Path, tmp_path: Path) -> Config:
    """The fixture data and pages, built into tmp_path."""
    return Config(data=data_dir, content=content_dir, docs=tmp_path / "docs", cache=tmp_path / "cache")


def messages(data_dir: Path, content_dir: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        check(Config(data=data_dir, content=content_dir), FIXTURE_FIGURES)
    return [str(p) for p in caught.value.problems]


def test_fixture_content_checks_clean(data_dir: Path, content_dir: Path) -> None:
    ctx = check(Config(data=data_dir, content=content_dir), FIXTURE_FIGURES)
    assert ctx.placements["memberships"].number == "3.1"


def test_inline_values_come_from_the_data(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    result = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES)
    assert ">167 million</span>" in result.pages["index.md"]
    assert ">about 90 per cent</span>" in result.pages["index.md"]
    assert ">June 2009</span>" in result.pages["3-institutional-overlap.md"]
    assert ">1991</span>" in result.pages["3-institutional-overlap.md"]
    # change the value in the dataset: the page follows
    claims = data_dir / "claims.yaml"
    claims.write_text(claims.read_text().replace("value: 167,", "value: 171,"))
    result = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES)
    assert ">171 million</span>" in (docs / "index.md").read_text()


def test_figure_reference_becomes_a_numbered_link(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    pages = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES).pages
    assert "[Figure 3.1](3-institutional-overlap.md#fig-memberships" in pages["index.md"]
    assert "[Figure 3.1](#fig-memberships" in pages["3-institutional-overlap.md"]
    assert re.search(r'<figure class="mv-figure[^"]*" id="fig-memberships"', pages["3-institutional-overlap.md"])


def test_citation_links_to_its_reference(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    pages = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES).pages
    assert "([Chatterje-Doody 2015](references.md#ref-chatterje-doody-2015" in pages["index.md"]


def test_unknown_figure_id_names_page_and_line(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / "3-institutional-overlap.md"
    page.write_text(page.read_text().replace("```figure\nmemberships\n```", "```figure\nmembership\n```"))
    found = messages(data_dir, content_dir)
    assert any(m.startswith(f"{page}:41: unknown figure 'membership'")
               for m in found)


def test_unknown_inline_key_names_page_and_line(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / "index.md"
    page.write_text(page.read_text().replace("{{claims:ecu-population}}", "{{claims:ecu-populaton}}"))
    assert any(":8: unknown record 'ecu-populaton'" in m for m in messages(data_dir, content_dir))


def test_unknown_field_format_and_citation(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / "index.md"
    page.write_text(page.read_text() + "\n{{organisations:cis.foundd}} {{organisations:cis.founded|roman}} [@nobody]\n")
    found = messages(data_dir, content_dir)
    assert any("unknown field 'foundd'" in m for m in found)
    assert any("unknown format 'roman'" in m for m in found)
    assert any("citation of unknown source 'nobody'" in m for m in found)


def test_figure_placed_twice_or_nowhere(data_dir: Path, content_dir: Path) -> None:
    index = content_dir / "index.md"
    index.write_text(index.read_text().replace("---\n\n", "---\nchapter: 0\n---\n\n", 1) if False else
                     index.read_text() + "\n```figure\nmemberships\n```\n")
    assert any("figure 'memberships' is placed twice" in m or "no 'chapter' number" in m
               for m in messages(data_dir, content_dir))
    chapter = content_dir / "3-institutional-overlap.md"
    index.write_text(index.read_text().replace("\n```figure\nmemberships\n```\n", ""))
    chapter.write_text(chapter.read_text().replace("```figure\nmemberships\n```", ""))
    assert any("figure 'memberships' is defined but placed on no page" in m for m in messages(data_dir, content_dir))


def test_trailing_paragraph_id_gets_its_own_line(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    pages = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES).pages
    assert "of it.\n{: #ov-p1 }" in pages["index.md"]


def test_the_fold_follows_the_first_screen_and_never_splits_a_block() -> None:
    half = "x" * (FOLD_CHARS // 2)
    note = ["# Title", "", half, "", '!!! note "A note"', "", "    " + half, "", "    more of the note", "", "After."]
    listed = ["# Title", "", half + half, "", "- item", "", "- item", "", "    more of the item", "", "After."]
    revised = ["# Title", "", half + half, "", '<p class="mv-revision" role="note">Revised.</p>', "",
               '<p class="mv-correction" role="note">Corrected.</p>', "", "", "", "After."]
    for page in (note, listed, revised):
        folded = with_fold(page)
        assert folded.count(FOLD) == 1
        assert folded.index(FOLD) == folded.index("After.") - 2  # past the first screen, between blocks
        assert [line for line in folded if line != FOLD] == [*page[:10], "", *page[10:]]


def test_a_short_page_has_no_fold() -> None:
    page = ["# Title", "", "One paragraph.", "", "Another."]
    assert with_fold(page) == page


def test_a_closed_reading_guide_takes_only_its_summary_line_of_the_first_screen() -> None:
    guide = ['<details class="mv-guide" id="reading-guide" markdown="1">', "<summary>Reading guide</summary>",
             "x" * FOLD_CHARS, "</details>"]
    page = ["# Title", "", "Intro.", "", *guide, "", "First section.", "", "After."]
    assert with_fold(page) == page  # the closed guide is one line on screen: the page is short
    opened = [guide[0].replace(' markdown="1"', ' open markdown="1"'), *guide[1:]]
    folded = with_fold(["# Title", "", "Intro.", "", *opened, "", "First section.", "", "After."])
    assert folded.index(FOLD) == folded.index("First section.") - 2  # open, it fills the screen


def test_no_fold_inside_a_code_block() -> None:
    page = ["# Title", "", "x" * FOLD_CHARS, "```", "code", "", "more code", "```", "", "After."]
    folded = with_fold(page)
    assert folded.index(FOLD) == folded.index("After.") - 2


def test_the_fold_comes_before_a_figure_below_the_first_screen_not_one_in_it() -> None:
    below = ["# Title", "", "Some text.", "", '<figure class="mv-figure" id="fig-a">…</figure>', "", "After."]
    assert with_fold(below).index(FOLD) == 4  # the figure is drawn as the reader nears it
    opening = [line.replace('id="fig-a"', 'id="fig-a" data-first-screen=""') for line in below]
    assert FOLD not in with_fold(opening)  # drawn at once, with everything before it


def test_in_brief_lists_the_points_with_links_and_the_reading_time(data_dir: Path, content_dir: Path,
                                                                  tmp_path: Path) -> None:
    result = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES)
    page = result.pages["3-institutional-overlap.md"]
    brief = page[page.index('<aside class="mv-brief"'):page.index("</aside>")]
    assert "About 1 minute to read" in brief
    assert re.findall(r"^- \[(.*)\]\(#(io-p\d)\)$", brief, re.M) == [
        ("Summits came close together.", "io-p1"), ("The CIS is the widest.", "io-p2"),
        ("A *third* point, for the count.", "io-p2")]
    assert page.index('<aside class="mv-brief"') < page.index("{: #io-p1")


def test_in_brief_is_required_on_chapter_pages_and_checked(data_dir: Path, content_dir: Path) -> None:
    chapter = content_dir / "3-institutional-overlap.md"
    text = chapter.read_text()
    chapter.write_text(text.replace("→ #io-p1", "→ #io-p9").replace("- A *third* point, for the count. → #io-p2\n",
                                                                    "- no arrow here\n"))
    assert sorted(messages(data_dir, content_dir)) == [
        f"{chapter}:11: 'In brief' has 2 point(s); it needs 3 to 5",
        f"{chapter}:11: 'In brief' point 1 links to '#io-p9', which is not an anchor on this page",
        f"{chapter}:11: 'In brief' point 3 must read '- text → #paragraph-id'"]
    title = "# 3 Institutional overlap {#institutional-overlap}\n"
    chapter.write_text(text.replace(title, title + "\nA word first. {: #io-p0 }\n"))
    assert messages(data_dir, content_dir) == [
        f"{chapter}:13: the ```brief block comes first, straight after the page's title"]
    start, end = text.index("```brief"), text.index("```\n", text.index("```brief") + 3) + 4
    chapter.write_text(text[:start] + text[end:])
    assert messages(data_dir, content_dir) == [
        f"{chapter}:8: a chapter page needs exactly one ```brief block of key points (found 0)"]


def test_an_indented_fence_is_a_fence_for_every_reader_of_the_pages() -> None:
    """One rule for fences (pages/markdown.py): a code block inside an admonition is code, for the
    expansion, the anchors, the typed values and the word counts alike."""
    from build_scripts.editions.anchors import anchors
    from build_scripts.pages.markdown import page_blocks, prose_indices
    from build_scripts.pages.read import Page
    from build_scripts.pages.typed_values import prose_lines

    body = ["# Title {#t}", "", '!!! note "Code"', "", "    ```", "    15,000 in July 2014", "    ```", "",
            "A paragraph. {: #t-p1 }"]
    page = Page(Path("t.md"), "t.md", {}, body, 1)
    (block,) = page_blocks(page)
    assert (block.start, block.end, block.body) == (4, 6, ["    15,000 in July 2014"])
    assert 5 not in prose_indices(body)
    assert not any("15,000" in text for _, text in prose_lines(page))
    assert [a.id for a in anchors(page)[0]] == ["t", "t-p1"]


def test_a_citation_of_several_sources_is_one_parenthesis(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    page = content_dir / "index.md"
    page.write_text(page.read_text() + "\nTwo sources agree [@test-outside; @chatterje-doody-2015]. {: #ov-two }\n")
    pages = generate(fixture_build(data_dir, content_dir, tmp_path), only=FIXTURE_FIGURES).pages
    (cited,) = re.findall(r"agree \((.*)\)\.", pages["index.md"])
    assert re.fullmatch(r'\[[^\]]+\]\(references\.md#ref-test-outside "[^"]+"\); '
                        r'\[[^\]]+\]\(references\.md#ref-chatterje-doody-2015 "[^"]+"\)', cited), cited
