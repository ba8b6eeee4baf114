"""Ratings by mouse: a row of buttons, one click per value (docs/today.md, "The mouse path").

The buttons never take the keyboard focus: the keyboard keeps its own control (the rating's spin box, the
side-effect row), and typing a digit there works as before. A click sets the value and puts the focus on that
control, so the keyboard can carry on from where the mouse left off.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

NOT_SET = "–"


def _button(text: str, name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return button


class ValueButtons(QWidget):
    """ "–" (not set) and one checkable button per value from ``low`` to ``high``; exactly one is checked.

    ``describe(value)`` gives each button's spoken name and tooltip ("Pain 6, higher is worse"); ``caption``,
    if given, words the chosen value after the buttons ("2 moderate").
    """

    picked = Signal(object)  # int | None, on a click

    def __init__(
        self,
        low: int,
        high: int,
        describe: Callable[[int | None], str],
        caption: Callable[[int | None], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.low = low
        self.caption = caption
        self.caption_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        values: list[int | None] = [None, *range(low, high + 1)]
        width = self.fontMetrics().horizontalAdvance("10") + 12
        for value in values:
            text = NOT_SET if value is None else str(value)
            button = _button(text, describe(value), describe(value))
            button.setFixedWidth(width)  # equal steps: 10 sits as far from 9 as 1 from 0
            self.group.addButton(button, self._id(value))
            layout.addWidget(button)
        if caption is not None:
            layout.addSpacing(6)
            layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.set_value(None)
        self.group.idClicked.connect(self._clicked)

    def _id(self, value: int | None) -> int:
        return 0 if value is None else value - self.low + 1

    def button(self, value: int | None) -> QToolButton:
        found = self.group.button(self._id(value))
        assert isinstance(found, QToolButton)
        return found

    def set_value(self, value: int | None) -> None:
        self.button(value).setChecked(True)
        if self.caption is not None:
            self.caption_label.setText(self.caption(value))

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked <= 0 else checked + self.low - 1

    def _clicked(self, _id: int) -> None:
        self.picked.emit(self.value())
