"""Backups with SQLite's backup API (never a plain copy of a WAL database), their verification and restore."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from medjournal.domain.errors import JournalFileError
from medjournal.storage.database import FILE_MODE, inspect_file

BACKUP_SUFFIX = ".db"
BACKUP_PREFIX = "journal-"


def backup_name(now: datetime, reason: str = "") -> str:
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    tag = f"-{reason}" if reason else ""
    return f"{BACKUP_PREFIX}{stamp}{tag}{BACKUP_SUFFIX}"


def backup_to_file(source: Database | sqlite3.Connection, destination: Path) -> Path:
    """Write a consistent copy of ``source`` to ``destination`` (owner-only), then verify it.

    The copy is written beside the destination under a temporary name and renamed into place only once it passes
    ``integrity_check``, so a failed backup never leaves a half-written file that looks like a good one.
    """
    conn = source.conn if isinstance(source, Database) else source
    destination = destination.expanduser()
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(destination.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    try:
        target = sqlite3.connect(str(temporary))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            ok = target.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            target.close()
        if not ok:
            raise JournalFileError(f"The backup written to {destination} did not pass its integrity check.")
        os.replace(temporary, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    os.chmod(destination, FILE_MODE)
    return destination


def backup_to_folder(source: Database, folder: Path, reason: str = "", now: datetime | None = None) -> Path:
    moment = now or datetime.now().astimezone()
    destination = folder / backup_name(moment, reason)
    counter = 1
    while destination.exists():
        destination = folder / backup_name(moment, f"{reason}-{counter}" if reason else str(counter))
        counter += 1
    return backup_to_file(source, destination)


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder``, newest first (by the time in their name, then modification time)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: (p.name[len(BACKUP_PREFIX) : len(BACKUP_PREFIX) + 17], p.stat().st_mtime),
                  reverse=True)


def verify_backup(path: Path) -> str | None:
    """Why ``path`` is not a usable journal backup, or None when it opens and passes ``integrity_check``."""
    if not path.exists():
        return f"The backup {path} does not exist."
    if path.stat().st_size == 0:
        return f"The backup {path} is empty."
    problem = inspect_file(path)
    if problem is not None:
        return problem
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"The backup {path} is damaged ({exc})."
    if result != [("ok",)]:
        return f"The backup {path} is damaged (integrity check failed)."
    if "medications" not in tables:
        return f"{path} is not a medjournal journal backup."
    return None


def newest_good_backup(folder: Path) -> Path | None:
    for candidate in list_backups(folder):
        if verify_backup(candidate) is None:
            return candidate
    return None


def restore_backup(journal_path: Path, backup_path: Path, backup_dir: Path, now: datetime | None = None) -> Path | None:
    """Replace the journal with ``backup_path`` after checking it; the replaced journal is kept as a backup.

    Returns the path where the replaced journal was kept (None when there was no journal to replace).
    """
    problem = verify_backup(backup_path)
    if problem is not None:
        raise JournalFileError(problem)
    moment = now or datetime.now().astimezone()
    kept: Path | None = None
    if journal_path.exists() and journal_path.stat().st_size > 0:
        destination = backup_dir / backup_name(moment, "before-restore")
        if inspect_file(journal_path) is None:
            conn = sqlite3.connect(str(journal_path))
            try:
                kept = backup_to_file(conn, destination)
            finally:
                conn.close()
        else:
            # A damaged journal cannot go through the backup API; keep its bytes as they are.
            backup_dir.mkdir(parents=True, exist_ok=True)
            kept = destination.with_name(destination.stem + "-damaged.bin")
            os.replace(journal_path, kept)
            os.chmod(kept, FILE_MODE)
    staging = journal_path.with_name(journal_path.name + ".restoring")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    source = sqlite3.connect(backup_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        backup_to_file(source, staging)
    finally:
        source.close()
    for side in (Path(f"{journal_path}-wal"), Path(f"{journal_path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            side.unlink()
    os.replace(staging, journal_path)
    return kept
