"""File > Restore from a backup, when the backup is encrypted with a key the window does not hold: the unlock
dialog asks for that backup's passphrase (docs/data-safety.md, *Restore*).

A backup made under another passphrase than the journal's (before the passphrase was changed, or while the
journal was encrypted and it is plain now) opens only with its own passphrase or recovery key. Which passphrase
the restored entries end up under is the command line's rule, in the storage code both share: an encrypted
journal keeps its own passphrase, a plain one stays plain (``medjournal restore``, docs/data-safety.md).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from medjournal.domain.errors import JournalFileError
from medjournal.i18n import _
from medjournal.storage import cipher
from medjournal.ui.journal.unlock_dialog import UnlockDialog


class BackupUnlockDialog(UnlockDialog):
    """The unlock dialog, worded for a backup: a wrong passphrase is one sentence under the field, and
    Cancel leaves the journal as it was."""

    def __init__(self, backup: Path, parent: QWidget | None = None) -> None:
        super().__init__(backup, parent)
        self.setWindowTitle(_("Unlock the backup"))
        self.intro.setText(
            _(
                "The backup {name} is encrypted with another passphrase than your journal's. Type the "
                "passphrase it was made with, or its recovery key."
            ).format(name=backup.name)
        )
        self.note.setVisible(False)  # it speaks of the journal; the intro names the backup's recovery key
        self.leave_button.setText(_("Cancel"))

    def accept(self) -> None:
        from medjournal.storage.restore import unlock_backup  # loaded on a restore, not at the window's start

        secret = self.field.text()
        self.field.clear()
        try:
            unlock_backup(self.path, secret)
        except JournalFileError as exc:
            self.show_problem(exc.message)
            return
        QDialog.accept(self)


def ask_backup_passphrase(parent: QWidget, backup: Path) -> bool:
    """True when ``backup`` can be read: plain, its key already held (it has the journal's), or unlocked now
    with the passphrase typed; False when the person cancels (nothing changed)."""
    if not cipher.looks_encrypted(backup) or cipher.key_for(backup) is not None:
        return True
    return BackupUnlockDialog(backup, parent).exec() == QDialog.DialogCode.Accepted


def encryption_words(journal: Path, backup_salt: bytes | None) -> str:
    """What became of the restored entries' encryption, in the window's words (empty when nothing changed)."""
    from medjournal.storage.restore import encryption_after_restore

    outcome = encryption_after_restore(journal, backup_salt)
    if outcome == "journal_key":
        return _(
            "Your journal is still protected with its own passphrase: the backup's entries now open with it, "
            "not with the backup's."
        )
    if outcome == "plain":
        return _(
            "Your journal was not protected with a passphrase and still is not: anyone with the file can read "
            "the restored entries (protect them with File > Settings… > Protect with a passphrase…)."
        )
    return ""
