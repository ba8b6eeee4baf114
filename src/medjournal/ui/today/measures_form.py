"""Today's "Measures" area: weight, blood pressure with pulse and drinks in the last 7 days (docs/clinical.md §6.7).

Folded until the person opens it, and open from the start once the journal holds any measure. Every field is
checked before anything is written (the error stands next to its field); then everything filled in is written
together in one ``journal.batch()``, for the day Today shows. A weight is typed and shown in the person's unit
and kept in kg.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from medjournal.domain import measures
from medjournal.domain.errors import ValidationError
from medjournal.i18n import N_, _, format_decimal, ngettext, numeric_date
from medjournal.storage.journal import Journal
from medjournal.ui.buttons import quiet_button
from medjournal.ui.history.record_forms import error_colour
from medjournal.ui.journal_write import journal_write
from medjournal.ui.section import JournalView
from medjournal.ui.today.checkin_form import muted_label

UNIT_WORDS = {"kg": N_("kg"), "lb": N_("lb")}  # the weight's unit beside its field


def _field(accessible: str, width: int = 70) -> QLineEdit:
    """A short entry field; ``accessible`` only where no label beside it names it (the accessibility filter
    names the others from their labels)."""
    edit = QLineEdit()
    if accessible:
        edit.setAccessibleName(accessible)
    edit.setMaximumWidth(width)
    return edit


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {error_colour(parent)};")
    label.setVisible(False)
    return label


class MeasuresForm(QWidget):
    """The folded area; ``written`` is emitted after measures were saved."""

    written = Signal(str)  # the status sentence

    def __init__(
        self, journal: Journal, section: JournalView, day: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.section = section  # Today: it and the other sections read the day again after a save
        self._day = day
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._head())
        self.body = QFrame()
        self._fields(QGridLayout(self.body))
        outer.addWidget(self.body)
        self.set_open(False)
        self.refresh()

    def _head(self) -> QHBoxLayout:
        """The one line shown while folded: the toggle and what is inside."""
        head = QHBoxLayout()
        self.toggle = QToolButton()
        self.toggle.setText(_("Meas&ures"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAccessibleName(_("Measures"))
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.toggled.connect(self.set_open)
        self.toggle.clicked.connect(self._opened_by_hand)
        self.hint = muted_label(_("weight, blood pressure, alcohol (optional)"))
        head.addWidget(self.toggle)
        head.addWidget(self.hint)
        head.addStretch(1)
        return head

    def _fields(self, grid: QGridLayout) -> None:
        """A row per measure (label, fields, the error beside them), then Save and the latest readings."""
        grid.setContentsMargins(12, 0, 0, 0)
        self.unit = self.journal.weight_unit()
        self.weight_edit = _field("")
        self.upper_edit = _field(_("Blood pressure, upper number"), 55)
        self.lower_edit = _field(_("Blood pressure, lower number"), 55)
        self.pulse_edit = _field("", 55)
        self.drinks_edit = _field("")
        self.unit_label = QLabel(_(UNIT_WORDS[self.unit]))
        self.errors = {key: _error_label(self) for key in ("weight", "pressure", "drinks")}
        pressure: list[QWidget] = [self.upper_edit, QLabel("/"), self.lower_edit, QLabel(_("mmHg"))]
        rows: list[tuple[str, list[QWidget], str]] = [
            (_("Wei&ght"), [self.weight_edit, self.unit_label], "weight"),
            (_("&Blood pressure"), [*pressure, QLabel(_("pulse")), self.pulse_edit], "pressure"),
            (_("Dr&inks in the last 7 days"), [self.drinks_edit], "drinks"),
        ]
        for row, (text, widgets, key) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(widgets[0])
            grid.addWidget(label, row, 0)
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch(0)
            grid.addLayout(line, row, 1)
            grid.addWidget(self.errors[key], row, 2)
        grid.setColumnStretch(2, 1)
        buttons = QHBoxLayout()
        self.save_button = quiet_button(_("Save measures"), self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        grid.addLayout(buttons, len(rows), 0, 1, 3)
        self.latest = muted_label()  # the latest reading of each kind, so a new one is typed knowingly
        grid.addWidget(self.latest, len(rows) + 1, 0, 1, 3)

    # -- folding ------------------------------------------------------------------------------------------

    def set_open(self, opened: bool) -> None:
        self.body.setVisible(opened)
        self.hint.setVisible(not opened)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        if self.toggle.isChecked() != opened:
            self.toggle.setChecked(opened)

    def _opened_by_hand(self, opened: bool) -> None:
        if opened:  # a click or Alt+U: straight on to the first field
            self.weight_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def is_open(self) -> bool:
        return self.body.isVisibleTo(self)

    def refresh(self) -> None:
        """Open once the journal holds a measure; show the unit of the moment and the latest readings."""
        self.unit = self.journal.weight_unit()
        self.unit_label.setText(_(UNIT_WORDS[self.unit]))
        if self.journal.has_measures() and not self.is_open():
            self.set_open(True)
        self.latest.setText(self._latest())

    def _latest(self) -> str:
        day = self._day()
        parts = [
            _describe(m.kind, m.value, m.diastolic, m.pulse, self.unit)
            + " "
            + _("({day})").format(day=numeric_date(m.day))
            for m in self.journal.latest_measures(day)
        ]
        return _("Latest: {measures}").format(measures=" · ".join(parts)) if parts else ""

    # -- saving -------------------------------------------------------------------------------------------

    def _checked(self) -> list[dict[str, Any]] | None:
        """Every filled-in measure, checked; None (with each error next to its field) when any is wrong."""
        found: list[dict[str, Any]] = []
        problems: dict[str, str] = {}
        weight = self.weight_edit.text().strip()
        if weight:
            try:
                found.append({"kind": measures.WEIGHT, "value": measures.check_weight(weight, self.unit)})
            except ValidationError as exc:
                problems["weight"] = exc.message
        upper, lower, pulse = (e.text().strip() for e in (self.upper_edit, self.lower_edit, self.pulse_edit))
        if upper or lower or pulse:
            try:
                if not (upper and lower):
                    raise ValidationError(
                        _("Give both numbers of the blood pressure, for example 128 and 84."), "value"
                    )
                systolic, diastolic = measures.check_pressure(upper, lower)
                found.append(
                    {
                        "kind": measures.BLOOD_PRESSURE,
                        "value": systolic,
                        "diastolic": diastolic,
                        "pulse": measures.check_pulse(pulse),
                    }
                )
            except ValidationError as exc:
                problems["pressure"] = exc.message
        drinks = self.drinks_edit.text().strip()
        if drinks:
            try:
                found.append({"kind": measures.ALCOHOL, "value": measures.check_drinks(drinks)})
            except ValidationError as exc:
                problems["drinks"] = exc.message
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        return None if problems else found

    def save(self) -> bool:
        """Check every field, then write all filled-in measures together. True when something was saved."""
        found = self._checked()
        if found is None:
            self._show(_("Nothing was saved: correct the measure described beside it."), error=True)
            return False
        if not found:
            self._show(_("Nothing to save yet: fill in a weight, a blood pressure or the drinks."))
            return False
        day = self._day()

        def write() -> None:
            with self.journal.batch():
                for item in found:
                    self.journal.add_measure(
                        item["kind"],
                        item["value"],
                        diastolic=item.get("diastolic"),
                        pulse=item.get("pulse"),
                        day=day,
                    )

        if (
            journal_write(
                self.section, write, days=(day, day), show=lambda text: self._show(text, error=True)
            )
            is None
        ):
            return False
        said = ", ".join(
            _describe(i["kind"], i["value"], i.get("diastolic"), i.get("pulse"), self.unit) for i in found
        )
        for edit in (self.weight_edit, self.upper_edit, self.lower_edit, self.pulse_edit, self.drinks_edit):
            edit.clear()
        message = _("Saved for {day}: {measures}.").format(day=numeric_date(day), measures=said)
        self._show(message)
        self.written.emit(message)
        return True

    def _show(self, text: str, error: bool = False) -> None:
        self.status.setText(f"<b>{text}</b>" if error else text)
        self.status.setProperty("error", error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a measure's field saves the measures (not the check-in around them)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.is_open():
            self.save()
            event.accept()
            return
        super().keyPressEvent(event)


def _describe(kind: str, value: float, diastolic: Any, pulse: Any, unit: str) -> str:
    if kind == measures.WEIGHT:
        return _("weight {value} {unit}").format(
            value=format_decimal(measures.from_kg(value, unit), 1), unit=unit
        )
    if kind == measures.BLOOD_PRESSURE:
        text = _("blood pressure {upper}/{lower}").format(upper=f"{value:.0f}", lower=diastolic)
        return text + (" " + _("pulse {pulse}").format(pulse=pulse) if pulse is not None else "")
    return ngettext("{count} drink in 7 days", "{count} drinks in 7 days", 1 if value == 1 else 2).format(
        count=format_decimal(value, 1)
    )
