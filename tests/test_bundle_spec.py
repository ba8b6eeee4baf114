"""The bundle leaves out only what the app never imports.

The PyInstaller spec excludes Qt modules and packages to keep the bundle lean. Excluding one the source imports
builds a bundle that starts its command line but fails when the window opens (QtNetwork, used by the one-window
lock, was once on the list). This test reads the spec's exclusion list and every import in src/medjournal.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "medjournal.spec"


def excluded_modules() -> list[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXCLUDES" for t in node.targets):
            assert isinstance(node.value, ast.List)
            return [ast.literal_eval(item) for item in node.value.elts]
    raise AssertionError("packaging/medjournal.spec has no EXCLUDES list")


def imported_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "medjournal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    return found


def test_the_spec_excludes_nothing_the_source_imports() -> None:
    excluded = excluded_modules()
    assert "PySide6.QtTest" in excluded  # the list was read
    imported = imported_modules()
    clashes = sorted(
        module for module in imported for name in excluded if module == name or module.startswith(name + ".")
    )
    assert clashes == []


def test_the_check_sees_the_one_window_lock() -> None:
    assert "PySide6.QtNetwork" in imported_modules()
