"""Asking for the passphrase of an encrypted journal when the window starts (docs/data-safety.md).

The passphrase is checked against the file on the spot: a wrong one is one sentence under the field and the
dialog stays open; nothing is written. The text is cleared from the field as soon as it has been checked.
"""

from __future__ import annotations

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
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(_("Unlock the journal"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(_("The journal {name} is protected with a passphrase.").format(name=path.name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Passphrase"))
        self.field.setPlaceholderText(_("Passphrase"))
        layout.addWidget(self.field)
        self.problem = QLabel("")
        self.problem.setObjectName("unlockProblem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        note = QLabel(_(FORGOTTEN))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(_("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def accept(self) -> None:
        secret = self.field.text()
        self.field.clear()
        try:
            cipher.unlock(self.path, secret)
        except JournalFileError as exc:
            self.problem.setText(exc.message)
            self.problem.setVisible(True)
            self.problem.setAccessibleDescription(exc.message)
            self.field.setFocus()
            return
        super().accept()


def unlock_with_dialog(path: Path) -> bool:
    """True once the journal's key is held; False when the person quits."""
    return UnlockDialog(path).exec() == QDialog.DialogCode.Accepted
