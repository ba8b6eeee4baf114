"""Rescue painkillers: how often an as-needed medication was used before the start and now (docs/clinical.md §5.7).

Less rescue medication at the same pain is a benefit of the medication under evaluation; more is a warning sign. For
each as-needed medication the summary compares the same two windows as the pain score: the 14 days before the
evaluated start and the last 14 days of the period. Use is counted from doses logged as taken, as days with use
per week and doses per week; a dose typed in later counts on the day it was taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from medjournal.domain.records import DoseLog

DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class WindowUse:
    first: date
    last: date
    days: int  # days with at least one dose taken
    doses: int  # doses taken

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def exact_days_per_week(self) -> Fraction:
        return Fraction(self.days * DAYS_PER_WEEK, self.length)

    @property
    def exact_doses_per_week(self) -> Fraction:
        return Fraction(self.doses * DAYS_PER_WEEK, self.length)


@dataclass(frozen=True)
class RescueUse:
    medication_id: int
    name: str
    before: WindowUse | None  # None when the evaluated medication has no baseline window
    now: WindowUse


def window_use(logs: Sequence[DoseLog], first: date, last: date) -> WindowUse:
    """Doses taken from ``first`` to ``last`` (skips are not use).

    >>> from medjournal.domain.records import DoseLog
    >>> log = lambda day: DoseLog(1, date(2026, 3, day), 2, None, "", "taken")
    >>> use = window_use([log(2), log(2), log(5)], date(2026, 3, 1), date(2026, 3, 14))
    >>> use.days, use.doses, float(use.exact_days_per_week), float(use.exact_doses_per_week)
    (2, 3, 1.0, 1.5)
    """
    taken = [log for log in logs if log.status == "taken" and first <= log.day <= last]
    return WindowUse(first, last, days=len({log.day for log in taken}), doses=len(taken))


def rescue_use(
    medication_id: int,
    name: str,
    logs: Sequence[DoseLog],
    baseline: tuple[date, date] | None,
    current: tuple[date, date],
) -> RescueUse:
    before = window_use(logs, *baseline) if baseline is not None else None
    return RescueUse(medication_id, name, before, window_use(logs, *current))
