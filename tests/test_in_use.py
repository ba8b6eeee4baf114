"""The lock that keeps a conversion from replacing a journal's file while anyone has it open
(storage/in_use.py; the race with real processes is tests/test_encryption_race.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import cipher, encryption, in_use, open_journal
from medjournal.storage.in_use import held_exclusively, hold_shared
from medjournal.storage.read_only import open_journal_read_only
from tests.conftest import NOW

pytestmark = pytest.mark.skipif(os.name != "posix", reason="flock")


def side_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".inuse" in p.name)


def test_an_open_journal_holds_off_a_conversion_which_then_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(NOW))
    journal.add_checkin(pain=4, note="typed while the conversion waited")
    before = path.read_bytes()
    monkeypatch.setattr(in_use, "CONVERT_WAIT_S", 0.0)  # the command would still be running after any wait
    try:
        with pytest.raises(JournalFileError) as refused:
            encryption.convert(path, "correct horse battery")
        assert refused.value.message == (
            f"The journal {path} is in use by another medjournal command; try again when it has finished. "
            "It was not converted."
        )
        assert path.read_bytes() == before and not cipher.looks_encrypted(path)
        journal.add_checkin(pain=5, note="still the same file")
    finally:
        journal.close()
    assert side_files(tmp_path) == []  # the last one out removes the lock files
    assert encryption.convert(path, "correct horse battery").encrypted
    reopened = open_journal(path, FixedClock(NOW))
    try:
        notes = [c.note for c in reopened.checkins()]
        assert notes == ["typed while the conversion waited", "still the same file"]
    finally:
        reopened.close()
        cipher.forget_all()


def test_a_running_conversion_holds_off_new_openings_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    open_journal(path, FixedClock(NOW)).close()
    with held_exclusively(path):
        with pytest.raises(JournalFileError) as refused:
            hold_shared(path, wait_s=0)
        assert refused.value.message == (
            f"The journal {path} is being converted (its passphrase set, changed or removed) by another "
            "medjournal; try again when it has finished. Nothing was changed."
        )
    assert side_files(tmp_path) == []
    hold = hold_shared(path, wait_s=0)  # free again once the conversion ended
    hold.release()


def test_read_only_and_full_openings_share_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.db"
    writer = open_journal(path, FixedClock(NOW))
    writer.add_checkin(pain=3)
    reader = open_journal_read_only(path, FixedClock(NOW))
    assert reader is not None
    try:
        assert [c.pain for c in reader.checkins()] == [3]
        assert side_files(tmp_path) == ["journal.db.inuse"]
        with pytest.raises(JournalFileError), held_exclusively(path, wait_s=0):
            pass
    finally:
        reader.close()
        writer.close()
    assert side_files(tmp_path) == []
