"""Functions in the window's code stay short (docs/contributing.md: functions past 60 lines are split where a
part has a name): a constructor that builds a whole section is split into the parts it builds."""

from __future__ import annotations

import ast
from pathlib import Path

import medjournal.ui

LIMIT = 60  # lines, from ``def`` to the function's last line


def long_functions(folder: Path, limit: int) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found.append(
                        f"{path.relative_to(folder.parent)}:{node.lineno} {node.name} ({length} lines)"
                    )
    return found


def test_no_function_in_the_window_code_is_over_60_lines() -> None:
    assert long_functions(Path(medjournal.ui.__file__).parent, LIMIT) == []


def test_the_check_finds_a_long_function(tmp_path: Path) -> None:
    folder = tmp_path / "ui"
    folder.mkdir()
    body = "\n".join(f"    x{n} = {n}" for n in range(LIMIT))
    (folder / "long.py").write_text(f"def long() -> None:\n{body}\n\n\ndef short() -> None:\n    pass\n")
    assert long_functions(folder, LIMIT) == [f"{Path('ui', 'long.py')}:1 long ({LIMIT + 1} lines)"]
