"""The code a figure's output depends on: its module and every module of build_scripts it imports,
directly or through others, found by reading their import statements (nothing is imported here).

The render cache is keyed on this code (render.code_digest), so that editing a helper a figure uses,
such as the way numbers are formatted, renders the figure again.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from build_scripts.paths import ROOT

PACKAGE = "build_scripts"


@cache
def module_file(name: str) -> Path | None:
    """The file of a build_scripts module or package, or None for anything else (another library, or a
    name imported from a module rather than a module)."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def is_package(name: str) -> bool:
    path = module_file(name)
    return path is not None and path.name == "__init__.py"


def imported_names(name: str) -> set[str]:
    """The build_scripts modules that module `name` imports (with the packages they sit in)."""
    path = module_file(name)
    if path is None:
        return set()
    package = name if is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1 packages
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            # `from package import module` names a module; `from module import name` does not
            found.update(f"{base}.{alias.name}" for alias in node.names if module_file(f"{base}.{alias.name}"))
    return {parent for module in found if module_file(module) for parent in with_packages(module)}


def with_packages(name: str) -> list[str]:
    """The module and every package above it, whose __init__ runs when it is imported."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


@cache
def code_files(name: str) -> tuple[Path, ...]:
    """Every file of build_scripts that module `name` runs when imported, sorted."""
    seen: set[str] = set()
    todo = set(with_packages(name))
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo |= imported_names(module) - seen
    return tuple(sorted(path for module in seen if (path := module_file(module)) is not None))
