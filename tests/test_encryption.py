"""Passphrase encryption: the file on disk, the command line's encrypt / decrypt / passphrase, unlocking,
backups and restore of an encrypted journal."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import cipher, encryption, open_journal
from medjournal.storage.backup import list_backups, restore_backup, verify_backup
from tests.conftest import NOW, Cli

PASSPHRASE = "correct horse battery"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pipe_with(*lines: str) -> int:
    """A file descriptor to read the given lines from (what a script passes as --passphrase-fd)."""
    read_end, write_end = os.pipe()
    os.write(write_end, "".join(f"{line}\n" for line in lines).encode())
    os.close(write_end)
    return read_end


def make_plain(path: Path, checkins: int = 3) -> None:
    journal = open_journal(path, FixedClock(NOW))
    try:
        for pain in range(checkins):
            journal.add_checkin(pain=pain, note=f"private note {pain}")
    finally:
        journal.close()


def encrypt(run_cli: Cli, passphrase: str = PASSPHRASE, *extra: str) -> str:
    result = run_cli("encrypt", "--new-passphrase-fd", str(pipe_with(passphrase, passphrase)), *extra)
    assert result.exit_code == 0, result.output
    cipher.forget_all()  # as a new process would start
    return result.output


def recovery_key_in(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(cipher.RECOVERY_PREFIX))


def test_an_encrypted_journal_has_no_sqlite_header_and_sqlite_cannot_read_it(
    run_cli: Cli, journal_path: Path
) -> None:
    make_plain(journal_path)
    output = encrypt(run_cli)
    assert "now encrypted" in output
    data = journal_path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert b"private note" not in data
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(journal_path).execute("SELECT * FROM sqlite_master").fetchall()
    if shutil.which("sqlite3"):
        tool = subprocess.run(["sqlite3", str(journal_path), ".tables"], capture_output=True, text=True)
        assert tool.returncode != 0 and "not a database" in tool.stderr
    # No side file is left with the plain text in it.
    leftovers = [p.name for p in journal_path.parent.iterdir() if p.name.startswith("journal.db")]
    assert sorted(leftovers) == ["journal.db", "journal.db.lock"] or leftovers == ["journal.db"]


def test_every_command_works_with_the_passphrase_from_a_descriptor_or_a_file(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path, checkins=1)
    encrypt(run_cli)
    added = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "checkin", "--pain", "7")
    assert added.exit_code == 0, added.output
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n")
    shown = run_cli("--passphrase-file", str(secret), "checkin", "--pain", "8")
    assert shown.exit_code == 0, shown.output
    cipher.forget_all()
    cipher.unlock(journal_path, PASSPHRASE)
    journal = open_journal(journal_path, FixedClock(NOW))
    try:
        assert [c.pain for c in journal.checkins()] == [0, 7, 8]
    finally:
        journal.close()


@pytest.mark.parametrize("given", ["wrong passphrase", "", "correct horse batter", PASSPHRASE + " "])
def test_a_wrong_or_empty_passphrase_is_one_sentence_and_changes_nothing(
    run_cli: Cli, journal_path: Path, given: str
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    before = digest(journal_path)
    backups_before = list_backups(journal_path.parent / "backups")
    result = run_cli("--passphrase-fd", str(pipe_with(given)), "checkin", "--pain", "4")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: The passphrase")
    assert digest(journal_path) == before
    assert list_backups(journal_path.parent / "backups") == backups_before


def test_without_a_terminal_or_a_descriptor_the_command_says_how_to_give_the_passphrase(
    run_cli: Cli, journal_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    result = run_cli("today")
    assert result.exit_code == 1
    assert "protected with a passphrase" in result.output and "--passphrase-fd" in result.output


def test_sqlcipher_log_lines_never_reach_the_terminal(journal_path: Path) -> None:
    make_plain(journal_path)
    encryption.convert(journal_path, PASSPHRASE)
    read_end = pipe_with("not the passphrase")
    command = [
        sys.executable,
        "-m",
        "medjournal",
        "--db",
        str(journal_path),
        "--passphrase-fd",
        str(read_end),
    ]
    result = subprocess.run([*command, "today"], capture_output=True, text=True, pass_fds=[read_end])
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: The passphrase does not open the journal {journal_path}; nothing was changed."
    ]
    assert "hmac" not in result.stderr.lower() and "ERROR CORE" not in result.stderr


def test_decrypt_makes_a_plain_journal_again_with_every_entry(run_cli: Cli, journal_path: Path) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    cipher.forget_all()
    result = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "decrypt")
    assert result.exit_code == 0, result.output
    assert "no longer encrypted" in result.output
    assert journal_path.read_bytes().startswith(b"SQLite format 3\x00")
    conn = sqlite3.connect(journal_path)
    try:
        assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 3
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_changing_the_passphrase_and_the_recovery_key(run_cli: Cli, journal_path: Path) -> None:
    make_plain(journal_path)
    first_key = recovery_key_in(encrypt(run_cli))
    cipher.forget_all()
    changed = run_cli(
        "--passphrase-fd",
        str(pipe_with(PASSPHRASE)),
        "passphrase",
        "--new-passphrase-fd",
        str(pipe_with("a second passphrase", "a second passphrase")),
        "--old-backups",
        "encrypt",
    )
    assert changed.exit_code == 0, changed.output
    new_key = recovery_key_in(changed.output)
    cipher.forget_all()
    with pytest.raises(JournalFileError, match="does not open"):
        cipher.unlock(journal_path, PASSPHRASE)
    with pytest.raises(JournalFileError, match="another journal"):
        cipher.unlock(journal_path, first_key)
    cipher.unlock(journal_path, new_key)  # the recovery key opens it without the passphrase
    cipher.forget_all()
    cipher.unlock(journal_path, "a second passphrase")
    for backup in list_backups(journal_path.parent / "backups"):
        assert cipher.key_for(backup) is not None, f"{backup.name} was not re-encrypted"
        assert verify_backup(backup) is None


def test_a_new_passphrase_that_is_too_short_or_empty_changes_nothing(
    run_cli: Cli, journal_path: Path
) -> None:
    make_plain(journal_path)
    before = digest(journal_path)
    short = run_cli("encrypt", "--new-passphrase-fd", str(pipe_with("short")))
    empty = run_cli("encrypt", "--new-passphrase-fd", str(pipe_with("")))
    assert short.exit_code == empty.exit_code == 1
    assert "too short" in short.output and "empty" in empty.output
    assert digest(journal_path) == before


def test_the_recovery_key_file_is_owner_only_and_opens_the_journal(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    key_file = tmp_path / "recovery.txt"
    output = encrypt(run_cli, PASSPHRASE, "--recovery-key-file", str(key_file))
    assert cipher.RECOVERY_PREFIX not in output  # written to the file, not printed
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    cipher.forget_all()
    key, explanation = key_file.read_text().splitlines()
    assert cipher.is_recovery_key(key) and "recovery key of the journal journal.db" in explanation
    result = run_cli("--passphrase-file", str(key_file), "checkin", "--pain", "4")  # the file as it is
    assert result.exit_code == 0, result.output
    cipher.forget_all()
    cipher.unlock(journal_path, key)
    journal = open_journal(journal_path, FixedClock(NOW))
    try:
        assert [c.pain for c in journal.checkins()] == [0, 1, 2, 4]
    finally:
        journal.close()


def test_old_plain_backups_are_named_and_can_be_encrypted_or_removed(
    run_cli: Cli, journal_path: Path
) -> None:
    make_plain(journal_path)
    backups = journal_path.parent / "backups"
    assert run_cli("backup").exit_code == 0
    plain = list_backups(backups)
    assert plain and all(b.read_bytes().startswith(b"SQLite format 3") for b in plain)
    output = encrypt(run_cli, PASSPHRASE, "--old-backups", "keep")
    assert f"{len(plain)} older backups in {backups} are plain" in output
    assert all(b.read_bytes().startswith(b"SQLite format 3") for b in plain)
    converted = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "encrypt", "--old-backups", "encrypt")
    assert converted.exit_code == 0, converted.output
    for backup in list_backups(backups):
        assert not backup.read_bytes().startswith(b"SQLite format 3")
        assert verify_backup(backup) is None
    make_plain(journal_path.parent / "other.db")
    other = Cli(journal_path.parent / "other.db", NOW)
    assert other("backup").exit_code == 0
    removed = other(
        "encrypt", "--new-passphrase-fd", str(pipe_with(PASSPHRASE, PASSPHRASE)), "--old-backups", "remove"
    )
    assert removed.exit_code == 0 and "backups removed" in removed.output
    assert list_backups(backups, "other.db") == []


def test_backups_of_an_encrypted_journal_need_the_key_and_restore_with_it(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    written = run_cli(
        "--passphrase-fd", str(pipe_with(PASSPHRASE)), "backup", "-o", str(tmp_path / "copy.db")
    )
    assert written.exit_code == 0, written.output
    copy = tmp_path / "copy.db"
    assert not copy.read_bytes().startswith(b"SQLite format 3") and b"private note" not in copy.read_bytes()
    cipher.forget_all()
    assert verify_backup(copy) is not None  # unreadable without the key
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT count(*) FROM checkins").fetchone()
    restored = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "checkin", "--pain", "9")
    assert restored.exit_code == 0
    restore_backup(journal_path, copy, journal_path.parent / "backups", NOW)
    journal = open_journal(journal_path, FixedClock(NOW))
    try:
        assert [c.pain for c in journal.checkins()] == [0, 1, 2]
    finally:
        journal.close()
    assert not journal_path.read_bytes().startswith(b"SQLite format 3")


def test_a_damaged_encrypted_journal_is_refused_untouched_naming_the_newest_good_backup(
    run_cli: Cli, journal_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    assert run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "backup").exit_code == 0
    good = list_backups(journal_path.parent / "backups")  # taken in the same second: either is the newest
    data = bytearray(journal_path.read_bytes())
    page = 4096
    for offset in range(page * 2 + 100, page * 2 + 400):  # a page inside the file, past the first
        data[offset] ^= 0xFF
    journal_path.write_bytes(bytes(data))
    before = digest(journal_path)
    cipher.forget_all()
    result = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "today")
    assert result.exit_code == 1
    assert "damaged" in result.output and any(f"backup is {backup} " in result.output for backup in good)
    assert digest(journal_path) == before


def test_an_old_encrypted_journal_is_migrated_after_an_encrypted_backup(tmp_path: Path) -> None:
    from tests.test_migrations import make_first_schema_journal

    path = tmp_path / "journal.db"
    make_first_schema_journal(path)
    encryption.convert(path, PASSPHRASE)
    journal = open_journal(path, FixedClock(NOW))
    try:
        assert journal.checkins()[0].pain == 7
    finally:
        journal.close()
    before = [b for b in list_backups(tmp_path / "backups") if "before-migration" in b.name]
    assert len(before) == 1
    assert not before[0].read_bytes().startswith(b"SQLite format 3")
    cipher.forget_all()
    assert verify_backup(before[0]) is not None
    cipher.unlock(path, PASSPHRASE)
    assert verify_backup(before[0]) is None


def test_a_plain_backup_restored_into_an_encrypted_journal_comes_back_encrypted(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path, checkins=2)
    assert run_cli("backup", "-o", str(tmp_path / "plain.db")).exit_code == 0
    encrypt(run_cli)
    cipher.unlock(journal_path, PASSPHRASE)
    journal = open_journal(journal_path, FixedClock(NOW))
    journal.add_checkin(pain=9)
    journal.close()
    restore_backup(journal_path, tmp_path / "plain.db", journal_path.parent / "backups", NOW)
    assert not journal_path.read_bytes().startswith(b"SQLite format 3")
    assert b"private note" not in journal_path.read_bytes()
    journal = open_journal(journal_path, FixedClock(NOW))
    try:
        assert [c.pain for c in journal.checkins()] == [0, 1]
    finally:
        journal.close()


def test_the_summary_pdf_of_an_encrypted_journal_is_plain_and_says_so(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    encrypt(run_cli)
    pdf = tmp_path / "summary.pdf"
    result = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "report", "-o", str(pdf))
    assert result.exit_code == 0, result.output
    assert "The PDF is not encrypted: it is meant to be given to your doctor." in result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    today = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "today", "--json")
    assert today.exit_code == 0, today.output
