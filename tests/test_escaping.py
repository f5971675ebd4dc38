"""Text from the data is text: hostile names, captions and titles never become markup, and the
downloads never become spreadsheet formulas.

The fixture datasets get hostile text in a country name, an organisation name, a glossary definition,
a source title and an event title and summary; the generated docs tree and the site MkDocs builds
from it are then read back.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.config import Config
from build_scripts.data.tables import safe_cell, to_csv
from build_scripts.paths import ROOT
from build_scripts.pipeline import generate

from .conftest import FIXTURES

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
# HTML that must stay text, then Markdown that must stay text (attribute list, link, emphasis, table cell)
HOSTILE = f'{SCRIPT} "onmouseover="x &amp; *starred* [click](javascript:go) {{: onclick="y" }} | cell'
FIGURES = {"memberships"}  # the fixture pages place only this figure

TIMELINE = """---
title: Timeline
---

# Timeline {#timeline}

```events
```
"""


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def hostile_fixture(root: Path) -> tuple[Path, Path]:
    data, content = root / "data", root / "content"
    shutil.copytree(FIXTURES / "good", data)
    shutil.copytree(FIXTURES / "content", content)
    replace(data / "countries.yaml", "name: Belarus", f"name: {quoted(HOSTILE + ' Belarus')}")
    replace(data / "organisations.yaml", "name: Customs Union,", f"name: {quoted(HOSTILE + ' Customs Union')},")
    replace(data / "glossary.yaml", "definition: A loose association of post-Soviet states.",
            f"definition: {quoted(HOSTILE + ' A loose association.')}")
    replace(data / "sources.yaml", "title: An outside page", f"title: {quoted(HOSTILE + ' An outside page')}")
    replace(data / "events.yaml", "title: Three summits, summary: Summits in one week.",
            f"title: {quoted(HOSTILE + ' Three summits')}, summary: {quoted(HOSTILE + ' In one week.')}")
    # values a spreadsheet would run as formulas, and a negative number that must stay a number
    replace(data / "countries.yaml", "{id: KAZ, name: Kazakhstan, source: test-outside, locator: list}",
            '{id: KAZ, name: Kazakhstan, source: test-outside, locator: "@SUM(A1:A9)", note: "=1+2"}')
    replace(data / "observations.yaml", "value: 1.5,", "value: -1.5,")
    replace(data / "observations.yaml", "measures: A test value,", 'measures: "+cmd|calc",')
    replace(data / "claims.yaml", "measures: Russia's share,", 'measures: "-2+3",')
    (content / "timeline.md").write_text(TIMELINE)
    return data, content


class Page(HTMLParser):
    """Text, attributes and scripts of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []  # (tag, name, value)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend((tag, name, value) for name, value in attrs)
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def mkdocs_config(docs: Path, target: Path) -> Path:
    """The essay's MkDocs configuration, with a nav of the pages in `docs` and absolute theme paths."""
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: site_config/overrides", f"custom_dir: {ROOT / 'site_config' / 'overrides'}")
    nav = "nav:\n" + "".join(f"  - {p.stem}: {p.name}\n" for p in sorted(docs.glob("*.md")))
    config, count = re.subn(r"(?ms)^nav:\n.*?(?=^\S|\Z)", nav, config)
    assert count == 1, "mkdocs.yml has no nav section"
    path = target / "mkdocs.yml"
    path.write_text(config)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile fixture as a generated docs tree and as a site built by MkDocs from it."""
    root = tmp_path_factory.mktemp("hostile")
    data, content = hostile_fixture(root)
    docs, site = root / "docs", root / "site"
    generate(Config(data=data, content=content, docs=docs, cache=root / "cache"), only=FIGURES)
    env = {**os.environ, "MULTIVECTOR_DOCS_DIR": str(docs), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(mkdocs_config(docs, root)),
                             "--site-dir", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return docs, site


def test_docs_tree_never_holds_the_raw_script(hostile: tuple[Path, Path]) -> None:
    docs, _ = hostile
    for path in docs.rglob("*.md"):
        assert SCRIPT not in path.read_text(), path.name
    for name in ("3-institutional-overlap.md", "glossary.md", "references.md", "timeline.md"):
        assert ESCAPED in (docs / name).read_text(), name


def test_hostile_text_is_shown_as_text_in_the_built_site(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    for path in site.rglob("*.html"):
        html = path.read_text()
        assert SCRIPT not in html, path
        page = Page(html)
        handlers = [(tag, name) for tag, name, _ in page.attrs if name.startswith("on")]
        assert handlers == [], (path, handlers)
        links = [value for tag, name, value in page.attrs if name in ("href", "src") and value
                 and value.strip().lower().startswith("javascript:")]
        assert links == [], (path, links)
        for attrs, body in page.scripts:
            assert "alert(1)" not in body or attrs.get("type") == "application/ld+json", path
    # each place the text lands shows it exactly as written: no markup ran, nothing escaped twice
    where = {"glossary": "A loose association.", "references": "An outside page", "timeline": "Three summits",
             "3-institutional-overlap": "Belarus"}
    for folder, tail in where.items():
        visible = Page((site / folder / "index.html").read_text()).visible
        assert f"{HOSTILE} {tail}" in visible, folder
    for file in ("chart.svg", "chart-dark.svg"):  # the static chart's marks, in each palette's file
        svg = (site / "figures" / "memberships" / file).read_text()
        assert SCRIPT not in svg, file
        labels = [value or "" for tag, name, value in Page(svg).attrs if name == "aria-label"]
        assert any(f"Organisation: {HOSTILE} Customs Union" in label for label in labels), file
    assert f"{HOSTILE} In one week." in Page((site / "timeline" / "index.html").read_text()).visible


def test_titles_and_labels_are_escaped_in_attributes(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    page = Page((site / "3-institutional-overlap" / "index.html").read_text())
    titles = [value for tag, name, value in page.attrs if name in ("title", "aria-label") and value
              and "alert(1)" in value]
    assert titles, "the source's full reference is the title of its link"
    assert all(SCRIPT in value for value in titles)  # the parser decoded exactly one level of escaping


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_downloads_neutralise_formulas_and_keep_numbers(hostile: tuple[Path, Path]) -> None:
    docs, _ = hostile
    kaz = next(r for r in rows(docs / "data" / "countries.csv") if r["id"] == "KAZ")
    assert kaz["locator"] == "'@SUM(A1:A9)" and kaz["note"] == "'=1+2"
    observation = rows(docs / "data" / "observations.csv")[0]
    assert observation["measures"] == "'+cmd|calc"
    assert observation["value"] == "-1.5"  # a number, not text
    share = next(r for r in rows(docs / "data" / "claims.csv") if r["id"] == "ecu-russia-share")
    assert share["measures"] == "'-2+3" and share["value"] == "90.0"
    names = {r["country_name"] for r in rows(docs / "figures" / "memberships" / "data.csv")}
    assert f"{HOSTILE} Belarus" in names  # text that is no formula stays as it is
    # the JSON downloads keep the values as they are
    observations = json.loads((docs / "data" / "observations.json").read_text())
    assert observations[0]["value"] == -1.5 and observations[0]["measures"] == "+cmd|calc"


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+2", "'=1+2"), ("+44 20", "'+44 20"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("plain", "plain"), ("", ""), (None, ""), (-3, -3), (2.5, 2.5), (0, 0), (True, "true"),
])
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_csv_of_formulas_reads_back_as_text() -> None:
    text = to_csv([{"a": "=HYPERLINK(\"http://x\")", "b": -1}, {"a": "@A1", "b": 2.5}], ["a", "b"])
    assert list(csv.reader(text.splitlines())) == [["a", "b"], ["'=HYPERLINK(\"http://x\")", "-1"], ["'@A1", "2.5"]]


# Where data reaches HTML through the page constructs (inline values, citations, the retells note).

def test_chapter_source_title_is_escaped(tmp_path: Path) -> None:
    data, content = hostile_fixture(tmp_path)
    replace(data / "sources.yaml", 'title: "Competition', f'title: "{SCRIPT} Competition')
    generate(Config(data=data, content=content, docs=tmp_path / "docs", cache=tmp_path / "cache"), only=FIGURES)
    for path in (tmp_path / "docs").rglob("*.md"):
        body = path.read_text().split("\n---\n", 1)[-1]  # the front matter is JSON-LD, escaped by `tojson`
        assert SCRIPT not in body, path.name


def test_inline_values_keep_markdown_inert(tmp_path: Path) -> None:
    data, content = hostile_fixture(tmp_path)
    page = content / "timeline.md"
    page.write_text(page.read_text() + "\nThe {{events:june-2009-summits.title}} met. {: #tl-p1 }\n")
    config = Config(data=data, content=content, docs=tmp_path / "docs", cache=tmp_path / "cache")
    docs = generate(config, only=FIGURES).pages
    assert "[click](javascript:go)" not in docs["timeline.md"]
