"""File › Open another journal… with a path where there is no journal (a file renamed or moved since the dialog
listed it, a name typed into the dialog): the window says so in one message, keeps the journal it shows, and
creates nothing at that path: no journal, no side file, no lock file (docs/command-line.md, "A journal that is
not there", for the command line's side)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from medjournal.ui import errors
from medjournal.ui.main_window import MainWindow
from tests.conftest import NOW
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


# A menu opened from the keyboard grabs the keyboard, which the offscreen platform cannot do; it says so, and the
# menu still gets the keys sent to it.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_open_of_a_journal_that_is_not_there_says_so_and_creates_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW.isoformat())
    journal.add_checkin(pain=4, day=date(2026, 3, 13))  # typed in two days late
    journal.close()
    missing = tmp_path / "jornal.db"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(missing), "")))
    shown: list[str] = []
    monkeypatch.setattr(errors, "show_message", lambda _parent, text, _title="": shown.append(text))
    keys = Keyboard(qtbot)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        keys.play("Alt+F")  # the File menu
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        qtbot.keyClick(
            QApplication.activePopupWidget(), Qt.Key.Key_O
        )  # the open menu has the keys: "&Open …"
        qtbot.waitUntil(lambda: bool(shown))
        seen["path"] = window.journal.path
        seen["pain"] = [entry.pain for entry in window.journal.checkins()]
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    assert shown == [f"There is no journal file at {missing}."]
    assert seen == {"path": db, "pain": [4]}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("jornal")) == []
