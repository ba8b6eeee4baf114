"""Change a dose from a date, stop a medication, or restart it, each with a reason (Medications section).

A change is a new dose step: the step it replaces ends the day before. Stopping asks for the first day
without the medication. For an antidepressant, stopping shows a calm note that it is usually tapered with the
prescriber (docs/clinical.md §4); the journal records what the person decided and gives no advice
of its own.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from medjournal.domain import knowledge
from medjournal.domain.records import Medication, Regimen
from medjournal.i18n import N_, _
from medjournal.storage.journal import Journal
from medjournal.ui.dialog_fit import foot, scrolling_column
from medjournal.ui.history.record_forms import ErrorForm
from medjournal.ui.journal_write import attempt
from medjournal.ui.medications.medication_dialog import ScheduleFields

log = logging.getLogger(__name__)

MODES = ("change", "stop", "restart")
TAPER_NOTE = N_(
    "{name} is an antidepressant. Stopping one is usually done gradually, by lowering the dose in steps "
    "planned together with the prescriber: stopping at once can bring discontinuation symptoms such as "
    "dizziness, nausea, headache or “brain zaps”. If you have already stopped, recording it here "
    "helps you and your doctor."
)


class DoseChangeDialog(QDialog):
    """``DoseChangeDialog(journal, medication, "change" | "stop" | "restart")``; ``exec()`` writes on Save."""

    def __init__(
        self, journal: Journal, medication: Medication, mode: str = "change", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.journal = journal
        self.medication = medication
        self.mode = mode
        self.saved: Regimen | None = None
        steps = journal.regimens(medication.id)
        self.current = journal.current_regimen(medication.id) or (steps[-1] if steps else None)
        self.form = ErrorForm()
        self.schedule: ScheduleFields | None = None
        self.taper_note: QLabel | None = None
        today = journal.today()
        layout = scrolling_column(self)

        if mode == "stop":
            self._stop_fields(layout, today)
        else:
            self._step_fields(today)

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            {
                "change": _("e.g. planned step up, side effects"),
                "stop": _("e.g. side effects, no benefit, as planned with my doctor"),
                "restart": _("e.g. pain came back"),
            }[mode]
        )
        self.form.add_field("reason", _("&Reason"), self.reason, ("stop reason",))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            {"change": _("Save the change"), "stop": _("Record the stop"), "restart": _("Restart")}[mode]
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.form)
        foot(self).addWidget(buttons)
        self.setMinimumWidth(480)

    def _stop_fields(self, layout: QVBoxLayout, today: date) -> None:
        """The first day without it, and the note on tapering an antidepressant."""
        self.setWindowTitle(_("Stop {name}").format(name=self.medication.name))
        self.date = QLineEdit(today.isoformat())
        self.form.add_field(
            "on",
            _("&First day without it"),
            self.date,
            ("stop date",),
            _("YYYY-MM-DD; the day before is recorded as the last day taken."),
        )
        if knowledge.is_antidepressant(self.medication.name, self.medication.known_as):
            self.taper_note = QLabel(_(TAPER_NOTE).format(name=self.medication.name))
            self.taper_note.setObjectName("taper_note")
            self.taper_note.setWordWrap(True)
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(frame)
            inner.addWidget(self.taper_note)
            layout.addWidget(frame)

    def _step_fields(self, today: date) -> None:
        """A new dose step: its schedule and the day it starts."""
        starting = self.mode == "restart"
        title = _("Restart {name}") if starting else _("Change the dose of {name}")
        self.setWindowTitle(title.format(name=self.medication.name))
        self.schedule = ScheduleFields(self.form, self.current, self.medication.unit)
        default_day = (
            today
            if not starting or self.current is None or self.current.end_date is None
            else max(today, self.current.end_date + timedelta(days=1))
        )
        self.date = QLineEdit(default_day.isoformat())
        label = _("Start d&ate") if starting else _("&From")
        aliases = ("start date", "start") if starting else ("date of the change", "from_date")
        self.form.add_field("date", label, self.date, aliases, _("YYYY-MM-DD"))

    def _write(self, day: str, reason: str) -> Regimen:
        if self.mode == "stop":
            return self.journal.stop_medication(self.medication.id, on=day, reason=reason)
        assert self.schedule is not None
        if self.mode == "change":
            return self.journal.change_dose(
                self.medication.id, from_date=day, reason=reason, **self.schedule.values()
            )
        return self.journal.restart_medication(
            self.medication.id, start=day, reason=reason, **self.schedule.values()
        )

    def accept(self) -> None:
        reason = self.reason.text().strip()
        day = self.date.text().strip()
        saved = attempt(lambda: self._write(day, reason), self, self.form.show_message, self.form.show_error)
        if saved is None:
            return
        self.saved = saved.value
        log.debug("%s medication %s", self.mode, self.medication.id)
        super().accept()
