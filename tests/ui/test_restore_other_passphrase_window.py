"""File > Restore from a backup made under another passphrase than the journal's (docs/data-safety.md,
*Restore*): the window asks for the backup's passphrase in the unlock dialog; a wrong one is one sentence there
and changes nothing; the restored journal ends up under the passphrase the command line would leave it under
(an encrypted journal keeps its own, a plain one stays plain; tests/test_encryption_restore.py runs the same
cases through ``medjournal restore``).

The window is started as the ``medjournal`` command starts it, with the journal's key already held (as after
typing the passphrase at start); the file chooser and the Yes/No question are stood in for, the passphrase is
typed into the dialog with keys."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from medjournal.storage import cipher, encryption
from medjournal.storage.backup import backup_to_folder, list_backups
from medjournal.ui import errors
from medjournal.ui.journal import journal_actions
from medjournal.ui.journal.backup_unlock import BackupUnlockDialog
from medjournal.ui.main_window import MainWindow
from tests.test_encryption_restore import SQLITE, pains
from tests.ui.encrypted_window import type_and_enter
from tests.ui.keys import journal_at, start_like_the_command
from tests.ui.modal import with_modal
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-03-15T09:30"
EARLIER = "correct horse battery"  # the journal's passphrase when the backup was made
CURRENT = "a different passphrase"  # the journal's passphrase now


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def journal_with_earlier_backup(folder: Path, now_plain: bool) -> tuple[Path, Path]:
    """Pain 3 logged and the journal encrypted with EARLIER; a backup taken (encrypted with EARLIER); then the
    passphrase changed to CURRENT (or, ``now_plain``, removed) and pain 6 logged."""
    path = folder / "journal.db"
    journal = journal_at(path, NOW)
    journal.add_checkin(pain=3, day="2026-03-13")
    journal.close()
    encryption.convert(path, EARLIER)
    journal = journal_at(path, NOW)
    backup = backup_to_folder(journal.db, folder / "backups", "manual", journal.now())
    journal.close()
    encryption.convert(path, None if now_plain else CURRENT)
    journal = journal_at(path, NOW)
    journal.add_checkin(pain=6, day="2026-03-14")
    journal.close()
    cipher.forget_all()
    assert cipher.looks_encrypted(backup) and cipher.salt_of(backup) != (
        None if now_plain else cipher.salt_of(path)
    )
    return path, backup


def restore_in_the_window(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    backup: Path,
    answers: list[str | None],
    told: dict[str, list[str]],
) -> None:
    """``medjournal --db PATH`` with the journal's key held; File > Restore from a backup picks ``backup``; each
    of ``answers`` is typed into the backup's unlock dialog (None: Cancel). The dialog's sentences, the
    question, the messages and the final note go to ``told``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(backup), "")))

    def agree(parent: object, text: str, title: str = "") -> bool:
        told["asked"].append(text)
        return True

    monkeypatch.setattr(errors, "ask_yes_no", agree)
    monkeypatch.setattr(errors, "show_message", lambda parent, text, title="": told["error"].append(text))
    monkeypatch.setattr(
        journal_actions, "show_info", lambda parent, text, title="": told["info"].append(text)
    )
    if cipher.looks_encrypted(path):
        cipher.unlock(path, CURRENT)

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, BackupUnlockDialog)
        told["dialog"].append(dialog.intro.text())
        for secret in answers:
            if secret is None:
                dialog.leave_button.click()
                return
            before = digest(path)
            type_and_enter(qtbot, dialog, secret)
            if dialog.isVisible():  # refused: one sentence under the field, nothing written
                problem = dialog.findChild(QLabel, "unlockProblem")
                assert problem is not None and problem.isVisible()
                told["refused"].append(problem.text())
                assert digest(path) == before

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        with_modal(window.restore_action.trigger, answer)
        told["shown"] = [str(c.pain) for c in window.journal.checkins()]
        window.close()

    try:
        assert start_like_the_command(monkeypatch, path, NOW, session) == 0
    finally:
        cipher.forget_all()


@pytest.fixture
def told() -> dict[str, list[str]]:
    return {"asked": [], "error": [], "info": [], "dialog": [], "refused": [], "shown": []}


def test_a_backup_under_the_earlier_passphrase_asks_for_it_and_comes_back_under_the_current_one(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: dict[str, list[str]]
) -> None:
    path, backup = journal_with_earlier_backup(tmp_path, now_plain=False)
    restore_in_the_window(qtbot, monkeypatch, path, backup, ["not the passphrase", CURRENT, EARLIER], told)

    assert "another passphrase than your journal's" in told["dialog"][0]
    # The journal's own passphrase does not open this backup: said, and asked again.
    assert told["refused"] == [f"The passphrase does not open the backup {backup}; nothing was changed."] * 2
    assert told["error"] == []
    assert "1 check-in" in told["asked"][0]  # the question counts the backup's entries: it could be read
    [note] = told["info"]
    assert "still protected with its own passphrase" in note
    assert told["shown"] == ["3"]  # the window shows the restored journal
    assert path.read_bytes()[:16] != SQLITE
    assert pains(path, CURRENT) == [3]
    with pytest.raises(cipher.WrongPassphrase):
        pains(path, EARLIER)  # the backup's passphrase does not open the journal
    [kept] = [b for b in list_backups(tmp_path / "backups") if "before-restore" in b.name]
    assert pains(kept, CURRENT) == [3, 6]  # the journal it replaced is kept, under its passphrase


def test_a_wrong_passphrase_then_cancel_changes_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: dict[str, list[str]]
) -> None:
    path, backup = journal_with_earlier_backup(tmp_path, now_plain=False)
    backups_before = sorted((tmp_path / "backups").iterdir())
    restore_in_the_window(qtbot, monkeypatch, path, backup, ["not the passphrase", None], told)

    assert told["refused"] == [f"The passphrase does not open the backup {backup}; nothing was changed."]
    assert told["asked"] == [] and told["error"] == [] and told["info"] == []
    assert told["shown"] == ["3", "6"]
    assert pains(path, CURRENT) == [3, 6]
    assert sorted((tmp_path / "backups").iterdir()) == backups_before  # not even a before-restore backup


def test_an_encrypted_backup_restored_into_a_plain_journal_leaves_it_plain_and_says_so(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: dict[str, list[str]]
) -> None:
    path, backup = journal_with_earlier_backup(tmp_path, now_plain=True)
    restore_in_the_window(qtbot, monkeypatch, path, backup, [EARLIER], told)

    assert told["refused"] == [] and told["error"] == []
    [note] = told["info"]
    assert "was not protected with a passphrase and still is not" in note
    assert told["shown"] == ["3"]
    assert pains(path, None) == [3]
