"""Adherence and side-effect analysis against hand-computed numbers."""

from __future__ import annotations

from datetime import date, datetime

from medjournal.domain.analysis import Gap, adherence_for, side_effect_summary
from medjournal.domain.records import DoseLog, Regimen, SideEffect

NOW = datetime(2026, 3, 10, 12, 0).astimezone()


def d(text: str) -> date:
    return date.fromisoformat(text)


class Logs:
    def __init__(self) -> None:
        self.items: list[DoseLog] = []

    def add(
        self,
        day: str,
        slot: str | None,
        status: str = "taken",
        at: str | None = None,
        amount: float | None = None,
    ) -> None:
        moment = f"{day}T{at or slot or '12:00'}:00+00:00"
        self.items.append(DoseLog(len(self.items) + 1, d(day), 1, slot, moment, status, amount))


def twice_daily(start: str, end: str | None = None, dose: float = 30.0) -> Regimen:
    return Regimen(1, 1, d(start), d(end) if end else None, dose, "mg", ("08:00", "20:00"))


def test_adherence_counts_slots_up_to_now_and_late_counts_as_taken() -> None:
    logs = Logs()
    # 03-06 .. 03-10 with slots 08:00 and 20:00; now = 03-10 12:00, so 03-10 20:00 is not counted.
    logs.add("2026-03-06", "08:00")
    logs.add("2026-03-06", "20:00", at="23:30")  # late: still taken
    logs.add("2026-03-07", "08:00", "skipped")
    logs.add("2026-03-08", "08:00")  # 03-07 20:00 and 03-08 20:00 have no log
    logs.add("2026-03-09", "08:00")
    logs.add("2026-03-09", "20:00")
    logs.add("2026-03-10", "08:00", amount=15.0)  # a lower dose than prescribed
    logs.add("2026-03-09", None)  # an extra dose
    result = adherence_for([twice_daily("2026-03-01")], logs.items, d("2026-03-06"), d("2026-03-12"), NOW)
    assert (result.scheduled, result.taken, result.skipped, result.not_recorded) == (9, 6, 1, 2)
    assert result.percent == 600 / 9
    assert result.extra_doses == 1
    assert result.longest_gap_days == 1  # 03-07: skipped and not recorded, no dose taken that day
    assert result.gaps == ()
    assert [(x.day, x.amount, x.prescribed) for x in result.lower_doses] == [(d("2026-03-10"), 15.0, 30.0)]
    assert result.as_needed is False


def test_unlogged_slot_still_due_is_not_counted_yet() -> None:
    now = datetime(2026, 3, 10, 9, 30).astimezone()  # the 08:00 slot is due until 10:00
    result = adherence_for([twice_daily("2026-03-10")], [], d("2026-03-10"), d("2026-03-10"), now)
    assert (result.scheduled, result.percent, result.longest_gap_days) == (0, None, 0)
    later = adherence_for(
        [twice_daily("2026-03-10")],
        [],
        d("2026-03-10"),
        d("2026-03-10"),
        datetime(2026, 3, 10, 10, 0).astimezone(),
    )
    assert (later.scheduled, later.not_recorded, later.percent) == (1, 1, 0.0)


def test_longest_gap_and_stop_and_restart() -> None:
    regimens = [
        twice_daily("2026-02-20", "2026-02-27"),
        Regimen(2, 1, d("2026-03-03"), None, 30.0, "mg", ("08:00",)),  # restarted once daily
    ]
    logs = Logs()
    for day in ("2026-02-20", "2026-02-21", "2026-02-25"):
        logs.add(day, "08:00")
    logs.add("2026-03-06", "08:00")
    result = adherence_for(regimens, logs.items, d("2026-02-20"), d("2026-03-10"), NOW)
    # Scheduled: 02-20..02-27 (8 days × 2) + 03-03..03-10 (8 days × 1, 03-10 08:00 passed) = 24 slots.
    assert (result.scheduled, result.taken, result.not_recorded) == (24, 4, 20)
    # Gaps: 02-22..02-24 (3), 02-26..02-27 (2), then the break 02-28..03-02 is off the schedule and ends the
    # run; 03-03..03-05 (3), 03-07..03-10 (4).
    assert result.gaps == (
        Gap(d("2026-02-22"), d("2026-02-24"), skipped=0, not_recorded=6),  # 3 days × 2 slots
        Gap(d("2026-02-26"), d("2026-02-27"), skipped=0, not_recorded=4),
        Gap(d("2026-03-03"), d("2026-03-05"), skipped=0, not_recorded=3),  # once daily after the restart
        Gap(d("2026-03-07"), d("2026-03-10"), skipped=0, not_recorded=4),
    )
    assert result.longest_gap_days == 4
    assert result.scheduled_days == 16


