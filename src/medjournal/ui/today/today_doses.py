"""The Doses box on Today: the day's scheduled and as-needed doses, the time taken, and the writes.

T, S and U on a row (see :mod:`medjournal.ui.today.dose_list`) become one Journal API write each. The time taken is
now for today, the slot's own time on a past day, or whatever the person typed in "Taken at".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QInputDialog,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain.errors import MedjournalError
from medjournal.i18n import _, format_date, ngettext
from medjournal.storage.journal import Journal
from medjournal.ui import errors
from medjournal.ui.buttons import left_row, quiet_button
from medjournal.ui.journal_write import attempt, journal_write
from medjournal.ui.section import Section
from medjournal.ui.today.checkin_form import muted_label
from medjournal.ui.today.dose_list import DoseList, DoseRow, build_rows, moment_on
from medjournal.ui.today.dose_time_dialog import DoseTimeDialog, needs_question


class DoseSection(QGroupBox):
    """Writes for ``section`` (Today), which reads the day again after each; ``status(text, is_error)``
    carries the one line to show the person."""

    status = Signal(str, bool)

    def __init__(self, journal: Journal, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(_("Doses"), parent)
        self.journal = journal
        self.section = section
        self.day = journal.today()
        self._time_touched = False
        self.time_dialog: DoseTimeDialog | None = None
        dose_layout = QVBoxLayout(self)
        self.dose_list = DoseList()
        self.dose_list.take_requested.connect(self.take_dose)
        self.dose_list.skip_requested.connect(self.skip_dose)
        self.dose_list.undo_requested.connect(self.undo_dose)
        dose_layout.addWidget(self.dose_list)
        self.time_label = time_label = QLabel(_("Taken a&t"))
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.userTimeChanged.connect(self._time_changed)
        time_label.setBuddy(self.time_edit)
        self.now_button = quiet_button(_("Now"), self.reset_time)
        dose_layout.addLayout(left_row(time_label, self.time_edit, self.now_button))
        self.keys_hint = muted_label(
            _(
                "On a row: T taken · S skipped (with an optional reason) · U undo. "
                "As-needed medications: T takes a dose."
            )
        )
        dose_layout.addWidget(self.keys_hint)
        self.no_doses = muted_label(_("No medication is scheduled on this day. Add one under Medications."))
        dose_layout.addWidget(self.no_doses)
        QWidget.setTabOrder(self.dose_list, self.time_edit)

    def refresh(self, day: date) -> None:
        self.day = day
        if not self._time_touched:
            self.reset_time()
        keep = None
        current = self.dose_list.current_row()
        if current is not None:
            keep = (current.medication_id, current.slot.slot if current.slot else None)
        journal = self.journal
        rows = build_rows(
            journal.day_slots(day),
            journal.medications(),
            journal.regimens_by_medication(),
            journal.dose_logs(day, day),
            day,
            past=day < journal.today(),
        )
        self.dose_list.set_rows(rows, keep)
        self.no_doses.setVisible(not rows)
        for widget in (self.dose_list, self.time_edit, self.now_button, self.time_label, self.keys_hint):
            widget.setVisible(bool(rows))

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.emit(text, error)

    def show_error(self, text: str) -> None:
        self.show_status(text, True)

    def _write(self, row: DoseRow, action: Callable[[], object], said: Callable[[], str]) -> None:
        """A dose written, or deleted, on ``row``: the day is read again once and the selection moves on to
        the next open dose."""
        days = (self.day, row.slot.day) if row.slot else (self.day, self.day)

        def tell(_result: object) -> None:
            self.show_status(said())

        if journal_write(self.section, action, days=(min(days), max(days)), show=self.show_error, done=tell):
            self.dose_list.move_to_next_open((row.medication_id, row.slot.slot if row.slot else None))

    def _time_changed(self, _value: QTime) -> None:
        self._time_touched = True

    def reset_time(self) -> None:
        self._time_touched = False
        self.time_edit.blockSignals(True)
        self.time_edit.setTime(_qtime(self.journal.now().time()))
        self.time_edit.blockSignals(False)

    def dose_moment(self, row: DoseRow) -> datetime:
        """When the dose was taken: the time field if changed, else now (today) or the slot's time (past)."""
        now = self.journal.now()
        day = self.day
        if self._time_touched:
            picked = self.time_edit.time()
            chosen = time(picked.hour(), picked.minute())
        elif day == now.date():
            return now.replace(second=0, microsecond=0)
        else:
            chosen = time.fromisoformat(row.slot.slot) if row.slot else time(12, 0)
        return moment_on(day, chosen, now)

    def _over_maximum_question(self, row: DoseRow, maximum: int | None) -> str:
        """Asked before one dose more than the daily maximum, of the day shown (not "today" on a past day)."""
        if row.past:
            return ngettext(
                "You have already logged {n} dose of {name} on {day}; the daily maximum is {maximum}. "
                "Log another one anyway?",
                "You have already logged {n} doses of {name} on {day}; the daily maximum is {maximum}. "
                "Log another one anyway?",
                row.taken_today,
            ).format(n=row.taken_today, name=row.name, maximum=maximum, day=format_date(self.day, "long"))
        return ngettext(
            "You have already logged {n} dose of {name} today; the daily maximum is {maximum}. "
            "Log another one anyway?",
            "You have already logged {n} doses of {name} today; the daily maximum is {maximum}. "
            "Log another one anyway?",
            row.taken_today,
        ).format(n=row.taken_today, name=row.name, maximum=maximum)

    def take_dose(self, row: DoseRow) -> None:
        if row.slot is not None and row.slot.log is not None:
            self.show_status(_("This dose is already logged; press U to undo it first."))
            return
        if row.as_needed and row.over_maximum_after_one_more():
            maximum = row.regimen.max_daily if row.regimen else None
            if not errors.ask_yes_no(self, self._over_maximum_question(row, maximum)):
                return
        if self._ask_when(row):
            return
        self._log_taken(row, self.dose_moment(row))

    def _ask_when(self, row: DoseRow) -> bool:
        """On today's list, T on a dose more than 30 minutes past its time asks when it was taken (the planned
        time is the default). True when the question is open; the dose is logged once it is answered."""
        if row.slot is None or self._time_touched:
            return False
        now = self.journal.now()
        if row.slot.day != now.date():
            return False  # a past day's dose already defaults to its planned time
        try:
            planned = moment_on(row.slot.day, time.fromisoformat(row.slot.slot), now)
        except MedjournalError:
            return False
        if not needs_question(planned, now):
            return False
        dialog = DoseTimeDialog(row.name, planned.time(), now.time(), self.window())
        dialog.chosen.connect(lambda picked: self._log_taken_at(row, picked))
        dialog.finished.connect(self._back_from_question)
        dialog.finished.connect(dialog.deleteLater)
        self.time_dialog = dialog
        dialog.open()
        return True

    def _back_from_question(self, _result: int) -> None:
        """The keyboard goes back to the list (where the next open dose is now selected), whatever the window
        manager does with the focus when a dialog closes."""
        self.window().activateWindow()
        self.dose_list.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _log_taken_at(self, row: DoseRow, picked: time) -> None:
        moment = attempt(
            lambda: moment_on(self.day, picked, self.journal.now()), self.window(), self.show_error
        )
        if moment is not None:
            self._log_taken(row, moment.value)

    def _log_taken(self, row: DoseRow, moment: datetime) -> None:
        slot = row.slot.slot if row.slot else None
        day = row.slot.day if row.slot else None  # the row's own day, also for a bedtime dose after midnight
        self._write(
            row,
            lambda: self.journal.record_dose(row.medication_id, "taken", at=moment, slot=slot, day=day),
            lambda: _("{name}: taken at {time}.").format(name=row.name, time=moment.strftime("%H:%M")),
        )

    def ask_skip_reason(self, row: DoseRow) -> str | None:
        """The optional reason for a skipped dose; None when the person cancels."""
        text, ok = QInputDialog.getText(
            self, _("Skip dose"), _("Why was the {name} dose skipped? (optional)").format(name=row.name)
        )
        return text.strip() if ok else None

    def skip_dose(self, row: DoseRow) -> None:
        if row.slot is None:
            self.show_status(_("As-needed medications have no dose to skip."))
            return
        if row.slot.log is not None:
            self.show_status(_("This dose is already logged; press U to undo it first."))
            return
        reason = self.ask_skip_reason(row)
        if reason is None:
            return
        moment = self.dose_moment(row)
        slot, day = row.slot.slot, row.slot.day
        self._write(
            row,
            lambda: self.journal.record_dose(
                row.medication_id, "skipped", at=moment, slot=slot, day=day, note=reason
            ),
            lambda: _("{name}: the {time} dose is marked skipped.").format(name=row.name, time=slot),
        )

    def undo_dose(self, row: DoseRow) -> None:
        log = row.slot.log if row.slot is not None else (row.logs[-1] if row.logs else None)
        if log is None:
            self.show_status(_("Nothing logged on this row to undo."))
            return
        self._write(
            row,
            lambda: self.journal.delete_entry("dose_logs", log.id),
            lambda: _("{name}: the logged dose was removed.").format(name=row.name),
        )


def _qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)
