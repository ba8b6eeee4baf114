"""Settings › Change or remove the passphrase with a backup made under the passphrase being replaced (review
finding 6): the window's question names it as encrypted with an earlier passphrase (never as plain), and
"Encrypt them" (Alt+E) re-keys it to the new passphrase while the old one is known. The window is started as
the ``medjournal`` command starts it; the backup file is read back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from medjournal.storage import cipher
from medjournal.storage.backup import backup_to_folder, list_backups
from tests.test_encryption_old_backups import opens_with
from tests.ui.encrypted_window import PASSPHRASE, close_window, encrypted_journal, start_window
from tests.ui.test_encryption_window import press, typing
from tests.ui.test_passphrase_window import NEW_PASSPHRASE, click, run_dialogs

pytestmark = pytest.mark.gui


def change_passphrase(qtbot: Any) -> Any:
    """Settings › Change the passphrase: the current one (the dialog opens with the focus there), then the new one
    in both fields, and Enter."""

    def change(dialog: Any) -> None:
        for field, text in (
            (None, PASSPHRASE),
            (dialog.first, NEW_PASSPHRASE),
            (dialog.again, NEW_PASSPHRASE),
        ):
            if field is not None:
                click(qtbot, field)
            typing(qtbot, text)
        press(qtbot, Qt.Key.Key_Return)

    return change


def change_and_answer(qtbot: Any, window: Any, letter: Qt.Key) -> tuple[list[str], str]:
    """Change the passphrase, Enter on the recovery key's box, Alt+``letter`` on the older backups' question;
    the question's text and its buttons' texts, and the status bar's message after it. The window is closed."""
    told: list[str] = []

    def answer(box: Any) -> None:
        if box.objectName() == "oldBackupsBox":
            told.append(box.text())
            told.append(" | ".join(button.text() for button in box.buttons()))
            press(qtbot, letter, Qt.KeyboardModifier.AltModifier)
        else:
            press(qtbot, Qt.Key.Key_Return)

    try:
        run_dialogs(qtbot, window, change_passphrase(qtbot), answer, answer)
        return told, window.statusBar().currentMessage()
    finally:
        close_window(window)


def test_a_backup_of_the_old_passphrase_is_named_so_and_re_keyed_by_encrypt_them(
    qtbot: Any, tmp_path: Path
) -> None:
    path = encrypted_journal(tmp_path)
    cipher.unlock(path, PASSPHRASE)
    conn = cipher.connect(str(path), path)
    try:
        earlier = backup_to_folder(conn, tmp_path / "backups", "manual", journal_name=path.name)
    finally:
        conn.close()
    cipher.forget_all()
    plain = [b for b in list_backups(tmp_path / "backups") if b.read_bytes().startswith(b"SQLite format 3")]
    old_key = [b for b in list_backups(tmp_path / "backups") if b not in plain]
    assert earlier in old_key
    window = start_window(qtbot, path)
    told, status = change_and_answer(qtbot, window, Qt.Key.Key_E)  # Encrypt them (Alt+E)
    # The window's own start took one more backup under the old passphrase (the day's automatic one).
    found = re.search(
        r"(\d+) older backups? in (.+?) (?:is|are) encrypted with an earlier passphrase", told[0]
    )
    assert found is not None and found[2] == str(tmp_path / "backups"), told[0]
    n = int(found[1])
    assert n >= len(old_key)
    if not plain:
        assert "plain" not in told[0]
    assert f"{n} backups re-encrypted with the current passphrase." in status
    for backup in list_backups(tmp_path / "backups"):
        assert backup.read_bytes()[:16] == path.read_bytes()[:16]
        assert opens_with(backup, NEW_PASSPHRASE) and not opens_with(backup, PASSPHRASE)
    assert all(backup.exists() for backup in old_key)
    for backup in plain:
        assert opens_with(backup, NEW_PASSPHRASE)


def test_keep_them_says_how_many_backups_were_kept(qtbot: Any, tmp_path: Path) -> None:
    """ "Keep them" (Alt+K): the status bar's sentence agrees with the number the question gave ("The older
    backup was kept as it is." for one; it said "The older backups were kept" whatever the number), and the
    backups are left byte for byte."""
    path = encrypted_journal(tmp_path)
    window = start_window(qtbot, path)
    before = {backup: backup.read_bytes() for backup in list_backups(tmp_path / "backups")}
    told, status = change_and_answer(qtbot, window, Qt.Key.Key_K)
    found = re.search(r"(\d+) older backups? in ", told[0])
    assert found is not None, told[0]
    n = int(found[1])
    after = {backup: backup.read_bytes() for backup in list_backups(tmp_path / "backups") if backup in before}
    assert after == {backup: data for backup, data in before.items() if backup in after}
    if n == 1:
        assert "The older backup was kept as it is." in status, status
        assert "&Keep it" in told[1] and "them" not in told[1], told[1]
    else:
        assert f"The {n} older backups were kept as they are." in status, status
        assert "&Keep them" in told[1], told[1]
