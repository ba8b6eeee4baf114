"""One rule for dates after today (docs/data-safety.md, "Dates after today"), the same for every way in: an entry is
dated at latest tomorrow, a dose is logged as taken or skipped only once its moment has come (up to
validation.DOSE_AHEAD_ALLOWANCE ahead of the clock), a dose step is planned at most a year ahead. Typed on the
command line, imported from a CSV file or from a JSON export (record by record or a column at a time), near
midnight and in time zones far from UTC; entries typed in after their day are accepted as before."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import ValidationError
from medjournal.storage import Journal, open_journal
from medjournal.storage.exchange import export_data
from tests.conftest import NOW, Cli
from tests.test_cli_person import run_in_zone

TODAY = NOW.date()


def one_error_line(output: str, *words: str) -> None:
    assert output.startswith("Error: ") and len(output.strip().splitlines()) == 1, output
    for word in words:
        assert word in output, output


def dose_rows(db: Path) -> list[tuple[str, str, str | None, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT taken_at, day, slot, status FROM dose_logs ORDER BY id").fetchall()


# -- 3. a dose is logged once it has happened ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "evening", "next_morning"),
    [
        ("Pacific/Kiritimati", "2026-03-15T23:50:00+14:00", "2026-03-16T08:20:00+14:00"),
        ("Pacific/Pago_Pago", "2026-03-15T23:50:00-11:00", "2026-03-16T08:20:00-11:00"),
    ],
)
def test_tomorrows_dose_is_refused_near_midnight_and_logged_when_its_morning_comes(
    tmp_path: Path, zone: str, evening: str, next_morning: str
) -> None:
    db = tmp_path / "j.db"
    added = run_in_zone(zone, evening, db, "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00",
                        "--start", "2026-03-01")  # fmt: skip
    assert added.returncode == 0, added.stderr
    for command in (
        ["take", "Duloxetine", "--at", "2026-03-16 08:00"],
        ["skip", "Duloxetine", "--at", "2026-03-16 08:00"],
    ):
        refused = run_in_zone(zone, evening, db, *command)
        assert refused.returncode == 1
        one_error_line(
            refused.stderr + refused.stdout, "2026-03-16 08:00 has not come yet", "2026-03-15 23:50"
        )
    assert dose_rows(db) == []
    # The morning comes: the real dose of the 16th is logged (it was not "already logged").
    taken = run_in_zone(zone, next_morning, db, "take", "Duloxetine", "--at", "08:00")
    assert taken.returncode == 0, taken.stdout + taken.stderr
    assert [(day, slot, status) for _at, day, slot, status in dose_rows(db)] == [
        ("2026-03-16", "08:00", "taken")
    ]


def test_a_dose_a_few_minutes_ahead_of_the_clock_is_taken_and_one_later_is_not(run_cli: Cli) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "09:30,21:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    later = run_cli("take", "Duloxetine", "--at", "09:46")  # the clock says 09:30
    assert later.exit_code == 1
    one_error_line(later.output, "09:46 has not come yet")
    assert run_cli("take", "Duloxetine", "--at", "09:45").exit_code == 0


def test_a_dose_typed_in_days_late_is_still_taken(run_cli: Cli, journal_path: Path) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "60", "--times", "08:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    assert run_cli("take", "Duloxetine", "--at", "3 days ago 08:10").exit_code == 0
    assert run_cli("skip", "Duloxetine", "--at", "2026-03-10 08:00").exit_code == 0
    assert [(day, status) for _at, day, _slot, status in dose_rows(journal_path)] == [
        ("2026-03-12", "taken"),
        ("2026-03-10", "skipped"),
    ]


def test_an_edit_cannot_move_a_dose_to_a_moment_that_has_not_come(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-03-01")
    logged = journal.record_dose("Duloxetine", at="2026-03-15 08:05")
    with pytest.raises(ValidationError, match="has not come yet"):
        journal.update_entry("dose_logs", logged.id, {"taken_at": "2026-03-15 11:00"})
    assert journal.dose_logs()[0].taken_at == logged.taken_at


def test_csv_import_refuses_a_dose_whose_moment_has_not_come(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    path = tmp_path / "doses.csv"
    path.write_text("date,time,medication\n2026-03-14,08:00,Duloxetine\n2026-03-15,20:00,Duloxetine\n")
    result = run_cli("import-csv", str(path))
    assert result.exit_code == 1
    assert "line 3: " in result.output and "2026-03-15 20:00 has not come yet" in result.output, result.output
    assert dose_rows(journal_path) == []  # all or nothing, as for any refused line


def test_a_medtimer_dose_marked_taken_ahead_of_the_clock_is_refused(
    run_cli: Cli, tmp_path: Path, journal_path: Path
) -> None:
    """MedTimer's event export, its phone's clock ahead: the dose of the 15th "taken" at 20:00 UTC while it is
    the tests' 09:30 is refused with its line, and nothing is written."""
    assert (
        run_cli(
            "med", "add", "Duloxetine", "--dose", "30", "--times", "08:00,20:00", "--start", "2026-03-01"
        ).exit_code
        == 0
    )
    path = tmp_path / "MedTimer_Events.csv"
    path.write_text(
        "Reminded;Name;Dosage;Taken;Tags;Interval;Notes;Reminded (ISO 8601);Taken (ISO 8601)\n"
        "14.03.26, 08:00;Duloxetine;30 mg;14.03.26, 08:10;;;;2026-03-14T08:00:00Z;2026-03-14T08:10:00Z\n"
        "15.03.26, 20:00;Duloxetine;30 mg;15.03.26, 20:00;;;;2026-03-15T20:00:00Z;2026-03-15T20:00:00Z\n",
        encoding="utf-8",
    )
    result = run_cli("import-csv", str(path), "--format", "medtimer", "--tz", "UTC")
    assert result.exit_code == 1
    assert "line 3: " in result.output and "has not come yet" in result.output, result.output
    assert dose_rows(journal_path) == []


