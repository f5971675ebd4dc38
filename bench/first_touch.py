"""Benchmark (not a test): how soon a chart answers a reader's first touch, on a throttled phone.

Run with `make bench` (or `python bench/first_touch.py [--site DIR] [--figure ID] [--runs N]
[--mouse] [--settle MS]`). For every figure, in a fresh browser context per run, with Chromium's
CPU slowed 4× through the DevTools protocol (Lighthouse's mobile setting) on a phone-sized touch
screen: open the essay page that holds the figure, scroll the figure into view, let the page settle
(1.5 s; --settle 0 touches at once), then tap the middle of the largest mark that has a tooltip
(--mouse: move a mouse onto it, on a desktop screen). Two times are taken in the page, from the
touch's first pointer event:
- first feedback: until the tooltip is shown (the frame after it is unhidden with its text);
- live controls: until the live view is ready (`data-live="ready"`: sliders and selections work).
Prints the median and spread of the runs per figure and exits 1 naming every budget in
bench/budgets.yaml (`first_touch`) that a median exceeds. Without --site it builds the site first.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.figures.registry import discover
from build_scripts.paths import CACHE, CONTENT, DATA
from build_scripts.publish.local_server import serve
from build_scripts.publish.pdf import CHROMIUM_FLAGS
from tests.conftest import CHROMIUM

BUDGETS = Path(__file__).with_name("budgets.yaml")
PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Records, in the page's own clock, the first pointer event and when the figure first answers it.
WATCH = """
window.mvTouch = {};
["pointerdown", "pointermove"].forEach((type) => addEventListener(type, (event) => {
  if (mvTouch.pointer === undefined) { mvTouch.pointer = event.timeStamp; }
}, { capture: true }));
new MutationObserver(() => {
  const figure = document.getElementById(FIGURE_ID);
  if (!figure || mvTouch.pointer === undefined) { return; }
  const tip = figure.querySelector(".mv-tooltip");
  if (mvTouch.tip === undefined && tip && !tip.hidden && tip.textContent) {
    mvTouch.tip = null;
    requestAnimationFrame(() => { mvTouch.tip = performance.now(); });
  }
  if (mvTouch.live === undefined && figure.dataset.live === "ready") { mvTouch.live = performance.now(); }
}).observe(document, { subtree: true, childList: true, attributes: true });
"""


@dataclass
class Gesture:
    rate: float  # CPU slow-down
    mouse: bool  # a mouse on a desktop screen, else a finger on a phone
    settle_ms: int  # from the figure in view to the touch


@dataclass
class Touch:
    tip_ms: float | None  # None: no tooltip within the wait
    live_ms: float | None


def page_of(site: Path, fid: str) -> str:
    """The essay page (relative address) that holds the figure."""
    for page in sorted(site.glob("*/index.html")):
        if page.parent.name not in ("print", "figures") and f'id="fig-{fid}"' in page.read_text(encoding="utf-8"):
            return page.parent.name + "/"
    raise SystemExit(f"no page of {site} holds figure {fid}")


def target(hits: dict[str, Any]) -> tuple[float, float]:
    """The middle (in the chart's pixels) of the largest bar or dot that has a tooltip."""
    marks = [item for item in hits["items"] if item["tip"] is not None and item["kind"] in ("rect", "circle")]
    if not marks:
        raise SystemExit("the hit map has no bar or dot with a tooltip")
    mark = max(marks, key=lambda item: abs(item.get("w", 0) * item.get("h", 0)) or item.get("r", 0) ** 2)
    if mark["kind"] == "circle":
        return mark["x"], mark["y"]
    return mark["x"] + mark["w"] / 2, mark["y"] + mark["h"] / 2


def one_touch(browser: Any, url: str, fid: str, point: tuple[float, float], width: float, gesture: Gesture) -> Touch:
    context = browser.new_context(**(DESKTOP if gesture.mouse else PHONE))
    page = context.new_page()
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": gesture.rate})
    page.add_init_script(WATCH.replace("FIGURE_ID", json.dumps(f"fig-{fid}")))
    page.goto(url, wait_until="networkidle")
    chart = page.locator(f"#fig-{fid} .mv-chart")
    chart.scroll_into_view_if_needed()
    if gesture.settle_ms:  # the reader looks at the chart before touching it
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(gesture.settle_ms)
    box = page.locator(f"#fig-{fid} .mv-chart__img:visible").first.bounding_box()
    assert box is not None
    scale = box["width"] / width
    x, y = box["x"] + point[0] * scale, box["y"] + point[1] * scale
    if gesture.mouse:
        page.mouse.move(x, y)
    else:
        page.touchscreen.tap(x, y)
    try:
        page.locator(f"#fig-{fid}[data-live='ready']").wait_for(state="attached", timeout=20000)
        page.wait_for_timeout(300)
    finally:
        times = page.evaluate("window.mvTouch")
        context.close()
    since = times.get("pointer")
    return Touch(tip_ms=times["tip"] - since if times.get("tip") else None,
                 live_ms=times["live"] - since if times.get("live") else None)


def summary(values: list[float | None]) -> tuple[str, float | None]:
    missing = sum(value is None for value in values)
    if missing:
        return f"none in {missing} of {len(values)} runs", None
    numbers = [value for value in values if value is not None]
    median = statistics.median(numbers)
    return f"{median:6.0f} ms ({min(numbers):.0f}–{max(numbers):.0f})", median


def measure(site: Path, figures: list[str], runs: int, gesture: Gesture) -> dict[str, tuple[list[Touch], str]]:
    from playwright.sync_api import sync_playwright

    server, base = serve(site, "/multivector/")
    results: dict[str, tuple[list[Touch], str]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
            for fid in figures:
                hits = json.loads((site / "figures" / fid / "hits.json").read_text(encoding="utf-8"))
                page = page_of(site, fid)
                touches = [one_touch(browser, base + page, fid, target(hits), hits["width"], gesture)
                           for _ in range(runs)]
                results[fid] = (touches, page)
            browser.close()
    finally:
        server.shutdown()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one in a temporary folder)")
    parser.add_argument("--figure", action="append", help="measure only this figure (repeatable)")
    parser.add_argument("--runs", type=int, help="runs per figure (default: budgets.yaml's)")
    parser.add_argument("--mouse", action="store_true", help="a mouse on a desktop screen instead of a tap on a phone")
    parser.add_argument("--settle", type=int, default=1500, metavar="MS",
                        help="wait this long after scrolling to the figure before the touch (0: touch at once)")
    args = parser.parse_args()
    budget = yaml.safe_load(BUDGETS.read_text(encoding="utf-8"))["first_touch"]
    runs = args.runs or budget["runs"]
    figures = args.figure or sorted(discover())
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            root = Path(tmp)
            config = Config(data=DATA, content=CONTENT, docs=root / "docs", cache=CACHE, site=root / "site")
            pipeline.generate(config)
            pipeline.render_site(config)
            site = config.site
        gesture = Gesture(rate=budget["cpu_throttle"], mouse=args.mouse, settle_ms=args.settle)
        results = measure(site, figures, runs, gesture)
    how = "mouse onto a mark, desktop screen" if args.mouse else "tap on a mark, phone screen"
    print(f"first touch: {how}, {args.settle} ms after the figure is in view, CPU {gesture.rate:g}× slower;"
          f" median of {runs} (range)")
    print(f"{'figure':24s} {'page':24s} {'first feedback':26s} live controls")
    exceeded = []
    for fid, (touches, page) in results.items():
        tip_text, tip = summary([touch.tip_ms for touch in touches])
        live_text, live = summary([touch.live_ms for touch in touches])
        print(f"{fid:24s} {page:24s} {tip_text:26s} {live_text}")
        if tip is None or tip > budget["first_feedback_ms"]:
            exceeded.append(f"{fid}: first feedback {tip_text} (budget {budget['first_feedback_ms']} ms)")
        if live is None or live > budget["live_ms"]:
            exceeded.append(f"{fid}: live controls {live_text} (budget {budget['live_ms']} ms)")
    for line in exceeded:
        print("over budget:", line)
    sys.exit(1 if exceeded else 0)


if __name__ == "__main__":
    main()
