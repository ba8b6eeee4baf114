"""The guided start on an empty journal: add your medication and its schedule, then the first check-in; or
open the demo journal to look around first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.clock import Clock
from medjournal.i18n import _
from medjournal.storage.journal import Journal
from medjournal.ui.journal_dialog import JournalDialog
from medjournal.ui.journal_write import attempt
from medjournal.ui.today.checkin_form import muted_label

DEMO_DAYS = 120


def demo_journal_path(journal: Journal) -> Path:
    """The demo journal is its own file beside the journal; the real journal is never touched."""
    from medjournal.demo import DEMO_FILENAME

    folder = journal.path.parent if journal.path is not None else Path.cwd()
    return folder / DEMO_FILENAME


def write_demo_journal(path: Path, clock: Clock, days: int = DEMO_DAYS) -> Path:
    """Create the demo journal at ``path`` (kept as it is when it already holds entries)."""
    from medjournal.demo import write_demo
    from medjournal.storage import open_journal

    journal = open_journal(path, clock)
    try:
        if journal.is_empty():
            write_demo(journal, days=days)
    finally:
        journal.close()
    return path


class FirstRunDialog(JournalDialog):
    medication_added = Signal(object)  # Medication
    checkin_requested = Signal()
    demo_requested = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(journal, _("Welcome to medjournal"), parent)
        layout = self.column
        intro = QLabel(
            _(
                "<h2>Welcome</h2><p>medjournal keeps a private journal of your medication, pain, mood, sleep and "
                "side effects, so that you and your doctor can see whether a medication is working for you. "
                "Everything stays on this computer.</p><p>Two steps to start: your medication and its schedule, "
                "then your first check-in.</p>"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._country_row())

        step = QGroupBox(_("1. Your medication"))
        form = QFormLayout(step)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("for example Duloxetine"))
        name_label = QLabel(_("&Name"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        self._add_schedule_rows(form)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")  # as everywhere else (the locale default read "27 11 2026")
        today = journal.today()
        self.start.setDate(QDate(today.year, today.month, today.day))
        start_label = QLabel(_("&Started on"))
        start_label.setBuddy(self.start)
        form.addRow(start_label, self.start)
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(_("for example low back pain (optional)"))
        purpose_label = QLabel(_("&For"))
        purpose_label.setBuddy(self.purpose)
        form.addRow(purpose_label, self.purpose)
        self.add_button = QPushButton(_("&Add this medication"))
        self.add_button.clicked.connect(self.add_medication)
        form.addRow("", self.add_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)
        layout.addWidget(step)
        self._as_needed_changed(False)

        second = self._checkin_step()
        layout.addWidget(second)

        bottom = self._bottom_row()
        self.foot.addLayout(bottom)
        self.add_button.setDefault(True)
        # Word-wrapped labels make the dialog guess too narrow; give it room (its height follows when shown).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _add_schedule_rows(self, form: QFormLayout) -> None:
        """Dose and unit, the times taken, and as needed with its daily maximum."""
        dose_row = QHBoxLayout()
        self.dose = QDoubleSpinBox()
        self.dose.setRange(0, 100000)
        self.dose.setDecimals(2)
        self.dose.setValue(30)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(["mg", "µg", "ml", _("tablet"), _("capsule"), _("drop")])
        self.unit.setAccessibleName(_("Dose unit"))
        dose_row.addWidget(self.dose)
        dose_row.addWidget(self.unit)
        dose_row.addStretch(1)
        dose_label = QLabel(_("&Dose"))
        dose_label.setBuddy(self.dose)
        form.addRow(dose_label, dose_row)
        self.times = QLineEdit("08:00")
        self.times.setPlaceholderText(_("HH:MM, several separated by commas"))
        times_label = QLabel(_("&Taken at"))
        times_label.setBuddy(self.times)
        form.addRow(times_label, self.times)
        needed_row = QHBoxLayout()
        self.as_needed = QCheckBox(_("As needed, at &most"))
        self.max_daily = QSpinBox()
        self.max_daily.setRange(1, 24)
        self.max_daily.setValue(3)
        self.max_daily.setSuffix(_(" a day"))
        self.max_daily.setAccessibleName(_("As needed, at most this many doses a day"))
        self.as_needed.toggled.connect(self._as_needed_changed)
        needed_row.addWidget(self.as_needed)
        needed_row.addWidget(self.max_daily)
        needed_row.addStretch(1)
        form.addRow("", needed_row)

    def _country_row(self) -> QFormLayout:
        """The country for crisis lines, the system locale's chosen (ui/journal/country_box.py); a change is
        stored at once."""
        from medjournal.ui.journal.country_box import chosen_country, country_box, locale_choice

        row = QFormLayout()
        self.country = country_box(self.journal)
        self.country.setCurrentIndex(max(0, self.country.findData(locale_choice(self.journal))))
        self.country.currentIndexChanged.connect(
            lambda: attempt(
                lambda: self.journal.set_setting("country", chosen_country(self.country)),
                self,
                lambda text: self.message.setText(f"<b>{text}</b>"),
            )
        )
        label = QLabel(_("Co&untry for crisis lines"))
        label.setBuddy(self.country)
        row.addRow(label, self.country)
        return row

    def _checkin_step(self) -> QGroupBox:
        second = QGroupBox(_("2. Your first check-in"))
        second_layout = QVBoxLayout(second)
        second_layout.addWidget(
            muted_label(
                _(
                    "Rate your pain, mood and sleep on Today; it takes a few seconds. Then come back every day."
                )
            )
        )
        self.checkin_button = QPushButton(_("Go to my first &check-in"))
        self.checkin_button.clicked.connect(self._go_to_checkin)
        second_layout.addWidget(self.checkin_button)
        return second

    def _bottom_row(self) -> QHBoxLayout:
        """The demo journal, and Close."""
        bottom = QHBoxLayout()
        self.demo_button = QPushButton(_("Look around in the d&emo journal first"))
        self.demo_button.setToolTip(_("Opens a separate demo journal with four months of made-up entries"))
        self.demo_button.clicked.connect(self._open_demo)
        bottom.addWidget(self.demo_button)
        bottom.addStretch(1)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        return bottom

    def _as_needed_changed(self, checked: bool) -> None:
        self.max_daily.setEnabled(checked)
        self.times.setEnabled(not checked)

    def add_medication(self) -> None:
        start = self.start.date()
        added = attempt(
            lambda: self.journal.add_medication(
                self.name.text(),
                self.dose.value(),
                unit=self.unit.currentText().strip() or "mg",
                times=None if self.as_needed.isChecked() else self.times.text(),
                as_needed=self.as_needed.isChecked(),
                max_daily=self.max_daily.value() if self.as_needed.isChecked() else None,
                start=f"{start.year():04d}-{start.month():02d}-{start.day():02d}",
                purpose=self.purpose.text().strip(),
            ),
            self,
            lambda text: self.message.setText(f"<b>{text}</b>"),
        )
        if added is None:
            return
        medication = added.value
        self.message.setText(
            _(
                "Added {name}. The form is ready for another medication, or go on to your first check-in."
            ).format(name=medication.name)
        )
        self._clear_form()
        self.checkin_button.setDefault(True)
        self.medication_added.emit(medication)

    def _clear_form(self) -> None:
        """Every field of step 1 describes the medication just added, so all of them go back to how the dialog
        opened: a value kept from the first medication (its dose, times or "for") would be saved with the next
        one unnoticed (docs/user-guide.md, "The first days")."""
        self.name.clear()
        self.dose.setValue(30)
        self.unit.setCurrentIndex(0)
        self.times.setText("08:00")
        self.as_needed.setChecked(False)
        self.max_daily.setValue(3)
        today = self.journal.today()
        self.start.setDate(QDate(today.year, today.month, today.day))
        self.purpose.clear()
        self.name.setFocus()

    def _go_to_checkin(self) -> None:
        self.accept()
        self.checkin_requested.emit()

    def _open_demo(self) -> None:
        self.accept()
        self.demo_requested.emit()
