"""Dose schedules: which slots fall on a day, which slot a dose belongs to, and each slot's status.

A slot is a scheduled time of day of one regimen step. A taken dose belongs to the nearest unlogged slot of the
same day within :data:`MATCH_WINDOW`; otherwise it is an extra dose (``slot`` is None).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from medjournal.domain.records import DaySlot, DoseLog, Medication, Regimen

MATCH_WINDOW = timedelta(hours=4)
LATE_AFTER = timedelta(hours=2)  # a dose taken more than this after its slot counts as late
DUE_WINDOW = timedelta(hours=2)  # an unlogged slot is "due" until this long after its time, then "missed"


def regimen_on(regimens: Sequence[Regimen], day: date) -> Regimen | None:
    """The regimen step active on ``day`` (the latest-starting one when steps overlap)."""
    active = [r for r in regimens if r.active_on(day)]
    return max(active, key=lambda r: (r.start_date, r.id)) if active else None


def scheduled_slots(regimens: Sequence[Regimen], day: date) -> list[tuple[Regimen, str]]:
    regimen = regimen_on(regimens, day)
    if regimen is None or regimen.as_needed:
        return []
    return [(regimen, slot) for slot in regimen.times]


def match_slot(
    regimens: Sequence[Regimen], logs_that_day: Iterable[DoseLog], moment: datetime
) -> tuple[Regimen | None, str | None]:
    """Find the slot a dose at ``moment`` belongs to: the nearest unlogged slot within the match window."""
    day = moment.date()
    used = {log.slot for log in logs_that_day if log.slot is not None}
    regimen = regimen_on(regimens, day)
    if regimen is None:
        return None, None
    best: tuple[timedelta, str] | None = None
    for _, slot in scheduled_slots(regimens, day):
        if slot in used:
            continue
        distance = abs(_naive(moment) - datetime.combine(day, _parse(slot)))
        if distance <= MATCH_WINDOW and (best is None or distance < best[0]):
            best = (distance, slot)
    return regimen, (best[1] if best else None)


def _parse(slot: str) -> time:
    hour, minute = (int(part) for part in slot.split(":"))
    return time(hour, minute)


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def slot_status(day: date, slot: str, log: DoseLog | None, now: datetime) -> str:
    """taken, late, skipped, missed, due or upcoming, judged in local wall-clock time."""
    slot_at = datetime.combine(day, _parse(slot))
    if log is not None:
        if log.status == "skipped":
            return "skipped"
        taken = _naive(datetime.fromisoformat(log.taken_at))
        return "late" if taken - slot_at > LATE_AFTER else "taken"
    local_now = _naive(now)
    if local_now < slot_at:
        return "upcoming"
    if local_now < slot_at + DUE_WINDOW:
        return "due"
    return "missed"


def day_slots(
    medications: Sequence[Medication],
    regimens_by_medication: dict[int, list[Regimen]],
    logs: Sequence[DoseLog],
    day: date,
    now: datetime,
) -> list[DaySlot]:
    """Every scheduled slot of ``day`` with its status at ``now``, ordered by time then medication name."""
    by_slot = {(log.medication_id, log.slot): log for log in logs if log.day == day and log.slot is not None}
    result: list[DaySlot] = []
    for medication in medications:
        for regimen, slot in scheduled_slots(regimens_by_medication.get(medication.id, []), day):
            log = by_slot.get((medication.id, slot))
            result.append(
                DaySlot(
                    medication_id=medication.id,
                    medication_name=medication.name,
                    day=day,
                    slot=slot,
                    dose=regimen.dose,
                    unit=regimen.unit,
                    status=slot_status(day, slot, log, now),
                    log=log,
                )
            )
    result.sort(key=lambda s: (s.slot, s.medication_name.lower()))
    return result
