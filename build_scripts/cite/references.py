"""How sources are named in the essay: short in-text labels and full reference-list entries."""

from __future__ import annotations

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


def short_label(source: Any) -> str:
    """'Chatterje-Doody 2015' — the in-text form."""
    return f"{creators(source)} {year(source)}"


def _person(p: Any) -> str:
    if p.literal:
        return p.literal
    return f"{p.family}, {p.given}" if p.given else (p.family or "")


def full_reference(source: Any) -> str:
    """A reference-list entry in plain text (author-date)."""
    people = source.author or source.editor
    who = "; ".join(_person(p) for p in people) if people else (source.publisher or "")
    parts = [f"{who} ({year(source)})" if who else f"({year(source)})"]
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
