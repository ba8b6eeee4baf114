"""Backups with SQLite's backup API (never a plain copy of a WAL database), their verification and restore.

A backup is a complete journal file in rollback-journal mode, owner-only, named after the journal and the
local time it was taken: ``journal-2026-03-15_093000-auto.db``. It is written under a temporary name,
checked with ``integrity_check`` and only then renamed into place, so a file with a backup's name is
always a good one.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from medjournal.domain.errors import JournalFileError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _
from medjournal.storage import cipher, schema
from medjournal.storage.database import FILE_MODE, inspect_file
from medjournal.storage.file_problem import sqlite_reason
from medjournal.storage.lock import JournalLock
from medjournal.storage.output_file import (
    OutputError,
    new_output,
    private_folder,
    sync_folder,
    temporary_name,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

BACKUP_SUFFIX = ".db"
DEFAULT_JOURNAL_NAME = "journal.db"
STAMP_FORMAT = "%Y-%m-%d_%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})(?:-(?P<tag>[A-Za-z0-9_-]+))?\.db$")
# Counted for the recovery dialog ("3 medications, 412 check-ins, ...").
COUNTED_TABLES = ("medications", "dose_logs", "checkins", "side_effects", "questionnaires", "treatments")


@dataclass(frozen=True)
class BackupInfo:
    """What the recovery dialog shows about a backup."""

    path: Path
    taken_at: datetime | None
    reason: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def entries(self) -> int:
        return sum(count for table, count in self.counts.items() if table != "medications")


def _stem(journal_name: str | None) -> str:
    return Path(journal_name or DEFAULT_JOURNAL_NAME).stem or "journal"


def backup_name(now: datetime, reason: str = "", journal_name: str | None = None) -> str:
    tag = f"-{reason}" if reason else ""
    return f"{_stem(journal_name)}-{now.strftime(STAMP_FORMAT)}{tag}{BACKUP_SUFFIX}"


def parse_backup_name(name: str) -> tuple[str, datetime, str] | None:
    """(journal stem, local time taken, reason) from a backup's file name, or None for other files."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return match["stem"], taken, match["tag"] or ""


def _journal_name_of(conn: sqlite3.Connection) -> str:
    for _seq, name, filename in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename).name
    return DEFAULT_JOURNAL_NAME


def backup_to_file(
    source: Database | sqlite3.Connection, destination: Path, journal_path: Path | None = None
) -> Path:
    """Write a consistent copy of ``source`` to the new file ``destination`` (owner-only), then verify it.

    The copy is written to a fresh temporary file beside the destination and renamed into place only once it
    passes ``integrity_check`` and is synced (:func:`medjournal.storage.output_file.new_output`), so a failed
    backup never leaves a half-written file that looks like a good one, and never replaces a file.
    Raises :class:`JournalFileError` when the copy cannot be written (full disk, read-only folder).
    """
    conn = source if isinstance(source, (sqlite3.Connection, cipher.CipherConnection)) else source.conn
    destination = destination.expanduser()
    try:
        private_folder(destination.parent)  # a new folder: owner-only too
    except OSError as exc:
        raise JournalFileError(
            _("The backup could not be written to {place} ({reason}); the journal is unchanged.").format(
                place=destination.parent, reason=os_reason(exc)
            )
        ) from None
    try:
        with new_output(destination, journal_path) as output:
            target = cipher.connect_like(conn, output.temporary)  # an encrypted journal's: the same key
            try:
                conn.backup(target)
                # The copy inherits WAL mode from the journal's header; a backup is one self-contained file.
                target.execute("PRAGMA journal_mode = DELETE")
                ok = target.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            finally:
                target.close()
            if not ok:
                raise JournalFileError(
                    _("The backup written to {path} did not pass its integrity check.").format(
                        path=destination
                    )
                )
    except OutputError as exc:
        raise JournalFileError(
            _("{why} The backup was not made; the journal is unchanged.").format(why=exc.message)
        ) from None
    except sqlite3.Error as exc:
        reason = sqlite_reason(exc)  # "the disk is full" by SQLite's result code
        raise JournalFileError(
            _("The backup could not be written to {place} ({reason}); the journal is unchanged.").format(
                place=destination, reason=reason
            )
        ) from None
    return destination


