"""Today's two columns side by side when they fit the window, one above the other when they do not.

At a 16 pt system font (or in a long language on a small screen) the check-in's 0–10 row and the doses' columns
together are wider than the window: side by side, the page would scroll sideways and cut both. Stacked, each
column has the whole width and the page scrolls down only (docs/translating.md, "Room for larger fonts").
The choice follows the room the page has, so it changes when the window is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QLayout, QScrollArea


class StackingColumns(QObject):
    """Watches ``scroll``'s viewport and its page, and turns ``columns`` (holding ``first`` and ``second``)
    from left-to-right into top-to-bottom when the viewport is narrower than both columns' smallest widths."""

    def __init__(self, scroll: QScrollArea, page_layout: QLayout, columns: QBoxLayout) -> None:
        super().__init__(scroll)
        self.scroll = scroll
        self.page_layout = page_layout
        self.columns = columns
        scroll.viewport().installEventFilter(self)
        page = scroll.widget()
        if page is not None:
            page.installEventFilter(self)

    def side_by_side_width(self) -> int:
        """The page's smallest width with the columns side by side."""
        margins = self.page_layout.contentsMargins()
        widths = []
        for index in range(self.columns.count()):
            item = self.columns.itemAt(index)
            if item is not None and not item.isEmpty():
                widths.append(item.minimumSize().width())
        spacing = max(self.columns.spacing(), 0) * max(len(widths) - 1, 0)
        return margins.left() + margins.right() + sum(widths) + spacing

    def stacked(self) -> bool:
        return self.columns.direction() == QBoxLayout.Direction.TopToBottom

    def update(self) -> None:
        room = self.scroll.viewport().width()
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if room >= self.side_by_side_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.columns.direction() != wanted:
            self.columns.setDirection(wanted)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.update()
        return False
