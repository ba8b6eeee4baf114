"""A clock that was wrong (issue 19, point 5): backups are ordered by what they hold, not by the time in their
names, and rotation never deletes the newest good backup nor lets wrongly dated ones push out the right ones."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.storage.autobackup import rotate
from medjournal.storage.backup import backup_to_folder, list_backups, newest_good_backup
from tests.conftest import Cli

REAL_START = datetime(2026, 3, 1, 21, 0).astimezone()


def checkins_in(path: Path) -> int:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM checkins").fetchone()[0])
    finally:
        conn.close()


def daily(journal_path: Path, folder: Path, moment: datetime, checkins: int = 1) -> Path:
    """One day of use at ``moment`` (as the clock says): check-ins, then the automatic backup and rotation."""
    journal = open_journal(journal_path, FixedClock(moment))
    try:
        for _ in range(checkins):
            journal.add_checkin(pain=5, mood=5, day=moment.date())
        written = backup_to_folder(journal.db, folder, "auto", moment, journal_path.name)
    finally:
        journal.close()
    rotate(folder, journal_path.name, now=moment)
    return written


def test_a_clock_two_months_ahead_for_eight_days_then_corrected(tmp_path: Path) -> None:
    journal_path, folder = tmp_path / "journal.db", tmp_path / "backups"
    for day in range(10):  # ten correctly dated days
        daily(journal_path, folder, REAL_START + timedelta(days=day))
    wrong = [
        daily(journal_path, folder, REAL_START + timedelta(days=10 + 60 + day), checkins=0)
        for day in range(8)
    ]
    corrected = REAL_START + timedelta(days=18)
    survivors = [p for p in list_backups(folder, "journal.db") if p not in wrong]
    newest = daily(journal_path, folder, corrected, checkins=7)  # 17 check-ins now
    assert checkins_in(newest) == 17
    assert newest.exists(), "rotation deleted the newest good backup"
    assert newest_good_backup(folder, "journal.db") == newest
    assert all(path.exists() for path in wrong)  # kept, and not counted as the most recent days
    # Once the clock is right, the correctly dated backups are rotated as if the wrong ones were not there.
    assert all(path.exists() for path in survivors)
    # The correctly dated backups rotated away while the clock was ahead are superseded, not lost: each
    # wrongly dated backup holds all of their entries.
    assert min(checkins_in(path) for path in wrong) == 10
    result = Cli(journal_path, corrected)("today")
    assert result.exit_code == 0


def test_the_damaged_journal_message_names_the_backup_holding_the_most(tmp_path: Path) -> None:
    journal_path, folder = tmp_path / "journal.db", tmp_path / "backups"
    for day in range(3):
        daily(journal_path, folder, REAL_START + timedelta(days=day))
    daily(journal_path, folder, REAL_START + timedelta(days=70), checkins=0)  # clock ahead
    best = daily(journal_path, folder, REAL_START + timedelta(days=4), checkins=5)
    journal_path.write_bytes(journal_path.read_bytes()[:1000])  # truncated: damaged
    for side in ("-wal", "-shm"):
        Path(f"{journal_path}{side}").unlink(missing_ok=True)
    result = Cli(journal_path, REAL_START + timedelta(days=5))("today")
    assert result.exit_code == 1
    assert str(best) in result.output
    assert checkins_in(best) == 8
