"""Stock arithmetic and run-out estimates, including half tablets, fractions and negative stock."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from medjournal.domain.clock import FixedClock
from medjournal.domain.stock import StockStatus, format_units, stock_status, units_for_dose
from medjournal.storage import Journal


def counted_at_start(journal: Journal, name: str) -> None:
    """The stock was counted on the medication's first day, before the doses these tests log: each counts."""
    journal.update_medication(name, stock_counted_at="2026-03-01 00:00")


def status_of(journal: Journal, name: str) -> StockStatus:
    medication = journal.medication(name)
    today = journal.today()
    logs = journal.dose_logs(today - timedelta(days=30), today, medication.id)
    status = stock_status(medication, journal.regimens(medication.id), logs, journal.now())
    assert status is not None
    return status


def test_units_for_dose() -> None:
    assert units_for_dose(60, 30) == 2
    assert units_for_dose(15, 30) == 0.5
    assert units_for_dose(60, None) == 1
    assert format_units(2.0) == "2"
    assert format_units(0.5) == "0.5"
    assert format_units(-1.5) == "-1.5"
    assert format_units(-0.000001) == "0"


def test_two_capsules_twice_a_day_runs_out_from_the_schedule(journal: Journal) -> None:
    # Clock: 2026-03-15 09:30. 60 mg from 30 mg capsules at 08:00 and 20:00 = 4 capsules a day.
    journal.add_medication(
        "Duloxetine",
        60,
        times="08:00,20:00",
        start="2026-03-01",
        form="capsules",
        stock_units=10,
        unit_size=30,
    )
    counted_at_start(journal, "Duloxetine")
    journal.record_dose("Duloxetine", at="2026-03-15 08:05")
    assert journal.medication("Duloxetine").stock_units == 8
    status = status_of(journal, "Duloxetine")
    # today's 20:00 uses 2 (6 left), the 16th uses 4 (2 left), the 17th needs 4: runs out then.
    assert status.per_day == 4
    assert (status.days_left, status.runs_out_on) == (2, date(2026, 3, 17))
    assert status.refill_due  # default warning: 7 days
    assert status.describe() == (
        "Duloxetine: 8 capsules on hand, runs out in 2 days (2026-03-17). Time to arrange a refill."
    )
    # The run-out day in the reader's form: the window in German writes it as Germans do, the command line keeps
    # ISO in every language (i18n.numeric_date, docs/translating.md "Dates inside sentences").
    from medjournal.i18n import use_language

    with use_language("de"):
        assert "(17.03.2026)" in status.describe()
    with use_language("de", iso_days=True):
        assert "(2026-03-17)" in status.describe()


def test_half_tablets_subtract_half_a_unit_and_last_twice_as_long(journal: Journal) -> None:
    journal.add_medication(
        "Amitriptyline",
        5,
        times="22:00",
        start="2026-03-01",
        form="tablets",
        stock_units=3,
        unit_size=10,
        refill_warning_days=2,
    )
    counted_at_start(journal, "Amitriptyline")
    for day in (12, 13, 14):
        journal.record_dose("Amitriptyline", at=f"2026-03-{day} 22:00")
    assert journal.medication("Amitriptyline").stock_units == 1.5
    status = status_of(journal, "Amitriptyline")
    # 1.5 tablets = tonight + 2 more nights (0.5 each); the 18th has none left.
    assert status.per_day == 0.5
    assert (status.days_left, status.runs_out_on) == (3, date(2026, 3, 18))
    assert not status.refill_due
    assert "1.5 tablets on hand, runs out in 3 days (2026-03-18)." in status.describe()


def test_fractions_do_not_drift(journal: Journal) -> None:
    # 10 mg from 25 mg tablets is 0.4 of a tablet; ten of them use exactly 4.
    journal.add_medication("Sertraline", 10, times="08:00", start="2026-03-01", stock_units=4, unit_size=25)
    counted_at_start(journal, "Sertraline")
    for day in range(1, 11):
        journal.record_dose("Sertraline", at=f"2026-03-{day:02d} 08:00")
    assert journal.medication("Sertraline").stock_units == 0
    status = status_of(journal, "Sertraline")
    assert not status.negative
    assert status.days_left == 0
    assert "not enough for today's doses" in status.describe()


def test_stock_goes_negative_with_a_clear_warning_and_keeps_counting(journal: Journal) -> None:
    journal.add_medication(
        "Duloxetine", 60, times="08:00", start="2026-03-01", form="capsules", stock_units=1, unit_size=30
    )
    counted_at_start(journal, "Duloxetine")
    journal.record_dose("Duloxetine", at="2026-03-14 08:00")
    assert journal.medication("Duloxetine").stock_units == -1
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")
    assert journal.medication("Duloxetine").stock_units == -3  # never silently stuck at 0
    status = status_of(journal, "Duloxetine")
    assert status.negative and status.refill_due
    assert status.describe() == (
        "Duloxetine: -3 capsules on hand. That is below zero: more doses were "
        "logged than capsules were entered. Log a refill or correct the count."
    )
    journal.add_refill("Duloxetine", 28)
    assert journal.medication("Duloxetine").stock_units == 25
    assert not status_of(journal, "Duloxetine").negative


def test_refill_warning_days_threshold(journal: Journal, clock: FixedClock) -> None:
    journal.add_medication(
        "Duloxetine",
        30,
        times="08:00",
        start="2026-03-01",
        stock_units=5,
        unit_size=30,
        refill_warning_days=4,
    )
    counted_at_start(journal, "Duloxetine")
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")  # 4 left: 16th..19th, runs out on the 20th
    status = status_of(journal, "Duloxetine")
    assert status.days_left == 5 and not status.refill_due
    clock.set(clock.now() + timedelta(days=1))
    journal.record_dose("Duloxetine", at="2026-03-16 08:00")
    status = status_of(journal, "Duloxetine")
    assert status.days_left == 4 and status.refill_due


