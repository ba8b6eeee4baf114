"""Open a journal file safely: recognise it, refuse what is damaged, foreign or too new, migrate what is old.

A file that fails the checks is never written to: the checks run on a read-only connection (which never
checkpoints the ``-wal`` file into the journal), and only a file that passes them, or a new empty one, is
opened for writing. Before an existing journal is migrated it is backed up with SQLite's backup API; if that
backup cannot be written the journal is not migrated.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from medjournal.domain.errors import JournalFileError
from medjournal.domain.os_reason import os_reason
from medjournal.storage import cipher, schema
from medjournal.storage import file_problem as words
from medjournal.storage.file_problem import FileProblem, Reason
from medjournal.storage.output_file import remove_leftovers
from medjournal.storage.schema_check import schema_difference

if TYPE_CHECKING:  # sqlite-utils is loaded only by an open for writing (docs/data-safety.md)
    from sqlite_utils import Database


def _log_warning(message: str, *args: object) -> None:
    """A warning in the log; logging is loaded only when there is one (read commands never load it)."""
    import logging

    logging.getLogger(__name__).warning(message, *args)


SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
FILE_MODE = 0o600
# Tables every medjournal journal has had since its first migration.
CORE_TABLES = frozenset({"medications", "regimens", "dose_logs", "checkins", "settings"})


# Below this much free space, an I/O error is taken for what it almost surely is: a full disk, not damage.
LOW_SPACE_BYTES = 1 << 20


def disk_full_problem(path: Path) -> FileProblem | None:
    """A journal whose disk is (nearly) full, or None when there is room."""
    try:
        stats = os.statvfs(path.parent if path.parent.is_dir() else path)
    except (OSError, AttributeError):  # no statvfs on Windows: SQLite's own "disk is full" still says it
        return None
    free = stats.f_bavail * stats.f_frsize
    if free >= LOW_SPACE_BYTES:
        return None
    return words.DISK_FULL_KIB(path=path, free=free // 1024)


def _io_problem(path: Path, exc: BaseException) -> FileProblem | None:
    """A full disk, for an error SQLite reports as I/O, "full" or "unable to open"."""
    if words.sqlite_code(exc) in (words.SQLITE_IOERR, words.SQLITE_FULL, words.SQLITE_CANTOPEN):
        return disk_full_problem(path)
    return None


def _ro_connect(path: Path, has_wal: bool) -> sqlite3.Connection:
    # Without a -wal file there is nothing beyond the file itself to read, and "immutable" stops SQLite from
    # creating an empty -wal beside a journal it was only asked to look at. (A writer always has a -wal file
    # while it has the journal open, so this never reads a file that is changing.)
    uri = path.resolve().as_uri() + ("?mode=ro" if has_wal else "?mode=ro&immutable=1")
    return cipher.connect(uri, path, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def _header_problem(path: Path, size: int, header: bytes, has_wal: bool) -> FileProblem | None:
    """Problems visible in the first 100 bytes, before SQLite is asked to read the file."""
    if not header.startswith(SQLITE_HEADER):
        if len(header) < len(SQLITE_HEADER) and SQLITE_HEADER.startswith(header):
            return words.TRUNCATED(path=path)
        return words.NOT_SQLITE(path=path)
    if len(header) < 100 or size < 512:
        return words.TRUNCATED(path=path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return words.BAD_HEADER(path=path)
    page_count = int.from_bytes(header[28:32], "big")
    # The page count in the header is trusted only when it was written by a version that keeps it up to date,
    # and only without a -wal file: a checkpoint interrupted by a crash can leave the file short of it, which
    # SQLite repairs from the -wal file on the next opening.
    count_is_valid = header[24:28] == header[92:96] and not has_wal
    if count_is_valid and page_count and size < page_size * page_count:
        return words.TRUNCATED(path=path)
    return None


def _schema_problem(path: Path, conn: sqlite3.Connection) -> FileProblem | None:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id not in (0, schema.APPLICATION_ID):
        return words.FOREIGN(path=path)  # made only when refused: no catalogue read otherwise
    applied: set[str] = set()
    if "_sqlite_migrations" in tables:
        applied = {
            row[0]
            for row in conn.execute(
                # applied_at too: the migration step reads it, so damaged text there must be found here
                "SELECT name, applied_at FROM _sqlite_migrations WHERE migration_set = ?",
                [schema.MIGRATION_SET],
            )
        }
    if application_id == 0 and tables and not applied:
        # Tables but no medjournal migrations: another program's database (perhaps also using sqlite-utils).
        return words.FOREIGN(path=path)
    if user_version > schema.SCHEMA_VERSION or applied - set(schema.MIGRATION_NAMES):
        return words.NEWER_VERSION(path=path, found=user_version, known=schema.SCHEMA_VERSION)
    if applied and not tables >= CORE_TABLES:
        return words.TABLES_MISSING(path=path)
    return None


def _check_expressions(sql: str) -> list[str]:
    """The expressions of the CHECK constraints in a CREATE TABLE statement (medjournal's own schema)."""
    found, upper, start = [], sql.upper(), 0
    while (start := upper.find("CHECK", start)) != -1:
        opening = upper.find("(", start)
        if opening == -1 or upper[start + 5 : opening].strip():
            start += 5
            continue
        depth, index = 0, opening
        for index in range(opening, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[index], 0)
            if depth == 0:
                break
        found.append(sql[opening + 1 : index])
        start = index
    return found


def _broken_check_constraint(conn: sqlite3.Connection) -> str | None:
    """The first table with a row that breaks a CHECK or NOT NULL constraint. integrity_check verifies these
    only on a connection that may write (SQLite 3.40 here), and inspection must not write."""
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL"
    ):
        conditions = [f"NOT ({expression})" for expression in _check_expressions(sql)]
        conditions += [
            f'"{column[1]}" IS NULL'
            for column in conn.execute(f'PRAGMA table_info("{name}")')
            if column[3] and not column[5]
        ]  # NOT NULL, and not the rowid
        if not conditions:
            continue
        where = " OR ".join(conditions)
        if conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}" WHERE {where})').fetchone()[0]:
            return str(name)
    return None


