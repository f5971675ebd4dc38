"""Audit (not a test): Lighthouse in a real browser on every page, against bench/budgets.yaml.

Run with `make audit`. It
1. installs Lighthouse 12.2.3 on demand into build/audit-tools (not a project dependency);
2. builds the site for the address it then serves it at: loopback, under /multivector/, with gzip,
   as GitHub Pages serves a project site;
3. runs Lighthouse once per page (accessibility, best practices, SEO and performance scores), then
   interleaved performance runs for each figure page paired with the text page;
4. prints a table per page and per pair, keeps every raw Lighthouse JSON under build/audit/<time>/,
   and exits 1 naming every budget exceeded (budgets.yaml's `exemptions` set one named audit of one
   page's category aside, with the reason; the real score is printed beside the recomputed one).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import mimetypes
import os
import shlex
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_scripts.paths import ROOT, SITE
from build_scripts.publish.local_server import _Handler
from tests.conftest import CHROMIUM, PREFIX

LIGHTHOUSE_VERSION = "12.2.3"
TOOLS = ROOT / "build" / "audit-tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
OUT = ROOT / "build" / "audit"
BUDGETS = Path(__file__).with_name("budgets.yaml")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"]
SCORED = ("accessibility", "best-practices", "seo")
CATEGORIES = ("performance", *SCORED)
MOBILE = {"width": 412, "height": 823, "device_scale_factor": 1.75}  # Lighthouse's default mobile screen
BYTE_TYPES = ("document", "script", "stylesheet", "image", "other")
METRICS = {"total-blocking-time": "TBT", "largest-contentful-paint": "LCP", "cumulative-layout-shift": "CLS"}


# ---------------------------------------------------------------- Lighthouse, installed on demand

def installed_version() -> str | None:
    manifest = TOOLS / "node_modules" / "lighthouse" / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else None


def ensure_lighthouse() -> None:
    if installed_version() != LIGHTHOUSE_VERSION:
        spec = f"lighthouse@{LIGHTHOUSE_VERSION}"
        seen = subprocess.run(["npm", "view", spec, "version"], capture_output=True, text=True)
        if seen.returncode != 0 or seen.stdout.strip() != LIGHTHOUSE_VERSION:
            sys.exit(f"audit: `npm view {spec} version` failed: {seen.stderr.strip() or seen.stdout.strip()}")
        print(f"installing {spec} into {TOOLS.relative_to(ROOT)} …", flush=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-save", "--no-audit", "--no-fund",
                        "--loglevel=error", spec], check=True)
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    if version != LIGHTHOUSE_VERSION:
        sys.exit(f"audit: {LIGHTHOUSE} --version says {version!r}, expected {LIGHTHOUSE_VERSION}")
    if not Path(CHROMIUM).exists():
        sys.exit(f"audit: Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=)")


def axe_version() -> str:
    manifest = TOOLS / "node_modules" / "axe-core" / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else "?"


# ---------------------------------------------------------------- the site, served with gzip

COMPRESSIBLE = {"application/javascript", "application/json", "application/xml", "image/svg+xml",
                "application/manifest+json", "application/geo+json", "application/ld+json"}


def accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            return float(q) > 0
        except ValueError:
            return False
    return False


class GzipHandler(_Handler):
    """The tests' handler (subpath, the site's own 404 page) plus gzip for text, as GitHub Pages does."""

    protocol_version = "HTTP/1.1"  # keep-alive, like any real host
    cache: dict[tuple[str, float], bytes] = {}  # noqa: RUF012  (shared on purpose: compress each file once)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' header
        super().end_headers()

    def send_head(self) -> Any:
        local = Path(self.translate_path(self.path))
        if local.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            local = local / "index.html"
        ctype = self.guess_type(str(local))
        text = ctype.startswith("text/") or ctype in COMPRESSIBLE
        if not (local.is_file() and text and accepts_gzip(self.headers.get("Accept-Encoding", ""))):
            return super().send_head()  # directories' redirects, 404s, binaries, clients without gzip
        key = (str(local), local.stat().st_mtime)
        if key not in self.cache:
            self.cache[key] = gzip.compress(local.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(local.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


def start_server() -> ThreadingHTTPServer:
    """Bound first (so the port is known before the build), served once the site is built."""
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    handler = type("Handler", (GzipHandler,), {"prefix": PREFIX})
    return ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))


def build_site(site_url: str) -> None:
    print(f"building the site for {site_url} …", flush=True)
    env = {**os.environ, "SITE_URL": site_url}
    subprocess.run([sys.executable, "-m", "build_scripts", "build"], cwd=ROOT, env=env, check=True)


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths under the prefix ('' is the home page)."""
    pages = []
    for index in sorted(site.glob("**/index.html")):
        rel = index.parent.relative_to(site)
        if rel.parts and rel.parts[0] in ("search", "figures"):
            continue
        pages.append("" if not rel.parts else rel.as_posix() + "/")
    return sorted(pages, key=lambda p: (p != "", p))  # the home page first


