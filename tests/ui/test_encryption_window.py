"""An encrypted journal in the window: the window is started as the ``medjournal`` command starts it (the
passphrase typed into the unlock dialog), and the person's keys drive it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, encryption, open_journal
from medjournal.ui import recovery
from tests.conftest import NOW
from tests.ui.keys import Keyboard
from tests.ui.modal import with_modal

pytestmark = pytest.mark.gui
PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    cipher.forget_all()
    yield
    cipher.forget_all()


def plain_journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-02-01")
    journal.add_checkin(pain=6, mood=5, day="2026-03-14", note="only for me")
    journal.close()
    return path


def encrypted_journal(tmp_path: Path) -> Path:
    path = plain_journal(tmp_path)
    encryption.convert(path, PASSPHRASE)
    cipher.forget_all()
    return path


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


def show_summary(qtbot: Any, window: Any) -> Any:
    window.activateWindow()
    Keyboard(qtbot).play("Ctrl+5")
    view = window.views["summary"]
    qtbot.waitUntil(lambda: view.isVisible() and view.save_button.isEnabled(), timeout=30000)  # preview ready
    return view


def test_the_summary_of_an_encrypted_journal_says_the_pdf_is_not_encrypted(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start_window(qtbot, encrypted_journal(tmp_path))
    try:
        view = show_summary(qtbot, window)
        note = view.findChild(QLabel, "plainPdfNote")
        assert note is not None and note.isVisible()
        assert "the PDF is not" in note.text() and "meant for your doctor" in note.text()
        captions: list[str] = []

        def choose(parent: Any, caption: str, suggestion: str, filters: str) -> tuple[str, str]:
            captions.append(caption)
            return str(tmp_path / "for-the-doctor.pdf"), filters

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
        with qtbot.waitSignal(view.pdf_saved, timeout=30000):
            view.save_button.click()
        assert captions == ["Save the summary as PDF (not encrypted: anyone with the file can read it)"]
        assert (tmp_path / "for-the-doctor.pdf").read_bytes().startswith(b"%PDF")
    finally:
        close_window(window)


def test_the_summary_of_a_plain_journal_has_no_such_sentence(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = start_window(qtbot, plain_journal(tmp_path))
    try:
        view = show_summary(qtbot, window)
        note = view.findChild(QLabel, "plainPdfNote")
        assert note is not None and not note.isVisible()
        captions: list[str] = []

        def cancel(parent: Any, caption: str, suggestion: str, filters: str) -> tuple[str, str]:
            captions.append(caption)
            return "", ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
        view.save_button.click()
        assert captions == ["Save the summary as PDF"]
    finally:
        close_window(window)
