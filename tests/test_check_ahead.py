"""The safe-open checks begun ahead in a background thread (storage/check_ahead.py, docs/data-safety.md, *Speed*):
their answer opens the journal only when the file is as it was when they began; otherwise the journal is checked
again before anything opens it for writing."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import check_ahead, database, open_journal
from medjournal.storage.file_problem import FileProblem
from tests.conftest import NOW

AN_HOUR = 3600


def sound_journal(folder: Path) -> Path:
    path = folder / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    for day in range(1, 15):
        journal.add_checkin(pain=day % 11, day=f"2026-03-{day:02d}", note=f"day {day}")
    journal.close()
    assert not Path(f"{path}-wal").exists()
    settle(path)
    return path


def settle(path: Path) -> None:
    """The journal as a start finds it: last written an hour ago."""
    past = time.time() - AN_HOUR
    os.utime(path, (past, past))


def damage_an_index(path: Path) -> None:
    """Change a key inside the leaf of the check-ins' day index: the header, schema and tables stay readable,
    only ``integrity_check`` sees that the index no longer matches its table."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'checkins_day'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = data[(root - 1) * page_size : root * page_size]
    at = page.rindex(b"2026-03-07")
    page[at : at + 10] = b"2026-03-08"
    data[(root - 1) * page_size : root * page_size] = page
    path.write_bytes(bytes(data))


def sentence(path: Path) -> str:
    """The sentence that refuses the journal at ``path``."""
    problem = database.inspect_file(path)
    assert problem is not None
    return problem.message


def damaged_journal(folder: Path) -> tuple[Path, str]:
    """A journal whose index was damaged an hour ago, and the sentence that refuses it."""
    path = sound_journal(folder)
    damage_an_index(path)
    settle(path)
    return path, sentence(path)


