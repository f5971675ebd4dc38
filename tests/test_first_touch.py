"""The first touch on a chart is answered at once, from the static chart's hit map, with the live view's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from build_scripts.figures.registry import discover

pytestmark = pytest.mark.browser

SAMPLES_PER_KIND = 6  # marks of each kind (bar, dot, label, …) pointed at in each figure


def block_vega(page: Page) -> None:
    """Vega never arrives: whatever answers the pointer is the static chart's hit map."""
    def refuse(route: Route) -> None:
        route.abort()

    page.route("**/vendor/vega*.js", refuse)


def sample_points(page: Page, hits: dict) -> list[tuple[float, float]]:
    """Centres (in the chart's pixels) of a few marks of each kind that carry a tooltip."""
    chosen: dict[str, list[dict]] = {}
    for item in hits["items"]:
        pointable = item["tip"] is not None and item["kind"] in ("rect", "circle", "text") and not item.get("angle")
        if pointable and abs(item.get("w", 9)) > 4 and abs(item.get("h", 9)) > 4:  # hairline bars: hit at the edge
            chosen.setdefault(item["kind"], []).append(item)
    points = []
    for kind, items in chosen.items():
        step = max(1, len(items) // SAMPLES_PER_KIND)
        for item in items[::step][:SAMPLES_PER_KIND]:
            if kind == "rect":
                points.append((item["x"] + item["w"] / 2, item["y"] + item["h"] / 2))
            elif kind == "circle":
                points.append((item["x"], item["y"]))
            else:  # a label: its middle, measured in the page's fonts
                text = item["text"] if isinstance(item["text"], str) else item["text"][0]
                width = page.evaluate("([font, text]) => { const c = document.createElement('canvas').getContext('2d');"
                                      " c.font = font; return c.measureText(text).width; }", [item["font"], text])
                dx = {"left": width / 2, "center": 0, "right": -width / 2}[item["align"]]
                dy = {"top": item["size"] / 2, "middle": 0, "bottom": -item["size"] / 2}.get(item["baseline"],
                                                                                        -item["size"] / 3)
                points.append((item["x"] + dx, item["y"] + dy))
    return points


def tooltips_at(page: Page, fid: str, points: list[tuple[float, float]], width: float) -> list[str | None]:
    """What the figure's tooltip box says with the pointer at each point (None when it shows nothing)."""
    said = []
    for x, y in points:
        page.mouse.move(0, 0)
        chart = page.locator(f"#fig-{fid} .mv-chart")
        box = chart.bounding_box()
        assert box is not None
        scale = box["width"] / width
        page.mouse.move(box["x"] + x * scale, box["y"] + y * scale)
        tooltip = page.locator(f"#fig-{fid} .mv-tooltip")
        page.wait_for_timeout(60)
        said.append(tooltip.inner_text() if tooltip.count() and tooltip.is_visible() else None)
    return said


def open_figure(page: Page, url: str, fid: str) -> None:
    page.goto(url)
    page.locator(f"#fig-{fid}[data-watched]").wait_for(state="attached")
    page.locator(f"#fig-{fid} .mv-chart").scroll_into_view_if_needed()


@pytest.mark.parametrize("fid", sorted(discover()))
def test_the_instant_tooltip_says_what_the_live_one_says(browser: Browser, base_url: str, site: Path,
                                                          fid: str) -> None:
    hits = json.loads((site / "figures" / fid / "hits.json").read_text(encoding="utf-8"))
    url = f"{base_url}figures/{fid}/embed.html"
    context = browser.new_context(viewport={"width": 1000, "height": 1100})
    page = context.new_page()
    block_vega(page)
    open_figure(page, url, fid)
    points = sample_points(page, hits)
    assert points, f"{fid}: no mark to point at"
    instant = tooltips_at(page, fid, points, hits["width"])
    assert page.evaluate("typeof window.vega") == "undefined"
    context.close()

    context = browser.new_context(viewport={"width": 1000, "height": 1100})
    page = context.new_page()
    open_figure(page, url, fid)
    page.locator(f"#fig-{fid} .mv-chart").hover()
    page.locator(f"#fig-{fid}[data-live='ready']").wait_for(timeout=15000)
    live = tooltips_at(page, fid, points, hits["width"])
    context.close()

    assert instant == live
    assert sum(text is not None for text in instant) >= 0.8 * len(points), f"{fid}: {instant}"


def test_a_tap_is_answered_before_vega_arrives(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    block_vega(page)
    open_figure(page, base_url + "3-institutional-overlap/", "memberships")
    page.wait_for_load_state("networkidle")
    hits = json.loads(page.evaluate("fetch(document.querySelector('#fig-memberships').dataset.hits)"
                                    ".then(r => r.text())"))
    dot = next(item for item in hits["items"] if item["kind"] == "circle")
    box = page.locator("#fig-memberships .mv-chart").bounding_box()
    assert box is not None
    scale = box["width"] / hits["width"]
    page.touchscreen.tap(box["x"] + dot["x"] * scale, box["y"] + dot["y"] * scale)
    tooltip = page.locator("#fig-memberships .mv-tooltip")
    tooltip.wait_for(state="visible", timeout=2000)
    assert dot["tip"]["Country"] in tooltip.inner_text()
    assert page.evaluate("typeof window.vega") == "undefined"
    context.close()
