"""How History's columns share the table's width (docs/translating.md, "Room for larger fonts").

Every column but the entry is as wide as the longest text it shows among the newest rows (the day in bold, as a
day's first row shows it), or as its title when that is wider: a column of times is not left as wide as the
longest kind of entry, nor an empty note column as wide as a note. The note and "recorded" columns give way to
the entry when it needs the room, down to a share of it each. The entry column stretches over what is left, so at
a large font or in a longer language the entry is not squeezed while room stands empty beside it; a text longer
than its column wraps onto more lines, and its row grows to it (``row_heights.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from medjournal.ui.history.history_model import HistoryModel
from medjournal.ui.history.long_words import pieces

DAY, ENTRY, NOTE, RECORDED = 0, 3, 4, 5
SAMPLE_ROWS = 2000  # the newest rows measured: months of entries, quick with ten years of them
NOTE_SHARE = 0.2  # of the room after day, time and kind, when the entries need the rest (a note wraps in it)
RECORDED_SHARE = 0.25
GAP = 10  # between one column's longest text and the next column's


def cell_margin(table: QTableView) -> int:
    """The room a cell's text loses to its margins (Qt's item delegate: the focus frame and one pixel a side)."""
    return 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)


def bold_metrics(font: QFont) -> QFontMetrics:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold)


def header_need(header: QHeaderView, section: int) -> int:
    """The width of a column's title; in bold, as Qt draws the titles of the selected row's columns."""
    model = header.model()
    text = str(model.headerData(section, Qt.Orientation.Horizontal) or "") if model is not None else ""
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return bold_metrics(header.font()).horizontalAdvance(text) + margin + 2


class ColumnShare(QObject):
    """Sizes the columns of History's ``table`` to what they show: measured again when the rows change, shared
    again when the table is resized."""

    def __init__(self, table: QTableView, model: HistoryModel) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        self.needs: dict[int, int] = {}
        self.least: dict[int, int] = {}  # the longest word (or the title) of a column whose text wraps
        model.modelReset.connect(self.measure)
        table.installEventFilter(self)  # a new font: measured again
        self.viewport = table.viewport()
        self.viewport.installEventFilter(self)
        self.measure()

    def measure(self) -> None:
        header = self.table.horizontalHeader()
        margin = cell_margin(self.table)
        for column in range(self.model.columnCount()):
            metrics = bold_metrics(self.table.font()) if column == DAY else self.table.fontMetrics()
            texts = self.model.texts(column, SAMPLE_ROWS)
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            self.needs[column] = max(widest + margin + GAP, header_need(header, column))
            if column >= ENTRY:  # wrapped at spaces: never narrower than a word, which would be cut
                words = {word for text in texts for word in pieces(text)}  # long ones broken (long_words)
                longest = max((metrics.horizontalAdvance(word) for word in words), default=0)
                self.least[column] = max(longest + margin, header_need(header, column))
        for column in range(ENTRY):
            header.resizeSection(column, self.needs[column])
        self.share()

    def share(self) -> None:
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(ENTRY))
        room = self.table.viewport().width() - fixed
        if room <= 0 or not self.needs:
            return
        recorded = min(self.needs[RECORDED], max(self.least[RECORDED], int(room * RECORDED_SHARE)))
        left_for_note = room - recorded - self.needs[ENTRY]
        note = min(self.needs[NOTE], max(self.least[NOTE], int(room * NOTE_SHARE), left_for_note))
        header.resizeSection(NOTE, note)
        header.resizeSection(RECORDED, recorded)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.viewport:
            self.share()
        elif event.type() == QEvent.Type.FontChange and watched is self.table:
            self.measure()
        return False
