"""The Medications section's list of one medication's recent doses and refills, newest first."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from medjournal.domain.records import DoseLog, Refill
from medjournal.i18n import N_, _, format_decimal
from medjournal.ui.history.record_forms import numeric_day

LOG_COLUMNS = (N_("Day"), N_("Time"), N_("Entry"), N_("Note"))


def log_rows(
    logs: list[DoseLog], refills: list[Refill], first: date, unit: str = ""
) -> list[tuple[str, str, str, str]]:
    """(day, time, entry, note) for the doses and refills from ``first`` on, newest first."""
    rows: list[tuple[datetime | date, tuple[str, str, str, str]]] = []
    for log in logs:
        if log.day < first:
            continue
        moment = log.moment
        slot = _("{time} dose").format(time=log.slot) if log.slot else _("as needed or extra")
        amount = (
            f" {format_decimal(log.amount, 3)} {unit}".rstrip()
            if log.amount is not None and log.status == "taken"
            else ""
        )
        status = {"taken": _("Taken"), "skipped": _("Skipped")}.get(log.status, log.status.capitalize())
        entry = f"{status}{amount} ({slot})"
        rows.append(
            (moment.replace(tzinfo=None), (numeric_day(log.day), moment.strftime("%H:%M"), entry, log.note))
        )
    for refill in refills:
        if refill.day >= first:
            entry = _("Refill: +{units}").format(units=format_decimal(refill.units, 3))
            rows.append(
                (
                    datetime.combine(refill.day, datetime.max.time()),
                    (numeric_day(refill.day), "", entry, refill.note),
                )
            )
    rows.sort(key=lambda pair: pair[0], reverse=True)
    return [row for _moment, row in rows]


class MedicationLog(QTableWidget):
    """Read-only table of a medication's recent doses and refills (History edits them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(LOG_COLUMNS), parent)
        self.setHorizontalHeaderLabels([_(column) for column in LOG_COLUMNS])
        self.setAccessibleName(_("Recent doses and refills"))
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows go through its rows)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        for column in range(len(LOG_COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(LOG_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)

    def fill(
        self, logs: list[DoseLog], refills: list[Refill], today: date, days: int, unit: str = ""
    ) -> None:
        rows = log_rows(logs, refills, today - timedelta(days=days - 1), unit)
        self.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.setItem(row, column, QTableWidgetItem(value))
