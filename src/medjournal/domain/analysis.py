"""The numbers behind the Trends view and the doctor summary (docs/clinical.md §5), as plain Python.

One import for every consumer; the work is split by purpose:

- :mod:`medjournal.domain.series`: daily means (missing days absent), rolling averages, exact arithmetic;
- :mod:`medjournal.domain.response`: baseline vs current windows, change, IMMPACT category, 2-point check;
- :mod:`medjournal.domain.adherence`: scheduled slots, taken/skipped/not recorded, gaps, lower doses;
- :mod:`medjournal.domain.effects`: side effects with "new since start";
- :mod:`medjournal.domain.flags`: the safety flags shown first on the summary.

>>> from datetime import date
>>> from medjournal.domain.records import CheckIn, Medication, Regimen
>>> med = Medication(1, "duloxetine")
>>> steps = [Regimen(1, 1, date(2026, 2, 1), None, 30.0, "mg", ("08:00",))]
>>> ratings = [CheckIn(i, date(2026, 1, 18 + i), "09:00", 6) for i in range(14)]
>>> ratings += [CheckIn(100 + i, date(2026, 3, 2 + i), "09:00", 4) for i in range(14)]
>>> response_for(ComparisonSpan(med, steps, date(2026, 3, 15)), ratings).describe()
'Pain 6.0 → 4.0 (−33%): meaningful improvement, 14 and 14 rated days'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from medjournal.domain.adherence import Adherence, Gap, LowerDose, adherence_for
from medjournal.domain.effects import SideEffectSummary, side_effect_summary
from medjournal.domain.records import CheckIn
from medjournal.domain.response import (
    CATEGORIES,
    MIN_RATED_DAYS,
    WINDOW_DAYS,
    ComparisonSpan,
    Course,
    Response,
    Window,
    category_for,
    compare,
    courses,
    evaluated_start,
    peg_response_for,
    response_for,
)
from medjournal.domain.series import (
    daily_exact,
    daily_means,
    days_between,
    questionnaire_daily_exact,
    questionnaire_series,
    rolling_mean,
    round_half_up,
)


@dataclass(frozen=True)
class Completeness:
    days_in_period: int
    days_with_ratings: int

    @property
    def fraction(self) -> float | None:
        return self.days_with_ratings / self.days_in_period if self.days_in_period else None


def completeness(checkins: Iterable[CheckIn], start: date, end: date, field: str = "pain") -> Completeness:
    """Days with a rating of ``field`` in the period / days in the period."""
    rated = {day for day in daily_exact(checkins, field) if start <= day <= end}
    return Completeness(days_in_period=days_between(start, end), days_with_ratings=len(rated))


__all__ = [
    "CATEGORIES",
    "MIN_RATED_DAYS",
    "WINDOW_DAYS",
    "Adherence",
    "ComparisonSpan",
    "Completeness",
    "Course",
    "Gap",
    "LowerDose",
    "Response",
    "SideEffectSummary",
    "Window",
    "adherence_for",
    "category_for",
    "compare",
    "completeness",
    "courses",
    "daily_exact",
    "daily_means",
    "days_between",
    "evaluated_start",
    "peg_response_for",
    "questionnaire_daily_exact",
    "questionnaire_series",
    "response_for",
    "rolling_mean",
    "round_half_up",
    "side_effect_summary",
]
