"""Verified for every reader, in a real browser: axe-core on every page in both palettes with every
figure live, figures read by keyboard and by touch, reduced motion, phones, search, and no JavaScript.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from build_scripts.figures.registry import discover
from build_scripts.paths import ROOT

from .test_browser import PAGES, loaded_width, open_page, shown_chart, wake

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PALETTES = ["default", "slate"]  # Material's light and dark schemes
PHONE = {"width": 360, "height": 740}
SMALLEST_CHART_TEXT = 11  # px, as rendered on the phone


# ---------------------------------------------------------------------------------------------- helpers

def figure_pages(site: Path) -> dict[str, str]:
    """Each registered figure and the page (of PAGES) that places it, read from the built site."""
    found: dict[str, str] = {}
    for path in PAGES:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        for fid in re.findall(r'<figure [^>]*\bid="fig-([^"]+)"', html):
            found.setdefault(fid, path)
    return found


FIGURE_IDS = sorted(discover())


@pytest.fixture(scope="module")
def where(site: Path) -> dict[str, str]:
    found = figure_pages(site)
    assert sorted(found) == FIGURE_IDS, "every registered figure is placed on a page of the site"
    return found


def open_context(browser: Browser, base_url: str, **options: object) -> BrowserContext:
    """A browser context that can load axe-core as though the site served it.

    The pages' Content Security Policy allows scripts from the site's own origin only, so an inline
    copy of axe (what add_script_tag(path=...) makes) is refused; served from a same-origin address
    it is allowed, and the policy stays in force for everything the test checks.
    """
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.route(base_url + "__axe-core.js",
                  lambda route: route.fulfill(path=AXE_JS, content_type="text/javascript; charset=utf-8"))
    return context


def axe_violations(page: Page, base_url: str) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(url=base_url + "__axe-core.js")
    return page.evaluate(
        """async (tags) => {
          // Colours are read once every finite transition has ended: one caught half-way is not the page's.
          const running = document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
          await Promise.all(running.map(a => a.finished.catch(() => null)));
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
          return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')
            + ' (' + n.failureSummary.replace(/\\s+/g, ' ').trim() + ')').join(' | '));
        }""",
        WCAG_TAGS,
    )


def make_live(page: Page) -> list[str]:
    """Bring every figure on the page alive, reaching for each as a reader does; returns their element ids."""
    ids = page.eval_on_selector_all("figure.mv-figure", "els => els.map(e => e.id)")
    for fid in ids:
        wake(page, fid.removeprefix("fig-"))
    return ids


def use_palette(page: Page, scheme: str) -> None:
    """Switch with the theme's own toggle (the choice is kept for the following pages)."""
    if page.locator(f"body[data-md-color-scheme='{scheme}']").count() == 0:
        page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.locator(f"body[data-md-color-scheme='{scheme}']").wait_for()


def live_figure(page: Page, base_url: str, path: str, fid: str) -> None:
    open_page(page, base_url + path)
    wake(page, fid)


def said(page: Page, fid: str) -> str:
    return page.locator(f"#fig-{fid} .mv-figure__said").text_content() or ""


# ---------------------------------------------------------------------------------------- 1. axe-core

