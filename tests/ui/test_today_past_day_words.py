"""Today on a day before today says "that day", never "today" (docs/today.md, "Missed a day"): the as-needed count
is of the day shown and says so, the question before one dose over the daily maximum names the day, and the
check-in's and treatments' labels speak of that day. Back on today they say "today" again.

The window is started as the ``medjournal`` command starts it, in English and in German; the day is chosen in
the day's calendar, the doses are logged with T, and the journal is read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from medjournal.ui import errors
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = "2026-12-06T19:30"
PAST = date(2026, 12, 4)
WORDS = {
    "en": {
        "count": "2 of at most 2 taken that day",
        "asked": "on December 4, 2026",
        "mood": "&Mood that day",
        "treatments": "Other treatments that day",
        "skip": "S&kip for that day",
        "count today": "0 of at most 2 taken",
        "mood today": "&Mood today",
    },
    "de": {
        "count": "2 von höchstens 2 an diesem Tag eingenommen",
        "asked": "am 4. Dezember 2026",
        "mood": "Sti&mmung an diesem Tag",
        "treatments": "Andere Behandlungen an diesem Tag",
        "skip": "Für diesen Tag &überspringen",
        "count today": "0 von höchstens 2 eingenommen",
        "mood today": "Sti&mmung heute",
    },
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_past_day_counts_and_asks_about_that_day(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.set_setting("language", language)
    journal.add_medication("Ibuprofen", 400, as_needed=True, max_daily=2, start="2026-11-01")
    journal.close()
    asked: list[str] = []

    def decline(parent: object, text: str, title: str = "") -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(errors, "ask_yes_no", decline)
    seen: dict[str, object] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        today = window.today()
        keys = Keyboard(qtbot)
        keys.play("Ctrl+1")
        today.day_edit.setDate(QDate(PAST.year, PAST.month, PAST.day))  # picked in the day's calendar
        qtbot.waitUntil(lambda: today.day() == PAST and today.late_banner.isVisible())
        today.dose_list.setFocus()  # a click on the list
        today.dose_list.setCurrentItem(today.dose_list.item(0))
        for _ in range(3):  # the third is one over the daily maximum: asked, and declined
            keys.press(Qt.Key.Key_T)
        seen["count"] = today.dose_list.item(0).text(3)
        seen["mood"] = today.checkin.mood_label.text()
        seen["treatments"] = today.treatments.title()
        card = today.questionnaires.card
        seen["skip"] = card.skip_button.text() if card.isVisibleTo(today) else "no questionnaire due"
        today.go_to_today()
        qtbot.waitUntil(lambda: today.day() == date(2026, 12, 6))
        seen["count today"] = today.dose_list.item(0).text(3)
        seen["mood today"] = today.checkin.mood_label.text()
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    finally:
        apply_language("en")
    words = WORDS[language]
    [question] = asked
    assert words["asked"] in question and "today" not in question and "heute" not in question
    assert {k: seen[k] for k in ("count", "mood", "treatments", "skip", "count today", "mood today")} == {
        k: words[k] for k in ("count", "mood", "treatments", "skip", "count today", "mood today")
    }
    journal = journal_at(db, NOW)
    try:
        logs = journal.dose_logs(PAST, PAST)
        assert [log.status for log in logs] == ["taken", "taken"]
        assert journal.dose_logs(date(2026, 12, 6), date(2026, 12, 6)) == []
    finally:
        journal.close()


def test_a_past_day_with_no_questionnaire_due_says_that_day(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PEG answered on the past day: nothing more is due that day, and the line says "that day"."""
    db = tmp_path / "journal.db"
    journal = journal_at(db, NOW)
    journal.add_medication("Duloxetine", 30, times="08:00", start="2026-11-01")
    journal.add_questionnaire("peg", [5, 5, 5], day=PAST)
    journal.close()
    seen: list[tuple[bool, str]] = []

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        today = window.today()
        Keyboard(qtbot).play("Ctrl+1")
        today.day_edit.setDate(QDate(PAST.year, PAST.month, PAST.day))  # picked in the day's calendar
        qtbot.waitUntil(lambda: today.day() == PAST and today.late_banner.isVisible())
        none_due = today.questionnaires.none_due
        seen.append((none_due.isVisibleTo(today), none_due.text()))
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW, session) == 0
    assert seen == [(True, "No questionnaire is due that day; the Journal menu has all of them.")]
