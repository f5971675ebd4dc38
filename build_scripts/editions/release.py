"""site_config/release.yaml: the version and dates every page and citation carries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from build_scripts.data.yaml_reader import load_yaml, strip_lines
from build_scripts.paths import SITE_CONFIG


class Release(BaseModel):
    """site_config/release.yaml: the edition every page and citation carries."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    first_published: dt.date
    released: dt.date


def load_release(path: Path = SITE_CONFIG / "release.yaml") -> Release:
    return Release.model_validate(strip_lines(load_yaml(path)))
