"""Lists and tables that sit on a scrolling page grow to their rows: the page scrolls, never the list inside it.

A list given a height from a guess (a row is "the font's height plus 10", at most eight rows) scrolls inside itself
once the guess is wrong: at a 16 pt system font, with a ninth dose, or when its columns do not fit and a horizontal
scroll bar takes a row's room. Here the height comes from the rows Qt actually lays out, and the smallest width from
the columns' own contents, so the list shows every row and every column whole (docs/translating.md, "Room for
larger fonts").
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView


def _header_height(header: QHeaderView | None) -> int:
    if header is None or header.isHidden():
        return 0
    return header.sizeHint().height()  # not height(): a header not laid out yet has a made-up one


def rows_height(view: QAbstractItemView) -> int:
    """The height of every row of ``view`` as Qt lays them out (the root's rows; the lists here are flat)."""
    model = view.model()
    if model is None:
        return 0
    count = model.rowCount(QModelIndex())
    if isinstance(view, QTableView):
        return sum(view.verticalHeader().sectionSize(row) or view.sizeHintForRow(row) for row in range(count))
    return sum(max(view.sizeHintForRow(row), 0) for row in range(count))


def content_width(view: QTreeView | QTableView) -> int:
    """The width the columns need to show their titles and every cell whole."""
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    model = view.model()
    columns = model.columnCount(QModelIndex()) if model is not None else 0
    width = sum(
        max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        for column in range(columns)
        if not header.isSectionHidden(column)
    )
    if isinstance(view, QTableView) and not view.verticalHeader().isHidden():
        width += view.verticalHeader().sizeHint().width()
    return width + 2 * view.frameWidth()


def fit_to_rows(view: QTreeView | QTableView, least_rows: int = 1) -> int:
    """Give ``view`` the height of its header and all its rows (at least ``least_rows`` rows' worth, so an empty
    list is not a sliver) and the smallest width of its columns' contents; no scroll bar of its own. Returns the
    height set."""
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    rows = rows_height(view)
    model = view.model()
    count = model.rowCount(QModelIndex()) if model is not None else 0
    if count < least_rows:
        one = view.sizeHintForRow(0) if count else view.fontMetrics().height() + 8
        rows += one * (least_rows - count)
    height = _header_height(header) + rows + 2 * view.frameWidth()
    view.setMinimumWidth(content_width(view))
    view.setFixedHeight(height)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return height
