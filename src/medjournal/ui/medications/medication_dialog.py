"""Add or edit a medication (Medications section).

Adding asks for the first dose step as well (dose, times of day or as needed with a daily maximum, start
date); editing changes the medication's own details only, since dose changes are dose steps (see
dose_change_dialog).
Every value goes to the Journal API as typed; a refused value shows its sentence under the field.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from medjournal.domain import knowledge
from medjournal.domain.forms import FORMS, form_text
from medjournal.domain.records import Medication, Regimen
from medjournal.i18n import N_, _
from medjournal.storage.journal import Journal
from medjournal.ui.accessibility import mute
from medjournal.ui.dialog_fit import foot, scrolling_column
from medjournal.ui.history.entry_editor import note_box, number_text
from medjournal.ui.history.record_forms import ErrorForm
from medjournal.ui.journal_write import attempt

log = logging.getLogger(__name__)

# Symbols (mg, ml) are the same in every language; the words are offered in the window's language.
UNITS = ("mg", "mcg", "g", "ml", N_("units"), N_("drops"), N_("puffs"))


class ScheduleFields:
    """Dose, times of day or as needed, and the daily maximum: shared by adding, dose changes and restarts."""

    def __init__(self, form: ErrorForm, regimen: Regimen | None = None, unit: str = "") -> None:
        self.form = form
        self.dose = QLineEdit(number_text(regimen.dose) if regimen else "")
        self.dose.setPlaceholderText(_("e.g. 30"))
        form.add_field(
            "dose", _("&Dose ({unit})").format(unit=unit) if unit else _("&Dose"), self.dose, ("amount",)
        )

        self.at_times = QRadioButton(_("At set &times"))
        self.as_needed = QRadioButton(_("As n&eeded"))
        group = QButtonGroup(form)
        group.addButton(self.at_times)
        group.addButton(self.as_needed)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.at_times)
        row.addWidget(self.as_needed)
        row.addStretch(1)
        # The label's Alt+letter goes to its buddy only if the buddy takes the focus: the row passes it on to
        # the choice made (not a separate Tab stop; a widget with a focus proxy is skipped by Tab).
        choice.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.choice = choice
        form.add_field("schedule", _("&Schedule"), choice, ("as_needed",))

        self.times = QLineEdit(", ".join(regimen.times) if regimen else "08:00")
        form.add_field(
            "times",
            _("Ti&mes of day"),
            self.times,
            ("time",),
            _("24-hour HH:MM, several separated by commas"),
        )
        self.max_daily = QSpinBox()
        self.max_daily.setRange(0, 48)
        self.max_daily.setSpecialValueText(_("no maximum"))
        self.max_daily.setSuffix(_(" doses a day"))
        self.max_daily.setValue((regimen.max_daily or 0) if regimen else 0)
        form.add_field("max_daily", _("Daily ma&ximum"), self.max_daily, ("daily maximum",))

        needed = bool(regimen.as_needed) if regimen else False
        (self.as_needed if needed else self.at_times).setChecked(True)
        self.as_needed.toggled.connect(self._schedule_changed)
        self._schedule_changed()

    def _schedule_changed(self) -> None:
        needed = self.as_needed.isChecked()
        self.choice.setFocusProxy(self.as_needed if needed else self.at_times)
        self.form.set_row_visible("times", not needed)
        self.form.set_row_visible("max_daily", needed)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for add_medication / change_dose / restart_medication."""
        needed = self.as_needed.isChecked()
        return {
            "dose": self.dose.text().strip(),
            "as_needed": needed,
            "times": None if needed else self.times.text(),
            "max_daily": (self.max_daily.value() or None) if needed else None,
        }


def choice_box(choices: tuple[str, ...], current: str) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(choices))
    box.setCurrentText(current)
    return box


def known_as_box(current: str) -> QComboBox:
    """The kinds of medication the reviewed data knows (docs/clinical.md §4.6), or a generic name typed in."""
    box = QComboBox()
    box.setEditable(True)
    # as wide as the longest kind: a chosen one is read whole, in German and at a large font too
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    box.addItem("", "")
    classes: dict[str, dict[str, Any]] = knowledge.load("medications")["classes"]
    for key, info in classes.items():
        box.addItem(_(str(info["label"])) if "label" in info else key, key)
    index = box.findData(current)
    if current and index >= 0:
        box.setCurrentIndex(index)
    else:
        box.setCurrentIndex(0)
        box.setEditText(current)
    return box


