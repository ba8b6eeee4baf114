"""A row of buttons that stands them one under the other when the room is too narrow for them side by side.

A translation can make a row of buttons wider than its column (docs/translating.md, "Room for longer
languages"): three German buttons under a note to discuss asked for 617 pixels and made Today scroll sideways
at 1280. This row asks only for its widest button and decides on every resize how to lay them out.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QWidget

_ACROSS = QBoxLayout.Direction.LeftToRight
_DOWN = QBoxLayout.Direction.TopToBottom


class ButtonRow(QWidget):
    """``ButtonRow(parent)``; :meth:`add` a button. Right-aligned side by side when they fit, else stacked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QAbstractButton] = []
        self._layout = QBoxLayout(_ACROSS, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)

    def add(self, button: QAbstractButton) -> None:
        self._layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        self.buttons.append(button)
        self._arrange(self.width())
        self.updateGeometry()

    def stacked(self) -> bool:
        return self._layout.direction() == _DOWN

    def across_width(self) -> int:
        """The width the buttons need side by side."""
        shown = [button for button in self.buttons if not button.isHidden()]
        spacing = max(0, self._layout.spacing()) * max(0, len(shown) - 1)
        return sum(button.sizeHint().width() for button in shown) + spacing

    def minimumSizeHint(self) -> QSize:
        widest = max((button.minimumSizeHint().width() for button in self.buttons), default=0)
        widest = max([widest, *(button.sizeHint().width() for button in self.buttons)])
        return QSize(widest, self._layout.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(
            max(self.across_width(), self.minimumSizeHint().width()), self._layout.sizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        wanted = _ACROSS if width >= self.across_width() else _DOWN
        if self._layout.direction() != wanted:
            self._layout.setDirection(wanted)
            self.updateGeometry()
