"""When an entry was recorded, in History's selected entry, its tooltip and the entry editor, is written in the
window's language like the entry's own day above it, not as a stored ISO moment (docs/translating.md, "Dates,
times and numbers in the window")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from medjournal.ui.history.entry_editor import EntryEditor
from medjournal.ui.language import apply_language
from tests.ui.keys import start_like_the_command
from tests.ui.modal import with_modal
from tests.ui.test_history_gone_german import NOW, _history, german_journal

pytestmark = pytest.mark.gui


def test_a_check_in_typed_in_late_says_when_in_german(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "journal.db"
    checkin, _visit = german_journal(db)  # the check-in of 12 March, typed in on 15 March at 09:30
    seen: dict[str, str] = {}

    def session(window: QWidget) -> None:
        view = _history(qtbot, window)
        position = view.model.find("checkins", checkin.id)
        assert position is not None
        view.select_row(position)
        view.table.setFocus()
        qtbot.waitUntil(lambda: "Tageseintrag" in view.details.text())
        seen["details"] = view.details.text()
        index = view.model.index(position, 0)
        seen["tooltip"] = str(view.model.data(index, Qt.ItemDataRole.ToolTipRole))
        seen["column"] = str(view.model.data(view.model.index(position, 5), Qt.ItemDataRole.DisplayRole))

        def read_editor(editor: QWidget) -> None:
            assert isinstance(editor, EntryEditor)
            stamps = [label.text() for label in editor.findChildren(QLabel) if "Eingetragen" in label.text()]
            seen["editor"] = " ".join(stamps)

        with_modal(lambda: qtbot.keyClick(view.table, Qt.Key.Key_Return), read_editor)  # Edit…
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    finally:
        apply_language("en")
    assert "Eingetragen So., 15. März 2026, 09:30 (später als der Tag, um den es geht)" in seen["details"], (
        seen
    )
    assert "Eingetragen So., 15. März 2026, 09:30" in seen["tooltip"]
    assert seen["editor"] == "Eingetragen So., 15. März 2026, 09:30."
    assert seen["column"] == "später, 15.03.2026"  # the table's days are in numbers
    assert not any("2026-03-15" in text for text in seen.values()), seen
