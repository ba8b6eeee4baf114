"""The base of the dialogs that work on the journal as a whole or on one part of it (the first start, Settings,
your own activities): the journal they read and write through its API, their title, and the column their
content fills."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from medjournal.storage.journal import Journal


class JournalDialog(QDialog):
    """``journal``, the window title ``title``, and ``column``: the dialog's layout, top to bottom."""

    def __init__(self, journal: Journal, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(title)
        self.column = QVBoxLayout(self)
