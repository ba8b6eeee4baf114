"""The summary's chart at the paper's resolution (report/charts/chart_thinning.py): one as-needed tick and one gap
mark per pixel column where a column holds more than a day; every mark where it holds a day or less."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from medjournal.report.charts.chart_thinning import one_mark_per_column, thinned_to
from medjournal.report.trends.trend_data import DailySeries, MedicationSeries, TrendData

END = date(2026, 3, 15)


def data(days: int, moments: np.ndarray, missed: np.ndarray) -> TrendData:
    series = MedicationSeries(1, "Ibuprofen", [], moments, missed, {}, {}, {})
    return TrendData(
        start=END - timedelta(days=days - 1),
        end=END,
        pain=DailySeries(),
        mood=DailySeries(),
        sleep=DailySeries(),
        medications=[series],
        symptoms=[],
        severity_grid=np.zeros((0, 0), dtype=np.uint8),
        grid_start=0,
        questionnaires=[],
        visits=[],
        data_span=None,
    )


def test_one_mark_per_column_keeps_the_first_of_each_column_in_order() -> None:
    values = np.array([10.9, 10.2, 13.5, 11.0, 19.0, 14.1])
    # Columns of 4 days from day 10: [10, 14) holds 10.2, 10.9, 11.0, 13.5; [14, 18) 14.1; [18, 22) 19.0.
    assert one_mark_per_column(values, 10.0, 4.0).tolist() == [10.2, 14.1, 19.0]
    assert one_mark_per_column(values, 10.0, 1.0).tolist() == values.tolist()  # a day a column: all kept


def test_twenty_years_keep_a_mark_in_every_column_that_had_one_and_no_more() -> None:
    days = 7305
    first = (END - timedelta(days=days - 1)).toordinal()
    moments = np.array([first + d + h / 24 for d in range(0, days, 1) for h in (9, 14, 20)], dtype=float)
    missed = np.array([first + d for d in range(3, days, 40)], dtype=float)
    thinned = thinned_to(data(days, moments, missed), 900).medications[0]
    per_column = days / 900
    assert len(thinned.as_needed_moments) == 900  # a dose on every day: every column marked once
    columns = np.floor((thinned.as_needed_moments - first) / per_column)
    assert len(set(columns.tolist())) == len(columns)
    assert len(thinned.missed_days) == len(missed)  # gap days 40 days apart: each in its own column


def test_ninety_days_keep_every_mark() -> None:
    first = (END - timedelta(days=89)).toordinal()
    moments = np.array([first + d + 0.5 for d in range(90)] * 2, dtype=float)
    kept = thinned_to(data(90, moments, np.array([first + 3.0])), 900).medications[0]
    assert kept.as_needed_moments is moments
