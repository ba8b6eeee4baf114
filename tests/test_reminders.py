"""The dose scheduler with a fake clock: due events, sleep and closed-app gaps, DST changes, snooze."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from medjournal.domain.clock import FixedClock
from medjournal.domain.records import DoseLog, Medication, Regimen
from medjournal.domain.reminders import (
    CheckResult,
    DoseScheduler,
    DueReminder,
    MissedSlot,
    slot_instant,
)

NEW_YORK = ZoneInfo("America/New_York")  # DST starts 2026-03-08 02:00, ends 2026-11-01 02:00
DULOXETINE = Medication(id=1, name="Duloxetine")


def regimen(times: tuple[str, ...], start: date = date(2026, 1, 1), medication_id: int = 1) -> Regimen:
    return Regimen(
        id=medication_id,
        medication_id=medication_id,
        start_date=start,
        end_date=None,
        dose=60,
        unit="mg",
        times=times,
    )


def local(year: int, month: int, day: int, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK, fold=fold)


class Simulation:
    """Runs the scheduler like the window does: a timer that never waits more than 60 s, a person who takes
    every dose as soon as it is announced, and the computer asleep in given intervals."""

    def __init__(
        self,
        start: datetime,
        regimens: dict[int, list[Regimen]],
        medications: list[Medication] | None = None,
        take: bool = True,
    ) -> None:
        self.clock = FixedClock(start.astimezone(UTC))
        self.scheduler = DoseScheduler(self.clock, zone=NEW_YORK, last_checked=start)
        self.regimens = regimens
        self.medications = medications or [DULOXETINE]
        self.take = take
        self.logs: list[DoseLog] = []
        self.due: list[tuple[datetime, DueReminder]] = []
        self.missed: list[tuple[datetime, tuple[MissedSlot, ...]]] = []
        self.checks = 0

    def check(self) -> CheckResult:
        result = self.scheduler.check(self.medications, self.regimens, self.logs)
        now = self.clock.now()
        self.checks += 1
        for reminder in result.due:
            self.due.append((now, reminder))
            if self.take:
                self.log(reminder, now)
        if result.missed is not None:
            self.missed.append((now, result.missed.slots))
        return result

    def log(self, reminder: DueReminder, now: datetime, status: str = "taken") -> None:
        self.logs.append(
            DoseLog(
                id=len(self.logs) + 1,
                medication_id=reminder.medication_id,
                day=reminder.day,
                slot=reminder.slot,
                taken_at=now.isoformat(),
                status=status,
            )
        )
        self.scheduler.acted(reminder.key)

    def run_until(self, end: datetime, asleep: Sequence[tuple[datetime, datetime]] = ()) -> None:
        end = end.astimezone(UTC)
        while self.clock.now() < end:
            wait = self.scheduler.next_check_in(self.medications, self.regimens)
            assert timedelta(seconds=1) <= wait <= timedelta(seconds=60)
            moment = self.clock.now() + wait
            for fell_asleep, woke in asleep:
                if fell_asleep <= moment < woke:
                    moment = woke.astimezone(UTC)  # no timer fires while asleep; the first check is on waking
            self.clock.set(moment)
            self.check()


def test_twice_daily_over_a_week_with_sleep_and_dst() -> None:
    sim = Simulation(local(2026, 3, 5, 0, 0), {1: [regimen(("08:00", "20:00"))]})
    asleep = [
        (local(2026, 3, 5, 7, 0), local(2026, 3, 5, 16, 0)),  # 9 hours over the 08:00 dose: missed
        (local(2026, 3, 6, 19, 0), local(2026, 3, 7, 4, 0)),  # 9 hours over the 20:00 dose: missed
        (local(2026, 3, 9, 23, 30), local(2026, 3, 10, 8, 30)),  # 9 hours, woke 30 min after 08:00: still due
    ]
    sim.run_until(local(2026, 3, 12, 0, 0), asleep)

    expected = [(day, slot) for day in range(5, 12) for slot in ("08:00", "20:00")]
    expected.remove((5, "08:00"))
    expected.remove((6, "20:00"))
    announced = [(r.day.day, r.slot) for _, r in sim.due]
    assert announced == expected  # one per slot, in order, none duplicated
    assert len(set(announced)) == len(announced) == 12
    for shown_at, reminder in sim.due:
        # the local wall-clock time is 08:00 or 20:00 on both sides of the DST change
        assert reminder.due_at.astimezone(NEW_YORK).strftime("%H:%M") == reminder.slot
        delay = shown_at - reminder.due_at
        if (reminder.day.day, reminder.slot) == (10, "08:00"):
            assert delay == timedelta(minutes=30)  # shown on waking
        else:
            assert timedelta(0) <= delay <= timedelta(seconds=60)
    # the UTC instant moves by an hour across the change
    morning = {r.day.day: r.due_at.astimezone(UTC).hour for _, r in sim.due if r.slot == "08:00"}
    assert morning[7] == 13 and morning[8] == 12
    # one missed report per slot slept through, each once, at the moment of waking
    assert [(at, [(s.day, s.slot) for s in slots]) for at, slots in sim.missed] == [
        (local(2026, 3, 5, 16, 0), [(date(2026, 3, 5), "08:00")]),
        (local(2026, 3, 7, 4, 0), [(date(2026, 3, 6), "20:00")]),
    ]
    assert not sim.scheduler.pending


def test_unanswered_reminder_stays_then_moves_to_missed_once_at_day_end() -> None:
    sim = Simulation(local(2026, 3, 5, 7, 0), {1: [regimen(("08:00",))]}, take=False)
    sim.run_until(local(2026, 3, 5, 23, 59))
    assert [(r.day.day, r.slot) for _, r in sim.due] == [(5, "08:00")]
    assert list(sim.scheduler.pending) == [(1, date(2026, 3, 5), "08:00")]  # stays until acted on
    assert sim.missed == []
    sim.run_until(local(2026, 3, 6, 0, 5))
    assert [[(s.day.day, s.slot) for s in slots] for _, slots in sim.missed] == [[(5, "08:00")]]
    sim.run_until(local(2026, 3, 6, 7, 0))
    assert len(sim.missed) == 1  # not repeated


def test_reopening_the_app_reports_the_missed_slots_once_in_one_report() -> None:
    regimens = {1: [regimen(("08:00", "20:00"))], 2: [regimen(("22:00",), medication_id=2)]}
    meds = [DULOXETINE, Medication(id=2, name="Amitriptyline")]
    closed_at = local(2026, 3, 5, 7, 0)
    clock = FixedClock(local(2026, 3, 7, 9, 0))  # two days later, 1 hour after the 08:00 dose
    scheduler = DoseScheduler(clock, zone=NEW_YORK, last_checked=closed_at)
    logs = [DoseLog(id=1, medication_id=1, day=date(2026, 3, 6), slot="08:00", taken_at="", status="taken")]
    result = scheduler.check(meds, regimens, logs)
    assert [(r.medication_name, r.day.day, r.slot) for r in result.due] == [("Duloxetine", 7, "08:00")]
    assert result.missed is not None
    assert [(s.medication_name, s.day.day, s.slot) for s in result.missed.slots] == [
        ("Duloxetine", 5, "08:00"),
        ("Duloxetine", 5, "20:00"),
        ("Amitriptyline", 5, "22:00"),
        ("Duloxetine", 6, "20:00"),
        ("Amitriptyline", 6, "22:00"),
    ]
    assert result.missed.describe().startswith("5 doses missed, not recorded: Duloxetine 2026-03-05 08:00;")
    clock.advance(timedelta(minutes=1))
    assert scheduler.check(meds, regimens, logs).empty


def test_first_run_reports_nothing_from_the_past() -> None:
    clock = FixedClock(local(2026, 3, 7, 9, 0))
    scheduler = DoseScheduler(clock, zone=NEW_YORK)
    assert scheduler.check([DULOXETINE], {1: [regimen(("08:00",))]}, []).empty


def test_nonexistent_and_repeated_wall_times_fire_once() -> None:
    # 02:30 does not exist on 2026-03-08; 01:30 happens twice on 2026-11-01.
    assert slot_instant(date(2026, 3, 8), "02:30", NEW_YORK) == local(2026, 3, 8, 3, 30)
    assert slot_instant(date(2026, 11, 1), "01:30", NEW_YORK).astimezone(UTC) == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    spring = Simulation(local(2026, 3, 7, 0, 0), {1: [regimen(("02:30",))]})
    spring.run_until(local(2026, 3, 10, 0, 0))
    assert [(r.day.day, r.due_at.astimezone(NEW_YORK).strftime("%H:%M")) for _, r in spring.due] == [
        (7, "02:30"),
        (8, "03:30"),
        (9, "02:30"),
    ]
    autumn = Simulation(local(2026, 10, 31, 0, 0), {1: [regimen(("01:30",))]})
    autumn.run_until(local(2026, 11, 3, 0, 0))
    assert [r.day.day for _, r in autumn.due] == [31, 1, 2]
    assert autumn.missed == []


def test_snooze_brings_the_reminder_back_once_unless_logged() -> None:
    sim = Simulation(local(2026, 3, 5, 7, 59), {1: [regimen(("08:00", "20:00"))]}, take=False)
    sim.run_until(local(2026, 3, 5, 8, 1))
    [(_, first)] = sim.due
    until = sim.scheduler.snooze(first.key, 15)
    assert until == sim.clock.now() + timedelta(minutes=15)
    assert not sim.scheduler.pending
    sim.run_until(local(2026, 3, 5, 8, 14))
    assert len(sim.due) == 1
    sim.run_until(local(2026, 3, 5, 8, 20))
    assert len(sim.due) == 2 and sim.due[1][1].snoozed and sim.due[1][1].key == first.key
    assert timedelta(0) <= sim.due[1][0] - until <= timedelta(seconds=60)
    # snoozed again, then taken from elsewhere (the Today view): it does not come back
    sim.scheduler.snooze(first.key, 60)
    sim.logs.append(DoseLog(id=9, medication_id=1, day=first.day, slot="08:00", taken_at="", status="taken"))
    sim.run_until(local(2026, 3, 5, 19, 0))
    assert len(sim.due) == 2
    assert sim.missed == []


def test_a_dose_logged_elsewhere_resolves_the_shown_reminder() -> None:
    sim = Simulation(local(2026, 3, 5, 7, 59), {1: [regimen(("08:00",))]}, take=False)
    sim.run_until(local(2026, 3, 5, 8, 1))
    [(_, reminder)] = sim.due
    sim.logs.append(
        DoseLog(id=1, medication_id=1, day=reminder.day, slot="08:00", taken_at="", status="skipped")
    )
    sim.clock.advance(timedelta(seconds=30))
    assert sim.check().resolved == [reminder.key]
    assert not sim.scheduler.pending


def test_clock_set_back_does_not_repeat_reminders() -> None:
    sim = Simulation(local(2026, 3, 5, 7, 0), {1: [regimen(("08:00",))]}, take=False)
    sim.run_until(local(2026, 3, 5, 9, 0))
    sim.clock.set(local(2026, 3, 5, 7, 30).astimezone(UTC))
    sim.run_until(local(2026, 3, 5, 9, 0))
    assert len(sim.due) == 1 and sim.missed == []


def test_stopped_and_as_needed_medications_give_no_reminders() -> None:
    stopped = Regimen(
        id=1,
        medication_id=1,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 3, 5),
        dose=60,
        unit="mg",
        times=("08:00",),
    )
    as_needed = Regimen(
        id=2,
        medication_id=2,
        start_date=date(2026, 1, 1),
        end_date=None,
        dose=400,
        unit="mg",
        as_needed=1,
        max_daily=3,
    )
    sim = Simulation(
        local(2026, 3, 5, 7, 0),
        {1: [stopped], 2: [as_needed]},
        [DULOXETINE, Medication(id=2, name="Ibuprofen")],
    )
    sim.run_until(local(2026, 3, 8, 0, 0))
    assert [(r.day.day, r.slot) for _, r in sim.due] == [(5, "08:00")]


# -- medjournal today --------------------------------------------------------------------------------------


def test_today_command_text_and_json(run_cli, journal) -> None:
    import json

    journal.add_medication("Duloxetine", 60, times="08:00,20:00", start="2026-03-01")
    journal.add_medication("Tramadol", 50, as_needed=True, max_daily=4, start="2026-03-10")
    journal.record_dose("Duloxetine", at="2026-03-15 08:10")
    journal.record_dose("Tramadol", at="2026-03-15 07:00")
    result = run_cli("today")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Sunday 2026-03-15, at 09:30"
    assert "  08:00  Duloxetine 60 mg: taken at 08:10" in lines
    assert "  20:00  Duloxetine 60 mg: upcoming" in lines
    assert "  as needed  Tramadol 50 mg: 1 of at most 4 taken" in lines
    assert "  ! Ask your doctor or pharmacist about taking Duloxetine with Tramadol." in lines
    source = "    Source: Cymbalta (duloxetine) US prescribing information"
    assert any(line.startswith(source) for line in lines)

    late = run_cli("today", "--at", "2026-03-15 23:00")
    assert "  20:00  Duloxetine 60 mg: missed, not recorded" in late.output.splitlines()

    data = json.loads(run_cli("today", "--at", "2026-03-15 20:30", "--json").output)
    assert data["date"] == "2026-03-15"
    assert [(s["slot"], s["status"]) for s in data["slots"]] == [("08:00", "taken"), ("20:00", "due")]
    assert data["slots"][0]["taken_at"].startswith("2026-03-15T08:10")
    assert data["as_needed"] == [
        {"medication": "Tramadol", "dose": 50.0, "unit": "mg", "taken": 1, "max_daily": 4}
    ]
    assert [w["key"] for w in data["warnings"]] == ["caution:1-2:serotonin"]

    journal.acknowledge_warning("caution:1-2:serotonin")
    data = json.loads(run_cli("today", "--json").output)
    assert data["warnings"] == []


def test_today_command_refuses_a_bad_time(run_cli) -> None:
    assert run_cli("checkin", "--pain", "3").exit_code == 0  # a journal to read
    result = run_cli("today", "--at", "tomorrow-ish")
    assert result.exit_code != 0
    assert result.output.startswith("Error: The time 'tomorrow-ish' is not a date and time")
