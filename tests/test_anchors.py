"""Permanent anchors: the committed registry, and what happens when an anchor disappears."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.editions import anchors
from build_scripts.pages.read import read_pages
from build_scripts.paths import CONTENT, ROOT


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def problems(content: Path, registry: dict) -> list[str]:
    pages = read_pages(content)
    return [p.message for p in anchors.check_anchors(pages, registry, {p.name for p in pages})]


def test_the_essay_matches_its_registry() -> None:
    assert problems(CONTENT, anchors.load_registry()) == []
    registered = anchors.load_registry()["anchors"]
    assert "ed-p4" in registered["2-elite-discourse.md"]
    assert "fig-memberships" in registered["3-institutional-overlap.md"]


def test_deleting_an_anchor_fails_the_check(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    page = content / "2-elite-discourse.md"
    page.write_text(page.read_text().replace(" {: #ed-p4 }", ""))
    found = problems(content, anchors.load_registry())
    assert any("published anchor 'ed-p4' is gone" in m for m in found)
    assert any("paragraph has no permanent id" in m for m in found)


def test_a_recorded_redirect_lets_an_anchor_move(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    page = content / "2-elite-discourse.md"
    page.write_text(page.read_text().replace("{: #ed-p4 }", "{: #ed-p4-moved }"))
    registry = anchors.load_registry()
    assert any("'ed-p4' is gone" in m for m in problems(content, registry))
    registry["redirects"] = {"2-elite-discourse.md#ed-p4": "2-elite-discourse.md#ed-p4-moved"}
    assert problems(content, registry) == []
    registry["redirects"] = {"2-elite-discourse.md#ed-p4": "2-elite-discourse.md#nowhere"}
    assert any("which does not exist" in m for m in problems(content, registry))


def test_ids_are_unique_across_the_site(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    page = content / "6-conclusions.md"
    page.write_text(page.read_text().replace("{: #co-p2 }", "{: #ed-p4 }"))
    assert any("id 'ed-p4' is already used in 2-elite-discourse.md" in m for m in problems(content, {}))


def test_checking_never_writes_the_registry() -> None:
    before = (ROOT / "anchors.json").read_bytes()
    pipeline.check(Config())
    assert (ROOT / "anchors.json").read_bytes() == before


def test_every_paragraph_and_figure_has_an_id_in_the_built_pages(site: Path) -> None:
    html = (site / "5-geopolitical-reality" / "index.html").read_text()
    registered = anchors.load_registry()["anchors"]["5-geopolitical-reality.md"]
    for anchor_id in registered:
        assert f'id="{anchor_id}"' in html, anchor_id
