"""History at a 16 pt font: the entries' text wraps and each row is as high as its text, fitted as rows come
into view (ui/history/row_heights.py, docs/translating.md "Room for larger fonts"). The window is started as the
``medjournal`` command starts it and walked with the keys a person presses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.history.history_model import HistoryRow
from medjournal.ui.history.history_view import HistoryView
from medjournal.ui.main_window import MainWindow
from tests.ui.cell_walk import cut_cells, elided_cells
from tests.ui.keys import CTRL, Keyboard, start_like_the_command
from tests.ui.test_large_font import system_font  # noqa: F401 - the 16 pt fixture
from tests.ui.walk_subjects import show_and_wait
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = datetime(2026, 3, 15, 19, 40)
NOTE = (
    "Nach der Treppe bei der Arbeit wieder das Knie, abends nach dem Spaziergang mit dem Hund besser; "
    "die Physiotherapeutin meint, die Übungen für den unteren Rücken täglich weiter zu machen"
)


def a_demo_with_late_entries(path: Path) -> None:
    """The demo's four months in German, and two entries typed in tonight for days of the week before, with
    long notes."""
    from medjournal.demo import write_demo

    journal = open_journal(path, FixedClock(NOW.astimezone()))
    write_demo(journal, days=120)
    journal.set_setting("language", "de")
    journal.add_treatment("exercise", day="2026-03-10", minutes=40, note=NOTE)
    journal.add_side_effect("nausea", 2, day="2026-03-12", note=NOTE.upper())
    journal.close()


def history_of(window: QWidget) -> HistoryView:
    return of_type(of_type(window, MainWindow).view("history"), HistoryView)


def in_german(
    monkeypatch: pytest.MonkeyPatch, journal_path: Path, session: Callable[[QWidget], None]
) -> None:
    """``medjournal --db JOURNAL`` on a journal whose language is German; the language put back after."""
    from medjournal.ui.language import apply_language

    try:
        assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), session) == 0
    finally:
        apply_language("en")


def history_with_the_keys(qtbot: QtBot, window: QWidget) -> tuple[HistoryView, Keyboard]:
    """The window at 1366×768 showing History, the keyboard in its list of entries."""
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    show_and_wait(qtbot, of_type(window, MainWindow), "history")
    view = history_of(window)
    view.focus_first()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    return view, Keyboard(qtbot)


def wait_fitted(qtbot: QtBot, view: HistoryView) -> None:
    qtbot.waitUntil(view.row_heights.settled)


def whole_on_screen(view: HistoryView, row: int) -> bool:
    top = view.table.rowViewportPosition(row)
    return top >= 0 and top + view.table.rowHeight(row) <= view.table.viewport().height()


@pytest.mark.usefixtures("system_font")
def test_at_16_pt_in_german_no_history_cell_is_cut_as_the_keys_walk_the_rows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path
) -> None:
    """``LANGUAGE=de medjournal`` at 1366×768 with a 16 pt font: every cell on screen holds its whole text (the
    check-ins' pain areas and the long notes wrap onto more lines), while Down, Page Down, Ctrl+End and
    Ctrl+Home move the selection a row or a page at a time and the selected row is always whole on screen. The
    entries typed in late stand under their own day."""
    a_demo_with_late_entries(journal_path)
    seen: dict[str, object] = {}
    tall_rows: list[int] = []
    cut: list[tuple[str, ...]] = []

    def look(view: HistoryView, where: str) -> None:
        wait_fitted(qtbot, view)
        cut.extend((where, *found) for found in cut_cells(view.table))
        current = view.table.currentIndex().row()
        if not whole_on_screen(view, current):
            cut.append((where, f"selected row {current} not whole on screen"))

    def session(window: QWidget) -> None:
        view, keys = history_with_the_keys(qtbot, window)
        look(view, "opened")
        tall_rows.append(sum(view.table.rowHeight(r) > view.table.rowHeight(1) for r in range(12)))
        rows = []
        for step in range(30):
            keys.press(Qt.Key.Key_Down)
            look(view, f"Down {step + 1}")
            rows.append(view.table.currentIndex().row())
        seen["Down"] = rows == list(range(1, 31))
        for step in range(4):
            keys.press(Qt.Key.Key_PageDown)
            look(view, f"Page Down {step + 1}")
        seen["paged past"] = view.table.currentIndex().row() > 40
        keys.press(Qt.Key.Key_End, CTRL)
        look(view, "Ctrl+End")
        seen["End"] = view.table.currentIndex().row() == view.model.rowCount() - 1
        keys.press(Qt.Key.Key_Home, CTRL)
        look(view, "Ctrl+Home")
        seen["Home"] = view.table.currentIndex().row()
        late = [of_type(view.model.row_at(r), HistoryRow) for r in range(view.model.rowCount())]
        seen["late days"] = [
            (row.day, [other.day for other in late[i - 1 : i + 2]])
            for i, row in enumerate(late)
            if row.note.lower().startswith(NOTE[:20].lower())
        ]
        window.close()

    in_german(monkeypatch, journal_path, session)
    assert cut == []
    assert tall_rows[0] >= 2  # the check-ins' pain areas take two lines or more
    assert {k: seen[k] for k in ("Down", "paged past", "End", "Home")} == {
        "Down": True, "paged past": True, "End": True, "Home": 0,
    }  # fmt: skip
    late_days = seen["late days"]
    assert isinstance(late_days, list) and len(late_days) == 2
    for day, around in late_days:  # between the entries of its own day and the days beside it, newest first
        assert day in (date(2026, 3, 10), date(2026, 3, 12))
        assert around == sorted(around, reverse=True) and day in around


@pytest.mark.usefixtures("system_font")
def test_only_the_rows_near_the_screen_are_fitted_and_a_narrower_window_fits_them_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path
) -> None:
    """A year of the demo, all of it shown (All): of more than a thousand rows only those on screen and a
    screenful beyond are measured; narrowed to 1200 pixels the rows grow to their rewrapped text, and Ctrl+End
    fits the last rows when they are reached. The selected entry's whole text is its cell's accessible name."""
    from medjournal.demo import write_demo

    journal = open_journal(journal_path, FixedClock(NOW.astimezone()))
    write_demo(journal, days=365)
    journal.add_treatment("exercise", day="2026-03-10", minutes=40, note=NOTE)  # typed in late
    journal.close()
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        view, keys = history_with_the_keys(qtbot, window)
        keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # All
        qtbot.waitUntil(lambda: view.model.rowCount() > 1000)
        wait_fitted(qtbot, view)
        seen["rows"] = view.model.rowCount()
        seen["fitted"] = len(view.row_heights.fitted)
        seen["cut at 1366"] = cut_cells(view.table)
        tall = view.table.rowHeight(0)
        window.resize(1200, 768)
        qtbot.waitUntil(lambda: window.width() == 1200)
        wait_fitted(qtbot, view)
        seen["taller at 1200"] = view.table.rowHeight(0) > tall
        seen["cut at 1200"] = cut_cells(view.table)
        view.table.setFocus()
        keys.press(Qt.Key.Key_End, CTRL)
        wait_fitted(qtbot, view)
        last = view.model.rowCount() - 1
        seen["last whole"] = whole_on_screen(view, last) and last in view.row_heights.fitted
        seen["cut at the end"] = cut_cells(view.table)
        seen["fitted in all"] = len(view.row_heights.fitted)
        late = view.model.find("treatments", max(t.id for t in view.journal.treatments()))
        assert late is not None
        view.select_row(late)
        wait_fitted(qtbot, view)
        cell = QAccessible.queryAccessibleInterface(view.table).focusChild()  # what a screen reader reads
        seen["accessible name"] = cell.text(QAccessible.Text.Name) if cell is not None else None
        seen["cut at the late entry"] = cut_cells(view.table)
        window.close()

    assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), session) == 0
    rows, fitted, in_all = seen.pop("rows"), seen.pop("fitted"), seen.pop("fitted in all")
    assert isinstance(rows, int) and isinstance(fitted, int) and isinstance(in_all, int)
    assert 10 < fitted < 80 < rows  # two screenfuls of rows, not a year of them
    assert in_all < 200
    name = seen.pop("accessible name")
    assert isinstance(name, str) and NOTE in name and "2026" in name
    assert seen == {
        "cut at 1366": [], "taller at 1200": True, "cut at 1200": [], "last whole": True,
        "cut at the end": [], "cut at the late entry": [],
    }  # fmt: skip


def a_late_side_effect_with(journal_path: Path, note: str) -> None:
    """The German demo with the late entries, and a side effect typed in late for 11 March with ``note``."""
    a_demo_with_late_entries(journal_path)
    journal = open_journal(journal_path, FixedClock(NOW.astimezone()))
    journal.add_side_effect("dizziness", 1, day="2026-03-11", note=note)
    journal.close()


def find_with_the_keys(qtbot: QtBot, window: QWidget, word: str) -> tuple[HistoryView, Keyboard]:
    """History at 1366×768; Ctrl+F, ``word`` typed, Enter: the keyboard in the list, on the entries found."""
    view, keys = history_with_the_keys(qtbot, window)
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type(word)
    keys.press(Qt.Key.Key_Return)  # to the list, on the entries found
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    wait_fitted(qtbot, view)
    return view, keys


@pytest.mark.usefixtures("system_font")
def test_a_note_longer_than_the_table_is_whole_in_the_box_under_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path
) -> None:
    """A side effect typed in late with a note of 1,500 characters: found with Ctrl+F, its row is as high as the
    table allows and its note ends in "…" there; Tab goes from the list to the box under it, named "Ausgewählter
    Eintrag", which holds the note whole; Shift+Tab goes back, and Down moves the box on to the next entry."""
    long_note = "Zwischenbericht: " + " ".join([NOTE] * 8)
    a_late_side_effect_with(journal_path, long_note)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        view, keys = find_with_the_keys(qtbot, window, "zwischenbericht")
        seen["found"] = view.model.rowCount()
        seen["row as high as the table allows"] = (
            view.table.rowHeight(0) == view.row_heights.height_of(0) > (view.table.viewport().height() // 2)
        )
        seen["cut in the table"] = [text[:15] for _where, text in cut_cells(view.table)]
        seen["ends in … in its row"] = [text[:15] for _where, text in elided_cells(view.table)]
        keys.press(Qt.Key.Key_Tab)
        seen["Tab to the box"] = QApplication.focusWidget() is view.details.box
        box = QAccessible.queryAccessibleInterface(view.details.box)  # what a screen reader says of it
        seen["name"] = box.text(QAccessible.Text.Name)
        seen["whole there"] = long_note in view.details.text()
        keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        seen["back to the list"] = QApplication.focusWidget() is view.table
        keys.press(Qt.Key.Key_F, CTRL)  # the search selected whole: Backspace clears it
        keys.press(Qt.Key.Key_Backspace)
        keys.press(Qt.Key.Key_Return)  # every entry again, the long one still selected
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
        before = view.details.text()
        seen["still the long one"] = long_note in before
        keys.press(Qt.Key.Key_Down)
        seen["box follows Down"] = view.details.text() != before and long_note not in view.details.text()
        window.close()

    in_german(monkeypatch, journal_path, session)
    assert seen == {
        "found": 1,
        "row as high as the table allows": True,
        "cut in the table": [],
        "ends in … in its row": [long_note[:15]],
        "Tab to the box": True,
        "name": "Ausgewählter Eintrag",
        "whole there": True,
        "back to the list": True,
        "still the long one": True,
        "box follows Down": True,
    }


@pytest.mark.usefixtures("system_font")
def test_a_note_of_a_thousand_characters_is_never_cut_silently(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path
) -> None:
    """A side effect typed in late with a note of 1,000 characters holding a pasted web address of 120 characters
    without a space: at 16 pt in German at 1366×768 its row ends in "…" after whole lines, the address wraps in
    the note column instead of running past its edge (and the note column is not made as wide as it), and Tab shows
    the whole note in the box under the table. The walk's check sees a silently cut cell: the same row drawn
    without "…" (Qt's elide mode none) is reported."""
    address = "https://physio.example.org/uebungen/unterer-ruecken/" + "x" * 68
    long_note = ("Bericht " + address + " " + " ".join([NOTE] * 6))[:1000]
    assert len(long_note) == 1000
    a_late_side_effect_with(journal_path, long_note)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        view, keys = find_with_the_keys(qtbot, window, "bericht")
        seen["found"] = view.model.rowCount()
        seen["cut silently"] = cut_cells(view.table)
        seen["ends in …"] = [text[:8] for _where, text in elided_cells(view.table)]
        header = view.table.horizontalHeader()
        seen["note column not sized to the address"] = (
            header.sectionSize(4) < view.table.viewport().width() / 2
        )
        keys.press(Qt.Key.Key_Tab)
        seen["whole in the box"] = long_note in view.details.text()
        keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        view.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # as if Qt drew no "…"
        seen["caught without …"] = [text[:8] for _where, text in cut_cells(view.table)]
        window.close()

    in_german(monkeypatch, journal_path, session)
    assert seen == {
        "found": 1,
        "cut silently": [],
        "ends in …": ["Bericht "],
        "note column not sized to the address": True,
        "whole in the box": True,
        "caught without …": ["Bericht "],
    }
