"""The build's configuration: one object, made once by the command line (cli.py) from its arguments and
the environment, and passed down. Nothing else in build_scripts reads the environment; the processes
the build starts (MkDocs, an earlier edition's build) get theirs from here."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_scripts.cite.addresses import Addresses
from build_scripts.paths import CACHE, CONTENT, DATA, DOCS, ROOT, SITE

LOCAL_SITE_URL = "http://127.0.0.1:8000/"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
GITHUB_REMOTE = re.compile(r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
                           r"(?P<path>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Config:
    site_url: str = LOCAL_SITE_URL  # the address the site is built for (an edition's own, for an edition)
    repo_url: str = ""  # the repository whose tracker takes error reports; "" for no "Report an error" link
    chromium: Path = DEBIAN_CHROMIUM  # the browser that prints the PDFs
    print_pdfs: bool = False  # publishing prints each edition's PDF: only then do pages link to it
    data: Path = DATA
    content: Path = CONTENT
    docs: Path = DOCS  # the generated docs tree
    cache: Path = CACHE  # figure renders and images, keyed by what they depend on
    site: Path = SITE
    # the environment the build was started with, passed on to the processes it starts
    environ: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")

    @property
    def addresses(self) -> Addresses:
        return Addresses(self.site_url)

    def is_the_essay(self) -> bool:
        """Whether the content is the essay's own (the anchor registry, the traceability map and the typed
        values' allow list describe it), not other content such as the tests' fixtures."""
        return self.content.resolve() == CONTENT.resolve()

    def but(self, **changes: object) -> Config:
        """The same configuration with some values changed (another address, another docs folder …)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def mkdocs_environment(self) -> dict[str, str]:
        """What MkDocs reads (mkdocs.yml: site_url and docs_dir come from the environment)."""
        return {**self.environ, "SITE_URL": self.site_url, "MULTIVECTOR_DOCS_DIR": str(self.docs),
                "NO_MKDOCS_2_WARNING": "1"}

    def build_environment(self) -> dict[str, str]:
        """What `python -m build_scripts build` of another checkout reads (an earlier edition's)."""
        return {**self.mkdocs_environment(), "CHROMIUM": str(self.chromium),
                **({"MULTIVECTOR_PDF": "1"} if self.print_pdfs else {})}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], root: Path = ROOT) -> Config:
        """The configuration the environment describes: SITE_URL, REPO_URL (else the GitHub `origin`
        remote), CHROMIUM, and MULTIVECTOR_PDF (set when an edition is built to be printed)."""
        return cls(site_url=environ.get("SITE_URL") or LOCAL_SITE_URL,
                   repo_url=repository_url(root, environ.get("REPO_URL", "")),
                   chromium=Path(environ.get("CHROMIUM") or DEBIAN_CHROMIUM),
                   print_pdfs=bool(environ.get("MULTIVECTOR_PDF")), environ=dict(environ))


def repository_url(root: Path, given: str = "") -> str:
    """The repository's web address: the one given if any, else the `origin` remote when it is on
    GitHub (so that `make publish` in any clone of it links the right tracker), else nothing."""
    if given:
        return given.rstrip("/")
    try:
        result = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    match = GITHUB_REMOTE.match(result.stdout.strip()) if result.returncode == 0 else None
    return f"https://github.com/{match['path']}" if match else ""
