"""The Journal API as the only door: several writes in one transaction (``batch``), emptying a journal
(``clear``), a closed state, and SQLite's own errors turned into the project's."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date, timedelta
from pathlib import Path

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import (
    JournalClosedError,
    JournalFileError,
    MedjournalError,
    ValidationError,
)
from medjournal.storage import Journal, open_journal
from tests.conftest import NOW, Cli


def _pains(journal: Journal) -> list[int | None]:
    return [entry.pain for entry in journal.checkins()]


def test_a_batch_is_committed_at_its_end_and_not_before(journal: Journal, journal_path: Path) -> None:
    other = open_journal(journal_path, FixedClock(NOW))
    try:
        with journal.batch():
            journal.add_checkin(pain=6)
            journal.add_side_effect("nausea", 2)
            assert _pains(journal) == [6]  # the writer sees its own writes
            assert other.checkins() == [] and other.side_effects() == []  # nobody else does yet
        assert _pains(other) == [6] and [e.symptom for e in other.side_effects()] == ["nausea"]
    finally:
        other.close()


def test_a_failure_in_a_batch_undoes_every_write_of_it(journal: Journal) -> None:
    journal.add_checkin(pain=3, day=NOW.date() - timedelta(days=1))
    with pytest.raises(ValidationError, match="pain"), journal.batch():
        journal.add_checkin(pain=6)
        journal.add_side_effect("nausea", 2)
        journal.add_checkin(pain=11)
    assert _pains(journal) == [3] and journal.side_effects() == []


def test_any_exception_in_a_batch_undoes_it_and_is_raised_again(journal: Journal) -> None:
    with pytest.raises(KeyError), journal.batch():
        journal.add_checkin(pain=6)
        raise KeyError("a bug in the caller")
    assert journal.checkins() == []
    journal.add_checkin(pain=5)  # the journal is usable afterwards
    assert _pains(journal) == [5]


def test_nested_batches_join_the_outer_one(journal: Journal) -> None:
    with pytest.raises(RuntimeError), journal.batch():
        with journal.batch():
            journal.add_checkin(pain=6)
        journal.add_side_effect("nausea", 2)
        raise RuntimeError("outer block fails after the inner one ended")
    assert journal.checkins() == [] and journal.side_effects() == []


def test_a_failure_caught_inside_a_batch_undoes_only_its_own_write(journal: Journal) -> None:
    with journal.batch():
        journal.add_checkin(pain=6)
        with pytest.raises(ValidationError):
            journal.add_side_effect("nausea", 9)
        with pytest.raises(RuntimeError), journal.batch():
            journal.add_side_effect("dizziness", 1)
            raise RuntimeError("inner block fails")
        journal.add_side_effect("dry mouth", 1)
    assert _pains(journal) == [6]
    assert [e.symptom for e in journal.side_effects()] == ["dry_mouth"]


def test_entries_typed_in_late_inside_a_batch_keep_their_days(journal: Journal) -> None:
    days = [NOW.date() - timedelta(days=n) for n in (9, 4, 0)]
    with journal.batch():
        for pain, day in zip((7, 6, 5), days, strict=True):
            journal.add_checkin(pain=pain, day=day)
    saved = journal.checkins()
    assert [(e.day, e.pain) for e in saved] == list(zip(days, (7, 6, 5), strict=True))
    assert all(str(e.recorded_at).startswith(NOW.date().isoformat()) for e in saved)


def test_an_automatic_backup_waits_for_the_end_of_the_batch(journal: Journal, journal_path: Path) -> None:
    assert journal.auto_backup is not None
    journal.auto_backup.batch_size = 2
    folder = journal.auto_backup.folder
    before = set(folder.glob("*.db")) if folder.exists() else set()
    with journal.batch():
        for pain in range(5):
            journal.add_checkin(pain=pain, day=date(2026, 3, 1) + timedelta(days=pain))
        assert (set(folder.glob("*.db")) if folder.exists() else set()) == before
    made = set(folder.glob("*.db")) - before
    assert len(made) == 1
    backup = open_journal(next(iter(made)), FixedClock(NOW), backup_dir=journal_path.parent / "elsewhere")
    try:
        assert _pains(backup) == [0, 1, 2, 3, 4]  # the backup holds the whole batch
    finally:
        backup.close()


def test_clear_empties_the_journal_but_keeps_the_file_usable(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, "mg", times="08:00", start="2026-03-01")
    journal.record_dose("Duloxetine", at="2026-03-14 08:05")
    journal.add_checkin(pain=6)
    journal.set_setting("country", "US")
    journal.clear()
    assert journal.is_empty() and journal.counts()["settings"] == 0
    journal.add_checkin(pain=4)
    assert _pains(journal) == [4]


def test_clear_in_a_failed_batch_keeps_everything(journal: Journal) -> None:
    journal.add_checkin(pain=6)
    with pytest.raises(RuntimeError), journal.batch():
        journal.clear()
        raise RuntimeError("the new content could not be written")
    assert _pains(journal) == [6]


def test_demo_force_keeps_the_old_journal_when_the_demo_fails(
    run_cli: Cli, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("checkin", "--pain", "6").exit_code == 0

    def failing_demo(journal: Journal, days: int, seed: int) -> None:
        journal.add_checkin(pain=1, day=NOW.date() - timedelta(days=3))
        raise MedjournalError("The demo could not be written.")

    monkeypatch.setattr("medjournal.demo.write_demo", failing_demo)
    result = run_cli("demo", "--force")
    assert result.exit_code == 1 and "The demo could not be written." in result.stderr
    reopened = open_journal(journal_path, FixedClock(NOW))
    try:
        assert _pains(reopened) == [6]
    finally:
        reopened.close()


def test_calls_after_close_raise_a_clear_error(journal_path: Path) -> None:
    journal = open_journal(journal_path, FixedClock(NOW))
    journal.add_checkin(pain=6)
    journal.close()
    journal.close()  # closing twice is harmless
    assert journal.closed
    for call in (journal.checkins, journal.is_empty, lambda: journal.add_checkin(pain=5), journal.batch):
        with pytest.raises(JournalClosedError, match="is closed"):
            result: object = call()
            if isinstance(result, AbstractContextManager):
                with result:
                    pass
    assert isinstance(JournalClosedError("x"), MedjournalError)


def test_a_write_sqlite_refuses_becomes_one_sentence(journal: Journal) -> None:
    journal.add_checkin(pain=6, day=NOW.date() - timedelta(days=1))
    journal.db.execute("PRAGMA query_only = ON")  # SQLite now refuses every write, as on a read-only file
    with pytest.raises(JournalFileError, match=r"read-only.*not saved"):
        journal.add_checkin(pain=5)
    with pytest.raises(JournalFileError, match="read-only"), journal.batch():
        journal.add_checkin(pain=4)
    journal.db.execute("PRAGMA query_only = OFF")
    assert _pains(journal) == [6]


def test_a_read_sqlite_cannot_do_becomes_one_sentence(journal: Journal) -> None:
    journal.db.execute("DROP TABLE treatments")  # damage that the checks on opening would have refused
    with pytest.raises(JournalFileError, match="cannot be used") as caught:
        journal.treatments()
    assert "not saved" not in caught.value.message


def test_the_command_line_turns_a_refusal_by_sqlite_into_one_line(
    run_cli: Cli, journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line names no ``sqlite3`` (docs/contributing.md §2); storage says what SQLite refused."""
    import sqlite3

    assert run_cli("checkin", "--pain", "6").exit_code == 0

    def locked(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr("medjournal.storage.backup.backup_to_file", locked)
    result = run_cli("backup", "-o", str(tmp_path / "copy.db"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: The journal {journal_path} is busy in another program; try again in a moment. "
        "Nothing further was written.\n"
    )
    assert not (tmp_path / "copy.db").exists()