def test_a_planned_dose_change_shortens_the_estimate(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01", stock_units=10, unit_size=30)
    counted_at_start(journal, "Duloxetine")
    journal.change_dose("Duloxetine", 60, "2026-03-17")
    # 15th: 1 (9 left), 16th: 1 (8), then 2 a day: 17th..20th use 8, the 21st runs out.
    status = status_of(journal, "Duloxetine")
    assert (status.days_left, status.runs_out_on) == (6, date(2026, 3, 21))


def test_as_needed_estimate_uses_recent_use(journal: Journal) -> None:
    journal.add_medication(
        "Ibuprofen",
        400,
        as_needed=True,
        max_daily=3,
        start="2026-02-01",
        form="tablets",
        stock_units=20,
        unit_size=200,
    )
    counted_at_start(journal, "Ibuprofen")
    for day in range(1, 15):  # 2 tablets a day on 14 of the last 28 days = 1 a day on average
        journal.record_dose("Ibuprofen", at=f"2026-03-{day:02d} 12:00")
    status = status_of(journal, "Ibuprofen")
    assert status.on_hand == -8
    journal.add_refill("Ibuprofen", 38)  # 30 on hand
    status = status_of(journal, "Ibuprofen")
    assert status.estimated_from == "recent use" and status.per_day == 1
    assert status.days_left == 30
    assert "at your recent use" in status.describe()


def test_forms_are_counted_in_the_plural(journal: Journal, run_cli) -> None:
    journal.add_medication(
        "Ibuprofen", 400, as_needed=True, start="2026-03-01", form="tablet", stock_units=1, unit_size=200
    )
    counted_at_start(journal, "Ibuprofen")
    assert status_of(journal, "Ibuprofen").describe().startswith("Ibuprofen: 1 tablet on hand")
    journal.record_dose("Ibuprofen", at="2026-03-15 08:00")
    assert status_of(journal, "Ibuprofen").describe() == (
        "Ibuprofen: -1 tablets on hand. That is below zero: more doses were logged than tablets were entered. "
        "Log a refill or correct the count."
    )
    result = run_cli("refill", "Ibuprofen", "--units", "1")
    assert "Added 1 tablet of Ibuprofen on 2026-03-15." in result.output


def test_untracked_stock_has_no_status(journal: Journal) -> None:
    medication = journal.add_medication("Duloxetine", 30, times="08:00")
    assert stock_status(medication, journal.regimens(medication.id), [], journal.now()) is None


def test_deleting_a_taken_dose_gives_the_units_back(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 15, times="08:00", start="2026-03-01", stock_units=2, unit_size=30)
    counted_at_start(journal, "Duloxetine")
    taken = journal.record_dose("Duloxetine", at="2026-03-15 08:00")
    assert journal.medication("Duloxetine").stock_units == 1.5
    removed = journal.delete_entry("dose_logs", taken.id)
    assert journal.medication("Duloxetine").stock_units == 2
    journal.restore_entry(removed)
    assert journal.medication("Duloxetine").stock_units == 1.5
    journal.update_entry("dose_logs", taken.id, {"status": "skipped"})
    assert journal.medication("Duloxetine").stock_units == 2


@pytest.mark.parametrize("units", ["0", "-3", "lots"])
def test_refill_command_refuses_bad_units_and_writes_nothing(run_cli, journal: Journal, units: str) -> None:
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-03-01", stock_units=5, unit_size=30)
    counted_at_start(journal, "Duloxetine")
    result = run_cli("refill", "Duloxetine", "--units", units)
    assert result.exit_code != 0
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert journal.refills() == []
    assert journal.medication("Duloxetine").stock_units == 5


def test_refill_and_stock_commands(run_cli, journal: Journal) -> None:
    journal.add_medication(
        "Duloxetine", 60, times="08:00", start="2026-03-01", form="capsules", stock_units=1, unit_size=30
    )
    counted_at_start(journal, "Duloxetine")
    journal.record_dose("Duloxetine", at="2026-03-15 08:00")
    result = run_cli("stock")
    assert result.exit_code == 0, result.output
    assert "below zero" in result.output
    result = run_cli("refill", "duloxetine", "--units", "28", "--note", "pharmacy")
    assert result.exit_code == 0, result.output
    assert "Added 28 capsules of Duloxetine on 2026-03-15." in result.output
    # 27 capsules, 2 a day from tomorrow: the 16th..28th use 26, the 29th runs out.
    assert "27 capsules on hand, runs out in 14 days (2026-03-29)." in result.output
    data = json.loads(run_cli("stock", "--json").output)
    [entry] = data["stock"]
    assert entry["units_on_hand"] == 27 and entry["runs_out_in_days"] == 14
    assert entry["runs_out_on"] == "2026-03-29" and entry["negative"] is False


def test_the_hint_with_no_stock_tracked_works_for_a_medication_already_in_the_journal(run_cli: Any) -> None:
    """The hint named `med add`, which refuses a medication already in the journal; `refill` starts the count."""
    assert run_cli("med", "add", "Duloxetine", "--dose", "60", "--times", "08:00").exit_code == 0
    hint = run_cli("stock").output
    assert "medjournal refill NAME --units N" in hint, hint
    assert run_cli("refill", "Duloxetine", "--units", "28").exit_code == 0
    assert run_cli("stock").output.startswith("Duloxetine: 28 units on hand")
