"""The expected-schema check: a journal holds exactly medjournal's own tables, columns, constraints and indexes,
and no trigger or view (docs/data-safety.md, *Hostile files*).

The expected schema is not written down a second time: it is what medjournal's own migrations create, run on
an empty in-memory database up to the migrations the file says it has applied (a journal from an older
medjournal is expected to look like one, and is then migrated). Every object of the file's ``sqlite_master``
is compared with it, statement by statement (spaces aside): a trigger that rewrites entries, a view that
never ends, a table without its CHECK constraints or a missing index makes the file refused.

The check reads ``sqlite_master`` on the connection it is given (plain or SQLCipher), so it works on the
opened file whatever its encryption, and it runs before anything else reads the file's tables.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Callable

from medjournal.i18n import N_, _
from medjournal.storage import schema

# SQLite's own statistics tables (ANALYZE, PRAGMA optimize) hold no code and are allowed.
_ALLOWED_EXTRA = frozenset({"sqlite_stat1", "sqlite_stat4"})

SchemaObjects = dict[tuple[str, str], tuple[str, str]]  # (type, name) -> (table, normalised SQL)


def _normalise(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def _objects(conn: sqlite3.Connection) -> SchemaObjects:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(str(kind), str(name)): (str(table), _normalise(sql)) for kind, name, table, sql in rows}


@functools.cache
def expected_objects(applied: tuple[str, ...]) -> SchemaObjects:
    """What medjournal's migrations create after ``applied`` (a prefix of :data:`schema.MIGRATION_NAMES`).

    Made with plain sqlite3 as the read-only open makes it (a quarter of the time, which every window start and
    writing command pays), or by sqlite-utils' own migrations when a step needs more than ``execute``."""
    from medjournal.storage import expected_schema
    from medjournal.storage.read_only import expected_objects_plain

    known = expected_schema.objects_for(applied)  # this version's schema, written out
    if known is not None:
        return known
    try:
        return expected_objects_plain(applied)
    except AttributeError:  # a migration step that uses more of sqlite-utils
        return expected_objects_migrated(applied)


def expected_objects_migrated(applied: tuple[str, ...]) -> SchemaObjects:
    """The same, made by sqlite-utils' ``Migrations`` as a journal's own upgrades are (tests hold the plain
    version to this)."""
    from medjournal.storage.sqlite_lib import Database

    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False)
        following = schema.MIGRATION_NAMES[len(applied) :]
        schema.migrations.apply(db, stop_before=following[0] if following else None)
        return _objects(conn)
    finally:
        conn.close()


def applied_migrations(conn: sqlite3.Connection) -> tuple[str, ...] | None:
    """The names of medjournal's migrations the file has applied, in order; None without a migrations table."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_table:
        return None
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [schema.MIGRATION_SET]
    ).fetchall()
    return tuple(str(row[0]) for row in rows)


# The kinds of schema object, as a difference names them (a phrase in the person's language).
_KINDS = {"table": N_("table"), "index": N_("index"), "trigger": N_("trigger"), "view": N_("view")}


def _kind(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind


def schema_difference(
    conn: sqlite3.Connection, expected_for: Callable[[tuple[str, ...]], SchemaObjects] = expected_objects
) -> str | None:
    """What in the file's schema is not medjournal's, in a few words, or None when it is exactly as expected.

    A file without medjournal's migrations table (a new, empty journal) must have no schema objects at all.
    ``expected_for`` makes the expected schema (the read-only open passes one that needs no sqlite-utils).
    """
    applied = applied_migrations(conn)
    found = _objects(conn)
    if applied is None:
        return None if not found else _("it holds tables that are not medjournal's")
    if applied != schema.MIGRATION_NAMES[: len(applied)]:
        return _("its list of applied upgrades is not medjournal's")
    expected = expected_for(applied)
    for key, (table, sql) in sorted(found.items()):
        kind, name = key
        if key not in expected:
            if kind == "table" and name in _ALLOWED_EXTRA:
                continue
            return _("it holds something medjournal does not make: {kind} {name}").format(
                kind=_kind(kind), name=name
            )
        if expected[key] != (table, sql):
            return _("not defined as medjournal defines it: {kind} {name}").format(
                kind=_kind(kind), name=name
            )
    for kind, name in sorted(set(expected) - set(found)):
        return _("missing: {kind} {name}").format(kind=_kind(kind), name=name)
    return None
