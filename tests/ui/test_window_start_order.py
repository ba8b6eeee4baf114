"""What a window start loads before Qt, and the collector paused while it starts (docs/architecture.md,
*Start-up*).

Once PySide6 is loaded it reads the source of every module imported after it; ``ui/before_qt.py`` loads the
window's modules that use no Qt first. The window is started as the ``medjournal`` command starts it, in a fresh
process that notes the order in which modules are first imported; a module of medjournal without Qt that the
start imports only after PySide6 (one added to the start path, or moved) shows up here.
"""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow

from medjournal.ui.before_qt import AFTER_THE_CHECKS_BEGIN
from tests.test_check_ahead import damaged_journal, sound_journal
from tests.ui.test_check_ahead_window import refusal_read_and_quit, start_window
from tests.ui.test_window_start_lazy import start_window as start_command

# Run first in the probe's process: notes each module as it is first imported, then loads what the command
# loads before it starts the window (the command line, then the window's start module).
NOTE_THE_ORDER = """
import sys

also_seen = {"order": []}


class Recorder:
    def find_spec(self, name, path=None, target=None):
        also_seen["order"].append(name)
        return None


sys.meta_path.insert(0, Recorder())
import medjournal.cli
import medjournal.ui.app
"""


def uses_qt(module: str) -> bool:
    """Whether PySide6 counts ``module`` as one that uses it: its source names PySide6."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return False
    return "PySide6" in Path(spec.origin).read_text(encoding="utf-8")


def test_the_window_loads_its_modules_without_qt_before_qt(tmp_path: Path) -> None:
    seen = start_command(tmp_path, "en_US.UTF-8", before=NOTE_THE_ORDER)
    order = seen["order"]
    assert isinstance(order, list)
    assert "medjournal.ui.today.today_view" in order  # the real window started
    first_qt = next(i for i, name in enumerate(order) if name.startswith("PySide6"))
    assert "medjournal.storage.journal" in order[:first_qt]
    late = [
        name
        for name in order[first_qt:]
        if name.startswith("medjournal.") and not uses_qt(name) and name not in AFTER_THE_CHECKS_BEGIN
    ]
    assert late == [], " ".join(late)
    assert order.index("medjournal.storage.sqlite_lib") > order.index("medjournal.storage.check_ahead")


@pytest.mark.gui
def test_the_collector_is_paused_while_the_window_starts_and_runs_once_it_is_shown(
    qtbot, tmp_path: Path
) -> None:
    collecting: list[bool] = []

    def note_and_quit(app: QApplication) -> None:
        assert any(isinstance(w, QMainWindow) and w.isVisible() for w in app.topLevelWidgets())
        collecting.append(gc.isenabled())
        app.exit(0)

    assert gc.isenabled()
    assert start_window(sound_journal(tmp_path), note_and_quit) == 0
    assert collecting == [True]
    assert gc.isenabled()


@pytest.mark.gui
def test_a_refused_journal_gives_the_collector_back(qtbot, tmp_path: Path) -> None:
    """A start that ends at a refusal turns the collector on again; it was off while the refusal was asked."""
    path, expected = damaged_journal(tmp_path)
    reasons: list[str] = []
    paused: list[bool] = []

    def note_and_refuse(app: QApplication) -> None:
        paused.append(not gc.isenabled())
        refusal_read_and_quit(qtbot, reasons)(app)

    assert gc.isenabled()
    assert start_window(path, note_and_refuse) == 1
    assert reasons == [expected]
    assert paused == [True]
    assert gc.isenabled()
