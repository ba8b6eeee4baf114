"""same_values: a chart lane keeps what it shows only when its new series hold exactly the same values."""

from __future__ import annotations

from datetime import date

import numpy as np

from medjournal.report.trends.trend_compare import same_values
from medjournal.report.trends.trend_data import DailySeries, DoseStep, MedicationSeries


def medication(taken: dict[int, int], moments: list[float]) -> MedicationSeries:
    step = DoseStep(date(2026, 1, 1), None, 60.0, "mg", False, ("08:00",))
    return MedicationSeries(1, "Duloxetine", [step], np.array(moments), np.zeros(0), taken, {}, {})


def test_equal_values_are_the_same_and_any_one_difference_is_not() -> None:
    series = DailySeries(
        np.array([1.0, 2.0]), np.array([5.0, np.nan]), np.array([1, 1]), np.array([2.0]), np.array([5.0])
    )
    copy = DailySeries(
        *(np.array(getattr(series, f)) for f in ("days", "values", "counts", "average_days", "average"))
    )
    assert same_values((series, date(2026, 3, 15)), (copy, date(2026, 3, 15)))  # NaN where NaN: the same
    assert not same_values((series, date(2026, 3, 15)), (copy, date(2026, 3, 14)))
    copy.values[0] = 6.0
    assert not same_values(series, copy)
    assert not same_values(np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0]))
    assert not same_values(np.array([1.0]), [1.0])


def test_medications_compare_their_days_and_doses() -> None:
    one = [medication({738000: 2, 738001: 1}, [738000.5])]
    assert same_values(one, [medication({738001: 1, 738000: 2}, [738000.5])])
    assert not same_values(one, [medication({738000: 2, 738001: 2}, [738000.5])])
    assert not same_values(one, [medication({738000: 2}, [738000.5])])
    assert not same_values(one, [medication({738000: 2, 738001: 1}, [738000.75])])
    assert not same_values(one, [*one, *one])
    assert not same_values({"a": np.array([1, 2])}, {"a": np.array([1, 3])})  # arrays among a dict's values
    assert same_values({"a": np.array([1, 2])}, {"a": np.array([1, 2])})
