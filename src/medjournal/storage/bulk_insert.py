"""Many rows into empty tables at once: the import's inserts (docs/export-format.md, *Importing*).

An index kept up to date row by row costs more than one built from the finished table, so the tables' own indexes
are dropped before the rows go in and made again, from their exact SQL, once they are in. Both happen inside the
caller's transaction: if anything fails, the rollback brings the indexes back with everything else, and a journal
never holds the tables without them (the schema check, storage/schema_check.py, would refuse it).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any


@contextlib.contextmanager
def indexes_made_after(conn: sqlite3.Connection, tables: Iterable[str]) -> Iterator[None]:
    """Drop the named indexes of ``tables`` (not SQLite's own, which hold no SQL) and make them again on leaving.

    Must run inside a transaction (``Journal.db.atomic()``), which it leaves open."""
    if not conn.in_transaction:
        raise RuntimeError("indexes_made_after needs an open transaction")
    wanted = sorted(set(tables))
    marks = ", ".join("?" for _ in wanted)
    indexes = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})"
        " ORDER BY name",
        wanted,
    ).fetchall()
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        conn.execute(sql)


def insert_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[Any], verb: str
) -> None:
    """``verb`` (INSERT, INSERT OR REPLACE) every row of ``rows`` (values in the order of ``columns``)."""
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
