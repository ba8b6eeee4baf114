"""`medjournal restore` on an encrypted journal (review finding 2, issue 17 item 4): the command reads the
journal's passphrase, and the backup's when it has another; an encrypted journal stays encrypted whatever the
backup; a sound encrypted journal is never called damaged; the journal replaced is kept, encrypted.

Every restore here runs the real command in its own process (no key is left over from an earlier command),
and the files are checked by their first 16 bytes and with `sqlite3`."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal.storage import cipher
from medjournal.storage.backup import list_backups
from tests.conftest import NOW

PASSPHRASE = "correct horse battery"
OTHER = "a different passphrase"
SQLITE = b"SQLite format 3\x00"


def medjournal(journal: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEDJOURNAL_NOW": NOW.isoformat(), "LANGUAGE": "en", "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "medjournal", "--db", str(journal), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def secret_file(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text + "\n")
    return str(path)


def pains(path: Path, passphrase: str | None) -> list[int]:
    """The check-ins' pain of a journal file, read as a stranger would (plain) or with the passphrase."""
    cipher.forget_all()
    if passphrase is None:
        assert path.read_bytes()[:16] == SQLITE
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    else:
        cipher.unlock(path, passphrase)
        conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
    try:
        return [int(row[0]) for row in conn.execute("SELECT pain FROM checkins ORDER BY id")]
    finally:
        conn.close()
        cipher.forget_all()


def unreadable_without_key(path: Path) -> None:
    assert path.read_bytes()[:16] != SQLITE
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM checkins").fetchone()
    if shutil.which("sqlite3"):
        tool = subprocess.run(["sqlite3", str(path), "select count(*) from checkins"], capture_output=True)
        assert tool.returncode != 0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_beside(journal: Path) -> set[str]:
    return {p.name for p in journal.parent.iterdir() if not p.name.endswith((".lock", ".inuse", "-gate"))}


def encrypted_with_backup(folder: Path, pain: int) -> tuple[Path, Path, str]:
    """A journal with one check-in, encrypted, and its encrypted backup written by `medjournal backup -o`."""
    journal = folder / "journal.db"
    ok(medjournal(journal, "checkin", "--pain", str(pain)))
    pw = secret_file(folder, "pw", PASSPHRASE)
    ok(medjournal(journal, "encrypt", "--new-passphrase-file", pw, "--old-backups", "keep"))
    copy = folder / "copy.db"
    ok(medjournal(journal, "--passphrase-file", pw, "backup", "-o", str(copy)))
    return journal, copy, pw


@pytest.fixture
def encrypted_with_plain_backup(tmp_path: Path) -> tuple[Path, Path, str]:
    """A journal with check-ins 1, 2 backed up plain, then encrypted, then check-in 9 added."""
    journal = tmp_path / "journal.db"
    for pain in (1, 2):
        ok(medjournal(journal, "checkin", "--pain", str(pain)))
    plain = tmp_path / "plain-backup.db"
    ok(medjournal(journal, "backup", "-o", str(plain)))
    pw = secret_file(tmp_path, "pw", PASSPHRASE)
    ok(medjournal(journal, "encrypt", "--new-passphrase-file", pw, "--old-backups", "keep"))
    ok(medjournal(journal, "--passphrase-file", pw, "checkin", "--pain", "9"))
    return journal, plain, pw


def test_a_plain_backup_restored_into_an_encrypted_journal_stays_encrypted(
    encrypted_with_plain_backup: tuple[Path, Path, str],
) -> None:
    journal, plain, pw = encrypted_with_plain_backup
    salt = journal.read_bytes()[:16]
    out = ok(medjournal(journal, "--passphrase-file", pw, "restore", str(plain)))
    assert "still encrypted" in out and "damaged" not in out
    unreadable_without_key(journal)
    assert journal.read_bytes()[:16] == salt  # the same file, the same key
    assert pains(journal, PASSPHRASE) == [1, 2]
    assert not [name for name in files_beside(journal) if "damaged" in name]
    # The journal it replaced is kept as it was: encrypted, with the entry added after the backup.
    (kept,) = [b for b in list_backups(journal.parent / "backups") if "before-restore" in b.name]
    assert str(kept) in out
    unreadable_without_key(kept)
    assert pains(kept, PASSPHRASE) == [1, 2, 9]
    # The journal still needs its passphrase: no command reads it without.
    refused = medjournal(journal, "today")
    assert refused.returncode == 1 and "passphrase" in refused.stderr + refused.stdout


def test_an_encrypted_backup_written_by_the_command_restores_with_the_passphrase(tmp_path: Path) -> None:
    journal, copy, pw = encrypted_with_backup(tmp_path, 1)
    unreadable_without_key(copy)
    ok(medjournal(journal, "--passphrase-file", pw, "checkin", "--pain", "7"))
    # From a descriptor (the script's way) as well as from a file.
    out = ok(medjournal(journal, "--passphrase-fd", "0", "restore", str(copy), stdin=PASSPHRASE + "\n"))
    assert "Restored" in out and "damaged" not in out
    unreadable_without_key(journal)
    assert pains(journal, PASSPHRASE) == [1]
    ok(medjournal(journal, "--passphrase-file", pw, "checkin", "--pain", "8"))
    ok(medjournal(journal, "--passphrase-file", pw, "restore", str(copy)))
    assert pains(journal, PASSPHRASE) == [1]
    kept = [b for b in list_backups(tmp_path / "backups") if "before-restore" in b.name]
    assert sorted(pains(b, PASSPHRASE) for b in kept) == [[1, 7], [1, 8]]


