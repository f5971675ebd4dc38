"""Machine-readable description of each page: JSON-LD (the page is part of the essay, and the essay is
based on the source chapter), and the one mapping from which the Highwire and Open Graph tags are
written (partials/citation-meta.html), for the essay's pages and the figures' embed pages alike."""

from __future__ import annotations

from typing import Any

from build_scripts.cite import formats
from build_scripts.cite.addresses import Addresses
from build_scripts.data import dates
from build_scripts.data.datasets import Datasets

SOURCE_CHAPTER = "chatterje-doody-2015"
CARD_WIDTH, CARD_HEIGHT = 1200, 630  # each page's preview card (og:image)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _person(name: Any) -> dict[str, str]:
    if name.literal:
        return {"@type": "Organization", "name": name.literal}
    return {"@type": "Person", "name": " ".join(x for x in (name.given, name.family) if x)}


def source_chapter(data: Datasets) -> dict[str, Any]:
    chapter = data["sources"].by_id()[SOURCE_CHAPTER]
    book: dict[str, Any] = {"@type": "Book", "name": chapter.container_title,
                            "editor": [_person(p) for p in chapter.editor]}
    if chapter.publisher:
        book["publisher"] = {"@type": "Organization", "name": chapter.publisher}
    return {"@type": "Chapter", "name": chapter.title, "author": [_person(p) for p in chapter.author],
            "datePublished": str(dates.year(chapter.issued)) if chapter.issued else None, "isPartOf": book}


def jsonld(addresses: Addresses, name: str, meta: dict[str, Any], data: Datasets,
           url: str | None = None) -> dict[str, Any]:
    """A page of the essay (or, with `url`, a part of one, such as a figure) as schema.org sees it."""
    organisation = {"@type": "Organization", "name": formats.AUTHOR}
    essay = {
        "@type": "CreativeWork", "name": formats.ESSAY, "url": addresses.site_url, "author": organisation,
        "version": meta["version"], "license": LICENCE, "isBasedOn": source_chapter(data),
    }
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": meta.get("title", ""),
        "description": meta.get("description", ""),
        "url": url or addresses.page_url(name),
        "inLanguage": "en",
        "author": organisation,
        "publisher": organisation,
        "version": meta["version"],
        "datePublished": meta["first_published"],
        "dateModified": meta["updated"],
        "license": LICENCE,
        "isPartOf": essay,
    }


def slashed(iso_date: str) -> str:
    """Highwire tags write dates as YYYY/MM/DD."""
    return iso_date.replace("-", "/")


def head(meta: dict[str, Any], *, title: str, description: str, url: str, jsonld: dict[str, Any],
         image: tuple[str, int, int, str] | None = None) -> dict[str, Any]:
    """Everything partials/citation-meta.html writes into a page's <head>: title, the institutional
    author, dates, the address a reference manager keeps (`url`, in the page's edition), and an
    optional preview image (address, width, height, alternative text)."""
    out: dict[str, Any] = {
        "site_name": "Multivector", "title": title, "description": description, "url": url,
        "author": formats.HIGHWIRE_AUTHOR, "publisher": formats.AUTHOR,
        "published": slashed(meta["released"]), "online": slashed(meta["updated"]), "jsonld": jsonld,
        "image": None,
    }
    if image:
        out.update(image=image[0], image_width=image[1], image_height=image[2], image_alt=image[3])
    return out


def page_head(addresses: Addresses, name: str, meta: dict[str, Any], data: Datasets, version: str) -> dict[str, Any]:
    """The <head> metadata of a content page: its preview card, its address in its edition."""
    title = str(meta.get("title", ""))
    return head(meta, title=title, description=str(meta.get("description", "")),
                url=addresses.cited_url(name, version), jsonld=jsonld(addresses, name, meta, data),
                image=(addresses.og_image_url(name), CARD_WIDTH, CARD_HEIGHT, f"{title}: a title card of the essay"))
