"""The datasets' JSON Schemas: generated from the models, committed, current, and true to the data."""

from __future__ import annotations

import json

import jsonschema
import yaml

from build_scripts.data import json_schemas
from build_scripts.data.models import MODELS
from build_scripts.paths import DATA, ROOT


def test_committed_schemas_match_the_models() -> None:
    for name, text in json_schemas.rendered().items():
        assert (ROOT / "schemas" / name).read_text() == text, f"run `python -m build_scripts schemas` ({name})"


def test_contributing_reference_and_yaml_schema_lines_are_current() -> None:
    assert (ROOT / "CONTRIBUTING.md").read_text() == json_schemas.contributing_text()
    for path in DATA.glob("*.yaml"):
        assert path.read_text().startswith(f"# yaml-language-server: $schema=../schemas/{path.stem}.schema.json\n")


def test_every_dataset_validates_against_its_json_schema() -> None:
    for name in MODELS:
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
        document = yaml.safe_load((DATA / f"{name}.yaml").read_text())
        document = json.loads(json.dumps(document, default=str))  # YAML dates as the strings editors type
        jsonschema.Draft202012Validator(schema).validate(document)


def test_the_schema_catches_what_the_loader_catches() -> None:
    schema = json.loads((ROOT / "schemas" / "memberships.schema.json").read_text())
    bad = {"title": "t", "description": "d", "license": "CC-BY-4.0",
           "records": [{"organisation": "cis", "country": "RUS", "status": "friend", "from": "1991",
                        "source": "s", "locator": "l"}]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert any("friend" in e.message for e in errors)
