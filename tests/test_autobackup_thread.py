"""Automatic backups in the background (docs/data-safety.md, *Backups in the background*), below the window:
an encrypted journal's backup in the background is encrypted with its key; a passphrase change waits for a
running backup and none is written with the old key after it; never two backups at once; closing finishes a
backup whose thread has started; the command line's open keeps the backup inside the call. The window's side is in
tests/ui/test_background_backup.py."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import autobackup, cipher, encryption, open_journal
from medjournal.storage.autobackup import BATCH_SIZE
from medjournal.storage.backup import backup_to_folder, list_backups, verify_backup
from medjournal.storage.backup_keys import sort_backups
from tests.conftest import NOW

PASSPHRASE = "correct horse battery"
NEW_PASSPHRASE = "staple battery horse"
WAIT_S = 60.0


class Gate:
    """Holds the background backup in front of its copy until ``release`` is set (never the test's thread)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0
        self.monkeypatch = monkeypatch

    def arm(self) -> None:
        """From now on the automatic backups wait at the gate."""
        real = backup_to_folder  # the function the automatic backup calls (storage/backup.py)

        def gated(*args: Any, **kwargs: Any) -> Path:
            self.calls += 1
            self.entered.set()
            assert self.release.wait(WAIT_S)
            return real(*args, **kwargs)

        self.monkeypatch.setattr("medjournal.storage.autobackup.backup_to_folder", gated)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Any:
    made = Gate(monkeypatch)
    yield made
    made.release.set()


def release_when_closing(gate: Gate, auto: autobackup.AutoBackup) -> None:
    def watch() -> None:
        # The event AutoBackup.wait() sets as the journal begins to close; never opened otherwise.
        if auto._closing.wait(WAIT_S):
            gate.release.set()

    threading.Thread(target=watch, daemon=True).start()


def fill(path: Path, checkins: int) -> None:
    journal = open_journal(path, FixedClock(NOW))
    try:
        for number in range(checkins):
            journal.add_checkin(pain=number % 11, note=f"private note {number}")
        assert journal.auto_backup is not None and journal.auto_backup.run() is not None  # the day's backup
    finally:
        journal.close()


def notes_in_backup(path: Path) -> list[str]:
    conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT note FROM checkins ORDER BY id")]
    finally:
        conn.close()


def test_an_encrypted_journals_background_backup_is_encrypted_with_its_key_and_a_passphrase_change_waits(
    tmp_path: Path, gate: Gate
) -> None:
    path = tmp_path / "journal.db"
    fill(path, 3)
    encryption.convert(path, PASSPHRASE)
    folder = tmp_path / "backups"
    gate.arm()
    journal = open_journal(path, FixedClock(NOW), background_backups=True)
    auto = journal.auto_backup
    assert auto is not None and auto.background
    for number in range(BATCH_SIZE):
        journal.add_checkin(pain=4, note=f"typed {number}")  # the 25th returns with its backup at the gate
    assert gate.entered.wait(WAIT_S) and auto.running
    release_when_closing(gate, auto)
    journal.close()  # as the window does before converting: waits for the backup
    assert not auto.running and auto.last_error is None
    written = auto.last_backup
    assert written is not None and cipher.looks_encrypted(written)
    assert verify_backup(written) is None  # opens with the key this process holds
    assert notes_in_backup(written)[-1] == f"typed {BATCH_SIZE - 1}"

    done = encryption.convert(path, NEW_PASSPHRASE, folder)
    # The backup taken with the old key was finished before the change: it is one the change names.
    assert written in done.old_backups
    assert written in sort_backups(path, done.old_backups).convertible
    after = set(list_backups(folder))
    journal = open_journal(path, FixedClock(NOW), background_backups=True)
    auto = journal.auto_backup
    assert auto is not None
    gate.release.set()
    for number in range(BATCH_SIZE):
        journal.add_checkin(pain=5, note=f"after the change {number}")
    journal.close()
    new = set(list_backups(folder)) - after
    assert new == {auto.last_backup}
    cipher.forget_all()
    cipher.unlock(path, NEW_PASSPHRASE)  # only the new passphrase's key is held
    assert notes_in_backup(auto.last_backup)[-1] == f"after the change {BATCH_SIZE - 1}"


def test_never_two_backups_at_once_and_the_changes_go_on_being_counted(tmp_path: Path, gate: Gate) -> None:
    path = tmp_path / "journal.db"
    fill(path, 1)
    gate.arm()
    journal = open_journal(path, FixedClock(NOW), background_backups=True)
    auto = journal.auto_backup
    assert auto is not None
    auto.wait()  # the start's check: the day's backup was taken when filling, so none is made
    assert gate.calls == 0
    for number in range(BATCH_SIZE):
        journal.add_checkin(pain=1, note=f"first batch {number}")
    assert gate.entered.wait(WAIT_S)
    for number in range(BATCH_SIZE + 1):  # a second batch while the first backup runs
        journal.add_checkin(pain=2, note=f"second batch {number}")
    assert gate.calls == 1
    assert journal.changes_since_backup == BATCH_SIZE + 1
    gate.release.set()
    auto.wait()
    journal.add_checkin(pain=3, note="the next save")  # past the batch: the next backup starts
    auto.wait()
    assert gate.calls == 2
    assert auto.last_backup is not None
    assert notes_in_backup(auto.last_backup)[-1] == "the next save"
    journal.close()


class HeldThread(threading.Thread):
    """The backup's thread, held before it runs until the journal is closing (``AutoBackup.wait`` has begun)."""

    def run(self) -> None:
        auto = getattr(self._target, "__self__", None)  # type: ignore[attr-defined]  # the AutoBackup
        assert isinstance(auto, autobackup.AutoBackup) and auto._closing.wait(WAIT_S)  # the event wait() sets
        super().run()


@pytest.mark.parametrize("due", ["the day's first start", "the 25th save"])
def test_closing_finishes_a_backup_whose_thread_has_not_yet_begun(
    due: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup's thread has started but not yet copied anything when the journal closes (the window closed
    right after the 25th save, or right after its start): closing waits for it, and it holds every entry. It
    used to be dropped, with the 25 changes it covered no longer counted: in no backup until the next day."""
    path = tmp_path / "journal.db"
    fill(path, 1)
    folder = tmp_path / "backups"
    before = set(folder.iterdir())
    day = NOW + timedelta(days=1) if due == "the day's first start" else NOW  # NOW's backup was made by fill
    if due == "the day's first start":
        monkeypatch.setattr("threading.Thread", HeldThread)
    journal = open_journal(path, FixedClock(day), background_backups=True)
    auto = journal.auto_backup
    assert auto is not None
    if due == "the 25th save":
        auto.wait()  # the start's check (today's backup is there: none is made)
        assert not auto.running and auto.last_backup is None
        monkeypatch.setattr("threading.Thread", HeldThread)
        for number in range(BATCH_SIZE):
            journal.add_checkin(pain=2, note=f"saved before closing {number}")
    assert auto.running  # the backup's thread started and waits
    journal.close()
    assert not auto.running and auto.last_error is None and auto.last_backup is not None
    made = set(folder.iterdir()) - before
    assert made == {auto.last_backup}  # one backup, no temporary file left
    expected = f"saved before closing {BATCH_SIZE - 1}" if due == "the 25th save" else "private note 0"
    assert notes_in_backup(auto.last_backup)[-1] == expected


def test_the_command_lines_open_keeps_the_backup_inside_the_call(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    fill(path, 1)
    journal = open_journal(path, FixedClock(NOW))
    auto = journal.auto_backup
    assert auto is not None and not auto.background
    for number in range(BATCH_SIZE):
        journal.add_checkin(pain=1, note=f"n{number}")
    assert not auto.running and auto.last_backup is not None  # made by the 25th save itself
    assert all(t.name != "medjournal-backup" for t in threading.enumerate())
    assert notes_in_backup(auto.last_backup)[-1] == f"n{BATCH_SIZE - 1}"
    journal.close()
