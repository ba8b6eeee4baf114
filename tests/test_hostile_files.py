"""Hostile journal and backup files (issue 19, point 6): a file whose schema is not exactly medjournal's is
refused by the safe open (`--db`), by `restore` and by the recovery's choice of backup, untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from medjournal.storage import open_journal
from medjournal.storage.backup import newest_good_backup
from medjournal.storage.schema_check import schema_difference
from tests.conftest import NOW, Cli

HOSTILE = {
    "trigger_rewrites_entries": """
        CREATE TRIGGER calm AFTER INSERT ON checkins BEGIN
            UPDATE checkins SET pain = 0, note = 'all good' WHERE id = new.id;
        END;""",
    "trigger_redirects_backups": """
        CREATE TRIGGER elsewhere AFTER INSERT ON checkins BEGIN
            INSERT OR REPLACE INTO settings (key, value) VALUES ('backup_dir', '"/tmp/elsewhere"');
        END;""",
    "recursive_view": """
        CREATE VIEW forever AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r;""",
    "no_check_constraints": """
        CREATE TABLE loose AS SELECT * FROM checkins;
        DROP TABLE checkins;
        ALTER TABLE loose RENAME TO checkins;
        CREATE INDEX checkins_day ON checkins (day);
        INSERT INTO checkins (day, time, pain, locations, note, recorded_at)
            VALUES ('2026-03-10', '09:00', 99, '[]', '', '2026-03-10T09:00:00');""",
    "index_dropped": "DROP INDEX checkins_day;",
    "extra_table": "CREATE TABLE notes_of_someone_else (x);",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sound_journal(path: Path) -> None:
    run = Cli(path, NOW)
    assert run("checkin", "--pain", "6", "--mood", "5", "--date", "2026-03-14").exit_code == 0
    # One self-contained file, like a backup (no -wal beside it).
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def make_hostile(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_journal_is_refused_by_the_safe_open_untouched(tmp_path: Path, attack: str) -> None:
    path = tmp_path / "journal.db"
    sound_journal(path)
    make_hostile(path, HOSTILE[attack])
    before = digest(path)
    result = Cli(path, NOW)("checkin", "--pain", "9", "--mood", "2")
    assert result.exit_code == 1, result.output
    assert "is not a sound medjournal journal" in result.output
    assert "Traceback" not in result.output
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_backup_is_refused_by_restore_and_by_the_recovery(tmp_path: Path, attack: str) -> None:
    journal_path = tmp_path / "journal.db"
    run = Cli(journal_path, NOW)
    assert run("checkin", "--pain", "4", "--mood", "6").exit_code == 0
    backups = tmp_path / "elsewhere"
    backups.mkdir()
    hostile = backups / "journal-2026-03-15_093000-auto.db"
    sound_journal(hostile)
    make_hostile(hostile, HOSTILE[attack])
    result = run("restore", str(hostile))
    assert result.exit_code == 1, result.output
    assert "is not a sound medjournal journal" in result.output
    journal = open_journal(journal_path)
    try:
        assert [c.pain for c in journal.checkins()] == [4]
    finally:
        journal.close()
    assert newest_good_backup(backups, "journal.db") is None


def test_medjournals_own_schema_at_every_step_of_its_upgrades_passes(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from medjournal.storage import schema

    for count in range(len(schema.MIGRATION_NAMES) + 1):
        conn = sqlite3.connect(tmp_path / f"step{count}.db")
        following = schema.MIGRATION_NAMES[count:]
        schema.migrations.apply(
            Database(conn, execute_plugins=False), stop_before=following[0] if following else None
        )
        assert schema_difference(conn) is None, count
        conn.close()


def test_an_older_journal_still_opens_and_is_upgraded(tmp_path: Path) -> None:
    """The check compares with the schema of the file's own upgrade step, not only the newest."""
    from sqlite_utils import Database

    from medjournal.storage import schema

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    schema.migrations.apply(Database(conn, execute_plugins=False), stop_before=schema.MIGRATION_NAMES[-1])
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.commit()
    conn.close()
    result = Cli(path, NOW)("checkin", "--pain", "3", "--mood", "5")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(path)
    assert schema_difference(conn) is None
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
        schema.MIGRATION_NAMES
    )
    conn.close()
