"""The Medications section: the person's medications, their dose steps and regimen history.

Active medications are listed first and archived ones under their own heading. For the selected medication
the section shows its details, its dose steps as a table (start, end, dose, times, reason) and the actions:
add, edit, change dose, stop, restart, archive and delete (with undo).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain import knowledge
from medjournal.domain.errors import MedjournalError
from medjournal.domain.forms import form_text
from medjournal.domain.medication_state import is_planned, medication_state
from medjournal.domain.records import Medication, Regimen
from medjournal.domain.same_medicine import same_medicine_notes
from medjournal.domain.stock import AS_NEEDED_HISTORY_DAYS, stock_status
from medjournal.i18n import N_, _, format_decimal, ngettext
from medjournal.storage.journal import DeletedEntry, Journal
from medjournal.ui import errors as ui_errors
from medjournal.ui.history.record_forms import UndoBanner, error_label, numeric_day
from medjournal.ui.journal_write import Done, journal_write, written
from medjournal.ui.medications.dose_change_dialog import DoseChangeDialog
from medjournal.ui.medications.medication_dialog import MedicationDialog
from medjournal.ui.medications.medication_log import MedicationLog
from medjournal.ui.medications.medication_text import (
    RECENT_DAYS,
    reason_text,
    recent_text,
    schedule_text,
    status_text,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

REGIMEN_COLUMNS = (N_("Start"), N_("End"), N_("Dose"), N_("Times"), N_("Reason"))


class MedicationsView(QWidget):
    """Lists medications and lets the person add, edit, change dose, stop and archive them."""

    journal_changed = Signal(object)  # after a write; None: a medication's entries are not some days

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.selected_id: int | None = None

        left = self._list_column()
        actions = self._detail_labels()
        self._build_regimen_table()
        self._build_details(actions)

        self.empty_label = QLabel(
            _(
                "No medication yet. Add the medication you are trying, with its dose and the times you take it; "
                "each later change of dose is kept as a step, so the summary can show what happened when."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        splitter = QSplitter()
        splitter.addWidget(left)
        right_stack = QWidget()
        stack_layout = QVBoxLayout(right_stack)
        stack_layout.setContentsMargins(0, 0, 0, 0)
        stack_layout.addWidget(self.details, 1)
        stack_layout.addWidget(self.empty_label, 1)
        splitter.addWidget(right_stack)
        splitter.setStretchFactor(1, 3)
        # the list's share measured in lines of text, so that a larger font widens it too
        line = self.fontMetrics().height()
        splitter.setSizes([max(280, line * 19), max(720, line * 48)])

        self.error_label = error_label(self)
        self.banner = UndoBanner()
        self.banner.undo_button.clicked.connect(self.undo_delete)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.banner)
        self._add_shortcuts()
        self.refresh()

    def _list_column(self) -> QWidget:
        """The medications, and Add below them."""
        self.medication_list = QListWidget()
        self.medication_list.setAccessibleName(_("Medications"))
        self.medication_list.currentItemChanged.connect(self._selection_changed)
        self.medication_list.itemActivated.connect(lambda _item: self.edit_medication())
        # a long name or a long language wraps onto a second line: the list never scrolls sideways
        self.medication_list.setWordWrap(True)
        self.medication_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton(_("&Add medication…"))
        self.add_button.clicked.connect(self.add_medication)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.medication_list, 1)
        left_layout.addWidget(self.add_button)
        return left

    def _detail_labels(self) -> QHBoxLayout:
        """The selected medication's labels, and the row of its actions."""
        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.stock = QLabel()
        self.stock.setWordWrap(True)
        self.recent = QLabel()
        self.recent.setWordWrap(True)
        self.class_label = QLabel()  # normal text: a disabled label was too faint to read in light mode
        self.class_label.setWordWrap(True)
        # The same medicine in two entries (docs/clinical.md §4.7): said under the one selected, never refused.
        self.same_medicine = QLabel()
        self.same_medicine.setWordWrap(True)
        self.same_medicine.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.same_medicine.setAccessibleName(_("The same medicine twice"))
        self.same_medicine.hide()

        self.edit_button = QPushButton(_("&Edit…"))
        self.edit_button.clicked.connect(self.edit_medication)
        self.change_button = QPushButton(_("&Change dose…"))
        self.change_button.clicked.connect(lambda: self.dose_step("change"))
        self.stop_button = QPushButton(_("S&top…"))
        self.stop_button.clicked.connect(lambda: self.dose_step("stop"))
        self.restart_button = QPushButton(_("&Restart…"))
        self.restart_button.clicked.connect(lambda: self.dose_step("restart"))
        self.archive_button = QPushButton(_("Arch&ive"))
        self.archive_button.clicked.connect(self.toggle_archive)
        self.delete_button = QPushButton(_("&Delete…"))
        self.delete_button.clicked.connect(self.delete_medication)
        # The buttons that act on the selected medication, enabled only while one is selected.
        self.medication_buttons = (
            self.edit_button,
            self.change_button,
            self.stop_button,
            self.restart_button,
            self.archive_button,
            self.delete_button,
        )
        actions = QHBoxLayout()
        for button in self.medication_buttons:
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def _build_regimen_table(self) -> None:
        self.regimen_table = QTableWidget(0, len(REGIMEN_COLUMNS))
        self.regimen_table.setHorizontalHeaderLabels([_(column) for column in REGIMEN_COLUMNS])
        self.regimen_table.setAccessibleName(_("Dose steps"))
        self.regimen_table.setTabKeyNavigation(False)  # Tab leaves the table (arrows go through its rows)
        self.regimen_table.verticalHeader().hide()
        self.regimen_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.regimen_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.regimen_table.horizontalHeader()
        for column in range(len(REGIMEN_COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(REGIMEN_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)

    def _build_details(self, actions: QHBoxLayout) -> None:
        """The right-hand side: labels, actions, dose steps and the recent doses."""
        self.details = QWidget()
        right = QVBoxLayout(self.details)
        right.setContentsMargins(12, 0, 0, 0)
        right.addWidget(self.title)
        right.addWidget(self.subtitle)
        right.addWidget(self.status)
        right.addWidget(self.recent)
        right.addWidget(self.stock)
        right.addWidget(self.class_label)
        right.addWidget(self.same_medicine)
        right.addLayout(actions)
        history_label = QLabel(_("Dose steps"))
        bold = QFont(self.font())
        bold.setBold(True)
        history_label.setFont(bold)
        right.addSpacing(8)
        right.addWidget(history_label)
        right.addWidget(self.regimen_table)
        log_label = QLabel(
            _("Doses and refills, last {days} days (History corrects them)").format(days=RECENT_DAYS)
        )
        log_label.setFont(bold)
        log_label.setWordWrap(True)  # German at a 16 pt font is wider than the column at 1280 pixels
        self.dose_log = MedicationLog()
        right.addSpacing(8)
        right.addWidget(log_label)
        right.addWidget(self.dose_log, 1)

    def _add_shortcuts(self) -> None:
        """Ctrl+Z puts back what was deleted; Delete on the list deletes the selected medication."""
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.medication_list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_medication)

    # -- showing ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list and the selected medication from the journal."""
        keep = self.selected_id
        medications = self.journal.medications(include_archived=True)
        steps = self.journal.regimens_by_medication()
        today = self.journal.today()
        self.medication_list.blockSignals(True)
        self.medication_list.clear()
        active = [m for m in medications if not m.archived]
        archived = [m for m in medications if m.archived]
        for heading, group in ((_("Active"), active), (_("Archived"), archived)):
            if not group:
                continue
            header = QListWidgetItem(heading)
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: not selectable, skipped by the arrow keys
            header.setForeground(self.palette().color(QPalette.ColorRole.WindowText))
            font = QFont(self.font())
            font.setBold(True)
            header.setFont(font)
            self.medication_list.addItem(header)
            for medication in group:
                item = QListWidgetItem(self._list_text(medication, steps.get(medication.id, []), today))
                item.setData(Qt.ItemDataRole.UserRole, medication.id)
                self.medication_list.addItem(item)
        self.medication_list.blockSignals(False)
        ids = [m.id for m in (*active, *archived)]
        target = keep if keep in ids else (ids[0] if ids else None)
        self.select_medication(target)
        self.empty_label.setVisible(not medications)
        self.details.setVisible(bool(medications))

    def refresh_days(self, _first: date, _last: date) -> None:
        """The list, the stock and the recent doses all change with a dose on any day: read it all again."""
        self.refresh()

    @staticmethod
    def _list_text(medication: Medication, steps: list[Regimen], today: date) -> str:
        current = next((s for s in steps if s.active_on(today)), None)
        state = medication_state(steps, today)
        if state.kind == "planned" and state.day is not None:
            return _("{name}  (planned from {date})").format(
                name=medication.name, date=numeric_day(state.day)
            )
        if current is None:
            return _("{name}  (stopped)").format(name=medication.name) if steps else medication.name
        dose = f"{format_decimal(current.dose, 3)} {current.unit}"
        if current.as_needed:
            dose = _("{dose}, as needed").format(dose=dose)
        return f"{medication.name}  {dose}"

    def select_medication(self, medication_id: int | None) -> None:
        for row in range(self.medication_list.count()):
            item = self.medication_list.item(row)
            if medication_id is not None and item.data(Qt.ItemDataRole.UserRole) == medication_id:
                self.medication_list.setCurrentItem(item)
                self._show(medication_id)
                return
        self._show(None)

    def _selection_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        medication_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._show(medication_id)

    def _show(self, medication_id: int | None) -> None:
        self.selected_id = medication_id
        medication = self.selected()
        for button in self.medication_buttons:
            button.setEnabled(medication is not None)
        if medication is None:
            self._clear_details()
            return
        steps = self.journal.regimens(medication.id)
        today = self.journal.today()
        self.title.setText(
            _("{name}  (archived)").format(name=medication.name) if medication.archived else medication.name
        )
        self.subtitle.setText(
            " · ".join(
                p
                for p in (
                    _("for {purpose}").format(purpose=medication.purpose) if medication.purpose else "",
                    form_text(medication.form),
                    medication.notes,
                )
                if p
            )
        )
        self.status.setText(status_text(steps, today))
        logs = self.journal.dose_logs(
            today - timedelta(days=RECENT_DAYS + AS_NEEDED_HISTORY_DAYS), today, medication.id
        )
        stock = stock_status(medication, steps, logs, self.journal.now())
        self.stock.setText(
            stock.describe() if stock else _("Stock is not tracked (Edit… to start counting it).")
        )
        self.recent.setText(recent_text(steps, logs, today, self.journal.now()))
        unit = steps[-1].unit if steps else ""
        self.dose_log.fill(logs, self.journal.refills(medication.id), today, RECENT_DAYS, unit)
        self.class_label.setText(_class_text(medication))
        self._show_same_medicine(medication, today)
        last = steps[-1] if steps else None
        taking = last is not None and last.end_date is None
        self.change_button.setEnabled(taking)
        self.stop_button.setEnabled(taking)
        self.restart_button.setEnabled(last is not None and not taking)
        self.archive_button.setText(_("Unarch&ive") if medication.archived else _("Arch&ive"))
        self._fill_regimens(steps, today)

    def _show_same_medicine(self, medication: Medication, today: date) -> None:
        """The same-medicine cautions of the selected medication with the others taken on the same day."""
        regimens = self.journal.regimens_by_medication()
        notes = same_medicine_notes(medication, self.journal.medications(), regimens, today)
        self.same_medicine.setText("\n\n".join(note.message for note in notes))
        self.same_medicine.setVisible(bool(notes) and not medication.archived)

    def _clear_details(self) -> None:
        self.title.clear()
        self.subtitle.clear()
        self.status.clear()
        self.stock.clear()
        self.recent.clear()
        self.class_label.clear()
        self.same_medicine.clear()
        self.same_medicine.hide()
        self.regimen_table.setRowCount(0)
        self.dose_log.setRowCount(0)

    def _fill_regimens(self, steps: list[Regimen], today: date) -> None:
        self.regimen_table.setRowCount(len(steps))
        previous_steps: list[Regimen | None] = [None, *steps[:-1]]
        for row, (step, previous) in enumerate(reversed(list(zip(steps, previous_steps, strict=True)))):
            end = numeric_day(step.end_date) if step.end_date else _("ongoing")
            if is_planned(step, today) and not step.end_date:  # begins later: not "ongoing" yet
                end = _("planned")
            values = (
                numeric_day(step.start_date),
                end,
                f"{format_decimal(step.dose, 3)} {step.unit}",
                schedule_text(step),
                reason_text(step, previous),
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if step.active_on(today):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.regimen_table.setItem(row, column, item)
        # Fit the table to its rows so that a short history does not leave an empty box (long ones scroll).
        table = self.regimen_table
        rows_height = (
            sum(table.rowHeight(r) for r in range(table.rowCount()))
            or table.verticalHeader().defaultSectionSize()
        )
        table.setFixedHeight(
            min(rows_height + table.horizontalHeader().height() + 2 * table.frameWidth() + 2, 420)
        )

    def focus_first(self) -> None:
        """Where the keyboard starts when the section is opened: the medication list (or Add)."""
        target = self.medication_list if self.medication_list.count() else self.add_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected(self) -> Medication | None:
        if self.selected_id is None:
            return None
        try:
            return self.journal.medication(self.selected_id)
        except MedjournalError:
            return None

    def _cell(self, row: int, column: int) -> str:
        item = self.regimen_table.item(row, column)
        return item.text() if item is not None else ""

    def regimen_rows(self) -> list[tuple[str, ...]]:
        """The dose-step table as text, newest first (what the person sees)."""
        return [
            tuple(self._cell(r, c) for c in range(self.regimen_table.columnCount()))
            for r in range(self.regimen_table.rowCount())
        ]

    # -- actions ----------------------------------------------------------------------------------------

    def make_medication_dialog(self, medication: Medication | None = None) -> MedicationDialog:
        return MedicationDialog(self.journal, medication, self)

    def make_dose_dialog(self, mode: str) -> DoseChangeDialog | None:
        medication = self.selected()
        return DoseChangeDialog(self.journal, medication, mode, self) if medication is not None else None

    def add_medication(self) -> None:
        dialog = self.make_medication_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.after_write(dialog.saved.id)

    def edit_medication(self) -> None:
        medication = self.selected()
        if medication is None:
            return
        dialog = self.make_medication_dialog(medication)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.after_write(medication.id)

    def dose_step(self, mode: str) -> None:
        dialog = self.make_dose_dialog(mode)
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.after_write(dialog.medication.id)

    def after_write(self, medication_id: int | None) -> None:
        """Show the result of a write made by a dialog (with ``medication_id`` selected) and tell the other
        sections."""
        self._select_after_write(medication_id)
        written(self)

    def _select_after_write(self, medication_id: int | None) -> None:
        self.error_label.hide()
        self.selected_id = medication_id

    def _write(self, action: Callable[[], T], done: Callable[[T], object]) -> Done[T] | None:
        """A write from this section; an expected failure is one sentence under the list."""
        return journal_write(self, action, show=self._show_error, done=done)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def toggle_archive(self) -> None:
        medication = self.selected()
        if medication is None:
            return
        self._write(
            lambda: self.journal.archive_medication(medication.id, not medication.archived),
            lambda _medication: self._select_after_write(medication.id),
        )

    def delete_medication(self) -> None:
        medication = self.selected()
        if medication is None:
            return
        doses = len(self.journal.dose_logs(medication_id=medication.id))
        logged = ngettext("{n} logged dose", "{n} logged doses", doses).format(n=doses)
        question = _(
            "Delete {name} with its dose steps, {logged} and its refills? You can undo this right after."
        ).format(name=medication.name, logged=logged)
        if not ui_errors.ask_yes_no(self, question, _("Delete medication")):
            return

        def deleted(entry: DeletedEntry) -> None:
            log.debug("deleted medication %s", medication.id)
            text = _("Deleted {name} and its {logged}.").format(name=medication.name, logged=logged)
            self.banner.deleted(entry, medication.name, text)
            self._select_after_write(None)

        if self._write(lambda: self.journal.delete_medication(medication.id), deleted) is None:
            return
        self.medication_list.setFocus()  # the Delete button is disabled now; keep Ctrl+Z within reach

    def undo_delete(self) -> None:
        self.banner.undo(
            self,
            self.journal,
            lambda name, _previous: _("Put back {name}.").format(name=name),
            show=lambda _name, reason: self._show_error(reason),
            done=self._select_after_write,
        )


def _class_text(medication: Medication) -> str:
    """What the reviewed data knows the medication as, or that its combinations are not checked."""
    drug_class = knowledge.class_info(knowledge.drug_class(medication.name, medication.known_as)).get("label")
    if drug_class:
        known = _("Known to the journal as: {kind} (its cautions and interaction notes apply).")
        return known.format(kind=_(str(drug_class)))
    unknown = _(
        "medjournal does not know {name}, so its combinations are not checked; ask your pharmacist, "
        "or say what it is with Edit…."
    )
    return unknown.format(name=medication.name)
