"""The check-in on Today: pain, where it hurts, mood, sleep, a note and the journal's own safety question.

Every scale says which way is better (docs/clinical.md §2). Scales start "not rated": a missing rating is
missing, never zero. Alt+P, Alt+M and Alt+L jump to pain, mood and sleep; typing a digit sets the value. Beside
each, a row of buttons "–", 0 … 10 sets it in one click (docs/today.md, "The mouse path").
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from medjournal.domain import knowledge
from medjournal.i18n import N_, _
from medjournal.ui.accessibility import mute
from medjournal.ui.today.rating_buttons import ValueButtons

SELF_HARM_QUESTION = N_("Have you had thoughts that you would be better off dead or of hurting yourself?")
NOT_RATED = N_("not rated")


def ready_for_typing(box: QAbstractSpinBox) -> None:
    """After the form sets a value (a new check-in, another day) in the box that has the keyboard, the next digit
    replaces it, as it does when the box gains the focus; otherwise "not rated" plus the digit is refused and the
    key does nothing."""
    if box.hasFocus():
        box.selectAll()


# The typed-over spin boxes' base as mypy sees it; at run time a plain mixin, so that each box keeps its own
# Qt class (QSpinBox, QDoubleSpinBox) as its one Qt base.
if TYPE_CHECKING:
    _SpinBoxMixin = QAbstractSpinBox
else:
    _SpinBoxMixin = object


class _TypedOver(_SpinBoxMixin):
    """A box whose value the next digit typed replaces: on gaining the focus, and after the form shows a value."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()


