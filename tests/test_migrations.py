"""Schema migrations: an old journal opens with all its data; a newer one is refused, untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from medjournal.domain.errors import JournalFileError
from medjournal.storage import schema
from medjournal.storage.journal import open_journal


def make_first_schema_journal(path: Path) -> None:
    """A journal as the first release wrote it: only migration 0001, with data in it."""
    db = Database(path)
    schema.migrations.apply(db, stop_before="0002_stock_and_warnings")
    db.execute("PRAGMA user_version = 1")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute(
        "INSERT INTO medications (id, name, unit, recorded_at) VALUES (1, 'Duloxetine', 'mg', '2025-01-01')"
    )
    db.execute(
        "INSERT INTO regimens (medication_id, start_date, dose, unit, times, recorded_at) "
        "VALUES (1, '2025-01-01', 30, 'mg', '[\"08:00\"]', '2025-01-01')"
    )
    db.execute(
        "INSERT INTO checkins (day, time, pain, recorded_at) VALUES ('2025-01-02', "
        "'2025-01-02T09:00:00+00:00', 7, '2025-01-02')"
    )
    db.close()


def test_a_first_schema_journal_opens_under_the_current_one(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_first_schema_journal(path)
    journal = open_journal(path)
    try:
        assert [m.name for m in journal.medications()] == ["Duloxetine"]
        assert journal.medications()[0].stock_units is None
        assert [c.pain for c in journal.checkins()] == [7]
        assert journal.db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        journal.add_refill("Duloxetine", 28, "2025-01-03")  # a table from the second migration works
        assert journal.medication("Duloxetine").stock_units == 28
    finally:
        journal.close()
    backups = list((tmp_path / "backups").glob("*.db"))
    assert len(backups) == 1, "a backup is written before migrating"
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    assert "refills" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()


@pytest.mark.parametrize("how", ["user_version", "unknown_migration"])
def test_a_journal_from_a_newer_version_is_refused_and_untouched(tmp_path: Path, how: str) -> None:
    path = tmp_path / "new.db"
    journal = open_journal(path)
    journal.add_checkin(pain=3)
    journal.close()
    db = sqlite3.connect(path)
    if how == "user_version":
        db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    else:
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('medjournal', '0099_future', '2030-01-01')"
        )
        db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(JournalFileError, match="newer version of medjournal"):
        open_journal(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_migrations_are_a_numbered_ladder() -> None:
    names = list(schema.MIGRATION_NAMES)
    assert names == sorted(names)
    assert [int(n[:4]) for n in names] == list(range(1, len(names) + 1))
