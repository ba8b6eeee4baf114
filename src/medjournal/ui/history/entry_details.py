"""The selected entry in full, under History's table (docs/translating.md, "Room for larger fonts").

The table's rows wrap their text and grow to it, up to the table's height less a line (``row_heights.py``); a
note longer than that (notes may have 4,000 characters) still ends in "…" there. This read-only box shows the
selected entry whole: its kind and day, its time, what it records, its note, when it was recorded and where it
was imported from. It follows the selection as the keys move it, Tab reaches it from the table (and arrow keys
then scroll and select its text), and a screen reader reads it by its name, "Selected entry".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QWidget

from medjournal.i18n import _
from medjournal.ui.history.history_model import HistoryRow
from medjournal.ui.history.record_forms import day_text, moment_text

LINES = 3  # shown at once; a longer entry scrolls in the box


def whole_text(row: HistoryRow) -> str:
    """Every line History knows of ``row``, in the words of its table and tooltip."""
    heading = _("{kind} of {day}").format(kind=row.kind, day=day_text(row.day))
    lines = [f"{heading}, {row.time}" if row.time else heading, row.details]
    if row.note.strip():
        lines.append(_("Note: {note}").format(note=row.note.strip()))
    if row.recorded_at:
        recorded = _("Recorded {moment}").format(moment=moment_text(row.recorded_at))
        if row.recorded_later:
            recorded += " " + _("(later than the day it is about)")
        lines.append(recorded)
    if row.imported:
        lines.append(f"{row.imported[0].upper()}{row.imported[1:]}")
    return "\n".join(lines)


class EntryDetails(QWidget):
    """A labelled, read-only box of ``LINES`` lines holding the selected entry whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(_("Selected entry:"))
        self.box = QPlainTextEdit()
        self.box.setReadOnly(True)
        self.box.setTabChangesFocus(True)
        self.box.setFrameShape(QFrame.Shape.StyledPanel)
        self.box.setAccessibleName(_("Selected entry"))
        self.label.setBuddy(self.box)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.box, 1)
        self._fit_height()

    def _fit_height(self) -> None:
        frame = 2 * self.box.frameWidth()
        margins = self.box.contentsMargins().top() + self.box.contentsMargins().bottom()
        document = 2 * int(self.box.document().documentMargin())
        line = self.box.fontMetrics().lineSpacing() + 1  # a block's line, as the box lays it out
        self.box.setFixedHeight(LINES * line + frame + margins + document)

    def show_row(self, row: HistoryRow | None) -> None:
        self.box.setPlainText(whole_text(row) if row is not None else "")

    def text(self) -> str:
        return self.box.toPlainText()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # still LINES lines high
            self._fit_height()
