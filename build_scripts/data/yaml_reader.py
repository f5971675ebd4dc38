"""Read the project's YAML safely: line numbers kept, dates kept as the strings their authors wrote,
and careless or hostile input refused with the file and line at fault.

Every YAML the build reads (datasets, the traceability map, errata, the release, pages' front matter)
goes through `read_text` and `parse`:

- a file larger than its limit, or not UTF-8, is refused (the line and column of the first bad byte);
- anchors and aliases are refused before anything is built from them: the datasets do not need them,
  and nine nested anchors of nine aliases each ("billion laughs") expand to hundreds of millions of
  values that would hang the build;
- a key written twice in one mapping is refused, naming both lines: YAML would keep the last value
  and silently drop the first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from build_scripts.errors import BuildError, Problem
from build_scripts.paths import rel

LINE = "__line__"  # line of the mapping itself
LINES = "__lines__"  # line of each key in the mapping

# Generous limits: at least ten times the largest file of each kind (a test keeps eight times the room).
MAX_DATA_BYTES = 2 * 1024 * 1024  # the largest dataset, sources.yaml, is about 135 KiB
MAX_PAGE_BYTES = 256 * 1024  # the longest page, chapter 5, is about 14 KiB


# libyaml's parser when present (several times faster); the constructor stays Python's, so marks survive
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that records where each mapping and key stands, and every key written twice."""

    def __init__(self, stream: str, where: str = "<text>", offset: int = 0) -> None:
        super().__init__(stream)
        self.where = where  # the file named in problems
        self.offset = offset  # lines before the text in its file (a page's front matter starts on line 2)
        self.duplicates: list[Problem] = []

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:  # a constructor failing on its value, e.g. `!!timestamp 2014-13-01`
            raise yaml.constructor.ConstructorError(None, None, f"cannot read this value as {node.tag}: "
                                                    f"{exc or type(exc).__name__}", node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.note_duplicates(node)
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = self.line(node)
        mapping[LINES] = {key_node.value: self.line(key_node) for key_node, _ in node.value}
        return mapping

    def note_duplicates(self, node: yaml.MappingNode) -> None:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node)
            if key in seen:
                self.duplicates.append(Problem(self.where, self.line(key_node), (
                    f"key '{key}' is written twice in the same mapping (first at line {seen[key]}): YAML would "
                    "keep only this later value; remove one of them")))
            else:
                seen[key] = self.line(key_node)


# Dates stay strings ("2014-07" must not become a datetime, nor lose its precision).
LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def read_text(path: Path, limit: int = MAX_DATA_BYTES) -> str:
    """A file's text; too large, unreadable or not UTF-8 becomes a BuildError naming the file and line."""
    where = rel(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise BuildError([Problem(where, None, f"is {size:,} bytes, over the limit of {limit:,}: a file this "
                                      "large is almost certainly a mistake (raise the limit in "
                                      "build_scripts/data/yaml_reader.py if it is not)")])
        raw = path.read_bytes()
    except OSError as exc:
        raise BuildError([Problem(where, None, f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(raw, exc.start)
        raise BuildError([Problem(where, line, f"column {column}: byte 0x{raw[exc.start]:02x} is not UTF-8 "
                                  "text; save the file as UTF-8")]) from None


def refuse_anchors(text: str, where: str, offset: int) -> None:
    """Anchors (&name) and aliases (*name), found in the parser's events, before any node is built."""
    problems = []
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            what = f"alias '*{event.anchor}'"
        elif getattr(event, "anchor", None):
            what = f"anchor '&{event.anchor}'"
        else:
            continue
        problems.append(Problem(where, event.start_mark.line + 1 + offset, f"{what}: anchors and aliases are not "
                                "allowed in the project's YAML; write the value out in full"))
    if problems:
        raise BuildError(problems)


def parse(text: str, where: str, offset: int = 0) -> Any:
    """YAML text as data with line bookkeeping; every problem names `where` and a line of its file."""
    loader = None
    try:
        refuse_anchors(text, where, offset)
        loader = LineLoader(text, where, offset)
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        raise BuildError([Problem(where, line, f"YAML syntax error{column}: {what}")]) from None
    except yaml.YAMLError as exc:
        raise BuildError([Problem(where, None, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise BuildError([Problem(where, None, "YAML nested too deeply to read")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if loader.duplicates:
        raise BuildError(loader.duplicates)
    return data


def load_yaml(path: Path, limit: int = MAX_DATA_BYTES) -> Any:
    """Read and parse one YAML file."""
    return parse(read_text(path, limit), rel(path))


def strip_lines(value: Any) -> Any:
    """The same data without the line bookkeeping (for validation and output)."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k not in (LINE, LINES)}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
