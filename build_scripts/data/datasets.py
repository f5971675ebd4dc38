"""Load every dataset in data/, validate it against its model, and check references between them.

The first stage of the build, load and validate (pipeline.load). Every problem in every file is
collected before anything is raised, so an editor sees the whole list at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from build_scripts.data import dates
from build_scripts.data.models import MODELS, DatasetFile
from build_scripts.data.yaml_reader import LINE, LINES, load_yaml, strip_lines
from build_scripts.errors import BuildError, Problems, did_you_mean
from build_scripts.paths import DATA, rel


@dataclass(frozen=True)
class Dataset:
    """One validated dataset: its metadata, records, and the line each record starts on."""

    name: str
    path: Path
    meta: DatasetFile
    records: list[BaseModel]
    lines: list[int]
    digest: str  # hash of the file's bytes: what a cached figure that read this dataset depends on
    positions: tuple[int, ...] = ()  # each record's position among the file's records (1-based), for messages

    def rows(self) -> list[tuple[Any, int]]:
        """Each record with the line it starts on."""
        return list(zip(self.records, self.lines, strict=True))

    def by_id(self) -> dict[str, BaseModel]:
        return {r.id: r for r in self.records if hasattr(r, "id")}

    def label(self, index: int) -> str:
        """How messages name the index-th valid record: by id, else by its position in the file."""
        rid = getattr(self.records[index], "id", None)
        if rid is not None:
            return f"record '{rid}'"
        return f"record #{self.positions[index] if index < len(self.positions) else index + 1}"


@dataclass
class Datasets:
    """All datasets of the essay, by name."""

    items: dict[str, Dataset] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Dataset:
        self.touch(name)
        return self.items[name]

    def touch(self, name: str) -> None:
        """Called on every read; a recording subclass notes which datasets a figure used."""

    def records(self, name: str) -> list[Any]:
        self.touch(name)
        return self.items[name].records if name in self.items else []

    def ids(self, name: str) -> set[str]:
        self.touch(name)
        return set(self.items[name].by_id()) if name in self.items else set()


def _field_line(raw: dict[str, Any], loc: tuple[Any, ...]) -> int | None:
    """The line of the field a validation error points at, else the record's own line."""
    lines = raw.get(LINES, {})
    if loc and isinstance(loc[0], str) and loc[0] in lines:
        return lines[loc[0]]
    return raw.get(LINE)


def _shown(found: Any) -> str:
    """A found value as the message shows it: its repr, shortened; a mapping or long list by its kind."""
    if isinstance(found, dict):
        return "a mapping"
    text = repr(found)
    if len(text) <= 80:
        return text
    return f"a list of {len(found)} items" if isinstance(found, list) else text[:77] + "..."


def _describe(error: dict[str, Any], raw: dict[str, Any], model: type[BaseModel] | None = None) -> str:
    field_name = ".".join(str(p) for p in error["loc"]) or "(record)"
    if error["type"] == "missing":
        return f"field '{field_name}' is required but missing"
    if error["type"] == "extra_forbidden":
        known = [f.alias or name for name, f in model.model_fields.items()] if model else []
        return f"field '{field_name}' is not a known field{did_you_mean(field_name, known)}"
    return f"field '{field_name}': {error['msg']} (found {_shown(error.get('input'))})"


def _record_label(raw: dict[str, Any], index: int) -> str:
    if isinstance(raw.get("id"), str):
        return f"record '{raw['id']}'"
    return f"record #{index + 1}"


def load_dataset(name: str, path: Path, problems: Problems) -> Dataset | None:
    """Parse and validate one dataset file; add every problem found to `problems`."""
    try:
        doc = load_yaml(path)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc, dict):
        problems.add(rel(path), 1, "the file must be a mapping with title, description, license and records")
        return None
    try:
        meta = DatasetFile.model_validate(strip_lines({**doc, "records": []}))
    except ValidationError as exc:
        for err in exc.errors():
            problems.add(rel(path), _field_line(doc, err["loc"]), _describe(err, doc, DatasetFile))
        return None
    except RecursionError:  # a YAML alias that contains itself
        problems.add(rel(path), 1, "the file refers to itself through a YAML alias (&name … *name)")
        return None
    raw_records = doc.get("records")
    if not isinstance(raw_records, list):
        problems.add(rel(path), doc.get(LINES, {}).get("records"), "'records' must be a list of records")
        return None
    model = MODELS[name]
    records, lines, positions = [], [], []
    for index, raw in enumerate(raw_records):
        if not isinstance(raw, dict):
            problems.add(rel(path), None, f"record #{index + 1} must be a mapping of fields")
            continue
        try:
            records.append(model.model_validate(strip_lines(raw)))
            lines.append(raw[LINE])
            positions.append(index + 1)
        except ValidationError as exc:
            for err in exc.errors():
                problems.add(rel(path), _field_line(raw, err["loc"]),
                             f"{_record_label(raw, index)}: {_describe(err, raw, model)}")
        except RecursionError:
            problems.add(rel(path), raw.get(LINE), f"{_record_label(raw, index)}: refers to itself through a "
                         "YAML alias (&name … *name)")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Dataset(name, path, meta, records, lines, digest, tuple(positions))


def load_all(data_dir: Path = DATA) -> Datasets:
    """Load and validate every dataset, then check ids and references across them."""
    problems = Problems()
    result = load_what_loads(data_dir, problems)
    problems.raise_if_any()
    return result


