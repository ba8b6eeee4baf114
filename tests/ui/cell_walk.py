"""The walks' eyes for a table's cells (docs/translating.md, "Room for larger fonts"): a cell whose text is cut
with "…" while another column of the same table keeps room it does not use, and in a table that wraps its text
(History) any cell whose wrapped text is taller than its row or has a word wider than its column.

A cell may be cut when the table has no room left to give it (a long note at a large font is cut and whole in
its tooltip); it may not be cut while a column stands wider than anything it holds. A column's need is its
widest text among the first rows (the person's own texts included) or its title, whichever is wider; a column
sized for the widest value it can ever hold (the day column for "30 September") keeps up to ``SLACK`` pixels it
does not use today.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QHeaderView, QTableView

from medjournal.ui.history.history_columns import cell_margin, header_need

SAMPLE_ROWS = 3000
SLACK = 32


def _text(model: QAbstractItemModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)) or "").replace("\n", " ")


def _font(table: QTableView, model: QAbstractItemModel, row: int, column: int) -> QFont:
    font = model.data(model.index(row, column), Qt.ItemDataRole.FontRole)
    return font if isinstance(font, QFont) else table.font()


def _width(table: QTableView, model: QAbstractItemModel, row: int, column: int) -> int:
    return QFontMetrics(_font(table, model, row, column)).horizontalAdvance(_text(model, row, column))


def wrapped_size(text: str, font: QFont, width: int) -> tuple[float, float]:
    """The widest line and the height of ``text`` wrapped at word boundaries to ``width`` pixels, laid out as
    Qt's item delegate lays out a wrapped cell (a word wider than the width stays whole, and wider)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    widest = height = 0.0
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(layout.position())
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return widest, height


def _shown_rows(table: QTableView, rows: int) -> range:
    top = table.rowAt(0)
    bottom = table.rowAt(table.viewport().height() - 1)
    if top < 0:
        return range(0)
    return range(top, (bottom if bottom >= 0 else rows - 1) + 1)


def cut_cells(table: QTableView) -> list[tuple[str, str]]:
    """Every cell in the rows shown whose text does not fit it: wider than its column, or (in a table that wraps
    its text) with a word wider than its column or taller than its row."""
    model = table.model()
    if model is None:
        return []
    header: QHeaderView = table.horizontalHeader()
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    margin = cell_margin(table)
    found = []
    for row in _shown_rows(table, model.rowCount()):
        for column in columns:
            text = _text(model, row, column)
            room = header.sectionSize(column) - margin
            if table.wordWrap():
                widest, height = wrapped_size(text, _font(table, model, row, column), room)
                cut = widest > room + 1 or height > table.rowHeight(row)
            else:
                cut = _width(table, model, row, column) > room + 1
            if cut and text:
                found.append((f"QTableView cell {row},{column}", text))
    return found


def cramped_cells(table: QTableView) -> list[tuple[str, str]]:
    """The cells shown cut short while a column of ``table`` has room to spare; in a table that wraps its text,
    whose rows grow to their text, every cell shown cut short."""
    model = table.model()
    if model is None:
        return []
    if table.wordWrap():
        return cut_cells(table)
    header: QHeaderView = table.horizontalHeader()
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    rows = min(model.rowCount(), SAMPLE_ROWS)
    margin = cell_margin(table)
    spare = []
    for column in columns:
        widest = max((_width(table, model, row, column) for row in range(rows)), default=0)
        need = max(widest + margin, header_need(header, column))
        if header.sectionSize(column) > need + SLACK:
            spare.append(header.sectionSize(column) - need)
    if not spare:
        return []
    found = []
    for row in _shown_rows(table, model.rowCount()):
        for column in columns:
            if _width(table, model, row, column) + margin > header.sectionSize(column) + 1:
                found.append(
                    (f"QTableView cell {row},{column} ({max(spare)} px unused)", _text(model, row, column))
                )
    return found
