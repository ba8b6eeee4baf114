"""Asking for the passphrase of an encrypted journal when the window starts (docs/data-safety.md).

The passphrase is checked against the file on the spot: a wrong one is one sentence under the field and the
dialog stays open; nothing is written. The text is cleared from the field as soon as it has been checked.

At start the dialog comes before the window's modules are loaded: once a passphrase is entered, its key is
derived in a background thread while they load (``meanwhile``), and only a key that opens the file is kept
(docs/data-safety.md, *Speed*). The journal is not read before that.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.errors import JournalFileError
from medjournal.i18n import N_, _
from medjournal.storage import cipher

FORGOTTEN = N_(
    "A forgotten passphrase cannot be recovered. "
    "The recovery key (it starts with mjkey-) opens the journal too."
)


class UnlockDialog(QDialog):
    def __init__(
        self, path: Path, parent: QWidget | None = None, meanwhile: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._meanwhile = meanwhile  # work done once, while the first passphrase's key is derived
        self.setWindowTitle(_("Unlock the journal"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.intro = QLabel(_("The journal {name} is protected with a passphrase.").format(name=path.name))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Passphrase or recovery key"))
        # a label that stays in view while the passphrase is typed (a placeholder vanishes with the first key)
        self.field_label = QLabel(_("&Passphrase or recovery key"))
        self.field_label.setBuddy(self.field)
        layout.addWidget(self.field_label)
        layout.addWidget(self.field)
        self.problem = QLabel("")
        self.problem.setObjectName("unlockProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        self.note = QLabel(_(FORGOTTEN))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(_("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.leave_button = buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def accept(self) -> None:
        secret = self.field.text()
        self.field.clear()
        try:
            pending = cipher.begin_unlock(self.path, secret)
            work, self._meanwhile = self._meanwhile, None
            if work is not None:
                work()
            pending.finish()
        except JournalFileError as exc:
            self.show_problem(exc.message)
            return
        super().accept()

    def show_problem(self, message: str) -> None:
        """One sentence under the field, which is empty again and has the focus; the dialog stays open."""
        self.problem.setText(message)
        self.problem.setVisible(True)
        self.problem.setAccessibleDescription(message)
        self.field.setFocus()


def unlock_with_dialog(path: Path, meanwhile: Callable[[], None] | None = None) -> bool:
    """True once the journal's key is held; False when the person quits."""
    return UnlockDialog(path, meanwhile=meanwhile).exec() == QDialog.DialogCode.Accepted


def unlock_at_start(path: Path, load_window: Callable[[], None]) -> bool:
    """Before the window's modules load: the passphrase of an encrypted journal whose key is not held yet,
    ``load_window`` running while its key is derived. True when the journal can be opened (plain, unlocked, or
    not there yet), False when the person quits. ``load_window`` runs at most once, and not when quitting."""
    if not cipher.looks_encrypted(path) or cipher.key_for(path) is not None:
        return True
    return unlock_with_dialog(path, meanwhile=load_window)
