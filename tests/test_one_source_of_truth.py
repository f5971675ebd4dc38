"""One source of truth: the prose types no number or date that a dataset holds."""

from __future__ import annotations

from pathlib import Path

from build_scripts import literals
from build_scripts.datasets import load_all
from build_scripts.pages import read_pages
from build_scripts.paths import CONTENT


def test_prose_draws_every_dataset_value_from_the_data() -> None:
    found = literals.find_all(read_pages(CONTENT), load_all())
    assert literals.report(found, CONTENT) == []


def test_the_check_catches_a_typed_value(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / "index.md"
    page.write_text(page.read_text() + "\nThe union counted 167 people; Georgia left in December 1993.\n")
    found = literals.find_all(read_pages(content_dir), load_all(data_dir))
    assert [(f.text, f.matches) for f in found] == [("December 1993", "memberships:record 4.from"),
                                                    ("167", "claims:ecu-population")]