def known_as_value(box: QComboBox) -> str:
    """The class key of the picked kind, or the name as typed."""
    text = box.currentText().strip()
    index = box.findText(text)
    return str(box.itemData(index)) if index >= 0 else text


class MedicationDialog(QDialog):
    """Adds a medication (``MedicationDialog(journal)``) or edits one (``MedicationDialog(journal, med)``)."""

    def __init__(
        self, journal: Journal, medication: Medication | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.medication = medication
        self.saved: Medication | None = None
        self.setWindowTitle(
            _("Add a medication") if medication is None else _("Edit {name}").format(name=medication.name)
        )
        self.form = ErrorForm()
        form = self.form

        self.name = QLineEdit(medication.name if medication else "")
        self.name.setPlaceholderText(_("e.g. Duloxetine"))
        form.add_field("name", _("&Name"), self.name, ("medication name",))
        self.purpose = QLineEdit(medication.purpose if medication else "")
        self.purpose.setPlaceholderText(_("e.g. low back pain"))
        form.add_field("purpose", _("Taken fo&r"), self.purpose)
        self.form_box = choice_box(
            tuple(_(form) for form in FORMS), form_text(medication.form) if medication else _("capsule")
        )
        form.add_field("form", _("&Form"), self.form_box)
        self.unit = choice_box(tuple(_(unit) for unit in UNITS), medication.unit if medication else "mg")
        form.add_field("unit", _("&Unit"), self.unit)

        self.schedule: ScheduleFields | None = None
        self.start = QLineEdit(journal.today().isoformat())
        if medication is None:
            self.schedule = ScheduleFields(form)
            form.add_field("start", _("Start d&ate"), self.start, ("start date",), _("YYYY-MM-DD"))

        self._add_stock_fields(form, medication)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = scrolling_column(self)
        layout.addWidget(form)
        if medication is not None:
            hint = QLabel(
                _("To change the dose or the times of day, use Change dose; each change is kept as a step.")
            )
            hint.setWordWrap(True)
            mute(hint)
            layout.addWidget(hint)
        foot(self).addWidget(buttons)  # below the scrolling fields: always in view
        # at least 480 pixels, and never narrower than its fields (the longest kind of medication in German)
        self.setMinimumWidth(max(480, layout.minimumSize().width()))

    def _add_stock_fields(self, form: ErrorForm, medication: Medication | None) -> None:
        """Stock, the strength of a unit, what it is (a medication medjournal does not know) and notes."""
        self.stock = _optional_number(medication.stock_units if medication else None)
        form.add_field(
            "stock_units",
            _("Units in stoc&k"),
            self.stock,
            ("stock",),
            _("Capsules or tablets at hand; leave empty to not track stock."),
        )
        self.unit_size = _optional_number(medication.unit_size if medication else None)
        form.add_field(
            "unit_size",
            _("Strength of a un&it"),
            self.unit_size,
            ("unit size",),
            _("e.g. 30 for 30 mg capsules, so that a 60 mg dose uses two."),
        )
        self.known_as = known_as_box(medication.known_as if medication else "")
        form.add_field(
            "known_as",
            _("&What it is"),
            self.known_as,
            ("known_as",),
            _(
                "Only when medjournal does not know the name: pick a kind or type a generic name (e.g. ibuprofen), "
                "so that its combinations are checked."
            ),
        )
        self.notes = note_box(medication.notes if medication else "")
        form.add_field("notes", _("N&otes"), self.notes)

    def _write(self) -> Medication:
        if self.medication is None:
            assert self.schedule is not None
            return self.journal.add_medication(
                **self.details(), **self.schedule.values(), start=self.start.text().strip()
            )
        return self.journal.update_medication(self.medication.id, **self.details())

    def details(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "purpose": self.purpose.text(),
            "form": self.form_box.currentText().strip(),
            "unit": self.unit.currentText().strip(),
            "notes": self.notes.toPlainText(),
            "stock_units": self.stock.text().strip(),
            "unit_size": self.unit_size.text().strip(),
            "known_as": known_as_value(self.known_as),
        }

    def accept(self) -> None:
        saved = attempt(self._write, self, self.form.show_message, self.form.show_error)
        if saved is None:
            return
        self.saved = saved.value
        log.debug("saved medication %s", self.saved.id)
        super().accept()


def _optional_number(value: float | None) -> QLineEdit:
    """A field for a number that may be left empty (the stock, a unit's strength), showing ``value``."""
    field = QLineEdit(number_text(value))
    field.setPlaceholderText(_("optional"))
    return field
