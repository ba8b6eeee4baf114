"""Killing a writer at random moments loses no acknowledged entry; two command-line writers lose nothing."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import crash_writer

from medjournal.storage import open_journal
from medjournal.storage.backup import list_backups, verify_backup
from medjournal.storage.database import inspect_file
from medjournal.storage.lock import JournalLock

WRITER = str(Path(__file__).parent / "crash_writer.py")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")


def test_killed_writers_lose_no_acknowledged_entry(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    result = crash_writer.crash_loop(path, kills=24, seed=20260315)
    print(result)  # the figures, with pytest -s
    assert result.unexpected_exits == 0, "a writer failed on its own instead of being killed"
    assert result.integrity_failures == 0
    assert result.losses == []
    assert result.kills == 24
    assert len(result.acknowledged) >= 24, "the writers must have acknowledged entries to lose"
    backups = list_backups(path.parent / "backups")
    assert backups, "writers killed after 25 entries or more have written automatic backups"
    # A writer killed while backing up leaves at most a .partial file, never a bad file under a backup's name.
    assert [verify_backup(backup) for backup in backups] == [None] * len(backups)
    journal = open_journal(path)
    try:
        counts = journal.counts()
        written = counts["checkins"] + counts["side_effects"] + counts["treatments"]
        # Each kill may leave at most one entry committed but not yet acknowledged.
        assert len(result.acknowledged) <= written <= len(result.acknowledged) + result.kills
    finally:
        journal.close()


def test_a_killed_command_line_writer_loses_no_acknowledged_entry(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    acknowledged: list[int] = []
    for start, wanted in ((0, 3), (100, 5)):
        writer = subprocess.Popen(
            [sys.executable, WRITER, str(path), "--cli", str(start), "1000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        while len(acknowledged) < wanted + (3 if start else 0):
            line = writer.stdout.readline()
            assert line, writer.stderr.read() if writer.stderr else "the writer stopped"
            if line.startswith("ack"):  # the command's own output lines come in between
                acknowledged.append(int(line.split()[3]))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        acknowledged += [int(line.split()[3]) for line in rest.splitlines() if line.startswith("ack")]
        assert writer.returncode == -signal.SIGKILL
        assert inspect_file(path, thorough=True) is None
    conn = sqlite3.connect(path)
    notes = {row[0] for row in conn.execute("SELECT note FROM treatments")}
    conn.close()
    assert {crash_writer.note_for(n) for n in acknowledged} <= notes


def test_two_command_line_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"  # not created yet: both writers race to create it too
    count = 12
    writers = [
        subprocess.Popen(
            [sys.executable, WRITER, str(path), "--cli", str(start), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for start in (0, 1000)
    ]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    acknowledged = sum(out.count("ack ") for out, _err in outputs)
    assert acknowledged == 2 * count
    conn = sqlite3.connect(path)
    notes = sorted(row[0] for row in conn.execute("SELECT note FROM treatments"))
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    expected = sorted(crash_writer.note_for(n) for n in [*range(count), *range(1000, 1000 + count)])
    assert notes == expected


def test_command_line_writes_while_a_window_has_the_journal_open_show_up_after_a_refresh(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journal.db"
    window_journal = open_journal(path)  # what the window holds, with its lock
    try:
        window_journal.add_checkin(pain=5, note="from the window")
        with JournalLock(path):
            done = subprocess.run(
                [sys.executable, WRITER, str(path), "--cli", "0", "2"],
                capture_output=True,
                text=True,
                timeout=120,
            )
        assert done.returncode == 0, done.stderr
        assert sorted(t.note for t in window_journal.treatments()) == [
            crash_writer.note_for(0),
            crash_writer.note_for(1),
        ]
        window_journal.add_checkin(pain=4, note="from the window again")
        assert window_journal.counts()["checkins"] == 2
    finally:
        window_journal.close()
