"""One write helper for every view (docs/architecture.md, "The window's sections"), through the real start-up
of the ``medjournal`` command: after a write each section reads the journal once, a failed write says its one
sentence (with the newest good backup) and refreshes nothing, and a bug shows "Copy details"."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from medjournal.domain.clock import FixedClock
from medjournal.domain.errors import JournalFileError
from medjournal.storage import open_journal
from medjournal.ui.errors import UnexpectedErrorDialog
from medjournal.ui.history.history_view import HistoryView
from medjournal.ui.main_window import SECTIONS, MainWindow
from medjournal.ui.summary.summary_view import SummaryView
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import Keyboard, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-01T21:30"
DAY = date(2026, 12, 1)
BACKUP = "/backups/journal-2026-11-30T2100.db"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    journal = open_journal(path, FixedClock(datetime.fromisoformat(NOW).astimezone()))
    journal.add_medication("Duloxetine", 60, times="08:00", start="2026-11-01")
    journal.add_checkin(day=DAY - timedelta(days=1), pain=5)
    journal.close()
    return path


def count_reads(window: Any, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Load every section and record each time one reads the journal again: ("key", None) for all of it,
    ("key", (first, last)) for some days (a section's own ``refresh_days`` calling ``refresh`` is one read)."""
    reads: list[tuple[str, object]] = []
    for section in SECTIONS:
        view = window.section(section.key)
        real_refresh, real_days = view.refresh, view.refresh_days
        inside: list[bool] = []

        def refresh(key: str = section.key, real: Any = real_refresh, inside: list[bool] = inside) -> None:
            if not inside:
                reads.append((key, None))
            real()

        def refresh_days(
            first: date,
            last: date,
            key: str = section.key,
            real: Any = real_days,
            inside: list[bool] = inside,
        ) -> None:
            reads.append((key, (first, last)))
            inside.append(True)
            try:
                real(first, last)
            finally:
                inside.pop()

        monkeypatch.setattr(view, "refresh", refresh)
        monkeypatch.setattr(view, "refresh_days", refresh_days)
    return reads


def read_pains(db: Path) -> list[tuple[date, int | None]]:
    journal = open_journal(db, FixedClock(datetime.fromisoformat(NOW).astimezone()))
    try:
        return [(c.day, c.pain) for c in journal.checkins()]
    finally:
        journal.close()


def test_a_save_on_today_makes_each_section_read_once_and_only_its_day(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        reads = count_reads(window, monkeypatch)
        main = of_type(window, MainWindow)
        main.show_section("today")
        today = of_type(main.view("today"), TodayView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is today.dose_list)  # the keys go to this window
        keys = Keyboard(qtbot)
        reads.clear()
        keys.play("Alt+P 6 Ctrl+S")
        seen["today"] = sorted(reads)
        reads.clear()
        today.set_day(DAY - timedelta(days=3))  # a missed day, filled in late
        reads.clear()
        keys.play("Alt+P 3 Ctrl+S")
        seen["late"] = sorted(reads)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    once = sorted((section.key, (DAY, DAY)) for section in SECTIONS)
    assert seen["today"] == once
    late = DAY - timedelta(days=3)
    assert seen["late"] == sorted((section.key, (late, late)) for section in SECTIONS)
    assert sorted(read_pains(db)) == [(late, 3), (DAY - timedelta(days=1), 5), (DAY, 6)]


def test_a_failed_write_says_the_newest_good_backup_keeps_the_text_and_reads_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    """The Summary's questions dropped the backup hint that every other view gave."""
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        reads = count_reads(window, monkeypatch)
        main = of_type(window, MainWindow)
        main.show_section("summary")
        summary = of_type(main.view("summary"), SummaryView)
        journal = main.journal

        def refuse(_text: str) -> None:
            raise JournalFileError("The journal file cannot be written.", newest_backup=BACKUP)

        monkeypatch.setattr(journal, "add_question", refuse)
        reads.clear()
        summary.question_edit.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is summary.question_edit)
        qtbot.keyClicks(summary.question_edit, "Can I take it in the evening?")
        qtbot.keyClick(summary.question_edit, Qt.Key.Key_Return)
        seen["status"] = summary.status_label.text()
        seen["kept"] = summary.question_edit.text()
        seen["reads"] = list(reads)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen["status"] == f"The journal file cannot be written. The newest good backup is {BACKUP}."
    assert seen["kept"] == "Can I take it in the evening?"  # nothing typed is lost
    assert seen["reads"] == []


def test_a_bug_in_a_write_shows_copy_details_and_the_window_goes_on(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        reads = count_reads(window, monkeypatch)
        main = of_type(window, MainWindow)
        main.show_section("summary")
        summary = of_type(main.view("summary"), SummaryView)
        journal = main.journal

        def broken(_text: str) -> None:
            raise RuntimeError("a bug in the journal code")

        monkeypatch.setattr(journal, "add_question", broken)
        reads.clear()
        qtbot.keyClicks(summary.question_edit, "Is the nausea usual?")
        qtbot.mouseClick(summary.add_question_button, Qt.MouseButton.LeftButton)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, UnexpectedErrorDialog)]
        seen["details"] = [d.details for d in dialogs if d.isVisible()]
        for dialog in dialogs:
            dialog.close()
        seen["kept"] = summary.question_edit.text()
        seen["reads"] = list(reads)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    [details] = seen["details"]
    assert "RuntimeError: a bug in the journal code" in details
    assert seen["kept"] == "Is the nausea usual?"
    assert seen["reads"] == []


def test_a_delete_and_its_undo_in_history_make_each_section_read_once_and_only_that_day(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    """Yesterday's check-in, typed in late: deleting it in History and putting it back each read only its day."""
    seen: dict[str, object] = {}
    yesterday = DAY - timedelta(days=1)

    def session(window: QWidget) -> None:
        reads = count_reads(window, monkeypatch)
        main = of_type(window, MainWindow)
        main.show_section("history")
        history = of_type(main.view("history"), HistoryView)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is history.table)
        [position] = [
            i
            for i, row in enumerate(map(history.model.row_at, range(history.model.rowCount())))
            if row is not None and row.table == "checkins"
        ]
        history.select_row(position)
        reads.clear()
        Keyboard(qtbot).press(Qt.Key.Key_Delete)
        seen["delete"] = sorted(reads)
        seen["after delete"] = read_pains(db)
        reads.clear()
        Keyboard(qtbot).press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        seen["undo"] = sorted(reads)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    once = sorted((section.key, (yesterday, yesterday)) for section in SECTIONS)
    assert seen["delete"] == once
    assert seen["after delete"] == []
    assert seen["undo"] == once
    assert read_pains(db) == [(yesterday, 5)]
