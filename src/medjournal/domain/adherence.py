"""Adherence in a period: scheduled slots, what was logged for them, and the longest run without a dose.

A slot counts once its time has passed by the due window (an unlogged slot that is still "due" is not
yet missed), or as soon as something is logged for it; slots later than ``now`` are never counted.
A counted slot with no log is ``not_recorded``, whether it was missed or came due before the journal knew the
medication (``schedule.open_status``, the rule Today, the command line and the reminders use: the second was never
missed, and the summary never calls either one missed; a start typed in later keeps its unknown doses in sight).
Percent = taken / scheduled × 100, a late dose counting as taken. Extra doses (no slot) are counted apart and
never push the percent above 100. As-needed steps have no slots, so no percent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction

from medjournal.domain.records import DoseLog, Regimen
from medjournal.domain.schedule import open_status, regimen_on, slot_moment

NOT_YET = ("upcoming", "due")  # open_status of a slot that is not counted yet


@dataclass(frozen=True)
class Gap:
    """A run of consecutive scheduled days on which no dose was taken."""

    start: date
    end: date
    skipped: int = 0  # slots of the run logged as skipped
    not_recorded: int = 0  # slots of the run with nothing logged

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def nothing_logged(self) -> bool:
        """True when no slot of the run was logged at all: the doses are unknown, not known to be missed."""
        return self.skipped == 0


@dataclass(frozen=True)
class LowerDose:
    day: date
    slot: str | None
    amount: float
    prescribed: float


@dataclass(frozen=True)
class Adherence:
    scheduled: int
    taken: int
    skipped: int
    not_recorded: int
    percent: float | None  # unrounded; None for as-needed or when nothing was scheduled yet
    longest_gap_days: int | None  # None for as-needed
    as_needed: bool
    extra_doses: int = 0  # taken doses with no slot (as-needed doses, or extras of a scheduled medication)
    days_taken: int = 0  # days with at least one taken dose
    scheduled_days: int = 0  # days with at least one counted slot
    gaps: tuple[Gap, ...] = field(default=())  # runs of 2 or more scheduled days with no dose taken
    longest_gap: Gap | None = None
    lower_doses: tuple[LowerDose, ...] = field(default=())
    skip_reasons: tuple[tuple[str, int], ...] = field(default=())  # (reason, skipped slots), most often first

    @property
    def exact_percent(self) -> Fraction | None:
        return Fraction(self.taken * 100, self.scheduled) if self.scheduled and not self.as_needed else None


def count_reasons(notes: list[str]) -> tuple[tuple[str, int], ...]:
    """The reasons given for skipped doses, counted: the same words in any case or spacing are one reason,
    spelt as first written; most often first, then by first appearance. Skips without a reason are not listed.

    >>> count_reasons(["ran out", "", "Ran out ", "felt sick"])
    (('ran out', 2), ('felt sick', 1))
    """
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for note in notes:
        text = " ".join(note.split())
        if text:
            key = text.casefold()
            spelling.setdefault(key, text)
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts, key=lambda key: -counts[key])  # stable: ties keep their first appearance
    return tuple((spelling[key], counts[key]) for key in ordered)


def adherence_for(
    regimens: Sequence[Regimen], dose_logs: Iterable[DoseLog], start: date, end: date, now: datetime
) -> Adherence:
    """Adherence of one medication (its dose steps and logs) from ``start`` to ``end``, judged at ``now``."""
    local_now = now.replace(tzinfo=None)
    last_day = min(end, local_now.date())
    by_slot, taken_days, extra = _sort_logs(log for log in dose_logs if start <= log.day <= last_day)
    tally = _Tally()
    day = start
    while day <= last_day:
        regimen = regimen_on(regimens, day)
        if regimen is not None and not regimen.as_needed:
            tally.count_day(day, regimen, by_slot, local_now)
        day += timedelta(days=1)

    as_needed = not tally.any_scheduled_step and any(
        r.as_needed
        for r in regimens
        if r.start_date <= last_day and (r.end_date is None or r.end_date >= start)
    )
    gaps = _gaps(tally.scheduled_days, taken_days, tally.day_counts)
    longest = max(gaps, key=lambda g: (g.days, g.start), default=None)
    return Adherence(
        scheduled=tally.scheduled,
        taken=tally.taken,
        skipped=tally.skipped,
        not_recorded=tally.not_recorded,
        percent=float(Fraction(tally.taken * 100, tally.scheduled))
        if tally.scheduled and not as_needed
        else None,
        longest_gap_days=None if as_needed else (longest.days if longest else 0),
        as_needed=as_needed,
        extra_doses=extra,
        skip_reasons=count_reasons(tally.reasons),
        days_taken=len(taken_days),
        scheduled_days=len(tally.scheduled_days),
        gaps=tuple(g for g in gaps if g.days >= 2),
        longest_gap=longest,
        lower_doses=tuple(tally.lower),
    )


def _sort_logs(logs: Iterable[DoseLog]) -> tuple[dict[tuple[date, str], DoseLog], set[date], int]:
    """The period's logs by (day, slot) (the first of each), the days with a dose taken and the extra doses."""
    by_slot: dict[tuple[date, str], DoseLog] = {}
    taken_days: set[date] = set()
    extra = 0
    for log in logs:
        if log.status == "taken":
            taken_days.add(log.day)
        if log.slot is None:
            extra += log.status == "taken"
        else:
            by_slot.setdefault((log.day, log.slot), log)
    return by_slot, taken_days, extra


