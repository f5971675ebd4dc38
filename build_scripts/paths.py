"""Where things live in the repository and in the build output."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CONTENT = ROOT / "content"
SITE_CONFIG = ROOT / "site_config"
BUILD = ROOT / "build"  # generated, never committed
DOCS = BUILD / "docs"  # the generated docs tree MkDocs renders
CACHE = BUILD / "cache"  # figure artefacts keyed by content hash
SITE = ROOT / "site"  # the finished static site
NODE_MODULES = ROOT / "node_modules"


def rel(path: Path) -> str:
    """A path as shown in messages: relative to the repository when possible."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
