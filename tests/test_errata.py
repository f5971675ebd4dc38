"""Corrections: listed on the Errata page, announced on the corrected paragraph, checked against the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import pipeline
from build_scripts.cite import addresses
from build_scripts.config import Config
from build_scripts.editions import errata
from build_scripts.editions.release import load_release
from build_scripts.errors import BuildError


def write_errata(path: Path, anchor: str) -> None:
    path.write_text(f"""corrections:
  - date: 2027-01-15
    version: 0.1.1
    page: 2-elite-discourse.md
    anchor: {anchor}
    what: A date was given to the wrong year.
""")


def test_a_correction_is_listed_and_shown_on_its_paragraph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errata, "ERRATA", tmp_path / "errata.yaml")
    write_errata(tmp_path / "errata.yaml", "ed-p4")
    pages = pipeline.generate(Config(docs=tmp_path / "docs")).pages
    chapter = pages["2-elite-discourse.md"]
    notice = chapter[chapter.index("{: #ed-p4"):]
    assert 'class="mv-correction"' in notice.split("\n\n")[1]
    assert "Corrected</strong> on 15 January 2027 (version 0.1.1): A date was given to the wrong year." in notice
    assert "| 15 January 2027 | 0.1.1 | [2-elite-discourse#ed-p4](2-elite-discourse.md#ed-p4) |" in pages["errata.md"]


def test_a_correction_of_a_missing_paragraph_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errata, "ERRATA", tmp_path / "errata.yaml")
    write_errata(tmp_path / "errata.yaml", "ed-p999")
    with pytest.raises(BuildError) as caught:
        pipeline.check(Config())
    assert any("correction of 2-elite-discourse.md#ed-p999: no such paragraph" in str(p) for p in caught.value.problems)


def test_no_corrections_yet() -> None:
    assert errata.block(errata.load()[0]).startswith("No correction has been made")


def test_report_an_error_link_is_prefilled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from urllib.parse import parse_qs, urlparse

    config = Config(repo_url="https://example.org/owner/essay", site_url="https://example.org/essay/",
                    docs=tmp_path / "docs")
    pages = pipeline.generate(config).pages
    block = pages["2-elite-discourse.md"].split("## Cite this page", 1)[1]
    href = block.split('class="mv-report__link" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert href.startswith("https://example.org/owner/essay/issues/new?")
    query = parse_qs(urlparse(href).query)
    assert query["title"] == ["Error on “Elite discourse”"]
    edition = addresses.edition_path(load_release().version)
    assert f"Page: https://example.org/essay/{edition}2-elite-discourse/" in query["body"][0]  # the edition read
    assert "Edition: " in query["body"][0]


def test_no_report_link_without_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "mv-report" not in pipeline.generate(Config(docs=tmp_path / "docs")).pages["index.md"]
