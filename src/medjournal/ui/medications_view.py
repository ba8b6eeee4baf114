"""The Medications section: medications, their dose steps and regimen history."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from medjournal.storage.journal import Journal


class MedicationsView(QWidget):
    """Lists medications and lets the person add, edit, change dose, stop and archive them."""

    journal_changed = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Medications"))

    def refresh(self) -> None:
        """Reload from the journal."""