class ScaleSpinBox(_TypedOver, QSpinBox):
    """A 0–10 rating that can also be "not rated" (shown at -1). Typing a digit replaces the value."""

    def __init__(self, low: int = 0, high: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(low - 1, high)
        self.setSpecialValueText(_(NOT_RATED))
        self.setValue(low - 1)
        self.setAccelerated(False)

    def rating(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_rating(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)
        ready_for_typing(self)


class HoursSpinBox(_TypedOver, QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-0.5, 24)
        self.setSingleStep(0.5)
        self.setDecimals(1)
        self.setSpecialValueText(_(NOT_RATED))
        self.setSuffix(_(" h"))
        self.setValue(-0.5)

    def hours(self) -> float | None:
        return None if self.value() < 0 else self.value()

    def set_hours(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else value)
        ready_for_typing(self)


def muted_label(text: str = "") -> QLabel:
    """A secondary line: quieter than the text, still 4.5:1 on the background (the palette's placeholder
    colour is about 3.3:1 in Fusion's light theme)."""
    label = QLabel(text)
    label.setWordWrap(True)
    return mute(label)


_hint = muted_label


def scale_buttons(spin: ScaleSpinBox, what: str, better: str) -> ValueButtons:
    """The one-click row for ``spin``: a click sets the rating and hands the keyboard to the spin box; a typed
    digit shows on the row."""

    def describe(value: int | None) -> str:
        if value is None:
            return _("{what}: not rated").format(what=what)
        return _("{what} {value}, {better}").format(what=what, value=value, better=better)

    buttons = ValueButtons(spin.minimum() + 1, spin.maximum(), describe)

    def picked(value: object) -> None:
        spin.set_rating(value if isinstance(value, int) else None)
        spin.setFocus(Qt.FocusReason.MouseFocusReason)

    buttons.picked.connect(picked)
    spin.valueChanged.connect(lambda _v: buttons.set_value(spin.rating()))
    return buttons


def _scale_row(spin: QWidget, buttons: QWidget, hint: str, *after: QWidget) -> QWidget:
    """The spin box and its buttons on one line, the scale's anchors and direction under the buttons."""
    row = QWidget()
    layout = QGridLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setVerticalSpacing(0)
    layout.addWidget(spin, 0, 0)
    layout.addWidget(buttons, 0, 1)
    layout.addWidget(_hint(hint), 1, 1)
    for column, widget in enumerate(after, start=2):
        layout.addWidget(widget, 0, column)
    layout.setColumnStretch(1, 1)
    return row


class CheckinForm(QGroupBox):
    """The fields of one check-in. :meth:`values` gives the keyword arguments for ``Journal.add_checkin``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Check-in"), parent)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self._add_ratings(form)

        self._add_areas(form)

        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Anything worth remembering (optional)"))
        note_label = QLabel(_("&Note"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)

        self.self_harm = QComboBox()
        self.self_harm.addItems([_("Not answered"), _("No"), _("Yes")])
        self.self_harm.setAccessibleName(_(SELF_HARM_QUESTION))
        question = QLabel(_("{question} (optional)").format(question=_(SELF_HARM_QUESTION)))
        question.setWordWrap(True)
        question.setBuddy(self.self_harm)
        form.addRow(question)
        form.addRow("", self.self_harm)

        self.apply_tab_order()

    def _add_ratings(self, form: QFormLayout) -> None:
        """Pain, mood and sleep, each a 0–10 box with its buttons, and the hours slept."""
        self.pain = ScaleSpinBox()
        self.pain.setAccessibleName(_("Pain right now, 0 to 10, higher is worse"))
        pain_label = QLabel(_("&Pain right now"))
        pain_label.setBuddy(self.pain)
        self.pain_label = pain_label
        self.pain_buttons = scale_buttons(self.pain, _("Pain"), _("higher is worse"))
        form.addRow(
            pain_label,
            _scale_row(
                self.pain, self.pain_buttons, _("0 no pain – 10 worst pain imaginable · higher = worse")
            ),
        )

        self.mood = ScaleSpinBox()
        self.mood.setAccessibleName(_("Mood today, 0 to 10, higher is better"))
        mood_label = QLabel(_("&Mood today"))
        mood_label.setBuddy(self.mood)
        self.mood_label = mood_label
        self.mood_buttons = scale_buttons(self.mood, _("Mood"), _("higher is better"))
        form.addRow(
            mood_label,
            _scale_row(self.mood, self.mood_buttons, _("0 very low – 10 very good · higher = better")),
        )

        self.sleep = ScaleSpinBox()
        self.sleep.setAccessibleName(_("How well did you sleep last night, 0 to 10, higher is better"))
        sleep_label = QLabel(_("S&leep last night"))
        sleep_label.setBuddy(self.sleep)
        self.sleep_label = sleep_label
        self.sleep_hours = HoursSpinBox()
        self.sleep_hours.setAccessibleName(_("Hours slept"))
        self.sleep_buttons = scale_buttons(self.sleep, _("Sleep"), _("higher is better"))
        form.addRow(
            sleep_label,
            _scale_row(self.sleep, self.sleep_buttons, _("0 very badly – 10 very well · higher = better")),
        )
        # hours on a line of their own: beside the sleep buttons they would widen Today past a 1366-pixel screen
        hours_label = QLabel(_("H&ours slept"))
        hours_label.setBuddy(self.sleep_hours)
        self.sleep_hours.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(hours_label, self.sleep_hours)

    def _add_areas(self, form: QFormLayout) -> None:
        """Where it hurts: a box to tick per body area."""
        self.areas = QListWidget()
        self.areas.setAccessibleName(_("Where it hurts"))
        self.areas.setFlow(QListView.Flow.LeftToRight)
        self.areas.setWrapping(True)
        self.areas.setResizeMode(QListView.ResizeMode.Adjust)
        self.areas.setSpacing(2)
        for key, label in knowledge.body_areas():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.areas.addItem(item)
        self.areas.setMinimumHeight(self.fontMetrics().height() * 4)
        self.areas.setMaximumHeight(self.fontMetrics().height() * 7)
        areas_label = QLabel(_("&Where it hurts"))
        areas_label.setBuddy(self.areas)
        areas_label.setToolTip(_("Arrow keys to move, Space to tick"))
        form.addRow(areas_label, self.areas)

    def apply_tab_order(self) -> None:
        """Pain → mood → sleep → hours → where → note → question (call again once the form has a parent)."""
        chain = [self.pain, self.mood, self.sleep, self.sleep_hours, self.areas, self.note, self.self_harm]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def set_saved_note(self, note: str) -> None:
        """Say in the title that the values shown are saved ("saved 21:31"), or nothing for a new check-in."""
        self.setTitle(_("Check-in · {note}").format(note=note) if note else _("Check-in"))

    def locations(self) -> list[str]:
        found = []
        for index in range(self.areas.count()):
            item = self.areas.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def self_harm_answer(self) -> bool | None:
        return {0: None, 1: False, 2: True}[self.self_harm.currentIndex()]

    def values(self) -> dict[str, Any]:
        return {
            "pain": self.pain.rating(),
            "mood": self.mood.rating(),
            "sleep": self.sleep.rating(),
            "sleep_hours": self.sleep_hours.hours(),
            "locations": self.locations(),
            "note": self.note.text().strip(),
            "self_harm_thoughts": self.self_harm_answer(),
        }

    def has_input(self) -> bool:
        values = self.values()
        return any(values[k] not in (None, "", []) for k in values)

    def say_day(self, past: bool) -> None:
        """Name the ratings for the day shown: a day before today is rated for that day, not "right now" or
        "today" (the banner above names the day)."""
        if past:
            self.pain_label.setText(_("&Pain that day"))
            self.pain.setAccessibleName(_("Pain that day, 0 to 10, higher is worse"))
            self.mood_label.setText(_("&Mood that day"))
            self.mood.setAccessibleName(_("Mood that day, 0 to 10, higher is better"))
            self.sleep_label.setText(_("S&leep the night before"))
            self.sleep.setAccessibleName(
                _("How well did you sleep the night before, 0 to 10, higher is better")
            )
        else:
            self.pain_label.setText(_("&Pain right now"))
            self.pain.setAccessibleName(_("Pain right now, 0 to 10, higher is worse"))
            self.mood_label.setText(_("&Mood today"))
            self.mood.setAccessibleName(_("Mood today, 0 to 10, higher is better"))
            self.sleep_label.setText(_("S&leep last night"))
            self.sleep.setAccessibleName(_("How well did you sleep last night, 0 to 10, higher is better"))

    def clear(self) -> None:
        for spin in (self.pain, self.mood, self.sleep):
            spin.set_rating(None)
        self.sleep_hours.set_hours(None)
        for index in range(self.areas.count()):
            self.areas.item(index).setCheckState(Qt.CheckState.Unchecked)
        self.note.clear()
        self.self_harm.setCurrentIndex(0)
