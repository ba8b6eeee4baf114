"""The History section: every entry by day, searchable, editable, deletable with undo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from medjournal.storage.journal import Journal


class HistoryView(QWidget):
    """Every entry by day, newest first."""

    journal_changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("History"))

    def refresh(self) -> None:
        """Reload from the journal."""
