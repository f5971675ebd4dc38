"""`make check`: every problem at once, with what was expected, what was found, and a likely fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.config import Config
from build_scripts.data.datasets import load_all
from build_scripts.errors import BuildError, did_you_mean
from build_scripts.paths import ROOT
from build_scripts.pipeline import check

FIGURES = {"memberships"}  # the fixture pages place only this figure


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def data_problems(data_dir: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_all(data_dir)
    return [str(p) for p in caught.value.problems]


def all_problems(data_dir: Path, content_dir: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        check(Config(data=data_dir, content=content_dir), FIGURES)
    return [str(p) for p in caught.value.problems]


def test_did_you_mean() -> None:
    assert did_you_mean("sko", ["sco", "cis", "csto"]) == " (did you mean 'sco'?)"
    assert did_you_mean("rus", ["RUS", "BLR"]) == " (did you mean 'RUS'?)"  # case aside
    assert did_you_mean("zzz", ["sco", "cis"]) == ""


def test_unknown_ids_suggest_the_closest(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "{organisation: sco, country: CHN", "{organisation: sko, country: CHN")
    replace(data_dir / "events.yaml", "countries: [RUS]", "countries: [rus]")
    replace(data_dir / "events.yaml", "source: chatterje-doody-2015", "source: chaterje-doody-2015")
    found = data_problems(data_dir)
    assert any("memberships.yaml:13: record #9, field 'organisation': unknown organisation 'sko' "
               "(did you mean 'sco'?)" in m for m in found), found
    assert any("unknown country 'rus' (did you mean 'RUS'?)" in m for m in found)
    assert any("unknown source 'chaterje-doody-2015' (did you mean 'chatterje-doody-2015'?)" in m for m in found)


def test_unknown_field_suggests_the_known_one(data_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167,", "value: 167, uint: percent,")
    assert any("field 'uint' is not a known field (did you mean 'unit'?)" in m for m in data_problems(data_dir))


def test_schema_errors_say_what_was_expected_and_found(data_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "country: KAZ, status: member", "country: KAZ, status: friend")
    replace(data_dir / "organisations.yaml", "id: cst, name: Collective Security Treaty,",
            "id: cst, name: [Collective, Security, Treaty],")
    found = data_problems(data_dir)
    status = next(m for m in found if "field 'status'" in m)
    assert status.startswith(f"{data_dir / 'memberships.yaml'}:7: record #3: ")
    assert "Input should be 'member', 'founding-member'" in status and "(found 'friend')" in status
    name = next(m for m in found if "field 'name'" in m)
    assert "record 'cst'" in name and "Input should be a valid string" in name
    assert "(found ['Collective', 'Security', 'Treaty'])" in name


def test_records_without_id_are_named_by_their_place_in_the_file(data_dir: Path) -> None:
    # the third record does not validate; the tenth is still called #10, not #9
    replace(data_dir / "memberships.yaml", "country: KAZ, status: member", "country: KAZ, status: friend")
    replace(data_dir / "memberships.yaml", "{organisation: sco, country: RUS", "{organisation: sko, country: RUS")
    assert any("record #10, field 'organisation': unknown organisation 'sko'" in m for m in data_problems(data_dir))


def test_a_value_yaml_cannot_construct_names_line_and_column(data_dir: Path) -> None:
    replace(data_dir / "events.yaml", "date: 2009-06,", "date: !!timestamp 2009-13-01,")
    (message,) = data_problems(data_dir)
    assert f"{data_dir / 'events.yaml'}:5: YAML syntax error, column " in message
    assert "cannot read this value" in message


def test_inline_values_suggest_the_closest(data_dir: Path, content_dir: Path) -> None:
    page = content_dir / "index.md"
    page.write_text(page.read_text() + "\n{{claims:ecu-populaton}} {{claim:ecu-population}} "
                    "{{organisations:cis.foundd}}\n")
    found = all_problems(data_dir, content_dir)
    assert any("unknown record 'ecu-populaton' in dataset 'claims' ({{claims:ecu-populaton}}) "
               "(did you mean 'ecu-population'?)" in m for m in found), found
    assert any("unknown dataset 'claim' in {{claim:ecu-population}} (did you mean 'claims'?)" in m for m in found)
    assert any("unknown field 'foundd' in {{organisations:cis.foundd}} (did you mean 'founded'?)" in m for m in found)


def test_content_is_checked_even_when_the_data_has_problems(data_dir: Path, content_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167,", "value: many,")  # ecu-population does not validate
    replace(data_dir / "countries.yaml", "name: Belarus", "name: [Belarus")  # countries does not load
    chapter = content_dir / "3-institutional-overlap.md"
    replace(chapter, "{{organisations:cis.founded|year}}", "{{organisations:cis.foundd|year}} [@nobody]")
    replace(chapter, "As {{fig:memberships}} shows", "As {{fig:membership}} shows")
    replace(content_dir / "index.md", "title: Overview", "title: [Overview")
    found = all_problems(data_dir, content_dir)
    data = data_dir.as_posix()
    content = content_dir.as_posix()
    assert any(m.startswith(f"{data}/claims.yaml:5: record 'ecu-population': field 'value'") for m in found)
    assert any(m.startswith(f"{data}/countries.yaml:6: YAML syntax error, column") for m in found)
    assert any(m.startswith(f"{content}/3-institutional-overlap.md:39: unknown field 'foundd'") for m in found)
    assert any(m.startswith(f"{content}/3-institutional-overlap.md:39: citation of unknown source 'nobody'")
               for m in found)
    assert any(m.startswith(f"{content}/3-institutional-overlap.md:45: reference to unknown or unplaced figure "
                            "'membership'") for m in found)
    assert any(m.startswith(f"{content}/index.md:") and "in the front matter: YAML syntax error" in m for m in found)
    # a construct naming a record that failed validation is not reported a second time
    assert not any("ecu-population" in m for m in found if m.startswith(content))


def test_a_figure_defined_but_placed_nowhere_is_reported_with_bad_data(data_dir: Path, content_dir: Path) -> None:
    replace(data_dir / "claims.yaml", "value: 167,", "value: many,")
    replace(content_dir / "3-institutional-overlap.md", "```figure\nmemberships\n```", "")
    assert "content: figure 'memberships' is defined but placed on no page" in all_problems(data_dir, content_dir)


def test_clean_data_and_content_check_clean(data_dir: Path, content_dir: Path) -> None:
    assert check(Config(data=data_dir, content=content_dir), FIGURES).placements["memberships"].number == "3.1"


def test_cli_reports_data_and_content_problems_together(data_dir: Path, content_dir: Path) -> None:
    replace(data_dir / "memberships.yaml", "country: KAZ, status: member", "country: KAZ, status: friend")
    replace(content_dir / "index.md", "{{claims:ecu-population}}", "{{claims:ecu-populaton}}")
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check", "--data", str(data_dir),
                             "--content", str(content_dir)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "memberships.yaml:7: record #3: field 'status'" in result.stderr
    assert "index.md:8: unknown record 'ecu-populaton'" in result.stderr
    assert "Traceback" not in result.stderr
