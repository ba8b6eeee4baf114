"""A refused command leaves no journal behind (docs/command-line.md, "A journal that is not there"): a writing
command on a path with no journal starts one, and when the command is refused (a bad file to import, a refused
record, a wrong passphrase, a full disk, an unknown medication, a value out of range) the folder is as it was:
no journal, no -wal, -shm or -journal file, no lock file, no folder made for it."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from medjournal.storage import envelope
from medjournal.storage.journal import open_journal
from tests.conftest import NOW
from tests.diskfull import fill, small_disk
from tests.test_cli_german import run
from tests.test_cli_missing_journal import tree
from tests.test_import_german import checkin, export
from tests.test_import_shapes import dose

PASSPHRASE = "correct horse battery staple"


def refused(folder: Path, journal: Path, *args: str) -> str:
    """The one ``Error:`` line of the command ``args`` on ``journal``; the folder's files are as they were."""
    before = tree(folder)
    result = run(journal, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert tree(folder) == before
    return result.stderr


def written(folder: Path, name: str, data: Any) -> str:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_refused_import_into_a_new_path_leaves_no_journal(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    files = tmp_path / "files"
    files.mkdir()
    bad_json = written(files, "bad.json", "{bad")
    late_doses = [dose(1), dose(2, status="bogus")]  # taken on days before the export's moment
    bad_record = written(files, "record.json", export(dose_logs=late_doses))
    ahead = written(files, "ahead.json", export(checkins=[checkin(1), checkin(17)]))  # 03-17: after tomorrow
    assert "not valid JSON" in refused(tmp_path, new, "import", bad_json)
    assert "Record 2 of dose_logs" in refused(tmp_path, new, "import", bad_record)
    assert "Record 2 of checkins" in refused(tmp_path, new, "import", ahead)
    assert not new.exists()


def test_an_import_with_a_wrong_passphrase_leaves_no_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(envelope, "SCRYPT_N", 2**10)  # scrypt made cheap for the test
    sealed = envelope.seal(json.dumps(export(checkins=[checkin(1)])).encode("utf-8"), PASSPHRASE)
    files = tmp_path / "files"
    files.mkdir()
    path = written(files, "sealed.json", sealed.decode() if isinstance(sealed, bytes) else sealed)
    wrong = written(files, "wrong.txt", "a wrong passphrase, long enough\n")
    new = tmp_path / "new.db"
    assert "passphrase" in refused(tmp_path, new, "import", path, "--export-passphrase-file", wrong)
    right = written(files, "right.txt", PASSPHRASE + "\n")
    result = run(new, "import", path, "--export-passphrase-file", right)
    assert result.exit_code == 0, result.output
    assert new.is_file()


def test_an_import_into_a_journal_with_entries_is_refused_and_the_journal_kept(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    assert run(journal, "checkin", "--pain", "4", "--date", "2026-03-13").exit_code == 0  # two days late
    assert run(journal, "checkin", "--pain", "5").exit_code == 0  # and the day's backup is taken
    before = journal.read_bytes()
    files = tmp_path / "files"
    files.mkdir()
    path = written(files, "export.json", export(checkins=[checkin(1)]))
    assert "already has entries" in refused(tmp_path, journal, "import", path)
    assert journal.read_bytes() == before


def test_an_import_that_fills_the_disk_leaves_no_journal(tmp_path: Path) -> None:
    """The new journal is made, the records do not fit: the import is rolled back and the journal taken away."""
    today = NOW.date()
    rows = [
        checkin(1, id=n, day=str(day), time=f"{day}T21:00:00+00:00", note="x" * 300, recorded_at=f"{today}")
        for n, day in ((n, today - timedelta(days=n)) for n in range(1, 3001))
    ]
    path = written(tmp_path, "big.json", export(checkins=rows))
    with small_disk(tmp_path / "disk", "1m") as disk:
        fill(disk, leave=300 * 1024)
        stderr = refused(disk, disk / "new.db", "import", path)
        assert "is full" in stderr, stderr
        assert tree(disk) == ["filler"]


@pytest.mark.parametrize(
    "args",
    [
        ("take", "Duloxetine", "--at", "2026-03-14 08:00"),  # a dose typed in the day after
        ("skip", "Duloxetine"),
        ("checkin", "--pain", "11", "--date", "2026-03-13"),
        ("checkin", "--pain", "4", "--date", "2026-03-17"),  # after tomorrow
        ("side-effect", "Nausea", "--severity", "9"),
        ("activity", "rate", "Walking", "3"),
        ("setting", "language", "xx"),
        ("import-csv", "missing.csv"),
    ],
    ids=" ".join,
)
def test_a_refused_writing_command_leaves_no_journal(tmp_path: Path, args: tuple[str, ...]) -> None:
    new = tmp_path / "new.db"
    refused(tmp_path, new, *args)
    assert tree(tmp_path) == []


def test_a_refused_first_command_in_the_usual_place_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "first" / "run"
    monkeypatch.setenv("MEDJOURNAL_HOME", str(home))
    result = run(None, "take", "Duloxetine")
    assert result.exit_code == 1
    assert tree(tmp_path) == []
    result = run(None, "checkin", "--pain", "4", "--date", "2026-03-14")
    assert result.exit_code == 0, result.output
    assert (home / "journal.db").is_file()


def test_a_journal_written_to_before_the_refusal_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an empty new journal is taken away: a command that wrote and then failed keeps what it wrote."""
    from medjournal.cli import meds

    def description_failed(*_args: object) -> str:
        raise OSError(5, os.strerror(5))  # after the medication was written

    new = tmp_path / "new.db"
    monkeypatch.setattr(meds, "_describe", description_failed)
    result = run(new, "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00", "--start", "2026-03-01")
    assert result.exit_code == 1
    journal = open_journal(new)
    try:
        assert [m.name for m in journal.medications()] == ["Duloxetine"]
    finally:
        journal.close()


def test_a_new_journal_another_medjournal_is_opening_is_kept(tmp_path: Path) -> None:
    """Another medjournal starting on the same new path (it holds the journal's in-use lock, as every opening
    does) may write into the journal next: the refused command leaves it to that one."""
    from medjournal.storage.in_use import hold_shared

    new = tmp_path / "new.db"
    other = hold_shared(new)
    try:
        result = run(new, "take", "Duloxetine")
        assert result.exit_code == 1, result.output
        assert new.is_file()
    finally:
        other.release()
    journal = open_journal(new)
    try:
        journal.add_checkin(pain=4, day="2026-03-14")
        assert [c.pain for c in journal.checkins()] == [4]
    finally:
        journal.close()


def test_an_entry_another_command_wrote_after_the_refused_one_looked_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refused command found its new journal empty; another command then wrote a check-in into it and
    closed. The journal is looked at again under the lock before anything is removed, and kept."""
    import medjournal.cli as cli_module

    new = tmp_path / "new.db"
    looked = cli_module._holds_entries

    def empty_then_written(journal: Any) -> bool:
        found = looked(journal)
        other = open_journal(new)  # another command, a moment later
        try:
            other.add_checkin(pain=5, day="2026-03-14")
        finally:
            other.close()
        return found

    monkeypatch.setattr(cli_module, "_holds_entries", empty_then_written)
    result = run(new, "take", "Duloxetine")
    assert result.exit_code == 1, result.output
    journal = open_journal(new)
    try:
        assert [c.pain for c in journal.checkins()] == [5]
    finally:
        journal.close()
