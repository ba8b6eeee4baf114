"""Weight, blood pressure and drinks per week before → now, in the windows of the response (docs/clinical.md §6.7):
the data for the summary's JSON, and the one line page 1 and the command line's words print from that JSON.

A window's value is the mean of its days' values, a day's value the mean of that day's readings; one reading in a
window is enough. A measure is shown only when a window holds a reading of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from statistics import fmean
from typing import TYPE_CHECKING

from medjournal.domain import measures
from medjournal.domain.records import Measure
from medjournal.i18n import N_, _, format_decimal
from medjournal.report.summary.summary_types import MeasureDoc, MeasureWindowDoc

if TYPE_CHECKING:
    from medjournal.report.summary.summary import MedicationSummary
    from medjournal.storage.journal import Journal

Window = tuple[date, date]


@dataclass(frozen=True)
class MeasureWindow:
    first: date
    last: date
    readings: int
    value: float | None  # kg, the upper pressure, or drinks a week; None without a reading
    diastolic: float | None = None
    pulse: float | None = None


@dataclass(frozen=True)
class MeasureChange:
    kind: str
    before: MeasureWindow | None  # None when the medication has no baseline window
    now: MeasureWindow
    unit: str = "kg"  # the unit a weight is shown in (the journal's weight_unit)


def _daily_mean(entries: Sequence[Measure], field: str) -> float | None:
    by_day: dict[date, list[float]] = {}
    for entry in entries:
        value = getattr(entry, field)
        if value is not None:
            by_day.setdefault(entry.day, []).append(float(value))
    return fmean(fmean(values) for values in by_day.values()) if by_day else None


def _window(entries: Sequence[Measure], kind: str, span: Window) -> MeasureWindow:
    inside = [e for e in entries if e.kind == kind and span[0] <= e.day <= span[1]]
    return MeasureWindow(
        span[0],
        span[1],
        len(inside),
        _daily_mean(inside, "value"),
        _daily_mean(inside, "diastolic"),
        _daily_mean(inside, "pulse"),
    )


def measure_changes(
    entries: Sequence[Measure], baseline: Window | None, current: Window, unit: str = "kg"
) -> tuple[MeasureChange, ...]:
    """Each kind with a reading in either window, in the order weight, blood pressure, alcohol."""
    changes = []
    for kind in measures.KINDS:
        before = _window(entries, kind, baseline) if baseline is not None else None
        now = _window(entries, kind, current)
        if now.readings or (before is not None and before.readings):
            changes.append(MeasureChange(kind, before, now, unit))
    return tuple(changes)


def with_measures(
    journal: Journal, summaries: list[MedicationSummary], last: date, earliest: date
) -> list[MedicationSummary]:
    """Each medication under evaluation gets the measures of its two windows: the last 14 days up to ``last`` and
    the 14 days before its start (report/summary/comparison.py, with ``earliest`` as there)."""
    from medjournal.report.summary.comparison import baseline_window, current_window

    current = current_window(last)
    unit = journal.weight_unit()

    def baseline_of(summary: MedicationSummary) -> Window | None:
        return baseline_window(summary.steps, last, earliest)

    result = []
    read: dict[Window, list[Measure]] = {}
    for summary in summaries:
        if summary.under_evaluation:
            spans = [current, *([b] if (b := baseline_of(summary)) is not None else [])]
            for span in spans:
                if span not in read:
                    read[span] = journal.measures(*span)
            entries = list({e.id: e for span in spans for e in read[span]}.values())
            changes = measure_changes(entries, baseline_of(summary), current, unit)
            if changes:
                summary = replace(summary, measures=changes)
        result.append(summary)
    return result


# -- the JSON and the words ---------------------------------------------------------------------------------


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def _window_json(window: MeasureWindow | None, kind: str, unit: str) -> MeasureWindowDoc | None:
    if window is None:
        return None
    item: MeasureWindowDoc = {
        "start": window.first.isoformat(),
        "end": window.last.isoformat(),
        "readings": window.readings,
    }
    if kind == measures.WEIGHT:
        value = None if window.value is None else measures.from_kg(window.value, unit)
        item["value"] = _rounded(value, 1)
    elif kind == measures.BLOOD_PRESSURE:
        item["systolic"] = _whole(window.value)
        item["diastolic"] = _whole(window.diastolic)
        item["pulse"] = _whole(window.pulse)
    else:
        item["value"] = _rounded(window.value, 1)
    return item


UNITS = {measures.WEIGHT: "kg", measures.BLOOD_PRESSURE: "mmHg", measures.ALCOHOL: N_("drinks/week")}


def measures_json(changes: Sequence[MeasureChange]) -> list[MeasureDoc]:
    """``[{"kind", "unit", "before", "now"}]``: numbers in the unit shown (a weight in the person's kg or lb),
    rounded as printed."""
    return [
        {
            "kind": change.kind,
            "unit": change.unit if change.kind == measures.WEIGHT else UNITS[change.kind],
            "before": _window_json(change.before, change.kind, change.unit),
            "now": _window_json(change.now, change.kind, change.unit),
        }
        for change in changes
    ]


def _said(item: MeasureWindowDoc | None, kind: str) -> str:
    if not item or not item["readings"]:
        return _("no reading")
    if kind == measures.BLOOD_PRESSURE:
        return f"{item.get('systolic')}/{item.get('diastolic')}"
    return format_decimal(float(item.get("value") or 0), 1)


def measures_text(items: Sequence[MeasureDoc]) -> str:
    """ "Measures before → now: Weight 82.4 → 84.1 kg · Blood pressure 128/84 → 131/86 · Alcohol 4 → 2
    drinks/week" from the summary JSON's ``measures`` ("" without any)."""
    parts = []
    for item in items:
        kind = item["kind"]
        before, now = item["before"], item["now"]
        change = f"{_said(before, kind)} → {_said(now, kind)}"
        unit = _(item["unit"])
        if kind != measures.BLOOD_PRESSURE and not all(
            isinstance(w, Mapping) and w.get("readings") for w in (before, now)
        ):
            # One side has no reading: the unit goes with the number ("181.7 lb → no reading").
            change = " → ".join(
                f"{_said(w, kind)} {unit}" if isinstance(w, Mapping) and w.get("readings") else _said(w, kind)
                for w in (before, now)
            )
            unit = ""
        if kind == measures.WEIGHT:
            parts.append(_("Weight {change} {unit}").format(change=change, unit=unit).strip())
        elif kind == measures.BLOOD_PRESSURE:
            text = _("Blood pressure {change}").format(change=change)
            pulses = [w.get("pulse") if isinstance(w, Mapping) else None for w in (before, now)]
            if all(p is not None for p in pulses):
                text += " " + _("(pulse {before} → {now})").format(before=pulses[0], now=pulses[1])
            parts.append(text)
        elif kind == measures.ALCOHOL:
            parts.append(_("Alcohol {change} {unit}").format(change=change, unit=unit).strip())
    if not parts:
        return ""
    return _("Measures before → now: {measures}").format(measures=" · ".join(parts))
