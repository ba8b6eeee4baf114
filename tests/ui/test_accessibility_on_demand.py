"""Controls are named when assistive technology first asks, not before (ui/accessibility.py): a window started as
the ``medjournal`` command starts it walks nothing and filters no event for it until a screen reader's first
question, and that question is answered with every control of every window named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from medjournal.ui import accessibility
from medjournal.ui.accessibility import unnamed_controls
from tests.ui.keys import Keyboard, journal_at, start_like_the_command

pytestmark = pytest.mark.gui

NOW = "2026-03-15T21:30:00"


@pytest.fixture
def no_screen_reader_yet(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The application as it starts with no assistive technology: the tests' own naming (tests/ui/conftest.py)
    taken away for the test and given back after it. (Counting the filter's calls by replacing its eventFilter
    on the class crashed PySide at a later test: it keeps the method it found.)"""
    tests_namer = accessibility._namer
    if tests_namer is not None:
        qapp.removeEventFilter(tests_namer)
    monkeypatch.setattr(accessibility, "_namer", None)
    monkeypatch.setattr(accessibility, "_asked", False)
    monkeypatch.setattr(accessibility, "_begun", False)
    try:
        yield
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
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_screen_reader_yet: None
) -> None:
    before: list[list[str]] = []
    after: list[list[str]] = []
    dialog_after: list[list[str]] = []

    def session(window: QWidget) -> None:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        Keyboard(qtbot).play("Alt+P 6")  # a person typing, no screen reader
        assert accessibility._namer is None  # no filter installed: no event crosses into Python for it
        before.append(nameless_fields(window))  # read without asking as a screen reader asks
        # A screen reader's first question, as AT-SPI or UI Automation asks it: the window's accessibility object.
        interface = QAccessible.queryAccessibleInterface(window)
        assert interface is not None
        qtbot.waitUntil(lambda: accessibility._namer is not None)  # the event loop's next turn
        after.append(unnamed_controls(window))
        # From now on a dialog shown is named as it appears.
        window.settings_action.trigger()  # type: ignore[attr-defined]
        dialog = window.settings_dialog  # type: ignore[attr-defined]
        qtbot.waitExposed(dialog)
        assert accessibility._namer is not None
        dialog_after.append(unnamed_controls(dialog))
        dialog.reject()
        window.close()

    assert start_like_the_command(monkeypatch, a_journal(tmp_path), NOW, session) == 0
    assert before and before[0], "some controls are named only by the naming: the test could not tell"
    assert after == [[]]
    assert dialog_after == [[]]


def test_a_first_question_about_one_control_names_it_too(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_screen_reader_yet: None
) -> None:
    """A screen reader that starts on one control: the window, that control included, is named in the event
    loop's next turn (naming inside the question made Qt make one accessibility object twice and crash later:
    the next test's question is the check)."""
    asked_about: list[str] = []
    remaining: list[list[str]] = []

    def session(window: QWidget) -> None:
        unnamed = [w for w in window.findChildren(QWidget) if w.isVisible() and accessibility.is_control(w)]
        first = next(
            w for w in unnamed if not isinstance(w, QAbstractButton) and not w.accessibleName().strip()
        )
        QAccessible.queryAccessibleInterface(first)
        qtbot.waitUntil(lambda: accessibility._namer is not None)  # the event loop's next turn
        asked_about.append(accessibility.accessible_name(first))
        remaining.append(unnamed_controls(window))
        window.close()

    assert start_like_the_command(monkeypatch, a_journal(tmp_path), NOW, session) == 0
    assert asked_about and asked_about[0].strip()
    assert remaining == [[]]


def test_the_visit_note_is_named_for_what_it_asks_not_for_the_line_above_it(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Summary's visit note follows the line saying when the last visit was ("No visit recorded yet."): a
    screen reader named the field with that line."""
    names: list[str] = []

    def session(window: QWidget) -> None:
        window.activateWindow()
        Keyboard(qtbot).play("Ctrl+5")  # Summary
        qtbot.waitUntil(lambda: "summary" in window.views)  # type: ignore[attr-defined]
        view = window.views["summary"]  # type: ignore[attr-defined]
        names.append(accessibility.accessible_name(view.visit_note_edit))
        names.append(view.last_visit_label.text())
        window.close()

    assert start_like_the_command(monkeypatch, a_journal(tmp_path), NOW, session) == 0
    assert names == ["Note about the visit (optional)", "No visit recorded yet."]
