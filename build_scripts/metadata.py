"""Machine-readable description of each page (JSON-LD): the page is part of the essay, and the essay
is based on the source chapter. The theme template writes it, with the Highwire and Open Graph tags."""

from __future__ import annotations

from typing import Any

from . import citations, dates
from .datasets import Datasets

SOURCE_CHAPTER = "chatterje-doody-2015"
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


def jsonld(name: str, meta: dict[str, Any], data: Datasets) -> dict[str, Any]:
    organisation = {"@type": "Organization", "name": citations.AUTHOR}
    essay = {
        "@type": "CreativeWork", "name": citations.ESSAY, "url": citations.site_url(), "author": organisation,
        "version": meta["version"], "license": LICENCE, "isBasedOn": source_chapter(data),
    }
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": meta.get("title", ""),
        "description": meta.get("description", ""),
        "url": citations.page_url(name),
        "inLanguage": "en",
        "author": organisation,
        "publisher": organisation,
        "version": meta["version"],
        "datePublished": meta["first_published"],
        "dateModified": meta["updated"],
        "license": LICENCE,
        "isPartOf": essay,
    }