# ---------------------------------------------------------------- Lighthouse runs

def command(url: str, output: Path, categories: tuple[str, ...]) -> list[str]:
    return [str(LIGHTHOUSE.relative_to(ROOT)), url, "--output=json", f"--output-path={output.relative_to(ROOT)}",
            f"--only-categories={','.join(categories)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--disable-full-page-screenshot", "--quiet"]


def shown(cmd: list[str]) -> str:
    return f"CHROME_PATH={shlex.quote(CHROMIUM)} {shlex.join(cmd)}"


def lighthouse(url: str, output: Path, categories: tuple[str, ...], log: io.TextIOBase) -> dict[str, Any]:
    """One Lighthouse run; retried twice if Lighthouse itself fails (not if the page scores badly)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    cmd = command(url, output, categories)
    log.write(shown(cmd) + "\n")
    log.flush()
    problem = ""
    for _attempt in range(3):
        result = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM},
                                capture_output=True, text=True)
        report = json.loads(output.read_text()) if output.is_file() else {}
        if result.returncode == 0 and report and not report.get("runtimeError"):
            return report
        problem = (report.get("runtimeError") or {}).get("message") or result.stderr.strip()[-500:]
        print(f"  Lighthouse failed on {url} ({problem}); retrying", flush=True)
    sys.exit(f"audit: Lighthouse failed three times on {url}: {problem}")


def score(report: dict[str, Any], category: str) -> int | None:
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def failing_audits(report: dict[str, Any], category: str) -> list[dict[str, Any]]:
    """Audits of a category that did not pass (score < 1) or could not run, with their details."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        mode = audit["scoreDisplayMode"]
        if mode == "error" or (mode in ("binary", "numeric", "metricSavings") and (audit["score"] or 0) < 1):
            out.append({"id": audit["id"], "title": audit["title"], "weight": ref["weight"], "mode": mode,
                        "score": audit["score"], "display": audit.get("displayValue", ""),
                        "error": audit.get("errorMessage", ""), "items": detail_items(audit)})
    return out


def detail_items(audit: dict[str, Any]) -> list[str]:
    items = (audit.get("details") or {}).get("items") or []
    more = [f"… and {len(items) - 12} more"] if len(items) > 12 else []
    return [describe(item)[:400] for item in items[:12]] + more


def describe(item: dict[str, Any]) -> str:
    """One row of an audit's details: its elements (selector, snippet, why), its values and sub-rows."""
    parts = []
    for key, value in item.items():
        if isinstance(value, dict) and value.get("type") == "node":
            text = f"{value.get('selector', '')}  {value.get('snippet', '')}"
            if value.get("explanation"):
                text += "  — " + " ".join(value["explanation"].split())
            parts.append(text)
        elif isinstance(value, dict) and value.get("type") == "subitems":
            parts += [describe(sub) for sub in value.get("items", [])]
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            parts.append(f"{key}={value}")
    return "; ".join(p for p in parts if p)


@dataclass
class Exempted:
    """A category score with one audit set aside, as budgets.yaml's `exemptions` allow."""

    audit: str
    why: str
    score: int | None  # the category's score without the excused audit
    unexplained: list[str]  # what the excused audit reports beyond the stated reason


def category_score(report: dict[str, Any], category: str, set_aside: str | None = None) -> int | None:
    """A category's score as Lighthouse computes it, the weighted mean of its audits' scores (audits
    that do not apply carry weight 0), optionally with one audit's weight set aside."""
    refs = [ref for ref in report["categories"][category]["auditRefs"] if ref["id"] != set_aside and ref["weight"] > 0]
    scored = [(ref["weight"], report["audits"][ref["id"]]["score"]) for ref in refs
              if report["audits"][ref["id"]]["score"] is not None]
    total = sum(weight for weight, _ in scored)
    return round(100 * sum(weight * value for weight, value in scored) / total) if total else None


