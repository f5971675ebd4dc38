"""Editions: two releases built and published side by side, as GitHub Pages would serve them.

A copy of the repository gets a release 1.0.0, then a paragraph is reworded and 1.1.0 released;
`python -m build_scripts publish` builds both. The latest edition must mark the reworded paragraph as
revised and link to its earlier wording in edition 1.0, which must still hold that wording, cite
itself, carry a banner to the latest, and have its own PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from build_scripts.editions import revisions, versions
from build_scripts.editions.revisions import Revision
from build_scripts.editions.versions import Version
from build_scripts.paths import CACHE, NODE_MODULES, ROOT
from build_scripts.publish.local_server import serve

from .conftest import PREFIX, free_port

PAGE = "2-elite-discourse"
REWORDED, UNCHANGED = "ed-p2", "ed-p3"
ADDED = "A sentence that only the second edition has."
GIT = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]


def run(args: list[str], cwd: Path, **env: str) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def release(repo: Path, version: str) -> None:
    path = repo / "site_config" / "release.yaml"
    path.write_text(re.sub(r"(?m)^version: .*$", f"version: {version}", path.read_text()))
    run([*GIT, "add", "-A"], repo)
    run([*GIT, "commit", "-q", "-m", f"Release {version}"], repo)
    run([*GIT, "tag", f"v{version}"], repo)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The repository as it is now, released as 1.0.0 and (with one paragraph reworded) as 1.1.0."""
    repo = tmp_path_factory.mktemp("editions") / "repo"
    files = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    (repo / "node_modules").symlink_to(NODE_MODULES)
    CACHE.mkdir(parents=True, exist_ok=True)
    (repo / "build").mkdir()
    (repo / "build" / "cache").symlink_to(CACHE)  # figure artefacts are keyed by their inputs
    run([*GIT, "init", "-q"], repo)
    (repo / ".git" / "info" / "exclude").write_text("node_modules\n")  # a link to the installed packages
    release(repo, "1.0.0")
    page = repo / "content" / f"{PAGE}.md"
    page.write_text(page.read_text().replace(f" {{: #{REWORDED} }}", f" {ADDED} {{: #{REWORDED} }}"))
    # the check refuses changed text until the registry records it
    failed = subprocess.run([sys.executable, "-m", "build_scripts", "check"], cwd=repo, capture_output=True, text=True)
    assert failed.returncode == 1 and f"the text at '{REWORDED}' changed" in failed.stderr
    run([sys.executable, "-m", "build_scripts", "anchors", "--write"], repo)
    release(repo, "1.1.0")
    site_url = f"http://127.0.0.1:{free_port()}{PREFIX}"
    run([sys.executable, "-m", "build_scripts", "publish"], repo, SITE_URL=site_url)
    yield repo / "site", site_url


def html_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_edition_is_published_at_its_own_address(published: tuple[Path, str]) -> None:
    site, _ = published
    assert ADDED in html_of(site, PAGE)
    assert ADDED in html_of(site, f"v/1.1/{PAGE}")
    earlier = html_of(site, f"v/1.0/{PAGE}")
    assert ADDED not in earlier and f'id="{REWORDED}"' in earlier


def test_a_citation_points_to_the_edition_it_was_made_on(published: tuple[Path, str]) -> None:
    site, site_url = published
    cited = re.compile(r'data-cite-url="([^"]+)"')
    assert cited.findall(html_of(site, PAGE)) == [f"{site_url}v/1.1/{PAGE}/"]
    assert cited.findall(html_of(site, f"v/1.1/{PAGE}")) == [f"{site_url}v/1.1/{PAGE}/"]
    assert cited.findall(html_of(site, f"v/1.0/{PAGE}")) == [f"{site_url}v/1.0/{PAGE}/"]


def test_only_an_earlier_edition_carries_the_banner(published: tuple[Path, str]) -> None:
    site, _ = published
    banners = {path: html_of(site, path).count("mv-edition-banner") for path in ("", PAGE, f"v/1.1/{PAGE}")}
    assert banners == {"": 0, PAGE: 0, f"v/1.1/{PAGE}": 0}
    pages = sorted(p.parent for p in (site / "v" / "1.0").rglob("index.html"))
    assert pages and all("mv-edition-banner" in (p / "index.html").read_text() for p in pages)
    assert f'href="{PREFIX}{PAGE}/">read this page in the latest edition' in html_of(site, f"v/1.0/{PAGE}")


def test_a_reworded_paragraph_says_so_and_links_its_earlier_wording(published: tuple[Path, str]) -> None:
    site, _ = published
    for path in (PAGE, f"v/1.1/{PAGE}"):
        page = html_of(site, path)
        notes = re.findall(r'<p class="mv-revision".*?</p>', page)
        assert len(notes) == 1, notes  # the one reworded paragraph, not its unchanged neighbours
        assert "Revised in v1.1." in notes[0]
        assert f'href="{PREFIX}v/1.0/{PAGE}/#{REWORDED}"' in notes[0]
        after = page.split(f'id="{REWORDED}"', 1)[1]
        assert after.index('class="mv-revision"') < after.index(f'id="{UNCHANGED}"')  # right under it
    assert "mv-revision" not in html_of(site, f"v/1.0/{PAGE}")


