"""How sources are named in the essay: short in-text labels and full reference-list entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from string import ascii_lowercase
from typing import Any

from build_scripts.data import dates


def _names(people: list[Any]) -> list[str]:
    return [p.literal or p.family or "" for p in people]


def creators(source: Any) -> str:
    """Surnames (or the organisation) for an in-text label."""
    names = _names(source.author) or _names(source.editor) or [source.publisher or source.title]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


def year(source: Any) -> str:
    return str(dates.year(source.issued)) if source.issued else "n.d."


def _letters(n: int) -> str:
    """a, b, … z, aa, ab, …: the n-th (from 0)."""
    text, n = "", n + 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = ascii_lowercase[rest] + text
    return text


_latest: tuple[tuple[Any, ...], dict[str, str]] = ((), {})  # the last sources asked about, and their letters


def suffixes(everyone: Iterable[Any]) -> dict[str, str]:
    """Letters that tell apart sources with the same creators and year, as author-date styles do
    ("ITAR-TASS 2012a", "ITAR-TASS 2012b"; undated: "n.d.-a"), given in the order of their titles.
    Every label and reference asks, so the letters of the latest set of sources are kept (with the
    sources themselves, so that the same objects, not merely equal ones, are recognised)."""
    global _latest
    sources = tuple(everyone)
    held, letters = _latest
    if len(held) != len(sources) or any(a is not b for a, b in zip(held, sources, strict=True)):
        letters = _letters_of(sources)
        _latest = (sources, letters)
    return letters


def _letters_of(sources: tuple[Any, ...]) -> dict[str, str]:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for source in sources:
        groups[(creators(source), year(source))].append(source)
    out = {}
    for (_, when), group in groups.items():
        if len(group) > 1:
            for n, source in enumerate(sorted(group, key=lambda s: (s.title.casefold(), s.id))):
                out[source.id] = ("-" if when == "n.d." else "") + _letters(n)
    return out


def dated(source: Any, everyone: Iterable[Any]) -> str:
    """The year of a source as its label and its reference give it: with a letter if it shares both."""
    return year(source) + suffixes(everyone).get(source.id, "")


def short_label(source: Any, everyone: Iterable[Any]) -> str:
    """'Chatterje-Doody 2015' — the in-text form (`everyone`: all the sources, to tell apart namesakes)."""
    return f"{creators(source)} {dated(source, everyone)}"


def _person(p: Any) -> str:
    if p.literal:
        return p.literal
    return f"{p.family}, {p.given}" if p.given else (p.family or "")


def full_reference(source: Any, everyone: Iterable[Any]) -> str:
    """A reference-list entry in plain text (author-date)."""
    people = source.author or source.editor
    who = "; ".join(_person(p) for p in people) if people else (source.publisher or "")
    when = dated(source, everyone)
    parts = [f"{who} ({when})" if who else f"({when})"]
    title = source.title
    if source.type in ("chapter", "article-journal", "article-newspaper", "webpage", "entry-encyclopedia"):
        parts.append(f"“{title}”")
    else:
        parts.append(title)
    if source.container_title:
        eds = ""
        if source.type == "chapter" and source.editor:
            eds = " and ".join(f"{p.given} {p.family}".strip() for p in source.editor) + " (eds.) "
        parts.append(f"in {eds}{source.container_title}")
    place = ": ".join(x for x in (source.publisher_place, source.publisher) if x)
    if place and place != who:
        parts.append(place)
    if source.URL:
        accessed = f" (accessed {dates.display(source.accessed)})" if source.accessed else ""
        parts.append(f"{source.URL}{accessed}")
    return ", ".join(parts[:1]) + " " + ", ".join(parts[1:]) + "."