def exempted(report: dict[str, Any], rule: dict[str, str]) -> Exempted:
    items = (report["audits"][rule["audit"]].get("details") or {}).get("items") or []
    unexplained = [describe(item) for item in items if rule["reported"] not in describe(item)]
    score = category_score(report, rule["category"], rule["audit"])
    return Exempted(rule["audit"], " ".join(rule["why"].split()), score, unexplained)


def gatherer_errors(report: dict[str, Any]) -> dict[str, str]:
    """Audits that errored (any category): Lighthouse 12.2.3 vs a newer Chromium's trace format."""
    return {aid: a.get("errorMessage", "") for aid, a in report["audits"].items()
            if a["scoreDisplayMode"] == "error"}


@dataclass
class Measure:
    tbt: float
    lcp: float
    cls: float
    bytes: dict[str, int]
    vega_bytes: int
    vega_requests: list[str]
    file: str
    diagnostics: dict[str, Any] = field(default_factory=dict)


def measure(report: dict[str, Any], file: Path) -> Measure:
    audits = report["audits"]
    by_type = {i["resourceType"]: i["transferSize"] for i in audits["resource-summary"]["details"]["items"]}
    sizes = {t: by_type.get(t, 0) for t in BYTE_TYPES}
    sizes["other"] += by_type.get("font", 0) + by_type.get("media", 0)  # the site uses system fonts, no media
    sizes["total"] = by_type.get("total", 0)
    vega = [i for i in audits["network-requests"]["details"]["items"] if "vega" in i["url"].lower()]
    diagnostics = {
        "FCP ms": round(audits["first-contentful-paint"]["numericValue"]),
        "DOM elements": audits["dom-size"].get("numericValue"),
        "main thread ms": {i["groupLabel"]: round(i["duration"])
                           for i in audits["mainthread-work-breakdown"]["details"]["items"]},
        "long tasks (source, start ms, ms)": [(short_url(i["url"]), round(i["startTime"]), round(i["duration"]))
                                              for i in audits["long-tasks"]["details"]["items"][:6]],
    }
    return Measure(audits["total-blocking-time"]["numericValue"], audits["largest-contentful-paint"]["numericValue"],
                   audits["cumulative-layout-shift"]["numericValue"], sizes,
                   sum(i.get("transferSize", 0) for i in vega), [i["url"] for i in vega],
                   str(file.relative_to(ROOT)), diagnostics)


def short_url(url: str) -> str:
    return url.split(PREFIX, 1)[1] or "(home)" if PREFIX in url else url


# ---------------------------------------------------------------- where the figures sit at load

LCP_PROBE = """
window.__lcp = [];
new PerformanceObserver(list => window.__lcp.push(...list.getEntries())).observe(
  {type: "largest-contentful-paint", buffered: true});
"""
LCP_ELEMENT = """() => {
  const last = window.__lcp[window.__lcp.length - 1];
  if (!last || !last.element) { return "(none reported)"; }
  const e = last.element, r = e.getBoundingClientRect();
  const name = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined
    ? "." + String(e.className).trim().split(/\\s+/).join(".") : "");
  return name + " " + Math.round(r.width) + "×" + Math.round(r.height) + " at top " + Math.round(r.top) + " px: \\""
    + (e.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60) + "\\"";
}"""


def probe_pages(base: str, pages: list[str], margin: int) -> tuple[dict[str, list[str]], dict[str, str]]:
    """For each page, loaded at Lighthouse's mobile screen without scrolling (no throttling): the figures
    within the first viewport + margin, and the largest-contentful-paint element (Lighthouse 12.2.3 cannot
    name it on this Chromium: its largest-contentful-paint-element audit errors)."""
    from playwright.sync_api import sync_playwright

    near: dict[str, list[str]] = {}
    lcp: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        for path in pages:
            context = browser.new_context(viewport={"width": MOBILE["width"], "height": MOBILE["height"]},
                                          device_scale_factor=MOBILE["device_scale_factor"], is_mobile=True,
                                          has_touch=True)
            page = context.new_page()
            page.add_init_script(LCP_PROBE)
            page.goto(base + path, wait_until="load")
            page.wait_for_timeout(500)
            lcp[path] = page.evaluate(LCP_ELEMENT)
            boxes = page.eval_on_selector_all(
                "figure.mv-figure[data-spec]",
                "els => els.map(e => { const r = e.getBoundingClientRect();"
                " return {id: e.id, top: Math.round(r.top), bottom: Math.round(r.bottom)}; })")
            near[path] = [f"#{b['id']} (top {b['top']} px)" for b in boxes
                          if b["top"] < MOBILE["height"] + margin and b["bottom"] > -margin]
            context.close()
        browser.close()
    return near, lcp


