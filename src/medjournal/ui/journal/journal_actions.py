"""File menu actions on the journal file itself: back up now, export, restore from a backup.

They are for a person without a terminal, so each ends by saying what was written and where. Expected failures
(a full disk, a damaged backup, the journal chosen as its own export) are one sentence, and write nothing.
Dialogs hide behind :func:`choose_export_file`, :func:`choose_backup_file` and :func:`show_info`, and the
confirmation behind :func:`medjournal.ui.errors.ask_yes_no`, so tests replace them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from medjournal.domain.clock import Clock
from medjournal.domain.errors import JournalFileError, MedjournalError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import N_, _, ngettext
from medjournal.paths import backup_dir_for
from medjournal.storage.backup import backup_to_folder, describe_backup, restore_backup, verify_backup
from medjournal.storage.exchange import check_new_file, export_json
from medjournal.storage.journal import Journal
from medjournal.ui import errors
from medjournal.ui.journal.backup_unlock import ask_backup_passphrase, encryption_words
from medjournal.ui.journal.recovery import describe_counts, describe_date

if TYPE_CHECKING:
    from medjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXPORT_FILTER = N_("JSON export (*.json);;All files (*)")
BACKUP_FILTER = N_("medjournal backups (*.db);;All files (*)")


def show_info(parent: QWidget | None, text: str, title: str = "medjournal") -> None:
    """Say that something finished, and where its file is."""
    QMessageBox.information(parent, title, text)


def choose_export_file(parent: QWidget | None, suggested: Path) -> Path | None:
    # Export never writes over a file, so the dialog does not offer to: a refusal after "Replace?" would mislead.
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export the journal"),
        str(suggested),
        _(EXPORT_FILTER),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


def choose_backup_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Restore from a backup"), str(folder), _(BACKUP_FILTER)
    )
    return Path(name) if name else None


def backup_folder(journal: Journal) -> Path:
    """The journal's backup folder: the one chosen in Settings, else ``backups`` beside the journal."""
    if journal.backup_dir is not None:
        return journal.backup_dir
    if journal.path is None:
        raise JournalFileError(_("This journal is not saved in a file, so it has no backups folder."))
    return backup_dir_for(journal.path)


def write_backup(journal: Journal) -> Path:
    """A verified backup in the journal's backup folder (reason ``manual``); its path."""
    if journal.auto_backup is not None:
        journal.auto_backup.wait()  # never two backups at once
    written = backup_to_folder(journal.db, backup_folder(journal), "manual", journal.now())
    problem = verify_backup(written)
    if problem is not None:
        raise JournalFileError(problem)
    return written


def back_up_now(window: MainWindow) -> Path | None:
    written = errors.guarded(window, lambda: write_backup(window.journal))
    if written is not None:
        window.statusBar().showMessage(_("Backup written to {path}").format(path=written), 10000)
        show_info(
            window,
            _("A verified backup of your journal was written to {path}.").format(path=written),
            _("Back up now"),
        )
    return written


def check_export_target(journal: Journal, path: Path) -> Path:
    """The file to export to (``.json`` added when no suffix was typed); refuses the journal and any existing
    file, so that an export never replaces anything."""
    path = path.expanduser()
    if not path.suffix:
        path = path.with_suffix(".json")
    check_new_file(path, journal)  # the same rule as the command line's export
    return path


def write_export(journal: Journal, path: Path) -> tuple[Path, dict[str, int]]:
    target = check_export_target(journal, path)
    try:
        return target, export_json(journal, target)
    except OSError as exc:
        raise JournalFileError(
            _("The export could not be written to {path} ({reason}); nothing was exported.").format(
                path=target, reason=os_reason(exc)
            )
        ) from None


def export_journal(window: MainWindow) -> Path | None:
    journal = window.journal
    folder = journal.path.parent if journal.path is not None else Path.home()
    suggested = folder / f"medjournal-export-{journal.today().isoformat()}.json"
    chosen = choose_export_file(window, suggested)
    if chosen is None:
        return None
    result = errors.guarded(window, lambda: write_export(journal, chosen))
    if result is None:
        return None
    target, counts = result
    entries = sum(count for table, count in counts.items() if table not in ("settings", "medications"))
    medications = counts.get("medications", 0)
    show_info(
        window,
        ngettext(
            "Your journal was exported to {path} ({medications} medication, {entries} other records). "
            "Import it with “medjournal import”.",
            "Your journal was exported to {path} ({medications} medications, {entries} other records). "
            "Import it with “medjournal import”.",
            medications,
        ).format(path=target, medications=medications, entries=entries),
        _("Export"),
    )
    return target


