"""Editions: every minor version of the essay stays published at its own address, v/<major>.<minor>/.

A release is a git tag v<major>.<minor>.<patch>; an edition is the newest release of a minor version
(patch releases carry corrections and replace the edition's text at the same address). The anchor
registry each release froze (anchors.json at its tag) holds a hash of every paragraph's text.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from build_scripts.paths import ROOT

TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")




@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = TAG.match(text if text.startswith("v") else "v" + text)
        if not match:
            raise ValueError(f"not a version of the form 1.2.3: {text!r}")
        return cls(*(int(part) for part in match.groups()))

    @property
    def edition(self) -> str:
        """The edition's name: '1.0' for every 1.0.x release."""
        return f"{self.major}.{self.minor}"

    @property
    def tag(self) -> str:
        return f"v{self.major}.{self.minor}.{self.patch}"

    @property
    def path(self) -> str:
        """Where the edition lives below the site's root."""
        return f"v/{self.edition}/"


def git(args: list[str], root: Path = ROOT) -> str | None:
    """A git command's output, or None where there is no repository or the command fails."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def released(root: Path = ROOT) -> list[Version]:
    """The editions released so far: the newest tagged patch of each minor version, oldest first."""
    newest: dict[tuple[int, int], Version] = {}
    for line in (git(["tag", "--list", "v*"], root) or "").split():
        if TAG.match(line):
            version = Version.parse(line)
            key = (version.major, version.minor)
            newest[key] = max(version, newest.get(key, version))
    return sorted(newest.values())


def earlier(current: Version, root: Path = ROOT) -> list[Version]:
    """The editions before the current one (a release of the current minor version is the current edition)."""
    return [v for v in released(root) if (v.major, v.minor) < (current.major, current.minor)]


def registry_at(version: Version, root: Path = ROOT) -> dict[str, dict[str, str]]:
    """The anchors an edition published ({page: {anchor: text hash}}), from anchors.json at its tag."""
    text = git(["show", f"{version.tag}:anchors.json"], root)
    return json.loads(text).get("anchors", {}) if text else {}


def pdf_name(version: Version) -> str:
    return f"multivector-v{version.edition}.pdf"


def epub_name(version: Version) -> str:
    return f"multivector-v{version.edition}.epub"


PAPERS = {"a4": "A4", "letter": "US Letter"}  # each handout is printed once for each paper size


def handout_pdf_name(version: Version, slug: str, paper: str) -> str:
    """A chapter's handout PDF for one paper size, in its edition's handouts/ folder."""
    return f"handouts/multivector-v{version.edition}-{slug}-{paper}.pdf"


def edition_file_href(root_path: str, version: str, file: str) -> str:
    """Where a file published in an edition's folder (its PDF, EPUB, handouts) is, below the site's root path."""
    return f"{root_path}{Version.parse(version).path}{file}"


def pdf_href(root_path: str, version: str) -> str:
    """Where the PDF of the edition a version belongs to is published, below the site's root path."""
    parsed = Version.parse(version)
    return f"{root_path}{parsed.path}{pdf_name(parsed)}"
