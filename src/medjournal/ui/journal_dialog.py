"""The base of the dialogs that work on the journal as a whole or on one part of it (the first start, Settings,
your own activities): the journal they read and write through its API, their title, the column their content
fills (it scrolls when the screen is too small, ui/dialog_fit.py) and the foot below it for their buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from medjournal.ui.dialog_fit import foot, scrolling_column

if TYPE_CHECKING:
    from medjournal.storage.journal import Journal


class JournalDialog(QDialog):
    """``journal``, the window title ``title``, ``column``: the dialog's content, top to bottom, and ``foot``:
    what stays in view below it (the buttons)."""

    def __init__(self, journal: Journal, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(title)
        self.column = scrolling_column(self)
        self.foot = foot(self)
