"""The window asks for an encrypted journal's passphrase at start; a wrong one is a sentence, not a change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal, cipher
from medjournal.storage.lock import JournalLock
from medjournal.ui.journal import recovery
from tests.conftest import NOW
from tests.ui.encrypted_window import encrypted_journal, wrong_then_right
from tests.ui.modal import with_modal

pytestmark = pytest.mark.gui


def test_a_wrong_passphrase_is_one_sentence_and_the_right_one_opens_the_journal(
    qtbot, tmp_path: Path
) -> None:
    path = encrypted_journal(tmp_path)
    shown: list[str] = []
    answer = wrong_then_right(qtbot, path, shown)

    opened: list[tuple[Journal, JournalLock] | None] = []
    with_modal(
        lambda: opened.append(recovery.open_for_window(path, FixedClock(NOW), show_message=pytest.fail)),
        answer,
    )
    assert shown == [f"The passphrase does not open the journal {path}; nothing was changed."]
    result = opened[0]
    assert result is not None
    journal, lock = result
    try:
        assert [c.note for c in journal.checkins()] == ["only for me"]
    finally:
        journal.close()
        lock.release()


def test_quitting_the_passphrase_dialog_opens_nothing(qtbot, tmp_path: Path) -> None:
    path = encrypted_journal(tmp_path)
    before = path.read_bytes()
    opened: list[object] = []

    def quit_dialog(dialog: QWidget) -> None:
        qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)

    with_modal(
        lambda: opened.append(recovery.open_for_window(path, FixedClock(NOW), show_message=pytest.fail)),
        quit_dialog,
    )
    assert opened == [None]
    assert path.read_bytes() == before
    assert cipher.key_for(path) is None
