"""The operating system's reasons in the language in use (domain/os_reason.py, docs/translating.md): a German
sentence about a full disk, a folder that cannot be written or a file that cannot be read ends in German, not in
the OS's English ("No space left on device", "Permission denied"); any other reason keeps the OS's text.

Each case runs the command as a person does, in German, on a real read-only folder (``without_root_powers``: root
ignores permissions) or a real full disk (``small_disk``, where the tests run as root), and checks that nothing
was written.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from medjournal.domain.os_reason import REASONS, os_reason
from medjournal.i18n import use_language
from medjournal.storage import cipher, open_journal
from tests.diskfull import fill, small_disk
from tests.root_powers import without_root_powers
from tests.test_cli import snapshot
from tests.test_cli_german import run
from tests.test_cli_german_messages import ERROR, GERMAN, refusal
from tests.test_encryption import PASSPHRASE, pipe_with

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
ENGLISH_REASONS = [os.strerror(number) for number in REASONS]


def _journal(path: Path) -> None:
    journal = open_journal(path)
    try:
        journal.add_checkin(pain=4, mood=6, day="2026-03-13", at="2026-03-15 08:00")  # typed in late
    finally:
        journal.close()


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "schreibgeschützt"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        yield folder
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("number", sorted(REASONS))
def test_each_common_reason_has_its_own_german_words(number: int) -> None:
    error = OSError(number, os.strerror(number))
    english = os_reason(error)
    with use_language("de"):
        german = os_reason(error)
    assert english != os.strerror(number) and german != english
    assert german == german.lower()[:1] + german[1:] and not german.endswith(".")
    assert not any(word in german for word in ("denied", "space", "file", "directory", "exists"))


def test_another_reason_keeps_the_operating_systems_text() -> None:
    with use_language("de"):
        assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
        assert os_reason(ValueError("kaputt")) == "kaputt"


@POSIX
def test_a_backup_into_a_read_only_folder_says_why_in_german(journal_path: Path, read_only: Path) -> None:
    _journal(journal_path)
    before = snapshot(journal_path)
    target = read_only / "sicherung.db"
    with without_root_powers():
        line = refusal(run(journal_path, "backup", "-o", str(target), lang=GERMAN))
    assert line == ERROR + (
        f"{target} kann nicht geschrieben werden (der Ordner ist schreibgeschützt); nichts wurde geschrieben. Die "
        "Sicherung wurde nicht angelegt; das Tagebuch ist unverändert."
    )
    assert read_only.stat().st_mode & 0o777 == 0o500  # the folder was not opened up to write into it
    assert snapshot(journal_path) == before
    assert list(read_only.iterdir()) == []


@POSIX
def test_an_unreadable_export_says_why_in_german(journal_path: Path, tmp_path: Path) -> None:
    _journal(journal_path)
    before = snapshot(journal_path)
    export = tmp_path / "export.json"
    export.write_text("{}", encoding="utf-8")
    export.chmod(0o000)
    try:
        with without_root_powers():
            line = refusal(run(journal_path, "import", str(export), lang=GERMAN))
    finally:
        export.chmod(0o600)
    assert line == ERROR + f"Die Datei {export} kann nicht gelesen werden (keine Berechtigung)."
    assert snapshot(journal_path) == before


def test_a_path_through_a_file_says_why_in_german(journal_path: Path, tmp_path: Path) -> None:
    _journal(journal_path)
    before = snapshot(journal_path)
    blocker = tmp_path / "notizen.txt"
    blocker.write_text("kein Ordner", encoding="utf-8")
    wrong = blocker / "export.json"
    line = refusal(run(journal_path, "import", str(wrong), lang=GERMAN))
    assert (
        line == ERROR + f"Die Datei {wrong} kann nicht gelesen werden (ein Teil des Pfads ist kein Ordner)."
    )
    assert snapshot(journal_path) == before


def test_a_recovery_key_on_a_full_disk_says_why_in_german(journal_path: Path, tmp_path: Path) -> None:
    """The journal is converted, the key cannot be written: the German sentence says the disk is full, and the
    key is printed instead (it is never lost)."""
    _journal(journal_path)
    with small_disk(tmp_path / "disk", "256k") as disk:
        fill(disk)
        key_file = disk / "schlüssel.txt"
        try:
            result = run(
                journal_path, "encrypt", "--new-passphrase-fd", str(pipe_with(PASSPHRASE, PASSPHRASE)),
                "--recovery-key-file", str(key_file), "--old-backups", "keep", lang=GERMAN,
            )  # fmt: skip
        finally:
            cipher.forget_all()
        assert not key_file.exists()
    assert result.exit_code == 0, result.output
    assert (
        f"Der Wiederherstellungsschlüssel kann nicht in {key_file} geschrieben werden (der Datenträger ist voll); "
        "wählen Sie eine andere Datei."
    ) in " ".join(result.output.split())
    assert not any(reason in result.output for reason in ENGLISH_REASONS)
    assert any(line.startswith("mjkey-") for line in result.output.splitlines())
