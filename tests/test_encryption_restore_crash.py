"""`medjournal restore` on an encrypted journal killed at random moments (issue 17 item 4): the journal stays
encrypted with its key and holds either what it held or the backup's entries, never neither, never a mix;
whenever it holds the backup's, what it held is in an encrypted before-restore backup. Nothing is called
damaged."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medjournal.storage import cipher, encryption
from medjournal.storage.backup import list_backups
from tests.conftest import NOW
from tests.test_encryption_crash import ENTRIES, fill
from tests.test_encryption_restore import PASSPHRASE, SQLITE, medjournal, ok

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def notes(path: Path) -> list[str]:
    """Every check-in's note of an encrypted file, read with the passphrase (it must be encrypted)."""
    assert path.read_bytes()[:16] != SQLITE, f"{path.name} is not encrypted"
    cipher.forget_all()
    cipher.unlock(path, PASSPHRASE)
    conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [str(row[0]) for row in conn.execute("SELECT note FROM checkins ORDER BY id")]
    finally:
        conn.close()
        cipher.forget_all()


def start_restore(journal: Path, backup: Path, pw: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "MEDJOURNAL_NOW": NOW.isoformat()}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "medjournal",
            "--db",
            str(journal),
            "--passphrase-file",
            str(pw),
            "restore",
            str(backup),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_restore_killed_at_random_moments_keeps_the_journal_encrypted_and_whole(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    ok(medjournal(journal, "checkin", "--pain", "2", "--note", "only entry of the plain backup"))
    plain = tmp_path / "plain.db"
    ok(medjournal(journal, "backup", "-o", str(plain)))
    fill(journal)  # 1500 more check-ins
    encryption.convert(journal, PASSPHRASE)
    cipher.forget_all()
    pw = tmp_path / "pw"
    pw.write_text(PASSPHRASE + "\n")
    salt = journal.read_bytes()[:16]
    whole = notes(journal)
    small = ["only entry of the plain backup"]
    assert len(whole) == ENTRIES + 1
    backups = tmp_path / "backups"

    def whole_copy() -> Path:
        """An encrypted before-restore backup holding every entry (there must be one once the journal does
        not)."""
        found = [b for b in list_backups(backups) if "before-restore" in b.name and notes(b) == whole]
        assert found, "the journal's entries are in neither the journal nor a backup"
        return found[0]

    began = time.monotonic()
    child = start_restore(journal, plain, pw)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, out + err
    duration = time.monotonic() - began
    assert notes(journal) == small
    rng = random.Random(20261206)
    outcomes = {"old": 0, "new": 0}
    for _ in range(12):
        was = notes(journal)
        source = plain if was == whole else whole_copy()
        child = start_restore(journal, source, pw)
        time.sleep(rng.uniform(0, duration * 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        now = notes(journal)
        assert journal.read_bytes()[:16] == salt  # the same key: never plain, never another key
        assert now in (was, small if source == plain else whole)
        outcomes["old" if now == was else "new"] += 1
        if now != whole:
            whole_copy()
        assert not [p.name for p in tmp_path.iterdir() if "damaged" in p.name]
    # Where the kills land depends on the machine's load; both outcomes are still checked once each.
    if not outcomes["new"]:
        was = notes(journal)
        ok_run = start_restore(journal, plain if was == whole else whole_copy(), pw)
        assert ok_run.wait(timeout=120) == 0
        assert notes(journal) != was
    # The next command clears what killed runs left (their staged copies) and opens the journal.
    ok(medjournal(journal, "--passphrase-file", str(pw), "today"))
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".journal.db")]
    assert left == [], left
