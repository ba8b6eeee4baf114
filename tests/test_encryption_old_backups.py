"""Backups made under an earlier passphrase (review finding 6, issue 17): `medjournal passphrase` and
`medjournal encrypt` say truthfully which older backups are plain and which are encrypted with an earlier
passphrase, re-key the latter while that passphrase is known, and never remove or replace a backup that was
not rewritten and verified."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from medjournal.domain.errors import JournalFileError
from medjournal.storage import cipher, encryption
from medjournal.storage.backup import list_backups
from tests.conftest import Cli
from tests.test_encryption import PASSPHRASE, digest, encrypt, make_plain, pipe_with

NEW = "a second passphrase"
SQLITE = b"SQLite format 3\x00"


def opens_with(path: Path, passphrase: str) -> bool:
    cipher.forget_all()
    try:
        cipher.unlock(path, passphrase)
    except cipher.WrongPassphrase:
        return False
    finally:
        cipher.forget_all()
    return True


def checkins_in(path: Path, passphrase: str) -> int:
    cipher.forget_all()
    cipher.unlock(path, passphrase)
    conn = cipher.connect(path.resolve().as_uri() + "?mode=ro", path, uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM checkins").fetchone()[0])
    finally:
        conn.close()
        cipher.forget_all()


def two_kinds(run_cli: Cli, journal_path: Path) -> tuple[Path, Path]:
    """A plain backup from before encrypting and an encrypted one from after: (plain, encrypted)."""
    make_plain(journal_path)  # its automatic backup is plain
    encrypt(run_cli, PASSPHRASE, "--old-backups", "keep")
    done = run_cli("--passphrase-fd", str(pipe_with(PASSPHRASE)), "backup")
    assert done.exit_code == 0, done.output
    cipher.forget_all()
    backups = list_backups(journal_path.parent / "backups")
    plain = [b for b in backups if b.read_bytes()[:16] == SQLITE]
    encrypted = [b for b in backups if b.read_bytes()[:16] != SQLITE]
    assert len(plain) == 1 and len(encrypted) == 1
    return plain[0], encrypted[0]


def change(run_cli: Cli, choice: str) -> str:
    done = run_cli(
        "--passphrase-fd",
        str(pipe_with(PASSPHRASE)),
        "passphrase",
        "--new-passphrase-fd",
        str(pipe_with(NEW, NEW)),
        "--old-backups",
        choice,
    )
    assert done.exit_code == 0, done.output
    cipher.forget_all()
    return done.output


def test_after_a_change_each_kind_is_named_and_an_earlier_one_is_never_called_plain(
    run_cli: Cli, journal_path: Path
) -> None:
    plain, earlier = two_kinds(run_cli, journal_path)
    folder = journal_path.parent / "backups"
    kept = digest(earlier)
    out = change(run_cli, "keep")
    assert f"1 older backup in {folder} is plain (anyone with it can read it)." in out
    assert f"1 older backup in {folder} is encrypted with an earlier passphrase" in out
    assert "2 older backups" not in out and "unencrypted" not in out
    assert "--old-passphrase-file FILE` re-keys it while you still know that passphrase" in out
    assert digest(earlier) == kept and plain.read_bytes()[:16] == SQLITE
    assert opens_with(earlier, PASSPHRASE) and not opens_with(earlier, NEW)


def test_the_change_re_keys_the_backups_of_the_old_passphrase_while_it_is_known(
    run_cli: Cli, journal_path: Path
) -> None:
    plain, earlier = two_kinds(run_cli, journal_path)
    entries = checkins_in(earlier, PASSPHRASE)
    out = change(run_cli, "encrypt")
    assert "1 plain backup encrypted." in out and "1 backup re-encrypted with the current passphrase." in out
    salt = journal_path.read_bytes()[:16]
    for backup in (plain, earlier):
        assert backup.read_bytes()[:16] == salt  # the journal's new key
        assert opens_with(backup, NEW) and not opens_with(backup, PASSPHRASE)
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(backup).execute("SELECT count(*) FROM checkins").fetchone()
    assert checkins_in(earlier, NEW) == entries
    assert sorted(p.name for p in plain.parent.iterdir()) == sorted([plain.name, earlier.name])


def test_later_the_earlier_passphrase_given_re_keys_them_and_a_wrong_one_changes_nothing(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    _plain, earlier = two_kinds(run_cli, journal_path)
    change(run_cli, "keep")
    before = digest(earlier)
    without = run_cli("--passphrase-fd", str(pipe_with(NEW)), "encrypt", "--old-backups", "encrypt")
    assert without.exit_code == 0, without.output
    assert "1 plain backup encrypted." in without.output
    assert "1 backup under an earlier passphrase was left as it is" in without.output
    assert digest(earlier) == before
    outcomes = []
    for name, given in (("wrong", "not it at all"), ("right", PASSPHRASE)):
        cipher.forget_all()
        (tmp_path / name).write_text(given + "\n")
        args = ("encrypt", "--old-backups", "encrypt", "--old-passphrase-file", str(tmp_path / name))
        outcomes.append(run_cli("--passphrase-fd", str(pipe_with(NEW)), *args))
        if name == "wrong":
            assert digest(earlier) == before
    refused, done = outcomes
    assert refused.exit_code == 1 and "opens none of the backups; nothing was changed" in refused.output
    assert done.exit_code == 0, done.output
    assert "1 backup re-encrypted with the current passphrase." in done.output
    assert opens_with(earlier, NEW) and not opens_with(earlier, PASSPHRASE)


def test_remove_takes_only_the_plain_backups(run_cli: Cli, journal_path: Path) -> None:
    plain, earlier = two_kinds(run_cli, journal_path)
    before = digest(earlier)
    out = change(run_cli, "remove")
    assert "1 backup removed." in out
    assert not plain.exists() and digest(earlier) == before


def test_a_re_key_that_does_not_verify_leaves_the_backup_as_it_was(
    run_cli: Cli, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plain, earlier = two_kinds(run_cli, journal_path)
    change(run_cli, "keep")
    before = digest(earlier)
    cipher.unlock(journal_path, NEW)
    cipher.unlock(earlier, PASSPHRASE)
    monkeypatch.setattr(encryption, "_verify", lambda *args: "the new file does not hold the same entries")
    with pytest.raises(JournalFileError, match="not converted"):
        encryption.convert_backups(journal_path, [earlier])
    assert digest(earlier) == before and opens_with(earlier, PASSPHRASE)
    assert sorted(p.name for p in earlier.parent.iterdir() if p.name.startswith(earlier.name)) == [
        earlier.name
    ]
