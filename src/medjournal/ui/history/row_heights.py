"""History's rows as high as their wrapped text, fitted lazily (docs/translating.md, "Room for larger fonts").

The table wraps its cells' text at word boundaries, and a row is made as high as its tallest cell, but only for
the rows on screen and a screenful beyond them: fitting all twenty thousand rows of a long journal at once took
about 9 seconds of CPU (Qt's ``ResizeToContents``). The rows are fitted again when the table scrolls, when it or
a column changes width, when the font changes and when the rows are loaded or filtered anew; a row already
fitted at the present widths is not measured again. A row is never taller than the table less one line, so that
a whole row can always be seen; a text longer than that (a note of thousands of characters) shows whole lines
ending in "…" in its row and stays whole in the box under the table that shows the selected entry
(``entry_details.py``); a word too long for its column is broken (``long_words.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView

ROW_PADDING = 10  # above and below a row's text, as the one-line rows have always had
AHEAD = (
    1.0  # the screenfuls beyond the last row shown that are fitted too, so Down and Page Down land on them
)


class RowHeights(QObject):
    """Keeps the heights of ``table``'s rows in and near its viewport fitted to their wrapped text."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.fitted: set[int] = set()  # rows measured at the present column widths and font
        table.setWordWrap(True)
        self._set_line_height()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fit)
        model = table.model()
        model.modelReset.connect(self.refit)
        model.layoutChanged.connect(self.refit)
        model.dataChanged.connect(self.refit)
        table.horizontalHeader().sectionResized.connect(self.refit)
        table.verticalScrollBar().valueChanged.connect(self.later)
        self.viewport = table.viewport()
        self.viewport.installEventFilter(self)
        table.installEventFilter(self)

    def _set_line_height(self) -> None:
        metrics = self.table.fontMetrics()
        self.line = metrics.height()
        self.table.verticalHeader().setDefaultSectionSize(self.line + ROW_PADDING)

    def later(self) -> None:
        """Fit once control returns to the event loop (many changes in a row are fitted once)."""
        self._pending.start()

    def settled(self) -> bool:
        """No fit is waiting for the event loop (tests wait for this rather than for time)."""
        return not self._pending.isActive()

    def refit(self) -> None:
        """The widths, the font or the rows changed: every row is measured again as it comes into view."""
        self.fitted.clear()
        self.later()

    def height_of(self, row: int) -> int:
        """The height ``row`` needs for its wrapped text, between one line and the viewport less one line."""
        table = self.table
        one_line = table.verticalHeader().defaultSectionSize()
        most = max(one_line, table.viewport().height() - self.line)
        return max(one_line, min(table.sizeHintForRow(row) + ROW_PADDING, most))

    def fit(self) -> int:
        """Fit the rows from the top one shown to a screenful beyond the last; the number of rows measured."""
        table = self.table
        model = table.model()
        rows = model.rowCount() if model is not None else 0
        if rows == 0 or not table.isVisible():
            return 0
        header = table.verticalHeader()
        current = table.currentIndex()
        was_whole = current.isValid() and self._whole(current.row())
        room = table.viewport().height() * (1 + AHEAD)
        row = max(table.rowAt(0), 0)
        used = measured = 0
        changed = False
        while row < rows and used < room:
            if row not in self.fitted:
                height = self.height_of(row)
                if header.sectionSize(row) != height:
                    header.resizeSection(row, height)
                    changed = True
                self.fitted.add(row)
                measured += 1
            used += header.sectionSize(row)
            row += 1
        if changed:
            table.updateGeometries()  # the scroll range for the new heights, before scrolling by it
            if was_whole and not self._whole(current.row()):
                table.scrollTo(current)  # the selected row grew past the edge: bring it back whole
        return measured

    def _whole(self, row: int) -> bool:
        top = self.table.rowViewportPosition(row)
        return top >= 0 and top + self.table.rowHeight(row) <= self.table.viewport().height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.viewport and kind == QEvent.Type.Resize:
            self.refit()  # the cap on a row's height follows the viewport; the widths follow it too
        elif watched is self.table and kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._set_line_height()
            self.refit()
        elif watched is self.table and kind == QEvent.Type.Show:
            self.later()
        return False