def backup_to_folder(
    source: Database | sqlite3.Connection,
    folder: Path,
    reason: str = "",
    now: datetime | None = None,
    journal_name: str | None = None,
) -> Path:
    """Back up ``source`` into ``folder`` under a name made of the journal's name, the time and ``reason``."""
    conn = source if isinstance(source, (sqlite3.Connection, cipher.CipherConnection)) else source.conn
    name = journal_name or _journal_name_of(conn)
    moment = now or datetime.now().astimezone()
    destination = folder / backup_name(moment, reason, name)
    counter = 1
    while destination.exists():
        destination = folder / backup_name(moment, f"{reason}-{counter}" if reason else str(counter), name)
        counter += 1
    return backup_to_file(conn, destination)


def list_backups(folder: Path, journal_name: str | None = None) -> list[Path]:
    """Backups in ``folder`` (of the journal called ``journal_name`` when given), newest first."""
    if not folder.is_dir():
        return []
    stem = _stem(journal_name) if journal_name else None
    found: list[tuple[datetime, float, Path]] = []
    for candidate in folder.glob(f"*{BACKUP_SUFFIX}"):
        parsed = parse_backup_name(candidate.name)
        if parsed is None or (stem is not None and parsed[0] != stem):
            continue
        with contextlib.suppress(OSError):
            if candidate.is_file():
                found.append((parsed[1], candidate.stat().st_mtime, candidate))
    return [path for _taken, _mtime, path in sorted(found, key=lambda item: (item[0], item[1]), reverse=True)]


def verify_backup(path: Path) -> str | None:
    """Why ``path`` is not a usable journal backup, or None when it opens and passes ``integrity_check``."""
    if not path.exists():
        return _("The backup {path} does not exist.").format(path=path)
    if path.is_file() and path.stat().st_size == 0:
        return _("The backup {path} is empty.").format(path=path)
    problem = inspect_file(path, thorough=True)
    if problem is not None:
        return problem.message
    try:
        conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _("The backup {path} is damaged ({reason}).").format(path=path, reason=sqlite_reason(exc))
    if "medications" not in tables:
        return _("{path} is not a medjournal journal backup.").format(path=path)
    return None


def describe_backup(path: Path) -> BackupInfo:
    """The time a backup was taken (from its name, else its file time) and how many entries it holds."""
    parsed = parse_backup_name(path.name)
    if parsed is not None:
        taken: datetime | None = parsed[1]
        reason = parsed[2]
    else:
        reason = ""
        try:
            taken = datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            taken = None
    counts: dict[str, int] = {}
    with contextlib.suppress(sqlite3.Error, JournalFileError):
        conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
        try:
            for table in COUNTED_TABLES:
                counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    return BackupInfo(path, taken, reason, counts)


def content_mark(path: Path) -> tuple[int, int]:
    """How far a backup's journal had got, whatever the clock said when it was named: the sum of the highest
    entry number of each table (SQLite numbers new rows after the highest one) and the number of rows.
    (0, 0) when it cannot be read."""
    highest = rows = 0
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            for table in schema.DATA_TABLES:
                if table == "settings":
                    continue
                with contextlib.suppress(sqlite3.Error):
                    top, count = conn.execute(
                        f'SELECT coalesce(max(id), 0), count(*) FROM "{table}"'
                    ).fetchone()
                    highest, rows = highest + int(top), rows + int(count)
        finally:
            conn.close()
    return highest, rows


def newest_good_backup(folder: Path, journal_name: str | None = None) -> Path | None:
    """The backup that passes its checks and holds the most recent state of the journal: ordered by what it
    holds (:func:`content_mark`), not by the time in its name, which a wrong clock may have written; among
    equals the one named latest."""
    named = list_backups(folder, journal_name)  # named newest first
    ranked = sorted(range(len(named)), key=lambda i: (content_mark(named[i]), -i), reverse=True)
    for index in ranked:  # the checks (integrity_check) only until one passes
        if verify_backup(named[index]) is None:
            return named[index]
    return None


def _aside_name(journal_path: Path, label: str, now: datetime) -> Path:
    base = f"{journal_path.name}.{label}-{now.strftime(STAMP_FORMAT)}"
    candidate, counter = journal_path.with_name(base), 1
    while any(Path(f"{candidate}{side}").exists() for side in ("", "-wal", "-shm")):
        candidate, counter = journal_path.with_name(f"{base}-{counter}"), counter + 1
    return candidate