@pytest.mark.parametrize("scheme", PALETTES)
def test_axe_finds_no_wcag_violation_on_any_page(browser: Browser, base_url: str, scheme: str) -> None:
    """Every page, as loaded and again with every figure live, then with a chart focused (key hint
    showing) and read by keyboard (tooltip and ring showing), in the light and the dark palette."""
    context = open_context(browser, base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_page(page, base_url)
    use_palette(page, scheme)
    found: dict[str, list[str]] = {}
    for path in PAGES:
        open_page(page, base_url + path)
        page.locator(f"body[data-md-color-scheme='{scheme}']").wait_for()
        page.wait_for_load_state("networkidle")  # as loaded: no figure is halfway to coming alive
        expect(page.locator("figure[data-live='loading']")).to_have_count(0)
        found[f"{path or '/'} as loaded"] = axe_violations(page, base_url)
        figures = make_live(page)
        if figures:
            found[f"{path or '/'} live"] = axe_violations(page, base_url)
            page.locator(f"#{figures[0]} .mv-chart").focus()
            page.keyboard.press("Shift+Tab")  # arrive by keyboard, as a reader would
            page.keyboard.press("Tab")
            expect(page.locator(f"#{figures[0]} .mv-figure__keys")).to_be_visible()
            found[f"{path or '/'} chart focused, key hint"] = axe_violations(page, base_url)
            page.keyboard.press("ArrowRight")
            expect(page.locator(f"#{figures[0]} .mv-tooltip")).to_be_visible()
            expect(page.locator(f"#{figures[0]} .mv-figure__keys")).to_be_hidden()
            found[f"{path or '/'} point read by keyboard, tooltip"] = axe_violations(page, base_url)
    context.close()
    failing = {where: v for where, v in found.items() if v}
    assert failing == {}, "\n".join(f"{where}: {v}" for where, v in failing.items())
    assert errors == []


@pytest.mark.parametrize("scheme", PALETTES)
def test_axe_finds_no_wcag_violation_in_search(browser: Browser, base_url: str, scheme: str) -> None:
    """The search dialog open with results, one of them reached by keyboard, and named."""
    context = open_context(browser, base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_page(page, base_url + "glossary/")
    use_palette(page, scheme)
    search(page, "CSTO")
    page.keyboard.press("ArrowDown")
    assert page.locator(".md-search[role='dialog']").get_attribute("aria-label") == "Search this site"
    violations = axe_violations(page, base_url)
    context.close()
    assert violations == [], "\n".join(violations)


def test_axe_finds_no_wcag_violation_on_a_phone(browser: Browser, base_url: str) -> None:
    """The narrow layout, navigation drawer open, on a page with figures."""
    context = open_context(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_page(page, base_url + "5-geopolitical-reality/")
    make_live(page)
    violations = axe_violations(page, base_url)
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    violations += [f"drawer open: {v}" for v in axe_violations(page, base_url)]
    context.close()
    assert violations == [], "\n".join(violations)


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


CHART_TEXT_COLOURS_JS = """(fig, selector) => {
  // Each word of the chart with the colour it is drawn in and the colour beneath its middle:
  // the page's paper, then every filled shape painted before it that covers that point, each laid
  // over the last with its opacity (so a white label on a dark bar is measured against the bar).
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const alpha = (el, prop) => {  // the colour's own alpha (rgba), its fill-opacity, and every group's opacity
    const own = getComputedStyle(el).fill.match(/[\\d.]+/g);
    let a = parseFloat(getComputedStyle(el)[prop]) * (own.length > 3 ? Number(own[3]) : 1);
    for (let g = el; g && g.tagName !== 'svg'; g = g.parentElement) a *= parseFloat(getComputedStyle(g).opacity);
    return a; };
  const over = (top, a, under) => top.map((c, i) => c * a + under[i] * (1 - a));
  const paper = rgb(getComputedStyle(document.body).backgroundColor);
  const svg = fig.querySelector(selector);
  const all = [...svg.querySelectorAll('*')];
  return all.filter(t => t.tagName === 'text' && t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    const point = new DOMPoint(r.left + r.width / 2, r.top + r.height / 2);
    let under = paper;
    for (const shape of all.slice(0, all.indexOf(t))) {
      if (!(shape instanceof SVGGeometryElement) || getComputedStyle(shape).fill === 'none') continue;
      if (!shape.isPointInFill(point.matrixTransform(shape.getScreenCTM().inverse()))) continue;
      under = over(rgb(getComputedStyle(shape).fill), alpha(shape, 'fillOpacity'), under);
    }
    return {text: t.textContent, fg: over(rgb(getComputedStyle(t).fill), alpha(t, 'fillOpacity'), under), bg: under};
  });
}"""


DRAW_STATIC_JS = """(svg) => {
  // the static chart's file, drawn in the page outside any chart box (so no chart stylesheet re-colours
  // it): what the image shows, over the page's paper
  const holder = document.createElement('div');
  holder.id = 'mv-static-copy';
  holder.innerHTML = svg;
  document.body.appendChild(holder);
}"""


@pytest.mark.parametrize("scheme", PALETTES)
def test_chart_text_has_enough_contrast(browser: Browser, base_url: str, where: dict[str, str], scheme: str) -> None:
    """axe does not measure SVG text, so every word of every chart, static (the file the page shows in
    this palette) and live, is measured here against what lies beneath it, at 4.5:1 (WCAG 1.4.3 for
    text of this size)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_page(page, base_url)
    use_palette(page, scheme)
    low, lowest = [], {}
    for fid in FIGURE_IDS:
        open_page(page, base_url + where[fid])
        src = shown_chart(page, fid).evaluate("img => img.src")
        page.evaluate(DRAW_STATIC_JS, page.request.get(src).text())
        static = page.locator("#mv-static-copy").evaluate(CHART_TEXT_COLOURS_JS, "svg")
        page.evaluate("document.getElementById('mv-static-copy').remove()")
        wake(page, fid)
        live = page.locator(f"#fig-{fid}").evaluate(CHART_TEXT_COLOURS_JS, ".mv-live svg")
        for form, words in (("static", static), ("live", live)):
            ratios = [(contrast(tuple(w["fg"]), tuple(w["bg"])), w["text"]) for w in words]
            lowest[f"{fid} {form}"] = round(min(ratios)[0], 2)
            low += [f"{fid} {form}: {text!r} {ratio:.2f}" for ratio, text in ratios if ratio < 4.5]
    context.close()
    print(f"lowest chart text contrast ({scheme}):", lowest)
    assert low == []


# ---------------------------------------------------------------------------------------- 2. keyboard

@pytest.mark.parametrize("fid", FIGURE_IDS)
def test_every_figure_is_read_point_by_point_by_keyboard(page: Page, base_url: str, where: dict[str, str],
                                                        fid: str) -> None:
    open_page(page, base_url + where[fid])
    chart = page.locator(f"#fig-{fid} .mv-chart")
    assert chart.get_attribute("tabindex") == "0"
    assert (chart.get_attribute("aria-label") or "").startswith("Figure ")
    chart.focus()  # focus alone brings the figure alive
    page.locator(f"#fig-{fid}[data-live='ready']").wait_for(timeout=15000)
    assert chart.get_attribute("role") == "application"
    assert chart.get_attribute("aria-roledescription") == "interactive chart"
    hint = page.locator(f"#fig-{fid}-keys")
    assert f"fig-{fid}-keys" in (chart.get_attribute("aria-describedby") or "").split()
    assert "Arrow keys" in (hint.text_content() or "")
    region = page.locator(f"#fig-{fid} .mv-figure__said")
    assert region.get_attribute("aria-live") == "polite"
    tooltip, ring = page.locator(f"#fig-{fid} .mv-tooltip"), page.locator(f"#fig-{fid} .mv-ring")

    page.keyboard.press("ArrowRight")
    first = said(page, fid)
    count = int(re.match(r"1 of (\d+)\. \S", first).group(1))  # type: ignore[union-attr]
    assert count >= 2
    expect(tooltip).to_be_visible()
    expect(ring).to_be_visible()
    # the live region says what the tooltip shows: every field of the box, with its value
    for field, value in zip(tooltip.locator("dt").all_inner_texts(), tooltip.locator("dd").all_inner_texts(),
                            strict=True):
        assert (f"{field}: {value}" if field else value) in first
    # the ring is drawn on the chart, around the mark
    chart_box, ring_box = chart.bounding_box(), ring.bounding_box()
    assert chart_box and ring_box
    middle = (ring_box["x"] + ring_box["width"] / 2, ring_box["y"] + ring_box["height"] / 2)
    assert chart_box["x"] <= middle[0] <= chart_box["x"] + chart_box["width"]
    assert chart_box["y"] <= middle[1] <= chart_box["y"] + chart_box["height"]

    page.keyboard.press("ArrowRight")
    second = said(page, fid)
    assert second.startswith(f"2 of {count}. ") and second != first
    page.keyboard.press("ArrowLeft")
    assert said(page, fid) == first
    page.keyboard.press("End")
    assert said(page, fid).startswith(f"{count} of {count}. ")
    page.keyboard.press("Home")
    assert said(page, fid) == first
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(ring).to_be_hidden()
    assert page.console_errors == []


def test_arrow_keys_move_through_the_chart_not_the_page(page: Page, base_url: str, where: dict[str, str]) -> None:
    live_figure(page, base_url, where["timeline"], "timeline")
    page.locator("#fig-timeline .mv-chart").focus()
    before = page.evaluate("window.scrollY")
    for key in ("ArrowDown", "ArrowDown", "End", "Home"):
        page.keyboard.press(key)
    assert page.evaluate("window.scrollY") == before


def test_a_figure_is_reached_with_the_tab_key(page: Page, base_url: str, where: dict[str, str]) -> None:
    """Tab from the top of the page reaches the chart, which then comes alive."""
    open_page(page, base_url + where["memberships"])
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#fig-memberships .mv-chart')"):
            break
    else:
        pytest.fail("Tab never reached the chart")
    page.locator("#fig-memberships[data-live='ready']").wait_for(timeout=15000)
    assert page.evaluate("document.activeElement.matches(':focus-visible')")  # the outline shows
    hint = page.locator("#fig-memberships-keys")
    expect(hint).to_be_visible()  # the keys are told on arrival...
    page.keyboard.press("ArrowRight")
    assert said(page, "memberships").startswith("1 of ")
    expect(hint).to_be_hidden()  # ...and the hint gets out of the way once they are used


def test_keyboard_follows_the_figure_state(page: Page, base_url: str, where: dict[str, str]) -> None:
    """After the year moves, the keys read the marks now drawn."""
    live_figure(page, base_url, where["memberships"], "memberships")
    chart = page.locator("#fig-memberships .mv-chart")
    chart.focus()
    page.keyboard.press("End")
    in_2014 = said(page, "memberships")
    slider = page.locator("#fig-memberships input[type=range]")
    slider.fill("1995")
    chart.focus()
    page.keyboard.press("End")
    in_1995 = said(page, "memberships")
    assert in_1995 != in_2014
    assert int(in_1995.split(" of ")[1].split(".")[0]) < int(in_2014.split(" of ")[1].split(".")[0])


HOVER_TARGETS_JS = """(fig) => {
  // the middle of every mark that answers the pointer with a tooltip, Voronoi cells included
  const found = [];
  (function walk(mark) {
    (mark.items || []).forEach(item => {
      if (item.tooltip != null && item._svg) {
        const r = item._svg.getBoundingClientRect();
        if (r.width > 0 || r.height > 0) found.push({x: r.left + r.width / 2, y: r.top + r.height / 2});
      }
      (item.items || []).forEach(walk);
    });
  })(fig.mvView.scenegraph().root);
  return found;
}"""


@pytest.mark.parametrize("fid", FIGURE_IDS)
def test_every_tooltip_on_hover_names_its_values(page: Page, base_url: str, where: dict[str, str], fid: str) -> None:
    """Hovering the marks (about 60 spread over each chart, Voronoi cells included) shows tooltips,
    none with "undefined" in them."""
    live_figure(page, base_url, where[fid], fid)
    figure = page.locator(f"#fig-{fid}")
    figure.evaluate("f => f.scrollIntoView({block: 'start'})")
    targets = figure.evaluate(HOVER_TARGETS_JS)
    targets = targets[:: max(1, len(targets) // 60)]
    shown, bad = 0, []
    for target in targets:
        if not 0 <= target["y"] <= 900:
            continue
        page.mouse.move(target["x"], target["y"])
        text = figure.locator(".mv-tooltip").evaluate("b => b.hidden ? null : b.innerText")
        if text:
            shown += 1
            if "undefined" in text or "NaN" in text:
                bad.append(text.replace("\n", " | "))
        page.mouse.move(0, 0)
    assert shown > 0 and bad == []


# ---------------------------------------------------------------------------------- 3. reduced motion

def test_reduced_motion_nothing_moves_on_a_figure_page(page: Page, base_url: str, site: Path,
                                                       where: dict[str, str]) -> None:
    page.emulate_media(reduced_motion="reduce")
    path = where["memberships"]
    live_figure(page, base_url, path, "memberships")
    figure = page.locator("#fig-memberships")
    # watch the live chart for any change while nobody touches it
    page.evaluate("""() => { window.__mutations = 0;
        new MutationObserver(list => { window.__mutations += list.length; })
          .observe(document.querySelector('#fig-memberships .mv-live'),
                   {subtree: true, attributes: true, childList: true});
    }""")
    page.wait_for_timeout(600)
    assert page.evaluate("window.__mutations") == 0
    figure.locator(".mv-live svg .mark-symbol path").first.hover()
    page.locator("#fig-memberships .mv-chart").focus()
    page.keyboard.press("ArrowRight")
    use_palette(page, "slate")
    moving = page.evaluate("""() => [...document.querySelectorAll('figure.mv-figure, figure.mv-figure *')]
        .map(e => [e, getComputedStyle(e)])
        .filter(([e, s]) => s.transitionDuration.split(',').some(d => parseFloat(d) > 0)
                            || s.animationName.split(',').some(n => n.trim() !== 'none'))
        .map(([e, s]) => `${e.tagName}.${e.getAttribute('class')} ${s.transitionDuration} ${s.animationName}`)""")
    assert moving == []
    assert page.evaluate("document.getAnimations().map(a => String(a.animationName || a.transitionProperty))") == []
    # Vega draws each state at once: no spec asks for timers, transitions or animation
    for fid in FIGURE_IDS:
        spec = json.loads((site / "figures" / fid / "spec.vg.json").read_text(encoding="utf-8"))
        text = json.dumps(spec)
        assert '"timer"' not in text and '"transition"' not in text and '"animat' not in text, fid


# ----------------------------------------------------------------------------------------- 4. phones

@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def test_no_page_scrolls_sideways_on_a_phone(phone: Page, base_url: str) -> None:
    """At 360 px nothing is wider than the screen, with every figure live; wide tables scroll in
    their own box, and nothing is cut off by a box that hides its overflow."""
    wide = {}
    for path in PAGES:
        open_page(phone, base_url + path)
        make_live(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        sticking_out = phone.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => {
            if (e.getBoundingClientRect().right <= innerWidth + 0.5) return false;
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              const x = getComputedStyle(a).overflowX;
              if ((x === 'auto' || x === 'scroll') && a.scrollWidth > a.clientWidth) return false;  // scrolls itself
            }
            return true;
          }).map(e => e.tagName + '.' + e.getAttribute('class'))""")
        if width > PHONE["width"] or sticking_out:
            wide[path] = (width, sticking_out[:5])
    assert wide == {}
    assert phone.console_errors == []  # type: ignore[attr-defined]


SMALLEST_TEXT_JS = """(chart) => {
  const sizes = [...chart.querySelectorAll('svg text')].filter(t => t.textContent.trim()).map(t => {
    const m = t.getScreenCTM();  // the SVG is scaled to fit; rotated labels scale by the same factor
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
  return Math.min(...sizes);
}"""


def test_chart_text_is_legible_on_a_phone(browser: Browser, phone: Page, base_url: str,
                                          where: dict[str, str]) -> None:
    """The smallest word in every chart, static (scripts off) and live, is drawn at least 11 px high at 360 px.

    The static chart is an image: its file is drawn at the width the image takes on the phone, and its
    words measured there."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    still, drawn = context.new_page(), context.new_page()
    smallest = {}
    for fid in FIGURE_IDS:
        still.goto(base_url + where[fid])
        image = shown_chart(still, fid)
        width = image.evaluate("img => img.getBoundingClientRect().width")
        svg = still.request.get(image.evaluate("img => img.src")).text()
        drawn.set_content(f"<style>svg {{ display: block; width: 100%; height: auto; }}</style>"
                          f'<div id="chart" style="width: {width}px">{svg}</div>')
        static = drawn.locator("#chart").evaluate(SMALLEST_TEXT_JS)
        live_figure(phone, base_url, where[fid], fid)
        live = phone.locator(f"#fig-{fid} .mv-chart").evaluate(SMALLEST_TEXT_JS)
        smallest[fid] = (round(static, 2), round(live, 2))
    context.close()
    print("smallest chart text at 360 px (static, live):", smallest)
    assert all(size >= SMALLEST_CHART_TEXT for pair in smallest.values() for size in pair), smallest


TAP_TARGET_JS = """(fig) => {
  // a mark that carries a tooltip and is the element at its own middle (not covered by another)
  const found = [];
  (function walk(mark) {
    (mark.items || []).forEach(item => {
      if (item.tooltip != null && item._svg) found.push(item._svg);
      (item.items || []).forEach(walk);
    });
  })(fig.mvView.scenegraph().root);
  for (const el of found) {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (r.width > 0 && r.height > 0 && document.elementFromPoint(x, y) === el) return {x, y};
  }
  return null;
}"""


@pytest.mark.parametrize("fid", FIGURE_IDS)
def test_a_tap_on_a_mark_opens_its_tooltip(phone: Page, base_url: str, where: dict[str, str], fid: str) -> None:
    live_figure(phone, base_url, where[fid], fid)
    figure = phone.locator(f"#fig-{fid}")
    figure.evaluate("f => f.querySelector('.mv-live').scrollIntoView({block: 'center'})")
    point = figure.evaluate(TAP_TARGET_JS)  # on screen: elementFromPoint sees only the viewport
    assert point is not None
    phone.touchscreen.tap(point["x"], point["y"])
    tooltip = figure.locator(".mv-tooltip")
    expect(tooltip).to_be_visible()
    assert tooltip.inner_text().strip()
    box = tooltip.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # the box stays on screen


# ----------------------------------------------------------------------------------------- 5. search

def search(page: Page, query: str) -> list[str]:
    """Search with Material's box; returns the result links.

    The theme searches on key-up; the box is emptied first (which empties the results), then the
    whole query is entered and one key-up sent, so the results read are this query's only.
    """
    page.locator("html.js").wait_for(state="attached")  # the search box is the theme's script's
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.click()
    box.fill("")
    box.press("End")
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")


def result_pages(links: list[str], base_url: str) -> set[str]:
    prefix = urlparse(base_url).path
    return {urlparse(link).path[len(prefix):] for link in links}


@pytest.mark.parametrize(("query", "page_path"), [
    ("Customs Union", "3-institutional-overlap/"),
    ("three evils", "4-discursive-space/"),
    ("CSTO", "glossary/"),
])
def test_search_finds_the_page_that_treats_it(page: Page, base_url: str, query: str, page_path: str) -> None:
    open_page(page, base_url)
    links = search(page, query)
    assert page_path in result_pages(links, base_url), links


def test_search_finds_a_glossary_entry(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    links = search(page, "CSTO")
    assert any(urlparse(link).path.endswith("/glossary/") and urlparse(link).fragment == "gl-csto" for link in links)


def test_search_finds_every_figure_by_its_title(page: Page, base_url: str, where: dict[str, str]) -> None:
    registry = discover()
    open_page(page, base_url)
    missing = {}
    for fid in FIGURE_IDS:
        title = registry[fid].title
        links = search(page, title)
        if where[fid] not in result_pages(links, base_url):
            missing[fid] = (title, sorted(result_pages(links, base_url)))
    assert missing == {}


def test_search_finds_a_figure_caption(page: Page, base_url: str, where: dict[str, str]) -> None:
    caption = discover()["memberships"].caption
    words = " ".join(re.findall(r"[A-Za-z]+", caption)[:6])  # the caption's opening words
    open_page(page, base_url)
    assert where["memberships"] in result_pages(search(page, words), base_url)


# ------------------------------------------------------------------------------------ 6. no JavaScript

def test_every_page_reads_without_javascript(browser: Browser, base_url: str) -> None:
    """Text, static figures, data tables and the 'Cite this page' block, with scripts off."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems = []
    cite_blocks = 0
    for path in PAGES:
        page.goto(base_url + path)
        article = page.locator("article.md-content__inner")
        if len((article.inner_text() or "").split()) < 40 or not page.locator("article h1").first.is_visible():
            problems.append(f"{path}: no text")
        for figure in page.locator("figure.mv-figure").all():
            fid = figure.get_attribute("id")
            chart = figure.locator(".mv-chart > img:visible")
            if chart.count() != 1:
                problems.append(f"{path}: {fid} has no static chart")
            elif loaded_width(chart) == 0:
                problems.append(f"{path}: {fid} static chart does not load")
            if figure.locator(".mv-figure__data table tbody tr").count() == 0:
                problems.append(f"{path}: {fid} has no data table")
            figure.locator(".mv-figure__data summary").click()  # <details> opens without scripts
            if not figure.locator(".mv-figure__data table").is_visible():
                problems.append(f"{path}: {fid} data table does not open")
        heading, block = page.locator("h2#cite-this-page"), page.locator(".mv-cite-page")
        if heading.count() or block.count():
            cite_blocks += 1
            # read where the reader reads it: a block far below the first screen is drawn as it nears
            # the viewport (until then its rendered text is empty), so the check waits for that frame
            block.scroll_into_view_if_needed()
            try:
                expect(block).to_contain_text("Multivector Project", use_inner_text=True)
                shown = heading.is_visible() and block.is_visible()
            except AssertionError:
                shown = False
            if not shown:
                problems.append(f"{path}: 'Cite this page' is missing its citations or hidden")
    context.close()
    assert problems == []
    print(f"'Cite this page' blocks found on {cite_blocks} of {len(PAGES)} pages")