def inspect_file(path: Path, thorough: bool = True) -> FileProblem | None:
    """Why ``path`` cannot be opened as a journal (a reason and one sentence), or None when it can (or is not
    there yet).

    Reads only: a damaged file, and its ``-wal`` file, are never modified by being inspected. ``thorough``
    runs ``integrity_check`` and a check of every CHECK and NOT NULL constraint (about 8 ms for ten years of
    entries) rather than ``quick_check``, which misses an index that no longer matches its table.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as exc:
        return words.CANNOT_READ(path=path, reason=os_reason(exc))
    if path.is_dir():
        return words.IS_FOLDER(path=path)
    if size == 0:
        if wal_has_content(path):
            return words.EMPTY_BUT_WAL(path=path)
        return None  # a new journal whose creation was interrupted: nothing in it to lose
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return words.CANNOT_READ(path=path, reason=os_reason(exc))
    has_wal = wal_has_content(path)
    encrypted = cipher.looks_encrypted(path)  # SQLCipher checks its pages itself (storage/cipher.py)
    problem = None if encrypted else _header_problem(path, size, header, has_wal)
    if problem is not None:
        return problem
    try:
        conn = _ro_connect(path, Path(f"{path}-wal").exists())
    except cipher.PassphraseNeeded:
        return words.PASSPHRASE_NEEDED(path=path)
    except sqlite3.Error as exc:
        return _io_problem(path, exc) or words.CANNOT_OPEN(path=path, reason=words.sqlite_reason(exc))
    return _contents_problem(path, conn, thorough)


def _contents_problem(path: Path, conn: sqlite3.Connection, thorough: bool) -> FileProblem | None:
    """What :func:`inspect_file` finds inside an opened file (its schema, its pages, its rows); closes ``conn``."""
    try:
        problem = _schema_problem(path, conn)
        if problem is not None:
            return problem
        difference = schema_difference(conn)  # before anything reads a table: no view or trigger runs
        if difference is not None:
            return words.NOT_SOUND(path=path, difference=difference)
        check = "integrity_check" if thorough else "quick_check"
        result = conn.execute(f"PRAGMA {check}").fetchall()
        if [tuple(r) for r in result] != [("ok",)]:
            return words.INTEGRITY_FAILED(path=path)
        if thorough and (table := _broken_check_constraint(conn)) is not None:
            return words.IMPOSSIBLE_VALUE(path=path, table=table)
    except sqlite3.OperationalError as exc:
        code = words.sqlite_code(exc)
        if (full := _io_problem(path, exc)) is not None:
            return full
        if code in (words.SQLITE_BUSY, words.SQLITE_LOCKED):
            return words.BUSY(path=path)
        if code == words.SQLITE_CANTOPEN:
            return words.FOLDER_MISSING(path=path)
        return words.DAMAGED(path=path, reason=words.sqlite_reason(exc))
    except sqlite3.DatabaseError as exc:
        return _io_problem(path, exc) or words.DAMAGED(path=path, reason=words.sqlite_reason(exc))
    except UnicodeDecodeError:
        return words.UNREADABLE_TABLES(path=path)
    finally:
        conn.close()
    return None


def _write_access_problem(path: Path) -> FileProblem | None:
    """Refuse before SQLite tries: a read-only file or folder would otherwise fail at the first entry."""
    # The effective permissions, as the open will meet them (root without its powers too), where the OS has them.
    effective = os.access in os.supports_effective_ids
    if path.exists() and not os.access(path, os.W_OK, effective_ids=effective):
        return words.READ_ONLY_FILE(path=path)
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK, effective_ids=effective):
        return words.READ_ONLY_FOLDER(path=path)
    return None


def _is_empty_file(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def wal_has_content(path: Path) -> bool:
    """Whether the journal's -wal file holds anything. Another process closing its connection removes that file
    at any moment, so one that is gone between looking and measuring is simply not there (a writer running
    meanwhile was refused with "No such file or directory" on it)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)


