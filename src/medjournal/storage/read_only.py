"""Open a journal for reading only: what ``today --json``, ``med list`` and ``stock`` need, cheaply.

People call ``today --json`` from status bars and scripts every minute, so a read pays only for what keeps it safe
(docs/data-safety.md, "Opening for reading"):

- the same header and schema checks as the full open (``database._header_problem``, ``database._schema_problem``,
  ``schema_check.schema_difference``): a file that is not SQLite, truncated, another program's database, from a
  newer medjournal, or whose tables, indexes, triggers or views are not exactly medjournal's is recognised;
- a connection opened with ``mode=ro`` and ``PRAGMA query_only``: nothing can be written, so a damaged file cannot be
  made worse, and SQLite still reports any damaged page it reads (the command then says so in one line).

It skips the full integrity check, migrations, the permission repair and the day's first automatic backup: those
belong to an open for writing, which every writing command, the window and ``medjournal backup`` still do. Whenever
the read-only open is not the whole story (no file yet, an empty file, a journal that needs an upgrade, any problem
found by the checks), it returns None and the caller takes the full open, which gives the usual message.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from medjournal.domain.clock import Clock
from medjournal.storage import expected_schema, schema
from medjournal.storage.database import (
    BUSY_TIMEOUT_MS,
    _header_problem,
    _ro_connect,
    _schema_problem,
    wal_has_content,
)
from medjournal.storage.journal_reads import ReadsMixin
from medjournal.storage.output_file import remove_leftovers
from medjournal.storage.schema_check import SchemaObjects, _objects, schema_difference

if TYPE_CHECKING:
    from sqlite_utils import Database


class ReadOnlyJournal(ReadsMixin):
    """A journal opened for reading only: the Journal's reads (``journal_base``, ``journal_reads``), the same
    methods as the full :class:`~medjournal.storage.journal.Journal`'s, without its writing half. A write cannot
    be asked of it (there is no such method), and the connection under it refuses one anyway."""


class ReadOnlyDatabase:
    """The part of sqlite-utils' ``Database`` that the Journal's reads use, on a read-only connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters or ())

    def close(self) -> None:
        self.conn.close()


# The migrations table exactly as sqlite-utils creates it (tests/test_read_only_open.py holds this to what
# sqlite-utils makes), so that the expected schema can be made here without loading sqlite-utils.
MIGRATIONS_TABLE_SQL = """
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
"""


class _ScriptOnly:
    """What a migration step may use here: ``execute`` and ``executescript``. A step that needs more of
    sqlite-utils raises AttributeError, and the read-only open then gives way to the full open."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters or ())

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)


@functools.cache
def expected_objects_plain(applied: tuple[str, ...]) -> SchemaObjects:
    """The schema medjournal's migrations make after ``applied``, made with plain sqlite3 (``schema_check``)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(MIGRATIONS_TABLE_SQL)
        for step in schema.migrations._migrations[: len(applied)]:
            step.fn(cast("Database", _ScriptOnly(conn)))
        return _objects(conn)
    finally:
        conn.close()


def _expected_objects(applied: tuple[str, ...]) -> SchemaObjects:
    """The expected schema: this version's, written out in storage/expected_schema.py, or made from the
    migrations for any other list of them."""
    known = expected_schema.objects_for(applied)
    return known if known is not None else expected_objects_plain(applied)


def _is_current(conn: sqlite3.Connection) -> bool:
    """Written by this version's schema: nothing to migrate, so nothing to write before reading."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    if application_id != schema.APPLICATION_ID or user_version != schema.SCHEMA_VERSION:
        return False
    applied = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [schema.MIGRATION_SET]
        )
    }
    return applied == set(schema.MIGRATION_NAMES)


def open_journal_read_only(path: Path, clock: Clock | None = None) -> ReadOnlyJournal | None:
    """The journal at ``path`` opened for reading only, or None when the full open must be taken instead."""
    from medjournal.paths import backup_dir_for
    from medjournal.storage.in_use import hold_shared

    path = path.expanduser()
    hold = hold_shared(path)  # a conversion never replaces the file under an open journal
    try:
        journal = _open_read_only(path, clock, backup_dir_for(path))
    except BaseException:
        hold.release()
        raise
    if journal is None:
        hold.release()
    else:
        journal.in_use = hold
    return journal


def _open_read_only(path: Path, clock: Clock | None, backup_dir: Path) -> ReadOnlyJournal | None:
    wal = Path(f"{path}-wal")
    try:
        size = path.stat().st_size
        if size == 0 or not path.is_file():
            return None
        with path.open("rb") as handle:
            header = handle.read(100)
        if _header_problem(path, size, header, wal_has_content(path)) is not None:
            return None
        # The checks run on the same kind of connection as the full open's: it creates no side file, so a file
        # that is refused is left exactly as it was, -wal and all.
        check = _ro_connect(path, wal.exists())
    except (OSError, sqlite3.Error):
        return None
    try:
        if _schema_problem(path, check) is not None:
            return None
        # The expected-schema check of the full open, before any table is read: no view or trigger runs.
        if schema_difference(check, _expected_objects) is not None or not _is_current(check):
            return None
    except (sqlite3.Error, UnicodeDecodeError, AttributeError):
        return None
    finally:
        check.close()
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error:
        conn.close()
        return None
    remove_leftovers(path.parent)  # as every opening does: temporary files of killed exports, restores
    db = cast("Database", ReadOnlyDatabase(conn))  # duck-typed: offers what the Journal's reads call
    return ReadOnlyJournal(db, path, clock, backup_dir)