def _set_aside(journal_path: Path, label: str, now: datetime, keep_main_in_place: bool = False) -> Path:
    """Move the journal's side files (and, unless ``keep_main_in_place``, the journal) out of the way, in the
    same folder, with their bytes as they are. With ``keep_main_in_place`` the journal gets a second
    name (a hard link) so that the caller can replace it atomically and still keep it."""
    aside = _aside_name(journal_path, label, now)
    for side in ("-wal", "-shm"):
        current = Path(f"{journal_path}{side}")
        if current.exists():
            os.replace(current, f"{aside}{side}")
    if journal_path.exists():
        if keep_main_in_place:
            try:
                os.link(journal_path, aside)
            except OSError:
                os.replace(journal_path, aside)
        else:
            os.replace(journal_path, aside)
    return aside


def _is_sound_journal(journal_path: Path) -> bool:
    """A journal with something in it that passes the safe open's checks (a new empty file does not count)."""
    try:
        has_content = journal_path.stat().st_size > 0 or Path(f"{journal_path}-wal").exists()
    except OSError:
        return False
    return has_content and inspect_file(journal_path) is None


def restore_backup(
    journal_path: Path,
    backup_path: Path,
    backup_dir: Path,
    now: datetime | None = None,
    lock: JournalLock | None = None,
) -> Path | None:
    """Replace the journal with ``backup_path`` after checking it, and return where the old journal was kept.

    A sound journal is first backed up into ``backup_dir`` (reason ``before-restore``) and its content then
    replaced in place, both under one write transaction that every other writer waits for
    (:mod:`medjournal.storage.restore`), so no entry written meanwhile is lost. A damaged one is never
    overwritten or deleted: it keeps its bytes, with its ``-wal`` file, under the name
    ``journal.db.damaged-<time>`` beside itself. Refused while a window has the journal open (pass that
    window's ``lock`` when it is this one).
    Returns None when there was no journal to replace.
    """
    from medjournal.storage.restore import check_keys

    journal_path = journal_path.expanduser()
    check_keys(
        journal_path, backup_path
    )  # an encrypted journal not unlocked is never taken for a damaged one
    problem = verify_backup(backup_path)
    if problem is not None:
        raise JournalFileError(problem)
    if backup_path.resolve() == journal_path.resolve():
        raise JournalFileError(
            _("{path} is the journal itself; choose a backup file.").format(path=backup_path)
        )
    moment = now or datetime.now().astimezone()
    held = lock if lock is not None and lock.held else None
    own_lock = None if held is not None else JournalLock(journal_path)
    if own_lock is not None:
        own_lock.acquire()
    try:
        if _is_sound_journal(journal_path):
            from medjournal.storage.restore import restore_in_place

            return restore_in_place(journal_path, backup_path, backup_dir, moment)
        return _replace_unsound(journal_path, backup_path, moment)
    finally:
        if own_lock is not None:
            own_lock.release()


def _replace_unsound(journal_path: Path, backup_path: Path, moment: datetime) -> Path | None:
    """Put the backup where a damaged journal (or none) is: the damaged file is set aside, never overwritten.
    Returns where it was kept."""
    staging = temporary_name(journal_path)  # removed after a killed run (output_file.remove_leftovers)
    source = cipher.connect(backup_path.resolve().as_uri() + "?mode=ro", backup_path, uri=True)
    try:
        backup_to_file(source, staging)
    finally:
        source.close()
    if cipher.looks_encrypted(journal_path):  # a damaged encrypted journal: the backup comes back encrypted
        from medjournal.storage.encryption import encrypt_like

        try:
            encrypt_like(staging, journal_path)
        except BaseException:
            with contextlib.suppress(OSError):
                staging.unlink()
            raise
    kept: Path | None = None
    has_journal = journal_path.exists() and (
        journal_path.stat().st_size > 0 or Path(f"{journal_path}-wal").exists()
    )
    try:
        # No writer can use a damaged journal (the safe open refuses it), so swapping the file loses nothing.
        if has_journal:
            kept = _set_aside(journal_path, "damaged", moment, keep_main_in_place=True)
        elif any(Path(f"{journal_path}{side}").exists() for side in ("-wal", "-shm")):
            _set_aside(journal_path, "leftover", moment, keep_main_in_place=True)
        os.replace(staging, journal_path)
    except OSError as exc:
        raise JournalFileError(
            _(
                "The journal {journal} could not be replaced ({reason}); the backup {backup} is unchanged."
            ).format(journal=journal_path, reason=os_reason(exc), backup=backup_path)
        ) from None
    finally:
        with contextlib.suppress(OSError):
            staging.unlink()
    sync_folder(journal_path.parent)
    with contextlib.suppress(OSError):
        os.chmod(journal_path, FILE_MODE)
    return kept