def restrict_permissions(path: Path) -> None:
    """Owner-only permissions on the journal and its WAL side files (0600), where the filesystem allows it."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError, PermissionError, NotImplementedError):
            if (candidate.stat().st_mode & 0o777) != FILE_MODE:
                os.chmod(candidate, FILE_MODE)


def _connect(path: Path) -> Database:
    from medjournal.storage.sqlite_lib import Database

    conn = cipher.connect(str(path), path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        db = Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        # FULL: in WAL mode the -wal file is synced at every commit: a committed entry survives a power cut.
        db.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return db


def _replace_bad_utf8(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def tolerate_damaged_text(db: Database, exc: Exception) -> bool:
    """After a read failed on text that is not valid UTF-8 (damage that SQLite's checks cannot see, inside a
    value), read the rest of this session with the bad bytes shown as "\ufffd"; True when the read should be
    tried again. Decoding strictly until then keeps ordinary reads at full speed."""
    damaged = isinstance(exc, UnicodeDecodeError) or "decode" in str(exc)
    if not damaged or db.conn.text_factory is _replace_bad_utf8:
        return False
    _log_warning("the journal holds text that is not valid UTF-8; showing it with replacement characters")
    db.conn.text_factory = _replace_bad_utf8
    return True


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One short write transaction, begun IMMEDIATE so that a second writer waits (busy timeout) at the start
    instead of failing part-way with ``SQLITE_BUSY_SNAPSHOT``. Nested use becomes a savepoint."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _migrate(db: Database, path: Path, backup_dir: Path | None, now: datetime | None) -> None:
    pending = schema.migrations.pending(db)
    if pending and schema.migrations.applied(db) and backup_dir is not None:
        from medjournal.storage.backup import backup_to_folder

        try:
            backup_to_folder(db, backup_dir, reason="before-migration", now=now)
        except JournalFileError as exc:  # the backup's own sentence says why
            raise words.UPGRADE_BACKUP_REFUSED(path=path, why=exc.message).error() from None
        except (OSError, sqlite3.Error) as exc:
            why = words.sqlite_reason(exc)
            raise words.UPGRADE_BACKUP_FAILED(path=path, folder=backup_dir, reason=why).error() from None
    # WAL only now, so that a journal whose upgrade was refused above is left exactly as it was.
    mode = db.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        _log_warning("journal_mode is %s, not wal", mode)
    if not pending and _header_is_current(db):
        return
    # IMMEDIATE: two processes opening a new journal at once must not both create its tables.
    with write_transaction(db):
        if db.execute("PRAGMA application_id").fetchone()[0] != schema.APPLICATION_ID:
            db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        if schema.migrations.pending(db):
            schema.migrations.apply(db)
        if db.execute("PRAGMA user_version").fetchone()[0] < schema.SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")


def _header_is_current(db: Database) -> bool:
    return bool(
        db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        and db.execute("PRAGMA user_version").fetchone()[0] >= schema.SCHEMA_VERSION
    )


def open_database(path: Path, backup_dir: Path | None = None, now: datetime | None = None) -> Database:
    """Open (creating if needed) and migrate the journal at ``path``.

    Raises :class:`JournalFileError` with one sentence when the file cannot be used; the file is then left
    untouched.
    Before migrating an existing journal, a backup is written to ``backup_dir`` with SQLite's backup API.
    """
    path = path.expanduser()
    if cipher.looks_encrypted(path) and cipher.key_for(path) is None:
        raise cipher.PassphraseNeeded(words.PASSPHRASE_NEEDED(path=path).message)
    from medjournal.storage import check_ahead

    problem = check_ahead.take(path, inspect_file)  # begun while the window loaded, if the file is as it was
    hint: str | None = None
    if problem is None and _is_empty_file(path):
        # Empty is how a new journal starts, and how a truncated one ends: with backups, it is the latter.
        hint = _newest_backup_hint(path, backup_dir)
        if hint is not None:
            problem = words.TRUNCATED_WITH_BACKUPS(path=path)
    if problem is not None and problem.reason is Reason.DISK_FULL:
        raise problem.error()  # a DiskFullError: never advise a restore, the journal is intact
    if problem is not None:
        raise problem.error(newest_backup=hint or _newest_backup_hint(path, backup_dir))
    problem = _write_access_problem(path)
    if problem is not None:
        raise problem.error()
    try:
        if not path.exists():
            with contextlib.suppress(FileExistsError):  # another process created it a moment ago
                _create_private_file(path)
        db = _connect(path)
    except PermissionError:
        raise words.PERMISSION_DENIED(path=path).error() from None
    except sqlite3.Error as exc:
        raise _file_error(path, exc) from None
    except OSError as exc:
        if (full := disk_full_problem(path)) is not None:
            raise full.error() from None
        raise words.CANNOT_CREATE(path=path, reason=os_reason(exc)).error() from None
    failure: JournalFileError | None = None
    try:
        _migrate(db, path, backup_dir, now)
    except JournalFileError:
        db.close()
        raise
    except sqlite3.Error as exc:
        failure = _file_error(path, exc)
    if failure is not None:
        # Closed only here, once the error's traceback (which can hold an unfinished read of a damaged row) is
        # gone: a connection closed with a statement still open leaves the -wal and -shm files behind.
        db.close()
        raise failure
    restrict_permissions(path)
    remove_leftovers(path.parent)  # temporary files of a restore, export or backup that was killed
    return db


def _file_error(path: Path, exc: sqlite3.Error) -> JournalFileError:
    return sqlite_problem(path, exc).error()


def sqlite_failure(exc: BaseException, path: Path) -> str | None:
    """The sentence for an error SQLite raised, or None for any other exception: callers above storage/ never
    name ``sqlite3`` (docs/contributing.md §2)."""
    return sqlite_error_message(path, exc) if isinstance(exc, sqlite3.DatabaseError) else None


def sqlite_error_message(path: Path, exc: sqlite3.Error) -> str:
    return sqlite_problem(path, exc).message


def sqlite_problem(path: Path, exc: sqlite3.Error) -> FileProblem:
    """Why SQLite refused a journal it had opened: the reason by SQLite's result code, and its sentence."""
    if (full := _io_problem(path, exc)) is not None:
        return full
    code = words.sqlite_code(exc)
    if code in (words.SQLITE_BUSY, words.SQLITE_LOCKED):
        return words.BUSY(path=path)
    if code == words.SQLITE_READONLY:
        return words.READ_ONLY(path=path)
    if code == words.SQLITE_FULL:
        return words.DISK_FULL(path=path)
    if code in (words.SQLITE_CANTOPEN, words.SQLITE_IOERR):
        return words.CANNOT_WRITE(path=path)
    if code in (words.SQLITE_CORRUPT, words.SQLITE_NOTADB):
        return words.DAMAGED(path=path, reason=words.sqlite_reason(exc))
    return words.CANNOT_USE(path=path, reason=words.sqlite_reason(exc))


def _newest_backup_hint(path: Path, backup_dir: Path | None) -> str | None:
    if backup_dir is None:
        return None
    from medjournal.storage.backup import newest_good_backup

    found = newest_good_backup(backup_dir, journal_name=path.name)
    return str(found) if found else None
