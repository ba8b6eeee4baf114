"""Joining two loaded ranges of the journal into one, so that many years can be read a chunk at a time."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import numpy as np

from medjournal.report.trend_data import DailySeries, MedicationSeries, QuestionnaireSeries, TrendData


def merge_trend_data(older: TrendData, newer: TrendData) -> TrendData:
    """Join two loaded ranges that meet (``older.end`` is the day before ``newer.start``) into one.

    Each range was read with its own 6-day lead-in, so the 7-day averages at the seam are the same as if the
    whole span had been read at once.
    """
    if older.end + timedelta(days=1) != newer.start:
        raise ValueError("only adjacent ranges can be merged")

    def series(a: DailySeries, b: DailySeries) -> DailySeries:
        return DailySeries(
            *(
                np.concatenate([getattr(a, f), getattr(b, f)])
                for f in ("days", "values", "counts", "average_days", "average")
            )
        )

    old_medications = {m.id: m for m in older.medications}
    medications = []
    for med in newer.medications:
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
    symptoms, grid = _merge_grids(older, newer)
    old_questionnaires = {q.instrument: q for q in older.questionnaires}
    questionnaires = []
    for key in ("peg", "phq2", "phq9", "gad2", "pgic"):
        parts = [
            q
            for q in (
                old_questionnaires.get(key),
                next((q for q in newer.questionnaires if q.instrument == key), None),
            )
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
    return TrendData(
        start=older.start,
        end=newer.end,
        pain=series(older.pain, newer.pain),
        mood=series(older.mood, newer.mood),
        sleep=series(older.sleep, newer.sleep),
        medications=medications,
        symptoms=symptoms,
        severity_grid=grid,
        grid_start=older.grid_start,
        questionnaires=questionnaires,
        visits=newer.visits,
        data_span=newer.data_span,
        medication_records=newer.medication_records,
        regimens=newer.regimens,
    )


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
