"""A full disk or a read-only folder leaves the journal intact with a clear message; files are owner-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import Journal, open_journal
from medjournal.storage.backup import backup_to_file, list_backups
from medjournal.storage.lock import JournalLock, lock_path_for

NOW = datetime(2026, 3, 15, 9, 30).astimezone()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_full_disk_refuses_the_entry_with_a_clear_message_and_keeps_the_rest(
    journal: Journal, journal_path: Path
) -> None:
    journal.add_checkin(pain=5, note="before the disk filled up")
    pages = journal.db.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own limit stands in for a full disk: writes that need a new page fail with SQLITE_FULL.
    journal.db.execute(f"PRAGMA max_page_count = {pages + 2}")
    saved = 0
    with pytest.raises(JournalFileError) as refused:
        for _ in range(500):
            journal.add_checkin(pain=4, note="x" * 2000)
            saved += 1
    assert "is full" in refused.value.message and "not saved" in refused.value.message
    assert journal.counts()["checkins"] == 1 + saved
    assert not journal.db.conn.in_transaction
    journal.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    journal.add_checkin(pain=3, note="after space was freed")
    journal.close()
    conn = sqlite3.connect(journal_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == saved + 2
    conn.close()


# -- read-only folders ------------------------------------------------------------------------------------

OPEN_AND_WRITE = """
import sys
from pathlib import Path
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal
from medjournal.storage.lock import JournalLock
path = Path(sys.argv[1])
if sys.argv[2] == "lock":
    try:
        JournalLock(path).acquire()
        print("LOCKED")
    except JournalFileError as exc:
        print("ERROR", exc)
    raise SystemExit
try:
    journal = open_journal(path)
    journal.add_checkin(pain=3)
    journal.close()
    print("SAVED")
except JournalFileError as exc:
    print("ERROR", exc)
"""


def without_root_powers(command: list[str]) -> list[str]:
    """Root ignores file permissions; drop that power (CAP_DAC_OVERRIDE) for the child where we are root."""
    if os.name != "posix" or os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]


def run_child(journal: Path, what: str = "write") -> str:
    command = without_root_powers([sys.executable, "-c", OPEN_AND_WRITE, str(journal), what])
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.strip()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "read-only"
    folder.mkdir()
    yield folder
    folder.chmod(0o700)


def make_journal(path: Path) -> None:
    journal = open_journal(path, FixedClock(NOW))
    journal.add_checkin(pain=6, note="already there")
    journal.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_journal_in_a_read_only_folder_is_refused_clearly_and_left_intact(
    read_only_folder: Path,
) -> None:
    path = read_only_folder / "journal.db"
    make_journal(path)
    shutil.rmtree(read_only_folder / "backups", ignore_errors=True)
    before = digest(path)
    read_only_folder.chmod(0o500)
    output = run_child(path)
    assert output.startswith("ERROR"), output
    assert "folder" in output and str(path) in output
    assert digest(path) == before
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["journal.db"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_journal_in_a_read_only_folder_is_refused_clearly(read_only_folder: Path) -> None:
    read_only_folder.chmod(0o500)
    output = run_child(read_only_folder / "journal.db")
    assert output.startswith("ERROR") and "cannot be written" in output, output
    assert list(read_only_folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_journal_file_is_refused_clearly_and_left_intact(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path)
    before = digest(path)
    path.chmod(0o400)
    output = run_child(path)
    assert output.startswith("ERROR") and "read-only" in output, output
    assert digest(path) == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_window_lock_in_a_read_only_folder_says_so(read_only_folder: Path) -> None:
    read_only_folder.chmod(0o500)
    output = run_child(read_only_folder / "journal.db", "lock")
    assert output.startswith("ERROR") and "cannot be written" in output, output


# -- permissions ------------------------------------------------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.usefixtures("open_umask")
def test_the_journal_its_side_files_backups_and_lock_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_checkin(pain=5)
    assert journal.auto_backup is not None
    journal.auto_backup.run()
    copy = backup_to_file(journal.db, tmp_path / "elsewhere" / "copy.db")
    with JournalLock(path):
        modes = {
            p.name: p.stat().st_mode & 0o777
            for p in [
                path,
                Path(f"{path}-wal"),
                Path(f"{path}-shm"),
                copy,
                lock_path_for(path),
                *list_backups(tmp_path / "backups"),
            ]
        }
    journal.close()
    assert set(modes.values()) == {0o600}, modes
    assert len(modes) == 6
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "elsewhere").stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_journal_readable_by_others_is_made_owner_only_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    make_journal(path)
    path.chmod(0o644)
    open_journal(path).close()
    assert path.stat().st_mode & 0o777 == 0o600
