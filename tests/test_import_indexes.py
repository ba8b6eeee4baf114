"""An import makes the tables' indexes after the rows are in (storage/bulk_insert.py), inside its transaction:
afterwards the journal has exactly its own indexes, and a failure part-way leaves it as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import MedjournalError
from medjournal.storage import bulk_insert, exchange
from medjournal.storage.database import inspect_file
from medjournal.storage.exchange import export_json, import_json
from medjournal.storage.journal import Journal, open_journal
from tests.conftest import NOW
from tests.test_exchange import comparable, fill


def indexes(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        )
        return [(str(a), str(b), str(c)) for a, b, c in rows]
    finally:
        conn.close()


def test_an_import_leaves_the_journal_with_its_own_indexes(journal: Journal, tmp_path: Path) -> None:
    fill(journal)
    exported = tmp_path / "export.json"
    export_json(journal, exported)
    fresh = tmp_path / "fresh.db"
    open_journal(fresh, FixedClock(NOW)).close()
    copy = open_journal(tmp_path / "copy.db", FixedClock(NOW))
    import_json(copy, exported)
    assert comparable(copy) == comparable(journal)
    copy.close()
    assert indexes(tmp_path / "copy.db") == indexes(fresh)
    assert any(table == "dose_logs" for _, table, _ in indexes(fresh))  # there were indexes to make again
    assert inspect_file(tmp_path / "copy.db") is None  # the full schema and integrity check


def test_a_failure_after_the_indexes_were_dropped_changes_nothing(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(journal)
    exported = tmp_path / "export.json"
    export_json(journal, exported)
    path = tmp_path / "copy.db"
    copy = open_journal(path, FixedClock(NOW))
    before = indexes(path)
    inserted: list[str] = []
    real_insert = bulk_insert.insert_rows

    def insert_then_fail(conn: sqlite3.Connection, table: str, *args: object) -> None:
        real_insert(conn, table, *args)  # type: ignore[arg-type]
        inserted.append(table)
        if table == "dose_logs":
            raise sqlite3.IntegrityError("simulated failure")

    monkeypatch.setattr(exchange, "insert_rows", insert_then_fail)
    with pytest.raises(MedjournalError, match="nothing was written"):
        import_json(copy, exported)
    assert "dose_logs" in inserted  # it failed after rows were in and the indexes gone
    assert copy.is_empty()
    copy.close()
    assert indexes(path) == before
    assert inspect_file(path) is None


def test_indexes_are_only_dropped_inside_a_transaction(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db")
    conn.execute("CREATE TABLE t (a)")
    conn.execute("CREATE INDEX t_a ON t (a)")
    conn.commit()
    with pytest.raises(RuntimeError), bulk_insert.indexes_made_after(conn, ["t"]):
        pass
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'index'").fetchone()[0] == 1
    conn.close()
