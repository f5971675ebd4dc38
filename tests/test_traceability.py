"""Traceability to the chapter: the split of the source into paragraphs, and the committed map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.editions import source_text, traceability
from build_scripts.editions.source_text import CHAPTER
from build_scripts.pages.read import read_pages

needs_chapter = pytest.mark.skipif(
    not CHAPTER.exists(), reason=f"the source chapter is not here ({CHAPTER}): the map cannot be checked against it")

# Verified by reading the split (`python -m build_scripts.editions.source_text`) against the chapter.
COUNTS = {"abstract": 1, "introduction": 3, "elite-discourse": 6, "institutional-overlap": 3,
          "discursive-space": 6, "geopolitical-reality": 7, "conclusions": 5}


def problems(trace: traceability.TraceMap) -> list[str]:
    """The check's problems as `line: message` (the map's file name depends on where it is)."""
    return [f"{p.line}: {p.message}" for p in traceability.check_map(read_pages(), trace)]


def edited_map(tmp_path: Path, old: str, new: str) -> tuple[traceability.TraceMap, str]:
    text = traceability.MAP.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path = tmp_path / "traceability.yaml"
    path.write_text(text, encoding="utf-8")
    return traceability.load(path), text


def line_of(text: str, fragment: str) -> int:
    return text[:text.index(fragment)].count("\n") + 1


# --- the split -------------------------------------------------------------------------------------------

@needs_chapter
def test_the_splitter_finds_the_seven_sections_and_their_paragraphs() -> None:
    found = source_text.paragraphs()
    counts: dict[str, int] = {}
    for p in found:
        counts[p.section] = counts.get(p.section, 0) + 1
    assert counts == COUNTS
    assert list(counts) == list(source_text.SECTIONS)  # in the chapter's order
    for section in COUNTS:
        assert [p.number for p in found if p.section == section] == list(range(1, COUNTS[section] + 1))
    assert source_text.paragraphs() == found  # deterministic


@needs_chapter
def test_the_split_follows_the_chapters_paragraphs() -> None:
    source = source_text.by_key()
    themes = ["Great powerism:", "Instrumentalised citizenry:", "Russia as an international equal:",
              "First among (regional) equals:", "Eurasian Bridge:"]
    assert [source["elite-discourse", n].text.split(" ")[0] for n in range(2, 7)] == [t.split(" ")[0] for t in themes]
    for n, theme in enumerate(themes, 2):
        assert source["elite-discourse", n].text.startswith(theme)
    assert source["elite-discourse", 1].text.endswith("integration:")
    # breaks after a line that ends a sentence short of the full width, across a page break too
    assert source["introduction", 2].text.startswith("Consequently,")
    assert source["geopolitical-reality", 7].text.startswith("It is no surprise")
    assert source["conclusions", 5].text.startswith("The Eurasian Customs Union has")
    # no break after a full line that happens to end a sentence
    assert "Unable ever to accede" in source["discursive-space", 5].text
    assert "Kyrgyzstan, Tajikistan and Armenia have" in source["geopolitical-reality", 7].text


@needs_chapter
def test_the_split_repairs_the_pdf_text() -> None:
    found = source_text.paragraphs()
    text = "\n".join(p.text for p in found)
    assert not re.search(r"[A-Za-z’)]\d", text.replace("G20", "")), "a footnote number is still glued to a word"
    assert not re.search(r"\s\d{1,2}\s*[.,](?!\d)", text), "a footnote number still stands apart"
    assert "the G20 in order" in text  # G20 + note 30
    assert "larger in 2015." in text and "by January 2015." in text  # years with a note glued on
    assert "Shanghai Co-operation Organisation (SCO)" in text  # hyphenated across lines
    assert "counter-terrorism" in text
    assert "  " not in text and "\n " not in text
    for absent in ("Figure X.1", "Only full members", "bold text", "Group of 20", "Chatterje-Doody", "Abstract:"):
        assert absent not in text
    fragments = [p for p in found if p.fragment]
    assert [(p.section, p.number) for p in fragments] == [("institutional-overlap", 3)]
    assert fragments[0].text.startswith("relation to other state players")
    assert all(p.text[0].isupper() for p in found if not p.fragment)


def test_the_splitter_on_a_small_made_up_chapter(tmp_path: Path) -> None:
    long = "word " * 18  # a full line is about as wide as this
    lines = [
        " A Title That Is Not A Paragraph", "", "Abstract:", "", f"Summary {long}one1.", "",
        "List of abbreviations used in text:", "", "XYZ – Some Long Name", "", "Introduction", "",
        f"First {long}of a", "", "paragraph that runs on to a short end2.", "",
        f"Second paragraph with a hyphen-{long}co-", "", f"operation and a date in 20153 {long}then a",
        " page break mid-sentence and a note standing apart 4 .", "",
        "Figure X.1: a caption", "Only part of it", f" lost text resumes here {long}and", "",
        "ends briefly.", "", "Conclusions", "", f"Last one {long}closing5.",
    ]
    path = tmp_path / "chapter.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = source_text.paragraphs(path)
    assert [(p.section, p.number, p.fragment) for p in found] == [
        ("abstract", 1, False), ("introduction", 1, False), ("introduction", 2, False),
        ("introduction", 3, True), ("conclusions", 1, False)]
    assert found[0].text.endswith("word one.")
    assert found[1].text.endswith("short end.")
    assert "hyphen-word" in found[2].text and "co-operation" in found[2].text
    assert "date in 2015 word" in found[2].text and found[2].text.endswith("note standing apart.")
    assert found[3].text.startswith("lost text resumes") and "caption" not in found[3].text
    assert found[4].text.endswith("closing.")


# --- the map ----------------------------------------------------------------------------------------------

@needs_chapter
def test_the_map_covers_every_source_paragraph() -> None:
    trace = traceability.load()
    assert problems(trace) == []
    mapped = {(e.section, e.number) for e in trace.entries}
    assert mapped == set(source_text.by_key())


def test_every_id_in_the_map_is_a_paragraph_of_the_essay() -> None:
    trace = traceability.load()
    assert trace.problems == []
    essay = traceability.essay_paragraphs(read_pages())
    ids = {i for e in trace.entries for i in e.retold_in}
    assert ids, "the map lists no essay paragraph"
    assert ids <= set(essay), sorted(ids - set(essay))
    assert not [i for i in ids if traceability.EDITORIAL.search(i)], "editorial notes retell nothing"
    assert all(e.retold_in for e in trace.entries)


@needs_chapter
def test_removing_a_paragraphs_entry_fails_the_check(tmp_path: Path) -> None:
    text = traceability.MAP.read_text(encoding="utf-8")
    start = text.index('  - number: 3\n    opening: "Instrumentalised')
    end = text.index("  - number: 4", start)
    path = tmp_path / "traceability.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems(traceability.load(path))
    assert len(found) == 1
    assert "elite-discourse ¶3" in found[0] and "retold in no essay paragraph" in found[0]
    assert found[0].startswith(f"{line_of(text, 'elite-discourse:')}: ")


@needs_chapter
def test_an_empty_retelling_fails_the_check(tmp_path: Path) -> None:
    trace, text = edited_map(tmp_path, "retold_in: [ed-p4]", "retold_in: []")
    assert problems(trace) == [f"{line_of(text, 'retold_in: []')}: "
                               "elite-discourse ¶2 is retold in no essay paragraph"]


@needs_chapter
def test_an_unknown_essay_id_is_reported_with_its_line(tmp_path: Path) -> None:
    trace, text = edited_map(tmp_path, "retold_in: [ed-p4]", "retold_in: [ed-p44]")
    found = problems(trace)
    assert len(found) == 1
    assert found[0].startswith(f"{line_of(text, '[ed-p44]')}: ")
    assert "'ed-p44' is not a paragraph of a chapter page" in found[0] and "did you mean" in found[0]


@needs_chapter
def test_an_editorial_note_is_not_a_retelling(tmp_path: Path) -> None:
    trace, _ = edited_map(tmp_path, "retold_in: [ed-p4]", "retold_in: [ed-p4, ed-n1]")
    assert any("'ed-n1' is an editorial note" in p for p in problems(trace))


@needs_chapter
def test_an_unknown_source_paragraph_is_reported_with_its_line(tmp_path: Path) -> None:
    trace, text = edited_map(tmp_path, '  - number: 6\n    opening: "Eurasian Bridge',
                             '  - number: 9\n    opening: "Eurasian Bridge')
    found = problems(trace)
    assert f"{line_of(text, '  - number: 9')}: unknown source paragraph elite-discourse ¶9: " \
           "the section 'elite-discourse' has 6 paragraph(s)" in found
    assert any("elite-discourse ¶6" in p and "retold in no essay paragraph" in p for p in found)


@needs_chapter
def test_an_opening_that_does_not_match_is_reported(tmp_path: Path) -> None:
    trace, _ = edited_map(tmp_path, 'opening: "Great powerism: The historic greatness of…"',
                          'opening: "Great powerism and something else…"')
    assert any("elite-discourse ¶2: 'opening' does not match" in p for p in problems(trace))
    trace, _ = edited_map(tmp_path, 'opening: "Great powerism: The historic greatness of…"',
                          'opening: "Great powerism: The historic greatness of the Russian…"')
    assert any("more than 6 words" in p for p in problems(trace))


def test_a_malformed_map_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "traceability.yaml"
    path.write_text("elite-discourse:\n  - number: one\nelite-discourses: []\nconclusions: [\n", encoding="utf-8")
    assert traceability.load(path).problems[0].message.startswith("YAML syntax error")
    path.write_text("elite-discourse:\n  - number: one\n    retold_in: [ed-p4]\nelite-discourses: []\n")
    messages = [f"{p.line}: {p.message}" for p in traceability.load(path).problems]
    assert any(m.startswith("2: ") and m.endswith("'number' must be a paragraph number from 1") for m in messages)
    assert "4: unknown section 'elite-discourses' (did you mean 'elite-discourse'?) (sections: abstract, " \
           "introduction, elite-discourse, institutional-overlap, discursive-space, geopolitical-reality, " \
           "conclusions)" in messages
    assert traceability.load(tmp_path / "absent.yaml").problems[0].message.startswith("missing")


def test_the_check_does_not_run_without_the_chapter(tmp_path: Path) -> None:
    trace, _ = edited_map(tmp_path, "retold_in: [ed-p4]", "retold_in: []")
    assert traceability.check_map(read_pages(), trace, tmp_path / "no-chapter.txt") == []
    assert traceability.retold_by(trace, tmp_path / "no-chapter.txt") == {}


@needs_chapter
def test_each_essay_paragraph_knows_what_it_retells() -> None:
    retold = traceability.retold_by(traceability.load())
    assert [p.key for p in retold["in-p2"]] == [("abstract", 1)]
    assert [p.key for p in retold["ds-p5"]] == [("discursive-space", 2)]
    assert [p.key for p in retold["io-p13"]] == [("institutional-overlap", 3)]
    assert retold["io-p13"][0].fragment
    assert traceability.label(retold["gr-p16"][0]) == "“The geopolitical reality of Eurasia”, paragraph 7"
    for framing in ("ed-p9", "io-p10", "ds-p13", "in-n1", "gr-n9"):
        assert framing not in retold