# -- 2. an import holds every kind of entry to the same days ---------------------------------------------------


def full_journal(clock: FixedClock) -> Journal:
    """One entry of every dated kind, typed in on the 15th about days before (typed in late)."""
    journal = Journal.in_memory(clock)
    journal.add_medication("Duloxetine", 60, "mg", times="08:00", start="2026-03-01", stock_units=28)
    journal.record_dose("Duloxetine", at="2026-03-10 08:00")
    journal.add_checkin(pain=5, mood=4, day="2026-03-09", self_harm_thoughts=True)  # and a safety event
    journal.add_side_effect("nausea", 1, day="2026-03-09")
    journal.add_questionnaire("peg", [5, 5, 5], day="2026-03-09")
    journal.add_treatment("exercise", day="2026-03-09", minutes=30)
    journal.add_visit(day="2026-03-09")
    journal.add_refill("Duloxetine", 28, day="2026-03-09")
    journal.add_measure("weight", 70, day="2026-03-09")
    activity = journal.add_activity("Walking")
    journal.rate_activity(activity.id, 6, day="2026-03-09")
    return journal


DATED = [
    ("checkins", "day"),
    ("side_effects", "day"),
    ("questionnaires", "day"),
    ("treatments", "day"),
    ("visits", "day"),
    ("refills", "day"),
    ("measures", "day"),
    ("activity_ratings", "day"),
    ("safety_events", "day"),
]


def export_file(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data))
    return path


def test_the_full_journal_has_every_dated_table() -> None:
    data = export_data(full_journal(FixedClock(NOW)))
    assert all(data["tables"][table] for table, _field in DATED)


@pytest.mark.parametrize(("table", "field"), DATED)
@pytest.mark.parametrize("path", ["a column at a time", "record by record"])
def test_json_import_refuses_an_entry_dated_after_tomorrow(
    tmp_path: Path, table: str, field: str, path: str
) -> None:
    data = export_data(full_journal(FixedClock(NOW)))
    record = data["tables"][table][0]
    record[field] = "2099-01-01"
    if path == "record by record":  # a record of other fields than the first goes through the full check
        extra = {**record, "id": 999}
        extra.pop(
            next(key for key in ("note", "shown", "medication_id") if key in extra)
        )  # fields with a default
        data["tables"][table].append(extra)
        record[field] = "2026-03-09"
    target = tmp_path / "new.db"
    result = Cli(target, NOW)("import", str(export_file(tmp_path, data)))
    assert result.exit_code == 1, result.output
    position = len(data["tables"][table]) if path == "record by record" else 1
    one_error_line(result.output, f"Record {position} of {table}", "2099-01-01", "latest allowed: 2026-03-16")
    assert not target.exists() or open_journal(target).is_empty()


def test_json_import_refuses_a_dose_taken_at_a_moment_that_has_not_come(tmp_path: Path) -> None:
    data = export_data(full_journal(FixedClock(NOW)))
    data["tables"]["dose_logs"][0].update(taken_at="2026-03-16T08:00:00+00:00", day="2026-03-16")
    result = Cli(tmp_path / "new.db", NOW)("import", str(export_file(tmp_path, data)))
    assert result.exit_code == 1
    one_error_line(result.output, "Record 1 of dose_logs", "2026-03-16 08:00 has not come yet")


def test_a_planned_dose_step_imports_as_far_ahead_as_it_can_be_typed(tmp_path: Path) -> None:
    journal = full_journal(FixedClock(NOW))
    journal.change_dose("Duloxetine", 90, from_date=(TODAY + timedelta(days=366)).isoformat())  # as typed
    data = export_data(journal)
    assert Cli(tmp_path / "a.db", NOW)("import", str(export_file(tmp_path, data))).exit_code == 0
    data["tables"]["regimens"][-1]["start_date"] = (TODAY + timedelta(days=367)).isoformat()
    result = Cli(tmp_path / "b.db", NOW)("import", str(export_file(tmp_path, data)))
    assert result.exit_code == 1
    one_error_line(result.output, "Record 2 of regimens", "start date")


def test_an_export_made_a_time_zone_ahead_imports_back_at_the_same_moment(tmp_path: Path) -> None:
    """Made at 23:50 on the 15th in UTC+14, with a check-in and a bedtime dose of the 16th (tomorrow, there);
    imported the same minute in UTC-12, where it is still the 14th."""
    ahead = datetime.fromisoformat("2026-03-15T23:50:00+14:00")
    journal = full_journal(FixedClock(ahead))
    journal.add_checkin(pain=3, mood=6, day="2026-03-16")
    journal.record_dose("Duloxetine", at="2026-03-15T23:55:00+14:00", status="taken")
    data = export_data(journal)
    behind = FixedClock(ahead.astimezone(datetime.fromisoformat("2026-03-14T12:00:00-12:00").tzinfo))
    assert behind.now().date().isoformat() == "2026-03-14"
    result = Cli(tmp_path / "new.db", behind.now())("import", str(export_file(tmp_path, data)))
    assert result.exit_code == 0, result.output
    # A file claiming to be made in 2099 does not move "today" there.
    data["exported_at"] = "2099-01-01T08:00:00+00:00"
    data["tables"]["checkins"][-1]["day"] = "2098-12-31"
    refused = Cli(tmp_path / "other.db", NOW)("import", str(export_file(tmp_path, data)))
    assert refused.exit_code == 1
    one_error_line(refused.output, "2098-12-31", "in the future")
