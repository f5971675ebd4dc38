"""The whole essay as an EPUB 3, one per edition, published beside the edition's PDF.

Written from the build's own expansion and templates rather than by a converter: the pages are expanded
once more for the e-book (`View(medium="epub")`: figures as their PNG with caption, source, description
and data table; the reading guide as an open section), rendered by Python-Markdown with the extensions
MkDocs uses, and serialized as XHTML by lxml. Every id the pages write (paragraphs, headings, figures,
guide items, glossary entries, references) is kept, so `3-institutional-overlap.xhtml#io-p4` is the
paragraph a citation of `…/3-institutional-overlap/#io-p4` names. A link to a page in the book goes to
its file; any other link goes to the edition's address on the web. The package is the few files EPUB 3
asks for (mimetype, container, package document, navigation), written from templates in
templates/epub/, zipped with fixed dates so that the same edition makes the same bytes.
"""

from __future__ import annotations

import html
import io
import posixpath
import zipfile
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import markdown
from lxml import etree
from lxml import html as lxml_html
from markupsafe import Markup

from build_scripts import templating
from build_scripts.cite import formats, references
from build_scripts.cite.addresses import page_path, page_slug
from build_scripts.editions import versions
from build_scripts.pages.context import Context, View
from build_scripts.pages.course import course_pages
from build_scripts.pages.expand import abbreviations, expand_body
from build_scripts.pages.read import Page

EBOOK = View(ids="", live=False, heading_shift=0, medium="epub")
REFERENCE_PAGES = ("timeline.md", "glossary.md", "references.md", "about.md")
EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences"]
# ids must also be valid where an XML reader checks them: the footnotes' default "fn:1" is not
CONFIGS = {"footnotes": {"SEPARATOR": "-"}, "toc": {"permalink": False}}
# the site's reading tools and heading permalinks: nothing to do offline
DROP = ("//*[contains(concat(' ', @class, ' '), ' mv-reading-tools ') or "
        "contains(concat(' ', @class, ' '), ' headerlink ')]")
SITE_ONLY = ("markdown", "loading", "decoding", "fetchpriority")
FIXED_DATE = (2000, 1, 1, 0, 0, 0)
LICENCE = ("Prose and figures: CC BY 4.0, Multivector Project. Data: CC BY 4.0, each record keeping its own "
           "source. The chapter remains its author's and publisher's: the essay quotes only short phrases.")


@dataclass(frozen=True)
class Document:
    id: str
    href: str
    title: str
    page: Page | None


def book_pages(pages: list[Page]) -> list[Page]:
    """The Overview, the chapters and After 2015, then the timeline, glossary, references and About."""
    by_name = {p.name: p for p in pages}
    front = [by_name["index.md"]] if "index.md" in by_name else []
    return front + course_pages(pages) + [by_name[n] for n in REFERENCE_PAGES if n in by_name]


def documents(pages: list[Page]) -> list[Document]:
    docs = [Document("title", "title.xhtml", "Title page", None)]
    for page in book_pages(pages):
        chapter = str(page.meta.get("chapter", ""))
        title = (f"{chapter} " if chapter.isdigit() else "") + str(page.meta.get("title", page.name))
        docs.append(Document(f"p-{page_slug(page.name)}", f"{page_slug(page.name)}.xhtml", title, page))
    return docs


def page_html(page: Page, ctx: Context) -> str:
    """The page's body for the e-book, as HTML."""
    body = expand_body(page, ctx, EBOOK)
    text = "\n".join(body.lines) + "\n\n" + abbreviations(ctx.data) + "\n"
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=CONFIGS)


def link_target(href: str, doc: Document, docs: dict[str, Document], ids: dict[str, set[str]], ctx: Context) -> str:
    """Where a link of the site leads in the book: a page of the book, or the edition on the web."""
    edition = ctx.config.addresses.edition_url(ctx.release.version)
    parts = urlsplit(href)
    if parts.scheme or href.startswith("mailto:"):
        return href
    if href.startswith("/"):
        return urljoin(ctx.config.addresses.site_url, href)
    here = page_path(doc.page.name) if doc.page else ""
    if not parts.path and not parts.query:  # on this page
        return href if parts.fragment in ids[doc.href] else urljoin(edition + here, href)
    path = parts.path
    if path.endswith(".md"):  # a Markdown link, relative to the page's file
        name = posixpath.normpath(posixpath.join(posixpath.dirname(doc.page.name if doc.page else ""), path))
        path = page_path(name)
    else:
        path = posixpath.normpath(posixpath.join(here, path)).lstrip("./") + ("/" if path.endswith("/") else "")
        path = "" if path in ("/", ".") else path
    target = next((d for d in docs.values() if d.page and page_path(d.page.name) == path), None)
    if target and not parts.query and (not parts.fragment or parts.fragment in ids[target.href]):
        return target.href + (f"#{parts.fragment}" if parts.fragment else "")
    return urljoin(edition, path) + (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else "")


