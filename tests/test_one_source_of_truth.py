"""One source of truth: the prose types no date with a month and no quantity that the data should give."""

from __future__ import annotations

from pathlib import Path

from build_scripts.data.datasets import load_all
from build_scripts.pages import typed_values
from build_scripts.pages.read import read_pages
from build_scripts.paths import CONTENT


def test_prose_types_no_date_or_quantity_outside_the_allow_list() -> None:
    allowed, problems = typed_values.load_allowed()
    assert problems == []
    found = typed_values.check_typed_values(read_pages(CONTENT), load_all(), allowed)
    assert [str(p) for p in found] == []


def test_the_check_catches_a_typed_value(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / "index.md"
    page.write_text(page.read_text() + "\nThe union counted 167 people; Georgia left in December 1993.\n")
    found = typed_values.find_all(read_pages(content_dir), load_all(data_dir))
    assert [(f.text, f.matches) for f in found] == [("December 1993", "memberships:record 4.from"),
                                                    ("167", "claims:ecu-population")]


def test_a_wrong_date_or_a_stray_quantity_is_caught_even_when_no_record_holds_it(data_dir: Path,
                                                                                 content_dir: Path) -> None:
    page = content_dir / "index.md"
    text = page.read_text()
    page.write_text(text + "\nThe reform took effect on 27 January 2016, moving 6.2 per cent of votes, "
                           "after 40 years; Article 5 and the G20 of 1999 are no quantities. {: #ov-x }\n")
    line = len(page.read_text().splitlines())
    pages, data = read_pages(content_dir), load_all(data_dir)
    messages = [str(p) for p in typed_values.check_typed_values(pages, data, [])]
    assert [m.split(": ", 1)[1].split(" is typed")[0] for m in messages] == ["'27 January 2016'", "'6.2 per cent'",
                                                                            "'40'"]
    assert all(m.startswith(f"{page}:{line}: ") for m in messages)
    allowed = [typed_values.Allowed(page="index.md", text=t, why="a test of the allow list") for t in
               ("27 January 2016", "6.2 per cent", "40", "99 times")]
    assert [str(p) for p in typed_values.check_typed_values(pages, data, allowed)] == [
        "typed-values.yaml: allowed '99 times' on index.md is no longer typed there: remove the entry"]
