"""Errors that name where a problem is, and a collector that reports them all at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data or content file: where it is and what is wrong."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class BuildError(Exception):
    """Raised when data or content is wrong; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Problems:
    """Collects problems so a run can report all of them, not only the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str | Path, line: int | None, message: str) -> None:
        self.items.append(Problem(str(file), line, message))

    def extend(self, other: list[Problem]) -> None:
        self.items.extend(other)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(sorted(set(self.items), key=lambda p: (p.file, p.line or 0, p.message)))


def did_you_mean(value: object, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when some known name is close to `value` (case aside), else ''."""
    by_folded: dict[str, str] = {}
    for name in known:
        by_folded.setdefault(str(name).casefold(), str(name))
    close = difflib.get_close_matches(str(value).casefold(), sorted(by_folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{by_folded[c]}'" for c in close) + "?)"
