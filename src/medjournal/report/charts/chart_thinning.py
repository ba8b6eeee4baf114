"""The summary's chart drawn at the resolution of the paper it is printed on (docs/summary.md, *Paper*).

A chart of 20 years at eight check-ins a day is some 7,300 days across about 900 pixels of plot: 12,500
as-needed doses and 5,300 treatment sessions were each drawn as a tick, one over another, and recording and
replaying those 18,000 symbols was a third of the time a summary of the whole history took. Where one pixel
column holds more than a day, each row keeps one mark per column, the first of it: what the page shows is
the same (a column with a dose, or a day in a gap, is still marked), and a period of up to about two years,
where a column holds a day or less, keeps every mark. The lines (pain, mood and sleep and their averages)
are left to pyqtgraph, whose own downsampling already draws them per pixel.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from medjournal.report.trends.trend_data import MedicationSeries, TrendData


def one_mark_per_column(values: np.ndarray, first: float, days_per_column: float) -> np.ndarray:
    """``values`` (sorted or not; day ordinals, fractional for a time of day) with at most one per column of
    ``days_per_column`` days counted from ``first``: the earliest of each column, in their order."""
    if days_per_column <= 1.0 or len(values) < 2:
        return values
    order = np.sort(values)
    columns = np.floor((order - first) / days_per_column)
    _, keep = np.unique(columns, return_index=True)
    return np.asarray(order[keep], dtype=float)


def thinned_to(data: TrendData, columns: int, first: date | None = None) -> TrendData:
    """``data`` with each medication row's as-needed ticks and gap marks thinned to ``columns`` pixel columns
    over ``first`` (default: the data's start) to its end."""
    start = (first or data.start).toordinal()
    days = data.end.toordinal() - start + 1
    per_column = days / max(columns, 1)
    if per_column <= 1.0:
        return data
    medications: list[MedicationSeries] = [
        replace(
            series,
            as_needed_moments=one_mark_per_column(series.as_needed_moments, start, per_column),
            missed_days=one_mark_per_column(series.missed_days, start, per_column),
        )
        for series in data.medications
    ]
    return replace(data, medications=medications)
