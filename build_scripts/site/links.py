"""After the build: every internal link of the built site leads to a file, and every #fragment to an id.

Each HTML page is parsed (standard library html.parser) for its ids and its links: `href` of
`<a>`, `<area>` and `<link>`; `src` of `<img>`, `<script>`, `<iframe>`, `<source>`, `<audio>`,
`<video>` and `<embed>`; and the `data-spec` and `data-states` files a live figure fetches. A link
is internal when it is relative, site-absolute (`/…`, read against the path of the site's address,
which may be a subpath such as `/multivector/`), or absolute on the site's own address; it must
resolve to a file in the site folder (a folder means its `index.html`, as MkDocs serves pages).
Every other http(s) link is external: listed, not fetched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
              "source": "src", "audio": "src", "video": "src", "embed": "src"}
DATA_ATTRS = ("data-spec", "data-states")  # files a live figure fetches, named on its <figure>
IGNORED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:", "about:")


@dataclass(frozen=True)
class Link:
    page: str  # the page that holds the link, relative to the site folder
    href: str  # as written
    reason: str = ""  # why it is broken ("" for external links)

    def __str__(self) -> str:
        return f"{self.page}: {self.href}" + (f" ({self.reason})" if self.reason else "")


@dataclass
class Report:
    broken: list[Link] = field(default_factory=list)
    external: list[Link] = field(default_factory=list)
    pages: int = 0
    checked: int = 0  # internal links checked


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:  # the old way of naming an anchor
            self.ids.add(values["name"])
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = values.get("href")
        for attr in (LINK_ATTRS.get(tag), *DATA_ATTRS):
            if attr and values.get(attr, "").strip():
                self.links.append((tag, values[attr].strip()))

    handle_startendtag = handle_starttag


def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def site_url_of(site: Path) -> str | None:
    """The address the site was built for, read from the home page's canonical link (MkDocs writes it)."""
    home = site / "index.html"
    return parse(home).canonical if home.is_file() else None


def page_url(rel_path: str) -> str:
    """The URL path (within the site) a file is served at: foo/index.html is foo/."""
    if rel_path == "index.html":
        return ""
    return rel_path.removesuffix("index.html") if rel_path.endswith("/index.html") else rel_path


def check_site(site: Path, site_url: str | None = None) -> Report:
    """Every broken internal link and every external link of the site in `site`.

    `site_url` is the address the site was built for (default: read from the built home page); its
    path is what site-absolute links start with, and links to it are internal.
    """
    base = urlsplit(site_url or site_url_of(site) or "/")
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    origin = f"{base.scheme}://{base.netloc}".lower() if base.netloc else None
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed = {name: parse(path) for name, path in pages.items()}
    report = Report(pages=len(pages))
    for name, parser in parsed.items():
        for _, href in parser.links:
            parts = urlsplit(href)
            if href.lower().startswith(IGNORED_SCHEMES) or parts.scheme not in ("", "http", "https"):
                continue
            if parts.netloc and not _ours(parts.scheme or base.scheme, parts.netloc, parts.path, origin, base_path):
                report.external.append(Link(name, href))
                continue
            report.checked += 1
            # where the browser goes: resolved against the page's own address
            path = urlsplit(urljoin(f"http://site.invalid{base_path}{page_url(name)}", href)).path
            reason = _resolve(site, unquote(path), unquote(parts.fragment), base_path, parsed)
            if reason:
                report.broken.append(Link(name, href, reason))
    return report


def _ours(scheme: str, netloc: str, path: str, origin: str | None, base_path: str) -> bool:
    """Whether an absolute URL is on the site's own address (and under its path)."""
    return origin == f"{scheme}://{netloc}".lower() and (path + "/").startswith(base_path)


def _resolve(site: Path, path: str, fragment: str, base_path: str, parsed: dict[str, _PageParser]) -> str:
    """Why a link to `path#fragment` is broken, or "" when it resolves."""
    if not (path + "/").startswith(base_path):
        return f"outside the site's path {base_path}"
    file = _file_for(site, path[len(base_path):])
    if file is None:
        return "no such file"
    name = file.relative_to(site).as_posix()
    if fragment and name in parsed and fragment not in parsed[name].ids:
        return f"no id '{fragment}' on {name}"
    return ""  # a fragment of a non-HTML file (an SVG view, a PDF page) is not checked


def _file_for(site: Path, target: str) -> Path | None:
    candidate = site / target if target else site
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def format_report(report: Report) -> str:
    lines = [f"links: {report.pages} page(s), {report.checked} internal link(s) checked, "
             f"{len(report.broken)} broken, {len(report.external)} external"]
    if report.broken:
        lines.append("Broken internal links:")
        lines.extend(f"  {link}" for link in report.broken)
    if report.external:
        lines.append("External links (not fetched):")
        by_url: dict[str, list[str]] = {}
        for link in report.external:
            by_url.setdefault(link.href, []).append(link.page)
        for url, holders in sorted(by_url.items()):
            lines.append(f"  {url}  ({', '.join(sorted(set(holders)))})")
    return "\n".join(lines)
