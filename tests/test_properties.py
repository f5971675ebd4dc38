"""Property-based tests: whatever is written in a dataset file, loading it never crashes.

Arbitrary YAML documents, random text, and random mutations of the real datasets either load or
are refused with problems that name the file at fault (or a file that refers to it).
"""

from __future__ import annotations

import copy
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_scripts.data.datasets import Datasets, check_references, load_all, load_dataset
from build_scripts.data.models import MODELS, DatasetFile
from build_scripts.data.yaml_reader import LineLoader, strip_lines
from build_scripts.errors import BuildError, Problems
from build_scripts.paths import DATA, rel

NAMES = sorted(MODELS)
FIELDS = sorted({f.alias or n for model in (*MODELS.values(), DatasetFile) for n, f in model.model_fields.items()})
# each property runs in well under 20 s
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # loads 10 files

# --- arbitrary documents ---------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.sampled_from(["2014", "2014-07", "2014-07-01", "2014-13", "RUS", "cis", "member", "percent", "chapter",
                     "chatterje-doody-2015", "", " ", "https://example.org"]),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=8), st.integers(-2, 2), st.booleans())
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=20)
records = st.lists(st.dictionaries(st.sampled_from(FIELDS), values, max_size=8) | values, max_size=5)
dataset_shaped = st.fixed_dictionaries(
    {"records": records}, optional={"title": scalars, "description": scalars, "license": scalars, "extra": values})
SNIPPETS = ["title: t\n", "description: d\n", "license: l\n", "records:\n", "  - ", "{", "}", "[", "]", ": ", ", ",
            "id: x", "&a ", "*a", "*b", "!!binary ", "!!timestamp ", "!!python/object ", "!custom ", "%YAML 1.1\n",
            "---\n", "...\n", "\t", "'", '"', "#", "? ", "<<: *a\n", "\n", "    ", "\x00", "\ufeff", "é"]
texts = st.one_of(st.text(max_size=60), st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=4), max_size=30)
                  .map("".join))


def dumped(doc: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present: much faster
    return yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False)


documents = st.one_of(values.map(dumped), dataset_shaped.map(dumped), texts)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@QUICK
@given(name=st.sampled_from(NAMES), text=documents)
@example(name="claims", text="!!timestamp")  # a constructor that raised AttributeError
@example(name="claims", text="title: !!timestamp 2014-13-01\n")  # ... and ValueError
@example(name="countries", text="title: &a {x: *a}\nrecords: []\n")  # an alias that contains itself
@example(name="countries", text="[" * 3000 + "]" * 3000)  # nested deeper than Python recurses
def test_any_document_loads_or_is_refused_naming_the_file(workdir: Path, name: str, text: str) -> None:
    path = workdir / f"{name}.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    problems = Problems()
    dataset = load_dataset(name, path, problems)
    if dataset is not None:
        assert all(isinstance(r, MODELS[name]) for r in dataset.records)
        assert len(dataset.records) == len(dataset.lines)
        check_references(Datasets({name: dataset}), problems)  # ids, dates: on whatever validated
    else:
        assert problems.items, "a refused file must say why"
    for problem in problems.items:
        assert problem.file == rel(path), problem
        assert problem.message and str(problem)


# --- mutations of the real datasets ----------------------------------------------------------------

# which datasets refer to which: a file's problems may show in the files that refer to it
POOLS = {"source": {"sources"}, "organisation": {"organisations"}, "predecessor": {"organisations"},
         "successor": {"organisations"}, "country": {"countries"}, "entity": {"countries", "organisations"},
         "organisations": {"organisations"}, "countries": {"countries"}, "themes": {"themes"},
         "themes_ours": {"themes"}, "event": {"events"}}
REFERRED_BY = {name: {other for other, model in MODELS.items() if other != "sources"
                      and any(name in POOLS.get(f, set()) for f in model.model_fields)} for name in NAMES}
# an organisation declares how completely memberships.yaml records its members: memberships that
# lose their rows show as a mismatch at the declaration
REFERRED_BY["memberships"] = REFERRED_BY["memberships"] | {"organisations"}
ORIGINALS = {name: (DATA / f"{name}.yaml").read_bytes() for name in NAMES}
PARSED = {name: strip_lines(yaml.load(text.decode("utf-8"), Loader=LineLoader)) for name, text in ORIGINALS.items()}
OTHER_TYPES: list[Any] = [None, 7, -1.5, True, "", "text", ["a", "b"], {"a": 1}, "2014-02-30", "Not An Id"]


def mutate(name: str, kind: str, rnd: random.Random) -> bytes:
    if kind == "truncate":
        raw = ORIGINALS[name]
        return raw[:rnd.randrange(len(raw))]
    doc = copy.deepcopy(PARSED[name])
    rows = doc["records"]
    index = rnd.randrange(len(rows))
    record = rows[index]
    if kind == "delete-field":
        del record[rnd.choice(sorted(record))]
    elif kind == "change-type":
        field = rnd.choice(sorted(record))
        record[field] = rnd.choice([v for v in OTHER_TYPES if type(v) is not type(record[field])])
    elif kind == "duplicate":
        rows.insert(rnd.randrange(len(rows) + 1), copy.deepcopy(record))
    elif kind == "replace-id":
        field = "id" if "id" in record else rnd.choice(sorted(record))
        record[field] = rnd.choice(["x", "RUS", "cis", "", "Zz-9", "unknown-id", "eurasec"]) + (
            "".join(rnd.choice("abz-09") for _ in range(rnd.randrange(4))))
    elif kind == "meta":
        doc[rnd.choice(["title", "description", "license", "records"])] = rnd.choice(OTHER_TYPES)
    return dumped(doc).encode("utf-8")


@pytest.fixture(scope="module")
def real_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("real") / "data"
    shutil.copytree(DATA, target)
    return target


def test_the_real_datasets_survive_a_round_trip(real_copy: Path) -> None:
    """The mutations rewrite a file through a YAML dump: unmutated, that must still load."""
    try:
        for name in NAMES:
            (real_copy / f"{name}.yaml").write_text(dumped(PARSED[name]))
        load_all(real_copy)
    finally:
        for name in NAMES:
            (real_copy / f"{name}.yaml").write_bytes(ORIGINALS[name])


@SLOW
@given(name=st.sampled_from(NAMES),
       kind=st.sampled_from(["truncate", "delete-field", "change-type", "duplicate", "replace-id", "meta"]),
       rnd=st.randoms(use_true_random=False))
def test_mutated_real_data_loads_or_names_the_files_at_fault(real_copy: Path, name: str, kind: str,
                                                             rnd: random.Random) -> None:
    path = real_copy / f"{name}.yaml"
    path.write_bytes(mutate(name, kind, rnd))
    try:
        load_all(real_copy)
    except BuildError as exc:
        allowed = {rel(real_copy / f"{n}.yaml") for n in {name} | REFERRED_BY[name]}
        assert exc.problems
        assert {p.file for p in exc.problems} <= allowed, [str(p) for p in exc.problems]
    finally:
        path.write_bytes(ORIGINALS[name])
