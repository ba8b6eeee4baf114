"""Side effects in a period, against the 14 days before a medication's start (docs/clinical.md §3).

A severity-0 entry means "none": it is not a report. A day's severity for a symptom is the highest severity
logged for it that day. "New since start" = reported on or after the start date and never in the 14 days
before it.

The course of each symptom (docs/clinical.md §3): how often it was reported in the 14 days before the start and
since the start, both as days per 14 days (the rate since the start only once 14 days have passed since it, so
that one day's report is never read as "14 days per 14"); how many of the period's last 14 days; the last day; and
its :class:`Course`, typed: a :class:`Trend` (new since start; more often since start: at least half as often
again and at least 1 more day per 14 days; less often since start: at most half as often; as before the start)
and whether it stopped (not reported in the last 14 days of the period). Readers format words from these fields
(:func:`course_words` gives the summary JSON's English ones, "stopped (last YYYY-MM-DD)" among them), never the
other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from fractions import Fraction

from medjournal.domain.knowledge import side_effect_label
from medjournal.domain.records import SideEffect
from medjournal.i18n import N_

BEFORE_START_DAYS = 14


class Trend(Enum):
    """How often a symptom is reported since the medication's start against the 14 days before it."""

    NEW = "new_since_start"
    MORE_OFTEN = "more_often"
    LESS_OFTEN = "less_often"
    AS_BEFORE = "as_before"


TREND_WORDS = {
    Trend.NEW: N_("new since start"),
    Trend.MORE_OFTEN: N_("more often since start"),
    Trend.LESS_OFTEN: N_("less often since start"),
    Trend.AS_BEFORE: N_("as before the start"),
}


@dataclass(frozen=True)
class Course:
    """A symptom's course: its trend (None with no start to compare with, or too few days since it) and the last
    day it was reported when it stopped (not reported in the period's last 14 days), else None."""

    trend: Trend | None = None
    stopped_after: date | None = None


@dataclass(frozen=True)
class SideEffectSummary:
    symptom: str  # the checklist key or the person's own words
    label: str
    days: int  # days reported (severity above 0) in the period
    exact_mean_severity: Fraction
    max_severity: int
    first_day: date
    last_day: date
    days_before_start: int  # days reported in the 14 days before the start (0 when no start is known)
    current_days: int  # days reported in the last 14 days of the period (the response's current window)
    new_since_start: bool | None  # None when there is no start date to compare with
    exact_per_14_since_start: Fraction | None = (
        None  # days reported per 14 days from the start to the period's end
    )
    course: Course = Course()

    @property
    def mean_severity(self) -> float:
        return float(self.exact_mean_severity)


MORE_OFTEN_RATIO = Fraction(3, 2)
MORE_OFTEN_MIN_DAYS = 1  # per 14 days, so that 0.2 → 0.4 days is not "more often"
LESS_OFTEN_RATIO = Fraction(1, 2)


def course_of(
    before: int, per_14_since: Fraction | None, current_days: int, last_day: date, new: bool | None
) -> Course:
    """A symptom's course from its days before the start, its rate since, and its last 14 days.

    >>> course_of(3, Fraction(19 * 14, 56), 5, date(2026, 5, 1), False)  # 3 → 4.75 days per 14
    Course(trend=<Trend.MORE_OFTEN: 'more_often'>, stopped_after=None)
    """
    trend: Trend | None = None
    if new:
        trend = Trend.NEW
    elif new is not None and per_14_since is not None:
        if per_14_since >= before * MORE_OFTEN_RATIO and per_14_since - before >= MORE_OFTEN_MIN_DAYS:
            trend = Trend.MORE_OFTEN
        elif per_14_since <= before * LESS_OFTEN_RATIO:
            trend = Trend.LESS_OFTEN
        else:
            trend = Trend.AS_BEFORE
    return Course(trend, last_day if current_days == 0 else None)


def course_words(course: Course) -> tuple[str, ...]:
    """The course in the summary JSON's English words, most telling first (docs/summary-format.md).

    >>> course_words(Course(Trend.NEW, date(2026, 3, 20)))
    ('new since start', 'stopped (last 2026-03-20)')
    """
    words = [TREND_WORDS[course.trend]] if course.trend is not None else []
    if course.stopped_after is not None:
        words.append(f"stopped (last {course.stopped_after.isoformat()})")
    return tuple(words)


def side_effect_summary(
    side_effects: Iterable[SideEffect], start: date, end: date, medication_start: date | None
) -> list[SideEffectSummary]:
    """One line per symptom reported from ``start`` to ``end``, most days first.

    ``side_effects`` should also hold the entries of the 14 days before ``medication_start`` (and any after
    the start that fall before the period) for "new since start" to be judged.
    """
    per_day: dict[str, dict[date, int]] = {}
    for entry in side_effects:
        if entry.severity <= 0:
            continue
        days = per_day.setdefault(entry.symptom, {})
        days[entry.day] = max(days.get(entry.day, 0), int(entry.severity))
    result: list[SideEffectSummary] = []
    for symptom, days in per_day.items():
        in_period = {day: sev for day, sev in days.items() if start <= day <= end}
        if not in_period:
            continue
        before = after = 0
        per_14_since: Fraction | None = None
        if medication_start is not None:
            window_start = medication_start - timedelta(days=BEFORE_START_DAYS)
            before = sum(1 for day in days if window_start <= day < medication_start)
            after = sum(1 for day in days if day >= medication_start)
            span = (end - medication_start).days + 1
            # A rate per 14 days from fewer days would be a guess: one day read as "14.0".
            if span >= BEFORE_START_DAYS:
                since = sum(1 for day in days if medication_start <= day <= end)
                per_14_since = Fraction(since * BEFORE_START_DAYS, span)
        current_start = end - timedelta(days=BEFORE_START_DAYS - 1)
        current_days = sum(1 for day in in_period if day >= current_start)
        new = None if medication_start is None else (after > 0 and before == 0)
        severities = list(in_period.values())
        result.append(
            SideEffectSummary(
                symptom=symptom,
                label=side_effect_label(symptom),
                days=len(in_period),
                exact_mean_severity=Fraction(sum(severities), len(severities)),
                max_severity=max(severities),
                first_day=min(in_period),
                last_day=max(in_period),
                days_before_start=before,
                current_days=current_days,
                new_since_start=new,
                exact_per_14_since_start=per_14_since,
                course=course_of(before, per_14_since, current_days, max(in_period), new),
            )
        )
    result.sort(key=lambda s: (-s.days, -s.max_severity, s.label.lower()))
    return result
