"""The EPUB 3 of the whole essay: made beside each edition's PDF, valid for epubcheck with no error and
no warning, and holding every paragraph's permanent id, the figures, notes, glossary and references."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.editions import anchors
from build_scripts.figures.registry import discover
from build_scripts.site import epub

EDITION_URL = "https://example.org/multivector/v/0.1/"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pipeline.Result]:
    """The real essay's EPUB, as the edition's build at publish time writes it into the docs tree."""
    docs = tmp_path_factory.mktemp("epub") / "docs"
    result = pipeline.generate(Config(site_url=EDITION_URL, docs=docs, print_pdfs=True))
    return docs / "multivector-v0.1.epub", result


def read(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def epubcheck_command() -> list[str] | None:
    """Debian's epubcheck is a jar run through binfmt; where binfmt is not set up, run it with java."""
    found = shutil.which("epubcheck")
    if found is None:
        return None
    real = Path(found).resolve()
    if real.suffix == ".jar":
        java = shutil.which("java")
        return [java, "-jar", str(real)] if java else None
    return [found]


def test_epubcheck_finds_no_error_and_no_warning(book: tuple[Path, pipeline.Result]) -> None:
    command = epubcheck_command()
    if command is None:
        pytest.skip("epubcheck is not installed (apt-get install epubcheck; .ci/run installs it)")
    path, _ = book
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "No errors or warnings detected" in report, report
    assert re.search(r"Messages: 0 fatals / 0 errors / 0 warnings", report), report


def test_the_package_is_an_epub_3(book: tuple[Path, pipeline.Result]) -> None:
    path, _ = book
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        names = set(archive.namelist())
    opf = read(path, "EPUB/package.opf")
    assert 'version="3.0"' in opf and f"<dc:identifier id=\"pub-id\">{EDITION_URL}</dc:identifier>" in opf
    assert "<dc:creator>Multivector Project</dc:creator>" in opf and "dcterms:modified" in opf
    for href in re.findall(r'href="([^"]+)"', opf):
        assert f"EPUB/{href}" in names, href  # the manifest lists what the package holds …
    listed = {f"EPUB/{h}" for h in re.findall(r'href="([^"]+)"', opf)}
    assert {n for n in names if n.startswith("EPUB/")} - listed == {"EPUB/package.opf"}  # … and nothing else


def test_every_paragraph_keeps_its_permanent_id(book: tuple[Path, pipeline.Result]) -> None:
    """A citation of …/3-institutional-overlap/#io-p4 points to 3-institutional-overlap.xhtml#io-p4."""
    path, result = book
    registry = anchors.load_registry()["anchors"]
    for page in epub.book_pages(result.context.pages):
        text = read(path, f"EPUB/{page.name.removesuffix('.md')}.xhtml" if page.name != "index.md"
                    else "EPUB/index.xhtml")
        for anchor in registry.get(page.name, {}):
            assert f'id="{anchor}"' in text, (page.name, anchor)


def test_figures_are_images_with_their_description_and_data(book: tuple[Path, pipeline.Result]) -> None:
    path, result = book
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for fid in discover():
            assert f"EPUB/images/{fid}.png" in names
            assert archive.read(f"EPUB/images/{fid}.png").startswith(b"\x89PNG")
    chapter = read(path, "EPUB/3-institutional-overlap.xhtml")
    figure = chapter[chapter.index('<div class="mv-figure" id="fig-memberships">'):]
    figure = figure[:figure.index("</table>")]
    assert '<img src="images/memberships.png" alt="Figure 3.1: ' in figure
    assert result.context.rendered["memberships"].figure.description.split(":")[0] in figure
    assert "<caption>Data of Figure 3.1" in figure and "<td>Russia</td>" in figure
    assert "<input" not in chapter and "data-spec" not in chapter  # nothing interactive


def test_notes_glossary_and_references_are_in_the_book_and_linked(book: tuple[Path, pipeline.Result]) -> None:
    path, _ = book
    chapter = read(path, "EPUB/3-institutional-overlap.xhtml")
    assert 'id="io-n1"' in chapter and "Editorial note" in chapter  # the notes
    assert re.search(r'href="references\.xhtml#ref-[\w-]+"', chapter)  # citations lead into the book
    assert 'id="gl-cis"' in read(path, "EPUB/glossary.xhtml")
    assert 'id="ref-chatterje-doody-2015"' in read(path, "EPUB/references.xhtml")
    nav = read(path, "EPUB/nav.xhtml")
    assert nav.index("1-introduction.xhtml") < nav.index("after-2015.xhtml") < nav.index("glossary.xhtml")
    # a link to a page the book does not hold goes to the edition on the web
    assert f'href="{EDITION_URL}data/' in read(path, "EPUB/index.xhtml") + read(path, "EPUB/about.xhtml")


def test_the_same_edition_makes_the_same_bytes(book: tuple[Path, pipeline.Result]) -> None:
    path, result = book
    assert epub.make(result.context, result.context.pages) == path.read_bytes()


def test_only_an_edition_built_for_publishing_has_an_epub(tmp_path: Path) -> None:
    for config in (Config(site_url="https://example.org/multivector/", print_pdfs=True, docs=tmp_path / "a"),
                   Config(site_url=EDITION_URL, print_pdfs=False, docs=tmp_path / "b")):
        pipeline.generate(config)
        assert not list(config.docs.glob("*.epub"))
