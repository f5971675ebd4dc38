"""Each edition's whole essay as one PDF, and each chapter's handout as two (A4 and US Letter): their
pages printed by Chromium (driven by Playwright) from the built site served on the loopback host, so
nothing leaves the machine.

A handout is printed once per paper size rather than once for both: a PDF page has one size, and a
sheet laid out for the other paper would be scaled or cropped by the printer. Before printing, each of
its two sheets is measured at the paper's width and shrunk (CSS zoom, never below MIN_ZOOM) if it would
not fit its page; the PDF is then read back and must have exactly two pages, or publishing stops.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from build_scripts import templating
from build_scripts.config import Config
from build_scripts.errors import BuildError, Problem
from build_scripts.publish.local_server import serve

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"]
EAGER_IMAGES = "document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })"
MM = 96 / 25.4  # CSS pixels per millimetre
HANDOUT_MARGIN_MM = 12
PAPER_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
PLAYWRIGHT_FORMAT = {"a4": "A4", "letter": "Letter"}
MIN_ZOOM = 0.7  # a sheet that needs more shrinking than this is too long: shorten the guide
# Shrink each sheet until it fits the height left on its page; report what each needed.
FIT_SHEETS = """([page, safety]) => Array.from(document.querySelectorAll('.mv-handout__sheet')).map((sheet, i) => {
  sheet.style.zoom = '';
  const top = i === 0 ? sheet.getBoundingClientRect().top + window.scrollY : 0;
  const room = (page - top) * safety;
  let zoom = 1;
  for (let n = 0; n < 12 && sheet.getBoundingClientRect().height > room; n++) {
    zoom = Math.floor(zoom * Math.min(0.98, room / sheet.getBoundingClientRect().height) * 100) / 100;
    sheet.style.zoom = String(zoom);
  }
  return {zoom: zoom, height: sheet.getBoundingClientRect().height, room: room};
})"""


def footer(edition: str) -> str:
    """Chromium's page footer: the edition and the page number (Chromium fills the spans)."""
    return templating.render("fragments/pdf-footer.html", edition=edition)


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def handout_jobs(site: Path, editions: list[tuple[str, str]]) -> list[tuple[str, str, Path, str]]:
    """(page path below the root, edition, PDF file, paper) for every handout of each (edition path,
    edition name) of a built site. An earlier edition built before handouts existed simply has none."""
    from build_scripts.editions.versions import PAPERS

    jobs = []
    for path, edition in editions:
        for page in sorted((site / path / "handouts").glob("*/index.html")):
            slug = page.parent.name
            for paper in PAPERS:
                target = site / path / "handouts" / f"multivector-v{edition}-{slug}-{paper}.pdf"
                jobs.append((f"{path}handouts/{slug}/", edition, target, paper))
    return jobs


def open_for_print(page: Any, url: str, target: Path) -> None:
    response = page.goto(url, wait_until="networkidle")
    if response is None or not response.ok:
        status = response.status if response else "no response"
        raise BuildError([Problem(str(target), None, f"cannot print {url}: {status}")])
    page.evaluate(EAGER_IMAGES)  # the printout needs every figure, not only those scrolled to
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")


def print_handout(page: Any, url: str, edition: str, target: Path, paper: str) -> None:
    """One handout on one paper size: fitted, printed, and its two pages counted. Should the printed
    pages still run over (the browser's print layout can differ a little from the measured one), it
    is fitted again with more room to spare."""
    width, height = (side - 2 * HANDOUT_MARGIN_MM for side in PAPER_MM[paper])
    page.set_viewport_size({"width": round(width * MM), "height": round(height * MM)})
    open_for_print(page, url, target)
    margin = f"{HANDOUT_MARGIN_MM}mm"
    pages, sheets, safety = 0, [], 0.98
    while safety > MIN_ZOOM:
        sheets = page.evaluate(FIT_SHEETS, [height * MM, safety])
        if any(sheet["zoom"] < MIN_ZOOM for sheet in sheets) or len(sheets) != 2:
            break
        page.pdf(path=str(target), format=PLAYWRIGHT_FORMAT[paper], print_background=True,
                 display_header_footer=True, header_template="<span></span>", footer_template=footer(edition),
                 margin={"top": margin, "bottom": margin, "left": margin, "right": margin})
        pages = page_count(target)
        if pages == 2:
            return
        safety -= 0.04
    raise BuildError([Problem(str(target), None, f"the handout at {url} does not fit two {paper} pages even at "
                              f"{MIN_ZOOM:.0%} (printed on {pages or 'no'} pages; sheets: {sheets}): shorten its "
                              "reading guide")])


def print_pdfs(config: Config, site: Path, root_path: str, jobs: list[tuple[str, str, Path]],
               handouts: list[tuple[str, str, Path, str]] | None = None) -> None:
    """Print each (page path below the root, edition name, PDF file) of a built site on A4, and each
    handout (page path, edition, PDF file, paper) on its paper."""
    # Playwright's synchronous API refuses a thread whose asyncio loop is running (a notebook, or a
    # process that already drives a browser): the printing gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as printer:
        printer.submit(print_in_this_thread, config, site, root_path, jobs, handouts or []).result()


def print_in_this_thread(config: Config, site: Path, root_path: str, jobs: list[tuple[str, str, Path]],
                         handouts: list[tuple[str, str, Path, str]]) -> None:
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
                open_for_print(page, url + path, target)
                try:
                    page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                             header_template="<span></span>", footer_template=footer(edition),
                             margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
                except Error as exc:
                    raise BuildError([Problem(str(target), None, f"Chromium could not print it: {exc}")]) from exc
            for path, edition, target, paper in handouts:
                page.emulate_media(media="screen")
                print_handout(page, url + path, edition, target, paper)
            browser.close()
    finally:
        server.shutdown()
