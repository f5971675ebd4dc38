"""The build stays readable: no module of build_scripts over 300 lines, no function over 60 lines.

The figures' own modules (figures/charts/) are exempt from the function limit: each builds one
declarative chart specification, which reads best whole.
"""

from __future__ import annotations

import ast
from pathlib import Path

from build_scripts.paths import ROOT

PACKAGE = ROOT / "build_scripts"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
DECLARATIVE = PACKAGE / "figures" / "charts"


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def functions(path: Path) -> list[tuple[str, int]]:
    """Every function and method of a module, with its length in lines (decorators included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            found.append((node.name, (node.end_lineno or node.lineno) - start + 1))
    return found


def test_no_module_is_longer_than_300_lines() -> None:
    long = {path.relative_to(ROOT).as_posix(): n for path in modules()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_longer_than_60_lines_outside_the_figures_builders() -> None:
    long = {f"{path.relative_to(ROOT).as_posix()}:{name}": n for path in modules() if DECLARATIVE not in path.parents
            for name, n in functions(path) if n > MAX_FUNCTION_LINES}
    assert long == {}


def test_the_limits_are_measured() -> None:
    assert any(n > 20 for path in modules() for _, n in functions(path))  # the walk finds real functions
    assert len(modules()) > 40
