"""A new journal on an Austrian German desktop (``LANG=de_AT.UTF-8``): a PHQ-9 for last week typed in today on
the command line, then the window started as the ``medjournal`` command starts it. "Hilfe finden" on Today opens
the safety panel with Austria's reviewed lines, saying the country came from the system's settings, and the
journal keeps no country until the person chooses one (docs/clinical.md §6.2). The guided start offers the
country, prefilled from the locale; Settings names what "Automatic" gives."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from medjournal.ui.journal.settings_dialog import SettingsDialog
from medjournal.ui.language import apply_language
from medjournal.ui.main_window import MainWindow
from medjournal.ui.today.today_view import TodayView
from tests.conftest import NOW
from tests.test_cli_german import run
from tests.ui.keys import Keyboard, journal_at, start_like_the_command
from tests.ui.widgets import of_type

pytestmark = pytest.mark.gui


@pytest.fixture
def austrian_desktop(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    monkeypatch.setenv("LANGUAGE", "de")
    yield
    apply_language("en")


def test_help_on_today_shows_the_locales_lines_for_a_phq9_typed_in_late(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, austrian_desktop: Any
) -> None:
    db = tmp_path / "journal.db"
    last_week = (NOW.date() - timedelta(days=6)).isoformat()
    answered = run(db, "questionnaire", "phq9", "--answers", "1,1,1,1,1,1,1,1,2", "--date", last_week)
    assert answered.exit_code == 0, answered.output
    keys = Keyboard(qtbot)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        today = of_type(window.view("today"), TodayView)
        help_button = next(
            row.offer_buttons["help"]
            for row in today.warnings_panel.rows.values()
            if "help" in row.offer_buttons
        )
        seen["offer"] = help_button.text()
        help_button.setFocus()
        with qtbot.waitSignal(today.safety_panel_opened, timeout=5000) as opened:
            keys.press(Qt.Key.Key_Space)
        panel = opened.args[0]
        seen["panel"] = panel.plain_text()
        seen["box"] = panel.country.currentText()
        panel.read_button.setFocus()
        keys.press(Qt.Key.Key_Space)
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    assert seen["offer"] == "Hilfe finden"
    assert "TelefonSeelsorge: 142" in seen["panel"]
    assert "rufen Sie jetzt den Notruf an: 112." in seen["panel"]
    assert "Österreich stammt aus Ihren Systemeinstellungen" in seen["panel"]
    assert "0800 111 0 111" not in seen["panel"] and "143" not in seen["panel"]
    assert seen["box"] == "Österreich"
    journal = journal_at(db, NOW.isoformat())
    try:
        assert journal.setting("country") is None  # shown, not chosen for the person
        [event] = journal.safety_events()
        assert "142" in event.shown and "from the system" in event.shown
    finally:
        journal.close()


def test_the_guided_start_offers_the_locales_country_and_stores_the_persons_choice(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, austrian_desktop: Any
) -> None:
    db = tmp_path / "journal.db"
    keys = Keyboard(qtbot)
    seen: dict[str, Any] = {}

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.first_run_dialog is not None and window.first_run_dialog.isVisible())
        guided: Any = window.first_run_dialog
        guided.activateWindow()  # offscreen, nothing brings a new dialog to the front as a desktop does
        seen["prefilled"] = guided.country.currentText()
        keys.play("Alt+L")
        seen["focus"] = guided.focusWidget() is guided.country
        keys.press(Qt.Key.Key_Down)  # the next country in the list: Switzerland
        seen["chosen"] = guided.country.currentText()
        guided.reject()
        window.close()

    assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    assert seen == {"prefilled": "Österreich", "focus": True, "chosen": "Schweiz"}
    journal = journal_at(db, NOW.isoformat())
    try:
        assert journal.setting("country") == "CH"
    finally:
        journal.close()


def test_settings_names_the_country_automatic_gives(
    qtbot: Any, tmp_path: Path, austrian_desktop: Any
) -> None:
    apply_language("de")
    journal = journal_at(tmp_path / "journal.db", NOW.isoformat())
    try:
        dialog = SettingsDialog(journal)
        qtbot.addWidget(dialog)
        assert dialog.country.currentText() == "Automatisch (Österreich)"
        notes = [label.text() for label in dialog.findChildren(QLabel)]
        assert (
            "Automatisch: das Land Ihrer Systemeinstellungen, wenn medjournal dessen Krisentelefone kennt."
            in notes
        )
        dialog.save()
        assert journal.setting("country") is None  # saving Settings does not pin the locale's country
    finally:
        journal.close()


@pytest.mark.parametrize(
    ("phq9", "expected"),
    [
        (True, "Frage 9 erfasst Gedanken an Selbstverletzung"),  # the self-harm card, typed in late
        (False, "Quelle: FDA boxed warning for all antidepressants: Suizidgedanken und suizidales Verhalten"),
    ],
)
def test_german_today_cites_each_source_with_a_german_finding(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phq9: bool, expected: str
) -> None:
    """The self-harm card, the PHQ-9 card, the bleeding caution and the weekly mood question on German Today:
    "Quelle: <title as published>: <finding in German>" (docs/translating.md)."""
    from medjournal.domain import knowledge
    from tests.test_sources_german import german_journal

    db = tmp_path / "journal.db"
    german_journal(db, phq9)
    journal = journal_at(db, NOW.isoformat())
    journal.set_setting("language", "de")
    journal.close()
    seen: list[str] = []

    def session(window: QWidget) -> None:
        window = of_type(window, MainWindow)
        today = of_type(window.view("today"), TodayView)
        panel = today.warnings_panel
        for row in [*panel.rows.values(), *panel.prompt_rows.values()]:
            if getattr(row, "source", None) is not None:
                seen.append(row.source.text())
        window.close()

    try:
        assert start_like_the_command(monkeypatch, db, NOW.isoformat(), session) == 0
    finally:
        apply_language("en")
    assert (
        "Quelle: Cymbalta (duloxetine) US prescribing information, section 5.5: abnormale Blutungen" in seen
    )
    assert any(expected in text for text in seen), seen
    findings = [s["finding"] for s in knowledge.load("medications")["sources"].values() if "finding" in s]
    for text in seen:
        assert text.startswith("Quelle: ")
        assert not [finding for finding in findings if finding in text], text
