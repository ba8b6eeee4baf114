"""Joining two loaded ranges of the journal into one, so that many years can be read a chunk at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from medjournal.domain import instruments
from medjournal.report.trends.trend_data import (
    ActivitySeries,
    DailySeries,
    MedicationSeries,
    QuestionnaireSeries,
    TrendData,
)
from medjournal.report.trends.trend_measures import merge_measures, slice_measures


def merge_trend_data(older: TrendData, newer: TrendData) -> TrendData:
    """Join two loaded ranges that meet (``older.end`` is the day before ``newer.start``) into one.

    Each range was read with its own 6-day lead-in, so the 7-day averages at the seam are the same as if the
    whole span had been read at once.
    """
    if older.end + timedelta(days=1) != newer.start:
        raise ValueError("only adjacent ranges can be merged")
    symptoms, grid = _merge_grids(older, newer)
    return TrendData(
        start=older.start,
        end=newer.end,
        pain=_merge_series(older.pain, newer.pain),
        mood=_merge_series(older.mood, newer.mood),
        sleep=_merge_series(older.sleep, newer.sleep),
        medications=_merge_medications(older.medications, newer.medications),
        symptoms=symptoms,
        severity_grid=grid,
        grid_start=older.grid_start,
        questionnaires=_merge_questionnaires(older.questionnaires, newer.questionnaires),
        visits=newer.visits,
        data_span=newer.data_span,
        medication_records=newer.medication_records,
        regimens=newer.regimens,
        measures=merge_measures(older.measures, newer.measures),
        activities=_merge_activities(older.activities, newer.activities),
    )


def _sliced_extras(data: TrendData, low: int, high: int) -> dict[str, Any]:
    """The measures and the person's own activities between the ordinals ``low`` and ``high`` (inclusive)."""
    activities = []
    for one in data.activities:
        keep = (one.days >= low) & (one.days <= high)
        if keep.any():
            activities.append(ActivitySeries(one.name, one.days[keep], one.ratings[keep]))
    return {"measures": slice_measures(data.measures, low, high), "activities": activities}


def _merge_activities(older: list[ActivitySeries], newer: list[ActivitySeries]) -> list[ActivitySeries]:
    """Each of the person's activities with its ratings from both ranges, in the order they first appear."""
    joined: dict[str, ActivitySeries] = {}
    for one in [*older, *newer]:
        found = joined.get(one.name)
        if found is None:
            joined[one.name] = one
        else:
            joined[one.name] = ActivitySeries(
                one.name, np.concatenate([found.days, one.days]), np.concatenate([found.ratings, one.ratings])
            )
    return list(joined.values())


def _merge_series(a: DailySeries, b: DailySeries) -> DailySeries:
    return DailySeries(
        *(
            np.concatenate([getattr(a, f), getattr(b, f)])
            for f in ("days", "values", "counts", "average_days", "average")
        )
    )


def _merge_medications(
    older: Sequence[MedicationSeries], newer: Sequence[MedicationSeries]
) -> list[MedicationSeries]:
    """The newer range's medications, each with the older range's days in front of its own."""
    old_medications = {m.id: m for m in older}
    medications = []
    for med in newer:
        old = old_medications.get(med.id)
        if old is None:
            medications.append(med)
            continue
        medications.append(
            MedicationSeries(
                id=med.id,
                name=med.name,
                steps=med.steps,
                as_needed_moments=np.concatenate([old.as_needed_moments, med.as_needed_moments]),
                missed_days=np.concatenate([old.missed_days, med.missed_days]),
                taken_by_day={**old.taken_by_day, **med.taken_by_day},
                scheduled_by_day={**old.scheduled_by_day, **med.scheduled_by_day},
                skipped_by_day={**old.skipped_by_day, **med.skipped_by_day},
            )
        )
    return medications


def _merge_questionnaires(
    older: Sequence[QuestionnaireSeries], newer: Sequence[QuestionnaireSeries]
) -> list[QuestionnaireSeries]:
    old_questionnaires = {q.instrument: q for q in older}
    questionnaires = []
    for key in instruments.CHART_ORDER:
        parts = [
            q
            for q in (old_questionnaires.get(key), next((q for q in newer if q.instrument == key), None))
            if q
        ]
        if parts:
            questionnaires.append(
                QuestionnaireSeries(
                    key,
                    parts[0].title,
                    *(np.concatenate([getattr(p, f) for p in parts]) for f in ("days", "scores", "percent")),
                )
            )
    return questionnaires


def _merge_grids(older: TrendData, newer: TrendData) -> tuple[list[str], np.ndarray]:
    days_reported: Counter[str] = Counter()
    for data in (older, newer):
        for i, name in enumerate(data.symptoms):
            days_reported[name] += int((data.severity_grid[:, i] > 1).sum())
    names = sorted(days_reported, key=lambda name: (-days_reported[name], name.lower()))
    column = {name: i for i, name in enumerate(names)}
    days = [(older.end - older.start).days + 1, (newer.end - newer.start).days + 1]
    grid = np.zeros((sum(days), len(names)), dtype=np.uint8)
    for offset, data in ((0, older), (days[0], newer)):
        for i, name in enumerate(data.symptoms):
            grid[offset : offset + data.severity_grid.shape[0], column[name]] = data.severity_grid[:, i]
    return names, grid


