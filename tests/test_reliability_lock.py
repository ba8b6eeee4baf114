"""One window at a time on a journal; a lock left by a killed process is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal.storage.lock import JournalLock, JournalLockedError, lock_path_for

HOLDER = """
import sys
from pathlib import Path
from medjournal.storage.lock import JournalLock
lock = JournalLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
"""


def hold_in_child(journal: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(journal)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    return child


def test_a_second_window_is_refused_politely_with_the_first_ones_process(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    child = hold_in_child(journal)
    try:
        with pytest.raises(JournalLockedError) as refused:
            JournalLock(journal).acquire()
        assert refused.value.pid == child.pid
        assert "already open in another medjournal window" in refused.value.message
        assert f"process {child.pid}" in refused.value.message
    finally:
        child.kill()
        child.wait()


def test_a_lock_left_by_a_killed_window_is_taken_over(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    child = hold_in_child(journal)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert lock_path_for(journal).exists(), "a killed process leaves its lock file behind"
    lock = JournalLock(journal)
    lock.acquire()
    try:
        assert lock.holder() == os.getpid()
    finally:
        lock.release()
    assert not lock_path_for(journal).exists()


def test_two_locks_in_one_process_exclude_each_other_and_the_file_is_private(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    first = JournalLock(journal)
    with first:
        assert lock_path_for(journal).stat().st_mode & 0o777 == 0o600
        with pytest.raises(JournalLockedError):
            JournalLock(journal).acquire()
    second = JournalLock(journal)
    second.acquire()  # free again once released
    second.release()


def test_a_stale_lock_file_with_a_dead_process_id_is_taken_over(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    lock_path_for(journal).write_text("999999999\n")
    with JournalLock(journal) as lock:
        assert lock.holder() == os.getpid()
