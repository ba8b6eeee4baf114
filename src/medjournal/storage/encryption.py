"""Turning a journal's passphrase on, off or to another one, crash-safely (docs/data-safety.md).

The journal is copied with SQLCipher's ``sqlcipher_export`` into a new file beside it
(``journal.db.converting``), the copy is verified (integrity check, every table's row count, schema version),
written to disk, and only then renamed over the journal. A crash at any point leaves either the old journal
whole (and perhaps a ``.converting`` file, removed by the next attempt) or the new one whole: never neither.

While it works it holds the one-window lock and the journal's write lock, so no window and no command can add
an entry that the copy would miss; it refuses a journal that changed under it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medjournal.domain.errors import JournalFileError
from medjournal.domain.os_reason import os_reason
from medjournal.i18n import _
from medjournal.storage import cipher
from medjournal.storage.backup import list_backups
from medjournal.storage.database import BUSY_TIMEOUT_MS, FILE_MODE, inspect_file
from medjournal.storage.file_problem import sqlite_reason
from medjournal.storage.in_use import held_exclusively
from medjournal.storage.lock import JournalLock
from medjournal.storage.output_file import sync_path

CONVERTING_SUFFIX = ".converting"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Conversion:
    """What a conversion did: the journal's path, whether it is now encrypted, its recovery key (only right
    after encrypting, to show once) and the backups left as they were (readable with the old settings)."""

    path: Path
    encrypted: bool
    recovery_key: str | None
    old_backups: list[Path] = field(default_factory=list)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase cannot be used, in one sentence, or None."""
    if not passphrase.strip():
        return _("The passphrase is empty; choose one of at least {n} characters.").format(n=MIN_PASSPHRASE)
    if len(passphrase) < MIN_PASSPHRASE:
        return _("The passphrase is too short; choose one of at least {n} characters.").format(
            n=MIN_PASSPHRASE
        )
    if cipher.is_recovery_key(passphrase) or passphrase.lower().startswith(cipher.RECOVERY_PREFIX):
        return _("A passphrase cannot look like a recovery key; choose another.")
    if any(ord(char) < 32 for char in passphrase):
        return _("The passphrase holds a control character (a new line or a tab); choose another.")
    return None


def _source_connection(path: Path) -> Any:
    """A raw SQLCipher connection to the journal as it is (keyed when it is encrypted)."""
    found = cipher.key_for(path) if cipher.looks_encrypted(path) else None
    module = cipher._sqlcipher()
    conn = module.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if found is not None:
        conn.execute(cipher.key_pragma(*found))
    return conn


def _table_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0] for name in names}


def _header(conn: Any, schema: str = "main") -> tuple[int, int]:
    return (
        conn.execute(f"PRAGMA {schema}.user_version").fetchone()[0],
        conn.execute(f"PRAGMA {schema}.application_id").fetchone()[0],
    )


def _verify(temporary: Path, target_key: tuple[bytes, bytes] | None, counts: dict[str, int]) -> str | None:
    uri = temporary.resolve().as_uri() + "?mode=ro"
    try:
        if target_key is None:
            check = sqlite3.connect(uri, uri=True)
        else:
            check = cipher.connect_with_key(uri, *target_key, uri=True)
        try:
            if check.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                return _("the new file did not pass its integrity check")
            if _table_counts(check) != counts:
                return _("the new file does not hold the same entries")
        finally:
            check.close()
    except sqlite3.Error as exc:
        return _("the new file could not be read back ({reason})").format(reason=sqlite_reason(exc))
    return None


def convert(
    path: Path, new_passphrase: str | None, backup_dir: Path | None = None, lock: JournalLock | None = None
) -> Conversion:
    """Encrypt the journal at ``path`` with ``new_passphrase``, give it a new one, or (None) decrypt it.

    An encrypted journal must have been unlocked in this process (:func:`cipher.unlock`). Pass the window's
    ``lock`` when a window holds it; otherwise the lock is taken here (and refused while a window is open).
    Raises :class:`JournalFileError` with one sentence; the journal is then unchanged.
    """
    path = path.expanduser()
    if new_passphrase is not None and (problem := passphrase_problem(new_passphrase)) is not None:
        raise JournalFileError(problem)
    was_encrypted = cipher.looks_encrypted(path)
    if not was_encrypted and new_passphrase is None:
        raise JournalFileError(
            _("The journal {path} is not protected with a passphrase; nothing to remove.").format(path=path)
        )
    if not path.exists() or path.stat().st_size == 0:
        raise JournalFileError(_("There is no journal at {path} yet; add an entry first.").format(path=path))
    if was_encrypted and cipher.key_for(path) is None:
        raise cipher.PassphraseNeeded(
            _("The journal {path} is protected with a passphrase.").format(path=path)
        )
    found = inspect_file(path)
    if found is not None:
        raise JournalFileError(_("{problem} It was not converted.").format(problem=found.message))
    held = lock if lock is not None and lock.held else None
    own_lock = None if held is not None else JournalLock(path)
    if own_lock is not None:
        own_lock.acquire()
    try:
        target_key = None
        if new_passphrase is not None:
            salt = cipher.new_salt()
            target_key = (cipher.derive_key(new_passphrase, salt), salt)
        with held_exclusively(path):  # every command using the journal has closed it; new ones wait
            _convert(path, target_key)
    finally:
        if own_lock is not None:
            own_lock.release()
    recovery = None
    if target_key is not None:
        cipher.remember(*target_key)
        recovery = cipher.format_recovery_key(*target_key)
    return Conversion(path, target_key is not None, recovery, backups_not_matching(path, backup_dir))