def slice_trend_data(data: TrendData, start: date, end: date) -> TrendData:
    """The part of a loaded range between ``start`` and ``end`` (both inside it), as if read on its own."""
    if not (data.start <= start <= end <= data.end):
        raise ValueError("a slice must lie inside the loaded range")
    low, high = start.toordinal(), end.toordinal()

    def inside(days: np.ndarray) -> np.ndarray:
        whole = np.floor(days)
        keep: np.ndarray = (whole >= low) & (whole <= high)
        return keep

    def series(s: DailySeries) -> DailySeries:
        keep, keep_average = inside(s.days), inside(s.average_days)
        return DailySeries(
            s.days[keep],
            s.values[keep],
            s.counts[keep],
            s.average_days[keep_average],
            s.average[keep_average],
        )

    def by_day(values: dict[int, int]) -> dict[int, int]:
        return _days_between(values, low, high)

    medications = [
        MedicationSeries(
            id=m.id,
            name=m.name,
            steps=m.steps,
            as_needed_moments=m.as_needed_moments[inside(m.as_needed_moments)],
            missed_days=m.missed_days[inside(m.missed_days)],
            taken_by_day=by_day(m.taken_by_day),
            scheduled_by_day=by_day(m.scheduled_by_day),
            skipped_by_day=by_day(m.skipped_by_day),
        )
        for m in data.medications
    ]
    rows = data.severity_grid[low - data.grid_start : high - data.grid_start + 1]
    logged = [i for i in range(len(data.symptoms)) if rows[:, i].any()]  # symptoms logged in the slice
    questionnaires = []
    for q in data.questionnaires:
        keep = inside(q.days)
        if keep.any():
            questionnaires.append(
                QuestionnaireSeries(q.instrument, q.title, q.days[keep], q.scores[keep], q.percent[keep])
            )
    return replace(
        data,
        start=start,
        end=end,
        pain=series(data.pain),
        mood=series(data.mood),
        sleep=series(data.sleep),
        medications=medications,
        symptoms=[data.symptoms[i] for i in logged],
        severity_grid=np.ascontiguousarray(rows[:, logged]),
        grid_start=low,
        questionnaires=questionnaires,
        **_sliced_extras(data, low, high),
    )


def _days_between(values: dict[int, int], low: int, high: int) -> dict[int, int]:
    """The entries of ``values`` (day ordinal: count) from day ``low`` to day ``high``.

    A save splices a few days into twenty years, and the years around them are sliced out of what is loaded:
    walking every day in Python took most of that. The days to leave out are found in numpy and taken out of a
    copy (made in C) when they are few.

    >>> _days_between({5: 1, 7: 2, 9: 3}, 6, 9)
    {7: 2, 9: 3}
    """
    if not values:
        return {}
    days = np.fromiter(values, dtype=np.int64, count=len(values))
    outside = days[(days < low) | (days > high)]
    if len(outside) * 4 > len(values):
        return {day: n for day, n in values.items() if low <= day <= high}
    kept = dict(values)
    for day in outside.tolist():
        del kept[day]
    return kept


def splice_trend_data(data: TrendData, fresh: TrendData) -> TrendData:
    """``data`` with the days of ``fresh`` (a range inside it, read again after a change) put in their place.

    What is not tied to days (medications and their steps, visits, the journal's span) comes from ``fresh``.
    """
    if not data.covers(fresh.start, fresh.end):
        raise ValueError("only a range inside the loaded one can be spliced in")
    joined = fresh
    if fresh.start > data.start:
        joined = merge_trend_data(slice_trend_data(data, data.start, fresh.start - timedelta(days=1)), joined)
    if fresh.end < data.end:
        after = slice_trend_data(data, fresh.end + timedelta(days=1), data.end)
        joined = merge_trend_data(joined, replace(after, medications=_with_steps(after, fresh)))
    return replace(
        joined,
        visits=fresh.visits,
        data_span=fresh.data_span,
        medication_records=fresh.medication_records,
        regimens=fresh.regimens,
    )


def _with_steps(part: TrendData, fresh: TrendData) -> list[MedicationSeries]:
    """The medications of ``part`` with the names and steps of ``fresh`` (also ones ``part`` did not have)."""
    old = {m.id: m for m in part.medications}
    return [
        replace(old[m.id], name=m.name, steps=m.steps)
        if m.id in old
        else replace(
            m,
            as_needed_moments=np.zeros(0),
            missed_days=np.zeros(0),
            taken_by_day={},
            scheduled_by_day={},
            skipped_by_day={},
        )
        for m in fresh.medications
    ]
