"""A short, skippable card for a questionnaire due today, with the exact wording and attribution.

The wording, answer choices and attribution come from :mod:`medjournal.domain.instruments`; nothing is
rephrased here. The card only collects answers; Today writes them through the Journal API.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from medjournal import i18n
from medjournal.domain.due import DueQuestionnaire
from medjournal.domain.errors import ValidationError
from medjournal.domain.instrument_wording import localized
from medjournal.domain.instruments import Instrument, display_title, instrument
from medjournal.i18n import _, ngettext
from medjournal.ui.buttons import left_row, quiet_button
from medjournal.ui.history.record_forms import numeric_day
from medjournal.ui.today.checkin_form import ScaleSpinBox, muted_label


def _label(text: str, muted: bool = False) -> QLabel:
    if muted:
        return muted_label(text)
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class QuestionnaireCard(QFrame):
    """Shows one questionnaire. ``answered`` carries (DueQuestionnaire, answers); ``skipped`` the due item."""

    answered = Signal(object, list)
    skipped = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.due: DueQuestionnaire | None = None
        self.past = False  # a day before today is shown: its words say "that day", not "today"
        self.inputs: list[QWidget] = []
        self.layout_ = QVBoxLayout(self)
        self.header = _label("")
        self.layout_.addWidget(self.header)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.body)
        self.error = _label("")
        self.error.setVisible(False)
        self.layout_.addWidget(self.error)
        self.save_button = quiet_button(_("Save &answers"), self.submit)
        self.skip_button = quiet_button(_("S&kip for today"), self.skip)
        self.button_row = left_row(self.save_button, self.skip_button)
        self.layout_.addLayout(self.button_row)
        self.attribution = _label("", muted=True)
        self.layout_.addWidget(self.attribution)

    def say_day(self, past: bool) -> None:
        """Skip for the day shown: "that day" for a day before today (the header follows when next shown)."""
        self.past = past
        self.skip_button.setText(_("S&kip for that day") if past else _("S&kip for today"))

    def show_questionnaire(self, due: DueQuestionnaire, more_due: int = 0) -> None:
        self.due = due
        shown = localized(instrument(due.instrument), i18n.language())
        inst = shown.instrument
        if self.past:
            more = ngettext("{n} more due that day", "{n} more due that day", more_due)
        else:
            more = ngettext("{n} more due today", "{n} more due today", more_due)
        extra = " · " + more.format(n=more_due) if more_due else ""
        self.header.setText(f"<b>{display_title(inst)}</b> <span>({due.reason}{extra})</span>")
        while self.body_layout.count():
            taken = self.body_layout.takeAt(0)
            child = taken.widget() if taken is not None else None
            if child is not None:
                child.deleteLater()
        self.inputs = []
        stem = _stem(inst, due)
        if stem:
            self.body_layout.addWidget(_label(stem))
        for number, item in enumerate(inst.items, start=1):
            text = item.text if inst.key != "pgic" else ""
            if text:
                self.body_layout.addWidget(_label(f"{number}. {text}"))
            field: QWidget
            if len(item.anchors) == item.high - item.low + 1:
                combo = QComboBox()
                combo.setPlaceholderText(_("Choose an answer"))
                for value, anchor in zip(range(item.low, item.high + 1), item.anchors, strict=True):
                    combo.addItem(f"{value} {anchor}", value)
                combo.setCurrentIndex(-1)
                combo.setAccessibleName(text or stem)
                field = combo
            else:
                spin = ScaleSpinBox(item.low, item.high)
                spin.setAccessibleName(text)
                row = QWidget()
                row_layout = QHBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                row_layout.addWidget(spin)
                row_layout.addWidget(
                    _label(f"{item.low} {item.anchors[0]} – {item.high} {item.anchors[-1]}", muted=True), 1
                )
                self.body_layout.addWidget(row)
                self.inputs.append(spin)
                continue
            self.body_layout.addWidget(field)
            self.inputs.append(field)
        self.attribution.setText(f"{shown.note}\n{inst.attribution}" if shown.note else inst.attribution)
        self.error.setVisible(False)
        self.setVisible(True)

    def move_buttons_to(self, layout: QVBoxLayout) -> None:
        """Save answers and Skip for today taken out of the card into ``layout`` (a dialog's foot, which stays in
        view below its scrolling content: ui/dialog_fit.py)."""
        self.layout_.removeItem(self.button_row)
        self.button_row.setParent(None)
        layout.addLayout(self.button_row)

    def focus_first(self) -> None:
        if self.inputs:
            self.inputs[0].setFocus()

    def answers(self) -> list[int]:
        values: list[int] = []
        for field in self.inputs:
            value = field.currentData() if isinstance(field, QComboBox) else field.rating()  # type: ignore[attr-defined]
            if value is None:
                raise ValidationError(
                    _("Please answer every question, or skip the questionnaire for that day.")
                    if self.past
                    else _("Please answer every question, or skip the questionnaire for today.")
                )
            values.append(int(value))
        return values

    def set_answers(self, values: list[int]) -> None:
        for field, value in zip(self.inputs, values, strict=True):
            if isinstance(field, QComboBox):
                field.setCurrentIndex(field.findData(value))
            else:
                field.set_rating(value)  # type: ignore[attr-defined]

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def submit(self) -> None:
        if self.due is None:
            return
        try:
            values = self.answers()
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        self.answered.emit(self.due, values)

    def skip(self) -> None:
        if self.due is not None:
            self.skipped.emit(self.due)


def _stem(inst: Instrument, due: DueQuestionnaire) -> str:
    if inst.key == "pgic":
        started = numeric_day(due.started) if due.started else _("the start date")
        return inst.stem.format(medication=due.medication_name or _("this medication"), date=started)
    return inst.stem
