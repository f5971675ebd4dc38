"""Loading and validating datasets: good data loads; every kind of mistake is named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.data.datasets import load_all
from build_scripts.errors import BuildError


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_all(data_dir)
    return [str(p) for p in caught.value.problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_good_fixture_loads_every_dataset(data_dir: Path) -> None:
    data = load_all(data_dir)
    assert len(data.records("memberships")) == 16
    assert data["organisations"].by_id()["eurasec"].dissolved == "2014-12-31"


def test_dates_keep_the_precision_written(data_dir: Path) -> None:
    georgia = next(m for m in load_all(data_dir).records("memberships") if m.country == "GEO")
    assert georgia.from_ == "1993-12"  # not padded, not a datetime


def test_malformed_yaml_names_file_line_and_column(data_dir: Path) -> None:
    replace(data_dir / "countries.yaml", "  - {id: BLR, name: Belarus", "  - {id: BLR, name: [Belarus")
    (message,) = problems(data_dir)
    assert message.startswith("countries.yaml:") or "countries.yaml:" in message
    assert "YAML syntax error, column" in message


def test_missing_required_field_names_record_and_field(data_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167, ", "")
    (message,) = problems(data_dir)
    assert "claims.yaml:5" in message
    assert "record 'ecu-population'" in message and "'value' is required" in message


def test_unknown_field_is_refused(data_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167,", "value: 167, valeu: 3,")
    assert any("'valeu' is not a known field" in m for m in problems(data_dir))


def test_wrong_type_says_what_was_found(data_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167,", "value: many,")
    assert any("field 'value'" in m and "found 'many'" in m for m in problems(data_dir))


def test_unknown_ids_across_datasets_are_named(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "{organisation: cis, country: RUS", "{organisation: cis, country: XXX")
    replace(data_dir / "memberships.yaml", "{organisation: sco, country: CHN", "{organisation: sko, country: CHN")
    replace(data_dir / "events.yaml", "source: chatterje-doody-2015", "source: nobody-2020")
    found = problems(data_dir)
    assert any("memberships.yaml" in m and "unknown country 'XXX'" in m for m in found)
    assert any("memberships.yaml" in m and "unknown organisation 'sko'" in m for m in found)
    assert any("events.yaml" in m and "unknown source 'nobody-2020'" in m for m in found)


def test_duplicate_id_names_both_lines(data_dir: Path) -> None:
    replace(data_dir / "countries.yaml", "{id: GEO, name: Georgia", "{id: CHN, name: Georgia")
    assert any("duplicate id 'CHN'" in m and "first used on line" in m for m in problems(data_dir))


def test_range_ending_before_it_starts(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "from: 1993-12, to: 2009-08-18", "from: 1993-12, to: 1992")
    assert any("ends (1992) before it starts (1993-12)" in m for m in problems(data_dir))


def test_membership_outside_the_organisations_life(data_dir: Path) -> None:
    old = "{organisation: csto, country: RUS, status: founding-member, from: 2002-10-07"
    replace(data_dir / "memberships.yaml", old, old.replace("2002-10-07", "1999"))
    assert any("before CSTO was founded" in m for m in problems(data_dir))


def test_membership_running_past_dissolution_needs_an_end(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "from: 2010-01-01, to: 2014-12-31", "from: 2010-01-01")
    assert any("runs past ECU's dissolution" in m for m in problems(data_dir))


def test_status_outside_the_allowed_list(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "country: KAZ, status: member", "country: KAZ, status: friend")
    assert any("field 'status'" in m and "'friend'" in m for m in problems(data_dir))


def test_impossible_date(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "from: 1993-12,", "from: 1993-13,")
    assert any("field 'from'" in m for m in problems(data_dir))


def test_every_problem_is_reported_at_once(data_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167,", "value: many,")
    replace(data_dir / "countries.yaml", "{id: GEO, name: Georgia", "{id: CHN, name: Georgia")
    found = problems(data_dir)
    assert any("claims.yaml" in m for m in found) and any("countries.yaml" in m for m in found)


def test_missing_and_unknown_dataset_files(data_dir: Path) -> None:
    (data_dir / "themes.yaml").rename(data_dir / "theems.yaml")
    found = problems(data_dir)
    assert any("themes.yaml: dataset file is missing" in m for m in found)
    assert any("unknown dataset 'theems'" in m for m in found)


def test_an_organisations_recorded_members_match_its_declared_coverage(data_dir: Path) -> None:
    orgs = data_dir / "organisations.yaml"
    orgs.write_text(orgs.read_text().replace("abbr: BRICS, founded: 2009-06-16, domain: political, in_chapter: true, "
                                             "full_members: complete", "abbr: BRICS, founded: 2009-06-16, domain: "
                                             "political, in_chapter: true, full_members: none"))
    with pytest.raises(BuildError) as caught:
        load_all(data_dir)
    assert [str(p) for p in caught.value.problems] == [
        f"{orgs}:13: record 'brics': full_members is 'none', but memberships.yaml records members of it "
        "(say 'complete' or 'partial')"]
    orgs.write_text(orgs.read_text().replace("full_members: none", "full_members: partial"))
    with pytest.raises(BuildError) as caught:
        load_all(data_dir)
    assert "a partial list of members needs members_note" in str(caught.value)


def test_a_member_list_is_never_drawn_from_partial_data_as_if_complete(data_dir: Path) -> None:
    from build_scripts.data import queries
    from build_scripts.pages import block_constructs

    orgs = data_dir / "organisations.yaml"
    orgs.write_text(orgs.read_text().replace(
        "abbr: BRICS, founded: 2009-06-16, domain: political, in_chapter: true, full_members: complete",
        "abbr: BRICS, founded: 2009-06-16, domain: political, in_chapter: true, full_members: partial, "
        "members_note: 'only two of the five'"))
    data = load_all(data_dir)
    with pytest.raises(ValueError, match="a list of them would read as complete"):
        queries.full_members_on(data, "brics", queries.CHAPTER_DAY)
    text = block_constructs.members_on(data, data["organisations"].by_id()["brics"], data["countries"].by_id())
    assert text.startswith(". Full members recorded here on 1 July 2014 (a partial list: only two of the five): ")


def test_the_glossary_dates_a_body_by_the_event_that_created_it() -> None:
    """The CSTO's rapid reaction force dates from 2009, not from the CSTO's founding in 2002."""
    from build_scripts.pages import block_constructs

    text = block_constructs.glossary(load_all(), "")
    entry = text[text.index("{#gl-crrf}"):]
    entry = entry[:entry.index("###")]
    assert "Created 4 February 2009." in entry and "Founded" not in entry


def test_every_source_is_cited_somewhere() -> None:
    """The bibliography lists what the essay rests on: each source backs a record, is cited on a page,
    or is named in another record's note or passage."""
    import re

    from build_scripts.paths import CONTENT, DATA

    data = load_all()
    cited = {r.source for name, ds in data.items.items() if name != "sources" for r in ds.records}
    pages = "".join(p.read_text() for p in CONTENT.glob("*.md"))
    cited |= set(re.findall(r"@([a-z0-9][a-z0-9-]*)", pages))
    sources = (DATA / "sources.yaml").read_text()
    others = "".join(p.read_text() for p in DATA.glob("*.yaml") if p.name != "sources.yaml")
    records = sources.split("\n- id: ")
    for sid in sorted(set(data["sources"].by_id()) - cited):
        named = re.compile(rf"(?<![\w-]){re.escape(sid)}(?![\w-])")  # the whole id, not a prefix of another
        other_sources = [r for r in records if not r.startswith(f"{sid}\n")]  # a record's own note does not count
        assert named.search(others) or any(named.search(r) for r in other_sources), f"{sid} is cited nowhere"