def test_without_the_journals_passphrase_or_with_a_wrong_one_nothing_changes(
    encrypted_with_plain_backup: tuple[Path, Path, str],
) -> None:
    journal, plain, _pw = encrypted_with_plain_backup
    wrong = secret_file(journal.parent, "wrong", "not the passphrase")
    before, names = digest(journal), files_beside(journal)
    backups_before = list_backups(journal.parent / "backups")
    for args in ((), ("--passphrase-file", wrong)):
        done = medjournal(journal, *args, "restore", str(plain))
        said = done.stdout + done.stderr
        assert done.returncode == 1, said
        assert len(said.strip().splitlines()) == 1, said
        assert "passphrase" in said and "damaged" not in said and "Traceback" not in said
        assert digest(journal) == before and files_beside(journal) == names
        assert list_backups(journal.parent / "backups") == backups_before
    assert pains(journal, PASSPHRASE) == [1, 2, 9]


def test_a_backup_under_an_earlier_passphrase_needs_it_and_comes_back_under_the_new_one(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.db"
    ok(medjournal(journal, "checkin", "--pain", "3"))
    old = secret_file(tmp_path, "old", PASSPHRASE)
    new = secret_file(tmp_path, "new", OTHER)
    ok(medjournal(journal, "encrypt", "--new-passphrase-file", old, "--old-backups", "keep"))
    earlier = tmp_path / "earlier.db"
    ok(medjournal(journal, "--passphrase-file", old, "backup", "-o", str(earlier)))
    ok(
        medjournal(
            journal,
            "--passphrase-file",
            old,
            "passphrase",
            "--new-passphrase-file",
            new,
            "--old-backups",
            "keep",
        )
    )
    ok(medjournal(journal, "--passphrase-file", new, "checkin", "--pain", "6"))
    before = digest(journal)

    refused = medjournal(journal, "--passphrase-file", new, "restore", str(earlier))
    assert refused.returncode == 1
    said = refused.stdout + refused.stderr
    assert "does not open with the journal's passphrase" in said
    assert "--backup-passphrase-fd N or --backup-passphrase-file FILE" in said
    assert digest(journal) == before
    wrong = medjournal(
        journal, "--passphrase-file", new, "restore", str(earlier), "--backup-passphrase-file", new
    )
    assert wrong.returncode == 1 and f"does not open the backup {earlier}" in wrong.stderr + wrong.stdout
    assert digest(journal) == before

    out = ok(
        medjournal(
            journal, "--passphrase-file", new, "restore", str(earlier), "--backup-passphrase-file", old
        )
    )
    assert "still encrypted" in out
    unreadable_without_key(journal)
    assert pains(journal, OTHER) == [3]
    with pytest.raises(cipher.WrongPassphrase):
        pains(journal, PASSPHRASE)  # the old passphrase does not open the restored journal


def test_an_encrypted_backup_restored_into_a_plain_journal_says_it_stays_plain(tmp_path: Path) -> None:
    journal, copy, pw = encrypted_with_backup(tmp_path, 4)
    ok(medjournal(journal, "--passphrase-file", pw, "decrypt", "--old-backups", "keep"))
    ok(medjournal(journal, "checkin", "--pain", "5"))
    refused = medjournal(journal, "restore", str(copy))
    assert refused.returncode == 1 and "The backup" in refused.stderr + refused.stdout
    out = ok(medjournal(journal, "restore", str(copy), "--backup-passphrase-file", pw))
    assert "not encrypted and still is not" in out
    assert pains(journal, None) == [4]


def test_a_damaged_encrypted_journal_is_set_aside_and_the_plain_backup_comes_back_encrypted(
    encrypted_with_plain_backup: tuple[Path, Path, str],
) -> None:
    journal, plain, pw = encrypted_with_plain_backup
    data = bytearray(journal.read_bytes())
    page = 4096
    assert len(data) > 2 * page + 400
    for offset in range(page + 100, page + 400):  # a page past the first: the passphrase still opens it
        data[offset] ^= 0xFF
    journal.write_bytes(bytes(data))
    damaged = digest(journal)
    out = ok(medjournal(journal, "--passphrase-file", pw, "restore", str(plain)))
    (aside,) = [
        journal.parent / name
        for name in files_beside(journal)
        if ".damaged-" in name and not name.endswith(("-wal", "-shm"))
    ]
    assert str(aside.name) in out and digest(aside) == damaged
    unreadable_without_key(journal)
    assert pains(journal, PASSPHRASE) == [1, 2]
