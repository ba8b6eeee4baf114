"""The screen a window or dialog is on, asked without filing Qt's screen under the widget (ui/dialog_fit.py
``screen_of``): PySide6's ``QWidget.screen()`` and ``QWindow.screen()`` make the screen's Python object a child
of the widget's, so it is marked dead when the widget goes, and the collector could then delete Qt's own screen
(a test run crashed in ``QScreen::virtualSiblings``)."""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from medjournal.ui.dialog_fit import available, screen_of

pytestmark = pytest.mark.gui
SOURCE = Path(__file__).resolve().parents[2] / "src" / "medjournal"


def test_the_screen_found_stays_alive_after_the_widget_is_gone(qtbot: Any) -> None:
    window = QMainWindow()
    window.show()
    screen = screen_of(window)
    assert screen is QGuiApplication.primaryScreen()
    assert available(window) == screen.availableGeometry()
    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.deleteLater()
    del window
    gc.collect()
    assert shiboken6.isValid(screen) and not shiboken6.ownedByPython(screen)
    assert QGuiApplication.primaryScreen().availableGeometry().width() > 0


def test_no_code_asks_a_widget_or_window_for_its_screen() -> None:
    asked = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.screen\(\)", line) and not line.lstrip().startswith("#")
    ]
    assert asked == []