# ---------------------------------------------------------------- budgets and the report

@dataclass
class Audit:
    out: Path
    scores: dict[str, dict[str, int | None]] = field(default_factory=dict)
    failures: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    exempted: dict[str, dict[str, Exempted]] = field(default_factory=dict)  # page -> category -> exemption
    errors: dict[str, dict[str, str]] = field(default_factory=dict)
    pairs: dict[str, dict[str, list[Measure]]] = field(default_factory=dict)
    near: dict[str, list[str]] = field(default_factory=dict)
    lcp: dict[str, str] = field(default_factory=dict)
    exceeded: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def label(path: str) -> str:
    return path or "(home)"


def spread(values: list[float], fmt: str) -> str:
    return f"{format(statistics.median(values), fmt)} ({format(min(values), fmt)}–{format(max(values), fmt)})"


def kib(n: float) -> str:
    return f"{n / 1024:.1f}"


def check_scores(audit: Audit, budgets: dict[str, Any]) -> None:
    for page, scores in audit.scores.items():
        for category, floor in budgets["scores"].items():
            exemption = audit.exempted.get(page, {}).get(category)
            if exemption is not None and scores[category] is not None and scores[category] < floor:
                if exemption.unexplained:
                    audit.exceeded.append(f"{label(page)}: {category} {scores[category]} < {floor}: the exemption "
                                          f"for {exemption.audit} does not cover what it reports: "
                                          + "; ".join(exemption.unexplained))
                elif exemption.score is None or exemption.score < floor:
                    others = ", ".join(f["id"] for f in audit.failures[page][category] if f["id"] != exemption.audit)
                    audit.exceeded.append(f"{label(page)}: {category} {exemption.score} < {floor} even with "
                                          f"{exemption.audit} exempt ({others or 'no other failing audit listed'})")
                else:
                    audit.notes.append(f"{label(page)}: {category} {scores[category]}, {exemption.score} with "
                                       f"{exemption.audit} set aside (exempt in budgets.yaml: {exemption.why})")
            elif scores[category] is None or scores[category] < floor:
                ids = ", ".join(f["id"] for f in audit.failures[page][category]) or "no failing audit listed"
                audit.exceeded.append(f"{label(page)}: {category} {scores[category]} < {floor} ({ids})")


def check_pairs(audit: Audit, budgets: dict[str, Any]) -> list[list[str]]:
    rules = budgets["pairs"]
    ratio, floors, margin = rules["ratio"], rules["floor_ms"], rules["near_margin_px"]
    rows = []
    text_page = rules["text_page"]
    # the text page's baseline: all its runs in this audit (interleaved with every figure page), see budgets.yaml
    text_runs = [m for runs in audit.pairs.values() for m in runs["text"]]
    for figure_page, runs in audit.pairs.items():
        for metric, short in (("total-blocking-time", "TBT"), ("largest-contentful-paint", "LCP")):
            attr = short.lower()
            fig = statistics.median(getattr(m, attr) for m in runs["figure"])
            txt = statistics.median(getattr(m, attr) for m in text_runs)
            in_pair = statistics.median(getattr(m, attr) for m in runs["text"])
            floor = floors.get(metric, 0)
            limit = max(ratio * txt, floor)
            shown_ratio = f"{fig / txt:.2f}×" if txt else "n/a (text median 0)"
            if fig > limit:
                audit.exceeded.append(
                    f"{figure_page}: median {short} {fig:.0f} ms > {limit:.1f} ms (text page {text_page} median "
                    f"{txt:.0f} ms over its {len(text_runs)} runs, {in_pair:.0f} ms in this pair's; ratio "
                    f"{shown_ratio}, allowed {ratio}×, or any median up to {floor} ms)")
            elif fig > ratio * txt:
                audit.notes.append(f"{figure_page}: median {short} {fig:.0f} ms passes only because it is within "
                                   f"the {floor} ms floor (text {txt:.0f} ms, ratio {shown_ratio})")
        for side, page in (("figure", figure_page), ("text", text_page)):
            for n, m in enumerate(runs[side], 1):
                if m.cls > rules["cls_max"]:
                    audit.exceeded.append(f"{page} (pair {figure_page}, run {n}): CLS {m.cls:.6f} > "
                                          f"{rules['cls_max']} ({m.file})")
                if m.vega_bytes > rules["vega_bytes_before_near"]:
                    if side == "figure" and audit.near.get(page):
                        audit.notes.append(f"{page} run {n}: {m.vega_bytes} B of Vega loaded — allowed, a figure is "
                                           f"in the first mobile viewport + {margin} px: {', '.join(audit.near[page])}")
                    else:
                        audit.exceeded.append(f"{page} (pair {figure_page}, run {n}): {m.vega_bytes} B of Vega "
                                              f"loaded with no figure near the viewport: {', '.join(m.vega_requests)}")
            rows.append(pair_row(figure_page, side, page, runs[side]))
    if text_runs:  # the baseline every figure page is judged against
        rows.append(pair_row(f"baseline: all {len(text_runs)} runs of", "figure", text_page, text_runs))
    return rows


