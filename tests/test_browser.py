"""The site in a real browser (Debian's Chromium through Playwright): static first, live when reached for."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from build_scripts.cite import addresses
from build_scripts.editions.release import load_release

pytestmark = pytest.mark.browser

FIGURE_PAGE = "3-institutional-overlap/"
TEXT_PAGE = "about/"


def scripts_started(page: Page) -> None:
    """Wait until the page's scripts have started: they start after the first paint, which may come
    after the load event that `goto` waits for."""
    page.locator("html[data-scripts='ready']").wait_for(state="attached")


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    scripts_started(page)


def wake(page: Page, fid: str) -> None:
    """Reach for a figure as a reader does, and wait for it to be live: on a touch screen a tap on its
    chart; elsewhere the pointer onto the chart, then away (a phone has no pointer to move)."""
    page.locator(f"#fig-{fid}[data-watched]").wait_for(state="attached")  # the page's script is set up
    chart = page.locator(f"#fig-{fid} .mv-chart")
    if page.evaluate("navigator.maxTouchPoints > 0"):
        chart.tap()
    else:
        chart.hover()
        page.mouse.move(0, 0)
    page.locator(f"#fig-{fid}[data-live='ready']").wait_for(timeout=15000)


def live_figure(page: Page, base_url: str, path: str = FIGURE_PAGE, fid: str = "memberships") -> Locator:
    open_page(page, base_url + path)
    wake(page, fid)
    return page.locator(f"#fig-{fid}")


def shown_chart(page: Page, fid: str) -> Locator:
    """The static chart image the page shows now (one image per palette; CSS shows one)."""
    return page.locator(f"#fig-{fid} .mv-chart > img:visible")


def loaded_width(image: Locator) -> int:
    """Scroll a (lazy) image into view, wait until the browser is done with it, and return its natural
    width: 0 when it failed to load."""
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    return image.evaluate("img => img.naturalWidth")


def test_static_chart_is_there_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + FIGURE_PAGE)
    chart = shown_chart(page, "memberships")
    assert chart.count() == 1
    assert loaded_width(chart) > 0  # the image loaded
    svg = page.request.get(chart.evaluate("img => img.currentSrc")).text()
    assert "Full members on 1 July 2014" in svg
    assert "Shown: 1 July 2014" in page.locator("#fig-memberships figcaption").inner_text()
    assert page.locator("#fig-memberships table tbody tr").count() > 10
    context.close()


def test_static_chart_follows_the_palette(page: Page, base_url: str) -> None:
    """One render per palette: the page shows the file of the reader's palette, and it loads."""
    open_page(page, base_url + FIGURE_PAGE)
    for scheme, file in (("default", "chart.svg"), ("slate", "chart-dark.svg")):
        if scheme == "slate":
            page.locator("label[for='__palette_1']").click()
            page.locator("body[data-md-color-scheme='slate']").wait_for()
        chart = shown_chart(page, "memberships")
        assert chart.count() == 1, scheme
        assert loaded_width(chart) > 0, scheme
        assert chart.evaluate("img => new URL(img.currentSrc).pathname").endswith(f"/figures/memberships/{file}")
        page.evaluate("window.scrollTo(0, 0)")


def test_live_view_replaces_the_static_chart_in_the_same_box(page: Page, base_url: str) -> None:
    open_page(page, base_url + FIGURE_PAGE)
    chart = page.locator("#fig-memberships .mv-chart")
    before = chart.bounding_box()
    assert page.evaluate("typeof window.vega") == "undefined"  # not loaded until the reader reaches for it
    wake(page, "memberships")
    page.evaluate("window.scrollTo(0, 0)")
    after = chart.bounding_box()
    assert page.locator("#fig-memberships .mv-live svg").count() == 1
    assert before is not None and after is not None
    assert abs(before["height"] - after["height"]) < 1 and abs(before["width"] - after["width"]) < 1


