"""The reading guide's syntax: a ```guide block of plain YAML, read into a `Guide`.

    ```guide
    objectives:
      gd-io-o1: Explain why rival-looking organisations can all serve one member.
      gd-io-o2: Tell the chapter's evidence apart from our rebuilt figure.
    terms: [cis, eurasec, csto]
    questions:
      gd-io-q1:
        ask: Is a crowded field a sign of strength or of weakness for Russia?
        draws_on: [io-p4, io-p5]
    exercise:
      gd-io-x1:
        figure: memberships
        open: [year=2009, year=2015]
        task: Open the figure at 2009 and at 2015. What changed, and what would the argument predict?
    ```

Each objective, question and the exercise is keyed by its permanent id, so that it can be cited like a
paragraph. This module only reads the block (and knows nothing of pages or anchors); what the guide's
ids, terms, paragraphs and figure states must satisfy is checked in `guide.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from build_scripts.data.yaml_reader import LINE, LINES, parse
from build_scripts.errors import BuildError, Problem

ITEM_ID = re.compile(r"^gd-[a-z0-9]+(?:-[a-z0-9]+)*$")
STATE = re.compile(r"^(?P<param>[a-z][a-z0-9_]*)=(?P<value>[^&=\s]+)$")
KEYS = ("objectives", "terms", "questions", "exercise")


@dataclass(frozen=True)
class Item:
    """One citable part of a guide: an objective, a question or the exercise."""

    kind: str  # "objective", "question" or "exercise"
    id: str
    line: int
    text: str  # the objective, the question asked, or the task
    draws_on: tuple[str, ...] = ()  # a question's paragraphs
    figure: str = ""  # the exercise's figure
    states: tuple[tuple[str, str], ...] = ()  # the exercise's figure states, as (param, value)

    @property
    def cited_text(self) -> str:
        """What the anchor registry hashes: everything a citation of this item stands for."""
        parts = [self.text]
        if self.draws_on:
            parts.append("draws on " + " ".join(self.draws_on))
        if self.figure:
            parts.append("figure " + self.figure + "".join(f" {p}={v}" for p, v in self.states))
        return " ".join(parts)


@dataclass
class Guide:
    line: int  # the opening fence's line
    objectives: list[Item] = field(default_factory=list)
    terms: list[tuple[str, int]] = field(default_factory=list)  # glossary ids and their lines
    questions: list[Item] = field(default_factory=list)
    exercises: list[Item] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [*self.objectives, *self.questions, *self.exercises]


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _entries(data: dict[str, Any], key: str) -> list[tuple[str, Any, int]]:
    """A mapping of id → value, with each id's line."""
    section = data.get(key)
    if not isinstance(section, dict):
        return []
    lines = section.get(LINES, {})
    return [(str(k), v, lines.get(k, section.get(LINE, 0))) for k, v in section.items() if k not in (LINE, LINES)]


def read_guide(text: str, where: str, line: int) -> tuple[Guide, list[Problem]]:
    """The guide a ```guide block holds (`line`: its opening fence), and every problem in its syntax."""
    guide = Guide(line)
    try:
        data = parse(text, where, offset=line)
    except BuildError as exc:
        return guide, list(exc.problems)
    problems: list[Problem] = []

    def problem(at: int | None, message: str) -> None:
        problems.append(Problem(where, at, f"reading guide: {message}"))

    if not isinstance(data, dict):
        problem(line, "the block holds a YAML mapping with " + ", ".join(KEYS))
        return guide, problems
    for key in data.get(LINES, {}):
        if key not in KEYS:
            problem(data[LINES][key], f"unknown key '{key}' (known: {', '.join(KEYS)})")
    for key in KEYS:
        if key not in data:
            problem(line, f"'{key}' is missing")
        elif key != "terms" and not isinstance(data[key], dict):
            problem(data[LINES][key], f"'{key}' maps each item's permanent id (gd-…) to its text")
    read_items(data, guide, problem)
    terms = _strings(data.get("terms", []))
    if terms is None:
        problem(data.get(LINES, {}).get("terms", line), "'terms' is a list of glossary ids, e.g. [cis, eurasec]")
    else:
        guide.terms = [(term, data.get(LINES, {}).get("terms", line)) for term in terms]
    return guide, problems


def read_items(data: dict[str, Any], guide: Guide, problem: Any) -> None:
    for item_id, value, at in _entries(data, "objectives"):
        text = _text(value)
        if not text:
            problem(at, f"objective '{item_id}' needs its text")
        guide.objectives.append(Item("objective", item_id, at, text))
    for item_id, value, at in _entries(data, "questions"):
        value = value if isinstance(value, dict) else {}
        draws_on = _strings(value.get("draws_on"))
        if not _text(value.get("ask")) or not draws_on:
            problem(at, f"question '{item_id}' needs 'ask' (the question) and 'draws_on' (its paragraphs' ids)")
        guide.questions.append(Item("question", item_id, at, _text(value.get("ask")),
                                    draws_on=tuple(a.removeprefix("#") for a in draws_on or [])))
    for item_id, value, at in _entries(data, "exercise"):
        value = value if isinstance(value, dict) else {}
        states = []
        opened = value.get("open", [])
        for state in opened if isinstance(opened, list) else [opened]:
            match = STATE.match(str(state).removeprefix("?"))
            if match is None:
                problem(at, f"exercise '{item_id}': '{state}' is not a figure state such as year=2009")
                continue
            states.append((match["param"], match["value"]))
        if not _text(value.get("task")) or not _text(value.get("figure")):
            problem(at, f"exercise '{item_id}' needs 'figure' (a figure id) and 'task' (what to do)")
        guide.exercises.append(Item("exercise", item_id, at, _text(value.get("task")),
                                    figure=_text(value.get("figure")), states=tuple(states)))
    for item in guide.items:
        if not ITEM_ID.match(item.id):
            problem(item.line, f"'{item.id}' is not a guide id: lower case, starting gd- (e.g. gd-io-q1)")
