"""The whole build: the real essay builds strictly, publishes its downloads, and never leaves a half-built site."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from build_scripts import pipeline
from build_scripts.cite import addresses
from build_scripts.config import Config
from build_scripts.editions.release import load_release
from build_scripts.errors import BuildError
from build_scripts.paths import ROOT

NAV = ["Overview", "1 Introduction", "2 Elite discourse", "3 Institutional overlap in ‘Eurasia’",
       "4 The discursive space of Eurasia", "5 The geopolitical reality of Eurasia", "6 Conclusions",
       "After 2015", "For teachers", "Timeline", "Glossary", "Data", "References", "About", "Changelog", "Errata"]


def nav_titles() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("!ENV", "")  # plain YAML is enough to read the nav
    return [next(iter(entry)) for entry in yaml.safe_load(config)["nav"]]


def test_navigation_is_complete_and_in_order(site: Path) -> None:
    assert nav_titles() == NAV
    html = (site / "index.html").read_text()
    sidebar = html[html.index('class="md-nav md-nav--primary"'):]
    titles = [" ".join(t.split()) for t in re.findall(r'class="md-ellipsis">(.*?)</span>', sidebar, re.S)]
    shown = list(dict.fromkeys(t for t in titles if t in NAV))
    assert shown == NAV


def test_every_page_is_built(site: Path) -> None:
    for page in ["1-introduction", "2-elite-discourse", "3-institutional-overlap", "4-discursive-space",
                 "5-geopolitical-reality", "6-conclusions", "after-2015", "for-teachers", "timeline", "glossary",
                 "data", "references", "about"]:
        assert (site / page / "index.html").exists(), page


def test_memberships_published_as_csv_and_json(site: Path) -> None:
    with (site / "data" / "memberships.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert {"organisation", "country", "status", "from", "to", "source"} <= set(rows[0])
    assert {r["country"] for r in rows if r["organisation"] == "ecu" and r["status"].endswith("member")} >= {
        "RUS", "BLR", "KAZ"}
    records = json.loads((site / "data" / "memberships.json").read_text())
    assert len(records) == len(rows)


def test_every_dataset_is_downloadable(site: Path) -> None:
    from build_scripts.data.models import MODELS

    for name in MODELS:
        assert (site / "data" / f"{name}.csv").stat().st_size > 0
        assert isinstance(json.loads((site / "data" / f"{name}.json").read_text()), list)


def test_every_figure_has_its_files_and_is_placed_once(site: Path) -> None:
    from build_scripts.figures.registry import discover

    pages = {p: p.read_text() for p in site.rglob("index.html")}
    for fid in discover():
        for name in ("spec.vg.json", "chart.svg", "chart-dark.svg", "chart.png", "data.csv", "data.json"):
            assert (site / "figures" / fid / name).exists(), (fid, name)
        homes = [p for p, html in pages.items() if f'id="fig-{fid}"' in html]
        assert len(homes) == 1, (fid, homes)


def test_pages_with_figures_show_a_static_chart_per_palette(site: Path) -> None:
    html = (site / "3-institutional-overlap" / "index.html").read_text()
    figure = html[html.index('id="fig-memberships"'):]
    chart = figure[figure.index('<div class="mv-chart"'):]
    chart = chart[:chart.index("</div>")]
    images = re.findall(r"<img [^>]*>", chart)
    assert len(images) == 2
    for image, file in zip(images, ("chart.svg", "chart-dark.svg"), strict=True):
        assert f'src="../figures/memberships/{file}"' in image
        assert 'alt=""' in image  # the chart box names and describes the figure
        assert re.search(r'width="\d+" height="\d+"', image)  # its box is kept before it loads
        assert "Full members on 1 July 2014" in (site / "figures" / "memberships" / file).read_text()
    assert 'loading="lazy"' in images[0]  # below the first screen: fetched as it nears the viewport
    assert "Figure 3.1" in figure


def test_a_figure_in_the_first_screen_is_not_left_to_load_lazily(site: Path) -> None:
    html = (site / "timeline" / "index.html").read_text()
    light = re.search(r'<img class="mv-chart__img mv-chart__img--light"[^>]*>', html)
    assert light and 'loading="eager"' in light[0] and 'fetchpriority="high"' in light[0]
    head = html[:html.index("</head>")]  # fetched with the stylesheets, not when the parser reaches it
    assert '<link rel="preload" href="../figures/timeline/chart.svg" as="image"' in head
    chapter = (site / "3-institutional-overlap" / "index.html").read_text()
    assert 'as="image"' not in chapter[:chapter.index("</head>")]  # its figure is further down
    printed = (site / "print" / "index.html").read_text()  # the print page's images are all fetched with it
    lights = re.findall(r'<img class="mv-chart__img mv-chart__img--light"[^>]*>', printed)
    assert lights and all('loading="eager"' in img for img in lights)


def test_every_script_waits_for_the_first_paint(site: Path) -> None:
    """The theme's script and the essay's stand at the end of each page as inert tags, in the order
    they run, followed by the one inline script that starts them after the first paint: nothing is
    fetched or run from a file while the page is parsed, and nothing is preloaded for it."""
    scripts = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))["extra_javascript"]
    for page in ("about", "timeline", "5-geopolitical-reality", "print"):
        html = (site / page / "index.html").read_text()
        head, body = html.split("</head>", 1)
        waiting = re.findall(r'<script type="text/x-after-paint" src="([^"]+)"></script>', body)
        assert re.fullmatch(r"\.\./assets/javascripts/bundle\.[0-9a-f]+\.min\.js", waiting[0]), page
        assert waiting[1:] == [f"../{path}" for path in scripts], page
        assert "<script src=" not in html and 'as="script"' not in head, page
        starter = body.rindex("<script>")
        assert body.index("text/x-after-paint") < starter and "first-contentful-paint" in body[starter:], page


def test_no_page_repeats_an_id(site: Path) -> None:
    """An id names one element: a repeated one breaks links, labels and the reading of the page."""
    repeated = {}
    for page in sorted(site.rglob("*.html")):
        counts = Counter(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
        twice = sorted(i for i, n in counts.items() if n > 1)
        if twice:
            repeated[str(page.relative_to(site))] = twice
    assert repeated == {}


def test_no_third_party_resources_are_referenced(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text()
        for attr in ("src=\"http", "href=\"https://fonts", "src=\"//"):
            assert attr not in html, (page, attr)


def test_failed_build_leaves_previous_site_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# A page with a [broken link](missing.md)\n")
    with pytest.raises(BuildError):
        pipeline.render_site(Config(docs=docs, site=site))
    assert (site / "index.html").read_text() == "previous site"


def test_cli_reports_bad_data_without_traceback(data_dir: Path, content_dir: Path) -> None:
    path = data_dir / "countries.yaml"
    path.write_text(path.read_text().replace("name: Belarus", "name: [Belarus"))
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check", "--data", str(data_dir),
                             "--content", str(content_dir)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "countries.yaml:" in result.stderr and "YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_check_passes_on_the_real_essay() -> None:
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stdout


def test_every_page_carries_its_citation_metadata(site: Path, site_url: str) -> None:
    edition = addresses.edition_path(load_release().version)
    for page in sorted(site.rglob("index.html")):
        if page.parent.name in ("search",) or "figures" in page.parts:
            continue
        html = page.read_text()
        address = site_url + page.parent.relative_to(site).as_posix() + "/"
        address = address.replace("/./", "/").replace(site_url + "./", site_url)
        meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
        assert meta["citation_title"] and meta["citation_publication_date"], page
        # the trailing comma makes Zotero keep one institutional name, not "Project, M."
        assert html.count('name="citation_author"') == 1 and meta["citation_author"] == "Multivector Project,"
        assert meta["og:type"] == "website" and meta["og:site_name"] == "Multivector"
        # what reference managers keep is the page's address in its edition, which never changes
        assert meta["og:url"] == meta["citation_public_url"] == address.replace(site_url, site_url + edition), page
        canonical = site_url if page.parent.name == "print" else address  # the print page repeats the chapters
        if page.parent.parent.name == "handouts":  # a handout repeats its chapter
            canonical = f"{site_url}{page.parent.name}/"
        assert f'<link rel="canonical" href="{canonical}">' in html
        assert meta["description"]
        assert "citation_book_title" not in html
        (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(ld)
        assert data["url"] == address and data["isPartOf"]["isBasedOn"]["@type"] == "Chapter"
        assert data["isPartOf"]["isBasedOn"]["author"][0]["name"] == "P. N. Chatterje-Doody"
        assert data["author"] == {"@type": "Organization", "name": "Multivector Project"}


def test_every_figure_embed_page_carries_citation_metadata_pointing_at_the_essay(site: Path, site_url: str) -> None:
    edition = addresses.edition_path(load_release().version)
    pages = sorted(site.glob("figures/*/embed.html"))
    assert pages
    for page in pages:
        fid = page.parent.name
        html = page.read_text()
        meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
        assert meta["citation_title"].startswith("Figure ") and meta["citation_author"] == "Multivector Project,"
        assert meta["citation_publication_date"] and meta["og:type"] == "website"
        # a saved reference leads to the figure in the essay, in its edition
        assert meta["citation_public_url"] == meta["og:url"]
        assert meta["og:url"].startswith(site_url + edition) and meta["og:url"].endswith(f"/#fig-{fid}")
        image = meta["og:image"]
        assert image == f"{site_url}figures/{fid}/chart.png" and (site / image.removeprefix(site_url)).is_file()
        assert '<link rel="icon" href="../../assets/images/favicon.png">' in html
        assert (page.parent / "../../assets/images/favicon.png").resolve().is_file()
        (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert json.loads(ld)["author"]["name"] == "Multivector Project"
        block = html[html.index('class="mv-embed__formats"'):]
        for fmt in ("APA 7", "Chicago author-date", "MLA 9", "BibTeX", "RIS", "CSL-JSON"):
            assert f'data-format="{fmt}"' in block
        assert meta["og:url"] in block  # the citations point at the figure in the essay


def test_every_page_ends_with_a_static_cite_block(site: Path) -> None:
    from build_scripts.editions.release import load_release

    version = load_release().version
    for page in ["", "2-elite-discourse/", "glossary/", "about/"]:
        html = (site / page / "index.html").read_text()
        block = html[html.index('id="cite-this-page"'):]
        assert f"Version {version}" in block
        for fmt in ("APA 7", "Chicago author-date", "MLA 9", "BibTeX", "RIS", "CSL-JSON"):
            assert f'data-format="{fmt}"' in block


def test_whole_essay_print_page(site: Path, site_url: str) -> None:
    html = (site / "print" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="{site_url}">' in html
    assert "data-spec" not in html  # figures stay static
    for chapter in ("introduction", "elite-discourse", "institutional-overlap", "discursive-space",
                    "geopolitical-reality", "conclusions"):
        assert f'id="print-{chapter}"' in html
    assert 'id="print-fig-memberships"' in html and 'id="fig-memberships"' not in html
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("print/")]


def test_sharing_files_for_every_figure_and_page(site: Path, site_url: str) -> None:
    import struct

    from build_scripts.figures.registry import discover

    def png_size(path: Path) -> tuple[int, int]:
        return struct.unpack(">II", path.read_bytes()[16:24])

    for fid in discover():
        folder = site / "figures" / fid
        assert png_size(folder / "slide.png")[1] > png_size(folder / "chart.png")[1]  # the footer adds height
        embed = (folder / "embed.html").read_text()
        assert 'http-equiv="Content-Security-Policy"' in embed and f'id="fig-{fid}"' in embed
        assert "Read it in the essay" in embed and "src=\"../../assets/js/figures.js\"" in embed
    for page in ["", "2-elite-discourse/", "timeline/"]:
        html = (site / page / "index.html").read_text()
        (image,) = re.findall(r'<meta property="og:image" content="([^"]+)"', html)
        assert image.startswith(site_url + "og/")
        assert png_size(site / image.removeprefix(site_url)) == (1200, 630)
