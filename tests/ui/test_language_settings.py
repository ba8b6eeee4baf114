"""Settings › Language: the window's language and the summary's are stored in the journal; the window starts in
the chosen language next time (docs/translating.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.domain.clock import FixedClock
from medjournal.storage import Journal, open_journal
from medjournal.ui.journal.settings_dialog import SettingsDialog
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.keys import start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


def _save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_the_languages_chosen_in_settings_are_stored(qtbot: QtBot, journal: Journal) -> None:
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    languages = dialog.languages
    assert languages.window_language.currentText() == "System default"
    assert [languages.summary_language.itemData(i) for i in range(languages.summary_language.count())] == [
        "",
        "en",
        "de",
    ]
    languages.window_language.setFocus()
    qtbot.keyClicks(languages.window_language, "Deutsch")  # the person types the language's first letters
    languages.summary_language.setFocus()
    qtbot.keyClicks(languages.summary_language, "English")
    _save(qtbot, dialog)
    assert (journal.setting("language"), journal.setting("summary_language")) == ("de", "en")

    again = SettingsDialog(journal)  # opened again: it shows what is stored, and saving keeps it
    qtbot.addWidget(again)
    assert again.languages.window_language.currentText() == "Deutsch"
    assert again.languages.summary_language.currentText() == "English"
    again.languages.window_language.setCurrentIndex(0)
    again.save()
    assert (journal.setting("language"), journal.setting("summary_language")) == ("", "en")


def test_a_code_without_a_catalogue_is_kept_rather_than_lost(qtbot: QtBot, journal: Journal) -> None:
    journal.set_setting("summary_language", "fr")  # e.g. set on the command line for a newer version
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    assert dialog.languages.summary_language.currentData() == "fr"
    dialog.save()
    assert journal.setting("summary_language") == "fr"


def test_the_window_starts_in_the_stored_language(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, clock: FixedClock
) -> None:
    stored = open_journal(journal_path, clock)
    stored.set_setting("language", "de")
    stored.close()
    monkeypatch.setenv("LANGUAGE", "en")  # the system says English; the journal's setting wins
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        seen["menus"] = [action.text() for action in window.menuBar().actions()]
        seen["tabs"] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        seen["day"] = of_type(window.view("today"), TodayView).day_edit.text()
        window.close()

    try:
        assert start_like_the_command(monkeypatch, journal_path, clock.now().isoformat(), session) == 0
        assert i18n.language() == "de"
    finally:
        apply_language("en")
    assert seen["menus"][:2] == ["&Datei", "&Tagebuch"]
    assert seen["tabs"][0].replace("&", "") == "Heute"
    with i18n.use_language("de"):  # "Sonntag, 15. März 2026", not "Sunday 15 March 2026"
        assert str(seen["day"]).startswith(i18n.format_date(clock.now().date(), "EEEE") + ",")


def test_a_german_window_shows_and_reads_decimal_commas(qtbot: QtBot, journal: Journal) -> None:
    """Hours slept of 7.5 are shown as 7,5 in German; a person typing 6,5 saves 6.5 (entered a day late)."""
    from datetime import timedelta

    from PySide6.QtWidgets import QLineEdit

    from medjournal.ui.history.entry_editor import EntryEditor

    yesterday = journal.today() - timedelta(days=1)
    checkin = journal.add_checkin(pain=5, sleep_hours=7.5, day=yesterday)
    apply_language("de")
    try:
        editor = EntryEditor(journal, "checkins", checkin.id)
        qtbot.addWidget(editor)
        editor.show()
        hours = next(e for e in editor.findChildren(QLineEdit) if e.text() == "7,5")
        hours.selectAll()
        qtbot.keyClicks(hours, "6,5")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert "Tageseintrag vom" in editor.windowTitle()
    finally:
        apply_language("en")
    saved = journal.checkins(yesterday, yesterday)
    assert [c.sleep_hours for c in saved] == [6.5]