def _convert(path: Path, target_key: tuple[bytes, bytes] | None, temporary: Path | None = None) -> None:
    temporary = temporary or path.with_name(path.name + CONVERTING_SUFFIX)
    for stale in (temporary, Path(f"{temporary}-journal")):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    module = cipher._sqlcipher()
    conn = None
    try:
        conn = _source_connection(path)
        # The journal leaves WAL mode first: a -wal file must never be left beside the renamed new file.
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete" or Path(f"{path}-wal").exists():
            raise JournalFileError(
                _("The journal {path} is in use by another program; close it and try again.").format(
                    path=path
                )
            )
        key_text = "" if target_key is None else f"x'{target_key[0].hex()}{target_key[1].hex()}'"
        conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(temporary), key_text))
        # A read transaction on the journal (a consistent copy) that writes only the new file: a transaction
        # writing two files would leave a super-journal (journal.db-mj…) behind if killed.
        conn.execute("BEGIN")
        version = conn.execute("PRAGMA main.data_version").fetchone()[0]
        conn.execute("SELECT sqlcipher_export('converted')")
        user_version, application_id = _header(conn)
        conn.execute(f"PRAGMA converted.user_version = {int(user_version)}")
        conn.execute(f"PRAGMA converted.application_id = {int(application_id)}")
        conn.execute("COMMIT")
        counts = _table_counts(conn)
        conn.execute("DETACH DATABASE converted")
        # Hold the journal's write lock from here to the rename: nothing can be added that the copy lacks.
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("PRAGMA main.data_version").fetchone()[0] != version or _table_counts(conn) != counts:
            raise JournalFileError(
                _("The journal {path} changed while it was being converted; try again.").format(path=path)
            )
        problem = _verify(temporary, target_key, counts)
        if problem is not None:
            raise JournalFileError(
                _("The journal {path} was not converted: {problem}.").format(path=path, problem=problem)
            )
        sync_path(temporary)
        os.replace(temporary, path)
        sync_path(path.parent)
        conn.execute("ROLLBACK")
    except (module.Error, OSError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else cipher._translate(exc)
        unchanged = _("The journal {path} was not converted ({reason}); it is unchanged.")
        raise JournalFileError(unchanged.format(path=path, reason=reason)) from None
    finally:
        if conn is not None:
            with contextlib.suppress(module.Error):
                conn.close()
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    with contextlib.suppress(OSError):
        os.chmod(path, FILE_MODE)


def backups_not_matching(path: Path, backup_dir: Path | None) -> list[Path]:
    """The journal's backups that are not encrypted like it now is (plain ones of an encrypted journal,
    others with another key, or encrypted ones of a plain journal)."""
    if backup_dir is None:
        return []
    journal_salt = cipher.salt_of(path) if cipher.looks_encrypted(path) else None
    found = []
    for backup in list_backups(backup_dir, path.name):
        salt = cipher.salt_of(backup) if cipher.looks_encrypted(backup) else None
        if salt != journal_salt:
            found.append(backup)
    return found


def convert_backups(path: Path, backups: list[Path]) -> list[Path]:
    """Encrypt ``backups`` like the journal at ``path`` (or decrypt them, for a plain journal), each crash-
    safely in place. Returns those that could not be converted (an encrypted one whose key is not held)."""
    target = cipher.key_for(path) if cipher.looks_encrypted(path) else None
    skipped = []
    for backup in backups:
        if cipher.looks_encrypted(backup) and cipher.key_for(backup) is None:
            skipped.append(backup)
            continue
        _convert(backup, target)
    return skipped


def remove_backups(backups: list[Path]) -> None:
    for backup in backups:
        with contextlib.suppress(FileNotFoundError):
            backup.unlink()


def encrypt_like(copy: Path, journal: Path) -> None:
    """Convert the file ``copy`` (a staged backup) to the journal's encryption: the same key, or plain. The
    converted copy is written under a temporary name that a killed run's clean-up recognises."""
    from medjournal.storage.output_file import temporary_name

    journal_salt = cipher.salt_of(journal) if cipher.looks_encrypted(journal) else None
    copy_salt = cipher.salt_of(copy) if cipher.looks_encrypted(copy) else None
    if copy_salt != journal_salt:
        target = cipher.key_for(journal) if journal_salt is not None else None
        if journal_salt is not None and target is None:
            raise cipher.PassphraseNeeded(
                _("The journal {path} is protected with a passphrase.").format(path=journal)
            )
        _convert(copy, target, temporary_name(copy))