def test_each_edition_has_a_pdf_of_the_whole_essay(published: tuple[Path, str]) -> None:
    site, _ = published
    for edition in ("1.0", "1.1"):
        pdf = site / "v" / edition / f"multivector-v{edition}.pdf"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        assert len(re.findall(rb"/Type\s*/Page[^s]", data)) > 20  # every chapter, not one page
        link = f'href="{PREFIX}v/{edition}/multivector-v{edition}.pdf"'
        assert link in html_of(site, f"v/{edition}/{PAGE}")
    assert f'href="{PREFIX}v/1.1/multivector-v1.1.pdf"' in html_of(site, PAGE)


def test_each_edition_has_its_handouts_on_two_pages_and_its_epub(published: tuple[Path, str]) -> None:
    from build_scripts.publish.pdf import page_count

    site, _ = published
    chapters = ["1-introduction", "2-elite-discourse", "3-institutional-overlap", "4-discursive-space",
                "5-geopolitical-reality", "6-conclusions", "after-2015"]
    for edition in ("1.0", "1.1"):
        for slug in chapters:
            for paper in ("a4", "letter"):
                pdf = site / "v" / edition / "handouts" / f"multivector-v{edition}-{slug}-{paper}.pdf"
                assert page_count(pdf) == 2, pdf.name
                assert f'href="{PREFIX}v/{edition}/handouts/{pdf.name}"' in html_of(site, f"v/{edition}/{slug}")
        book = site / "v" / edition / f"multivector-v{edition}.epub"
        assert book.read_bytes().startswith(b"PK") and b"application/epub+zip" in book.read_bytes()[:100]
        assert f'href="{PREFIX}v/{edition}/multivector-v{edition}.epub"' in html_of(site, f"v/{edition}/{PAGE}")
    assert not list(site.glob("*.epub"))  # beside each edition's PDF, not at the root


def test_every_link_between_the_editions_resolves(published: tuple[Path, str]) -> None:
    site, site_url = published
    command = [sys.executable, "-m", "build_scripts", "links", "--site", str(site), "--site-url", site_url]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 broken" in result.stdout


def test_a_reader_follows_a_revision_to_the_earlier_wording_and_back(published: tuple[Path, str],
                                                                       browser: Browser) -> None:
    site, site_url = published
    server, url = serve(site, PREFIX, int(site_url.split(":")[2].split("/")[0]))
    page = browser.new_page()
    try:
        page.goto(f"{url}{PAGE}/")
        page.locator(f"#{REWORDED} + .mv-revision a").click()
        page.wait_for_url(f"**/v/1.0/{PAGE}/#{REWORDED}")
        expect(page.locator(f"#{REWORDED}")).to_be_visible()
        assert ADDED not in page.locator(f"#{REWORDED}").inner_text()
        banner = page.locator(".mv-edition-banner")
        expect(banner).to_contain_text("edition 1.0")
        banner.locator("a").click()
        page.wait_for_url(f"{url}{PAGE}/")
        assert ADDED in page.locator(f"#{REWORDED}").inner_text()
    finally:
        page.close()
        server.shutdown()


def test_revisions_are_found_across_several_editions() -> None:
    v1, v2, v3 = Version(1, 0, 2), Version(1, 1, 0), Version(2, 0, 0)
    history = [(v1, {"a.md": {"p1": "one", "p2": "same", "p3": "x"}}),
               (v2, {"b.md": {"p1": "two", "p2": "same"}})]
    current = {"p1": "two", "p2": "same", "p3": "y", "p4": "new"}
    assert revisions.revisions(current, v3, history) == {
        "p1": Revision("p1", "1.1", "1.0", "a.md"),  # reworded in 1.1 (and moved): unchanged since
        # p3 was absent from 1.1, so its return in 2.0 is not a rewording of 1.1's text
    }
    current["p1"] = "three"
    assert revisions.revisions(current, v3, history)["p1"] == Revision("p1", "2.0", "1.1", "b.md")


def test_release_tags_make_editions_of_their_newest_patch(tmp_path: Path) -> None:
    run([*GIT, "init", "-q"], tmp_path)
    (tmp_path / "f").write_text("x")
    run([*GIT, "add", "f"], tmp_path)
    run([*GIT, "commit", "-q", "-m", "x"], tmp_path)
    for tag in ("v1.0.0", "v1.0.1", "v1.1.0", "v0.9.3", "not-a-release", "v2.0"):
        run([*GIT, "tag", tag], tmp_path)
    assert [v.tag for v in versions.released(tmp_path)] == ["v0.9.3", "v1.0.1", "v1.1.0"]
    assert [v.edition for v in versions.earlier(Version(1, 1, 2), tmp_path)] == ["0.9", "1.0"]
