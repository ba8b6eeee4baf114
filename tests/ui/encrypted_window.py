"""Journals for the window's encryption tests (unlock, protect, idle lock), and the window started as the
``medjournal`` command starts it: the passphrase typed into the unlock dialog, the one-window lock held."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, encryption, open_journal
from medjournal.ui.journal import recovery
from tests.conftest import NOW
from tests.ui.modal import with_modal

PASSPHRASE = "correct horse battery"


def plain_journal(tmp_path: Path) -> Path:
    """A journal with one medication and one check-in ("only for me"), not encrypted."""
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_checkin(pain=6, mood=5, day="2026-03-14", note="only for me")
    journal.close()
    return path


def encrypted_journal(tmp_path: Path) -> Path:
    """The same journal encrypted with ``PASSPHRASE``, its key forgotten as a new process would start."""
    path = plain_journal(tmp_path)
    encryption.convert(path, PASSPHRASE)
    cipher.forget_all()
    return path


def type_and_enter(qtbot: Any, dialog: QWidget, text: str) -> None:
    field = dialog.findChild(QLineEdit)
    assert field is not None and field.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def wrong_then_right(qtbot: Any, path: Path, problems: list[str]) -> Callable[[QWidget], None]:
    """An answer to the unlock dialog: a wrong passphrase first, whose sentence goes to ``problems`` (the
    dialog stays, the field is emptied, the file and the held keys are unchanged), then ``PASSPHRASE``."""
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    def answer(dialog: QWidget) -> None:
        type_and_enter(qtbot, dialog, "not the passphrase")
        assert dialog.isVisible()
        problem = dialog.findChild(QLabel, "unlockProblem")
        assert problem is not None and problem.isVisible()
        problems.append(problem.text())
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        field = dialog.findChild(QLineEdit)
        assert field is not None and field.text() == ""  # the typed text does not stay in the field
        assert cipher.key_for(path) is None
        type_and_enter(qtbot, dialog, PASSPHRASE)

    return answer


def start_window(qtbot: Any, path: Path) -> Any:
    """What ``run_window`` does before ``app.exec()``: the unlock dialog (answered with keys) when the journal
    is encrypted, the one-window lock, the main window shown."""
    from medjournal.ui.main_window import MainWindow

    def type_passphrase(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        assert field is not None
        qtbot.keyClicks(field, PASSPHRASE)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    opened: list[Any] = []
    if cipher.looks_encrypted(path):
        with_modal(
            lambda: opened.append(recovery.open_for_window(path, FixedClock(NOW), show_message=pytest.fail)),
            type_passphrase,
        )
    else:
        opened.append(recovery.open_for_window(path, FixedClock(NOW), show_message=pytest.fail))
    assert opened[0] is not None
    journal, lock = opened[0]
    window = MainWindow(journal, FixedClock(NOW), first_run=False, lock=lock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_window(window: Any) -> None:
    window.close()
    window.journal.close()
    if window.journal_lock is not None:
        window.journal_lock.release()
