"""Controls are named when assistive technology first asks, not before (ui/accessibility.py): a window started as
the ``medjournal`` command starts it walks nothing and filters no event for it until a screen reader's first
question, and that question is answered with every control of every window named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from medjournal.ui import accessibility
from medjournal.ui.accessibility import AccessibleNamer, unnamed_controls
from tests.ui.keys import Keyboard, journal_at, start_like_the_command

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30:00"


@pytest.fixture
def no_screen_reader_yet(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The application as it starts with no assistive technology: the tests' own naming (tests/ui/conftest.py)
    taken away for the test and given back after it; yields the count of events the naming filter saw."""
    seen = [0]
    original = AccessibleNamer.eventFilter

    def counted(namer: AccessibleNamer, watched: Any, event: Any) -> bool:
        seen[0] += 1
        return original(namer, watched, event)

    monkeypatch.setattr(AccessibleNamer, "eventFilter", counted)
    tests_namer = accessibility._namer
    if tests_namer is not None:
        qapp.removeEventFilter(tests_namer)
    monkeypatch.setattr(accessibility, "_namer", None)
    monkeypatch.setattr(accessibility, "_asked", False)
    try:
        yield seen
    finally:
        started = accessibility._namer
        if started is not None and started is not tests_namer:
            qapp.removeEventFilter(started)
        if tests_namer is not None:
            qapp.installEventFilter(tests_namer)


def a_journal(tmp_path: Path) -> Path:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.close()
    return db


def nameless_fields(window: QWidget) -> list[str]:
    """Controls other than buttons (a button's text names it) with no accessible name set."""
    return [
        type(w).__name__
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and accessibility.is_control(w)
        and not isinstance(w, QAbstractButton)
        and not w.accessibleName().strip()
    ]


def test_a_window_without_a_screen_reader_names_nothing_until_one_asks(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_screen_reader_yet: list[int]
) -> None:
    before: list[list[str]] = []
    after: list[list[str]] = []
    dialog_after: list[list[str]] = []

    def session(window: QWidget) -> None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        Keyboard(qtbot).play("Alt+P 6")  # a person typing, no screen reader
        assert no_screen_reader_yet[0] == 0  # no event crossed into Python for the naming
        before.append(nameless_fields(window))  # read without asking as a screen reader asks
        # A screen reader's first question, as AT-SPI or UI Automation asks it: the window's accessibility object.
        interface = QAccessible.queryAccessibleInterface(window)
        assert interface is not None
        after.append(unnamed_controls(window))
        # From now on a dialog shown is named as it appears.
        window.settings_action.trigger()  # type: ignore[attr-defined]
        dialog = window.settings_dialog  # type: ignore[attr-defined]
        qtbot.waitExposed(dialog)
        assert no_screen_reader_yet[0] > 0
        dialog_after.append(unnamed_controls(dialog))
        dialog.reject()
        window.close()

    assert start_like_the_command(monkeypatch, a_journal(tmp_path), NOW, session) == 0
    assert before and before[0], "some controls are named only by the naming: the test could not tell"
    assert after == [[]]
    assert dialog_after == [[]]


def test_a_first_question_about_one_control_names_it_too(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_screen_reader_yet: list[int]
) -> None:
    """A screen reader that starts on the focused control: the window is named at once, and that control, whose
    accessibility object is being made as it asks, in the next turn of the event loop."""
    asked_about: list[str] = []
    remaining: list[list[str]] = []

    def session(window: QWidget) -> None:
        unnamed = [w for w in window.findChildren(QWidget) if w.isVisible() and accessibility.is_control(w)]
        first = next(
            w for w in unnamed if not isinstance(w, QAbstractButton) and not w.accessibleName().strip()
        )
        QAccessible.queryAccessibleInterface(first)
        turned: list[bool] = []
        QTimer.singleShot(0, lambda: turned.append(True))
        qtbot.waitUntil(lambda: bool(turned))
        asked_about.append(accessibility.accessible_name(first))
        remaining.append(unnamed_controls(window))
        window.close()

    assert start_like_the_command(monkeypatch, a_journal(tmp_path), NOW, session) == 0
    assert asked_about and asked_about[0].strip()
    assert remaining == [[]]