@dataclass
class _Tally:
    """The scheduled doses counted so far, day by day."""

    scheduled: int = 0
    taken: int = 0
    skipped: int = 0
    not_recorded: int = 0
    any_scheduled_step: bool = False
    reasons: list[str] = field(default_factory=list)
    scheduled_days: list[date] = field(default_factory=list)
    day_counts: dict[date, tuple[int, int]] = field(default_factory=dict)  # (skipped, not recorded) slots
    lower: list[LowerDose] = field(default_factory=list)

    def count_day(
        self, day: date, regimen: Regimen, by_slot: Mapping[tuple[date, str], DoseLog], local_now: datetime
    ) -> None:
        """Count one day of a scheduled dose step: its slots already due, taken, skipped or not recorded; a slot
        with nothing logged counts once it is no longer upcoming or due (:func:`open_status`: missed, or
        not recorded since the journal did not know the medication then)."""
        self.any_scheduled_step = True
        counted = False
        day_skipped = day_unrecorded = 0
        for slot in regimen.times:
            slot_log = by_slot.get((day, slot))
            if slot_log is None and open_status(slot_moment(day, slot), local_now) in NOT_YET:
                continue  # not yet missed
            counted = True
            self.scheduled += 1
            if slot_log is None:
                self.not_recorded += 1
                day_unrecorded += 1
            elif slot_log.status == "taken":
                self.taken += 1
                if slot_log.amount is not None and slot_log.amount < regimen.dose:
                    self.lower.append(LowerDose(day, slot, float(slot_log.amount), float(regimen.dose)))
            else:
                self.skipped += 1
                day_skipped += 1
                self.reasons.append(slot_log.note)
        if counted:
            self.scheduled_days.append(day)
            self.day_counts[day] = (day_skipped, day_unrecorded)


def _gaps(
    scheduled_days: Sequence[date], taken_days: set[date], day_counts: dict[date, tuple[int, int]]
) -> list[Gap]:
    """Runs of consecutive scheduled days without a taken dose; a day off the schedule ends a run."""

    def gap(first: date, last: date) -> Gap:
        # A run is consecutive calendar days, each of them scheduled: no need to search the whole period.
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return Gap(
            first,
            last,
            sum(day_counts.get(d, (0, 0))[0] for d in days),
            sum(day_counts.get(d, (0, 0))[1] for d in days),
        )

    gaps: list[Gap] = []
    run_start: date | None = None
    previous: date | None = None
    for day in scheduled_days:
        missed = day not in taken_days
        continues = previous is not None and day == previous + timedelta(days=1)
        if run_start is not None and (not missed or not continues):
            gaps.append(gap(run_start, previous or run_start))
            run_start = None
        if missed and run_start is None:
            run_start = day
        previous = day
    if run_start is not None and previous is not None:
        gaps.append(gap(run_start, previous))
    return gaps
