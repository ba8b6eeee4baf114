"""Which scheduled slot a taken or skipped dose fills (domain/schedule.py through Journal.record_dose).

Each test builds a small journal through the Journal API (the clock is 2026-03-15 09:30 local) and checks what a
person would see: the slot and day a dose is logged under, the day's slot statuses, adherence and stock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medjournal.domain import entries
from medjournal.domain.adherence import adherence_for
from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import ValidationError
from medjournal.domain.records import DoseLog
from medjournal.storage import Journal, open_journal
from medjournal.storage.exchange import export_json, import_json
from medjournal.storage.import_fast import dose_log_ok
from tests.conftest import Cli

START = "2026-03-01"
LATER = datetime(2026, 3, 15, 9, 30).astimezone()  # the tests' clock (tests/conftest.py NOW)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


def statuses(journal: Journal, day: str, now: str = "2026-03-15 09:30") -> dict[str, str]:
    return {s.slot: s.status for s in journal.day_slots(date.fromisoformat(day), local(now))}


def added_on_its_start(journal: Journal, clock: FixedClock, name: str, dose: float, times: str) -> None:
    """The medication added on its first day, before its first slot: a journal kept since then, whose unlogged
    slots are missed (one typed in later has its earlier slots not recorded, never missed: domain/schedule.py)."""
    now = clock.now()
    clock.set(local(f"{START} 07:00"))
    journal.add_medication(name, dose, times=times, start=START)
    clock.set(now)


def dose_rows(journal: Journal) -> list[tuple[str, str | None, str, str]]:
    return [(log.day.isoformat(), log.slot, log.status, log.taken_at[:16]) for log in journal.dose_logs()]


# -- 1. a dose taken late on the same day --------------------------------------------------------------------


def test_a_dose_taken_hours_late_fills_the_missed_morning_slot(journal: Journal) -> None:
    medication = journal.add_medication("Dul", 60, times="08:00", start=START)
    logged = journal.record_dose("Dul", "taken", at="2026-03-10 15:00")
    assert (logged.day, logged.slot, logged.amount) == (date(2026, 3, 10), "08:00", 60)
    assert statuses(journal, "2026-03-10") == {"08:00": "late"}
    adherence = adherence_for(
        journal.regimens(medication.id),
        journal.dose_logs(),
        date(2026, 3, 10),
        date(2026, 3, 10),
        local("2026-03-15 09:30"),
    )
    assert (adherence.taken, adherence.not_recorded, adherence.extra_doses, adherence.percent) == (
        1,
        0,
        0,
        100,
    )


def test_a_late_dose_fills_the_latest_earlier_open_slot(journal: Journal, clock: FixedClock) -> None:
    added_on_its_start(journal, clock, "Ami", 10, "08:00,12:00,22:00")
    logged = journal.record_dose("Ami", "taken", at="2026-03-10 17:00")
    assert logged.slot == "12:00"
    assert journal.record_dose("Ami", "taken", at="2026-03-10 17:05").slot == "08:00"
    assert statuses(journal, "2026-03-10") == {"08:00": "late", "12:00": "late", "22:00": "missed"}


def test_a_nearby_later_slot_still_wins_over_a_missed_earlier_one(journal: Journal) -> None:
    journal.add_medication("Ami", 10, times="08:00,12:00", start=START)
    assert journal.record_dose("Ami", "taken", at="2026-03-10 11:00").slot == "12:00"


def test_a_dose_is_extra_when_no_slot_of_the_day_is_open(journal: Journal, clock: FixedClock) -> None:
    added_on_its_start(journal, clock, "Dul", 60, "08:00,20:00")
    journal.record_dose("Dul", "taken", at="2026-03-10 08:05")
    # 20:00 is five hours away and not open yet: the 15:00 dose is an extra one, not an early evening dose.
    extra = journal.record_dose("Dul", "taken", at="2026-03-10 15:00")
    assert (extra.day, extra.slot) == (date(2026, 3, 10), None)
    assert statuses(journal, "2026-03-10") == {"08:00": "taken", "20:00": "missed"}


def test_a_skipped_slot_far_away_stays_skipped(journal: Journal) -> None:
    journal.add_medication("Dul", 60, times="08:00", start=START)
    journal.record_dose("Dul", "skipped", at="2026-03-10 08:00")
    assert journal.record_dose("Dul", "taken", at="2026-03-10 15:00").slot is None
    assert statuses(journal, "2026-03-10") == {"08:00": "skipped"}


def test_a_skip_hours_after_its_slot_must_name_the_slot(journal: Journal) -> None:
    journal.add_medication("Dul", 60, times="08:00", start=START)
    with pytest.raises(ValidationError, match="no scheduled dose of Dul near 2026-03-10 15:00 to skip"):
        journal.record_dose("Dul", "skipped", at="2026-03-10 15:00", note="felt sick")
    skipped = journal.record_dose("Dul", "skipped", at="2026-03-10 08:00", note="felt sick")
    assert (skipped.day, skipped.slot, skipped.status) == (date(2026, 3, 10), "08:00", "skipped")


# -- 2. a bedtime dose taken after midnight ------------------------------------------------------------------


def test_a_bedtime_dose_after_midnight_fills_the_previous_evening(journal: Journal) -> None:
    journal.add_medication("Ami", 10, times="22:00", start=START)
    logged = journal.record_dose("Ami", "taken", at="2026-03-11 00:30")
    assert (logged.day, logged.slot) == (date(2026, 3, 10), "22:00")
    assert logged.moment.replace(tzinfo=None) == datetime(2026, 3, 11, 0, 30)  # the true moment is kept
    assert statuses(journal, "2026-03-10", now="2026-03-11 00:40") == {"22:00": "late"}
    assert statuses(journal, "2026-03-11", now="2026-03-11 00:40") == {"22:00": "upcoming"}
    assert journal.dose_logs(date(2026, 3, 11), date(2026, 3, 11)) == []


def test_after_midnight_a_dose_on_time_is_taken_not_late(journal: Journal) -> None:
    journal.add_medication("Ami", 10, times="23:30", start=START)
    assert journal.record_dose("Ami", "taken", at="2026-03-11 00:15").day == date(2026, 3, 10)
    assert statuses(journal, "2026-03-10") == {"23:30": "taken"}


def test_after_midnight_a_logged_evening_or_a_long_delay_gives_an_extra_dose(
    journal: Journal, clock: FixedClock
) -> None:
    added_on_its_start(journal, clock, "Ami", 10, "22:00")
    journal.record_dose("Ami", "taken", at="2026-03-10 22:10")
    again = journal.record_dose("Ami", "taken", at="2026-03-11 00:30")
    assert (again.day, again.slot) == (date(2026, 3, 11), None)
    late = journal.record_dose("Ami", "taken", at="2026-03-12 02:30")  # 4 h 30 after the 11th's 22:00
    assert (late.day, late.slot) == (date(2026, 3, 12), None)
    assert statuses(journal, "2026-03-11") == {"22:00": "missed"}


def test_a_bedtime_skip_after_midnight_names_the_previous_evening(journal: Journal) -> None:
    journal.add_medication("Ami", 10, times="22:00", start=START)
    skipped = journal.record_dose("Ami", "skipped", at="2026-03-11 01:00")
    assert (skipped.day, skipped.slot) == (date(2026, 3, 10), "22:00")


def test_a_reminder_acted_on_after_midnight_logs_the_evening_slot(journal: Journal) -> None:
    journal.add_medication("Ami", 10, times="22:00", start=START)
    logged = journal.record_dose("Ami", "taken", at="2026-03-11 00:30", slot="22:00")
    assert (logged.day, logged.slot) == (date(2026, 3, 10), "22:00")
    explicit = journal.record_dose("Ami", "taken", at="2026-03-11 00:35", slot="22:00", day="2026-03-11")
    assert (explicit.day, explicit.slot) == (date(2026, 3, 11), "22:00")


def test_editing_an_after_midnight_dose_keeps_its_evening(journal: Journal) -> None:
    journal.add_medication("Ami", 10, times="22:00", start=START)
    logged = journal.record_dose("Ami", "taken", at="2026-03-11 00:30")
    edited = journal.update_entry("dose_logs", logged.id, {"note": "woke up late"})
    assert isinstance(edited, DoseLog)
    assert (edited.day, edited.slot, edited.note) == (date(2026, 3, 10), "22:00", "woke up late")


def test_the_import_checks_agree_on_the_day_of_an_after_midnight_dose() -> None:
    row: dict[str, Any] = {
        "taken_at": "2026-03-11T00:30:00+01:00",
        "day": "2026-03-10",
        "slot": "22:00",
        "status": "taken",
        "amount": 10.0,
        "note": "",
    }
    assert entries.dose_log(row, date(2026, 3, 15), LATER)["day"] == "2026-03-10"
    assert dose_log_ok(row)
    changes: list[dict[str, Any]] = [
        {"slot": None},
        {"slot": "19:00"},
        {"day": "2026-03-09"},
        {"taken_at": "2026-03-11T03:00:00+01:00"},
    ]
    for changed in changes:
        odd = {**row, **changed}
        assert entries.dose_log(odd, date(2026, 3, 15), LATER)["day"] == odd["taken_at"][:10]
        assert not dose_log_ok(odd)


# -- 3. skipped, then taken after all ------------------------------------------------------------------------


def test_taking_a_skipped_dose_turns_the_skip_into_taken(journal: Journal) -> None:
    journal.add_medication("Dul", 60, times="08:00", start=START, stock_units=30, unit_size=60)
    journal.update_medication("Dul", stock_counted_at=f"{START} 00:00")  # counted before the doses below
    skipped = journal.record_dose("Dul", "skipped", at="2026-03-10 08:00", note="nausea")
    assert journal.medication("Dul").stock_units == 30
    taken = journal.record_dose("Dul", "taken", at="2026-03-10 08:10")
    assert taken.id == skipped.id
    assert (taken.status, taken.slot, taken.amount, taken.taken_at[:16]) == (
        "taken",
        "08:00",
        60,
        "2026-03-10T08:10",
    )
    assert dose_rows(journal) == [("2026-03-10", "08:00", "taken", "2026-03-10T08:10")]
    assert statuses(journal, "2026-03-10") == {"08:00": "taken"}
    assert journal.medication("Dul").stock_units == 29


def test_taking_a_skipped_dose_by_its_slot_turns_the_skip_into_taken(journal: Journal) -> None:
    journal.add_medication("Dul", 60, times="08:00", start=START)
    skipped = journal.record_dose("Dul", "skipped", at="2026-03-10 08:00")
    taken = journal.record_dose("Dul", "taken", at="2026-03-10 09:00", slot="08:00", amount=30)
    assert (taken.id, taken.status, taken.amount) == (skipped.id, "taken", 30)
    assert journal.counts()["dose_logs"] == 1


# -- 4. skipping a slot that is already logged ---------------------------------------------------------------


def test_skipping_a_logged_slot_says_it_is_logged(journal: Journal) -> None:
    journal.add_medication("Dul", 60, times="08:00", start=START)
    journal.record_dose("Dul", "taken", at="2026-03-10 08:05")
    with pytest.raises(ValidationError) as taken:
        journal.record_dose("Dul", "skipped", at="2026-03-10 08:30")
    assert taken.value.message == "The 08:00 dose of Dul on 2026-03-10 is already logged (taken at 08:05)."
    journal.record_dose("Dul", "skipped", at="2026-03-11 08:00")
    with pytest.raises(ValidationError) as skipped:
        journal.record_dose("Dul", "skipped", at="2026-03-11 09:00")
    assert skipped.value.message == "The 08:00 dose of Dul on 2026-03-11 is already logged (skipped)."
    with pytest.raises(ValidationError) as by_slot:
        journal.record_dose("Dul", "skipped", at="2026-03-10 09:00", slot="08:00")
    assert by_slot.value.message == taken.value.message
    assert journal.counts()["dose_logs"] == 2


def test_skipping_with_no_slot_at_all_still_says_so(journal: Journal) -> None:
    journal.add_medication("Ibu", 400, as_needed=True, max_daily=3, start=START)
    with pytest.raises(ValidationError, match="no scheduled dose of Ibu near 2026-03-10 08:00"):
        journal.record_dose("Ibu", "skipped", at="2026-03-10 08:00")


# -- 5. a dose before the medication started -----------------------------------------------------------------


def test_a_dose_before_the_start_date_is_refused(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start=START)
    for status in ("taken", "skipped"):
        with pytest.raises(ValidationError) as refused:
            journal.record_dose("Duloxetine", status, at="2026-02-10 08:00")
        assert refused.value.message == (
            "Duloxetine was started on 2026-03-01, so no dose can be logged on 2026-02-10."
        )
    assert journal.counts()["dose_logs"] == 0


def test_after_a_stop_an_extra_dose_is_still_allowed(journal: Journal) -> None:
    journal.add_medication("Duloxetine", 60, times="08:00", start=START)
    journal.stop_medication("Duloxetine", on="2026-03-12")
    extra = journal.record_dose("Duloxetine", "taken", at="2026-03-13 08:00")
    assert (extra.day, extra.slot) == (date(2026, 3, 13), None)


def test_the_command_line_reports_a_late_dose_and_a_dose_before_start(run_cli: Cli) -> None:
    added = run_cli("med", "add", "Dul", "--dose", "60", "--unit", "mg", "--times", "08:00", "--start", START)
    assert added.exit_code == 0, added.output
    late = run_cli("take", "Dul", "--at", "2026-03-14 15:00")
    assert late.exit_code == 0, late.output
    assert "the 08:00 dose" in late.output
    early = run_cli("take", "Dul", "--at", "2026-02-10 08:00")
    assert early.exit_code != 0
    assert "started on 2026-03-01" in early.output


def test_the_clock_moving_past_midnight_is_handled(journal: Journal, clock: FixedClock) -> None:
    journal.add_medication("Ami", 10, times="22:00", start=START)
    clock.set(local("2026-03-15 00:20"))
    logged = journal.record_dose("Ami")
    assert (logged.day, logged.slot) == (date(2026, 3, 14), "22:00")
    clock.advance(timedelta(hours=21, minutes=50))
    assert journal.record_dose("Ami").day == date(2026, 3, 15)


def test_an_after_midnight_dose_keeps_its_evening_through_export_and_import(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    journal.add_medication("Ami", 10, times="22:00", start=START)
    journal.record_dose("Ami", "taken", at="2026-03-11 00:30")
    export_json(journal, tmp_path / "export.json")
    other = open_journal(tmp_path / "other.db", clock)
    try:
        import_json(other, tmp_path / "export.json")
        assert dose_rows(other) == [("2026-03-10", "22:00", "taken", "2026-03-11T00:30")]
    finally:
        other.close()


# -- properties over random sequences of doses ---------------------------------------------------------------

SCHEDULES = ["08:00", "22:00", "08:00,20:00", "07:00,23:30", "08:00,12:00,16:00"]


@settings(max_examples=60, deadline=None)
@given(
    times=st.sampled_from(SCHEDULES),
    actions=st.lists(
        st.tuples(st.sampled_from(["taken", "skipped"]), st.integers(0, 4 * 24 * 60 - 1)),
        min_size=1,
        max_size=12,
    ),
)
def test_random_doses_keep_one_log_per_slot_and_a_day_the_validators_agree_on(
    times: str, actions: list[tuple[str, int]]
) -> None:
    journal = Journal.in_memory(FixedClock(local("2026-03-15 09:30")))
    try:
        journal.add_medication("Med", 10, times=times, start="2026-03-05")
        for status, minutes in actions:
            moment = local("2026-03-05 00:00") + timedelta(minutes=minutes)
            before = {log.id: log for log in journal.dose_logs()}
            try:
                logged = journal.record_dose("Med", status, at=moment)
            except ValidationError:
                assert {log.id: log for log in journal.dose_logs()} == before  # refused: nothing written
                continue
            after = {log.id: log for log in journal.dose_logs()}
            changed = [i for i in after if after[i] != before.get(i)]
            assert changed == [logged.id]  # one row written: a new one, or a skip turned into taken
            if logged.id in before:
                assert (before[logged.id].status, status) == ("skipped", "taken")
        logs = journal.dose_logs()
        slotted = [(log.day, log.slot) for log in logs if log.slot is not None]
        assert len(slotted) == len(set(slotted))
        for log in logs:
            row = {k: getattr(log, k) for k in ("taken_at", "slot", "status", "amount", "note")}
            row["day"] = log.day.isoformat()
            assert entries.dose_log(row, date(2026, 3, 15), journal.now())["day"] == row["day"]
            assert dose_log_ok(row)
            assert (log.moment.date() - log.day).days in ((0, 1) if log.slot else (0,))
            if log.slot is not None:
                assert log.slot in times.split(",")
    finally:
        journal.close()
