"""Settings › Protect with a passphrase: turning encryption on, changing the passphrase, turning it off, from the
window (docs/data-safety.md, *Encryption with a passphrase*).

The conversion is the command line's (``storage.encryption.convert``): a new file beside the journal, verified,
renamed over it. The window closes its journal for it (the conversion needs the file to itself; the window's
one-window lock stays held throughout) and opens the converted journal again in its place. Before turning
encryption on, the dialog says that a forgotten passphrase cannot be recovered, asks for the passphrase twice
and offers to show the recovery key once or write it to a file the person chooses; afterwards it says that the
old backups are still plain and offers to encrypt or remove them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.errors import JournalFileError, MedjournalError
from medjournal.i18n import _, ngettext
from medjournal.storage import cipher, encryption, recovery_key
from medjournal.ui.dialog_fit import foot, scrolling_column
from medjournal.ui.today.checkin_form import muted_label

if TYPE_CHECKING:
    from medjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def no_recovery_text() -> str:
    return _(
        "A forgotten passphrase cannot be recovered: without it, or the recovery key, nobody (medjournal "
        "included) can read the journal or its backups again."
    )


def choose_key_file(parent: QWidget | None) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the recovery key"), str(Path.home() / "medjournal-recovery-key.txt"), "*.txt"
    )
    return Path(name) if name else None


def _password_field(layout: QVBoxLayout, name: str) -> tuple[QLabel, QLineEdit]:
    """A passphrase field under its visible label (``name``, with its Alt+letter), both added to ``layout``: a
    label stays in view while the field is typed in, where a placeholder would vanish with the first key."""
    label = QLabel(name)
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name.replace("&", ""))
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field)
    return label, field


def _beside_indicator(button: QRadioButton) -> int:
    """How far a radio button's text stands from its left edge: a note under it starts there."""
    style = button.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button) + style.pixelMetric(
        QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button
    )