def load_what_loads(data_dir: Path, problems: Problems) -> Datasets:
    """Every dataset that loads, with its valid records; every problem goes to `problems`, nothing is raised.

    For checks that go on after bad data (the content can still be checked against what loaded).
    """
    found = {p.stem: p for p in sorted(data_dir.glob("*.yaml"))}
    for stem, path in found.items():
        if stem not in MODELS:
            problems.add(rel(path), None, f"unknown dataset '{stem}' (known: {', '.join(MODELS)})")
    result = Datasets()
    for name in MODELS:
        if name not in found:
            problems.add(rel(data_dir / f"{name}.yaml"), None, "dataset file is missing")
            continue
        dataset = load_dataset(name, found[name], problems)
        if dataset is not None:
            result.items[name] = dataset
    check_references(result, problems)
    return result


def check_references(data: Datasets, problems: Problems) -> None:
    """Duplicate ids, unknown ids, impossible date ranges, memberships outside an organisation's life."""
    for dataset in data.items.values():
        seen: dict[str, int] = {}
        for record, line in dataset.rows():
            rid = getattr(record, "id", None)
            if rid is None:
                continue
            if rid in seen:
                problems.add(rel(dataset.path), line, f"duplicate id '{rid}' (first used on line {seen[rid]})")
            else:
                seen[rid] = line

    # Only datasets that loaded can vouch for ids: a broken file should not cascade into noise.
    known = {name: data.ids(name) for name in MODELS if name in data.items}
    if "countries" in known and "organisations" in known:
        known["entities"] = known["countries"] | known["organisations"]  # an observation is about either

    def need(dataset: Dataset, line: int, label: str, kind: str, value: str | None, pool: str) -> None:
        if value is not None and pool in known and value not in known[pool]:
            hint = did_you_mean(value, known[pool])
            problems.add(rel(dataset.path), line, f"{label}: unknown {kind} '{value}'{hint}")

    # field name -> which id pool it must point into
    refs = {"source": ("sources", "source"), "organisation": ("organisations", "organisation"),
            "event": ("events", "event"),
            "country": ("countries", "country"), "predecessor": ("organisations", "organisation"),
            "successor": ("organisations", "organisation"), "entity": ("entities", "country or organisation")}
    list_refs = {"organisations": ("organisations", "organisation"), "countries": ("countries", "country"),
                 "themes": ("themes", "theme"), "themes_ours": ("themes", "theme")}
    for dataset in data.items.values():
        for index, (record, line) in enumerate(dataset.rows()):
            label = dataset.label(index)
            for fname, (pool, kind) in refs.items():
                if fname in type(record).model_fields and dataset.name != "sources":
                    need(dataset, line, f"{label}, field '{fname}'", kind, getattr(record, fname), pool)
            for fname, (pool, kind) in list_refs.items():
                if fname in type(record).model_fields:
                    for value in getattr(record, fname):
                        need(dataset, line, f"{label}, field '{fname}'", kind, value, pool)
    _check_dates(data, problems)
    _check_coverage(data, problems)


def _check_coverage(data: Datasets, problems: Problems) -> None:
    """An organisation declared to have no recorded members has none; one with members has some."""
    if "organisations" not in data.items or "memberships" not in data.items:
        return
    if rel(data.items["memberships"].path) in {p.file for p in problems.items}:
        return  # some of its records did not validate: it cannot say which organisations have none
    organisations = data.items["organisations"]
    recorded = {m.organisation for m in data.items["memberships"].records}
    for record, line in organisations.rows():
        if record.full_members == "none" and record.id in recorded:
            problems.add(rel(organisations.path), line, f"record '{record.id}': full_members is 'none', but "
                         "memberships.yaml records members of it (say 'complete' or 'partial')")
        elif record.full_members != "none" and record.id not in recorded:
            problems.add(rel(organisations.path), line, f"record '{record.id}': full_members is "
                         f"'{record.full_members}', but memberships.yaml records no member of it")


def _check_dates(data: Datasets, problems: Problems) -> None:
    orgs = data["organisations"].by_id() if "organisations" in data.items else {}
    for dataset, start_field, end_field in (("organisations", "founded", "dissolved"), ("memberships", "from_", "to")):
        if dataset not in data.items:
            continue
        ds = data[dataset]
        for index, (record, line) in enumerate(ds.rows()):
            start, end = getattr(record, start_field), getattr(record, end_field)
            label = ds.label(index)
            if end is not None and dates.end(end) < dates.start(start):
                problems.add(rel(ds.path), line, f"{label}: ends ({end}) before it starts ({start})")
            if dataset == "memberships" and record.organisation in orgs:
                org = orgs[record.organisation]
                if dates.end(start) < dates.start(org.founded):
                    problems.add(rel(ds.path), line, f"{label} ({record.organisation}/{record.country}): "
                                 f"starts {start}, before {org.abbr} was founded ({org.founded})")
                if org.dissolved and dates.start(start) > dates.end(org.dissolved):
                    problems.add(rel(ds.path), line, f"{label} ({record.organisation}/{record.country}): "
                                 f"starts {start}, after {org.abbr} was dissolved ({org.dissolved})")
                if org.dissolved and (end is None or dates.start(end) > dates.end(org.dissolved)):
                    problems.add(rel(ds.path), line, f"{label} ({record.organisation}/{record.country}): "
                                 f"runs past {org.abbr}'s dissolution ({org.dissolved}); give an end date")
    if "memberships" in data.items:
        ds = data["memberships"]
        seen: dict[tuple[str, str, str, str], int] = {}
        for record, line in ds.rows():
            key = (record.organisation, record.country, record.status, record.from_)
            if key in seen:
                problems.add(rel(ds.path), line, f"duplicate membership {'/'.join(key)} (first on line {seen[key]})")
            seen.setdefault(key, line)
