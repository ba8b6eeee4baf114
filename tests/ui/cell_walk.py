"""The walks' eyes for a table's cells (docs/translating.md, "Room for larger fonts"): a cell whose text is cut
with "…" while another column of the same table keeps room it does not use, and in a table that wraps its text
(History) any cell cut silently: a word wider than its column, or text taller than its row with no "…" to say so.

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


def _shown_cells(table: QTableView) -> list[tuple[int, int, str, float, float, int]]:
    """(row, column, text, widest line, height, room) of every cell with text in the rows shown; in a table that
    does not wrap, the text's width and one line."""
    model = table.model()
    if model is None:
        return []
    header: QHeaderView = table.horizontalHeader()
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    margin = cell_margin(table)
    cells = []
    for row in _shown_rows(table, model.rowCount()):
        for column in columns:
            text = _text(model, row, column)
            room = header.sectionSize(column) - margin
            if not text:
                continue
            if table.wordWrap():
                widest, height = wrapped_size(text, _font(table, model, row, column), room)
            else:
                widest, height = _width(table, model, row, column), 0.0
            cells.append((row, column, text, widest, height, room))
    return cells


def _whole_lines(table: QTableView, row: int, font: QFont) -> bool:
    """Whether a wrapped cell of ``row`` that is cut shows whole lines ending in "…": Qt's delegate elides the
    last line that fits (unless the table's elide mode is none), so at least one line must fit."""
    elides = table.textElideMode() != Qt.TextElideMode.ElideNone
    return elides and table.rowHeight(row) >= QFontMetrics(font).height()


def cut_cells(table: QTableView) -> list[tuple[str, str]]:
    """Every cell in the rows shown whose text is cut without saying so: wider than its column, or (in a table
    that wraps its text) with a word wider than its column (Qt cuts it at the edge, with no "…"), or taller than
    its row where no "…" ends its last line. A wrapped text taller than its row whose last whole line ends in
    "…" is cut visibly, not silently: :func:`elided_cells` lists those."""
    model = table.model()
    found = []
    for row, column, text, widest, height, room in _shown_cells(table):
        if table.wordWrap():
            font = _font(table, model, row, column) if model is not None else table.font()
            taller = height > table.rowHeight(row)
            cut = widest > room + 1 or (taller and not _whole_lines(table, row, font))
        else:
            cut = widest > room + 1
        if cut:
            found.append((f"QTableView cell {row},{column}", text))
    return found


def elided_cells(table: QTableView) -> list[tuple[str, str]]:
    """The cells in the rows shown of a table that wraps its text whose text is taller than the row, shown as
    whole lines with the last one ending in "…" (the whole text must then be one key away)."""
    if not table.wordWrap():
        return []
    cut = set(cut_cells(table))
    return [
        (f"QTableView cell {row},{column}", text)
        for row, column, text, _widest, height, _room in _shown_cells(table)
        if height > table.rowHeight(row) and (f"QTableView cell {row},{column}", text) not in cut
    ]


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
