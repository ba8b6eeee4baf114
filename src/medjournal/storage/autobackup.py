"""Automatic backups: on opening (at most once a day) and after every batch of changes, rotated.

Backups go to the journal's backups folder: ``backups`` beside the journal unless the journal setting
``backup_dir`` names another folder (one synced by the person's own tools, for example). Each is written with
SQLite's backup API, checked with ``integrity_check`` before it gets its name, and is owner-only (0600).

Rotation keeps, of the automatic backups, the newest one of each of the 7 most recent days that have one, of
each of the 4 most recent ISO weeks and of each of the 12 most recent months (a backup can count for all
three).
Backups made by hand (``medjournal backup``), before a migration and before a restore are never rotated away.

A failed automatic backup never fails the entry that triggered it: the entry is already committed. The reason
is kept in :attr:`AutoBackup.last_error` for the window to show.

In the window (``background=True``) a backup runs in a thread with its own connection to the journal (plain, or
SQLCipher with the journal's key): the save that makes it due, and the window's start, return at once. SQLite's
backup API reads one consistent snapshot while the window goes on writing (WAL). Never two at once; closing the
journal waits for a running one (docs/data-safety.md, *Backups in the background*). The command line keeps the
backup inside the command: the command ends right after.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from medjournal.domain.clock import Clock
from medjournal.domain.errors import JournalFileError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _
from medjournal.storage import cipher
from medjournal.storage.backup import backup_to_folder, list_backups, newest_good_backup, parse_backup_name
from medjournal.storage.file_problem import sqlite_reason
from medjournal.storage.output_file import remove_leftovers

if TYPE_CHECKING:
    from medjournal.storage.journal import Journal

log = logging.getLogger(__name__)

AUTO_REASON = "auto"
BATCH_SIZE = 25
BACKUP_DIR_SETTING = "backup_dir"
# A ".partial" file older than this is left over from a backup that was interrupted (killed, power cut).
STALE_PARTIAL_SECONDS = 3600
# A backup named more than this after the present was named by a clock that was ahead.
FUTURE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def backups_to_keep(moments: Iterable[datetime], policy: RotationPolicy = RotationPolicy()) -> set[datetime]:
    """The moments to keep: the newest of each of the ``policy.daily`` most recent days, and likewise for ISO
    weeks and months. The same backup may count for a day, a week and a month."""
    ordered = sorted(set(moments), reverse=True)
    periods: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (policy.daily, lambda moment: moment.date()),
        (policy.weekly, lambda moment: moment.isocalendar()[:2]),
        (policy.monthly, lambda moment: (moment.year, moment.month)),
    ]
    keep: set[datetime] = set()
    for count, period_of in periods:
        seen: set[Hashable] = set()
        for moment in ordered:
            period = period_of(moment)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            keep.add(moment)
    return keep


def is_automatic(reason: str) -> bool:
    return reason == AUTO_REASON or reason.startswith(AUTO_REASON + "-")


def rotate(
    folder: Path,
    journal_name: str,
    policy: RotationPolicy = RotationPolicy(),
    now: datetime | None = None,
    newest: Path | None = None,
) -> list[Path]:
    """Delete the automatic backups of ``journal_name`` that the policy does not keep; return what went.

    Two kinds are never deleted: the newest good backup by what it holds (``newest``, the one just written from
    the journal as it is, else found by :func:`newest_good_backup`; a wrong clock cannot make it look old),
    and backups whose name is more than a day after ``now`` (written while the clock was ahead: they
    would otherwise take the places of the most recent days and push out the correctly dated ones).
    """
    automatic: dict[datetime, list[Path]] = {}
    ahead = (now.replace(tzinfo=None) + FUTURE_TOLERANCE) if now is not None else None
    for path in list_backups(folder, journal_name):
        parsed = parse_backup_name(path.name)
        if parsed is None or not is_automatic(parsed[2]):
            continue
        if ahead is not None and parsed[1] > ahead:
            continue  # from a clock that was ahead: kept, and not counted as a recent day
        automatic.setdefault(parsed[1], []).append(path)
    keep = backups_to_keep(automatic, policy)
    newest = newest or newest_good_backup(folder, journal_name)
    removed: list[Path] = []
    for moment, paths in automatic.items():
        # Two backups in the same second: list_backups gave the newest first; keep only that one.
        doomed = paths if moment not in keep else paths[1:]
        for path in doomed:
            if newest is not None and path == newest:
                continue
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    _remove_stale_partials(folder, journal_name)
    return removed


def _remove_stale_partials(folder: Path, journal_name: str) -> None:
    stem = Path(journal_name).stem
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    remove_leftovers(folder)  # temporary files of killed backups, restores, exports
    for partial in folder.glob(f"{stem}-*.db.partial"):  # the names used before medjournal 0.2
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < cutoff:
                partial.unlink()


def resolve_backup_dir(setting: object, journal_path: Path, default: Path) -> Path:
    """The folder named by the ``backup_dir`` setting (relative to the journal's folder), else ``default``."""
    if isinstance(setting, str) and setting.strip():
        chosen = Path(setting.strip()).expanduser()
        return chosen if chosen.is_absolute() else journal_path.expanduser().parent / chosen
    return default


class AutoBackup:
    """Takes the automatic backups of one open journal: inside the call (the command line) or, with
    ``background``, in a thread of its own (the window)."""

    def __init__(
        self,
        journal: Journal,
        folder: Path,
        clock: Clock | None = None,
        policy: RotationPolicy = RotationPolicy(),
        batch_size: int = BATCH_SIZE,
        background: bool = False,
    ) -> None:
        self.journal = journal
        self._default_folder = folder
        self.clock: Clock = clock or journal.clock
        self.policy = policy
        self.batch_size = batch_size
        self.background = background and journal.path is not None
        self.last_error: str | None = None
        self.last_backup: Path | None = None
        # Called (in the backup's thread when in the background) when a backup has finished or failed.
        self.finished: Callable[[], None] | None = None
        self._running = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closing = threading.Event()
        self.first_begun = False  # whether on_open has run (the day's first backup checked for, maybe taken)

    @property
    def folder(self) -> Path:
        """The journal's backup folder; follows ``journal.backup_dir`` when the settings change it."""
        return self.journal.backup_dir or self._default_folder

    @property
    def journal_name(self) -> str:
        return self.journal.path.name if self.journal.path is not None else "journal.db"

    @property
    def running(self) -> bool:
        """Whether a backup is being written now."""
        return self._running.locked()

    @property
    def closing(self) -> bool:
        """Whether the journal is closing (or a backup by hand waits): no new backup is started meanwhile."""
        return self._closing.is_set()

    def backed_up_today(self, folder: Path | None = None) -> bool:
        today = self.clock.now().date()
        for path in list_backups(folder or self.folder, self.journal_name):
            parsed = parse_backup_name(path.name)
            if parsed is not None and parsed[1].date() == today:
                return True
        return False

    def on_open(self) -> Path | None:
        """A backup when the journal holds entries and none was taken today (in the background: both checked
        there too, so the window's start waits for none of it; None is returned at once)."""
        self.first_begun = True
        if self.background:
            self._start(on_open=True)
            return None
        if self.journal.is_empty() or self.backed_up_today():
            return None
        return self.run()

    def after_write(self) -> Path | None:
        """A backup once ``batch_size`` changes have been made since the last one."""
        if self.journal.changes_since_backup < self.batch_size:
            return None
        if self.journal.db.conn.in_transaction:
            return None
        if self.background:
            self._start(on_open=False)
            return None
        return self.run()

    def run(self) -> Path | None:
        """Back up now, then rotate. Never raises for an expected failure: see :attr:`last_error`."""
        if not self._running.acquire(blocking=False):
            return None
        try:
            written = self._take(self.journal.db.conn, self.folder)
        finally:
            self._running.release()
        if written is not None:
            self.journal.changes_since_backup = 0
        return written

    def wait(self) -> None:
        """Let a backup in the background finish, also one whose thread has not yet begun to copy (its changes
        are no longer counted: dropping it would leave them in no backup), and start none meanwhile: called
        before the journal closes, so before a restore, a passphrase change and the window's close."""
        self._closing.set()
        thread = self._thread
        if thread is not None:
            thread.join()
        self._thread = None
        self._closing.clear()

    def _start(self, on_open: bool) -> None:
        """A backup in a thread of its own, unless one is running. The changes counted so far are taken by it;
        when it fails they are not given back: the next try comes after the next batch of changes (or at the
        next day's start), not at every save."""
        if self._closing.is_set() or not self._running.acquire(blocking=False):
            return
        journal_path = self.journal.path
        assert journal_path is not None  # background is only for journals in a file
        key = cipher.key_of(
            self.journal.db.conn
        )  # read here: the thread never touches the window's connection
        folder = self.folder
        if not on_open:
            self.journal.changes_since_backup = 0
        self._thread = threading.Thread(
            target=self._in_background,
            args=(journal_path, key, folder, on_open),
            name="medjournal-backup",
            daemon=True,
        )
        try:
            self._thread.start()
        except RuntimeError:  # no thread could be started: the backup is made here instead
            self._thread = None
            try:
                self._take(self.journal.db.conn, folder)
            finally:
                self._running.release()

    def _in_background(
        self, journal_path: Path, key: tuple[bytes, bytes] | None, folder: Path, on_open: bool
    ) -> None:
        try:
            try:
                source = (
                    cipher.connect_with_key(str(journal_path), *key)
                    if key is not None
                    else sqlite3.connect(str(journal_path))
                )
            except (JournalFileError, sqlite3.Error) as exc:
                self._failed(exc)
                return
            try:
                if on_open and (_is_empty(source) or self.backed_up_today(folder)):
                    return
                self._take(source, folder)
            finally:
                source.close()
        except sqlite3.Error as exc:  # the emptiness check could not read the journal
            self._failed(exc)
        finally:
            self._running.release()
            if self.finished is not None:
                try:
                    self.finished()
                except RuntimeError:  # the window that listened has been destroyed: nobody to tell
                    log.debug("automatic backup finished after its window was gone")

    def _take(self, source: sqlite3.Connection, folder: Path) -> Path | None:
        """Write the backup from ``source`` (a connection) into ``folder`` and rotate; the outcome is kept."""
        try:
            written = backup_to_folder(source, folder, AUTO_REASON, self.clock.now(), self.journal_name)
            rotate(folder, self.journal_name, self.policy, self.clock.now(), newest=written)
        except (JournalFileError, OSError) as exc:
            self._failed(exc)
            return None
        self.last_error = None
        self.last_backup = written
        return written

    def _failed(self, exc: JournalFileError | OSError | sqlite3.Error) -> None:
        self.last_error = (
            exc.message
            if isinstance(exc, JournalFileError)
            else _("The automatic backup could not be made ({reason}); the journal is unchanged.").format(
                reason=os_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc)
            )
        )
        log.warning("automatic backup failed: %s", exc)


def _is_empty(conn: sqlite3.Connection) -> bool:
    """Whether the journal behind ``conn`` holds no medication and no entry (its settings do not count)."""
    from medjournal.storage import schema

    for table in schema.DATA_TABLES:
        if table != "settings" and conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            return False
    return True


def attach_auto_backup(
    journal: Journal,
    default_folder: Path,
    use_setting: bool = True,
    background: bool = False,
    take_first: bool = True,
) -> AutoBackup:
    """Give ``journal`` automatic backups into its folder (the ``backup_dir`` setting when ``use_setting``)
    and take the day's first one if it is due (with ``background``, in a thread: see :class:`AutoBackup`).
    Without ``take_first`` the caller starts it later with :meth:`AutoBackup.on_open` (the window, once shown)."""
    folder = default_folder
    if use_setting and journal.path is not None:
        folder = resolve_backup_dir(journal.setting(BACKUP_DIR_SETTING), journal.path, default_folder)
    journal.backup_dir = folder
    auto = AutoBackup(journal, folder, background=background)
    journal.auto_backup = auto
    if take_first:
        auto.on_open()
    return auto
