"""Each edition's whole essay as one PDF: its print page, printed by Chromium (driven by Playwright)
from the built site served on the loopback host, so nothing leaves the machine."""

from __future__ import annotations

from pathlib import Path

from build_scripts.config import Config
from build_scripts.errors import BuildError, Problem
from build_scripts.publish.local_server import serve

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"]
EAGER_IMAGES = "document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })"


def footer(edition: str) -> str:
    """Chromium's page footer: the edition and the page number (Chromium fills the spans)."""
    return ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
            f'Edition {edition} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def print_pdfs(config: Config, site: Path, root_path: str, jobs: list[tuple[str, str, Path]]) -> None:
    """Print each (page path below the root, edition name, PDF file) of a built site."""
    from playwright.sync_api import Error, sync_playwright

    if not config.chromium.exists():
        raise BuildError([Problem("build_scripts/publish/pdf.py", None, f"Chromium not found at {config.chromium}: "
                                  "install Debian's chromium, or set CHROMIUM to its path, to print the PDFs")])
    server, url = serve(site, root_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(config.chromium), headless=True,
                                                 args=CHROMIUM_FLAGS)
            page = browser.new_page()
            for path, edition, target in jobs:
                response = page.goto(url + path, wait_until="networkidle")
                if response is None or not response.ok:
                    status = response.status if response else "no response"
                    raise BuildError([Problem(str(target), None, f"cannot print {url + path}: {status}")])
                page.evaluate(EAGER_IMAGES)  # the printout needs every figure, not only those scrolled to
                page.wait_for_load_state("networkidle")
                page.emulate_media(media="print")
                try:
                    page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                             header_template="<span></span>", footer_template=footer(edition),
                             margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
                except Error as exc:
                    raise BuildError([Problem(str(target), None, f"Chromium could not print it: {exc}")]) from exc
            browser.close()
    finally:
        server.shutdown()