def record_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread that runs each check of a journal file from now on."""
    ran: list[str] = []
    inspect = database.inspect_file

    def recorded(path: Path, thorough: bool = True) -> FileProblem | None:
        ran.append(threading.current_thread().name)
        return inspect(path, thorough)

    monkeypatch.setattr(database, "inspect_file", recorded)
    return ran


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_checks(monkeypatch)


def test_a_begun_check_is_what_opens_the_journal_and_is_used_once(tmp_path: Path, checks: list[str]) -> None:
    path = sound_journal(tmp_path)
    checks.clear()  # the checks of its making
    check_ahead.begin(path)
    journal = open_journal(path, FixedClock(NOW))
    try:
        assert [c.note for c in journal.checkins()][:2] == ["day 1", "day 2"]
    finally:
        journal.close()
    assert checks == ["medjournal-check"]
    settle(path)
    open_journal(path, FixedClock(NOW)).close()  # nothing begun: checked where it is opened
    assert checks == ["medjournal-check", "MainThread"]


def test_a_damaged_journal_found_by_the_begun_check_is_refused_and_not_written(
    tmp_path: Path, checks: list[str]
) -> None:
    path, expected = damaged_journal(tmp_path)
    before = path.read_bytes()
    checks.clear()
    check_ahead.begin(path)
    with pytest.raises(JournalFileError) as refused:
        open_journal(path, FixedClock(NOW))
    assert refused.value.message == expected
    assert checks == ["medjournal-check"]
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def wait_for_the_check(checks: list[str]) -> None:
    while not checks:
        time.sleep(0.001)
    for thread in threading.enumerate():
        if thread.name == "medjournal-check":
            thread.join()


def test_a_journal_damaged_after_its_check_is_checked_again_and_refused(
    tmp_path: Path, checks: list[str]
) -> None:
    path = sound_journal(tmp_path)
    checks.clear()
    check_ahead.begin(path)
    wait_for_the_check(checks)  # it found the journal sound
    damage_an_index(path)  # in place: same file, same size, a new time
    damaged = path.read_bytes()
    with pytest.raises(JournalFileError) as refused:
        open_journal(path, FixedClock(NOW))
    assert checks == ["medjournal-check", "MainThread"]
    assert refused.value.message == sentence(path)
    assert path.read_bytes() == damaged


def test_a_journal_replaced_after_its_check_is_checked_again_even_with_the_old_time(
    tmp_path: Path, checks: list[str]
) -> None:
    path = sound_journal(tmp_path)
    old = path.stat()
    checks.clear()
    check_ahead.begin(path)
    wait_for_the_check(checks)
    replacement = tmp_path / "replacement.db"
    replacement.write_bytes(path.read_bytes())
    damage_an_index(replacement)
    os.utime(replacement, ns=(old.st_atime_ns, old.st_mtime_ns))  # same size and time: another file
    os.replace(replacement, path)
    with pytest.raises(JournalFileError):
        open_journal(path, FixedClock(NOW))
    assert checks == ["medjournal-check", "MainThread"]


def test_a_journal_written_a_moment_ago_is_not_checked_ahead(tmp_path: Path, checks: list[str]) -> None:
    path = sound_journal(tmp_path)
    os.utime(path)  # now: a change within the file time's resolution could keep this time
    checks.clear()
    check_ahead.begin(path)
    assert checks == []
    open_journal(path, FixedClock(NOW)).close()
    assert checks == ["MainThread"]


def test_times_kept_in_whole_seconds_must_be_older_than_two_seconds() -> None:
    second = 1_000_000_000
    now = 1_000 * second
    entry = (1, 2, 4096, now - 1 * second)  # FAT-like: whole seconds, one second ago
    assert not check_ahead._settled((entry, None), now)
    assert check_ahead._settled(((1, 2, 4096, now - 3 * second), None), now)
    fine = now - 60_000_123  # nanoseconds, 60 ms ago
    assert check_ahead._settled(((1, 2, 4096, fine), None), now)
    assert not check_ahead._settled(((1, 2, 4096, now - 10_000_123), None), now)
    assert not check_ahead._settled(((1, 2, 4096, fine), (1, 3, 32, now - 10_000_123)), now)
    assert check_ahead._settled(((1, 2, 4096, fine), (1, 3, 0, now - 10_000_123)), now)  # an empty -wal


def test_an_empty_wal_file_made_a_moment_ago_does_not_stop_the_check_ahead(
    tmp_path: Path, checks: list[str]
) -> None:
    path = sound_journal(tmp_path)
    Path(f"{path}-wal").touch()  # as the first read of an encrypted journal's key test leaves it
    checks.clear()
    check_ahead.begin(path)
    open_journal(path, FixedClock(NOW)).close()
    assert checks == ["medjournal-check"]


def test_a_wal_file_written_after_the_check_began_makes_it_run_again(
    tmp_path: Path, checks: list[str]
) -> None:
    path = sound_journal(tmp_path)
    wal = Path(f"{path}-wal")
    wal.touch()
    checks.clear()
    check_ahead.begin(path)
    wait_for_the_check(checks)
    wal.write_bytes(b"\0" * 32)  # not a valid -wal: SQLite ignores it, but it is not what was checked
    open_journal(path, FixedClock(NOW)).close()
    assert checks == ["medjournal-check", "MainThread"]


def test_a_check_that_failed_in_the_background_is_run_again_where_it_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sound_journal(tmp_path)
    calls: list[str] = []

    def failing(candidate: Path, thorough: bool = True) -> FileProblem | None:
        calls.append(threading.current_thread().name)
        raise OSError("the disk went away")

    monkeypatch.setattr(database, "inspect_file", failing)
    check_ahead.begin(path)
    with pytest.raises(OSError, match="the disk went away"):
        open_journal(path, FixedClock(NOW))
    assert calls == ["medjournal-check", "MainThread"]


def test_nothing_is_begun_for_a_missing_journal(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "new.db"
    check_ahead.begin(path)
    assert checks == []
    open_journal(path, FixedClock(NOW)).close()
    assert checks == ["MainThread"]


def test_a_check_begun_twice_runs_once(tmp_path: Path, checks: list[str]) -> None:
    """The window begins a plain journal's check first thing and again once an encrypted one is unlocked
    (ui/app.py): the second begin of a check not taken yet starts nothing."""
    path = sound_journal(tmp_path)
    checks.clear()
    check_ahead.begin(path)
    check_ahead.begin(path)
    open_journal(path, FixedClock(NOW)).close()
    assert checks == ["medjournal-check"]
    check_ahead.begin(path)  # taken: a new one begins
    wait_for_the_check(checks)
    check_ahead.discard(path)
    assert checks == ["medjournal-check", "medjournal-check"]
