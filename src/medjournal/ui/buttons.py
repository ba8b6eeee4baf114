"""Buttons and rows the sections build again and again, written once.

A button beside fields is never the dialog's auto-default: Enter in a field saves the form or does nothing, and
must not press a button that opens a file dialog, skips a questionnaire or logs a time (docs/today.md, "One
check-in, however it is saved").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


def quiet_button(text: str, clicked: Callable[[], object] | None = None, tip: str = "") -> QPushButton:
    """A button that Enter in a field never presses, ``clicked`` connected, ``tip`` as its tooltip."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    if tip:
        button.setToolTip(tip)
    if clicked is not None:
        button.clicked.connect(clicked)
    return button


def left_row(*widgets: QWidget) -> QHBoxLayout:
    """The widgets side by side from the left, the rest of the width left empty."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row
