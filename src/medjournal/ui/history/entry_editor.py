"""Edit one journal entry of any kind in a dialog (History section).

Values go to ``journal.update_entry`` as typed, so the same validation applies as everywhere else; a refused
value shows its sentence under the field and the dialog stays open with nothing written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from medjournal.domain import instruments, knowledge
from medjournal.domain.records import TREATMENT_LABELS, Record
from medjournal.i18n import _, format_amount, ngettext
from medjournal.storage.journal import Journal
from medjournal.ui.accessibility import mute
from medjournal.ui.dialog_fit import foot, scrolling_column
from medjournal.ui.history.history_model import KIND_PHRASE
from medjournal.ui.history.measure_history import build_measure_fields
from medjournal.ui.history.record_forms import ErrorForm, day_text, moment_text
from medjournal.ui.journal_write import attempt

log = logging.getLogger(__name__)

DAY_ALIASES = ("date", "day", "visit date")


def rating_box(value: int | None, maximum: int = 10) -> QSpinBox:
    """A 0–maximum spin box whose lowest step means "not rated" (stored as None)."""
    box = QSpinBox()
    box.setRange(-1, maximum)
    box.setSpecialValueText(_("not rated"))
    box.setValue(-1 if value is None else value)
    return box


def note_box(text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
    return box


def number_text(value: float | None) -> str:
    """A number for an editable field: no thousands separator (it would read as a decimal one), the locale's
    decimal sign ("7,5" in German; the journal reads either sign)."""
    return "" if value is None else format_amount(value)


class EntryEditor(QDialog):
    """A dialog for one entry: ``EntryEditor(journal, "checkins", 12)``; ``exec()`` saves on OK."""

    def __init__(self, journal: Journal, table: str, entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.table = table
        self.entry_id = entry_id
        self.entry = cast(Any, journal.entry(table, entry_id))
        self.saved: Record | None = None
        self.setWindowTitle(
            _("Edit {kind} of {day}").format(kind=_(KIND_PHRASE[table]), day=day_text(self.entry.day))
        )
        self.form = ErrorForm()
        # key -> (read the widget as a value for update_entry, value shown when the dialog opened)
        self._readers: dict[str, Callable[[], Any]] = {}
        self._initial: dict[str, Any] = {}
        self.extra_changes: dict[str, Any] = {}  # sent with a changed value (a weight's unit)
        BUILDERS[table](self)
        for key, read in self._readers.items():
            self._initial[key] = read()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = scrolling_column(self)
        layout.addWidget(self.form)
        if self.entry.recorded_at:
            stamp = QLabel(_("Recorded {moment}.").format(moment=moment_text(self.entry.recorded_at)))
            mute(stamp)
            layout.addWidget(stamp)
        foot(self).addWidget(self.buttons)
        self.setMinimumWidth(460)

    # -- fields -----------------------------------------------------------------------------------------

    def _line(
        self, key: str, label: str, text: str, aliases: tuple[str, ...] = (), hint: str = ""
    ) -> QLineEdit:
        edit = QLineEdit(text)
        self.form.add_field(key, label, edit, aliases, hint)
        self._readers[key] = lambda: edit.text().strip()
        return edit

    def _rating(self, key: str, label: str, value: int | None, aliases: tuple[str, ...] = ()) -> QSpinBox:
        box = rating_box(value)
        self.form.add_field(key, label, box, aliases)
        self._readers[key] = lambda: None if box.value() < 0 else box.value()
        return box

    def _note(self, text: str) -> QPlainTextEdit:
        box = note_box(text)
        self.form.add_field("note", _("&Note"), box)
        self._readers["note"] = box.toPlainText
        return box

    def _day(self) -> QLineEdit:
        return self._line("day", _("&Day"), self.entry.day.isoformat(), DAY_ALIASES, _("YYYY-MM-DD"))

    def _build_checkins(self) -> None:
        entry = self.entry
        self._day()
        self._line("clock", _("&Time"), entry.time[11:16] if entry.time else "", ("time",), _("HH:MM"))
        self._rating("pain", _("&Pain (0–10)"), entry.pain)
        self._rating("mood", _("&Mood (0–10)"), entry.mood)
        self._rating("sleep", _("&Sleep quality (0–10)"), entry.sleep, ("sleep rating",))
        self._line("sleep_hours", _("H&ours slept"), number_text(entry.sleep_hours), ("hours slept",))
        areas = QWidget()
        grid = QGridLayout(areas)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.location_boxes: dict[str, QCheckBox] = {}
        known = knowledge.body_areas()
        half = (len(known) + 1) // 2
        for position, (key, label) in enumerate(known):
            box = QCheckBox(label)
            box.setChecked(key in entry.locations)
            grid.addWidget(box, position % half, position // half)  # down the first column, then the second
            self.location_boxes[key] = box
        areas.setFocusProxy(next(iter(self.location_boxes.values())))  # Alt+H lands on the first box
        areas.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus
        )  # a label's buddy that takes no focus gets no Alt+letter
        self.form.add_field("locations", _("Where it &hurts"), areas)

        def read_areas() -> list[str]:
            return [key for key, box in self.location_boxes.items() if box.isChecked()]

        self._readers["locations"] = read_areas
        self._note(entry.note)

    def _build_side_effects(self) -> None:
        self._day()
        symptom = QComboBox()
        symptom.setEditable(True)
        symptom.addItems([label for _key, label in knowledge.side_effect_items()])
        symptom.setCurrentText(knowledge.side_effect_label(self.entry.symptom))
        self.form.add_field("symptom", _("Side &effect"), symptom, ("side effect",))
        self._readers["symptom"] = lambda: symptom.currentText().strip()
        severity = QComboBox()
        severity.addItems([f"{n} – {_(label)}" for n, label in enumerate(knowledge.SEVERITY_LABELS)])
        severity.setCurrentIndex(self.entry.severity if 0 <= self.entry.severity <= 3 else 0)
        self.form.add_field("severity", _("Se&verity"), severity)
        self._readers["severity"] = severity.currentIndex
        self._note(self.entry.note)

    def _build_treatments(self) -> None:
        self._day()
        kind = QComboBox()
        for key, label in TREATMENT_LABELS.items():
            kind.addItem(_(label), key)
        if self.entry.kind not in TREATMENT_LABELS:
            kind.addItem(self.entry.kind, self.entry.kind)
        kind.setCurrentIndex(kind.findData(self.entry.kind))
        self.form.add_field("kind", _("&Kind"), kind, ("treatment",))
        self._readers["kind"] = lambda: kind.currentData()
        self._line("minutes", _("&Minutes"), number_text(self.entry.minutes))
        self._note(self.entry.note)

    def _build_questionnaires(self) -> None:
        inst = instruments.instrument(self.entry.instrument)
        self._day()
        ranges = "; ".join(f"{n}: {item.low}–{item.high}" for n, item in enumerate(inst.items, start=1))
        self._line(
            "answers",
            _("{title} &answers").format(title=instruments.display_title(inst)),
            ", ".join(str(a) for a in self.entry.answers),
            (),
            ngettext(
                "{n} number separated by commas ({ranges}).",
                "{n} numbers separated by commas ({ranges}).",
                len(inst.items),
            ).format(n=len(inst.items), ranges=ranges),
        )

    def _build_dose_logs(self) -> None:
        entry = self.entry
        medication = self.journal.medication(entry.medication_id)
        self.form.add_field("medication", _("Medication"), QLabel(medication.name))
        if entry.slot:
            self.form.add_field("slot", _("Scheduled dose"), QLabel(entry.slot))
        self._line(
            "taken_at",
            _("&Time taken"),
            entry.taken_at[:16].replace("T", " "),
            ("time taken",),
            _("YYYY-MM-DD HH:MM"),
        )
        status = QComboBox()
        status.addItem(_("taken"), "taken")
        status.addItem(_("skipped"), "skipped")
        status.setCurrentIndex(max(0, status.findData(entry.status)))
        self.form.add_field("status", _("&Status"), status, ("dose status",))
        self._readers["status"] = lambda: str(status.currentData())
        self._line("amount", _("&Amount ({unit})").format(unit=medication.unit), number_text(entry.amount))
        self._note(entry.note)

    def _build_refills(self) -> None:
        self.form.add_field(
            "medication", _("Medication"), QLabel(self.journal.medication(self.entry.medication_id).name)
        )
        self._day()
        self._line("units", _("&Units added"), number_text(self.entry.units), ("refill units",))
        self._note(self.entry.note)

    def _build_measures(self) -> None:
        self._day()
        build_measure_fields(self, self._line)
        self._note(self.entry.note)

    def _build_activity_ratings(self) -> None:
        name = self.journal.activity(self.entry.activity_id).name
        self.form.add_field("activity", _("Activity"), QLabel(name))
        self._day()
        label = _("&Rating (0 can't do – 10 as before)")
        self._rating("rating", label, self.entry.rating, ("activity rating",))
        self._note(self.entry.note)

    def _build_visits(self) -> None:
        self._day()
        self._note(self.entry.note)

    # -- saving -----------------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields whose value differs from when the dialog opened, in the form update_entry takes."""
        current = {key: read() for key, read in self._readers.items()}
        changed = {key: value for key, value in current.items() if value != self._initial[key]}
        if self.table == "checkins" and ("clock" in changed or "day" in changed):
            changed.pop("clock", None)
            clock = current["clock"]
            changed["day"] = current["day"]
            changed["time"] = f"{current['day']} {clock}" if clock else ""
        if "value" in changed:  # a weight typed in lb goes with its unit (a changed note alone does not)
            changed.update(self.extra_changes)
        return changed

    def accept(self) -> None:
        changes = self.changes()
        if not changes:
            super().accept()
            return
        saved = attempt(
            lambda: self.journal.update_entry(self.table, self.entry_id, changes),
            self,
            self.form.show_message,
            self.form.show_error,
        )
        if saved is None:
            return
        self.saved = saved.value
        log.debug("updated %s %s", self.table, self.entry_id)
        super().accept()


# The form of each kind of entry, by its table.
BUILDERS: dict[str, Callable[[EntryEditor], None]] = {
    "checkins": EntryEditor._build_checkins,
    "side_effects": EntryEditor._build_side_effects,
    "treatments": EntryEditor._build_treatments,
    "questionnaires": EntryEditor._build_questionnaires,
    "dose_logs": EntryEditor._build_dose_logs,
    "refills": EntryEditor._build_refills,
    "measures": EntryEditor._build_measures,
    "activity_ratings": EntryEditor._build_activity_ratings,
    "visits": EntryEditor._build_visits,
}
