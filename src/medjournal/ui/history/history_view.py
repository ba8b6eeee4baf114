"""The History section: every entry by day, newest first; search, filter by kind, edit, delete with undo.

Entries are loaded for a date range (the last 90 days at first; "Earlier" reaches further back) into one model
and shown in one QTableView, so the section stays quick with ten years of data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain import instruments
from medjournal.domain.records import (
    CheckIn,
    DoseLog,
    QuestionnaireResult,
    Record,
    Refill,
    SafetyEvent,
    SideEffect,
    Treatment,
    Visit,
)
from medjournal.i18n import _, ngettext
from medjournal.storage.journal import DeletedEntry, Journal
from medjournal.ui.accessibility import mute
from medjournal.ui.flow_layout import FlowLayout
from medjournal.ui.history.entry_details import EntryDetails
from medjournal.ui.history.entry_editor import EntryEditor
from medjournal.ui.history.history_columns import ColumnShare
from medjournal.ui.history.history_model import KINDS, HistoryModel, HistoryRow, load_rows
from medjournal.ui.history.record_forms import UndoBanner, error_label, numeric_day
from medjournal.ui.history.row_heights import RowHeights
from medjournal.ui.journal_write import attempt, journal_write, written
from medjournal.ui.qt_dates import from_qdate, to_qdate

log = logging.getLogger(__name__)

DatedRecord = CheckIn | DoseLog | QuestionnaireResult | Refill | SafetyEvent | SideEffect | Treatment | Visit
FIRST_RANGE_DAYS = 90
EARLIER_STEP_DAYS = 365


class HistoryView(QWidget):
    """Every entry by day, newest first."""

    journal_changed = Signal(object)  # after a write: the days it touched, or None (a medication's entries)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.safety_panel: QDialog | None = None
        today = journal.today()
        self.model = HistoryModel(self)

        top = self._range_bar(today)
        kinds_row = self._kinds_row()
        self._build_table()
        self.details = EntryDetails()  # the selected entry whole, however long its note
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.details.show_row(self.current_row())
        )
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.error_label = error_label(self)

        self.banner = UndoBanner()
        self.banner.undo_button.clicked.connect(self.undo_delete)

        buttons = self._button_row()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(kinds_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

        self._add_shortcuts()
        self.refresh()

    def _range_bar(self, today: date) -> QHBoxLayout:
        """Search, and the first and last day shown."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search entries (Ctrl+F): a symptom, a note, a medication…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.search.returnPressed.connect(self._focus_table)

        self.start_edit = QDateEdit(to_qdate(today - timedelta(days=FIRST_RANGE_DAYS - 1)))
        self.end_edit = QDateEdit(to_qdate(today))
        # While the range ends on the latest day (the default), it follows new entries and the calendar.
        self.follow_latest = True
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._range_edited)
        self.earlier_button = QPushButton(_("&Earlier"))
        self.earlier_button.setToolTip(_("Also show the year before the first day shown"))
        self.earlier_button.clicked.connect(self.show_earlier)
        self.all_button = QPushButton(_("&All"))
        self.all_button.setToolTip(_("Show every entry in the journal"))
        self.all_button.clicked.connect(self.show_everything)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        from_label = QLabel(_("Fro&m"))
        from_label.setBuddy(self.start_edit)
        to_label = QLabel(_("&to"))
        to_label.setBuddy(self.end_edit)
        for widget in (
            from_label,
            self.start_edit,
            to_label,
            self.end_edit,
            self.earlier_button,
            self.all_button,
        ):
            top.addWidget(widget)
        return top

    def _kinds_row(self) -> FlowLayout:
        """A box per kind of entry, and the count shown; on more lines when one is too narrow for them."""
        kinds_row = FlowLayout()
        kinds_row.addWidget(QLabel(_("Show:")))
        self.kind_boxes: dict[str, QCheckBox] = {}
        for table, label in KINDS.items():
            box = QCheckBox(_(label))
            box.setChecked(True)
            box.toggled.connect(self._filter_changed)
            self.kind_boxes[table] = box
            kinds_row.addWidget(box)
        self.count_label = QLabel()
        kinds_row.addWidget(self.count_label)
        return kinds_row

    def _build_table(self) -> None:
        """The one table of entries."""
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list (for the entry in full below it)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Journal entries"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.columns = ColumnShare(self.table, self.model)  # each column to what it shows, the entry the rest
        self.row_heights = RowHeights(
            self.table
        )  # rows as high as their wrapped text, fitted as they are shown

    def _button_row(self) -> QHBoxLayout:
        self.edit_button = QPushButton(_("Edit… (Enter)"))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton(_("Delete (Del)"))
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        legend = QLabel(_("“later” marks entries recorded after the day they are about."))
        mute(legend)
        legend.setWordWrap(True)  # a long language or a large font: two lines rather than a wider window
        buttons.addWidget(legend, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        return buttons

    def _add_shortcuts(self) -> None:
        """Ctrl+F searches, Ctrl+Z puts back, Delete deletes and Enter edits the selected entry."""
        self._shortcut(
            QKeySequence.StandardKey.Find, self.focus_search, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self._shortcut(
            QKeySequence.StandardKey.Undo, self.undo_delete, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        for key in (Qt.Key.Key_Delete,):
            self._shortcut(
                QKeySequence(key), self.delete_current, Qt.ShortcutContext.WidgetShortcut, self.table
            )
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._shortcut(
                QKeySequence(key), self.edit_current, Qt.ShortcutContext.WidgetShortcut, self.table
            )

    def _shortcut(
        self,
        keys: QKeySequence | QKeySequence.StandardKey,
        slot: Callable[[], object],
        context: Qt.ShortcutContext,
        owner: QWidget | None = None,
    ) -> QShortcut:
        shortcut = QShortcut(keys, owner or self)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
        return shortcut

    # -- loading and filtering --------------------------------------------------------------------------

    @property
    def start(self) -> date:
        return from_qdate(self.start_edit.date())

    @property
    def end(self) -> date:
        return from_qdate(self.end_edit.date())

    def set_range(self, start: date, end: date) -> None:
        """Show entries from ``start`` to ``end`` (reloads once)."""
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)
        self.follow_latest = end >= self.latest_day()
        self.refresh()

    def show_earlier(self) -> None:
        self.set_range(self.start - timedelta(days=EARLIER_STEP_DAYS), self.end)

    def show_everything(self) -> None:
        span = self.journal.date_span()
        firsts = [
            self.start,
            *(span[:1] if span else ()),
            *(v.day for v in self.journal.visits()),
            *(r.day for r in self.journal.refills()),
        ]
        self.set_range(min(firsts), max(self.end, self.latest_day()))

    def latest_day(self) -> date:
        """Today, or a later day that has an entry (a planned visit, a check-in for tomorrow)."""
        span = self.journal.date_span()
        later: list[date] = [self.journal.today(), *(v.day for v in self.journal.visits())]
        if span is not None:
            later.append(span[1])
        return max(later)

    def _range_edited(self) -> None:
        self.follow_latest = self.end >= self.latest_day()
        self.refresh()

    def refresh(self) -> None:
        """Reload the shown range from the journal, keeping the selected entry where possible (where it is
        gone, a deleted one, the row that takes its place)."""
        current = self.current_row()
        position = self.table.currentIndex().row() if current is not None else 0
        latest = self.latest_day() if self.follow_latest else self.end
        if latest != self.end:
            self.end_edit.blockSignals(True)
            self.end_edit.setDate(to_qdate(latest))
            self.end_edit.blockSignals(False)
        rows = load_rows(self.journal, self.start, self.end) if self.start <= self.end else []
        self.model.set_rows(rows)
        self._after_reset(current, fallback=position)

    def refresh_days(self, _first: date, _last: date) -> None:
        """The shown range follows the latest day, and an edit may move an entry: read it all again."""
        self.refresh()

    def _filter_changed(self) -> None:
        current = self.current_row()
        self.model.set_filter(self.search.text(), self.kinds())
        self._after_reset(current)

    def kinds(self) -> set[str]:
        return {table for table, box in self.kind_boxes.items() if box.isChecked()}

    def _after_reset(self, previous: HistoryRow | None, fallback: int = 0) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(
            ngettext("{shown} of {n} entry", "{shown} of {n} entries", self.model.total).format(
                shown=shown, n=self.model.total
            )
        )
        if shown == 0:
            if self.model.total == 0 and self.journal.is_empty():
                self.empty_label.setText(
                    _(
                        "Nothing in the journal yet. What you save on Today (doses, check-ins, side effects) "
                        "appears here by day, newest first, and can be corrected or deleted."
                    )
                )
            elif self.model.total == 0:
                self.empty_label.setText(
                    _(
                        "No entries between {start} and {end}. Use Earlier or All to look further back."
                    ).format(start=numeric_day(self.start), end=numeric_day(self.end))
                )
            else:
                self.empty_label.setText(_("No entry matches the search and the kinds ticked."))
        self.empty_label.setVisible(shown == 0)
        self.table.setVisible(shown > 0)
        self.details.setVisible(shown > 0)
        self.edit_button.setEnabled(shown > 0)
        self.delete_button.setEnabled(shown > 0)
        position = self.model.find(previous.table, previous.entry_id) if previous else None
        if shown:
            self.select_row(min(position if position is not None else fallback, shown - 1))
        self.details.show_row(self.current_row())

    def select_row(self, position: int) -> None:
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def settled(self) -> bool:
        """The rows shown are as high as their text (the fit waits for the event loop after a change)."""
        return self.row_heights.settled()

    def current_row(self) -> HistoryRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def focus_first(self) -> None:
        """Where the keyboard starts when the section is opened: the list of entries (or the search box)."""
        (self.table if self.table.isVisibleTo(self) else self.search).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- editing ----------------------------------------------------------------------------------------

    def make_editor(self, row: HistoryRow) -> EntryEditor:
        """The dialog for one entry (tests open it themselves and fill it in)."""
        return EntryEditor(self.journal, row.table, row.entry_id, self)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        opened = attempt(lambda: self.make_editor(row), self, self._show_error)
        if opened is None:
            return
        editor = opened.value
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.after_edit(row, editor.saved)
            self.check_safety(editor.entry, editor.saved)

    def check_safety(self, before: Record, after: Record) -> None:
        """A PHQ-9 changed here to answer item 9 above 0 opens the safety panel, as when first answered."""
        if not isinstance(after, QuestionnaireResult) or not isinstance(before, QuestionnaireResult):
            return
        answer = instruments.self_harm_answer(after.instrument, after.answers)
        if answer <= 0 or instruments.self_harm_answer(before.instrument, before.answers) > 0:
            return
        choice = instruments.PHQ_CHOICES[answer]
        event = attempt(
            lambda: self.journal.record_safety_event(
                "phq9_item9",
                f"PHQ-9 item 9 answered {choice!r} (questionnaire of {after.day}, changed in History).",
                day=after.day,
                source=("questionnaire", after.id),
            ),
            self,
            self._show_error,
        )
        from medjournal.ui.today.safety_panel import (
            SafetyPanel,  # the Today section's panel, shown the same way
        )

        self.safety_panel = SafetyPanel(self.journal, event.value.id if event else None, self.window())
        self.safety_panel.open()

    def after_edit(self, row: HistoryRow, saved: Record | None = None) -> None:
        """After the entry of ``row`` was changed in its dialog (to ``saved``): read again, keep it selected,
        and tell the others which days changed (the entry may have moved to another day)."""
        days = [row.day, *([saved.day] if isinstance(saved, DatedRecord) else [])]
        written(self, (min(days), max(days)))
        position = self.model.find(row.table, row.entry_id)
        if position is not None:
            self.select_row(position)

    def delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        description = row.describe()

        def deleted(entry: DeletedEntry) -> None:
            log.debug("deleted %s %s", row.table, row.entry_id)
            self.banner.deleted(entry, description, _("Deleted the {entry}.").format(entry=description))
            self.error_label.hide()

        journal_write(
            self,
            lambda: self.journal.delete_entry(row.table, row.entry_id),
            days=(row.day, row.day) if row.table != "medications" else None,
            show=self._show_error,
            done=deleted,
        )

    def undo_delete(self) -> None:
        def said(description: str, previous: str | None) -> str:
            if previous is not None:
                return _("Put back the {entry}. Undo again to put back the {previous}.").format(
                    entry=description, previous=previous
                )
            return _("Put back the {entry}.").format(entry=description)

        undone = self.banner.undo(
            self,
            self.journal,
            said,
            show=lambda description, reason: self._show_error(
                _("The {entry} could not be put back: {reason}").format(entry=description, reason=reason)
            ),
            days=_days_of,
        )
        position = self.model.find(undone[0].table, undone[1]) if undone is not None else None
        if position is not None:
            self.select_row(position)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def _days_of(deleted: DeletedEntry) -> tuple[date, date] | None:
    """The days of the entries an undo put back, or None when one has no day (a medication and its steps)."""
    days = []
    for _table, row in deleted.rows:
        value = row.get("day")
        if not isinstance(value, str):
            return None
        try:
            days.append(date.fromisoformat(value[:10]))
        except ValueError:
            return None
    return (min(days), max(days)) if days else None
