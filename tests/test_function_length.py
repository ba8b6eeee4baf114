"""Functions stay short (docs/contributing.md §4: functions past 60 lines are split where a part has a name): a
constructor that builds a whole section is split into the parts it builds, a long computation into its steps.

A function's length is counted from its ``def`` line to its last line (decorators aside, its docstring and
comments included): what a reader has to hold in mind at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import medjournal

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


def test_no_function_in_the_program_is_over_60_lines() -> None:
    """The window's code (ui/) and the rest (domain/, storage/, report/, cli/): none."""
    assert long_functions(Path(medjournal.__file__).parent, LIMIT) == []


def test_the_check_finds_a_long_function(tmp_path: Path) -> None:
    folder = tmp_path / "ui"
    folder.mkdir()
    body = "\n".join(f"    x{n} = {n}" for n in range(LIMIT))
    (folder / "long.py").write_text(f"def long() -> None:\n{body}\n\n\ndef short() -> None:\n    pass\n")
    assert long_functions(folder, LIMIT) == [f"{Path('ui', 'long.py')}:1 long ({LIMIT + 1} lines)"]


def test_a_method_is_counted_and_a_decorator_is_not(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    body = "".join(f"        x{n} = {n}\n" for n in range(LIMIT - 1))
    (folder / "a.py").write_text(
        f"class C:\n    @decorated\n    def fits(self):\n{body}\n    def too_long(self):\n{body}        y = 0\n"
    )
    assert long_functions(folder, LIMIT) == [
        f"{Path('report', 'a.py')}:{LIMIT + 4} too_long ({LIMIT + 1} lines)"
    ]
