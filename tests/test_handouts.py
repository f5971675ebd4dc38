"""Handouts: a two-page printable page per chapter, and its PDFs on A4 and US Letter (exactly two pages)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.config import Config
from build_scripts.errors import BuildError
from build_scripts.paths import ROOT
from build_scripts.pipeline import generate
from build_scripts.publish import pdf
from build_scripts.site.after_mkdocs import apply_csp

from .conftest import CHROMIUM, PREFIX, free_port
from .test_escaping import mkdocs_config
from .test_pages import FIXTURE_FIGURES

CHAPTER = "3-institutional-overlap"
LONG_TASK = "Open the figure and compare the two years, country by country, and say what the argument predicts. "


def front(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def fixture_site(data: Path, content: Path, root: Path, site_url: str, print_pdfs: bool = False) -> Config:
    """The fixture data and pages, built into root/site by MkDocs for `site_url`."""
    config = Config(site_url=site_url, data=data, content=content, docs=root / "docs", site=root / "site",
                    cache=ROOT / "build" / "cache", chromium=Path(CHROMIUM), print_pdfs=print_pdfs)
    generate(config, only=FIXTURE_FIGURES)
    env = {**os.environ, **config.mkdocs_environment()}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                             str(mkdocs_config(config.docs, root)), "--site-dir", str(config.site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    apply_csp(config.site)
    return config


def test_each_chapter_has_a_handout_page_kept_out_of_search(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    config = Config(site_url="https://example.org/mv/", data=data_dir, content=content_dir, docs=tmp_path / "docs",
                    cache=ROOT / "build" / "cache")
    generate(config, only=FIXTURE_FIGURES)
    text = (config.docs / "handouts" / f"{CHAPTER}.md").read_text()
    meta = front(text)
    assert meta["search"] == {"exclude": True} and meta["robots"] == "noindex"
    assert meta["canonical"] == f"https://example.org/mv/{CHAPTER}/"
    assert meta["title"] == "Handout: Institutional overlap"
    sheets = text.split('<section class="mv-handout__sheet"')[1:]
    assert len(sheets) == 2
    first, second = sheets
    assert "[Summits came close together.](../3-institutional-overlap.md#io-p1)" in first  # In brief, to the chapter
    assert '<details class="mv-guide" id="ho-reading-guide" open' in first  # the guide, printed open
    assert "(../3-institutional-overlap.md#io-p2)" in first and "(../glossary.md#gl-cis" in first
    exercise = f"https://example.org/mv/v/0.1/{CHAPTER}/?year=2009#fig-memberships"
    assert (f'href="../../{CHAPTER}/?year=2009#fig-memberships">Figure 3.1, 1 July 2009</a> '
            f'<span class="mv-guide__url">{exercise}</span>') in first
    assert '<img src="../../figures/memberships/chart.svg"' in second  # the figure, static
    assert "<strong>Cite the figure:</strong> Figure 3.1, Russia" in second  # its citation, in the edition
    assert f"https://example.org/mv/v/0.1/{CHAPTER}/#fig-memberships" in second
    for sheet in sheets:
        assert f"https://example.org/mv/v/0.1/{CHAPTER}/</span>" in sheet  # the page's address in full
    page = (config.docs / f"{CHAPTER}.md").read_text()
    assert f'<a href="../handouts/{CHAPTER}/">this page\'s two-page handout</a>' in page  # linked from the page
    assert "PDF, A4" not in page  # PDFs exist only once published


def test_published_pages_link_each_handout_pdf_and_the_epub(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    config = Config(site_url="https://example.org/mv/", data=data_dir, content=content_dir, docs=tmp_path / "docs",
                    cache=ROOT / "build" / "cache", print_pdfs=True)
    generate(config, only=FIXTURE_FIGURES)
    page = (config.docs / f"{CHAPTER}.md").read_text()
    for paper, label in (("a4", "A4"), ("letter", "US Letter")):
        href = f"/mv/v/0.1/handouts/multivector-v0.1-{CHAPTER}-{paper}.pdf"
        assert f'<a href="{href}">PDF, {label}</a>' in page
        assert f'<a href="{href}">PDF, {label}</a>' in (config.docs / "handouts" / f"{CHAPTER}.md").read_text()
    assert '<a href="/mv/v/0.1/multivector-v0.1.epub">as an EPUB, to read offline</a>' in page


def test_handout_jobs_cover_every_handout_on_both_papers(tmp_path: Path) -> None:
    for slug in ("1-introduction", "after-2015"):
        (tmp_path / "v" / "1.0" / "handouts" / slug).mkdir(parents=True)
        (tmp_path / "v" / "1.0" / "handouts" / slug / "index.html").write_text("")
    jobs = pdf.handout_jobs(tmp_path, [("v/1.0/", "1.0"), ("v/0.9/", "0.9")])  # 0.9 predates handouts: none
    assert [(path, paper, target.name) for path, _, target, paper in jobs] == [
        ("v/1.0/handouts/1-introduction/", "a4", "multivector-v1.0-1-introduction-a4.pdf"),
        ("v/1.0/handouts/1-introduction/", "letter", "multivector-v1.0-1-introduction-letter.pdf"),
        ("v/1.0/handouts/after-2015/", "a4", "multivector-v1.0-after-2015-a4.pdf"),
        ("v/1.0/handouts/after-2015/", "letter", "multivector-v1.0-after-2015-letter.pdf")]


@pytest.mark.browser
@pytest.mark.parametrize("length", ["as written", "long guide"])
def test_every_handout_prints_on_exactly_two_pages_of_a4_and_of_letter(data_dir: Path, content_dir: Path,
                                                                       tmp_path: Path, length: str) -> None:
    """A longer guide is shrunk to fit its sheet rather than run onto a third page."""
    if length == "long guide":
        page = content_dir / f"{CHAPTER}.md"
        page.write_text(page.read_text().replace("task: Open the figure at two years.", "task: " + LONG_TASK * 12))
    site_url = f"http://127.0.0.1:{free_port()}{PREFIX}"
    config = fixture_site(data_dir, content_dir, tmp_path, site_url)
    jobs = pdf.handout_jobs(config.site, [("", "0.1")])
    assert len(jobs) == 2
    pdf.print_pdfs(config, config.site, PREFIX, [], jobs)
    for _, _, target, paper in jobs:
        assert pdf.page_count(target) == 2, (target.name, paper)
        data = target.read_bytes()
        size = [float(v) for v in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data).groups()]
        expected = [595.92, 842.88] if paper == "a4" else [612.0, 792.0]
        assert size == pytest.approx(expected, abs=0.1), size


@pytest.mark.browser
def test_a_handout_too_long_for_two_pages_stops_publishing(data_dir: Path, content_dir: Path, tmp_path: Path) -> None:
    page = content_dir / f"{CHAPTER}.md"
    page.write_text(page.read_text().replace("task: Open the figure at two years.", "task: " + LONG_TASK * 60))
    config = fixture_site(data_dir, content_dir, tmp_path, f"http://127.0.0.1:{free_port()}{PREFIX}")
    with pytest.raises(BuildError, match="does not fit two a4 pages"):
        pdf.print_pdfs(config, config.site, PREFIX, [], pdf.handout_jobs(config.site, [("", "0.1")])[:1])
