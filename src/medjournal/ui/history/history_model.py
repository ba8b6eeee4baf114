"""The History list as a Qt model: one row per entry, grouped by day, newest first.

Rows are plain data loaded for a date range through the Journal API; filtering by text and kind happens here
in Python (a few thousand rows filter in milliseconds), so the view stays one QTableView however long the
journal is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from medjournal.domain import instruments, knowledge
from medjournal.domain.activities import ActivityRating
from medjournal.domain.records import (
    TREATMENT_LABELS,
    CheckIn,
    DoseLog,
    QuestionnaireResult,
    Refill,
    SideEffect,
    Treatment,
    Visit,
)
from medjournal.i18n import N_, _, format_decimal
from medjournal.storage.journal import Journal
from medjournal.ui.history.long_words import breakable
from medjournal.ui.history.measure_history import measure_row
from medjournal.ui.history.record_forms import day_text, moment_day, moment_text

# The kinds a person can filter by: table name -> label (in the order the filter shows them).
KINDS: dict[str, str] = {
    "checkins": N_("Check-ins"),
    "dose_logs": N_("Doses"),
    "side_effects": N_("Side effects"),
    "questionnaires": N_("Questionnaires"),
    "treatments": N_("Treatments"),
    "measures": N_("Measures"),
    "activity_ratings": N_("Own activities"),
    "refills": N_("Refills"),
    "visits": N_("Visits"),
}
KIND_SINGULAR: dict[str, str] = {
    "checkins": N_("Check-in"),
    "dose_logs": N_("Dose"),
    "side_effects": N_("Side effect"),
    "questionnaires": N_("Questionnaire"),
    "treatments": N_("Treatment"),
    "measures": N_("Measure"),
    "activity_ratings": N_("Own activity"),
    "refills": N_("Refill"),
    "visits": N_("Visit"),
}
# The same kinds in a phrase ("Edit check-in of …", the undo banner's "check-in of …").
KIND_PHRASE: dict[str, str] = {
    "checkins": N_("check-in"),
    "dose_logs": N_("dose"),
    "side_effects": N_("side effect"),
    "questionnaires": N_("questionnaire"),
    "treatments": N_("treatment"),
    "measures": N_("measure"),
    "activity_ratings": N_("own activity rating"),
    "refills": N_("refill"),
    "visits": N_("visit"),
}
IMPORT_SOURCE_NAMES = {"csv": "CSV", "medtimer": "MedTimer"}
COLUMNS = (N_("Day"), N_("Time"), N_("Kind"), N_("Entry"), N_("Note"), N_("Recorded"))
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class HistoryRow:
    table: str
    entry_id: int
    day: date
    time: str  # "HH:MM" or ""
    details: str
    note: str
    recorded_at: str
    source: str = ""  # the import that brought it ('' for entries made here; docs/csv-import.md)

    @property
    def imported(self) -> str:
        """ "imported (CSV)" / "imported (MedTimer)" for an imported entry, else ''."""
        if not self.source:
            return ""
        return _("imported ({source})").format(source=IMPORT_SOURCE_NAMES.get(self.source, self.source))

    @property
    def kind(self) -> str:
        return _(KIND_SINGULAR[self.table])

    @property
    def recorded_later(self) -> bool:
        """Entered on a later day than the day it is about (a missed day filled in afterwards)."""
        return bool(self.recorded_at) and self.recorded_at[:10] > self.day.isoformat()

    @property
    def search_text(self) -> str:
        return f"{self.kind} {self.details} {self.note} {self.day.isoformat()} {self.imported}".lower()

    def describe(self) -> str:
        """A short phrase for the undo banner, e.g. ``check-in of Sun 15 Mar 2026``."""
        return _("{kind} of {day}").format(kind=_(KIND_PHRASE[self.table]), day=day_text(self.day))


def _clock(moment: str) -> str:
    return moment[11:16] if len(moment) >= 16 else ""


def _rating(label: str, value: int | None) -> str | None:
    return None if value is None else _("{what} {value}").format(what=label, value=value)


def _number(value: float | None) -> str:
    return "" if value is None else format_decimal(value, 3)


def checkin_details(entry: CheckIn) -> str:
    parts = [_rating(_("Pain"), entry.pain), _rating(_("mood"), entry.mood), _rating(_("sleep"), entry.sleep)]
    if entry.sleep_hours is not None:
        parts.append(_("{hours} h slept").format(hours=_number(entry.sleep_hours)))
    if entry.locations:
        parts.append("; ".join(knowledge.body_area_label(key) for key in entry.locations))
    text = " · ".join(p for p in parts if p)
    if entry.self_harm_thoughts:
        text += " · " + _("answered yes to the safety question")
    return text[0].upper() + text[1:] if text else _("Note only")


def dose_details(entry: DoseLog, medication: str, unit: str) -> str:
    amount = f" {_number(entry.amount)} {unit}" if entry.amount is not None else ""
    which = _("{time} dose").format(time=entry.slot) if entry.slot else _("as needed / extra dose")
    status = {"taken": _("taken"), "skipped": _("skipped")}.get(entry.status, entry.status)
    return f"{medication}{amount} {status} ({which})"


def load_rows(journal: Journal, start: date, end: date) -> list[HistoryRow]:
    """Every editable entry from ``start`` to ``end`` (inclusive), newest first."""
    medications = {m.id: m for m in journal.medications(include_archived=True)}

    def medication_name(medication_id: int | None) -> str:
        found = medications.get(medication_id) if medication_id is not None else None
        return found.name if found else _("(deleted medication)")

    def unit(medication_id: int) -> str:
        medication = medications.get(medication_id)
        return medication.unit if medication else ""

    weight_unit = journal.weight_unit()
    activities = {a.id: a.name for a in journal.activities(include_retired=True)}
    rows: list[HistoryRow] = [
        *(checkin_row(checkin) for checkin in journal.checkins(start, end)),
        *(
            dose_row(dose, medication_name(dose.medication_id), unit(dose.medication_id))
            for dose in journal.dose_logs(start, end)
        ),
        *(side_effect_row(effect) for effect in journal.side_effects(start, end)),
        *(questionnaire_row(result) for result in journal.questionnaires(start, end)),
        *(treatment_row(treatment) for treatment in journal.treatments(start, end)),
        *(measure_row(measure, weight_unit) for measure in journal.measures(start, end)),
        *(activity_row(rating, activities) for rating in journal.activity_ratings(start, end)),
        *(refill_row(refill, medication_name) for refill in journal.refills() if start <= refill.day <= end),
        *(visit_row(visit) for visit in journal.visits() if start <= visit.day <= end),
    ]
    kind_order = {table: position for position, table in enumerate(KINDS)}
    rows.sort(key=lambda r: (r.day, r.time, -kind_order[r.table], r.entry_id), reverse=True)
    return rows


class _Entry(Protocol):
    """What every row of History shows of its entry besides the details: its table, id, day and when it was
    recorded."""

    table: ClassVar[str]

    @property
    def id(self) -> int: ...

    @property
    def day(self) -> date: ...

    @property
    def recorded_at(self) -> str: ...


def _row(entry: _Entry, details: str, time: str = "", note: str = "", source: str = "") -> HistoryRow:
    return HistoryRow(entry.table, entry.id, entry.day, time, details, note, entry.recorded_at, source)


def checkin_row(checkin: CheckIn) -> HistoryRow:
    details = checkin_details(checkin)
    return _row(checkin, details, _clock(checkin.time), checkin.note, checkin.source)


def dose_row(dose: DoseLog, medication: str, unit: str) -> HistoryRow:
    details = dose_details(dose, medication, unit)
    return _row(dose, details, _clock(dose.taken_at), dose.note, dose.source)


def side_effect_row(effect: SideEffect) -> HistoryRow:
    severity = _(knowledge.SEVERITY_LABELS[effect.severity]) if 0 <= effect.severity <= 3 else "?"
    details = f"{knowledge.side_effect_label(effect.symptom)}: {severity} ({effect.severity}/3)"
    return _row(effect, details, note=effect.note, source=effect.source)


def questionnaire_row(result: QuestionnaireResult) -> HistoryRow:
    return _row(result, questionnaire_details(result))


def treatment_row(treatment: Treatment) -> HistoryRow:
    return _row(treatment, treatment_details(treatment), note=treatment.note)


def refill_row(refill: Refill, medication_name: Callable[[int | None], str]) -> HistoryRow:
    return _row(refill, refill_details(refill, medication_name), note=refill.note)


def questionnaire_details(result: QuestionnaireResult) -> str:
    try:
        title = instruments.display_title(instruments.instrument(result.instrument))
    except Exception:  # an instrument this version does not know: show its key rather than fail
        title = result.instrument
    answers = ", ".join(str(a) for a in result.answers)
    return _("{title}: score {score} (answers {answers})").format(
        title=title, score=format_decimal(round(result.score, 1)), answers=answers
    )


def treatment_details(treatment: Treatment) -> str:
    label = _(TREATMENT_LABELS[treatment.kind]) if treatment.kind in TREATMENT_LABELS else treatment.kind
    if not treatment.minutes:
        return label
    return _("{treatment}, {minutes} min").format(treatment=label, minutes=treatment.minutes)


def refill_details(refill: Refill, medication_name: Any) -> str:
    return _("{medication}: +{units} units").format(
        medication=medication_name(refill.medication_id), units=format_decimal(refill.units, 3)
    )


def activity_row(rating: ActivityRating, names: dict[int, str]) -> HistoryRow:
    """One of the person's own activities rated for the week ending ``rating.day``."""
    name = names.get(rating.activity_id, "?")
    details = _("{name}: {rating}/10 (0 can't do – 10 as before)").format(name=name, rating=rating.rating)
    return _row(rating, details, note=rating.note)


