"""The German walk: a person chooses Deutsch in Settings › Language, starts medjournal again, and walks every
section, questionnaire and dialog at 1280×800 on the demo journal (warnings, a positive PHQ-2 and a safety flag
showing). It fails on a visible text that is an English message German has a translation for, and on a label,
button, header, tab, check box or combo box too narrow for its German text (docs/translating.md, "The German
walk")."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from medjournal import i18n
from medjournal.demo import write_demo
from medjournal.domain.clock import FixedClock
from medjournal.storage import open_journal
from medjournal.ui.journal.settings_dialog import SettingsDialog
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.ui.english_left import EnglishLeft
from tests.ui.keys import start_like_the_command
from tests.ui.pseudo_walk import clipped, visible_texts
from tests.ui.walk_subjects import (
    document_titles,
    look_at_dialogs,
    looking_at_lock_screen,
    person_data,
    show_and_wait,
    without_still_english,
)
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui

NOW = datetime(2026, 3, 15, 19, 40)  # the screenshots' evening: the notes to discuss are showing
SECTIONS = ("today", "medications", "history", "trends", "summary")
QUESTIONNAIRES = ("peg", "phq2", "phq9", "gad2", "pgic")


def choose_german_in_settings(qtbot: QtBot, window: MainWindow) -> None:
    """File › Settings…, Window language: the person types "Deutsch", then Save."""
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    combo = dialog.languages.window_language
    combo.setFocus()
    qtbot.keyClicks(combo, "Deutsch")
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_window_in_german_has_no_english_left_and_nothing_clipped(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, journal_path: Path, tmp_path: Path, qapp: QApplication
) -> None:
    clock = FixedClock(NOW.astimezone())
    demo = open_journal(journal_path, clock)
    write_demo(demo, days=120)
    demo.set_setting("country", "DE")  # the demo's person lives in Germany: German crisis lines
    # shown as they are: what the person typed, and what the test itself puts in (the recovery dialog's error
    # sentence, the CSV file's header row in the import dialog)
    own = person_data(demo, "The file is damaged.", "date", "time", "medication", "amount")
    own.append("GPL-3.0-or-later")  # About: the licence's SPDX identifier
    # the documentation dialog: the bundled documents' titles (English but for the German guide), as published
    own += document_titles("de")
    with i18n.use_language("de"):  # a note's source: a publication's title and finding, as published
        kept = [i18n._("Source: {source}")]
    english = EnglishLeft(own, kept)
    demo.close()
    monkeypatch.setenv("LANGUAGE", "en")  # an English system: the journal's setting is what makes it German
    font = QApplication.font()
    QApplication.setFont(QFont("DejaVu Sans", 10))  # a Linux desktop's usual font, as in docs/screenshots
    found: dict[str, list[tuple[str, str, str]]] = {}
    seen: dict[str, list[str]] = {}

    def look(place: str, root: QWidget) -> None:
        QApplication.processEvents()  # the layout of what was just shown settles
        texts = [(where, without_still_english(text)) for where, text in visible_texts(root)]
        left = english.find(texts)
        cut = [(f"clipped {where}", text, "") for where, text in clipped(root)]
        found[place] = left + cut

    def first_start(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        seen["first tabs"] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        choose_german_in_settings(qtbot, window)
        window.close()

    def walk(window: QWidget) -> None:
        assert isinstance(window, MainWindow)
        window.resize(1280, 800)
        qtbot.waitUntil(lambda: window.width() == 1280)
        seen["tabs"] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        for section in SECTIONS:
            show_and_wait(qtbot, window, section)
            look(section, window)
        for questionnaire in QUESTIONNAIRES:  # Journal › Fill in a questionnaire
            window.start_questionnaire(questionnaire)
            card = of_type(window.view("today"), TodayView).questionnaires.card
            qtbot.waitUntil(card.isVisible)
            look(questionnaire, window)
        looking_at_lock_screen(qtbot, window, lambda screen: look("lock screen", screen))
        look_at_dialogs(qtbot, window.journal, tmp_path, look)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        window.close()

    try:
        assert (
            start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), first_start) == 0
        )
        assert start_like_the_command(monkeypatch, journal_path, NOW.astimezone().isoformat(), walk) == 0
    finally:
        apply_language("en")
        QApplication.setFont(font)
    assert found == {place: [] for place in found}
    tabs = {key: [tab.replace("&", "") for tab in seen[key]][:2] for key in ("first tabs", "tabs")}
    assert tabs == {"first tabs": ["Today", "Medications"], "tabs": ["Heute", "Medikamente"]}
    assert set(found) >= {
        *SECTIONS,
        *QUESTIONNAIRES,
        "lock screen",
        "settings",
        "safety",
        "unlock",
        "edit checkins",
    }


def test_the_walk_sees_english_left_in_a_german_window(qtbot: QtBot, qapp: QApplication) -> None:
    """The check itself: an English message German translates is reported, filled in or not; a German text, the
    person's own words and a message German words the same are not."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    apply_language("de")
    try:
        root = QDialog()
        qtbot.addWidget(root)
        layout = QVBoxLayout(root)
        for text in (
            "Save &answers",  # left in English
            "Filled in 3 side effects from yesterday; change any and save.",  # a plural, filled in
            i18n._("Save &answers"),  # German
            "Duloxetine",  # the person's own
            "OK",
        ):
            layout.addWidget(QLabel(text))
        root.show()
        qtbot.waitExposed(root)
        hits = EnglishLeft().find(visible_texts(root))
    finally:
        apply_language("en")
    assert [(text, message) for _where, text, message in hits] == [
        ("Save answers", "Save answers"),
        (
            "Filled in 3 side effects from yesterday; change any and save.",
            "Filled in {n} side effects from yesterday; change any and save.",
        ),
    ]
