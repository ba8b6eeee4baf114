"""An import makes the tables' indexes after the rows are in (storage/bulk_insert.py), inside its transaction:
afterwards the journal has exactly its own indexes, and a failure part-way leaves it as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError, MedjournalError
from medjournal.storage import bulk_insert, exchange
from medjournal.storage.csv_plan import prepare_import
from medjournal.storage.csv_source import ImportOptions, zone_named
from medjournal.storage.database import inspect_file
from medjournal.storage.exchange import export_json, import_json
from medjournal.storage.journal import Journal, open_journal
from medjournal.storage.journal_import import ImportMixin
from tests.conftest import NOW, Cli
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


def test_a_csv_import_into_a_new_journal_leaves_it_with_its_own_indexes(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    """Into tables that hold nothing yet the CSV import makes the indexes after the rows (as the JSON import);
    into tables with entries it writes through them. Either way the journal has exactly its own indexes."""
    fresh = tmp_path / "fresh.db"
    open_journal(fresh, FixedClock(NOW)).close()
    first = tmp_path / "first.csv"
    first.write_text(CSV_HEADER + "01.03.26;08:00;Duloxetine;30 mg;6\n02.03.26;21:00;;;5\n", encoding="utf-8")
    result = run_cli("import-csv", str(first), "--tz", "Europe/Berlin", "--date-order", "dmy")
    assert "Added: 1 dose, 2 check-ins." in result.output, result.output
    assert indexes(journal_path) == indexes(fresh)
    assert inspect_file(journal_path) is None
    later = tmp_path / "later.csv"
    later.write_text(CSV_HEADER + "03.03.26;08:00;Duloxetine;30 mg;4\n", encoding="utf-8")
    result = run_cli("import-csv", str(later), "--tz", "Europe/Berlin", "--date-order", "dmy")
    assert "Added: 1 dose, 1 check-in." in result.output, result.output
    assert indexes(journal_path) == indexes(fresh)
    assert inspect_file(journal_path) is None


def test_a_csv_import_failing_after_the_indexes_were_dropped_changes_nothing(
    journal: Journal, journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = indexes(journal_path)
    path = tmp_path / "rows.csv"
    path.write_text(CSV_HEADER + "01.03.26;08:00;Duloxetine;30 mg;6\n", encoding="utf-8")
    _, plan = prepare_import(journal, path, ImportOptions(date_order="dmy", zone=zone_named("Europe/Berlin")))
    assert len(plan.doses) == 1 and len(plan.checkins) == 1

    def fail(*_args: object) -> None:  # after the doses are in, their table's index dropped
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(ImportMixin, "_take_from_stock", fail)
    with pytest.raises(JournalFileError):
        journal.apply_import(plan)
    assert journal.is_empty()
    assert indexes(journal_path) == before
    journal.close()
    assert inspect_file(journal_path) is None


CSV_HEADER = "Datum;Uhrzeit;Medikament;Dosis;Schmerz\n"
