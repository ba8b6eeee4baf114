"""The window started as ``medjournal`` starts it on an encrypted journal: the passphrase is asked before the
window's modules load, they load while the key is derived, and the journal is read only once the key opened it
(docs/data-safety.md, *Speed*)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMainWindow, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, open_journal
from medjournal.ui import app as app_module
from tests.conftest import NOW
from tests.ui.encrypted_window import PASSPHRASE, encrypted_journal, type_and_enter, wrong_then_right
from tests.ui.modal import close_left_open

pytestmark = pytest.mark.gui


def run_window_answering(path: Path, answer: Callable[[QWidget], None], seen: list[str] | None = None) -> int:
    """``run_window`` with ``answer`` driving the unlock dialog; with ``seen``, once the main window shows, its
    title and the notes of its journal go there and the window is closed."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def on_dialog() -> None:
        dialog = app.activeModalWidget()
        assert dialog is not None, "no passphrase dialog"
        answer(dialog)
        if isinstance(dialog, QDialog) and dialog.isVisible():
            dialog.reject()
        if seen is not None:
            QTimer.singleShot(0, look_and_quit)

    def look_and_quit() -> None:
        assert seen is not None
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if not windows:  # not shown yet
            QTimer.singleShot(0, look_and_quit)
            return
        journal = windows[0].journal  # type: ignore[attr-defined]
        seen.append(windows[0].windowTitle())
        seen.extend(c.note for c in journal.checkins())
        app.exit(0)

    QTimer.singleShot(0, on_dialog)
    try:
        return app_module.run_window(path, FixedClock(NOW))
    finally:
        close_left_open(app)


def record_loads(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[bool]:
    """Each loading of the window's modules, with whether the key of ``path`` was held at that moment."""
    calls: list[bool] = []
    load = app_module.load_window_modules

    def recorded() -> None:
        calls.append(cipher.key_for(path) is not None)
        load()

    monkeypatch.setattr(app_module, "load_window_modules", recorded)
    return calls


def test_the_modules_load_while_the_key_is_derived_and_a_wrong_passphrase_changes_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = encrypted_journal(tmp_path)
    loads = record_loads(monkeypatch, path)
    problems: list[str] = []
    answer = wrong_then_right(qtbot, path, problems)
    seen: list[str] = []
    assert run_window_answering(path, answer, seen) == 0
    assert problems == [f"The passphrase does not open the journal {path}; nothing was changed."]
    # Loaded while the first (wrong) passphrase's key was being derived, before any key was held; run_window's
    # own loading after the unlock finds them loaded.
    assert loads == [False, True]
    assert seen[1:] == ["only for me"]
    journal = open_journal(path, FixedClock(NOW))  # the key stays held for this process
    try:
        assert [c.note for c in journal.checkins()] == ["only for me"]
    finally:
        journal.close()


def test_the_recovery_key_opens_the_window_the_same_way(qtbot, tmp_path: Path) -> None:
    path = encrypted_journal(tmp_path)
    cipher.unlock(path, PASSPHRASE)
    found = cipher.key_for(path)
    assert found is not None
    recovery_key = cipher.format_recovery_key(*found)
    cipher.forget_all()
    seen: list[str] = []
    labels: list[tuple[str, bool]] = []

    def answer(dialog: QWidget) -> None:
        # the field's label says the recovery key goes there too, and stays in view while it is typed
        field = dialog.findChild(QLineEdit)
        label = getattr(dialog, "field_label", None)
        assert label is not None and field is not None
        labels.append(
            (label.text(), label.isVisible() and label.buddy() is field and not field.placeholderText())
        )
        type_and_enter(qtbot, dialog, recovery_key)

    assert run_window_answering(path, answer, seen) == 0
    assert seen[1:] == ["only for me"]
    assert labels == [("&Passphrase or recovery key", True)]


def test_quitting_at_the_passphrase_loads_and_opens_nothing(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = encrypted_journal(tmp_path)
    loads = record_loads(monkeypatch, path)
    before = path.read_bytes()

    def quit_dialog(dialog: QWidget) -> None:
        qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)

    assert run_window_answering(path, quit_dialog) == 1
    assert loads == []
    assert path.read_bytes() == before
    assert cipher.key_for(path) is None
