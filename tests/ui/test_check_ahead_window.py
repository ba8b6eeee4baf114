"""The window started as ``medjournal`` starts it: the journal's safe-open checks run in the background while
the window's modules load, and nothing opens the journal for writing before they passed (storage/check_ahead.py,
docs/data-safety.md, *Speed*). A damaged journal is refused with its sentence and left as it was, also one
damaged after its check began."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, open_journal
from medjournal.ui import app as app_module
from medjournal.ui.journal.recovery import RecoveryDialog
from tests.conftest import NOW
from tests.test_check_ahead import (
    damage_an_index,
    damaged_journal,
    record_checks,
    sentence,
    settle,
    sound_journal,
)
from tests.ui.encrypted_window import PASSPHRASE, encrypted_journal, type_and_enter
from tests.ui.modal import close_left_open
from tests.ui.test_unlock_at_start import run_window_answering

pytestmark = pytest.mark.gui


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_checks(monkeypatch)


def start_window(path: Path, on_shown: Callable[[QApplication], None]) -> int:
    """``run_window`` as the command runs it; ``on_shown`` gets the application once a main window or a modal
    dialog is up, and must end it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def look() -> None:
        up = app.activeModalWidget() or next(
            (w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()), None
        )
        if up is None:
            QTimer.singleShot(0, look)
            return
        on_shown(app)

    QTimer.singleShot(0, look)
    try:
        return app_module.run_window(path, FixedClock(NOW))
    finally:
        close_left_open(app)


def refusal_read_and_quit(qtbot, reasons: list[str]) -> Callable[[QApplication], None]:
    def answer(app: QApplication) -> None:
        dialog = app.activeModalWidget()
        assert isinstance(dialog, RecoveryDialog), dialog
        reasons.append(dialog.reason.text())
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)

    return answer


def test_a_sound_journal_is_checked_once_in_the_background_and_opens(qtbot, tmp_path: Path, checks) -> None:
    path = sound_journal(tmp_path)
    checks.clear()
    notes: list[str] = []

    def read_and_quit(app: QApplication) -> None:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible())
        notes.extend(c.note for c in window.journal.checkins())  # type: ignore[attr-defined]
        app.exit(0)

    assert start_window(path, read_and_quit) == 0
    assert notes[:2] == ["day 1", "day 2"] and len(notes) == 14
    assert checks == ["medjournal-check"]


def test_a_damaged_journal_is_refused_at_start_with_its_sentence_and_not_written(
    qtbot, tmp_path: Path, checks
) -> None:
    path, expected = damaged_journal(tmp_path)
    before = path.read_bytes()
    checks.clear()
    reasons: list[str] = []
    assert start_window(path, refusal_read_and_quit(qtbot, reasons)) == 1
    assert reasons == [expected]
    assert checks == ["medjournal-check"]  # the background check's answer, not a second check
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_a_journal_damaged_while_the_window_loads_is_checked_again_and_never_written(
    qtbot, tmp_path: Path, checks, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sound_journal(tmp_path)
    checks.clear()
    load = app_module.load_window_modules
    damaged: list[bytes] = []

    def damage_after_the_check() -> None:
        while not checks:  # the background check has begun ...
            time.sleep(0.001)
        for thread in threading.enumerate():
            if thread.name == "medjournal-check":
                thread.join()  # ... and found the journal sound
        damage_an_index(path)
        damaged.append(path.read_bytes())
        load()

    monkeypatch.setattr(app_module, "load_window_modules", damage_after_the_check)
    reasons: list[str] = []
    assert start_window(path, refusal_read_and_quit(qtbot, reasons)) == 1
    assert checks == ["medjournal-check", "MainThread"]
    assert reasons == [sentence(path)]
    assert path.read_bytes() == damaged[0]
    assert not Path(f"{path}-wal").exists()


def test_an_encrypted_journal_is_checked_in_the_background_once_its_key_is_held(
    qtbot, tmp_path: Path, checks
) -> None:
    path = encrypted_journal(tmp_path)
    cipher.unlock(path, PASSPHRASE)
    open_journal(path, FixedClock(NOW)).close()  # opened once for writing, as a journal in use: in WAL mode
    cipher.forget_all()
    settle(path)
    checks.clear()
    seen: list[str] = []
    answer = partial(type_and_enter, qtbot, text=PASSPHRASE)  # its key's test leaves an empty -wal file
    assert run_window_answering(path, answer, seen) == 0
    assert seen[1:] == ["only for me"]
    assert checks == ["medjournal-check"]
