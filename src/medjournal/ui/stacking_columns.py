"""Two columns side by side when they fit the window, one above the other when they do not.

At a 16 pt system font (or in a long language on a small screen) Today's check-in 0–10 row and its doses' columns
together are wider than the window, and so are the Trends chart and its response beside it: side by side, the
page would scroll sideways and cut both. Stacked, each column has the whole width and the page scrolls down only
(docs/translating.md, "Room for larger fonts"). The choice follows the room the page has, so it changes when the
window is resized.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QLayout, QScrollArea, QWidget


class StackingColumns(QObject):
    """Watches a scroll area's viewport and its page, and turns ``columns`` from left-to-right into top-to-bottom
    when the viewport is narrower than the columns' smallest widths side by side.

    ``owner`` is the scroll area itself (Today scrolls inside itself), or a section's view that scrolls in the
    main window's section scroller: its scroll area is found when the view is first shown inside it.
    """

    def __init__(
        self,
        owner: QWidget,
        page_layout: QLayout,
        columns: QBoxLayout,
        changed: Callable[[bool], None] | None = None,
        wanted: Callable[[QWidget], int] | None = None,
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.scroll: QScrollArea | None = None
        self.page_layout = page_layout
        self.columns = columns
        self.changed = changed  # called with True when the columns stack, False when side by side again
        # the width a column's widget needs to be read whole, where that is more than the least it can be
        # squeezed to (the Trends chart: its lane titles, which it cuts rather than widen the page)
        self.wanted = wanted
        if isinstance(owner, QScrollArea):
            self._watch(owner)
        else:
            owner.installEventFilter(self)  # until it is first shown in its scroll area

    def _watch(self, scroll: QScrollArea) -> None:
        self.scroll = scroll
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
                widget = item.widget()
                wanted = self.wanted(widget) if self.wanted is not None and widget is not None else 0
                widths.append(max(item.minimumSize().width(), wanted))
        spacing = max(self.columns.spacing(), 0) * max(len(widths) - 1, 0)
        return margins.left() + margins.right() + sum(widths) + spacing

    def stacked(self) -> bool:
        return self.columns.direction() == QBoxLayout.Direction.TopToBottom

    def update(self) -> None:
        if self.scroll is None:
            return
        room = self.scroll.viewport().width()
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if room >= self.side_by_side_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.columns.direction() != wanted:
            self.columns.setDirection(wanted)
            if self.changed is not None:
                self.changed(self.stacked())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.owner and self.scroll is None:
            if event.type() == QEvent.Type.Show:
                scroll = _scroll_area_of(self.owner)
                if scroll is not None:
                    self.owner.removeEventFilter(self)
                    self._watch(scroll)
                    self.update()
        elif event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.update()
        return False


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent
