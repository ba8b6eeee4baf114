"""The dose scheduler: which reminders to show now, in plain Python with an injectable clock.

The window calls :meth:`DoseScheduler.check` from a timer at least once a minute. Each check looks at the
scheduled slots that came due since the previous check:

- a slot that came due within :data:`DUE_GRACE` of now gives one :class:`DueReminder` (once per slot);
- a slot that came due longer ago (the computer slept, or the app was closed) is not announced as if it
  were due now: all such slots of one check are gathered into a single :class:`MissedReport`, "missed, not
  recorded", so waking the computer gives one calm message, never a burst of notifications;
- a slot that came due before the journal knew its medication was being taken (a medication added in the
  evening, a start typed in days later) was never missed and is in no report: the rule of Today and the
  command line (``schedule.open_status``).

A shown reminder stays until it is acted on (taken, skipped or snoozed), until the dose is logged some other
way (it is then listed in ``resolved``), or until its day is over (it then moves to the missed report).
Slot times are local wall-clock times; they are turned into instants with the time zone's rules for that day,
so a daylight-saving change neither skips nor repeats a reminder. A slot in the hour that does not exist on
the spring-forward day (02:30) comes due one hour later on the new clock (03:30); a slot in the repeated hour
of the fall-back day comes due at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from medjournal.domain.clock import Clock
from medjournal.domain.records import DoseLog, Medication, Regimen, ScheduledSlot
from medjournal.domain.schedule import came_due_unknown, known_since, regimen_on, scheduled_slots, slot_moment
from medjournal.domain.value import record
from medjournal.i18n import _, format_decimal, ngettext

DUE_GRACE = timedelta(hours=2)  # same as schedule.DUE_WINDOW: after this an unlogged slot counts as missed
CATCH_UP = timedelta(days=7)  # after a longer absence only the last week is listed as missed
MAX_TIMER = timedelta(seconds=60)  # the window re-checks at least this often (catches sleep, clock changes)
SNOOZE_CHOICES = (5, 15, 60)  # minutes

SlotKey = tuple[int, date, str]  # medication id, day, "HH:MM"


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class DueReminder(ScheduledSlot):
    due_at: datetime  # the slot's instant (aware)
    snoozed: bool = False  # True when this is a snoozed reminder coming back

    def describe(self) -> str:
        return _("{medication} {dose} {unit}, due at {time}").format(
            medication=self.medication_name, dose=format_decimal(self.dose, 3), unit=self.unit, time=self.slot
        )


@record  # a frozen dataclass, compared and shown by Value (domain/value.py)
class MissedSlot(ScheduledSlot):
    """A slot that came due while nobody could be reminded."""


@dataclass(frozen=True)
class MissedReport:
    """Slots that came due while nobody could be reminded, reported once: "missed, not recorded"."""

    slots: tuple[MissedSlot, ...]

    def describe(self) -> str:
        count = len(self.slots)
        listed = "; ".join(f"{s.medication_name} {s.day.isoformat()} {s.slot}" for s in self.slots[:6])
        if count > 6:
            listed += "; " + _("and {n} more").format(n=count - 6)
        return ngettext(
            "{n} dose missed, not recorded: {listed}. If you took it, you can still log it in History.",
            "{n} doses missed, not recorded: {listed}. If you took them, you can still log them in History.",
            count,
        ).format(n=count, listed=listed)


@dataclass
class CheckResult:
    due: list[DueReminder] = field(default_factory=list)
    missed: MissedReport | None = None
    resolved: list[SlotKey] = field(default_factory=list)  # shown reminders since logged elsewhere

    @property
    def empty(self) -> bool:
        return not self.due and self.missed is None and not self.resolved


def slot_instant(day: date, slot: str, zone: tzinfo | None) -> datetime:
    """The instant a slot of ``day`` comes due, by the wall clock of ``zone`` (None = the system's zone)."""
    wall = slot_moment(day, slot)
    if zone is None:
        # astimezone() on a naive time asks the C library, which knows the system zone's DST rules.
        return wall.astimezone()
    # Round-trip through UTC to normalise a wall time that does not exist on a spring-forward day.
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


class DoseScheduler:
    """Turns the schedule and the dose logs into reminders, remembering what it has already announced.

    ``last_checked`` is the moment of the previous check (kept by the window across runs); with None the first
    check starts from now and reports nothing from the past.
    """

    def __init__(
        self,
        clock: Clock,
        zone: tzinfo | None = None,
        last_checked: datetime | None = None,
        grace: timedelta = DUE_GRACE,
        catch_up: timedelta = CATCH_UP,
    ) -> None:
        self.clock = clock
        self.zone = zone
        self.last_checked = last_checked
        self.grace = grace
        self.catch_up = catch_up
        self.pending: dict[SlotKey, DueReminder] = {}  # announced, not acted on
        self._announced: set[SlotKey] = set()
        self._reported_missed: set[SlotKey] = set()
        self._snoozed: dict[SlotKey, tuple[datetime, DueReminder]] = {}

    # -- time helpers -------------------------------------------------------------------------------------

    def now(self) -> datetime:
        moment = self.clock.now()
        return moment.astimezone(self.zone) if self.zone is not None else moment

    def local_day(self, moment: datetime) -> date:
        return (moment.astimezone(self.zone) if self.zone is not None else moment.astimezone()).date()

    def window_start(self, now: datetime) -> datetime:
        """Where the next check starts looking (for fetching dose logs)."""
        start = self.last_checked if self.last_checked is not None else now
        return max(min(start, now), now - self.catch_up)

    # -- the check ------------------------------------------------------------------------------------------

    def check(
        self,
        medications: Sequence[Medication],
        regimens: Mapping[int, Sequence[Regimen]],
        logs: Iterable[DoseLog],
    ) -> CheckResult:
        """What to show now. ``logs`` must cover the days from :meth:`window_start` (or the oldest pending
        reminder) to today."""
        now = self.now()
        today = self.local_day(now)
        logged: set[SlotKey] = {
            (log.medication_id, log.day, log.slot) for log in logs if log.slot is not None
        }
        result = CheckResult()

        def never_missed(slot: DueReminder) -> bool:
            return _came_due_unknown(regimens, slot, now)

        missed = self._follow_up(logged, today, now, result, never_missed)

        start = self.window_start(now)
        if start < now:
            for reminder in self._slots_between(medications, regimens, start, now):
                key = reminder.key
                if key in logged or key in self._announced or key in self._reported_missed:
                    continue
                if now - reminder.due_at <= self.grace and reminder.day == today:
                    self._announced.add(key)
                    self.pending[key] = reminder
                    result.due.append(reminder)
                elif never_missed(reminder):
                    self._reported_missed.add(key)  # nothing to report, now or after a clock set back
                else:
                    missed.append(_missed(reminder))
        for slot in missed:
            self._reported_missed.add(slot.key)
        if missed:
            ordered = sorted(missed, key=lambda s: (s.day, s.slot, s.medication_name))
            result.missed = MissedReport(tuple(ordered))
        # A clock set backwards does not make old slots come due a second time: the announced and reported
        # sets below remember them for longer than the catch-up window.
        self.last_checked = now
        self._forget_before(now - self.catch_up - timedelta(days=2))
        return result

    def _follow_up(
        self,
        logged: set[SlotKey],
        today: date,
        now: datetime,
        result: CheckResult,
        never_missed: Callable[[DueReminder], bool],
    ) -> list[MissedSlot]:
        """The reminders shown or snoozed before: resolved once logged, missed once their day is over (unless
        ``never_missed``), a snoozed one back when its time is up. Returns the newly missed."""
        missed: list[MissedSlot] = []
        for key, reminder in list(self.pending.items()):
            if key in logged:
                result.resolved.append(key)
                del self.pending[key]
            elif reminder.day < today:
                if not never_missed(reminder):
                    missed.append(_missed(reminder))
                result.resolved.append(key)
                del self.pending[key]
        for key in list(self._snoozed):
            until, reminder = self._snoozed[key]
            if key in logged:
                del self._snoozed[key]
            elif reminder.day < today:
                del self._snoozed[key]
                if not never_missed(reminder):
                    missed.append(_missed(reminder))
            elif until <= now:
                del self._snoozed[key]
                again = replace(reminder, snoozed=True)
                self.pending[key] = again
                result.due.append(again)
        return missed

    def _slots_between(
        self,
        medications: Sequence[Medication],
        regimens: Mapping[int, Sequence[Regimen]],
        start: datetime,
        end: datetime,
    ) -> list[DueReminder]:
        """Every scheduled slot whose instant is in (start, end], oldest first."""
        found: list[DueReminder] = []
        day = self.local_day(start) - timedelta(days=1)
        last_day = self.local_day(end) + timedelta(days=1)
        while day <= last_day:
            for medication in medications:
                for regimen, slot in scheduled_slots(regimens.get(medication.id, ()), day):
                    instant = slot_instant(day, slot, self.zone)
                    if start < instant <= end:
                        found.append(
                            DueReminder(
                                medication.id, medication.name, day, slot, regimen.dose, regimen.unit, instant
                            )
                        )
            day += timedelta(days=1)
        found.sort(key=lambda r: (r.due_at, r.medication_name.lower()))
        return found

    def _forget_before(self, moment: datetime) -> None:
        oldest = self.local_day(moment)
        self._announced = {key for key in self._announced if key[1] >= oldest}
        self._reported_missed = {key for key in self._reported_missed if key[1] >= oldest}

    # -- acting on a reminder -------------------------------------------------------------------------------

    def snooze(self, key: SlotKey, minutes: int) -> datetime:
        """Hide a reminder for ``minutes``; it comes back (once) unless the dose is logged meanwhile."""
        reminder = self.pending.pop(key, None)
        if reminder is None:
            _, reminder = self._snoozed[key]
        until = self.now() + timedelta(minutes=minutes)
        self._snoozed[key] = (until, reminder)
        return until

    def acted(self, key: SlotKey) -> None:
        """The dose of this reminder was logged (taken or skipped)."""
        self.pending.pop(key, None)
        self._snoozed.pop(key, None)

    def snoozed_until(self, key: SlotKey) -> datetime | None:
        entry = self._snoozed.get(key)
        return entry[0] if entry else None

    def oldest_day(self, now: datetime) -> date:
        """The first day whose dose logs the next check needs."""
        days = [self.local_day(self.window_start(now))]
        days += [key[1] for key in self.pending] + [key[1] for key in self._snoozed]
        return min(days)

    def next_check_in(
        self,
        medications: Sequence[Medication],
        regimens: Mapping[int, Sequence[Regimen]],
        limit: timedelta = MAX_TIMER,
    ) -> timedelta:
        """How long the timer may wait: until the next slot or snooze, and never longer than ``limit``."""
        now = self.now()
        candidates = [until for until, _ in self._snoozed.values()]
        upcoming = self._slots_between(medications, regimens, now, now + limit)
        candidates += [r.due_at for r in upcoming]
        wait = min((c - now for c in candidates), default=limit)
        return max(timedelta(seconds=1), min(limit, wait))


def _came_due_unknown(regimens: Mapping[int, Sequence[Regimen]], slot: DueReminder, now: datetime) -> bool:
    """Whether ``slot`` came due before the journal knew its medication was being taken (never missed)."""
    steps = regimens.get(slot.medication_id, ())
    step = regimen_on(steps, slot.day)
    if step is None:
        return False
    return came_due_unknown(slot_moment(slot.day, slot.slot), now, known_since(steps, step))


def _missed(reminder: DueReminder) -> MissedSlot:
    return MissedSlot(
        reminder.medication_id,
        reminder.medication_name,
        reminder.day,
        reminder.slot,
        reminder.dose,
        reminder.unit,
    )
