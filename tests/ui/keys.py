"""Typing into the real window: each key goes to whichever widget has the focus, as a person's key would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keyboard:
    """Sends each key to the widget with the keyboard focus and counts the presses. While a dialog is open it
    waits for the focus to be in it first (as a person waits for the dialog to appear)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.presses = 0

    def focused(self) -> QWidget:
        modal = QApplication.activeModalWidget()
        if modal is not None and _open_dialog(modal):
            self.qtbot.waitUntil(
                lambda: QApplication.activeWindow() is modal and _inside(QApplication.focusWidget(), modal)
            )
        else:  # a dialog just closed: the window comes back to the front
            self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        return target

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
        self.qtbot.keyClick(self.focused(), key, modifier)
        self.presses += 1

    def type(self, text: str) -> None:
        for char in text:
            self.press(Qt.Key(ord(char.upper())))

    def play(self, script: str) -> None:
        """``T Enter Alt+P 6 Ctrl+S``: one key (with its modifiers) per word."""
        for word in script.split():
            *mods, name = word.split("+")
            modifier = NONE
            for mod in mods:
                modifier |= {"Alt": ALT, "Ctrl": CTRL}[mod]
            key = {"Enter": Qt.Key.Key_Return, "Tab": Qt.Key.Key_Tab, "Esc": Qt.Key.Key_Escape}.get(name)
            self.press(key if key is not None else Qt.Key(ord(name.upper())), modifier)


def _open_dialog(modal: QWidget | None) -> bool:
    """A dialog open over a shown window (not one an earlier test left behind with its window gone)."""
    if modal is None or not shiboken6.isValid(modal) or not modal.isVisible():
        return False
    parent = modal.parentWidget()
    return parent is not None and parent.window().isVisible()


def _inside(widget: QWidget | None, container: QWidget) -> bool:
    return widget is not None and (widget is container or container.isAncestorOf(widget))


def start_like_the_command(monkeypatch: Any, db: Path, now: str, session: Callable[[QWidget], None]) -> int:
    """Run ``medjournal --db DB`` (no command: the window) the way a person does, through the command line's
    own code path, with ``MEDJOURNAL_NOW`` fixing the clock. Instead of waiting in the event loop for the
    person, ``session(window)`` runs with the window shown; closing it ends the run like closing the window."""
    from click.testing import CliRunner

    from medjournal.cli import cli, register_commands

    def exec_session(*_args: Any) -> int:
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMainWindow")]
        assert len(windows) == 1, windows
        session(windows[0])
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_session)
    register_commands()
    result = CliRunner().invoke(cli, ["--db", str(db)], env={"MEDJOURNAL_NOW": now}, catch_exceptions=False)
    return result.exit_code


def journal_at(db: Path, now: str) -> Any:
    """The journal at ``db`` opened with the clock at ``now`` (the ``MEDJOURNAL_NOW`` the window is started with),
    to set it up before a session and read it back after."""
    from datetime import datetime

    from medjournal.domain.clock import FixedClock
    from medjournal.storage import open_journal

    return open_journal(db, FixedClock(datetime.fromisoformat(now).astimezone()))
