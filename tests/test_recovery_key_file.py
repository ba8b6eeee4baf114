"""The recovery key written to a file (``encrypt --recovery-key-file``; the window's choice goes through the same
``storage/recovery_key.py``): new, owner-only, whole or absent, checked before anything is converted, and never
in a log (docs/data-safety.md, *Encryption with a passphrase*)."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.storage import cipher, open_journal, recovery_key
from tests.conftest import NOW, Cli
from tests.root_powers import without_root_powers
from tests.test_encryption import PASSPHRASE, make_plain, pipe_with


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def encrypt_with_key_file(run_cli: Cli, key_file: Path) -> object:
    return run_cli(
        "encrypt", "--new-passphrase-fd", str(pipe_with(PASSPHRASE, PASSPHRASE)), "--recovery-key-file",
        str(key_file), "--old-backups", "keep",
    )  # fmt: skip


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_key_file_in_a_read_only_folder_is_one_sentence_and_nothing_is_converted(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    before = digest(journal_path)
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with without_root_powers():
            result = encrypt_with_key_file(run_cli, folder / "key.txt")
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.output.strip().splitlines()  # type: ignore[attr-defined]
    assert lines[-1] == (
        f"Error: The recovery key cannot be written to {folder / 'key.txt'} (permission denied); "
        "choose another file."
    )
    assert cipher.RECOVERY_PREFIX not in result.output  # type: ignore[attr-defined]
    assert list(folder.iterdir()) == []
    assert digest(journal_path) == before and journal_path.read_bytes().startswith(b"SQLite format 3")
    assert not any(p.name.endswith(".converting") for p in journal_path.parent.iterdir())


def test_an_existing_key_file_is_refused_before_converting_and_left_as_it_was(
    run_cli: Cli, journal_path: Path, tmp_path: Path
) -> None:
    make_plain(journal_path)
    before = digest(journal_path)
    key_file = tmp_path / "key.txt"
    key_file.write_text("my shopping list\n")
    result = encrypt_with_key_file(run_cli, key_file)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert f"{key_file} already exists; choose a new file" in result.output  # type: ignore[attr-defined]
    assert key_file.read_text() == "my shopping list\n"
    assert digest(journal_path) == before


def test_a_key_file_that_fails_after_converting_prints_the_key_instead(
    run_cli: Cli, journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder was writable when checked, the disk full when the key came: the key is never lost."""
    make_plain(journal_path)
    real_write = os.write

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        if bytes(data[:6]) == b"mjkey-":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    key_file = tmp_path / "key.txt"
    result = encrypt_with_key_file(run_cli, key_file)
    monkeypatch.undo()
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert f"The recovery key cannot be written to {key_file} (the disk is full)" in result.output  # type: ignore[attr-defined]
    assert not key_file.exists()  # no half-written file
    key = next(line for line in result.output.splitlines() if line.startswith("mjkey-"))  # type: ignore[attr-defined]
    cipher.forget_all()
    cipher.unlock(journal_path, key)
    open_journal(journal_path, FixedClock(NOW)).close()


def test_the_key_file_is_owner_only_under_any_umask_and_the_key_is_in_no_log(
    run_cli: Cli, journal_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    make_plain(journal_path)
    key_file = tmp_path / "key.txt"
    old = os.umask(0)
    try:
        with caplog.at_level(logging.DEBUG):
            result = encrypt_with_key_file(run_cli, key_file)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().splitlines()[0]
    assert cipher.is_recovery_key(key)
    digits = key.removeprefix("mjkey-").replace("-", "")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert key not in logged and digits[:16] not in logged and PASSPHRASE not in logged


def test_a_failed_write_leaves_no_file_and_says_so_without_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "key.txt"

    def broken_sync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", broken_sync)
    key = "mjkey-" + "-".join(["0123abcd"] * 12)
    with pytest.raises(recovery_key.KeyFileError) as caught:
        recovery_key.write(target, key, tmp_path / "journal.db")
    assert caught.value.message == (
        f"The recovery key cannot be written to {target} (Input/output error); choose another file."
    )
    assert not target.exists()
