"""Automatic backups (once a day on opening, after a batch of changes), their rotation, backup and restore."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal
from medjournal.storage.autobackup import BATCH_SIZE, backups_to_keep
from medjournal.storage.backup import (
    backup_to_file,
    backup_to_folder,
    describe_backup,
    list_backups,
    parse_backup_name,
    restore_backup,
    verify_backup,
)
from medjournal.storage.lock import JournalLock, JournalLockedError


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


def stamps(folder: Path, reason: str | None = "auto") -> list[str]:
    found = []
    for path in list_backups(folder):
        parsed = parse_backup_name(path.name)
        assert parsed is not None
        if reason is None or parsed[2] == reason:
            found.append(parsed[1].strftime("%Y-%m-%d %H:%M"))
    return sorted(found)


def test_rotation_keeps_exactly_the_intended_set_across_a_simulated_year(tmp_path: Path) -> None:
    clock = FixedClock(at("2026-01-01T09:00"))
    journal = open_journal(tmp_path / "journal.db", clock)
    backups = tmp_path / "backups"
    try:
        journal.add_checkin(pain=5)
        assert journal.auto_backup is not None
        journal.auto_backup.batch_size = 10_000  # batches only where this test makes them
        manual = backup_to_folder(journal.db, backups, "manual", at("2026-02-10T12:00"))
        day = datetime(2026, 1, 1).date()
        while day.year == 2026:
            clock.set(datetime(day.year, day.month, day.day, 9, 0).astimezone())
            journal.auto_backup.on_open()  # the morning's opening
            clock.set(datetime(day.year, day.month, day.day, 20, 0).astimezone())
            assert journal.auto_backup.on_open() is None, "at most one opening backup a day"
            if day == datetime(2026, 12, 30).date():
                clock.set(datetime(2026, 12, 30, 15, 0).astimezone())
                journal.changes_since_backup = BATCH_SIZE
                journal.auto_backup.batch_size = BATCH_SIZE
                assert journal.auto_backup.after_write() is not None  # a batch of changes
                journal.auto_backup.batch_size = 10_000
            if day == datetime(2026, 6, 15).date():
                assert stamps(backups) == [
                    "2026-01-31 09:00",
                    "2026-02-28 09:00",
                    "2026-03-31 09:00",
                    "2026-04-30 09:00",
                    "2026-05-31 09:00",
                    "2026-06-07 09:00",
                    "2026-06-09 09:00",
                    "2026-06-10 09:00",
                    "2026-06-11 09:00",
                    "2026-06-12 09:00",
                    "2026-06-13 09:00",
                    "2026-06-14 09:00",
                    "2026-06-15 09:00",
                ]
            day += timedelta(days=1)
    finally:
        journal.close()
    assert stamps(backups) == [
        # the newest of each of the last 12 months
        "2026-01-31 09:00",
        "2026-02-28 09:00",
        "2026-03-31 09:00",
        "2026-04-30 09:00",
        "2026-05-31 09:00",
        "2026-06-30 09:00",
        "2026-07-31 09:00",
        "2026-08-31 09:00",
        "2026-09-30 09:00",
        "2026-10-31 09:00",
        "2026-11-30 09:00",
        # the newest of each of the last 4 ISO weeks (the weeks ending Sundays 13 and 20 December)
        "2026-12-13 09:00",
        "2026-12-20 09:00",
        # the newest of each of the last 7 days (30 December's batch backup replaces its morning one)
        "2026-12-25 09:00",
        "2026-12-26 09:00",
        "2026-12-27 09:00",
        "2026-12-28 09:00",
        "2026-12-29 09:00",
        "2026-12-30 15:00",
        "2026-12-31 09:00",
    ]
    assert manual.exists(), "backups made by hand are never rotated away"
    for path in list_backups(backups):
        assert path.stat().st_mode & 0o777 == 0o600
    assert all(verify_backup(path) is None for path in list_backups(backups)[:3])


def test_backups_to_keep_counts_a_backup_for_its_day_week_and_month() -> None:
    moments = [at("2026-03-01T09:00"), at("2026-03-01T18:00"), at("2026-03-02T09:00")]
    assert backups_to_keep(moments) == {at("2026-03-01T18:00"), at("2026-03-02T09:00")}
    assert backups_to_keep([]) == set()


def test_opening_backs_up_at_most_once_a_day_and_not_an_empty_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    clock = FixedClock(at("2026-03-15T09:30"))
    open_journal(path, clock).close()
    assert stamps(tmp_path / "backups") == [], "an empty journal has nothing to back up"
    journal = open_journal(path, clock)
    journal.add_checkin(pain=6)
    journal.close()
    for moment in ("2026-03-15T10:00", "2026-03-15T23:59", "2026-03-16T00:01", "2026-03-16T12:00"):
        clock.set(at(moment))
        open_journal(path, clock).close()
    assert stamps(tmp_path / "backups") == ["2026-03-15 10:00", "2026-03-16 00:01"]


def test_a_batch_of_changes_is_backed_up_and_the_backup_holds_it(tmp_path: Path) -> None:
    clock = FixedClock(at("2026-03-15T09:30"))
    journal = open_journal(tmp_path / "journal.db", clock)
    try:
        for number in range(BATCH_SIZE):
            clock.advance(timedelta(seconds=1))
            journal.add_checkin(pain=number % 11)
        assert journal.changes_since_backup == 0
        written = list_backups(tmp_path / "backups")
        assert len(written) == 1
        info = describe_backup(written[0])
        assert info.counts["checkins"] == BATCH_SIZE
        assert info.taken_at == datetime(2026, 3, 15, 9, 30, BATCH_SIZE)
    finally:
        journal.close()


def test_the_backup_dir_setting_chooses_the_folder(tmp_path: Path) -> None:
    chosen = tmp_path / "synced" / "medjournal"
    clock = FixedClock(at("2026-03-15T09:30"))
    journal = open_journal(tmp_path / "journal.db", clock)
    journal.add_checkin(pain=3)
    journal.set_setting("backup_dir", str(chosen))
    journal.close()
    journal = open_journal(tmp_path / "journal.db", clock)
    journal.close()
    assert journal.backup_dir == chosen
    assert len(list_backups(chosen)) == 1
    assert list_backups(tmp_path / "backups") == []


def test_a_failed_automatic_backup_does_not_fail_the_entry(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("a file where the backup folder should be")
    clock = FixedClock(at("2026-03-15T09:30"))
    journal = open_journal(tmp_path / "journal.db", clock, backup_dir=tmp_path / "not-a-folder")
    try:
        for number in range(BATCH_SIZE + 1):
            journal.add_checkin(pain=number % 11)
        assert journal.counts()["checkins"] == BATCH_SIZE + 1
        assert journal.auto_backup is not None and journal.auto_backup.last_error is not None
        assert "not-a-folder" in journal.auto_backup.last_error
    finally:
        journal.close()


def test_a_backup_is_one_verified_owner_only_file(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "journal.db", FixedClock(at("2026-03-15T09:30")))
    journal.add_checkin(pain=4, note="in the backup")
    written = backup_to_file(journal.db, tmp_path / "copy.db")
    journal.close()
    assert written.stat().st_mode & 0o777 == 0o600
    assert not Path(f"{written}-wal").exists() and not (tmp_path / "copy.db.partial").exists()
    conn = sqlite3.connect(written)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT note FROM checkins").fetchall() == [("in the backup",)]
    conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_journal_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(at("2026-03-15T09:30")))
    journal.add_checkin(pain=7, note="before the backup")
    backup = backup_to_folder(journal.db, tmp_path / "backups", "manual", at("2026-03-15T09:31"))
    journal.add_checkin(pain=2, note="after the backup")
    journal.close()
    return path, backup


def notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT note FROM checkins ORDER BY id")]
    finally:
        conn.close()


def test_restoring_over_a_sound_journal_keeps_it_as_a_backup(tmp_path: Path) -> None:
    path, backup = make_journal_with_backup(tmp_path)
    kept = restore_backup(path, backup, tmp_path / "backups", at("2026-03-15T10:00"))
    assert notes(path) == ["before the backup"]
    assert kept is not None and "before-restore" in kept.name
    assert notes(kept) == ["before the backup", "after the backup"]
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "journal.db"]


def test_restoring_over_a_damaged_journal_never_overwrites_it(tmp_path: Path) -> None:
    path, backup = make_journal_with_backup(tmp_path)
    damaged = path.read_bytes()[:5000] + b"\x00" * 3000
    path.write_bytes(damaged)
    Path(f"{path}-wal").write_bytes(b"a -wal file that belongs to the damaged journal")
    kept = restore_backup(path, backup, tmp_path / "backups", at("2026-03-15T10:00"))
    assert kept == tmp_path / "journal.db.damaged-2026-03-15_100000"
    assert kept.read_bytes() == damaged
    assert Path(f"{kept}-wal").read_bytes() == b"a -wal file that belongs to the damaged journal"
    assert notes(path) == ["before the backup"]
    journal = open_journal(path)  # the restored journal opens, and its stray -wal was not replayed into it
    journal.close()


def test_a_bad_backup_is_not_restored_and_the_journal_is_untouched(tmp_path: Path) -> None:
    path, backup = make_journal_with_backup(tmp_path)
    backup.write_bytes(backup.read_bytes()[:3000])
    before = digest(path)
    with pytest.raises(JournalFileError, match=r"backup|damaged|truncated"):
        restore_backup(path, backup, tmp_path / "backups")
    assert digest(path) == before


def test_restoring_is_refused_while_a_window_has_the_journal(tmp_path: Path) -> None:
    path, backup = make_journal_with_backup(tmp_path)
    before = digest(path)
    with JournalLock(path), pytest.raises(JournalLockedError, match="already open"):
        restore_backup(path, backup, tmp_path / "backups")
    assert digest(path) == before
    window = JournalLock(path)
    window.acquire()
    try:
        restore_backup(path, backup, tmp_path / "backups", lock=window)  # the window restoring itself
    finally:
        window.release()
    assert notes(path) == ["before the backup"]


def test_a_migration_backup_that_cannot_be_written_stops_the_migration(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from medjournal.storage import schema

    path = tmp_path / "old.db"
    db = Database(path)
    schema.migrations.apply(db, stop_before="0002_stock_and_warnings")  # a journal of the first release
    db.execute("PRAGMA user_version = 1")
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    db.execute("INSERT INTO checkins (day, time, pain, recorded_at) VALUES ('2025-01-02', '09:00', 7, 'x')")
    db.close()
    before = digest(path)
    (tmp_path / "blocked").write_text("a file, not a folder")
    with pytest.raises(JournalFileError, match="not changed"):
        open_journal(path, backup_dir=tmp_path / "blocked")
    assert digest(path) == before


def test_old_partial_files_are_cleaned_up_by_rotation(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    stale = backups / "journal-2026-03-01_090000-auto.db.partial"
    stale.write_bytes(b"half a backup")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    clock = FixedClock(at("2026-03-15T09:30"))
    journal = open_journal(tmp_path / "journal.db", clock)
    journal.add_checkin(pain=1)
    assert journal.auto_backup is not None
    journal.auto_backup.run()
    journal.close()
    assert not stale.exists()
