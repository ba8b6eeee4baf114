"""A medication's scheduled slots for an import, each day's worked out once (docs/csv-import.md, *Matching a dose
to its slot*).

An imported dose goes to the scheduled slot nearest its moment within ``schedule.MATCH_WINDOW``, on its day or the
day before (a bedtime dose taken after midnight). A file holds years of doses of a few medications: the slots of a
day, the step active on it and the times of its slots are the same for every dose of that day, so they are found
once per day and medication instead of once per row. The answers are those of ``csv_plan.nearest_slot`` and
``schedule.regimen_on`` (``tests/test_csv_slots.py`` holds them to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from medjournal.domain import schedule
from medjournal.domain.records import Regimen

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=2048)
def _clock(slot: str) -> time:
    return datetime.strptime(slot, "%H:%M").time()


class SlotIndex:
    """The scheduled slots of one medication's dose steps (``regimens``), by day."""

    def __init__(self, regimens: Sequence[Regimen]) -> None:
        self._regimens = tuple(regimens)
        self.first_day: date | None = min((r.start_date for r in self._regimens), default=None)
        self._steps: dict[date, Regimen | None] = {}
        self._slots: dict[date, tuple[tuple[datetime, str], ...]] = {}

    def __bool__(self) -> bool:
        return bool(self._regimens)

    def regimen_on(self, day: date) -> Regimen | None:
        """``schedule.regimen_on`` of the steps on ``day``."""
        try:
            return self._steps[day]
        except KeyError:
            found = self._steps[day] = schedule.regimen_on(self._regimens, day)
            return found

    def slots_on(self, day: date) -> tuple[tuple[datetime, str], ...]:
        """The scheduled slots of ``day`` (``schedule.scheduled_slots``), each with its moment on that day."""
        try:
            return self._slots[day]
        except KeyError:
            step = self.regimen_on(day)
            slots = (
                ()
                if step is None or step.as_needed
                else tuple((datetime.combine(day, _clock(slot)), slot) for slot in step.times)
            )
            self._slots[day] = slots
            return slots

    def nearest(self, moment: datetime) -> tuple[date, str] | None:
        """The scheduled slot nearest ``moment`` (its wall-clock time) within the match window, on its day or the
        day before; on a tie the first found (the day before, then the step's order of times)."""
        if not self._regimens:
            return None
        local = moment.replace(tzinfo=None)
        best: tuple[timedelta, date, str] | None = None
        for day in (local.date() - _ONE_DAY, local.date()):
            for slot_at, slot in self.slots_on(day):
                distance = abs(local - slot_at)
                if distance <= schedule.MATCH_WINDOW and (best is None or distance < best[0]):
                    best = (distance, day, slot)
        return None if best is None else (best[1], best[2])