def restore_from_backup(window: MainWindow) -> Path | None:
    """Replace the open journal with a chosen backup, after a confirmation that names its date and counts.

    The journal is closed for the restore and opened again in the window (the same path as File > Open), so
    the window shows the restored entries. Returns the journal's path when it was restored.
    """
    journal = window.journal
    if journal.path is None:
        errors.show_message(window, _("This journal is not saved in a file, so it cannot be restored."))
        return None
    journal_path = journal.path
    folder = errors.guarded(window, lambda: backup_folder(journal))
    if folder is None:
        return None
    chosen = choose_backup_file(window, folder)
    if chosen is None or not ask_backup_passphrase(window, chosen):
        return None
    from medjournal.storage.restore import salt_of_backup  # not at the window's start (before_qt.py)

    backup_salt = salt_of_backup(chosen)
    problem = verify_backup(chosen)
    if problem is None and chosen.expanduser().resolve() == journal_path.expanduser().resolve():
        problem = _("{path} is the journal itself; choose a backup file.").format(path=chosen)
    if problem is not None:
        errors.show_message(window, problem)
        return None
    info = describe_backup(chosen)
    question = _(
        "Replace your journal with the backup from {date}?\n\n"
        "The backup holds {counts}.\n\n"
        "Your journal as it is now will be kept in {folder} first."
    ).format(date=describe_date(info), counts=describe_counts(info), folder=folder)
    if not errors.ask_yes_no(window, question, _("Restore from backup")):
        return None

    # No message box (and so no event loop) between closing and reopening: reminders and views must not
    # read a closed journal.
    failure: str | None = None
    kept: Path | None = None
    journal.close()
    try:
        kept = restore_backup(journal_path, chosen, folder, journal.now(), lock=window.journal_lock)
    except MedjournalError as exc:
        failure = errors.sentence_for(exc)
    window.switch_journal(journal_path, False)
    if window.journal is journal:  # it could not be opened again; switch_journal said why
        errors.show_message(window, _not_reopened(journal_path, failed=failure is not None))
        return None
    if failure is not None:
        errors.show_message(window, failure)
        return None
    text = _("Your journal was restored from {path}.").format(path=chosen)
    if kept is not None:
        text += " " + _("Your journal as it was is kept as {path}.").format(path=kept)
    if said := encryption_words(journal_path, backup_salt):
        text += "\n\n" + said
    window.statusBar().showMessage(_("Restored from {name}").format(name=chosen.name), 10000)
    show_info(window, text, _("Restore from backup"))
    return journal_path


def _not_reopened(path: Path, failed: bool) -> str:
    """What to say when the journal could not be opened again after a restore (or a failed one)."""
    if failed:
        text = _(
            "The restore failed and the journal {path} could not be opened again; open it with "
            "File > Open another journal."
        )
    else:
        text = _(
            "The restored journal {path} could not be opened again; open it with File > Open another journal."
        )
    return text.format(path=path)


# -- opening journal files (File > Open, Create, and reopening after a restore) -----------------------


def same_file(first: Path, second: Path) -> bool:
    return first.expanduser().resolve() == second.expanduser().resolve()


def window_lock(path: Path) -> Any:
    """The one-window-per-journal lock (reliability engineer's module), when it is there."""
    try:
        from medjournal.storage.lock import JournalLock
    except ModuleNotFoundError:
        return None
    return JournalLock(path)


def default_opener(clock: Clock) -> Callable[[Path, bool], Journal]:
    def opener(path: Path, create: bool) -> Journal:
        from medjournal.domain.errors import JournalFileError
        from medjournal.storage import open_journal

        if not create and not path.exists():
            raise JournalFileError(_("There is no journal file at {path}.").format(path=path))
        if create and path.exists():
            raise JournalFileError(
                _("{path} already exists; open it instead of creating it.").format(path=path)
            )
        from medjournal.ui.journal.settings_dialog import apply_journal_settings

        return apply_journal_settings(open_journal(path, clock, background_backups=True))

    return opener
