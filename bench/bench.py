"""Benchmarks (not tests): build times and the bytes a reader loads before interacting.

Run with `make bench`. Prints:
- cold build: empty figure cache, the whole pipeline and MkDocs;
- rebuild after editing one dataset (figures whose data did not change come from the cache);
- for a figure page and a text page, the gzip bytes of HTML, CSS and JS loaded before any interaction.
"""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.paths import CONTENT, DATA
from build_scripts.publish.local_server import serve
from tests.conftest import CHROMIUM

PAGES = {"figure page": "3-institutional-overlap/", "text page": "about/"}


def timed_build(data: Path, docs: Path, cache: Path, site: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    config = Config(data=data, content=CONTENT, docs=docs, cache=cache, site=site)
    result = pipeline.generate(config)
    pipeline.render_site(config)
    return time.perf_counter() - start, result.rendered_fresh


def bytes_before_interaction(site: Path) -> dict[str, dict[str, int]]:
    """Load each page in a fresh browser context, scroll nowhere, and sum the gzip size of what it fetched."""
    from playwright.sync_api import Request, sync_playwright

    server, base = serve(site, "/multivector/")
    out: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            for label, path in PAGES.items():
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                fetched: list[Request] = []

                def note(request: Request, fetched: list[Request] = fetched) -> None:
                    fetched.append(request)

                page.on("request", note)
                page.goto(base + path, wait_until="networkidle")
                sizes = {"html": 0, "css": 0, "js": 0, "other": 0}
                for request in fetched:
                    local = site / urlparse(request.url).path.removeprefix("/multivector/")
                    if local.is_dir():
                        local = local / "index.html"
                    if not local.is_file():
                        continue
                    key = {"document": "html", "stylesheet": "css", "script": "js"}.get(request.resource_type, "other")
                    sizes[key] += len(gzip.compress(local.read_bytes()))
                out[label] = sizes
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        shutil.copytree(DATA, data)
        cold, fresh = timed_build(data, root / "docs", root / "cache", root / "site")
        print(f"cold build (empty cache, {len(fresh)} figures rendered): {cold:.1f} s   [floor: 30 s]")
        claims = data / "claims.yaml"
        claims.write_text(claims.read_text().replace("value: 167\n", "value: 168\n", 1))
        rebuild, fresh = timed_build(data, root / "docs", root / "cache", root / "site")
        print(f"rebuild after editing claims.yaml ({len(fresh)} figure(s) re-rendered: {', '.join(fresh) or 'none'}):"
              f" {rebuild:.1f} s   [floor: 5 s]")
        for label, sizes in bytes_before_interaction(root / "site").items():
            total = sizes["html"] + sizes["css"] + sizes["js"]
            print(f"{label:12s} before interaction (gzip): HTML {sizes['html'] / 1024:.1f} KiB, "
                  f"CSS {sizes['css'] / 1024:.1f} KiB, JS {sizes['js'] / 1024:.1f} KiB, total {total / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
