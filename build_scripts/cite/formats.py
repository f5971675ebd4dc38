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
import re
from dataclasses import dataclass
from typing import Any

from build_scripts.cite.addresses import Addresses, page_slug
from build_scripts.data import dates
from build_scripts.editions.release import Release

AUTHOR = "Multivector Project"


# Zotero's Embedded Metadata translator splits "Multivector Project" into a first and a last name;
# with a trailing comma it keeps one single-field (institutional) name.
HIGHWIRE_AUTHOR = AUTHOR + ","


ESSAY = "Competition for Co-operation, retold: an interactive essay on Russia's multivector foreign policy"


SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to", "vs"}


MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


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


PLACEHOLDERS = ("title", "Title", "url", "key", "accessed_apa", "accessed_chicago", "accessed_mla", "accessed_iso",
                "accessed_ris")
PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
PROMPT = "[date of access]"  # stands for the access date where it is not known (the static block)


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


ESCAPERS = {"tex": _tex, "json": _json}
# how values are written inside each format, and which (None: all); BibTeX's url field is verbatim, so
# only titles are escaped there. The browser applies the same rules (browser_rules).
ESCAPES: dict[str, tuple[str, tuple[str, ...] | None]] = {"BibTeX": ("tex", ("title", "Title")),
                                                          "CSL-JSON": ("json", None)}


def fill(template: str, target: Target, accessed: dt.date | None, escape: str | None = None) -> str:
    """A template with the target's parts; without an access date, a bracketed prompt stands in."""
    prompt = PROMPT
    values = {
        "title": target.title, "Title": title_case(target.title), "url": target.url, "key": target.key,
        "accessed_apa": long_date(accessed) if accessed else prompt,
        "accessed_chicago": long_date(accessed) if accessed else prompt,
        "accessed_mla": mla_date(accessed) if accessed else prompt,
        "accessed_iso": accessed.isoformat() if accessed else prompt,
        "accessed_ris": accessed.strftime("%Y/%m/%d") if accessed else prompt,
    }
    kind, which = ESCAPES.get(escape or "", ("", ()))

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        return ESCAPERS[kind](values[key]) if kind and (which is None or key in which) else values[key]

    return PLACEHOLDER.sub(value, template)


def page_target(addresses: Addresses, name: str, title: str, version: str) -> Target:
    return Target(title=title, url=addresses.cited_url(name, version), key=f"multivector-{page_slug(name)}")


def browser_rules() -> dict[str, Any]:
    """What the browser needs to fill the templates as `fill` does, for a target and the reader's date
    (cite.js reads it from the page): placeholders, month names, title case's small words, escapes."""
    return {"placeholders": list(PLACEHOLDERS), "prompt": PROMPT, "months": dates.MONTHS, "mlaMonths": MLA_MONTHS,
            "smallWords": sorted(SMALL_WORDS),
            "escapes": {name: {"as": kind, "keys": list(keys) if keys else None}
                        for name, (kind, keys) in ESCAPES.items()}}
