"""Careless or hostile YAML: refused quickly, with the file and line at fault; nothing silently overwritten.

Each case is tried as an editor would meet it, through `python -m build_scripts check` on a copy of
the real datasets, and the loader's rules are checked with generated documents as well.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.data.yaml_reader import MAX_DATA_BYTES, MAX_PAGE_BYTES, load_yaml, parse
from build_scripts.errors import BuildError, Problems
from build_scripts.pages import read
from build_scripts.paths import CONTENT, DATA, ROOT

SECONDS = 8.0  # "within a few seconds": a clean check of the real data takes about 3 s on two cores

BILLION_LAUGHS = "\n".join(
    ["lol0: &l0 lol"] + [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]) + "\n"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def check(data: Path, content: Path = CONTENT) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check", "--data", str(data), "--content",
                             str(content)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return result, time.perf_counter() - start


def test_an_alias_bomb_is_refused_at_once_naming_the_first_anchor(data_copy: Path) -> None:
    claims = data_copy / "claims.yaml"
    claims.write_text(BILLION_LAUGHS + claims.read_text())
    result, seconds = check(data_copy)
    assert result.returncode == 1 and seconds < SECONDS, (seconds, result.stderr)
    assert "claims.yaml:1: anchor '&l0': anchors and aliases are not allowed" in result.stderr
    assert "claims.yaml:2: alias '*l0'" in result.stderr


def test_a_key_written_twice_names_both_lines(data_copy: Path) -> None:
    claims = data_copy / "claims.yaml"
    lines = claims.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "value: 3")  # first record's value
    lines.insert(at + 1, lines[at].replace("3", "30"))
    claims.write_text("\n".join(lines) + "\n")
    result, seconds = check(data_copy)
    assert result.returncode == 1 and seconds < SECONDS
    assert (f"claims.yaml:{at + 2}: key 'value' is written twice in the same mapping (first at line {at + 1})"
            in result.stderr), result.stderr


def test_undecodable_bytes_are_reported_by_line_and_column(data_copy: Path) -> None:
    countries = data_copy / "countries.yaml"
    raw = countries.read_bytes().splitlines(keepends=True)
    assert raw[7] == b"  name: Russia\n"
    raw[7] = "  name: Rüssia (é)\n".encode() + b"  note: Caf\xe9\n"  # a Latin-1 "é" after UTF-8 text
    countries.write_bytes(b"".join(raw))
    result, _ = check(data_copy)
    assert result.returncode == 1
    # line 9, and the column counts characters, not bytes
    assert "countries.yaml:9: column 12: byte 0xe9 is not UTF-8 text" in result.stderr, result.stderr


def test_a_data_file_over_its_size_limit_is_refused_before_it_is_read(data_copy: Path) -> None:
    events = data_copy / "events.yaml"
    events.write_text(events.read_text() + "#" * MAX_DATA_BYTES)
    result, seconds = check(data_copy)
    assert result.returncode == 1 and seconds < SECONDS
    assert f"events.yaml: is {events.stat().st_size:,} bytes, over the limit of {MAX_DATA_BYTES:,}" in result.stderr


def test_a_page_over_its_size_limit_or_with_an_alias_in_its_front_matter_is_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    about = content / "about.md"
    text = about.read_text()
    about.write_text(text.replace("---\n", "---\nextra: &x [1, 2]\nagain: *x\n", 1))
    problems = Problems()
    read.read_pages(content, problems)
    rule = "anchors and aliases are not allowed in the project's YAML; write the value out in full"
    assert [str(p) for p in problems.items] == [f"{about}:2: in the front matter: anchor '&x': {rule}",
                                                f"{about}:3: in the front matter: alias '*x': {rule}"]
    about.write_text(text + "x" * MAX_PAGE_BYTES)
    problems = Problems()
    read.read_pages(content, problems)
    (problem,) = problems.items
    assert problem.message.startswith(f"is {about.stat().st_size:,} bytes, over the limit of {MAX_PAGE_BYTES:,}")


def test_the_real_files_have_room_under_the_limits() -> None:
    """The limits are meant to be ten times today's largest file: a sign if they ever come close."""
    assert max(p.stat().st_size for p in DATA.glob("*.yaml")) * 8 < MAX_DATA_BYTES
    assert max(p.stat().st_size for p in CONTENT.rglob("*.md")) * 8 < MAX_PAGE_BYTES


# --- generated documents ---------------------------------------------------------------------------

KEYS = st.sampled_from(["id", "value", "from", "to", "title", "source", "locator", "note"])
SCALARS = st.one_of(st.integers(-5, 3000), st.text(alphabet="abcxyz -é0", max_size=8), st.booleans(), st.none())
HEADER = ["title: t", "description: d", "license: CC-BY-4.0", "records:"]
PROPERTIES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(records=st.lists(st.lists(st.tuples(KEYS, SCALARS), min_size=1, max_size=7), min_size=1, max_size=4))
def test_every_repeated_key_is_reported_with_both_lines(records: list[list[tuple[str, object]]]) -> None:
    lines = list(HEADER)
    expected = []
    for pairs in records:
        first: dict[str, int] = {}
        for n, (key, value) in enumerate(pairs):
            lines.append(("  - " if n == 0 else "    ") + f"{key}: {json.dumps(value, ensure_ascii=False)}")
            if key in first:
                expected.append((len(lines), f"key '{key}' is written twice in the same mapping "
                                             f"(first at line {first[key]})"))
            else:
                first[key] = len(lines)
    try:
        doc = parse("\n".join(lines) + "\n", "data/x.yaml")
    except BuildError as exc:
        found = [(p.line, p.message.split(":")[0]) for p in exc.problems]
        assert {p.file for p in exc.problems} == {"data/x.yaml"}
        assert found == expected
    else:
        assert expected == [] and len(doc["records"]) == len(records)


@PROPERTIES
@given(items=st.lists(st.tuples(st.sampled_from(["plain", "anchor", "alias"]), st.integers(0, 3)), min_size=1,
                      max_size=10),
       depth=st.integers(0, 3))
def test_every_anchor_and_alias_is_refused_where_it_stands(items: list[tuple[str, int]], depth: int) -> None:
    lines = [*HEADER, "  - id: x", "    note:"]
    indent = "      " + "  " * depth
    lines += ["    " + "  " * d + "- " + f"n{d}:" for d in range(depth)]
    expected = []
    anchors: set[int] = set()
    for kind, n in items:
        if kind == "anchor":
            lines.append(f"{indent}- &a{n} value{n}")
            anchors.add(n)
            expected.append((len(lines), f"anchor '&a{n}'"))
        elif kind == "alias" and n in anchors:
            lines.append(f"{indent}- *a{n}")
            expected.append((len(lines), f"alias '*a{n}'"))
        else:
            lines.append(f"{indent}- plain{n}")
    text = "\n".join(lines) + "\n"
    try:
        parse(text, "data/x.yaml")
    except BuildError as exc:
        assert [(p.line, p.message.split(":")[0]) for p in exc.problems] == expected, text
    else:
        assert expected == [], text


def test_the_loader_still_reads_every_real_file() -> None:
    for path in [*DATA.glob("*.yaml"), ROOT / "traceability.yaml"]:
        assert load_yaml(path)