def visit_row(visit: Visit) -> HistoryRow:
    return _row(visit, _("Appointment"), note=visit.note)


class HistoryModel(QAbstractTableModel):
    """Entries of a date range, filtered by text and kind; the day is written on the first row of each day."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[HistoryRow] = []
        self._rows: list[HistoryRow] = []
        self._first_of_day: list[bool] = []
        self._day_band: list[int] = []
        self.search = ""
        self.kinds: set[str] = set(KINDS)

    # -- data -------------------------------------------------------------------------------------------

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self._all = rows
        self._apply()

    def set_filter(self, search: str, kinds: set[str]) -> None:
        self.search = search.strip().lower()
        self.kinds = set(kinds)
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        words = self.search.split()
        self._rows = [
            r for r in self._all if r.table in self.kinds and all(word in r.search_text for word in words)
        ]
        self._first_of_day = []
        self._day_band = []
        band = 0
        previous: date | None = None
        for row in self._rows:
            first = row.day != previous
            if first and previous is not None:
                band += 1
            self._first_of_day.append(first)
            self._day_band.append(band % 2)
            previous = row.day
        self.endResetModel()

    def row_at(self, position: int) -> HistoryRow | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def find(self, table: str, entry_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row.table == table and row.entry_id == entry_id:
                return position
        return None

    @property
    def total(self) -> int:
        return len(self._all)

    # -- Qt model ---------------------------------------------------------------------------------------

    def texts(self, column: int, rows: int) -> set[str]:
        """The different texts ``column`` shows in the first ``rows`` rows (to size the column to them)."""
        return {self._display(row, column, True) for row in self._rows[:rows]}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self._display(row, column, self._first_of_day[index.row()])
            return breakable(shown) if column in (3, 4) else shown
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = _("{kind} of {day}").format(kind=row.kind, day=day_text(row.day))
            if column in (3, 4) and (whole := self._display(row, column, False)):
                tip = f"{whole}\n{tip}"  # a text too long for its column ends in "…": here it is whole
            if row.recorded_at:
                tip += "\n" + _("Recorded {moment}").format(moment=moment_text(row.recorded_at))
            if row.recorded_later:
                tip += " " + _("(later than the day it is about)")
            if row.imported:
                tip += f"\n{row.imported[0].upper()}{row.imported[1:]}"
            return tip
        if role == Qt.ItemDataRole.FontRole and column == 0 and self._first_of_day[index.row()]:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self._day_band[index.row()]:
            return QApplication.palette().color(QPalette.ColorRole.AlternateBase)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{day_text(row.day)} {row.time} {row.kind}: {row.details}. {row.note} {row.imported}".strip()
            )
        return None

    @staticmethod
    def _display(row: HistoryRow, column: int, first_of_day: bool) -> str:
        if column == 0:
            return day_text(row.day) if first_of_day else ""
        if column == 1:
            return row.time
        if column == 2:
            return row.kind
        if column == 3:
            return row.details
        if column == 4:
            return " ".join(row.note.split())
        if column == 5:
            if row.imported:
                return row.imported
            if not row.recorded_later:
                return ""
            return _("later, {day}").format(day=moment_day(row.recorded_at))
        return ""
