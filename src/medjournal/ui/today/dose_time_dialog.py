""" "When did you take it?": asked when T is pressed on a dose more than 30 minutes past its time.

Logging the whole day in the evening must record the truth (docs/today.md): the default (Enter) is the planned
time, "Now" is one click or Alt+N, and a time field takes any other time. Escape logs nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from medjournal.i18n import _
from medjournal.ui.buttons import left_row, quiet_button

LATE_AFTER = timedelta(minutes=30)  # within this of the planned time, T logs "now" without a question


def needs_question(planned: datetime, now: datetime) -> bool:
    """Whether T on a dose planned for ``planned`` asks when it was taken."""
    return now - planned > LATE_AFTER


class DoseTimeDialog(QDialog):
    """``chosen(time)`` fires with the wall-clock time picked; nothing fires on Escape."""

    chosen = Signal(object)  # datetime.time

    def __init__(self, name: str, planned: time, now: time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("When was it taken?"))
        self.setModal(True)
        self.planned = planned
        self.now = now
        layout = QVBoxLayout(self)
        question = QLabel(
            _("The {time} dose of {name} was due a while ago. When did you take it?").format(
                time=planned.strftime("%H:%M"), name=name
            )
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        self.planned_button = QPushButton(_("At {time}, as &planned").format(time=planned.strftime("%H:%M")))
        self.planned_button.setDefault(True)
        self.planned_button.clicked.connect(lambda: self._choose(self.planned))
        layout.addWidget(self.planned_button)
        self.now_button = quiet_button(
            _("&Now, {time}").format(time=now.strftime("%H:%M")), lambda: self._choose(self.now)
        )
        layout.addWidget(self.now_button)
        other_label = QLabel(_("At &another time"))
        self.time_edit = QTimeEdit(QTime(planned.hour, planned.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(_("The time it was taken"))
        other_label.setBuddy(self.time_edit)
        self.other_button = quiet_button(_("&Log this time"), self._choose_edited)
        layout.addLayout(left_row(other_label, self.time_edit, self.other_button))
        layout.addWidget(quiet_button(_("Cancel (Esc)"), self.reject))
        self.planned_button.setFocus()

    def _choose(self, value: time) -> None:
        self.accept()
        self.chosen.emit(value)

    def _choose_edited(self) -> None:
        picked = self.time_edit.time()
        self._choose(time(picked.hour(), picked.minute()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the time field logs that time, not the planned one the default button stands for.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is self.time_edit:
            self._choose_edited()
            return
        super().keyPressEvent(event)