def pair_row(pair: str, side: str, page: str, runs: list[Measure]) -> list[str]:
    row = [pair if side == "figure" else "", page, spread([m.tbt for m in runs], ".0f"),
           spread([m.lcp for m in runs], ".0f"), spread([m.cls for m in runs], ".3f")]
    row += [kib(statistics.median(m.bytes[t] for m in runs)) for t in (*BYTE_TYPES, "total")]
    row.append(spread([m.vega_bytes / 1024 for m in runs], ".1f"))
    return row


def shown_score(audit: Audit, page: str, category: str) -> str:
    value = str(audit.scores[page][category])
    exemption = audit.exempted.get(page, {}).get(category)
    return f"{value} ({exemption.score} without {exemption.audit}, exempt)" if exemption else value


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(audit: Audit, budgets: dict[str, Any], first_command: str, seconds: float) -> str:
    out = [f"\nLighthouse {LIGHTHOUSE_VERSION} (axe-core {axe_version()}), Chromium at {CHROMIUM}, "
           f"Node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}",
           f"command (first run; every run is listed in {audit.out.relative_to(ROOT)}/commands.txt):",
           f"  {first_command}", "", "Scores per page (one run each; performance has no score budget):", ""]
    rows = [[label(p), *(shown_score(audit, p, c) for c in CATEGORIES)] for p in audit.scores]
    out.append(table(["page", *CATEGORIES], rows))
    rules = budgets["pairs"]
    out += ["", f"Pairs: {rules['runs']} interleaved runs of each page, mobile defaults; median (min–max); "
            "bytes are transferred (gzip) KiB, medians; other includes font and media", ""]
    out.append(table(["pair", "page", "TBT ms", "LCP ms", "CLS", "document", "script", "stylesheet", "image",
                      "other", "total", "Vega KiB"], check_pairs(audit, budgets)))
    check_scores(audit, budgets)
    out += ["", "Figures within the first mobile viewport (412×823) + "
            f"{rules['near_margin_px']} px at load: "
            + "; ".join(f"{p}: {', '.join(f) or 'none'}" for p, f in audit.near.items())]
    out += ["", "Largest-contentful-paint element (Chromium at the same mobile screen, unthrottled):"]
    out += [f"  {p}: {element}" for p, element in audit.lcp.items()]
    out += ["", "Where the time goes (each page's run with the median TBT; Lighthouse's main-thread breakdown and "
            "long tasks):"]
    for figure_page, runs in audit.pairs.items():
        for side, page in (("figure", figure_page), ("text", rules["text_page"])):
            ordered = sorted(runs[side], key=lambda m: m.tbt)
            middle = ordered[len(ordered) // 2]
            out.append(f"  {page} (pair {figure_page}; TBT {middle.tbt:.0f} ms, LCP {middle.lcp:.0f} ms; "
                       f"{middle.file}):")
            out += [f"      {key}: {value}" for key, value in middle.diagnostics.items()]
    failing = [(p, c, f) for p, cats in audit.failures.items() for c in SCORED for f in cats[c]]
    if failing:
        out += ["", "Failing audits (accessibility, best practices, SEO):"]
        for page, category, f in failing:
            weight = f"weight {f['weight']:g}" + (": does not lower the score" if not f["weight"] else "")
            exemption = audit.exempted.get(page, {}).get(category)
            if exemption is not None and exemption.audit == f["id"]:
                weight += "; exempt in budgets.yaml"
            out.append(f"  {label(page)} [{category}] {f['id']} ({weight}; {f['mode']}, score {f['score']}): "
                       f"{f['title']} {f['display']}{(' — ' + f['error']) if f['error'] else ''}")
            out += [f"      {line}" for line in f["items"]]
    errored = {}
    for page, errs in audit.errors.items():
        for aid, msg in errs.items():
            errored.setdefault((aid, msg), []).append(label(page))
    if errored:
        out += ["", "Audits Lighthouse could not run (no category budget depends on them):"]
        out += [f"  {aid} on {len(pages)} page(s): {msg}" for (aid, msg), pages in sorted(errored.items())]
    out += [""] + [f"note: {n}" for n in audit.notes]
    out.append(f"\nraw Lighthouse JSON: {audit.out.relative_to(ROOT)}/   ({seconds / 60:.1f} min)")
    if audit.exceeded:
        out += ["", f"BUDGETS EXCEEDED ({len(audit.exceeded)}):"] + [f"  - {e}" for e in audit.exceeded]
    else:
        out.append("all budgets met")
    return "\n".join(out)


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs of each page per pair (default: budgets file)")
    parser.add_argument("--pair", action="append", metavar="PAGE",
                        help="only this figure page's pair, no scores (repeatable; a partial audit, to investigate)")
    args = parser.parse_args(argv)
    budgets = yaml.safe_load(BUDGETS.read_text())
    runs = max(5, args.runs or budgets["pairs"]["runs"])
    budgets["pairs"]["runs"] = runs
    start = time.perf_counter()
    ensure_lighthouse()
    server = start_server()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    try:
        build_site(base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        audit = Audit(OUT / datetime.now().strftime("%Y%m%d-%H%M%S"))
        audit.out.mkdir(parents=True)
        pages = site_pages(SITE)
        text_page, figure_pages = budgets["pairs"]["text_page"], args.pair or budgets["pairs"]["figure_pages"]
        missing = [p for p in [text_page, *figure_pages] if p not in pages]
        if missing:
            sys.exit(f"audit: budget pages not in the built site: {', '.join(missing)}")
        with (audit.out / "commands.txt").open("w") as log:
            first = shown(command(base + pages[0], audit.out / "scores" / "home.json", CATEGORIES))
            print(f"Lighthouse command: {first}", flush=True)
            for n, page in enumerate([] if args.pair else pages, 1):
                name = page.strip("/") or "home"
                print(f"[scores {n}/{len(pages)}] {label(page)}", flush=True)
                result = lighthouse(base + page, audit.out / "scores" / f"{name}.json", CATEGORIES, log)
                audit.scores[page] = {c: score(result, c) for c in CATEGORIES}
                audit.failures[page] = {c: failing_audits(result, c) for c in SCORED}
                audit.exempted[page] = {rule["category"]: exempted(result, rule)
                                        for rule in budgets.get("exemptions", []) if rule["page"] == page}
                for category in SCORED:  # the recomputation must agree with Lighthouse's own score
                    if category_score(result, category) != audit.scores[page][category]:
                        sys.exit(f"audit: cannot reproduce Lighthouse's {category} score of {label(page)}")
                audit.errors[page] = gatherer_errors(result)
            for figure_page in figure_pages:
                audit.pairs[figure_page] = {"figure": [], "text": []}
                folder = audit.out / "pairs" / figure_page.strip("/")
                for n in range(1, runs + 1):
                    for side, page in (("figure", figure_page), ("text", text_page)):
                        print(f"[pair {figure_page} run {n}/{runs}] {page}", flush=True)
                        file = folder / f"{n:02d}-{side}.json"
                        result = lighthouse(base + page, file, ("performance",), log)
                        audit.pairs[figure_page][side].append(measure(result, file))
        audit.near, audit.lcp = probe_pages(base, [*figure_pages, text_page], budgets["pairs"]["near_margin_px"])
    finally:
        server.shutdown()
        server.server_close()
    text = report(audit, budgets, first, time.perf_counter() - start)
    if args.pair:
        text += (f"\n\nPartial audit: the pairs of {', '.join(args.pair)} only, no scores; "
                 "the budget is judged by a full run.")
    (audit.out / "report.txt").write_text(text + "\n")
    (audit.out / "summary.json").write_text(json.dumps({
        "scores": audit.scores, "failures": audit.failures, "near": audit.near, "exceeded": audit.exceeded,
        "exempted": {p: {c: e.__dict__ for c, e in cats.items()} for p, cats in audit.exempted.items()},
        "notes": audit.notes, "lcp_elements": audit.lcp,
        "pairs": {p: {s: [m.__dict__ for m in ms] for s, ms in sides.items()} for p, sides in audit.pairs.items()},
    }, indent=2))
    print(text)
    return 1 if audit.exceeded else 0


if __name__ == "__main__":
    sys.exit(main())
