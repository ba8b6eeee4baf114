"""Side effects in a period, against the 14 days before a medication's start (docs/clinical.md §3).

A severity-0 entry means "none": it is not a report. A day's severity for a symptom is the highest severity
logged for it that day. "New since start" = reported on or after the start date and never in the 14 days
before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from medjournal.domain.knowledge import side_effect_label
from medjournal.domain.records import SideEffect

BEFORE_START_DAYS = 14


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

    @property
    def mean_severity(self) -> float:
        return float(self.exact_mean_severity)


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
        if medication_start is not None:
            window_start = medication_start - timedelta(days=BEFORE_START_DAYS)
            before = sum(1 for day in days if window_start <= day < medication_start)
            after = sum(1 for day in days if day >= medication_start)
        current_start = end - timedelta(days=BEFORE_START_DAYS - 1)
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
                current_days=sum(1 for day in in_period if day >= current_start),
                new_since_start=None if medication_start is None else (after > 0 and before == 0),
            )
        )
    result.sort(key=lambda s: (-s.days, -s.max_severity, s.label.lower()))
    return result