def test_as_needed_medication_has_no_percentage() -> None:
    regimens = [Regimen(1, 1, d("2026-03-01"), None, 400.0, "mg", (), as_needed=1, max_daily=3)]
    logs = Logs()
    logs.add("2026-03-02", None, at="10:00")
    logs.add("2026-03-02", None, at="18:00")
    logs.add("2026-03-05", None, at="09:00")
    result = adherence_for(regimens, logs.items, d("2026-03-01"), d("2026-03-10"), NOW)
    assert result.as_needed is True
    assert result.percent is None and result.longest_gap_days is None
    assert (result.scheduled, result.taken, result.extra_doses, result.days_taken) == (0, 0, 3, 2)


def test_nothing_scheduled_in_the_period() -> None:
    result = adherence_for([twice_daily("2026-04-01")], [], d("2026-03-01"), d("2026-03-10"), NOW)
    assert (result.scheduled, result.percent, result.longest_gap_days, result.as_needed) == (
        0,
        None,
        0,
        False,
    )


def se(entry_id: int, day: str, symptom: str, severity: int) -> SideEffect:
    return SideEffect(entry_id, d(day), symptom, severity)


def test_side_effects_new_since_start_only_when_absent_in_the_14_days_before() -> None:
    start = d("2026-02-01")
    entries = [
        se(1, "2026-01-20", "headache", 2),  # before the start: headache is not new
        se(2, "2026-02-10", "headache", 1),
        se(3, "2026-03-02", "headache", 3),
        se(4, "2026-03-03", "nausea", 2),
        se(5, "2026-03-03", "nausea", 1),  # same day: the day counts once, at its highest severity
        se(6, "2026-03-05", "nausea", 1),
        se(7, "2026-01-25", "dry_mouth", 0),  # severity 0 = none: not a report
        se(8, "2026-03-06", "dry_mouth", 1),
        se(9, "2026-03-07", "dizziness", 0),  # only "none": absent from the summary
        se(10, "2026-01-10", "sweating", 2),  # more than 14 days before the start
        se(11, "2026-03-08", "sweating", 2),
    ]
    result = {s.symptom: s for s in side_effect_summary(entries, d("2026-03-01"), d("2026-03-15"), start)}
    assert set(result) == {"headache", "nausea", "dry_mouth", "sweating"}
    assert (result["headache"].days, result["headache"].max_severity, result["headache"].mean_severity) == (
        1,
        3,
        3,
    )
    assert result["headache"].new_since_start is False and result["headache"].days_before_start == 1
    assert (result["nausea"].days, result["nausea"].mean_severity, result["nausea"].max_severity) == (
        2,
        1.5,
        2,
    )
    assert result["nausea"].new_since_start is True
    assert (
        result["nausea"].current_days,
        result["headache"].current_days,
        result["sweating"].current_days,
    ) == (2, 1, 1)  # last 14 days: 03-02 .. 03-15
    assert result["dry_mouth"].new_since_start is True
    assert result["sweating"].new_since_start is True
    assert result["dry_mouth"].label == "Dry mouth"
    no_start = side_effect_summary(entries, d("2026-03-01"), d("2026-03-15"), None)
    assert all(s.new_since_start is None for s in no_start)
