"""Imports point one way (docs/architecture.md): domain/ and storage/ never import Qt or pyqtgraph, and only
storage/ imports sqlite3 (the Journal API is the one door to the data)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "medjournal"
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pure_layers_do_not_import_qt_in_source() -> None:
    offenders = []
    for layer in ("domain", "storage"):
        for path in (SRC / layer).rglob("*.py"):
            bad = [m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN]
            bad += [m for m in imported_modules(path) if m.startswith(("medjournal.ui", "medjournal.report"))]
            if bad:
                offenders.append(f"{path.relative_to(SRC)}: {bad}")
    assert offenders == []


def test_only_storage_imports_sqlite3() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.relative_to(SRC).parts[0] != "storage" and "sqlite3" in imported_modules(path)
    ]
    assert offenders == []


def test_importing_every_pure_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(("medjournal", *p.relative_to(SRC).with_suffix("").parts))
        for layer in ("domain", "storage")
        for p in (SRC / layer).rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_command_line_does_not_load_qt_for_data_commands(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from medjournal.cli import main\n"
        f"sys.argv = ['medjournal', '--db', {str(tmp_path / 'j.db')!r}, 'med', 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_version_is_the_installed_distributions() -> None:
    from importlib import metadata

    import medjournal

    assert medjournal.__version__ == metadata.version("medjournal")


# The window's shell sits flat in ui/; everything that belongs to one section sits in that section's folder
# (docs/architecture.md, "Where the files are"). A new module left flat here fails until it is put in its folder
# or, if it really is shared by the whole window, added to this list and to the architecture page.
UI_SHELL = {
    "__init__",
    "accessibility",
    "app",
    "before_qt",
    "buttons",
    "dialog_fit",
    "errors",
    "fit_rows",
    "flow_layout",
    "help",
    "journal_dialog",
    "journal_write",
    "language",
    "main_window",
    "notifications",
    "pyside_source_check",
    "qt_dates",
    "reminders",
    "section",
    "single_instance",
    "stacking_columns",
    "tab_chain",
}
REPORT_FOLDERS = {"charts", "pdf", "summary", "trends"}


def test_feature_files_sit_in_their_folders() -> None:
    assert {p.stem for p in (SRC / "ui").glob("*.py")} == UI_SHELL
    assert {p.stem for p in (SRC / "report").glob("*.py")} == {"__init__", "language"}
    assert {
        p.name for p in (SRC / "report").iterdir() if p.is_dir() and p.name != "__pycache__"
    } == REPORT_FOLDERS


def test_the_summary_and_trends_data_load_no_qt_and_no_window_code() -> None:
    """report/summary/ and report/trends/ are data: the command line's JSON summary and the Trends view's series are
    built without Qt; and nothing in report/ reaches up into ui/."""
    offenders = []
    for path in (SRC / "report").rglob("*.py"):
        names = imported_modules(path)
        bad = [m for m in names if m.startswith("medjournal.ui")]
        if path.parent.name in {"summary", "trends"}:
            bad += [m for m in names if m.split(".")[0] in FORBIDDEN]
        if bad:
            offenders.append(f"{path.relative_to(SRC)}: {bad}")
    assert offenders == []