def to_xhtml(fragment: str) -> lxml_html.HtmlElement:
    """The HTML fragment as a tree, less what only the site needs (its reading tools, permalinks, data
    attributes for its scripts, loading hints)."""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.xpath(DROP):
        element.drop_tree()  # its tail text stays
    for element in root.iter():
        if isinstance(element.tag, str):
            for name in [n for n in element.attrib if n.startswith("data-") or n in SITE_ONLY]:
                del element.attrib[name]
    return root


def serialize(root: lxml_html.HtmlElement) -> str:
    """The fragment's content as XML: void elements closed, entities written as characters."""
    inner = "".join(etree.tostring(child, encoding="unicode", method="xml") for child in root)
    return html.escape(root.text or "", quote=False) + inner


def title_page(ctx: Context, pages: list[Page]) -> str:
    release = ctx.release
    edition = versions.Version.parse(release.version)
    source = ctx.data["sources"].by_id().get("chatterje-doody-2015")
    first = next((p for p in course_pages(pages)), None)
    return templating.render(
        "epub/title.html", essay=formats.ESSAY, author=formats.AUTHOR, edition=edition.edition,
        version=release.version, released=release.released.isoformat(),
        url=ctx.config.addresses.edition_url(release.version),
        example=(ctx.config.addresses.cited_url(first.name, release.version) + "#…") if first else "",
        source=references.full_reference(source, ctx.data.records("sources")) if source else "a book chapter.",
        licence=LICENCE)


def make(ctx: Context, pages: list[Page]) -> bytes:
    """The EPUB of the edition being built."""
    docs = documents(pages)
    by_href = {d.href: d for d in docs}
    trees = {d.href: to_xhtml(page_html(d.page, ctx) if d.page else title_page(ctx, pages)) for d in docs}
    ids = {href: {el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}
           for href, tree in trees.items()}
    images: set[str] = set()
    for doc in docs:
        for element in trees[doc.href].iter("a", "img"):
            if element.tag == "a" and element.get("href"):
                element.set("href", link_target(element.get("href"), doc, by_href, ids, ctx))
            elif element.tag == "img":
                images.add(element.get("src", ""))
    return package(ctx, docs, {href: serialize(tree) for href, tree in trees.items()}, sorted(images))


def package(ctx: Context, docs: list[Document], bodies: dict[str, str], images: list[str]) -> bytes:
    release = ctx.release
    source = ctx.data["sources"].by_id().get("chatterje-doody-2015")
    files: dict[str, str | bytes] = {
        "META-INF/container.xml": ('<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" '
                                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
                                   'full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
                                   "</rootfiles></container>\n"),
        "EPUB/style.css": templating.render("epub/style.css"),
        "EPUB/nav.xhtml": templating.render("epub/nav.xhtml", documents=docs),
        "EPUB/package.opf": templating.render(
            "epub/package.opf", identifier=ctx.config.addresses.edition_url(release.version),
            title=f"{formats.ESSAY} (edition {versions.Version.parse(release.version).edition})",
            author=formats.AUTHOR, released=release.released.isoformat(), rights=LICENCE,
            source=references.full_reference(source, ctx.data.records("sources")) if source else "",
            modified=f"{release.released.isoformat()}T00:00:00Z", documents=docs,
            images=[{"id": "img-" + posixpath.basename(src).removesuffix(".png"), "href": src} for src in images]),
    }
    for doc in docs:
        files[f"EPUB/{doc.href}"] = templating.render("epub/page.xhtml", title=doc.title, body=Markup(bodies[doc.href]))
    for src in images:
        fid = posixpath.basename(src).removesuffix(".png")
        files[f"EPUB/{src}"] = (ctx.rendered[fid].directory / "chart.png").read_bytes()  # type: ignore[index]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", FIXED_DATE), "application/epub+zip", zipfile.ZIP_STORED)
        for name in sorted(files):
            data = files[name]
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), data if isinstance(data, bytes) else data.encode(),
                             zipfile.ZIP_DEFLATED)
    return out.getvalue()
