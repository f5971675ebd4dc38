"""Links in the built site: every internal link leads to a file and every #fragment to an id."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.paths import ROOT
from build_scripts.site import links

SITE_URL = "https://example.github.io/sub/"  # the tiny site is built for a project subpath


def test_the_essay_has_no_broken_internal_link_or_anchor(site: Path, site_url: str) -> None:
    assert links.site_url_of(site) == site_url  # the address is read back from the built home page
    report = links.check_site(site)
    assert [str(link) for link in report.broken] == []
    assert report.pages >= 13 and report.checked > 500  # every page was read, and links were found in it
    # every external link is listed with its page, and none of them is a resource the pages load
    assert all(link.href.startswith(("http://", "https://")) for link in report.external)
    assert not any("/assets/" in link.href for link in report.external)


def write(site: Path, name: str, text: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


HOME = f"""<!doctype html><html><head>
<link rel="canonical" href="{SITE_URL}"><link rel="stylesheet" href="assets/style.css">
<script src="assets/app.js"></script></head><body id="top">
<a href="chapter/">chapter</a> <a href="chapter/#part-1">part 1</a> <a href="chapter/index.html#part-2">part 2</a>
<a href="/sub/chapter/#part-1">site-absolute</a> <a href="{SITE_URL}chapter/#part-2">absolute on our address</a>
<a href="#top">top</a> <a href="#">nothing</a> <a href="?q=1">query</a> <a href="mailto:a@example.org">mail</a>
<a href="https://example.org/elsewhere">elsewhere</a> <img src="figures/chart.svg#view" alt="">
<figure data-spec="figures/spec.vg.json"></figure>
</body></html>"""
CHAPTER = """<!doctype html><html><head><link rel="stylesheet" href="../assets/style.css"></head><body>
<h2 id="part-1">One</h2><h2 id="part-2">Two</h2><a name="old-anchor"></a>
<a href="../">home</a> <a href="../#top">home top</a> <a href="#old-anchor">legacy</a>
<a href="../glossary/">glossary</a>
</body></html>"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    files = {"index.html": HOME, "chapter/index.html": CHAPTER, "glossary/index.html": "<p id='g'>g</p>",
             "assets/style.css": "", "assets/app.js": "", "figures/chart.svg": "<svg/>", "figures/spec.vg.json": "{}"}
    for name, text in files.items():
        write(site, name, text)
    return site


def test_a_whole_tiny_site_passes(tiny: Path) -> None:
    report = links.check_site(tiny)
    assert report.broken == []
    assert [(link.page, link.href) for link in report.external] == [("index.html", "https://example.org/elsewhere")]
    assert report.pages == 3 and report.checked == 18


def test_a_deleted_anchor_is_reported(tiny: Path) -> None:
    chapter = tiny / "chapter" / "index.html"
    chapter.write_text(chapter.read_text().replace(' id="part-1"', ""))
    broken = {(link.page, link.href): link.reason for link in links.check_site(tiny).broken}
    assert broken == {("index.html", "chapter/#part-1"): "no id 'part-1' on chapter/index.html",
                      ("index.html", "/sub/chapter/#part-1"): "no id 'part-1' on chapter/index.html"}


def test_a_missing_page_and_a_missing_file_are_reported(tiny: Path) -> None:
    (tiny / "glossary" / "index.html").unlink()
    (tiny / "assets" / "app.js").unlink()
    (tiny / "figures" / "spec.vg.json").unlink()
    broken = {(link.page, link.href): link.reason for link in links.check_site(tiny).broken}
    assert broken == {("chapter/index.html", "../glossary/"): "no such file",
                      ("index.html", "assets/app.js"): "no such file",
                      ("index.html", "figures/spec.vg.json"): "no such file"}


def test_links_leaving_the_site_path_are_broken(tiny: Path) -> None:
    home = tiny / "index.html"
    home.write_text(home.read_text().replace("</body>", '<a href="/chapter/">no subpath</a> '
                                                        '<a href="../../up/">above the root</a></body>'))
    broken = {link.href: link.reason for link in links.check_site(tiny).broken}
    assert broken == {"/chapter/": "outside the site's path /sub/", "../../up/": "outside the site's path /sub/"}


def test_without_a_subpath_site_absolute_links_start_at_the_root(tiny: Path) -> None:
    report = links.check_site(tiny, "http://127.0.0.1:8000/")
    assert {link.href for link in report.broken} == {"/sub/chapter/#part-1"}
    assert f"{SITE_URL}chapter/#part-2" in {link.href for link in report.external}  # another address


def test_cli_lists_broken_and_external_links(tiny: Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "build_scripts", "links", "--site", str(tiny)],
                              cwd=ROOT, capture_output=True, text=True)

    ok = run()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "0 broken" in ok.stdout and "https://example.org/elsewhere  (index.html)" in ok.stdout
    (tiny / "glossary" / "index.html").unlink()
    failed = run()
    assert failed.returncode == 1
    assert "chapter/index.html: ../glossary/ (no such file)" in failed.stdout
    assert "Traceback" not in failed.stderr
