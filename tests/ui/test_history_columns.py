"""History's columns share the table's width (ui/history/history_columns.py, docs/translating.md "Room for larger
fonts"): the note and recorded columns take what they hold, the entry column the rest, and a text longer than
its column wraps in a row grown to it (ui/history/row_heights.py). The walks' check of table cells
(tests/ui/cell_walk.py) sees a table that wastes room."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.history.history_columns import NOTE, RECORDED
from medjournal.ui.history.history_view import HistoryView
from tests.ui.cell_walk import cramped_cells
from tests.ui.test_large_font import system_font  # noqa: F401 - the 16 pt fixture

pytestmark = pytest.mark.gui

NOW = datetime(2026, 3, 15, 19, 40)
LONG = "the knee again after the stairs at work, then better after the evening walk with the dog"


def test_the_walk_sees_a_cut_cell_beside_unused_room(qtbot: QtBot) -> None:
    table = QTableWidget(2, 3)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["Entry", "Note", "Recorded"])
    table.setWordWrap(False)
    table.setItem(0, 0, QTableWidgetItem(LONG))
    table.setItem(1, 0, QTableWidgetItem("short"))
    table.setColumnWidth(0, 120)
    table.setColumnWidth(1, 300)  # empty in every row
    table.setColumnWidth(2, 80)
    table.resize(640, 200)
    table.show()
    qtbot.waitExposed(table)
    assert [text for _where, text in cramped_cells(table)] == [LONG]
    table.setColumnWidth(1, table.horizontalHeader().sectionSizeFromContents(1).width())
    assert cramped_cells(table) == []  # still cut, but no room is left to give it


@pytest.mark.usefixtures("system_font")
def test_at_16_pt_the_entry_takes_the_room_the_empty_columns_leave(qtbot: QtBot, journal_path: Path) -> None:
    journal = open_journal(journal_path, FixedClock(NOW.astimezone()))
    journal.add_checkin(
        pain=6, mood=5, sleep=4, sleep_hours=6.5,
        locations=["lower_back_centre", "lower_back_left", "thigh_left", "buttock_left"],
        day="2026-03-14", at="2026-03-15 08:00",  # typed in late: "later" in the recorded column
    )  # fmt: skip
    journal.add_checkin(pain=5, mood=6, at="2026-03-15 19:00")
    view = HistoryView(journal)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(view.row_heights.settled)
    header = view.table.horizontalHeader()
    note, recorded = header.sectionSize(NOTE), header.sectionSize(RECORDED)
    assert note == view.columns.needs[NOTE] < 200  # no note anywhere: as wide as its title
    assert recorded == view.columns.needs[RECORDED]  # "later, 2026-03-15", whole
    assert header.sectionSize(3) == view.table.viewport().width() - sum(
        header.sectionSize(c) for c in (0, 1, 2, 4, 5)
    )
    assert cramped_cells(view.table) == []
    late = view.model.find("checkins", journal.checkins()[0].id)
    assert late is not None
    details = view.model.index(late, 3)
    whole = view.model.data(details)
    assert view.table.fontMetrics().horizontalAdvance(whole) > header.sectionSize(
        3
    )  # longer than its column …
    assert view.table.rowHeight(late) >= 2 * view.table.fontMetrics().height()  # … on more lines
    assert str(view.model.data(details, Qt.ItemDataRole.ToolTipRole)).startswith(whole + "\n")  # and here
    journal.add_checkin(pain=3, note=LONG * 2, day="2026-03-13", at="2026-03-15 19:30")
    view.refresh()
    qtbot.waitUntil(view.row_heights.settled)
    assert header.sectionSize(NOTE) == int(
        (view.table.viewport().width() - sum(header.sectionSize(c) for c in (0, 1, 2))) * 0.2
    )
    assert cramped_cells(view.table) == []  # the long note wraps in its column
    journal.close()
