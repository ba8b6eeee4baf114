"""Restoring a backup over a sound journal without losing an entry written meanwhile (docs/data-safety.md,
*Restore*).

The journal file is not swapped for another: a command-line writer that opened it a moment before would go on
writing into the file that was swapped away. Instead the backup's content is copied into the journal inside
one SQLite write transaction, which every other writer waits for (busy timeout):

1. the backup is copied beside the journal and brought to this version's schema (the journal is too, when it
   is opened here);
2. ``BEGIN IMMEDIATE`` on the journal: from now on no other writer can commit;
3. the ``before-restore`` backup is taken through a second, read-only connection, which sees exactly what is
   committed (nothing can be committed any more until the restore ends);
4. every table is emptied and filled from the copy, in the same transaction, which then commits.

An entry acknowledged before step 2 is in the ``before-restore`` backup; one acknowledged after step 4 is in
the restored journal. If anything fails before the commit, the journal is as it was.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path

from medjournal.domain.errors import JournalFileError
from medjournal.i18n import _
from medjournal.storage import cipher
from medjournal.storage.backup import backup_to_file, backup_to_folder
from medjournal.storage.database import BUSY_TIMEOUT_MS, open_database, sqlite_error_message
from medjournal.storage.output_file import temporary_name

_OWN = "_sqlite_migrations"


class BackupPassphraseNeeded(cipher.PassphraseNeeded):
    """The backup is encrypted with a key this process does not hold (another passphrase than the journal's)."""


def check_keys(journal_path: Path, backup_path: Path) -> None:
    """Refuse, changing nothing, a restore whose journal or backup is encrypted with a key not held here: an
    encrypted journal that could not be read would otherwise be taken for a damaged one, and its content
    could not be kept encrypted."""
    if cipher.looks_encrypted(journal_path) and cipher.key_for(journal_path) is None:
        raise cipher.PassphraseNeeded(
            _(
                "The journal {path} is protected with a passphrase; it is needed to restore a backup into it. "
                "Nothing was changed."
            ).format(path=journal_path)
        )
    if cipher.looks_encrypted(backup_path) and cipher.key_for(backup_path) is None:
        raise BackupPassphraseNeeded(
            _(
                "The backup {path} is encrypted, and its passphrase was not given; nothing was changed."
            ).format(path=backup_path)
        )


def unlock_backup(backup_path: Path, secret: str) -> None:
    """Keep the key of the encrypted backup ``backup_path`` when ``secret`` (a passphrase or a recovery key)
    opens it; otherwise :class:`cipher.WrongPassphrase` naming the backup (nothing changed)."""
    try:
        cipher.unlock(backup_path, secret)
    except cipher.WrongPassphrase:
        raise cipher.WrongPassphrase(
            _("The passphrase does not open the backup {path}; nothing was changed.").format(path=backup_path)
        ) from None


def salt_of_backup(backup: Path) -> bytes | None:
    """The salt of an encrypted backup (None: a plain one), read before a restore to compare after it."""
    return cipher.salt_of(backup) if cipher.looks_encrypted(backup) else None


def encryption_after_restore(journal: Path, backup_salt: bytes | None) -> str:
    """How the restored entries are protected now, compared with the backup (``backup_salt``, read before the
    restore): "" as they were in it, "journal_key" under the encrypted journal's own passphrase, "plain" in a
    journal that is not encrypted (docs/data-safety.md, *Restore*)."""
    journal = journal.expanduser()
    journal_salt = cipher.salt_of(journal) if cipher.looks_encrypted(journal) else None
    if journal_salt == backup_salt:
        return ""
    return "journal_key" if journal_salt is not None else "plain"


def _data_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != ?",
        [_OWN],
    ).fetchall()
    return [str(row[0]) for row in rows]


def _columns(conn: sqlite3.Connection, schema_name: str, table: str) -> list[str]:
    return [str(row[1]) for row in conn.execute(f'PRAGMA {schema_name}.table_info("{table}")')]


def _remove(path: Path) -> None:
    for side in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{side}").unlink()


def restore_in_place(journal_path: Path, backup_path: Path, backup_dir: Path, now: datetime) -> Path:
    """Replace the content of the sound journal at ``journal_path`` with that of the checked backup
    ``backup_path``; returns the ``before-restore`` backup written into ``backup_dir``."""
    staging = temporary_name(journal_path)
    try:
        source = cipher.connect(backup_path.resolve().as_uri() + "?mode=ro", backup_path, uri=True)
        try:
            backup_to_file(source, staging)
        finally:
            source.close()
        from medjournal.storage.encryption import encrypt_like

        encrypt_like(staging, journal_path)  # a plain backup restored into an encrypted journal, or back
        open_database(staging).close()  # the copy at this version's schema, like the journal
        live = open_database(journal_path, backup_dir, now)
        try:
            return _copy_locked(live.conn, journal_path, staging, backup_dir, now)
        except sqlite3.Error as exc:
            raise JournalFileError(
                _("{why} The restore was not made; the journal is unchanged.").format(
                    why=sqlite_error_message(journal_path, exc)
                )
            ) from None
        finally:
            live.close()
    finally:
        _remove(staging)


def _copy_locked(
    conn: sqlite3.Connection,
    journal_path: Path,
    staging: Path,
    backup_dir: Path,
    now: datetime,
) -> Path:
    conn.execute("PRAGMA foreign_keys = OFF")  # whole tables are replaced; nothing may cascade
    conn.execute("ATTACH DATABASE ? AS staged", [str(staging)])
    try:
        conn.execute("BEGIN IMMEDIATE")  # every other writer waits from here until the commit
        try:
            reader = cipher.connect(str(journal_path), journal_path, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                kept = backup_to_folder(reader, backup_dir, "before-restore", now, journal_path.name)
            finally:
                reader.close()
            for table in _data_tables(conn):
                columns = _columns(conn, "main", table)
                if columns != _columns(conn, "staged", table):
                    raise JournalFileError(
                        _(
                            "The backup {name} could not be brought to this version's schema; the journal is "
                            "unchanged."
                        ).format(name=staging.name)
                    )
                listed = ", ".join(f'"{column}"' for column in columns)
                conn.execute(f'DELETE FROM main."{table}"')
                conn.execute(f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM staged."{table}"')
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE staged")
        conn.execute("PRAGMA foreign_keys = ON")
    return kept
