"""Opening the journal for the window: one window per journal, and a way out when the file is refused.

When the journal cannot be opened (damaged, truncated, foreign, too new: :class:`JournalFileError`), a dialog
says why in one sentence and offers the newest good backup with its date and entry counts, choosing another
file, or quitting. The refused file is never overwritten: restoring keeps it, with its ``-wal`` file, as
``journal.db.damaged-<time>`` beside the restored journal (see ``storage/backup.py``).

A second window on the same journal is refused politely, naming the process that has it open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from medjournal.domain.clock import Clock
from medjournal.domain.errors import DiskFullError, JournalFileError
from medjournal.i18n import _, formatting_locale, ngettext
from medjournal.paths import backup_dir_for
from medjournal.storage.backup import (
    BackupInfo,
    describe_backup,
    newest_good_backup,
    parse_backup_name,
    restore_backup,
)
from medjournal.storage.cipher import PassphraseNeeded
from medjournal.storage.journal import Journal, open_journal
from medjournal.storage.lock import JournalLock, JournalLockedError
from medjournal.ui.dialog_fit import foot, scrolling_column

log = logging.getLogger(__name__)

RESTORE = "restore"
OTHER_FILE = "other-file"
QUIT = "quit"

COUNT_KEYS = ("checkins", "dose_logs", "side_effects", "questionnaires", "treatments")


def _count_words(key: str, n: int) -> str:
    words = {
        "checkins": ngettext("{n} check-in", "{n} check-ins", n),
        "dose_logs": ngettext("{n} dose", "{n} doses", n),
        "side_effects": ngettext("{n} side effect", "{n} side effects", n),
        "questionnaires": ngettext("{n} questionnaire", "{n} questionnaires", n),
        "treatments": ngettext("{n} treatment", "{n} treatments", n),
    }
    return words[key].format(n=n)


def describe_counts(info: BackupInfo) -> str:
    """'2 medications, 412 entries (298 check-ins, 110 doses, 4 side effects)'."""
    medications = info.counts.get("medications", 0)
    parts = [_count_words(key, info.counts[key]) for key in COUNT_KEYS if info.counts.get(key)]
    text = ", ".join(  # each count with its own plural: "1 medication, 1 entry"
        (
            ngettext("{n} medication", "{n} medications", medications).format(n=medications),
            ngettext("{n} entry", "{n} entries", info.entries).format(n=info.entries),
        )
    )
    return text + (f" ({', '.join(parts)})" if parts else "")


def describe_date(info: BackupInfo) -> str:
    if info.taken_at is None:
        return _("unknown date")
    # Translators: a CLDR date pattern; German "d. MMMM y, HH:mm"
    from babel.dates import format_datetime

    return format_datetime(info.taken_at, _("d MMMM y, HH:mm"), locale=formatting_locale())


class RecoveryDialog(QDialog):
    """Why the journal was refused, and what can be done: restore a backup, open another file, or quit."""

    def __init__(
        self,
        error: JournalFileError,
        backup: BackupInfo | None,
        backup_folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("medjournal cannot open the journal"))
        self.choice = QUIT
        # The reason and the backup name the files' whole paths: the text scrolls where a large font or a small
        # screen has no room for it, and the choices stay in view below it (ui/dialog_fit.py).
        layout = scrolling_column(self)
        heading = QLabel(_("<b>Your journal could not be opened.</b>"))
        self.reason = QLabel(error.message)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        untouched = QLabel(_("The file has not been changed, and it will not be overwritten."))
        untouched.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.reason)
        layout.addWidget(untouched)
        if backup is not None:
            self.backup_text = QLabel(
                _(
                    "The newest good backup is from <b>{date}</b>: {counts}.<br><small>{path}</small><br>"
                    "Restoring it keeps the refused file beside it, renamed."
                ).format(date=describe_date(backup), counts=describe_counts(backup), path=backup.path)
            )
        else:
            self.backup_text = QLabel(_("No good backup was found in {folder}.").format(folder=backup_folder))
        self.backup_text.setWordWrap(True)
        layout.addWidget(self.backup_text)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(_("&Restore this backup"))
        self.restore_button.setEnabled(backup is not None)
        self.restore_button.setVisible(backup is not None)
        self.other_button = QPushButton(_("&Open another file…"))
        self.quit_button = QPushButton(_("&Quit"))
        for button, choice in (
            (self.restore_button, RESTORE),
            (self.other_button, OTHER_FILE),
            (self.quit_button, QUIT),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            buttons.addWidget(button)
        (self.restore_button if backup is not None else self.other_button).setDefault(True)
        foot(self).addLayout(buttons)
        self.setMinimumWidth(520)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == QUIT:
            self.reject()
        else:
            self.accept()


def ask_with_dialog(
    _journal_path: Path, error: JournalFileError, backup: BackupInfo | None, backup_folder: Path
) -> str:
    dialog = RecoveryDialog(error, backup, backup_folder)
    dialog.exec()
    return dialog.choice


def choose_file_with_dialog(start: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        None, _("Open a journal or a backup"), str(start), _("Journals (*.db *.sqlite);;All files (*)")
    )
    return Path(name) if name else None


def show_message_box(text: str) -> None:
    from medjournal.ui import errors

    errors.show_message(None, text, "medjournal")


Ask = Callable[[Path, JournalFileError, BackupInfo | None, Path], str]


def open_for_window(
    db_path: Path,
    clock: Clock,
    ask: Ask = ask_with_dialog,
    choose_file: Callable[[Path], Path | None] = choose_file_with_dialog,
    show_message: Callable[[str], None] = show_message_box,
    unlock: Callable[[Path], bool] | None = None,
    first_backup_later: bool = False,
) -> tuple[Journal, JournalLock] | None:
    """The journal and the window's lock on it, or None when the person quits (or another window has it).

    The dialogs are parameters so that tests can answer them. An encrypted journal is unlocked first
    (``unlock``, by default the passphrase dialog of ui/journal/unlock_dialog.py). With ``first_backup_later``
    the day's first automatic backup is left to the caller (the window's start begins it once shown).
    """
    path = db_path.expanduser()
    while True:
        lock = JournalLock(path)
        try:
            lock.acquire()
        except JournalFileError as exc:  # JournalLockedError included: another window has it
            log.info("journal not opened: %s", type(exc).__name__)
            show_message(exc.message)
            return None
        try:
            opened = open_journal(
                path, clock, background_backups=True, first_backup_later=first_backup_later
            )  # backups in a thread
            return opened, lock
        except JournalLockedError:
            lock.release()
            raise
        except PassphraseNeeded:
            lock.release()
            from medjournal.ui.journal.unlock_dialog import unlock_with_dialog

            if not (unlock or unlock_with_dialog)(path):
                return None
            continue
        except DiskFullError as exc:  # the journal is intact: no restore is offered
            lock.release()
            show_message(exc.message)
            return None
        except JournalFileError as exc:
            log.warning("journal refused: %s", type(exc).__name__)
            again = _way_out(path, exc, lock, clock, ask, choose_file, show_message)
            if again is None:
                return None
            path = again


def _way_out(
    path: Path,
    exc: JournalFileError,
    lock: JournalLock,
    clock: Clock,
    ask: Ask,
    choose_file: Callable[[Path], Path | None],
    show_message: Callable[[str], None],
) -> Path | None:
    """After ``path`` was refused: restore the newest good backup, choose another file (a backup is restored)
    or quit. Returns the journal to try to open next, or None to quit; ``lock`` is released."""
    folder = backup_dir_for(path)
    newest = newest_good_backup(folder, path.name)
    info = describe_backup(newest) if newest is not None else None
    choice = ask(path, exc, info, folder)
    if choice == RESTORE and newest is not None:
        try:
            restore_backup(path, newest, folder, clock.now(), lock=lock)
        except JournalFileError as failed:
            show_message(failed.message)
        lock.release()
        return path
    lock.release()
    if choice != OTHER_FILE:
        return None
    chosen = choose_file(path.parent)
    if chosen is not None and parse_backup_name(chosen.name) is not None:
        # A backup is restored, not written into: rotation may later remove backup files.
        with lock:
            try:
                restore_backup(path, chosen, folder, clock.now(), lock=lock)
            except JournalFileError as failed:
                show_message(failed.message)
    elif chosen is not None:
        return chosen.expanduser()
    return path
