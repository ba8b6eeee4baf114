"""The measures lane's data for Trends: weight, blood pressure with pulse and drinks a week as daily series (no Qt).

A day's value is the mean of that day's readings, as on the summary (report/summary/measure_change.py). Weights stay in
kg here; the lane and its readout show them in the person's unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

import numpy as np

from medjournal.domain import measures
from medjournal.domain.records import Measure
from medjournal.i18n import _, format_decimal, ngettext

EMPTY = np.zeros(0)


def _empty() -> np.ndarray:
    return EMPTY


@dataclass
class MeasureSeries:
    """Ordinals of days with a reading of each kind, and the day's mean (NaN for a pulse not given)."""

    weight_days: np.ndarray = field(default_factory=_empty)
    weight_kg: np.ndarray = field(default_factory=_empty)
    pressure_days: np.ndarray = field(default_factory=_empty)
    systolic: np.ndarray = field(default_factory=_empty)
    diastolic: np.ndarray = field(default_factory=_empty)
    pulse: np.ndarray = field(default_factory=_empty)
    alcohol_days: np.ndarray = field(default_factory=_empty)
    drinks: np.ndarray = field(default_factory=_empty)
    unit: str = "kg"  # the unit weights are shown in (the lane and the readout convert)

    def __bool__(self) -> bool:
        return bool(len(self.weight_days) or len(self.pressure_days) or len(self.alcohol_days))

    def on(self, day: int) -> dict[str, float]:
        """The day's values by name (weight_kg, systolic, diastolic, pulse, drinks); only those recorded."""
        found: dict[str, float] = {}
        for days, names in (
            (self.weight_days, ("weight_kg",)),
            (self.pressure_days, ("systolic", "diastolic", "pulse")),
            (self.alcohol_days, ("drinks",)),
        ):
            index = int(np.searchsorted(days, day))
            if index < len(days) and days[index] == day:
                for name in names:
                    value = float(getattr(self, name)[index])
                    if not np.isnan(value):
                        found[name] = value
        return found


def _means(entries: Sequence[Measure], field_name: str) -> dict[date, float]:
    by_day: dict[date, list[float]] = defaultdict(list)
    for entry in entries:
        value = getattr(entry, field_name)
        if value is not None:
            by_day[entry.day].append(float(value))
    return {day: fmean(values) for day, values in by_day.items()}


def measure_series(entries: Sequence[Measure], unit: str = "kg") -> MeasureSeries:
    """Daily means of ``entries`` (any order, any kinds); weights to be shown in ``unit``."""

    def kind(name: str) -> list[Measure]:
        return [e for e in entries if e.kind == name]

    def arrays(found: dict[date, float], days: Sequence[date]) -> np.ndarray:
        return np.asarray([found.get(day, np.nan) for day in days], dtype=float)

    def ordinals(days: Sequence[date]) -> np.ndarray:
        return np.asarray([day.toordinal() for day in days], dtype=float)

    weights = _means(kind(measures.WEIGHT), "value")
    pressures = kind(measures.BLOOD_PRESSURE)
    upper, lower, pulse = (_means(pressures, name) for name in ("value", "diastolic", "pulse"))
    drinks = _means(kind(measures.ALCOHOL), "value")
    weight_days, pressure_days, alcohol_days = sorted(weights), sorted(upper), sorted(drinks)
    return MeasureSeries(
        ordinals(weight_days),
        arrays(weights, weight_days),
        ordinals(pressure_days),
        arrays(upper, pressure_days),
        arrays(lower, pressure_days),
        arrays(pulse, pressure_days),
        ordinals(alcohol_days),
        arrays(drinks, alcohol_days),
        unit,
    )


_GROUPS = (
    ("weight_days", ("weight_kg",)),
    ("pressure_days", ("systolic", "diastolic", "pulse")),
    ("alcohol_days", ("drinks",)),
)


def merge_measures(older: MeasureSeries, newer: MeasureSeries) -> MeasureSeries:
    """Two adjacent ranges' series joined (the older range's days all come before the newer's)."""
    values = {
        name: np.concatenate([getattr(older, name), getattr(newer, name)])
        for days, names in _GROUPS
        for name in (days, *names)
    }
    return MeasureSeries(**values, unit=newer.unit)


def slice_measures(series: MeasureSeries, low: int, high: int) -> MeasureSeries:
    """The days from ordinal ``low`` to ``high``."""
    values: dict[str, np.ndarray] = {}
    for days, names in _GROUPS:
        all_days = getattr(series, days)
        keep = (all_days >= low) & (all_days <= high)
        values[days] = all_days[keep]
        for name in names:
            values[name] = getattr(series, name)[keep]
    return MeasureSeries(**values, unit=series.unit)


def measures_on(series: MeasureSeries, day: int) -> list[str]:
    """The readout's words for the measures of the day with ordinal ``day``: "weight 181.7 lb",
    "blood pressure 128/84, pulse 72", "4 drinks in the 7 days"."""
    found = series.on(day)
    parts = []
    if "weight_kg" in found:
        weight = format_decimal(measures.from_kg(found["weight_kg"], series.unit), 1)
        parts.append(_("weight {value} {unit}").format(value=weight, unit=series.unit))
    if "systolic" in found:
        text = _("blood pressure {upper}/{lower}").format(
            upper=f"{found['systolic']:.0f}", lower=f"{found.get('diastolic', 0):.0f}"
        )
        if "pulse" in found:
            text += ", " + _("pulse {pulse}").format(pulse=f"{found['pulse']:.0f}")
        parts.append(text)
    if "drinks" in found:
        drinks = found["drinks"]
        parts.append(
            ngettext("{count} drink in 7 days", "{count} drinks in 7 days", 1 if drinks == 1 else 2).format(
                count=format_decimal(drinks, 1)
            )
        )
    return parts
