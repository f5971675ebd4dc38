"""Load YAML keeping line numbers, and keeping dates as the strings their authors wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError, Problem
from .paths import rel

LINE = "__line__"  # line of the mapping itself
LINES = "__lines__"  # line of each key in the mapping


# libyaml's parser when present (several times faster); the constructor stays Python's, so marks survive
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that records where each mapping and key stands."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:  # a constructor failing on its value, e.g. `!!timestamp 2014-13-01`
            raise yaml.constructor.ConstructorError(None, None, f"cannot read this value as {node.tag}: "
                                                    f"{exc or type(exc).__name__}", node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        mapping[LINES] = {
            key_node.value: key_node.start_mark.line + 1 for key_node, _ in node.value
        }
        return mapping


# Dates stay strings ("2014-07" must not become a datetime, nor lose its precision).
LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a BuildError naming file, line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError([Problem(rel(path), None, f"cannot be read: {exc}")]) from None
    try:
        return yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        raise BuildError([Problem(rel(path), line, f"YAML syntax error{column}: {what}")]) from None
    except yaml.YAMLError as exc:
        raise BuildError([Problem(rel(path), None, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise BuildError([Problem(rel(path), None, "YAML nested too deeply to read")]) from None


def strip_lines(value: Any) -> Any:
    """The same data without the line bookkeeping (for validation and output)."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k not in (LINE, LINES)}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
