"""A stock count is true at the moment it was given (docs/reminders.md, "Stock and refills"): a dose taken before
it, typed in late, is in the count already; a dose after it subtracts, a refill after it adds, each at its own
moment, when logged, edited, deleted or imported. Entries typed in after their day throughout, as people type
them."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal, schema
from medjournal.storage.exchange import export_data
from tests.conftest import Cli


def local(text: str) -> str:
    """``text`` (a moment without offset) on this computer's clock, as MEDJOURNAL_NOW takes it: the times typed
    below (``--at 08:00``) are read in the same zone."""
    return datetime.fromisoformat(text).astimezone().isoformat()


MORNING = local("2026-12-07T10:00:00")


def cli(db: Path, now: str = MORNING) -> Cli:
    return Cli(db, datetime.fromisoformat(now))


def on_hand(db: Path, now: str = MORNING) -> float:
    result = cli(db, now)("stock", "--json")
    assert result.exit_code == 0, result.output
    return float(json.loads(result.output)["stock"][0]["units_on_hand"])


def add_duloxetine(db: Path, now: str = MORNING, stock: str = "28") -> None:
    added = cli(db, now)(
        "med", "add", "Duloxetine", "--dose", "60", "--unit", "mg", "--times", "08:00", "--start", "10 days ago",
        "--stock", stock, "--unit-size", "60",
    )  # fmt: skip
    assert added.exit_code == 0, added.output


def test_doses_typed_in_late_before_the_count_leave_it_and_later_ones_subtract(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db)  # 28 capsules counted at 10:00 on the 7th
    run = cli(db)
    for moment in ("yesterday 08:05", "7 days ago 08:00", "2 days ago 08:00", "08:00"):
        assert run("take", "Duloxetine", "--at", moment).exit_code == 0
    assert on_hand(db) == 28  # all four were taken before the count: the box held 28 after them
    assert cli(db, local("2026-12-08T08:10:00"))("take", "Duloxetine").exit_code == 0
    assert on_hand(db, local("2026-12-08T08:10:00")) == 27
    # The other readers of the stock say the same: the medication's own record and the warning's line.
    listed = cli(db, local("2026-12-08T08:10:00"))("med", "list", "--json")
    assert '"stock_units": 27' in listed.output.replace(".0", "")


def test_a_dose_in_the_minute_of_the_count_is_after_it_and_one_the_minute_before_is_not(
    tmp_path: Path,
) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db, local("2026-12-07T08:00:40"))
    assert cli(db, local("2026-12-07T08:00:50"))("take", "Duloxetine").exit_code == 0  # logged as 08:00
    assert on_hand(db) == 27
    db2 = tmp_path / "j2.db"
    add_duloxetine(db2, local("2026-12-07T08:00:40"))
    assert cli(db2, local("2026-12-07T08:03:00"))("take", "Duloxetine", "--at", "07:59").exit_code == 0
    assert on_hand(db2) == 28


def test_a_count_given_in_the_evening_holds_the_mornings_dose_typed_after_it(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db, local("2026-12-07T20:00:00"))
    assert cli(db, local("2026-12-07T20:05:00"))("take", "Duloxetine", "--at", "08:00").exit_code == 0
    assert on_hand(db, local("2026-12-07T20:05:00")) == 28


def test_editing_or_deleting_a_dose_moves_the_stock_only_for_doses_after_the_count(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db)
    run = cli(db)
    assert run("take", "Duloxetine", "--at", "yesterday 08:00").exit_code == 0  # before the count
    journal = open_journal(db, FixedClock(datetime.fromisoformat(local("2026-12-08T09:00:00"))))
    try:
        journal.record_dose("Duloxetine", at="2026-12-08 08:30")  # after the count
        assert journal.medication("Duloxetine").stock_units == 27
        early, late = journal.dose_logs()
        journal.delete_entry("dose_logs", early.id)  # in the count: deleting it gives nothing back
        assert journal.medication("Duloxetine").stock_units == 27
        gone = journal.delete_entry("dose_logs", late.id)  # after it: its capsule comes back
        assert journal.medication("Duloxetine").stock_units == 28
        journal.restore_entry(gone)  # undo
        assert journal.medication("Duloxetine").stock_units == 27
        # Moved to before the count (it was the morning's dose, typed at the wrong day): no longer subtracted.
        journal.update_entry("dose_logs", late.id, {"taken_at": "2026-12-07 08:30"})
        assert journal.medication("Duloxetine").stock_units == 28
    finally:
        journal.close()


def test_refills_typed_in_late_add_only_after_the_count(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db)  # counted at 10:00 on the 7th
    before = cli(db, local("2026-12-09T12:00:00"))(
        "refill", "Duloxetine", "--units", "28", "--date", "2026-12-06"
    )
    assert before.exit_code == 0, before.output
    assert "The stock was counted after this refill (2026-12-07 10:00)" in before.output
    assert on_hand(db, local("2026-12-09T12:00:00")) == 28
    # Typed in on the 9th about the 7th, the count's day: taken to be in the box that was counted.
    assert (
        cli(db, local("2026-12-09T12:00:00"))(
            "refill", "Duloxetine", "--units", "28", "--date", "2026-12-07"
        ).exit_code
        == 0
    )
    assert on_hand(db, local("2026-12-09T12:00:00")) == 28
    after = cli(db, local("2026-12-09T12:00:00"))(
        "refill", "Duloxetine", "--units", "28", "--date", "2026-12-08"
    )
    assert "counted after" not in after.output
    assert on_hand(db, local("2026-12-09T12:00:00")) == 56
    same_day = cli(db, local("2026-12-09T12:05:00"))("refill", "Duloxetine", "--units", "2")  # on its own day
    assert same_day.exit_code == 0 and on_hand(db, local("2026-12-09T12:05:00")) == 58


def test_a_new_count_starts_again_from_its_own_moment(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db)
    journal = open_journal(db, FixedClock(datetime.fromisoformat(local("2026-12-09T21:00:00"))))
    try:
        journal.update_medication("Duloxetine", stock_units="20")  # counted again in the evening of the 9th
        journal.record_dose("Duloxetine", at="2026-12-09 08:00")  # typed in after the new count
        assert journal.medication("Duloxetine").stock_units == 20
        journal.update_medication("Duloxetine", notes="with food", stock_units="20")  # the same count: kept
        journal.record_dose("Duloxetine", at="2026-12-08 08:00")
        assert journal.medication("Duloxetine").stock_units == 20
        # A count said to be made earlier than it is typed in holds from then: the dose of 08:00 on the 9th,
        # already in the journal, and the next morning's, typed in later, each take one.
        journal.update_medication("Duloxetine", stock_units="15", stock_counted_at="2026-12-09 07:00")
        assert journal.medication("Duloxetine").stock_units == 14
        journal.clock.set(datetime.fromisoformat(local("2026-12-10T09:00:00")))  # type: ignore[attr-defined]
        journal.record_dose("Duloxetine", at="2026-12-10 08:00")
        assert journal.medication("Duloxetine").stock_units == 13
    finally:
        journal.close()


def test_csv_doses_before_the_count_are_in_it(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db)
    path = tmp_path / "doses.csv"
    path.write_text("date,time,medication\n2026-12-05,08:00,Duloxetine\n2026-12-06,08:00,Duloxetine\n")
    assert cli(db, local("2026-12-08T09:00:00"))("import-csv", str(path)).exit_code == 0
    assert on_hand(db) == 28
    path.write_text("date,time,medication\n2026-12-08,08:00,Duloxetine\n")
    assert cli(db, local("2026-12-08T09:00:00"))("import-csv", str(path)).exit_code == 0
    assert on_hand(db) == 27


def test_the_count_and_its_moment_go_through_an_export(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    add_duloxetine(db)
    exported = tmp_path / "e.json"
    assert cli(db)("export", "-o", str(exported)).exit_code == 0
    medication = json.loads(exported.read_text())["tables"]["medications"][0]
    assert medication["stock_counted_at"] == MORNING
    target = tmp_path / "new.db"
    assert cli(target)("import", str(exported)).exit_code == 0
    assert (
        cli(target, local("2026-12-08T09:00:00"))("take", "Duloxetine", "--at", "2026-12-06 08:00").exit_code
        == 0
    )
    assert on_hand(target) == 28


def test_an_older_journal_or_export_takes_its_count_as_given_when_the_medication_was_added(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    old = Database(db)
    schema.migrations.apply(old, stop_before="0007_stock_counted_at")
    old.execute(
        "INSERT INTO medications (id, name, unit, recorded_at, stock_units, unit_size) "
        "VALUES (1, 'Duloxetine', 'mg', ?, 28, 60)",
        [MORNING],
    )
    old.execute(
        "INSERT INTO regimens (medication_id, start_date, dose, unit, times, recorded_at) "
        "VALUES (1, '2026-11-27', 60, 'mg', '[\"08:00\"]', ?)",
        [MORNING],
    )
    old.conn.commit()
    old.close()
    data = export_data(open_journal(db, FixedClock(datetime.fromisoformat(MORNING))))  # migrated on opening
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT stock_counted_at FROM medications").fetchone() == (MORNING,)
    assert (
        cli(db, local("2026-12-08T09:00:00"))("take", "Duloxetine", "--at", "2026-12-06 08:00").exit_code == 0
    )
    assert on_hand(db) == 28
    # An export written before the moment was kept: the same, on import.
    data["schema_version"] = 6
    del data["tables"]["medications"][0]["stock_counted_at"]
    exported = tmp_path / "old.json"
    exported.write_text(json.dumps(data))
    target = tmp_path / "new.db"
    assert cli(target)("import", str(exported)).exit_code == 0
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT stock_counted_at FROM medications").fetchone() == (MORNING,)


def test_a_moment_given_again_without_its_count_takes_nothing_twice(tmp_path: Path) -> None:
    """The count on hand already holds the doses since its moment: giving the moment again, alone, used to take
    them again (15 → 12 → 9 with three doses). A moment alone moves the count as it was given."""
    db = tmp_path / "j.db"
    add_duloxetine(db)
    journal = open_journal(db, FixedClock(datetime.fromisoformat(local("2026-12-09T21:00:00"))))
    try:
        for day in ("2026-12-09", "2026-12-08"):
            journal.record_dose("Duloxetine", at=f"{day} 08:00")
        journal.update_medication("Duloxetine", stock_units="15", stock_counted_at="2026-12-08 07:00")
        assert journal.medication("Duloxetine").stock_units == 13
        for _ in range(2):  # the same moment again, alone: nothing changes
            journal.update_medication("Duloxetine", stock_counted_at="2026-12-08 07:00")
            assert journal.medication("Duloxetine").stock_units == 13
        journal.update_medication(
            "Duloxetine", stock_counted_at="2026-12-09 07:00"
        )  # later: one dose after it
        assert journal.medication("Duloxetine").stock_units == 14
        journal.update_medication("Duloxetine", stock_counted_at="2026-12-08 07:00")  # and back
        assert journal.medication("Duloxetine").stock_units == 13
    finally:
        journal.close()
