"""How the essay is cited: any target (a page, a section, a figure, a paragraph) in six formats.

Each format is a template with placeholders, filled here for the static "Cite this page" block and
in the browser for a section, figure or paragraph (the reader's access date is known only there):

  {title} / {Title}   the target's title in sentence case / title case (Chicago and MLA use title case)
  {url}               the target's address, with its #anchor
  {key}               a BibTeX key
  {accessed_apa} {accessed_chicago} {accessed_mla} {accessed_iso} {accessed_ris}   the access date
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from build_scripts import dates
from build_scripts.paths import SITE_CONFIG
from build_scripts.yamlload import load_yaml, strip_lines

AUTHOR = "Multivector Project"
# Zotero's Embedded Metadata translator splits "Multivector Project" into a first and a last name;
# with a trailing comma it keeps one single-field (institutional) name.
HIGHWIRE_AUTHOR = AUTHOR + ","
ESSAY = "Competition for Co-operation, retold: an interactive essay on Russia's multivector foreign policy"
SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "vs"}
MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


class Release(BaseModel):
    """site_config/release.yaml: the edition every page and citation carries."""

    model_config = ConfigDict(extra="forbid")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    first_published: dt.date
    released: dt.date


def load_release(path: Path = SITE_CONFIG / "release.yaml") -> Release:
    return Release.model_validate(strip_lines(load_yaml(path)))


def title_case(text: str) -> str:
    """Headline case for Chicago and MLA: major words capitalised, words already capitalised kept."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        core = word.strip("“”‘’'\"(")
        first_or_last = i == 0 or i == len(words) - 1 or words[i - 1].endswith(":")
        if core and core.islower() and (first_or_last or core not in SMALL_WORDS):
            lead = word[: len(word) - len(word.lstrip("“”‘’'\"("))]
            word = lead + "-".join(p[:1].upper() + p[1:] for p in word[len(lead):].split("-"))
        out.append(word)
    return " ".join(out)


def long_date(day: dt.date) -> str:
    return f"{dates.MONTHS[day.month - 1]} {day.day}, {day.year}"


def mla_date(day: dt.date) -> str:
    return f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"


def templates(release: Release) -> dict[str, str]:
    """Every format, with the target's parts left as placeholders."""
    issued = release.released
    version = release.version
    essay_title = title_case(ESSAY)
    csl_item = {
        "id": "{key}", "type": "webpage", "author": [{"literal": AUTHOR}], "title": "{title}",
        "container-title": ESSAY, "version": version,
        "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
        "accessed": {"raw": "{accessed_iso}"}, "URL": "{url}",
    }
    return {
        # APA keeps a site's name as the site writes it; Chicago and MLA put titles in headline case
        "APA 7": (f"{AUTHOR}. ({issued.year}, {long_date(issued).split(',')[0]}). {{title}} (Version {version}). "
                  f"{ESSAY}. Retrieved {{accessed_apa}}, from {{url}}"),
        "Chicago author-date": (f"{AUTHOR}. {issued.year}. “{{Title}}.” Version {version}. {essay_title}, "
                                f"{long_date(issued).split(',')[0]}. Accessed {{accessed_chicago}}. {{url}}."),
        "MLA 9": (f"{AUTHOR}. “{{Title}}.” {essay_title}, version {version}, {mla_date(issued)}, {{url}}. "
                  "Accessed {accessed_mla}."),
        "BibTeX": "\n".join([
            "@online{{key},",
            "  author = {{" + AUTHOR + "}},",
            "  title = {{title}},",
            "  booktitle = {" + ESSAY + "},",
            "  version = {" + version + "},",
            "  date = {" + issued.isoformat() + "},",
            "  url = {{url}},",
            "  urldate = {{accessed_iso}}",
            "}",
        ]),
        "RIS": "\n".join([
            "TY  - ELEC", f"AU  - {AUTHOR}", "TI  - {title}", f"T2  - {ESSAY}", f"PB  - {AUTHOR}",
            f"PY  - {issued.year}", f"DA  - {issued.year}/{issued.month:02d}/{issued.day:02d}", f"ET  - {version}",
            "UR  - {url}", "Y2  - {accessed_ris}", "ER  - ",
        ]),
        "CSL-JSON": json.dumps([csl_item], ensure_ascii=False),
    }


PLACEHOLDER = re.compile(
    r"\{(title|Title|url|key|accessed_apa|accessed_chicago|accessed_mla|accessed_iso|accessed_ris)\}"
)


@dataclass(frozen=True)
class Target:
    """What is cited: a page, or a part of it."""

    title: str  # sentence case, e.g. "Elite discourse: paragraph 4"
    url: str  # absolute, with #anchor for a part
    key: str


def _tex(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


# how values are written inside each format, and which (the browser applies the same rules);
# BibTeX's url field is verbatim, so only titles are escaped there
ESCAPES = {"BibTeX": (_tex, {"title", "Title"}), "CSL-JSON": (_json, None)}


def fill(template: str, target: Target, accessed: dt.date | None, escape: str | None = None) -> str:
    """A template with the target's parts; without an access date, a bracketed prompt stands in."""
    prompt = "[date of access]"
    values = {
        "title": target.title, "Title": title_case(target.title), "url": target.url, "key": target.key,
        "accessed_apa": long_date(accessed) if accessed else prompt,
        "accessed_chicago": long_date(accessed) if accessed else prompt,
        "accessed_mla": mla_date(accessed) if accessed else prompt,
        "accessed_iso": accessed.isoformat() if accessed else prompt,
        "accessed_ris": accessed.strftime("%Y/%m/%d") if accessed else prompt,
    }
    esc, which = ESCAPES.get(escape or "", (lambda text: text, None))

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        return esc(values[key]) if which is None or key in which else values[key]

    return PLACEHOLDER.sub(value, template)


def site_url() -> str:
    """The published address, as MkDocs sees it (SITE_URL), always ending in a slash."""
    url = os.environ.get("SITE_URL") or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


EDITION_SUFFIX = re.compile(r"v/\d+\.\d+/$")


def root_url() -> str:
    """The address of the latest edition: SITE_URL, less the edition part when an edition is being built."""
    return EDITION_SUFFIX.sub("", site_url())


def edition_path(version: str) -> str:
    """Where the edition a version belongs to lives below the site root: v/1.0/ for every 1.0.x."""
    return "v/" + ".".join(version.split(".")[:2]) + "/"


def edition_url(version: str) -> str:
    """The fixed address of the edition a version belongs to: citations point there."""
    return root_url() + edition_path(version)


def page_path(name: str) -> str:
    """A content page's path below a site root (pages are served as folders)."""
    return "" if name == "index.md" else name.removesuffix(".md") + "/"


def page_url(name: str) -> str:
    """The address of a content page as built (the latest edition's, or an edition's own)."""
    return site_url() + page_path(name)


def cited_url(name: str, version: str) -> str:
    """The address a citation gives: the page in its fixed edition, which later editions do not change."""
    return edition_url(version) + page_path(name)


def page_slug(name: str) -> str:
    """A page's name in file names and keys: 'index', '2-elite-discourse'."""
    return "index" if name == "index.md" else name.removesuffix(".md").replace("/", "-")


def page_target(name: str, title: str, version: str) -> Target:
    return Target(title=title, url=cited_url(name, version), key=f"multivector-{page_slug(name)}")


def og_image_url(name: str) -> str:
    """Where a page's preview card is published (the build writes og/<slug>.png)."""
    return f"{site_url()}og/{page_slug(name)}.png"
