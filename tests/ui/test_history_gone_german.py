"""An entry removed elsewhere while History still shows it (another window, a restore): editing or deleting it
says, in the window's language, which kind of entry is gone, and the journal stays as it was
(storage/entry_gone.py, docs/translating.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.ui.history.history_view import HistoryView
from medjournal.ui.language import apply_language
from tests.test_cli import snapshot
from tests.ui.keys import journal_at, start_like_the_command

pytestmark = pytest.mark.gui

NOW = "2026-03-15T09:30"


def _history(qtbot: Any, window: QWidget) -> HistoryView:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in window.findChildren(HistoryView)))
    return next(v for v in window.findChildren(HistoryView) if v.isVisible())


def german_journal(db: Path) -> tuple[Any, Any]:
    """A German journal with a medication, a check-in typed in late and a visit: (the check-in, the visit)."""
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01")
    checkin = journal.add_checkin(pain=5, mood=6, day="2026-03-12", at="2026-03-15 08:00")  # typed in late
    visit = journal.add_visit(day="2026-03-02", note="Hausarzt")
    journal.set_setting("language", "de")
    journal.close()
    return checkin, visit


def test_a_check_in_and_a_visit_removed_meanwhile_are_named_in_german(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    checkin, visit = german_journal(db)
    seen: dict[str, str] = {}
    states: list[str] = []

    def session(window: QWidget) -> None:
        view = _history(qtbot, window)
        for table, entry_id, key in (
            ("checkins", checkin.id, Qt.Key.Key_Delete),
            ("visits", visit.id, Qt.Key.Key_Return),
        ):
            position = view.model.find(table, entry_id)
            assert position is not None
            view.select_row(position)
            view.table.setFocus()
            qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
            elsewhere = journal_at(db, NOW)  # another window removes the entry
            elsewhere.delete_entry(table, entry_id)
            elsewhere.close()
            states.append(snapshot(db))
            qtbot.keyClick(view.table, key)
            qtbot.waitUntil(lambda: view.error_label.isVisibleTo(view))
            seen[table] = view.error_label.text()
            states.append(snapshot(db))
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    finally:
        apply_language("en")
    assert seen == {
        "checkins": "Dieser Tageseintrag ist nicht mehr im Tagebuch.",
        "visits": "Dieser Arzttermin ist nicht mehr im Tagebuch.",
    }
    assert states[0] == states[1] and states[2] == states[3]  # the refused key wrote nothing