class PassphraseDialog(QDialog):
    """Asks what to do and checks it; :attr:`new_passphrase` (None: remove it) and :attr:`key_file` (None: show
    the key) say what was chosen once it is accepted. Nothing is converted here."""

    def __init__(
        self,
        path: Path,
        encrypted: bool,
        parent: QWidget | None = None,
        choose_file: Callable[[QWidget | None], Path | None] = choose_key_file,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.encrypted = encrypted
        self.choose_file = choose_file
        self.new_passphrase: str | None = None
        self.key_file: Path | None = None
        self.setWindowTitle(_("Protect with a passphrase"))
        # Its text scrolls at a large font or on a small screen; Encrypt/Apply and Cancel stay in view below it.
        layout = scrolling_column(self)
        if encrypted:
            intro = _(
                "The journal {name} is protected with a passphrase. Type it to change or remove it."
            ).format(name=path.name)
        else:
            intro = _(
                "The journal {name} and the backups made from now on will be encrypted: nobody can read them "
                "without the passphrase."
            ).format(name=path.name)
        # lines of a readable length, measured in the font's characters: wider with a larger font, scrolling
        # sideways only on a screen narrower than that
        self._label(layout, intro).setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.current_label, self.current = _password_field(layout, _("C&urrent passphrase"))
        self.current_label.setVisible(encrypted)
        self.current.setVisible(encrypted)
        self.change = QRadioButton(_("&Change the passphrase"))
        # A radio button's text does not wrap: what removing means stands under it, wrapped.
        self.remove = QRadioButton(_("&Remove the passphrase"))
        self.remove_note = muted_label(_("The journal becomes a plain file anyone with it can read."))
        self.remove_note.setIndent(_beside_indicator(self.remove))
        self.remove.setAccessibleDescription(self.remove_note.text())
        choice = QButtonGroup(self)
        for widget in (self.change, self.remove, self.remove_note):
            if isinstance(widget, QRadioButton):
                choice.addButton(widget)
            widget.setVisible(encrypted)
            layout.addWidget(widget)
        self.change.setChecked(True)
        self.first_label, self.first = _password_field(layout, _("&New passphrase"))
        self.again_label, self.again = _password_field(layout, _("The same a&gain"))
        self.warning = self._label(layout, no_recovery_text())
        self._build_rest(layout, encrypted)
        self.change.toggled.connect(self._mode_changed)
        (self.current if encrypted else self.first).setFocus()

    def _build_rest(self, layout: QVBoxLayout, encrypted: bool) -> None:
        """The recovery key's choice, the line for a refusal and the buttons (below the scrolling column)."""
        self.show_key = QRadioButton(_("&Show the recovery key once, to write down"))
        self.file_key = QRadioButton(_("&Write the recovery key to a file I choose"))
        key_choice = QButtonGroup(self)
        for button in (self.show_key, self.file_key):
            key_choice.addButton(button)
            layout.addWidget(button)
        self.show_key.setChecked(True)
        self.problem = self._label(layout, "")
        self.problem.setObjectName("passphraseProblem")
        self.problem.setVisible(False)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            _("Apply") if encrypted else _("Encrypt"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        foot(self).addWidget(buttons)

    @staticmethod
    def _label(layout: QVBoxLayout, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        return label

    def _mode_changed(self) -> None:
        changing = self.change.isChecked()
        for widget in (
            self.first_label,
            self.first,
            self.again_label,
            self.again,
            self.show_key,
            self.file_key,
        ):
            widget.setEnabled(changing)

    def _refuse(self, message: str, field: QLineEdit) -> None:
        self.problem.setText(message)
        self.problem.setVisible(True)
        self.problem.setAccessibleDescription(message)
        field.setFocus()

    def accept(self) -> None:
        if self.encrypted:
            current = self.current.text()
            self.current.clear()
            try:
                cipher.unlock(self.path, current)
            except JournalFileError as exc:
                self._refuse(exc.message, self.current)
                return
        removing = self.encrypted and self.remove.isChecked()
        new: str | None = None
        if not removing:
            new, again = self.first.text(), self.again.text()
            self.first.clear()
            self.again.clear()
            problem = encryption.passphrase_problem(new)
            if problem is None and new != again:
                problem = _("The two passphrases differ; nothing was changed.")
            if problem is not None:
                self._refuse(problem, self.first)
                return
            if self.file_key.isChecked():
                chosen = self.choose_file(self)
                if chosen is None:
                    return
                try:
                    recovery_key.check_writable(chosen)  # a folder that cannot be written: nothing converted
                except recovery_key.KeyFileError as exc:
                    self._refuse(exc.message, self.first)
                    return
                self.key_file = chosen
        self.new_passphrase = new
        super().accept()


def show_recovery_key(parent: QWidget | None, key: str, why: str = "") -> None:
    box = QMessageBox(parent)
    box.setWindowTitle(_("Your recovery key"))
    box.setObjectName("recoveryKeyBox")
    box.setText(
        (why + " " if why else "")
        + _(
            "This recovery key opens the journal if the passphrase is forgotten. It is shown only this once: "
            "write it down or keep it in a password manager, away from this computer."
        )
    )
    box.setInformativeText(key)
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    box.setFont(font)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def ask_about_old_backups(parent: QWidget | None, path: Path, backups: list[Path]) -> str:
    """ "encrypt", "remove" or "keep", for the older backups not encrypted like the journal at ``path``: plain
    ones, and ones under an earlier passphrase (storage/backup_keys.py says which)."""
    from medjournal.storage.backup_keys import describe, sort_backups

    kinds = sort_backups(path, backups)
    box = QMessageBox(parent)
    box.setWindowTitle(_("Older backups"))
    box.setObjectName("oldBackupsBox")
    box.setText(" ".join(describe(kinds, backups[0].parent)))
    if kinds.earlier:
        box.setInformativeText(
            _(
                "Encrypt them: the plain ones are encrypted and those under the earlier passphrase are "
                "re-encrypted with the new one, each checked before it replaces the old file. Remove them: only "
                "the plain ones are removed."
            )
        )
    n = len(backups)  # the buttons speak of one backup or of several, as the question does
    encrypt = box.addButton(ngettext("&Encrypt it", "&Encrypt them", n), QMessageBox.ButtonRole.AcceptRole)
    remove = box.addButton(ngettext("&Remove it", "&Remove them", n), QMessageBox.ButtonRole.DestructiveRole)
    remove.setEnabled(bool(kinds.plain))
    box.addButton(ngettext("&Keep it", "&Keep them", n), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(encrypt)
    box.exec()
    clicked = box.clickedButton()
    if clicked is encrypt:
        return "encrypt"
    return "remove" if clicked is remove else "keep"


def protect_with_passphrase(
    window: MainWindow, choose_file: Callable[[QWidget | None], Path | None] = choose_key_file
) -> bool:
    """The whole conversation and the conversion; True when the journal was converted."""
    from medjournal.ui import errors
    from medjournal.ui.journal import journal_actions

    journal = window.journal
    if journal.path is None:
        return False
    path = journal.path
    dialog = PassphraseDialog(path, journal.encrypted, window, choose_file)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    folder = journal_actions.backup_folder(journal)
    failure = ""
    journal.close()  # the conversion needs the file to itself; the window's lock stays held
    try:
        done: encryption.Conversion | None = encryption.convert(
            path, dialog.new_passphrase, folder, lock=window.journal_lock
        )
    except MedjournalError as exc:
        log.warning("conversion refused: %s", type(exc).__name__)
        done = None
        failure = exc.message
    finally:
        window.switch_journal(path)  # the converted journal (or, after a failure, the same one) in the window
    if done is None:
        errors.show_message(window, failure)
        return False
    if done.recovery_key is not None:
        _hand_over_key(window, done.recovery_key, dialog.key_file, path)
    about_backups = ""
    if done.old_backups and done.encrypted:
        choice = ask_about_old_backups(window, path, done.old_backups)
        about_backups = _handle_old_backups(window, path, done.old_backups, choice)
    message = (
        _("The journal is now encrypted.")
        if done.encrypted
        else _(
            "The passphrase was removed: the journal is a plain file again, which anyone with it can read."
        )
    )
    window.statusBar().showMessage(f"{message} {about_backups}".strip(), 10000)
    return True


def _hand_over_key(window: QWidget, key: str, key_file: Path | None, journal: Path) -> None:
    from medjournal.ui.journal import journal_actions

    if key_file is None:
        show_recovery_key(window, key, _("The journal is now encrypted."))
        return
    try:
        recovery_key.write(key_file, key, journal)
    except recovery_key.KeyFileError as exc:
        show_recovery_key(window, key, exc.message)  # never lost: shown instead
        return
    journal_actions.show_info(
        window,
        _(
            "The journal is now encrypted. The recovery key was written to {path}; keep it away from this computer."
        ).format(path=key_file),
    )


def _handle_old_backups(window: MainWindow, path: Path, backups: list[Path], choice: str) -> str:
    """Do what was chosen; returns what was done, for the status bar ("" after a failure, which is shown)."""
    from medjournal.storage.backup_keys import converted_text, sort_backups
    from medjournal.ui import errors

    kinds = sort_backups(path, backups)
    said: list[str] = []
    try:
        if choice == "encrypt":
            encryption.convert_backups(path, kinds.convertible)
            said += converted_text(kinds)
        elif choice == "remove":
            encryption.remove_backups(kinds.plain)
            n = len(kinds.plain)
            said.append(ngettext("{n} backup removed.", "{n} backups removed.", n).format(n=n))
        else:
            said.append(
                ngettext(
                    "The older backup was kept as it is.",
                    "The {n} older backups were kept as they are.",
                    len(backups),
                ).format(n=len(backups))
            )
    except MedjournalError as exc:
        errors.show_message(window, exc.message)
        return ""
    left = kinds.locked if choice == "encrypt" else kinds.under_earlier_passphrase
    if left and choice != "keep":
        n = len(left)
        said.append(
            ngettext(
                "{n} backup under an earlier passphrase was left as it is: it opens only with that passphrase.",
                "{n} backups under an earlier passphrase were left as they are: they open only with that "
                "passphrase.",
                n,
            ).format(n=n)
        )
    return " ".join(said)
