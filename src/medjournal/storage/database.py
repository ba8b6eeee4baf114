"""Open a journal file safely: recognise it, refuse what is damaged, foreign or too new, migrate what is old.

A file that fails the checks is never written to: the checks run on a read-only connection, and only a file that
passes them (or a new, empty one) is opened for writing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from medjournal.domain.errors import JournalFileError
from medjournal.storage import schema

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
FILE_MODE = 0o600


def _ro_connect(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def inspect_file(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a journal, in one sentence, or None when it can.

    Reads only: a damaged file is never modified by being inspected.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"The journal {path} cannot be read ({exc.strerror})."
    if path.is_dir():
        return f"{path} is a folder, not a journal file."
    if size == 0:
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return f"The journal {path} cannot be read ({exc.strerror})."
    if not header.startswith(SQLITE_HEADER):
        return f"{path} is not a medjournal journal (it is not an SQLite database)."
    if len(header) < 100 or size < 512:
        return f"The journal {path} is damaged (the file is truncated)."
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96]
    if size_is_valid and page_size and page_count and size < page_size * page_count:
        return f"The journal {path} is damaged (the file is truncated)."
    try:
        conn = _ro_connect(path)
    except sqlite3.Error as exc:
        return f"The journal {path} cannot be opened ({exc})."
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id not in (0, schema.APPLICATION_ID) or (
            application_id == 0 and tables and "_sqlite_migrations" not in tables
        ):
            return f"{path} is an SQLite database of another program, not a medjournal journal."
        if user_version > schema.SCHEMA_VERSION:
            return (
                f"The journal {path} was written by a newer version of medjournal "
                f"(schema {user_version}, this version knows {schema.SCHEMA_VERSION}); please update medjournal."
            )
        if "_sqlite_migrations" in tables:
            applied = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [schema.MIGRATION_SET]
                )
            }
            unknown = applied - set(schema.MIGRATION_NAMES)
            if unknown:
                return (
                    f"The journal {path} was written by a newer version of medjournal; please update medjournal."
                )
        result = conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(r) for r in result] != [("ok",)]:
            return f"The journal {path} is damaged (integrity check failed)."
    except sqlite3.DatabaseError as exc:
        return f"The journal {path} is damaged ({exc})."
    finally:
        conn.close()
    return None


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)


def restrict_permissions(path: Path) -> None:
    """Owner-only permissions on the journal and its WAL side files (0600), where the filesystem allows it."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError, PermissionError, NotImplementedError):
            if candidate.exists() and (candidate.stat().st_mode & 0o777) != FILE_MODE:
                os.chmod(candidate, FILE_MODE)


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        log.debug("journal_mode is %s, not wal", mode)
    # FULL: a committed entry survives a power cut as well as a killed process.
    db.execute("PRAGMA synchronous = FULL")
    return db


def open_database(path: Path, backup_dir: Path | None = None, now: datetime | None = None) -> Database:
    """Open (creating if needed) and migrate the journal at ``path``.

    Raises :class:`JournalFileError` with one sentence when the file cannot be used; the file is then untouched.
    Before migrating an existing journal, a backup is written to ``backup_dir`` with SQLite's backup API.
    """
    path = path.expanduser()
    problem = inspect_file(path)
    if problem is not None:
        raise JournalFileError(problem, newest_backup=_newest_backup_hint(path, backup_dir))
    is_new = not path.exists()
    try:
        if is_new:
            _create_private_file(path)
        db = _connect(path)
    except PermissionError:
        raise JournalFileError(f"The journal {path} cannot be written: permission denied.") from None
    except sqlite3.OperationalError as exc:
        raise JournalFileError(_operational_message(path, exc)) from None
    except OSError as exc:
        raise JournalFileError(f"The journal {path} cannot be created ({exc.strerror}).") from None
    try:
        pending = schema.migrations.pending(db)
        if pending:
            has_data = bool(schema.migrations.applied(db))
            if has_data and backup_dir is not None:
                from medjournal.storage.backup import backup_to_folder

                backup_to_folder(db, backup_dir, reason="before-migration", now=now)
            schema.migrations.apply(db)
            db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    except sqlite3.OperationalError as exc:
        db.close()
        raise JournalFileError(_operational_message(path, exc)) from None
    restrict_permissions(path)
    return db


def _operational_message(path: Path, exc: sqlite3.OperationalError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"The journal {path} is busy in another program; try again in a moment."
    if "readonly" in text or "read-only" in text:
        return f"The journal {path} is read-only; choose a folder you can write to."
    if "disk is full" in text or "database or disk is full" in text:
        return f"The disk holding {path} is full; free some space and try again. Nothing was lost."
    if "unable to open" in text:
        return f"The journal {path} cannot be opened; check that its folder exists and can be written."
    return f"The journal {path} cannot be used ({text})."


def _newest_backup_hint(path: Path, backup_dir: Path | None) -> str | None:
    if backup_dir is None:
        return None
    from medjournal.storage.backup import newest_good_backup

    found = newest_good_backup(backup_dir)
    return str(found) if found else None
