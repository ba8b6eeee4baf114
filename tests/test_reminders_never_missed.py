"""The one rule for a slot with nothing logged (domain/schedule.py ``open_status``), in the scheduler and in the
day's statuses: a slot that came due before the journal knew the medication was being taken (before the first
step of its course was recorded) was never missed, whichever way the scheduler comes to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from medjournal.domain.clock import FixedClock
from medjournal.domain.records import DoseLog, Medication, Regimen
from medjournal.domain.reminders import DoseScheduler
from medjournal.domain.schedule import day_slots, known_since

BERLIN = ZoneInfo("Europe/Berlin")
DULOXETINE = Medication(id=1, name="Duloxetine")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


def step(
    step_id: int,
    start: date,
    recorded: datetime,
    end: date | None = None,
    times: tuple[str, ...] = ("08:00", "20:00"),
) -> Regimen:
    return Regimen(
        id=step_id,
        medication_id=1,
        start_date=start,
        end_date=end,
        dose=30 * step_id,
        unit="mg",
        times=times,
        recorded_at=recorded.isoformat(),
    )


def scheduler(now: datetime, last_checked: datetime) -> tuple[FixedClock, DoseScheduler]:
    clock = FixedClock(now.astimezone(UTC))
    return clock, DoseScheduler(clock, zone=BERLIN, last_checked=last_checked)


def test_after_a_closed_app_only_slots_due_since_the_medication_was_added_are_missed() -> None:
    # Added on the 7th at 20:30 with a start of the 5th; the app was last open on the 4th and opens on the 8th.
    steps = {1: [step(1, date(2026, 12, 5), at(7, 20, 30))]}
    _clock, reminders = scheduler(at(8, 21, 0), at(4, 12, 0))
    result = reminders.check([DULOXETINE], steps, [])
    assert result.missed is not None
    assert [(s.day.day, s.slot) for s in result.missed.slots] == [(8, "08:00")]  # not the 5th to the 7th
    assert [(r.day.day, r.slot) for r in result.due] == [(8, "20:00")]


def test_a_reminder_shown_for_a_slot_from_before_the_medication_is_not_missed_at_the_day_s_end() -> None:
    # Added at 20:30 with a slot at 20:00: still due, so shown when the window opens at 20:45.
    steps = {1: [step(1, date(2026, 12, 7), at(7, 20, 30))]}
    clock, reminders = scheduler(at(7, 20, 45), at(7, 7, 0))
    shown = reminders.check([DULOXETINE], steps, [])
    assert [(r.day.day, r.slot) for r in shown.due] == [(7, "20:00")]
    assert shown.missed is None  # nor the 08:00 of that morning
    clock.set(at(8, 7, 0).astimezone(UTC))
    next_day = reminders.check([DULOXETINE], steps, [])
    assert next_day.missed is None and next_day.resolved == [(1, date(2026, 12, 7), "20:00")]


def test_a_dose_change_typed_in_keeps_the_course_known_and_a_restart_typed_in_late_does_not() -> None:
    first = step(1, date(2026, 12, 1), at(1, 7, 0), end=date(2026, 12, 6))
    change = step(2, date(2026, 12, 7), at(7, 19, 0))  # typed in that evening, from that morning
    assert known_since([first, change], change) == at(1, 7, 0)
    stopped = step(1, date(2026, 12, 1), at(1, 7, 0), end=date(2026, 12, 2))
    restart = step(2, date(2026, 12, 5), at(7, 19, 0))  # a restart after two days off, typed in two days late
    assert known_since([stopped, restart], restart) == at(7, 19, 0)
    unstamped = replace(restart, recorded_at="")  # a step with no time of writing: every slot counts as known
    assert known_since([unstamped], unstamped) is None


def test_today_s_statuses_follow_the_same_rule() -> None:
    steps = {1: [step(1, date(2026, 12, 7), at(7, 20, 0))]}
    taken = DoseLog(
        1, date(2026, 12, 7), 1, "08:00", at(7, 8, 0).isoformat(), "taken", recorded_at=at(7, 23).isoformat()
    )
    at_night = at(7, 23, 0)
    assert [s.status for s in day_slots([DULOXETINE], steps, [], date(2026, 12, 7), at_night)] == [
        "not_recorded",
        "missed",
    ]
    assert [s.status for s in day_slots([DULOXETINE], steps, [taken], date(2026, 12, 7), at_night)] == [
        "taken",  # typed in at night: a dose logged counts whenever it was typed in
        "missed",
    ]
    assert [s.status for s in day_slots([DULOXETINE], steps, [], date(2026, 12, 8), at(8, 10, 30))] == [
        "missed",
        "upcoming",
    ]
