"""The day's doses on Today: scheduled slots and as-needed medications, one keystroke each.

Keys on a row: T = taken, S = skipped (asks for an optional reason), U or Delete = undo what was logged.
Every action is one Journal API write; the list then moves to the next row still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from medjournal.domain.localtime import local_moment
from medjournal.domain.records import DaySlot, DoseLog, Medication, Regimen
from medjournal.domain.schedule import OPEN_STATUSES
from medjournal.i18n import N_, _, format_decimal
from medjournal.ui.fit_rows import fit_to_rows

STATUS_TEXT = {
    "taken": N_("✓ Taken"),
    "late": N_("✓ Taken late"),
    "skipped": N_("– Skipped"),
    "missed": N_("Not recorded"),
    "not_recorded": N_("Not recorded"),  # came due before the journal knew the medication (never missed)
    "due": N_("Due now"),
    "upcoming": N_("Later today"),
}


@dataclass
class DoseRow:
    """One row: a scheduled slot, or an as-needed medication with the day's count."""

    medication_id: int
    name: str
    slot: DaySlot | None = None
    regimen: Regimen | None = None  # as-needed rows
    taken_today: int = 0  # of the day shown
    logs: tuple[DoseLog, ...] = ()
    past: bool = False  # the day shown is before today: its counts say "that day"

    @property
    def as_needed(self) -> bool:
        return self.slot is None

    @property
    def is_open(self) -> bool:
        return self.slot is not None and self.slot.status in OPEN_STATUSES

    def over_maximum_after_one_more(self) -> bool:
        maximum = self.regimen.max_daily if self.regimen else None
        return maximum is not None and self.taken_today + 1 > maximum

    def cells(self) -> list[str]:
        if self.slot is not None:
            slot = self.slot
            status = _(STATUS_TEXT[slot.status]) if slot.status in STATUS_TEXT else slot.status
            if slot.log is not None:
                at = datetime.fromisoformat(slot.log.taken_at).strftime("%H:%M")
                if slot.log.status == "taken":
                    status = _("{status} {time}").format(status=status, time=at)
                if slot.log.note:
                    status = _("{status} ({note})").format(status=status, note=slot.log.note)
            return [slot.slot, self.name, f"{_number(slot.dose)} {slot.unit}", status]
        regimen = self.regimen
        dose = f"{_number(regimen.dose)} {regimen.unit}" if regimen else ""
        maximum = regimen.max_daily if regimen else None
        # The words of `medjournal today`; a day typed in late says the count is of that day (the banner above
        # the list names it), never "today".
        if maximum and self.past:
            count = _("{taken} of at most {most} taken that day").format(taken=self.taken_today, most=maximum)
        elif maximum:
            count = _("{taken} of at most {most} taken").format(taken=self.taken_today, most=maximum)
        elif self.past:
            count = _("{taken} taken that day").format(taken=self.taken_today)
        else:
            count = _("{taken} taken").format(taken=self.taken_today)
        if maximum is not None and self.taken_today > maximum:
            count = _("{count}: above the daily maximum").format(count=count)
        return [_("as needed"), self.name, dose, count]


def _number(value: float) -> str:
    return format_decimal(value, 3)


def build_rows(
    slots: list[DaySlot],
    medications: list[Medication],
    regimens: dict[int, list[Regimen]],
    logs: list[DoseLog],
    day: date,
    past: bool = False,
) -> list[DoseRow]:
    """Scheduled slots in time order, then as-needed medications active on ``day`` (``past``: before today)."""
    rows = [DoseRow(s.medication_id, s.medication_name, slot=s) for s in slots]
    for medication in medications:
        if medication.archived:
            continue
        active = [r for r in regimens.get(medication.id, []) if r.active_on(day)]
        regimen = max(active, key=lambda r: (r.start_date, r.id)) if active else None
        if regimen is None or not regimen.as_needed:
            continue
        taken = tuple(g for g in logs if g.medication_id == medication.id and g.status == "taken")
        rows.append(
            DoseRow(
                medication.id, medication.name, regimen=regimen, taken_today=len(taken), logs=taken, past=past
            )
        )
    return rows


class DoseList(QTreeWidget):
    """A keyboard-first list of the day's doses. The owner performs the writes when the signals fire."""

    take_requested = Signal(object)  # DoseRow
    skip_requested = Signal(object)
    undo_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DoseRow] = []
        self.setColumnCount(4)
        self.setHeaderLabels([_("Time"), _("Medication"), _("Dose"), _("Status")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Doses of the day"))
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def set_rows(self, rows: list[DoseRow], keep: tuple[int, str | None] | None = None) -> None:
        self.rows = rows
        self.clear()
        for row in rows:
            item = QTreeWidgetItem(row.cells())
            item.setToolTip(3, _("T taken · S skipped · U undo"))
            self.addTopLevelItem(item)
        # as tall as its rows and as wide as its columns: Today's page scrolls, the list never does
        fit_to_rows(self, least_rows=2)
        target = None
        if keep is not None:
            target = next((i for i, r in enumerate(rows) if self._key(r) == keep), None)
        if target is None:
            target = self.first_open_index()
        if rows:
            self.setCurrentItem(self.item(target if target is not None else 0))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            fit_to_rows(self, least_rows=2)  # the desktop's font changed: rows of another height

    def item(self, index: int) -> QTreeWidgetItem:
        found = self.topLevelItem(index)
        assert found is not None
        return found

    @staticmethod
    def _key(row: DoseRow) -> tuple[int, str | None]:
        return row.medication_id, row.slot.slot if row.slot else None

    def first_open_index(self, after: int = -1) -> int | None:
        for index in range(after + 1, len(self.rows)):
            if self.rows[index].is_open:
                return index
        return None

    def current_row(self) -> DoseRow | None:
        current = self.currentItem()
        index = self.indexOfTopLevelItem(current) if current is not None else -1
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def move_to_next_open(self, from_key: tuple[int, str | None]) -> None:
        index = next((i for i, r in enumerate(self.rows) if self._key(r) == from_key), -1)
        target = self.first_open_index(index)
        if target is None:
            target = self.first_open_index()
        if target is None:
            target = index if index >= 0 else 0
        if self.rows:
            self.setCurrentItem(self.item(min(target, len(self.rows) - 1)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.current_row()
        key = event.key()
        plain = not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier
        )
        if row is not None and plain:
            if key == Qt.Key.Key_T:
                self.take_requested.emit(row)
                return
            if key == Qt.Key.Key_S:
                self.skip_requested.emit(row)
                return
            if key in (Qt.Key.Key_U, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.undo_requested.emit(row)
                return
        super().keyPressEvent(event)


def moment_on(day: date, clock_time: time, now: datetime) -> datetime:
    """``clock_time`` on ``day`` with that day's own UTC offset (a day before a clock change keeps its offset)."""
    return local_moment(day, clock_time, now)