def test_scrolling_past_a_figure_loads_no_vega_reaching_for_it_does(page: Page, base_url: str) -> None:
    open_page(page, base_url + FIGURE_PAGE)
    figure = page.locator("#fig-memberships")
    figure.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    assert page.evaluate("typeof window.vega") == "undefined"
    assert not [u for u in page.requests if "vega" in u]
    assert figure.get_attribute("data-live") is None
    assert shown_chart(page, "memberships").count() == 1  # the static chart is what the reader sees
    wake(page, "memberships")
    assert page.evaluate("typeof window.vega") == "object"


def test_a_touch_brings_a_figure_alive(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_page(page, base_url + FIGURE_PAGE)
    chart = page.locator("#fig-memberships .mv-chart")
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.vega") == "undefined"
    chart.tap()
    page.locator("#fig-memberships[data-live='ready']").wait_for(timeout=15000)
    context.close()


# Every layout shift of the page: its size, whether it came just after the reader's input, what moved.
LAYOUT_SHIFTS = """
    window.__shifts = [];
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        window.__shifts.push({value: e.value, recent: e.hadRecentInput, moved: (e.sources || []).map(s => s.node
          && s.node.nodeName + '.' + (s.node.className || '')).join(', ')});
      }
    }).observe({type: 'layout-shift', buffered: true});
"""


def test_no_layout_shift_while_the_figure_comes_alive(page: Page, base_url: str) -> None:
    page.add_init_script(LAYOUT_SHIFTS)
    live_figure(page, base_url)
    page.wait_for_timeout(500)
    # the reader's own input may move things; nothing else may
    assert page.evaluate("window.__shifts.filter(s => !s.recent).reduce((sum, s) => sum + s.value, 0)") == 0


def test_tooltip_on_hover_and_escape_closes_it(page: Page, base_url: str) -> None:
    figure = live_figure(page, base_url)
    dot = figure.locator(".mv-live svg .mark-symbol path").first
    dot.hover()
    tooltip = figure.locator(".mv-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Organisation" in tooltip.inner_text() and "Country" in tooltip.inner_text()
    page.keyboard.press("Escape")
    assert tooltip.is_hidden()


def test_no_console_errors_and_no_request_leaves_loopback(page: Page, base_url: str) -> None:
    live_figure(page, base_url)
    open_page(page, base_url + TEXT_PAGE)
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    hosts = {urlparse(u).hostname for u in page.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize("path", [TEXT_PAGE, FIGURE_PAGE])
def test_scripts_start_after_the_first_paint_and_the_page_still_comes_alive(page: Page, base_url: str,
                                                                            path: str) -> None:
    """No script is even requested before the text is on screen; then the theme and the essay's
    scripts start as before (the theme's search dialog is named, cite buttons are added)."""
    open_page(page, base_url + path)
    expect(page.locator(".mv-cite-btn").first).to_be_attached()
    expect(page.locator(".md-search[role='dialog']")).to_have_attribute("aria-label", "Search this site")
    timings = page.evaluate("""() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      scripts: performance.getEntriesByType('resource')
        .filter(r => r.initiatorType === 'script').map(r => [r.name.split('/').pop(), r.startTime]),
    })""")
    names = [name for name, _ in timings["scripts"]]
    assert names[0].startswith("bundle.") and "cite.js" in names and "figures.js" in names
    assert all(start >= timings["paint"] for _, start in timings["scripts"]), timings


def test_a_page_painted_before_it_is_parsed_still_starts_its_scripts_once(page: Page, base_url: str) -> None:
    """On a slow connection a page can paint before the browser has finished with it. The scripts wait
    for the document too, so the theme sets the page up once: its tables are wrapped once, not twice.
    (A deferred script answered late stands in for the slow connection: it holds DOMContentLoaded back
    while the page, already parsed as far as painting goes, paints.)"""
    late = base_url + "late.js"

    def answer_late(route: Route) -> None:
        time.sleep(1.5)
        route.fulfill(body="", content_type="text/javascript")

    def with_late_script(route: Route) -> None:
        response = route.fetch()
        html = response.text().replace("</body>", f'<script defer src="{late}"></script></body>')
        route.fulfill(response=response, body=html)

    page.route(late, answer_late)
    page.route(base_url + FIGURE_PAGE, with_late_script)
    open_page(page, base_url + FIGURE_PAGE)
    timings = page.evaluate("""() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      parsed: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
    })""")
    assert timings["paint"] < timings["parsed"], timings  # the situation this test is about
    assert page.locator(".md-typeset__scrollwrap").count() > 0
    assert page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count() == 0


def test_a_figures_chart_stands_where_it_stays_before_the_figure_is_all_read(page: Page, base_url: str) -> None:
    """A page can paint before the browser has read all of a figure (its caption, table and links come
    after the chart). The chart's box must not depend on them, or it moves once they arrive."""
    open_page(page, base_url + "timeline/")
    chart = page.locator("#fig-timeline .mv-chart")
    whole = chart.bounding_box()
    page.evaluate("""() => {
      const figure = document.querySelector('#fig-timeline');
      [...figure.children].filter(child => !child.classList.contains('mv-chart')).forEach(child => child.remove());
    }""")
    assert chart.bounding_box() == whole


def test_text_page_never_loads_vega(page: Page, base_url: str) -> None:
    open_page(page, base_url + TEXT_PAGE)
    page.wait_for_load_state("networkidle")
    assert not [u for u in page.requests if "vega" in u]


# Records in window.bodyChanges each change of the body's palette attributes, from the start of parsing.
WATCH_BODY_PALETTE = """
    window.bodyChanges = [];
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.target === document.body) window.bodyChanges.push(r.attributeName);
      });
    }).observe(document, { subtree: true, attributes: true, attributeFilter:
      ["data-md-color-scheme", "data-md-color-switching", "data-md-color-primary"] });
"""


def page_without_its_script_files(browser: Browser, color_scheme: str = "light") -> Page:
    """A page whose script files never arrive (only inline scripts run), watching its body's palette."""
    context = browser.new_context(color_scheme=color_scheme)
    context.route(re.compile(r"\.js($|\?)"), lambda route: route.abort())
    context.add_init_script(WATCH_BODY_PALETTE)
    return context.new_page()


def test_the_palette_switch_changes_the_page_and_is_remembered_before_the_next_paints(
        page: Page, browser: Browser, base_url: str) -> None:
    open_page(page, base_url + TEXT_PAGE)
    switch_to_dark = page.locator("label[for='__palette_1']")
    expect(switch_to_dark).to_be_visible()
    expect(page.locator("label[for='__palette_0']")).to_be_hidden()
    switch_to_dark.click()
    page.locator("body[data-md-color-scheme='slate']").wait_for()
    expect(page.locator("label[for='__palette_0']")).to_be_visible()
    expect(switch_to_dark).to_be_hidden()
    header = page.locator(".md-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert page.locator("meta[name='theme-color']").get_attribute("content") == header
    # the choice holds on the next page, applied by the page's own inline script before any script file
    stored = page.evaluate("localStorage")
    other = page_without_its_script_files(browser)
    other.goto(base_url)  # same origin: same storage
    other.evaluate("stored => Object.entries(stored).forEach(([k, v]) => localStorage.setItem(k, v))", stored)
    other.goto(base_url + FIGURE_PAGE)
    assert other.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert other.locator("#__palette_1").is_checked()
    other.context.close()


def test_a_first_visit_takes_the_readers_system_palette_before_the_first_paint(browser: Browser,
                                                                                base_url: str) -> None:
    page = page_without_its_script_files(browser, color_scheme="dark")
    page.goto(base_url + FIGURE_PAGE)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    # set once, as the body is parsed (the script files, which never arrived, played no part)
    assert page.evaluate("window.bodyChanges") == ["data-md-color-scheme"]
    page.context.close()


def test_starting_the_page_restyles_nothing_for_the_palette(page: Page, base_url: str) -> None:
    """The theme's own palette component re-applied the palette as it started, toggling an attribute
    that restyles every element twice; the page's switch leaves the body alone until the reader acts."""
    page.add_init_script(WATCH_BODY_PALETTE)
    open_page(page, base_url + FIGURE_PAGE)
    page.wait_for_timeout(300)
    assert page.evaluate("window.bodyChanges") == []  # light is the default: nothing to change


def test_enter_on_the_palette_switch_changes_the_palette(page: Page, base_url: str) -> None:
    open_page(page, base_url + TEXT_PAGE)
    page.locator("#__palette_0").focus()
    page.keyboard.press("Enter")
    page.locator("body[data-md-color-scheme='slate']").wait_for()
    assert page.evaluate("document.activeElement.id") == "__palette_1"


def test_palette_toggle_rethemes_the_figure(page: Page, base_url: str) -> None:
    figure = live_figure(page, base_url)
    label = figure.locator(".mv-live svg text").first
    light = label.evaluate("el => getComputedStyle(el).fill")
    page.locator("label[for='__palette_1']").click()
    page.locator("body[data-md-color-scheme='slate']").wait_for()
    dark = label.evaluate("el => getComputedStyle(el).fill")
    assert light != dark
    assert dark == "rgb(232, 234, 237)"


def test_navigating_away_and_back_keeps_the_figure_working(page: Page, base_url: str) -> None:
    """Each page is a page load of its own (the text page starts without Vega), and a figure works
    again after the reader goes back to it, whether the browser kept the page or loaded it anew."""
    live_figure(page, base_url)
    page.locator("a.md-nav__link[href$='about/']").first.click()
    page.wait_for_url("**/about/")
    scripts_started(page)
    assert page.evaluate("typeof window.vega") == "undefined"
    page.go_back(wait_until="commit")  # a page restored from the back/forward cache fires no load
    # The theme's section tracking may add the heading in view to the address as the page scrolls.
    expect(page).to_have_url(re.compile(r"/3-institutional-overlap/(#[\w-]+)?$"))
    scripts_started(page)
    figure = page.locator("#fig-memberships")
    if figure.get_attribute("data-live") != "ready":
        wake(page, "memberships")
    figure.locator(".mv-live svg .mark-symbol path").first.hover()
    figure.locator(".mv-tooltip").wait_for(state="visible", timeout=5000)


def test_year_in_the_url_sets_the_figure_state(page: Page, base_url: str) -> None:
    """A state in the address brings the figure alive as it is scrolled to, without the reader touching it."""
    open_page(page, base_url + FIGURE_PAGE + "?year=2009")
    figure = page.locator("#fig-memberships")
    figure.scroll_into_view_if_needed()
    page.locator("#fig-memberships[data-live='ready']").wait_for(timeout=15000)
    assert figure.locator("output").inner_text() == "2009"
    assert "Full members on 1 July 2009" in figure.locator(".mv-live svg").inner_html()
    assert "1 July 2009" in figure.locator(".mv-figure__desc").inner_text()
    slider = figure.locator("input[type=range]")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]year=2010"))
    assert "Full members on 1 July 2010" in figure.locator(".mv-live svg").inner_html()


PAGES = ["", "1-introduction/", "2-elite-discourse/", "3-institutional-overlap/", "4-discursive-space/",
         "5-geopolitical-reality/", "6-conclusions/", "after-2015/", "for-teachers/", "timeline/", "glossary/", "data/",
         "references/", "about/", "handouts/3-institutional-overlap/", "handouts/after-2015/"]




def test_no_page_shifts_as_it_loads_on_a_phone(browser: Browser, base_url: str) -> None:
    """Lighthouse's phone (412 x 823 at 1.75 dppx), no input at all: every shift counts, as in its CLS."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    shifted = {}
    for path in PAGES:
        open_page(page, base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        if page.evaluate("window.__shifts"):
            shifted[path or "/"] = page.evaluate("window.__shifts")
    context.close()
    assert shifted == {}


def test_every_page_passes_its_content_security_policy_with_live_figures(page: Page, base_url: str) -> None:
    page.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
          e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    for path in PAGES:
        open_page(page, base_url + path)
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        for fid in page.eval_on_selector_all("figure.mv-figure", "els => els.map(e => e.id)"):
            wake(page, fid.removeprefix("fig-"))
        assert page.evaluate("window.__violations") == [], path
    assert page.console_errors == []


def test_cite_panel_opens_by_keyboard_and_copies_a_citation(browser: Browser, base_url: str, site_url: str) -> None:
    import datetime as dt

    from build_scripts.cite import formats

    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.split("/multivector/")[0])
    page = context.new_page()
    open_page(page, base_url + "2-elite-discourse/")
    button = page.locator("#ed-p4 .mv-cite-btn")
    assert button.get_attribute("aria-label") == "Cite paragraph 4"
    button.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".mv-cite-panel")
    expect(panel).to_be_visible()
    assert button.get_attribute("aria-expanded") == "true"
    apa = panel.locator('pre[data-format="APA 7"]').inner_text()
    # the browser fills the same templates the build wrote, for this paragraph and today's date
    current = load_release()
    edition = addresses.edition_path(current.version)  # cited at the edition's fixed address
    target = formats.Target("Elite discourse: paragraph 4", f"{site_url}{edition}2-elite-discourse/#ed-p4",
                              "multivector-2-elite-discourse-ed-p4")
    templates = formats.templates(current)
    for fmt in templates:
        shown = panel.locator(f'pre[data-format="{fmt}"]').inner_text()
        assert shown == formats.fill(templates[fmt], target, dt.date.today(), fmt), fmt
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy APA 7 citation"
    page.keyboard.press("Enter")
    expect(panel.locator(".mv-cite-panel__copy").first).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == apa
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite paragraph 4"
    context.close()


def test_a_figure_is_cited_in_the_state_it_shows(page: Page, base_url: str) -> None:
    open_page(page, base_url + FIGURE_PAGE + "?year=2009")
    figure = page.locator("#fig-memberships")
    figure.scroll_into_view_if_needed()
    page.locator("#fig-memberships[data-live='ready']").wait_for(timeout=15000)
    figure.locator("figcaption .mv-cite-btn").click()
    apa = figure.locator('.mv-cite-panel pre[data-format="APA 7"]').inner_text()
    assert "Figure 3.1, 1 July 2009" in apa
    assert apa.endswith("3-institutional-overlap/?year=2009#fig-memberships")


def test_print_shows_static_figures_and_the_citation_without_chrome(page: Page, base_url: str) -> None:
    open_page(page, base_url + FIGURE_PAGE)
    page.locator("label[for='__palette_1']").click()  # the dark palette on screen…
    page.locator("body[data-md-color-scheme='slate']").wait_for()
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    chart = shown_chart(page, "memberships")
    assert chart.count() == 1  # …but the printout keeps the light chart
    assert chart.evaluate("img => new URL(img.src).pathname").endswith("/figures/memberships/chart.svg")
    assert page.locator(".mv-cite-page").is_visible()
    assert page.locator("#fig-memberships").evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_figure_reference_shows_a_preview_on_hover_and_focus(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    link = page.locator("a.mv-figref").first
    assert link.inner_text().startswith("Figure ")
    link.hover()
    preview = page.locator(".mv-figref-preview")
    expect(preview).to_be_visible()
    expect(preview.locator("img")).to_have_js_property("complete", True)
    assert preview.locator("img").evaluate("img => img.naturalWidth") > 0
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    link.focus()
    expect(preview).to_be_visible()


def test_reader_sees_paragraph_tags_and_can_hide_editorial_notes(page: Page, base_url: str) -> None:
    open_page(page, base_url + "1-introduction/")
    tools = page.locator(".mv-reading-tools")
    show = tools.get_by_role("button", name="Show where each paragraph comes from")
    show.click()
    label = page.locator("#in-p4").evaluate("p => getComputedStyle(p, '::before').content")
    assert "Retells the chapter: “Introduction”, paragraph 1" in label
    note = page.locator(".admonition:has(#in-n1)")
    expect(note).to_be_visible()
    tools.get_by_role("button", name="Hide editorial notes").click()
    expect(note).to_be_hidden()
    page.reload()  # the choice is remembered
    expect(page.locator(".admonition:has(#in-n1)")).to_be_hidden()
    assert page.locator("#in-p4").is_visible()


def test_old_or_misplaced_links_still_land(page: Page, base_url: str) -> None:
    page.goto(base_url + "no-such-page/#ed-p4")  # the 404 page forwards a known anchor
    expect(page).to_have_url(re.compile(r"/2-elite-discourse/#ed-p4$"))
    page.goto(base_url + "about/#gr-p3")  # a real page, but the anchor lives elsewhere
    expect(page).to_have_url(re.compile(r"/5-geopolitical-reality/#gr-p3$"))
    page.goto(base_url + "no-such-page/")
    expect(page.locator("h1")).to_have_text("This address is not part of the essay")
    assert page.locator("input.md-search__input").count() == 1


FIRST_SCREEN_JS = """() => {
  // each block of the article: whether it is in the first screen, and whether it is drawn at once
  const blocks = [...document.querySelectorAll('.md-content__inner > *')];
  return blocks.map(el => ({
    tag: el.tagName + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className.split(' ')[0] : ''),
    top: el.getBoundingClientRect().top,
    skippable: getComputedStyle(el).contentVisibility === 'auto',
  }));
}"""


@pytest.mark.parametrize("screen", [{"width": 360, "height": 740}, {"width": 412, "height": 823}])
def test_the_first_screen_is_drawn_at_once_and_the_rest_as_it_nears(browser: Browser, base_url: str,
                                                                      screen: dict[str, int]) -> None:
    """What a phone shows as a page opens is drawn with the first paint (nothing in it waits to be
    found on screen); on the long pages, what lies below is left to be drawn as the reader nears it."""
    context = browser.new_context(viewport=screen, is_mobile=True, has_touch=True)
    page = context.new_page()
    late, skipped = [], {}
    for path in PAGES:
        open_page(page, base_url + path)
        blocks = page.evaluate(FIRST_SCREEN_JS)
        late += [f"{path}: {b['tag']} at {b['top']:.0f} px"
                 for b in blocks if b["top"] < screen["height"] and b["skippable"]]
        skipped[path] = sum(b["skippable"] for b in blocks)
    context.close()
    assert late == []
    long_pages = ["1-introduction/", "3-institutional-overlap/", "5-geopolitical-reality/", "glossary/", "references/"]
    assert all(skipped[path] > 5 for path in long_pages if path in skipped), skipped


def test_an_embedded_figure_comes_alive_and_requests_nothing_that_is_missing(page: Page, base_url: str) -> None:
    """The embed page names its icon, so the browser does not ask for /favicon.ico and get a 404."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(base_url + "figures/memberships/embed.html")
    page.wait_for_load_state("networkidle")
    wake(page, "memberships")
    page.wait_for_load_state("networkidle")
    assert failed == [] and page.console_errors == []
    assert any(u.endswith("/assets/images/favicon.png") for u in page.requests)
    assert not any(urlparse(u).path.endswith("/favicon.ico") for u in page.requests)


def test_each_paragraphs_kind_is_in_view_without_a_click(page: Page, base_url: str) -> None:
    """A rule down each paragraph's edge says what it is, and a label where a run of one kind starts."""
    open_page(page, base_url + "4-discursive-space/")
    kinds = page.evaluate("""() => [...document.querySelectorAll('.md-content p[data-kind]')].map(p => {
        const before = getComputedStyle(p, '::before').content;
        return [p.dataset.kind, getComputedStyle(p).borderLeftStyle, before,
                p.previousElementSibling && p.previousElementSibling.dataset.kind || null];
    })""")
    seen = {kind for kind, *_ in kinds}
    assert {"retelling", "framing"} <= seen
    style = {"retelling": "solid", "framing": "dashed", "after-2015": "dotted"}
    label = {"retelling": '"Retelling the chapter"', "framing": '"Our framing"', "after-2015": '"After 2015"'}
    for kind, border, before, previous in kinds:
        if kind == "editorial":
            continue  # our notes are boxes titled "Editorial note"
        assert border == style[kind]
        assert before == (label[kind] if previous != kind else "none"), (kind, previous, before)
