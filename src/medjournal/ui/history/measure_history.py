"""Measures in History: their row text and the fields of their edit dialog (docs/clinical.md §6.7).

A weight is shown and edited in the person's unit (``journal.weight_unit()``) and stored in kg: the edited
number goes to ``journal.update_entry`` with its unit, through the same check as a new measure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from medjournal.domain import measures
from medjournal.domain.records import Measure
from medjournal.i18n import _, format_decimal, ngettext

if TYPE_CHECKING:
    from medjournal.ui.history.entry_editor import EntryEditor
    from medjournal.ui.history.history_model import HistoryRow


def measure_details(entry: Measure, unit: str) -> str:
    """ "Weight 181.7 lb", "Blood pressure 128/84 mmHg, pulse 72", "Alcohol: 4 drinks in the 7 days"."""
    if entry.kind == measures.WEIGHT:
        return _("Weight {value} {unit}").format(
            value=format_decimal(measures.from_kg(entry.value, unit), 1), unit=unit
        )
    if entry.kind == measures.BLOOD_PRESSURE:
        text = _("Blood pressure {upper}/{lower} mmHg").format(
            upper=f"{entry.value:.0f}", lower=entry.diastolic
        )
        return text + (_(", pulse {pulse}").format(pulse=entry.pulse) if entry.pulse is not None else "")
    return ngettext(
        "Alcohol: {count} drink in the 7 days",
        "Alcohol: {count} drinks in the 7 days",
        1 if entry.value == 1 else 2,
    ).format(count=format_decimal(entry.value, 1))


def measure_row(entry: Measure, unit: str) -> HistoryRow:
    from medjournal.ui.history.history_model import HistoryRow

    return HistoryRow(
        "measures", entry.id, entry.day, "", measure_details(entry, unit), entry.note, entry.recorded_at
    )


def build_measure_fields(editor: EntryEditor, line: Callable[..., Any]) -> None:
    """The edit dialog's fields for one measure; ``line(key, label, text, aliases)`` adds a text field."""
    entry: Measure = editor.entry
    if entry.kind == measures.WEIGHT:
        unit = editor.journal.weight_unit()
        line(
            "value",
            _("&Weight ({unit})").format(unit=unit),
            format_decimal(measures.from_kg(entry.value, unit), 1),
        )
        editor.extra_changes = {"unit": unit}  # the typed weight is in this unit
    elif entry.kind == measures.BLOOD_PRESSURE:
        line("value", _("&Upper (systolic) pressure, mmHg"), f"{entry.value:.0f}")
        line("diastolic", _("&Lower (diastolic) pressure, mmHg"), str(entry.diastolic))
        line("pulse", _("&Pulse, beats a minute"), "" if entry.pulse is None else str(entry.pulse))
    else:
        line("value", _("&Drinks in the 7 days ending on the day"), format_decimal(entry.value, 1))
