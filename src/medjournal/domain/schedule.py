"""Dose schedules: which slots fall on a day, which slot a dose belongs to, and each slot's status.

A slot is a scheduled time of day of one regimen step. :func:`match_dose` decides which slot a dose fills:

1. the nearest slot within :data:`MATCH_WINDOW` of the dose that is open (nothing logged), on the dose's day or the
   day before (a bedtime dose taken after midnight belongs to the evening before); a taken dose may also fill a slot
   logged as skipped, which turns the skip into taken;
2. failing that, for a taken dose, the latest open slot of the dose's day whose time has passed (a dose taken hours
   late, shown as "late");
3. failing that, a taken dose is an extra dose (``slot`` None) of its own day, and a skip matches nothing (a skip
   hours after its slot must name the slot: the command line's ``--at``).

A dose log's ``day`` is the day of its slot; ``taken_at`` is the true moment. They differ only for a dose taken
after midnight for the evening before, within the match window (:func:`log_day`).

A slot with nothing logged is, by :func:`open_status` (the one rule the command line, Today, the reminders and the
adherence figures use; docs/methods.md, *Adherence*): "upcoming" before its time, "due" until :data:`DUE_WINDOW`
after it, then "missed", unless it came due before the journal knew the medication was being taken (before the
first step of its course was recorded, :func:`known_since`): such a slot was never missed, it is "not_recorded".
A dose logged for a slot, whenever it was typed in, makes it taken, late or skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from medjournal.domain.records import DaySlot, DoseLog, Medication, Regimen
from medjournal.domain.value import Value, record

MATCH_WINDOW = timedelta(hours=4)
LATE_AFTER = timedelta(hours=2)  # a dose taken more than this after its slot counts as late
DUE_WINDOW = timedelta(hours=2)  # an unlogged slot is "due" until this long after its time, then "missed"
# What :func:`open_status` gives: a slot with nothing logged, still open to log (Today's T).
OPEN_STATUSES = ("upcoming", "due", "missed", "not_recorded")


def regimen_on(regimens: Sequence[Regimen], day: date) -> Regimen | None:
    """The regimen step active on ``day`` (the latest-starting one when steps overlap)."""
    active = [r for r in regimens if r.active_on(day)]
    return max(active, key=lambda r: (r.start_date, r.id)) if active else None


def scheduled_slots(regimens: Sequence[Regimen], day: date) -> list[tuple[Regimen, str]]:
    regimen = regimen_on(regimens, day)
    if regimen is None or regimen.as_needed:
        return []
    return [(regimen, slot) for slot in regimen.times]


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class SlotMatch(Value):
    """Where a dose goes: ``day`` and ``slot`` of the log (``slot`` None for an extra dose).

    ``replaces`` is a skipped log that a taken dose turns into taken; ``blocked_by`` is, when nothing matched, the
    log already holding the nearest slot within the match window (so a refused skip can say which one).
    """

    regimen: Regimen | None
    day: date
    slot: str | None
    replaces: DoseLog | None = None
    blocked_by: DoseLog | None = None


def match_dose(
    regimens: Sequence[Regimen], logs: Iterable[DoseLog], moment: datetime, status: str
) -> SlotMatch:
    """The slot a dose at ``moment`` fills; ``logs`` must hold the medication's logs of that day and the day before."""
    local = _naive(moment)
    today = local.date()
    by_slot = {(log.day, log.slot): log for log in logs if log.slot is not None}
    near: list[tuple[timedelta, datetime, date, Regimen, str]] = []
    for day in (today - timedelta(days=1), today):
        for regimen, slot in scheduled_slots(regimens, day):
            slot_at = slot_moment(day, slot)
            distance = abs(local - slot_at)
            if distance <= MATCH_WINDOW:
                near.append((distance, slot_at, day, regimen, slot))
    near.sort(key=lambda c: (c[0], c[1]))  # on a tie, the earlier (overdue) slot
    earlier = [
        (slot_moment(today, slot), regimen, slot) for regimen, slot in scheduled_slots(regimens, today)
    ]
    earlier = sorted((c for c in earlier if c[0] <= local), key=lambda c: c[0], reverse=True)
    for _, _, day, regimen, slot in near:
        log = by_slot.get((day, slot))
        if log is None:
            return SlotMatch(regimen, day, slot)
        if status == "taken" and log.status == "skipped":
            return SlotMatch(regimen, day, slot, replaces=log)
    for _, regimen, slot in earlier if status == "taken" else []:
        if (today, slot) not in by_slot:
            return SlotMatch(regimen, today, slot)
    blocked_by = by_slot.get((near[0][2], near[0][4])) if near else None
    return SlotMatch(regimen_on(regimens, today), today, None, blocked_by=blocked_by)


def named_slot_day(
    regimens: Sequence[Regimen], logs: Iterable[DoseLog], moment: datetime, slot: str, status: str
) -> date:
    """The day of a slot named with no day: the evening before when ``moment`` is just after midnight, within the
    match window after that evening's ``slot``, and that slot is still open (or skipped, for a taken dose);
    otherwise the day of ``moment``. A reminder for a bedtime dose acted on at 00:30 is for the evening before."""
    evening = _naive(moment).date() - timedelta(days=1)
    if (
        any(s == slot for _, s in scheduled_slots(regimens, evening))
        and log_day(moment, slot, evening) == evening
    ):
        logged = next((log for log in logs if log.day == evening and log.slot == slot), None)
        if logged is None or (status == "taken" and logged.status == "skipped"):
            return evening
    return _naive(moment).date()


def log_day(moment: datetime, slot: str | None, claimed: date | None) -> date:
    """The day a dose log belongs to: ``claimed`` when it is the evening before ``moment`` and ``moment`` is within
    the match window after that evening's ``slot``; otherwise the date of ``moment``."""
    local = _naive(moment)
    if slot is not None and claimed is not None and claimed == local.date() - timedelta(days=1):
        after = local - slot_moment(claimed, slot)
        if timedelta(0) < after <= MATCH_WINDOW:
            return claimed
    return local.date()


def slot_time(slot: str) -> time:
    """A slot's time of day from its ``HH:MM``."""
    hour, minute = (int(part) for part in slot.split(":"))
    return time(hour, minute)


def slot_moment(day: date, slot: str) -> datetime:
    """The local wall-clock moment of ``slot`` on ``day`` (naive, as :func:`open_status` takes it)."""
    return datetime.combine(day, slot_time(slot))


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def known_since(steps: Sequence[Regimen], step: Regimen) -> datetime | None:
    """When the journal first knew the medication was being taken in ``step``'s course: the earliest ``recorded_at``
    of the steps of ``steps`` (one medication's) that lead to ``step`` with no day between them (a dose change
    typed in the evening keeps the morning's slot known: the step before it scheduled that day). None when a
    step of the course has no ``recorded_at``: then every slot counts as known."""
    ordered = sorted(steps, key=lambda s: (s.start_date, s.id))
    position = next((n for n, s in enumerate(ordered) if s.id == step.id), None)
    if position is None:
        ordered, position = [step], 0
    moments: list[datetime] = []
    while True:
        current = ordered[position]
        if not current.recorded_at:
            return None
        moments.append(datetime.fromisoformat(current.recorded_at))
        before = ordered[position - 1] if position else None
        if (
            before is None
            or before.end_date is None
            or before.end_date < current.start_date - timedelta(days=1)
        ):
            return min(moments)
        position -= 1


def open_status(slot_at: datetime, now: datetime, known: datetime | None = None) -> str:
    """The status of a slot with nothing logged, at local wall-clock time ``slot_at``, judged at ``now``:
    upcoming, due, missed, or not_recorded when it came due before ``known`` (:func:`known_since`): the journal
    did not know the medication then, so the slot was never missed (it can still be logged)."""
    local_now = _naive(now)
    if local_now < slot_at:
        return "upcoming"
    if local_now < slot_at + DUE_WINDOW:
        return "due"
    return "not_recorded" if came_due_unknown(slot_at, now, known) else "missed"


def came_due_unknown(slot_at: datetime, now: datetime, known: datetime | None) -> bool:
    """Whether a slot at local wall-clock time ``slot_at`` came due before ``known`` (:func:`known_since`, None:
    always known): then nothing logged for it was ever missed."""
    return known is not None and slot_at < wall_clock(known, now)


def wall_clock(moment: datetime, now: datetime) -> datetime:
    """``moment`` as a naive local wall-clock time in the zone of ``now``, as a slot's time is (a naive
    ``moment`` is one already)."""
    if moment.tzinfo is None:
        return moment
    if now.tzinfo is None or now.utcoffset() == now.astimezone().utcoffset():
        return moment.astimezone().replace(tzinfo=None)  # this computer's zone rules for that moment
    return moment.astimezone(now.tzinfo).replace(tzinfo=None)


def slot_status(
    day: date, slot: str, log: DoseLog | None, now: datetime, known: datetime | None = None
) -> str:
    """taken, late, skipped, or for a slot with nothing logged :func:`open_status`'s, in local wall-clock time."""
    slot_at = slot_moment(day, slot)
    if log is not None:
        if log.status == "skipped":
            return "skipped"
        taken = _naive(datetime.fromisoformat(log.taken_at))
        return "late" if taken - slot_at > LATE_AFTER else "taken"
    return open_status(slot_at, now, known)


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
        steps = regimens_by_medication.get(medication.id, [])
        for regimen, slot in scheduled_slots(steps, day):
            log = by_slot.get((medication.id, slot))
            result.append(
                DaySlot(
                    medication_id=medication.id,
                    medication_name=medication.name,
                    day=day,
                    slot=slot,
                    dose=regimen.dose,
                    unit=regimen.unit,
                    status=slot_status(day, slot, log, now, known_since(steps, regimen)),
                    log=log,
                )
            )
    result.sort(key=lambda s: (s.slot, s.medication_name.lower()))
    return result
